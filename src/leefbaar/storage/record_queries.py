"""Reading single records for the write path (services.records): the current version of one record,
the current records of one owner, and the lock that makes "check the version, then write" atomic.

"Current" is the schema's one rule (``tables.CURRENT_FIRST``): the latest peildatum, then the latest
import. Portable SQL for DuckDB and PostgreSQL 15.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text

from leefbaar.storage.engine import Backend, backend_of, get_engine
from leefbaar.storage.import_values import ident
from leefbaar.storage.tables import CURRENT_FIRST, SAME_DAY_VERSIONS, current_first, metadata

Row = dict[str, Any]

#: First half of the PostgreSQL advisory lock of record writes (the second is the table's CRC).
_RECORD_LOCK_CLASS = 7_055_120
_process_locks: dict[tuple[str, str], threading.Lock] = {}
_process_locks_guard = threading.Lock()


def _check_table(table: str) -> None:
    if table not in SAME_DAY_VERSIONS:
        raise ValueError(f"{table} kent geen losse records")


def _key_condition(key: Mapping[str, Any], alias: str = "t") -> tuple[str, dict[str, Any]]:
    """``alias.column = :k0 AND ...``; a key part without a value matches NULL (an empty element)."""
    parts, params = [], {}
    for i, (column, value) in enumerate(key.items()):
        if value is None:
            parts.append(f"{alias}.{ident(column)} IS NULL")
        else:
            parts.append(f"{alias}.{ident(column)} = :k{i}")
            params[f"k{i}"] = value
    return " AND ".join(parts), params


def _columns(table: str) -> str:
    return ", ".join(f"t.{ident(c.name)}" for c in metadata.tables[table].columns)


def current_record(url: str, table: str, key: Mapping[str, Any]) -> Row | None:
    """The current version of the record with natural key ``key`` (column -> typed value), with
    ``peildatum``, ``import_id`` and ``gewijzigd_op`` (when its import finished); None when absent."""
    _check_table(table)
    where, params = _key_condition(key)
    sql = f"""SELECT {_columns(table)}, l.voltooid_op AS gewijzigd_op
        FROM {table} t LEFT JOIN import_log l ON l.import_id = t.import_id
        WHERE {where} ORDER BY {current_first("t")} LIMIT 1"""
    with get_engine(url).connect() as conn:
        found = conn.execute(text(sql), params).mappings().first()
    return None if found is None else dict(found)


def record_of_import(url: str, table: str, import_id: int) -> Row:
    """The one row an import of a single record wrote, with ``gewijzigd_op``."""
    _check_table(table)
    sql = f"""SELECT {_columns(table)}, l.voltooid_op AS gewijzigd_op
        FROM {table} t JOIN import_log l ON l.import_id = t.import_id WHERE t.import_id = :i"""
    with get_engine(url).connect() as conn:
        return dict(conn.execute(text(sql), {"i": import_id}).mappings().one())


def current_records(
    url: str,
    table: str,
    key: Sequence[str],
    owner_column: str,
    owner: str | None,
    offset: int,
    limit: int,
) -> list[Row]:
    """The current version of every record of ``table`` whose current owner is ``owner`` (None: every
    owner), ordered by key, ``limit`` from ``offset``."""
    _check_table(table)
    keys = ", ".join(ident(k) for k in key)
    params: dict[str, Any] = {"offset": offset, "limit": limit}
    inner = outer = ""
    if owner is not None:
        params["owner"] = owner
        outer = f"AND {ident(owner_column)} = :owner"
        if owner_column in key:
            # The owner is part of the key: filter before the window, which then numbers far fewer rows.
            inner = f"WHERE t.{ident(owner_column)} = :owner"
    sql = f"""SELECT v.*, l.voltooid_op AS gewijzigd_op FROM (
            SELECT {_columns(table)}, row_number() OVER (PARTITION BY {keys} ORDER BY {CURRENT_FIRST}) AS versie_rang
            FROM {table} t {inner}) v
        LEFT JOIN import_log l ON l.import_id = v.import_id
        WHERE v.versie_rang = 1 {outer}
        ORDER BY {", ".join(f"v.{ident(k)}" for k in key)} LIMIT :limit OFFSET :offset"""
    with get_engine(url).connect() as conn:
        rows = conn.execute(text(sql), params).mappings().all()
    return [{k: v for k, v in r.items() if k != "versie_rang"} for r in rows]


def _process_lock(url: str, table: str) -> threading.Lock:
    with _process_locks_guard:
        return _process_locks.setdefault((url, table), threading.Lock())


@contextmanager
def record_lock(url: str, table: str) -> Iterator[None]:
    """Serialise the writes of single records of ``table``: between reading the current version
    (to compare it with the writer's ``If-Match``) and writing the new one, no other record write
    of that table can land. A process lock (DuckDB is embedded in one process) and, on PostgreSQL,
    a session advisory lock held for the whole block, so server processes wait for each other too.
    """
    _check_table(table)
    with _process_lock(url, table):
        if backend_of(url) is not Backend.POSTGRES:
            yield
            return
        lock_id = zlib.crc32(table.encode()) & 0x7FFFFFFF
        with get_engine(url).connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:a, :b)"), {"a": _RECORD_LOCK_CLASS, "b": lock_id})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(
                    text("SELECT pg_advisory_unlock(:a, :b)"), {"a": _RECORD_LOCK_CLASS, "b": lock_id}
                )
                conn.commit()


def party_name(url: str, party_id: str) -> str | None:
    """The name of the current version of a party, None when it is unknown."""
    sql = f"SELECT naam FROM partij WHERE partij_id = :p ORDER BY {CURRENT_FIRST} LIMIT 1"
    with get_engine(url).connect() as conn:
        found = conn.execute(text(sql), {"p": party_id}).scalar()
    return None if found is None else str(found)
