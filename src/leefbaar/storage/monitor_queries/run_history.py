"""The monitor's history (append-only): store a run with its verdicts, read runs, verdicts and trends.

:func:`append_run` writes a run whole or not at all (bulk: COPY on PostgreSQL, ``read_csv`` on DuckDB);
nothing is ever updated. :func:`data_version` is the data version a run is stored with.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from leefbaar.storage.engine import Backend, backend_of, get_engine
from leefbaar.storage.monitor_queries.shared import Row, fetch_rows


def data_version(url: str) -> int | None:
    """The data version: the highest import id so far (None for an empty database)."""
    with get_engine(url).connect() as conn:
        value = conn.execute(text("SELECT max(import_id) FROM import_log")).scalar()
    return None if value is None else int(value)


_EVALUATIE_COLUMNS = (
    "run_id",
    "afspraak_id",
    "toezegging_id",
    "requirement",
    "indicator",
    "titel",
    "eenheid",
    "scope_soort",
    "scope_code",
    "variant",
    "status",
    "waarde",
    "doel",
    "vergelijking",
    "afstand",
    "volledigheid",
    "deadline",
    "uitleg",
    "bewijs",
)


def append_run(
    url: str,
    peildatum: date,
    data_versie: int | None,
    scope: str | None,
    rows: Sequence[Mapping[str, Any]],
    gestart_op: datetime | None = None,
) -> int:
    """Append one evaluation run and its rows in one transaction; returns the new run id.
    ``gestart_op``: when the run started (default: now), stored as the moment the pages name.

    ``rows`` carry the keys of ``evaluatie`` except ``run_id``; ``bewijs`` may be any JSON-able value.
    Nothing is ever updated: a run is written whole or not at all.
    """
    engine = get_engine(url)
    with engine.begin() as conn:
        run_id = int(conn.execute(text("SELECT nextval('evaluatie_run_seq')")).scalar_one())
        conn.execute(
            text(
                "INSERT INTO evaluatie_run (run_id, peildatum, data_versie, gestart_op, scope, aantal) "
                "VALUES (:run_id, :peildatum, :data_versie, :gestart_op, :scope, :aantal)"
            ),
            {
                "run_id": run_id,
                "peildatum": peildatum,
                "data_versie": data_versie,
                "gestart_op": gestart_op or datetime.now().replace(microsecond=0),
                "scope": scope,
                "aantal": len(rows),
            },
        )
        records = [
            tuple(
                run_id
                if c == "run_id"
                else json.dumps(r.get(c), ensure_ascii=False)
                if c == "bewijs"
                else r.get(c)
                for c in _EVALUATIE_COLUMNS
            )
            for r in rows
        ]
        _bulk_insert(conn, url, "evaluatie", _EVALUATIE_COLUMNS, records)
    return run_id


#: DuckDB types of the ``evaluatie`` columns for ``read_csv`` (everything else is VARCHAR).
_DUCK_TYPES = {"run_id": "BIGINT", "waarde": "DOUBLE", "doel": "DOUBLE", "afstand": "DOUBLE"}
_DUCK_TYPES |= {"volledigheid": "DOUBLE", "deadline": "DATE"}
_NULL = "\\N"


def _bulk_insert(
    conn: Connection, url: str, table: str, columns: Sequence[str], records: Sequence[tuple[Any, ...]]
) -> None:
    """Insert many rows in bulk: COPY on PostgreSQL; on DuckDB a temporary CSV file read with ``read_csv``.

    (Parameter binding of thousands of rows is slow in DuckDB, and an Arrow scan pulls in pandas.)
    """
    if not records:
        return
    driver: Any = conn.connection.driver_connection
    col_list = ", ".join(columns)
    if backend_of(url) is Backend.POSTGRES:
        with driver.cursor().copy(f"COPY {table} ({col_list}) FROM STDIN") as copy:
            for record in records:
                copy.write_row(record)
        return
    handle, path = tempfile.mkstemp(prefix="leefbaar-evaluatie-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows(tuple(_NULL if v is None else v for v in record) for record in records)
        types = ", ".join(f"'{c}': '{_DUCK_TYPES.get(c, 'VARCHAR')}'" for c in columns)
        driver.execute(
            f"INSERT INTO {table} ({col_list}) SELECT {col_list} FROM read_csv('{path}', header = true, "
            f"quote = '\"', escape = '\"', nullstr = '{_NULL}', columns = {{{types}}})"
        )
    finally:
        os.unlink(path)


def runs(url: str, scope: str | None = None) -> list[Row]:
    """Evaluation runs, newest first; with ``scope`` ('gemeente:GM0363') only runs that cover it."""
    with get_engine(url).connect() as conn:
        sql = "SELECT * FROM evaluatie_run r"
        params: dict[str, Any] = {}
        if scope is not None:
            soort, _, code = scope.partition(":")
            sql += """ WHERE EXISTS (SELECT 1 FROM evaluatie e WHERE e.run_id = r.run_id
                       AND e.scope_soort = :soort AND e.scope_code = :code)"""
            params = {"soort": soort, "code": code}
        return fetch_rows(conn, sql + " ORDER BY run_id DESC", params)


def evaluations(
    url: str,
    run_id: int,
    scope_soort: str | None = None,
    scope_code: str | None = None,
    toezegging_id: str | None = None,
) -> list[Row]:
    """Stored verdicts of one run, optionally of one scope and/or one commitment."""
    where = ["run_id = :run_id"]
    params: dict[str, Any] = {"run_id": run_id}
    for column, value in (
        ("scope_soort", scope_soort),
        ("scope_code", scope_code),
        ("toezegging_id", toezegging_id),
    ):
        if value is not None:
            where.append(f"{column} = :{column}")
            params[column] = value
    sql = f"""SELECT * FROM evaluatie WHERE {" AND ".join(where)}
    ORDER BY requirement, afspraak_id, toezegging_id, scope_soort, scope_code, variant"""
    with get_engine(url).connect() as conn:
        return fetch_rows(conn, sql, params)


def history(url: str, toezegging_id: str, scope_soort: str, scope_code: str) -> list[Row]:
    """Every stored verdict of one commitment for one scope, with its run's peildatum, oldest first."""
    sql = """SELECT r.run_id, r.peildatum, r.data_versie, r.gestart_op, e.variant, e.status, e.waarde,
               e.doel, e.afstand, e.volledigheid
        FROM evaluatie e JOIN evaluatie_run r ON r.run_id = e.run_id
        WHERE e.toezegging_id = :t AND e.scope_soort = :s AND e.scope_code = :c
        ORDER BY r.peildatum, r.run_id, e.variant"""
    with get_engine(url).connect() as conn:
        return fetch_rows(conn, sql, {"t": toezegging_id, "s": scope_soort, "c": scope_code})


def earlier_values(url: str, peildatum: date) -> list[Row]:
    """Per commitment x scope x variant the value of the latest run of every earlier peildatum (trend)."""
    sql = """SELECT toezegging_id, scope_soort, scope_code, variant, peildatum, waarde FROM (
            SELECT e.toezegging_id, e.scope_soort, e.scope_code, e.variant, r.peildatum, e.waarde,
                   row_number() OVER (PARTITION BY e.toezegging_id, e.scope_soort, e.scope_code, e.variant,
                                      r.peildatum ORDER BY r.run_id DESC) AS rang
            FROM evaluatie e JOIN evaluatie_run r ON r.run_id = e.run_id
            WHERE r.peildatum < :p AND e.waarde IS NOT NULL) x
        WHERE rang = 1"""
    with get_engine(url).connect() as conn:
        return fetch_rows(conn, sql, {"p": peildatum})


#: The newest run that judged more than one municipality (a run for one scope does not replace it).
_LAATSTE_BREDE_RUN = """laatste AS (
            SELECT run_id FROM evaluatie WHERE scope_soort = 'gemeente'
            GROUP BY run_id HAVING count(DISTINCT scope_code) > 1
            ORDER BY run_id DESC LIMIT 1
        )"""


def municipality_statuses(url: str) -> list[Row]:
    """Per municipality the status of every commitment judged for more than one municipality, from
    the newest run that judged more than one (a run for one scope does not replace the map).

    Rows: run_id, peildatum, afspraak_id, toezegging_id, variant, titel, scope_code, status.
    """
    sql = f"""
        WITH {_LAATSTE_BREDE_RUN}, breed AS (
            SELECT e.toezegging_id, e.variant FROM evaluatie e JOIN laatste l ON l.run_id = e.run_id
            WHERE e.scope_soort = 'gemeente'
            GROUP BY e.toezegging_id, e.variant HAVING count(*) > 1
        )
        SELECT e.run_id, r.peildatum, e.afspraak_id, e.toezegging_id, e.variant, e.titel, e.scope_code,
               e.status
        FROM evaluatie e
        JOIN laatste l ON l.run_id = e.run_id
        JOIN breed b ON b.toezegging_id = e.toezegging_id AND b.variant = e.variant
        JOIN evaluatie_run r ON r.run_id = e.run_id
        WHERE e.scope_soort = 'gemeente'
        ORDER BY e.requirement, e.toezegging_id, e.variant, e.scope_code"""
    with get_engine(url).connect() as conn:
        return fetch_rows(conn, sql, {})


def municipality_verdicts(url: str, toezegging_id: str, variant: str = "") -> list[Row]:
    """Every municipality's stored verdict of one commitment (and rule variant) from the run the map
    shows (:func:`municipality_statuses`), with that run's peildatum; empty when there is none."""
    sql = f"""
        WITH {_LAATSTE_BREDE_RUN}
        SELECT e.*, r.peildatum FROM evaluatie e
        JOIN laatste l ON l.run_id = e.run_id
        JOIN evaluatie_run r ON r.run_id = e.run_id
        WHERE e.scope_soort = 'gemeente' AND e.toezegging_id = :t AND e.variant = :v
        ORDER BY e.scope_code"""
    with get_engine(url).connect() as conn:
        return fetch_rows(conn, sql, {"t": toezegging_id, "v": variant})
