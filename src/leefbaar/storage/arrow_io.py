"""Move query results between the databases and Arrow in bulk (no row-by-row Python).

DuckDB hands Arrow over directly; PostgreSQL streams ``COPY ... TO STDOUT`` as CSV, which Arrow's
multi-threaded CSV reader parses; the reverse direction uses ``COPY ... FROM STDIN``.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import text

from leefbaar.storage.engine import Backend, backend_of, driver, get_engine


def fetch_arrow(url: str, sql: str, column_types: dict[str, pa.DataType] | None = None) -> pa.Table:
    """Run ``sql`` on the database at ``url`` and return the result as an Arrow table."""
    engine = get_engine(url)
    if backend_of(url) is Backend.DUCKDB:
        raw = engine.raw_connection()
        try:
            return driver(raw).sql(sql).to_arrow_table()
        finally:
            raw.close()
    raw = engine.raw_connection()
    try:
        buffer = io.BytesIO()
        with driver(raw).cursor().copy(f"COPY ({sql}) TO STDOUT (FORMAT csv, HEADER true)") as copy:
            for chunk in copy:
                buffer.write(chunk)
        raw.rollback()
    finally:
        raw.close()
    buffer.seek(0)
    if buffer.getbuffer().nbytes == 0:
        return pa.table({})
    options = pacsv.ConvertOptions(column_types=column_types or {}, strings_can_be_null=True)
    return pacsv.read_csv(buffer, convert_options=options)


def copy_duckdb_query_to_postgres(duck: Any, sql: str, url: str, table: str, columns: list[str]) -> int:
    """Write the result of a DuckDB query into a PostgreSQL table with COPY; returns the row count.

    Runs in its own PostgreSQL transaction: the rows land whole or not at all.
    """
    handle, path = tempfile.mkstemp(prefix="leefbaar-copy-", suffix=".csv")
    os.close(handle)
    try:
        duck.execute(f"COPY ({sql}) TO '{path}' (FORMAT csv, HEADER true)")
        raw = get_engine(url).raw_connection()
        try:
            cur = driver(raw).cursor()
            col_list = ", ".join(f'"{c}"' for c in columns)
            with (
                open(path, "rb") as source,
                cur.copy(f"COPY {table} ({col_list}) FROM STDIN (FORMAT csv, HEADER true)") as copy,
            ):
                while chunk := source.read(1 << 20):
                    copy.write(chunk)
            count = cur.rowcount
            raw.commit()
        finally:
            raw.close()
    finally:
        os.unlink(path)
    return int(count)


def scalar(url: str, sql: str, params: dict[str, Any] | None = None) -> Any:
    with get_engine(url).connect() as conn:
        return conn.execute(text(sql), params or {}).scalar()
