"""Read queries for an organisation's own home page: the imports it ran and how fresh its data is.
Portable SQL for DuckDB and PostgreSQL 15."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from leefbaar.storage.engine import get_engine
from leefbaar.storage.tables import CURRENT_FIRST

Row = dict[str, Any]


def _query(url: str, sql: str, params: dict[str, Any]) -> list[Row]:
    with get_engine(url).connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def imports_by(url: str, organisatie: str, limit: int) -> list[Row]:
    """The newest imports run by accounts of ``organisatie`` (newest first)."""
    sql = """SELECT import_id, soort, bestandsnaam, rijen, peildatum, gebruiker, voltooid_op
             FROM import_log WHERE organisatie = :org
             ORDER BY voltooid_op DESC, import_id DESC LIMIT :limit"""
    return _query(url, sql, {"org": organisatie, "limit": limit})


def freshness_by(url: str, organisatie: str) -> list[Row]:
    """Per import kind that ``organisatie`` supplied: the newest reference date, the newest import
    and how many imports there were (by kind)."""
    sql = """SELECT soort, max(peildatum) AS nieuwste_peildatum, max(voltooid_op) AS laatste_import,
                    count(*) AS imports
             FROM import_log WHERE organisatie = :org GROUP BY soort ORDER BY soort"""
    return _query(url, sql, {"org": organisatie})


def organisation_name(url: str, organisatie: str) -> str | None:
    """The name of a party (its latest version), or of a municipality (its latest division year)."""
    rows = _query(
        url,
        f"SELECT naam FROM partij WHERE partij_id = :org ORDER BY {CURRENT_FIRST} LIMIT 1",
        {"org": organisatie},
    )
    if not rows:
        sql = "SELECT naam FROM regio WHERE code = :org ORDER BY indelingsjaar DESC LIMIT 1"
        rows = _query(url, sql, {"org": organisatie})
    return str(rows[0]["naam"]) if rows else None
