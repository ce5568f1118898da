"""How the liveability queries reach the database: SQL in, Arrow out, on DuckDB and PostgreSQL alike.

Shared by :mod:`leefbaar.storage.liveability_inputs` and :mod:`leefbaar.storage.liveability_runs`:
quoting of literals and VALUES lists, running a query into an Arrow table (:func:`fetch`) and fixing
the column types of a result (:func:`typed`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from leefbaar.storage.engine import Backend, backend_of, get_engine


def quote(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def values_list(rows: Iterable[Sequence[object]]) -> str:
    """The rows of a ``VALUES`` list: NULL as VARCHAR, floats as DOUBLE PRECISION, the rest as text."""
    parts = []
    for row in rows:
        cells = []
        for cell in row:
            if cell is None:
                cells.append("CAST(NULL AS VARCHAR)")
            elif isinstance(cell, float):
                cells.append(f"CAST({cell!r} AS DOUBLE PRECISION)")
            else:
                cells.append(quote(str(cell)))
        parts.append("(" + ", ".join(cells) + ")")
    return ", ".join(parts)


def fetch(url: str, sql: str, column_types: Mapping[str, pa.DataType] | None = None) -> pa.Table:
    """Run ``sql`` and return Arrow. On PostgreSQL without nested loops: the row estimates of the
    windowed CTEs are far too low (rank = 1 filters), and a nested loop over 100,000 x 18,000 rows
    takes minutes where a hash join takes a second. Booleans come back as t/f there."""
    if backend_of(url) is Backend.DUCKDB:
        raw = get_engine(url).raw_connection()
        try:
            duck: Any = raw.driver_connection
            # DuckDB draws a progress bar on stdout for long queries; it would garble CLI output.
            duck.execute("SET enable_progress_bar = false")
            return duck.sql(sql).to_arrow_table()
        finally:
            raw.close()
    raw = get_engine(url).raw_connection()
    try:
        pg: Any = raw.driver_connection
        buffer = io.BytesIO()
        cur = pg.cursor()
        cur.execute("SET LOCAL enable_nestloop = off")
        with cur.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv, HEADER true)") as copy:
            for chunk in copy:
                buffer.write(chunk)
        pg.rollback()
    finally:
        raw.close()
    buffer.seek(0)
    if buffer.getbuffer().nbytes == 0:
        return pa.table({})
    options = pacsv.ConvertOptions(
        column_types=dict(column_types or {}),
        strings_can_be_null=True,
        true_values=["t", "true"],
        false_values=["f", "false"],
    )
    return pacsv.read_csv(buffer, convert_options=options)


def typed(table: pa.Table, types: Mapping[str, pa.DataType]) -> pa.Table:
    """Cast columns to fixed types (PostgreSQL results come back through CSV type inference)."""
    kolommen = {}
    for naam, soort in types.items():
        kolom = table.column(naam)
        kolommen[naam] = kolom if kolom.type == soort else kolom.cast(soort)
    return pa.table(kolommen)
