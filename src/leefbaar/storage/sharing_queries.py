"""Queries behind the sharing pages and commands: parties by id, one agreement, ending an agreement,
the signals an organisation sent.

Kept apart from ``privacy_queries`` (which holds the queries the processing log depends on) so
the sharing screens can grow without touching the log's storage. Functions that must share a
transaction with the processing log take a ``Conn`` from ``privacy_queries.transaction``. All SQL
is SQLAlchemy Core, so it runs on DuckDB and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select, update

from leefbaar.storage.engine import get_engine
from leefbaar.storage.privacy_queries import Conn
from leefbaar.storage.privacy_tables import gegevensdelingsovereenkomst, signaal
from leefbaar.storage.tables import partij


def _rows(result: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in result]


def parties_by_id(url: str, party_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The latest stored version (partij_id, soort, naam) of each of the given parties that exists."""
    wanted = sorted(set(party_ids))
    if not wanted:
        return {}
    query = (
        select(partij.c.partij_id, partij.c.soort, partij.c.naam)
        .where(partij.c.partij_id.in_(wanted))
        .order_by(partij.c.partij_id, partij.c.peildatum.desc(), partij.c.import_id.desc())
    )
    found: dict[str, dict[str, Any]] = {}
    with get_engine(url).connect() as conn:
        for row in _rows(conn.execute(query)):
            # Newest peildatum first: the first row per id is the current version.
            found.setdefault(row["partij_id"], row)
    return found


def agreement_by_id(conn: Conn, agreement_id: str) -> dict[str, Any] | None:
    g = gegevensdelingsovereenkomst
    found = _rows(conn.execute(select(g).where(g.c.overeenkomst_id == agreement_id)))
    return found[0] if found else None


def set_agreement_end(conn: Conn, agreement_id: str, einddatum: date) -> int:
    """Give an agreement its (earlier) end date; returns the number of rows changed."""
    g = gegevensdelingsovereenkomst
    result = conn.execute(update(g).where(g.c.overeenkomst_id == agreement_id).values(einddatum=einddatum))
    return int(result.rowcount or 0)


def sent_signal_summaries(url: str, provider: str) -> list[dict[str, Any]]:
    """What a provider may list about the signals it sent: no household, no pseudonym, no text."""
    s = signaal
    query = (
        select(
            s.c.signaal_id,
            s.c.ontvanger,
            s.c.overeenkomst_id,
            s.c.categorie,
            s.c.doel,
            s.c.signaaldatum,
            s.c.verwijderdatum,
        )
        .where(s.c.verstrekker == provider)
        .order_by(s.c.signaaldatum.desc(), s.c.signaal_id)
    )
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))
