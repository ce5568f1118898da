"""Shared by the benchmarks: a scratch PostgreSQL database, filled from a DuckDB demo by COPY."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_postgres(server: str, prefix: str) -> Iterator[str]:
    """A new, migrated database on ``server`` (a LEEFBAAR_TEST_POSTGRES_URL), dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    from leefbaar.storage import engine as storage_engine
    from leefbaar.storage import migrate

    admin = make_url(server)
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    dsn = f"host={admin.host} port={admin.port} user={admin.username} dbname={admin.database}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = admin.set(database=name).render_as_string(hide_password=False)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        storage_engine.dispose(url)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def copy_tables(duckdb_file: Path, url: str, tables: Iterable[str]) -> None:
    """Copy whole tables from a DuckDB file into the PostgreSQL database at ``url`` (COPY, per table)."""
    import duckdb

    from leefbaar.storage.arrow_io import copy_duckdb_query_to_postgres

    duck = duckdb.connect(str(duckdb_file), read_only=True)
    try:
        for table in tables:
            columns = [row[0] for row in duck.execute(f"DESCRIBE {table}").fetchall()]
            copy_duckdb_query_to_postgres(duck, f"SELECT * FROM {table}", url, table, columns)
    finally:
        duck.close()
