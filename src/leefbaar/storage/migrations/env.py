"""Alembic environment: runs migrations on the connection handed over by leefbaar.storage.migrate."""

from __future__ import annotations

from alembic import context
from alembic.ddl.postgresql import PostgresqlImpl

from leefbaar.storage.tables import metadata


class DuckDBImpl(PostgresqlImpl):
    """DuckDB speaks enough PostgreSQL DDL for our migrations."""

    __dialect__ = "duckdb"
    transactional_ddl = True


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=False)
with context.begin_transaction():
    context.run_migrations()
