"""Queries for the agreements as records: append a version (and rewrite the current version's
relational rows), read versions back, status reports and reactions, evidence documents, and the
set-based reads other features make of the current agreements (R13, linked parties, pages).

Writes take a ``Conn`` from :func:`transaction` so that the service appends its audit events in the
same transaction; reads take the database URL. SQLAlchemy Core only: DuckDB and PostgreSQL alike.
Times are naive UTC. Nothing here decides who may write: that is ``privacy.ownership``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, text

from leefbaar.storage import privacy_queries
from leefbaar.storage.agreement_tables import (
    afspraak,
    afspraak_document,
    afspraak_partij,
    afspraak_toezegging,
    afspraak_versie,
    toezegging_melding,
)
from leefbaar.storage.engine import get_engine

Conn = Connection
Row = dict[str, Any]

#: The columns of a version without its (large) document.
_META = [c for c in afspraak_versie.c if c.name != "document"]


def _rows(result: Any) -> list[Row]:
    return [dict(r._mapping) for r in result]


@contextmanager
def transaction(url: str) -> Iterator[Conn]:
    """One transaction that may also append to the processing log (serialised like every log write)."""
    with privacy_queries.transaction(url, log=True) as conn:
        yield conn


# --- versions -------------------------------------------------------------------------------------


def latest_version(conn: Conn, afspraak_id: str) -> Row | None:
    """The newest version of an agreement (with its document), inside a write transaction."""
    found = _rows(
        conn.execute(
            select(afspraak_versie)
            .where(afspraak_versie.c.afspraak_id == afspraak_id)
            .order_by(afspraak_versie.c.versie.desc())
            .limit(1)
        )
    )
    return found[0] if found else None


def existing_ids(conn: Conn, ids: Sequence[str]) -> set[str]:
    """Which of these agreement ids have a version already."""
    if not ids:
        return set()
    result = conn.execute(
        select(afspraak_versie.c.afspraak_id).where(afspraak_versie.c.afspraak_id.in_(list(ids))).distinct()
    )
    return {str(r[0]) for r in result}


def append_versions(
    conn: Conn,
    versions: Sequence[Mapping[str, Any]],
    current: Sequence[Mapping[str, Any]],
    parties: Sequence[Mapping[str, Any]],
    commitments: Sequence[Mapping[str, Any]],
) -> None:
    """Append versions and make them current: the relational rows of the agreements are replaced by
    ``current``, ``parties`` and ``commitments`` (rows of the new versions) in the same transaction."""
    if not versions:
        return
    ids = sorted({str(v["afspraak_id"]) for v in versions})
    conn.execute(insert(afspraak_versie), [dict(v) for v in versions])
    for table in (afspraak, afspraak_partij, afspraak_toezegging):
        conn.execute(delete(table).where(table.c.afspraak_id.in_(ids)))
    conn.execute(insert(afspraak), [dict(r) for r in current])
    if parties:
        conn.execute(insert(afspraak_partij), [dict(r) for r in parties])
    if commitments:
        conn.execute(insert(afspraak_toezegging), [dict(r) for r in commitments])


def version(url: str, afspraak_id: str, versie: int | None = None) -> Row | None:
    """One version with its document: the given one, or the current one."""
    query = select(afspraak_versie).where(afspraak_versie.c.afspraak_id == afspraak_id)
    query = (
        query.where(afspraak_versie.c.versie == versie)
        if versie is not None
        else query.order_by(afspraak_versie.c.versie.desc()).limit(1)
    )
    with get_engine(url).connect() as conn:
        found = _rows(conn.execute(query))
    return found[0] if found else None


def versions(url: str, afspraak_id: str) -> list[Row]:
    """Every version of an agreement without its document, oldest first."""
    query = (
        select(*_META).where(afspraak_versie.c.afspraak_id == afspraak_id).order_by(afspraak_versie.c.versie)
    )
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


def current_documents(url: str) -> list[Row]:
    """The current version of every agreement (the whole version row), national ones first."""
    query = (
        select(afspraak_versie)
        .select_from(
            afspraak.join(
                afspraak_versie,
                and_(
                    afspraak_versie.c.afspraak_id == afspraak.c.afspraak_id,
                    afspraak_versie.c.versie == afspraak.c.versie,
                ),
            )
        )
        .order_by(afspraak.c.soort.desc(), afspraak.c.afspraak_id)
    )
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


def current_agreements(url: str, gemeentecode: str | None = None) -> list[Row]:
    """The current agreements (one row each, no document), optionally of one municipality."""
    query = select(afspraak).order_by(
        afspraak.c.soort.desc(), afspraak.c.startdatum.desc(), afspraak.c.afspraak_id
    )
    if gemeentecode is not None:
        query = query.where(afspraak.c.gemeentecode == gemeentecode)
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


def current_parties(url: str, ids: Sequence[str]) -> list[Row]:
    """The parties of the current version of these agreements, in id order."""
    if not ids:
        return []
    query = (
        select(afspraak_partij)
        .where(afspraak_partij.c.afspraak_id.in_(list(ids)))
        .order_by(afspraak_partij.c.afspraak_id, afspraak_partij.c.partij_id)
    )
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


def agreement_count(url: str) -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(afspraak)).scalar_one())


# --- what other features read -----------------------------------------------------------------------


def local_agreements_with_care(url: str, peildatum: date) -> list[Row]:
    """Local agreements (current version) in force in the reference year, each flagged
    ``met_zorgpartner`` when one of its parties is of soort 'zorgpartner' (R13)."""
    sql = """SELECT a.afspraak_id, a.gemeentecode, a.startdatum, a.einddatum,
               EXISTS (SELECT 1 FROM afspraak_partij p WHERE p.afspraak_id = a.afspraak_id
                       AND p.versie = a.versie AND p.soort = 'zorgpartner') AS met_zorgpartner
        FROM afspraak a
        WHERE a.soort = 'lokaal' AND a.startdatum <= :eind AND a.einddatum >= :begin
        ORDER BY a.gemeentecode, a.afspraak_id"""
    params = {"begin": date(peildatum.year, 1, 1), "eind": date(peildatum.year, 12, 31)}
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(text(sql), params))


def partner_lists(url: str, organisatie: str) -> list[list[str]]:
    """The party ids of every current local agreement that names ``organisatie`` as a party."""
    sql = """SELECT p.afspraak_id, p.partij_id FROM afspraak_partij p
        JOIN afspraak a ON a.afspraak_id = p.afspraak_id AND a.versie = p.versie
        WHERE a.soort = 'lokaal' AND p.afspraak_id IN (
            SELECT q.afspraak_id FROM afspraak_partij q JOIN afspraak b
                ON b.afspraak_id = q.afspraak_id AND b.versie = q.versie
            WHERE q.partij_id = :org)
        ORDER BY p.afspraak_id, p.partij_id"""
    lists: dict[str, list[str]] = {}
    with get_engine(url).connect() as conn:
        for r in conn.execute(text(sql), {"org": organisatie}):
            lists.setdefault(str(r[0]), []).append(str(r[1]))
    return list(lists.values())


def parties_of_kind(url: str, soort: str) -> int:
    """How many parties of this kind are known (current ``partij`` rows): the members of a collective."""
    sql = """SELECT count(DISTINCT partij_id) FROM partij WHERE soort = :soort"""
    with get_engine(url).connect() as conn:
        return int(conn.execute(text(sql), {"soort": soort}).scalar_one())


def party_names(url: str, ids: Sequence[str]) -> dict[str, str]:
    """Names of parties from the ``partij`` table (latest version)."""
    if not ids:
        return {}
    params = {f"p{i}": pid for i, pid in enumerate(ids)}
    marks = ", ".join(f":{k}" for k in params)
    sql = f"""SELECT partij_id, naam FROM (
        SELECT partij_id, naam, row_number() OVER (PARTITION BY partij_id ORDER BY peildatum DESC, import_id DESC) AS rn
        FROM partij WHERE partij_id IN ({marks})) t WHERE rn = 1"""
    with get_engine(url).connect() as conn:
        return {str(r[0]): str(r[1]) for r in conn.execute(text(sql), params)}


# --- status reports and reactions -------------------------------------------------------------------


def next_melding_id(conn: Conn) -> int:
    return int(conn.execute(text("SELECT nextval('toezegging_melding_seq')")).scalar_one())


def append_melding(conn: Conn, row: Mapping[str, Any]) -> None:
    conn.execute(insert(toezegging_melding).values(**row))


def melding_in(conn: Conn, melding_id: int) -> Row | None:
    found = _rows(
        conn.execute(select(toezegging_melding).where(toezegging_melding.c.melding_id == melding_id))
    )
    return found[0] if found else None


def meldingen(url: str, afspraak_id: str, toezegging_id: str | None = None) -> list[Row]:
    """Every report and reaction on an agreement (or one of its commitments), oldest first."""
    query = select(toezegging_melding).where(toezegging_melding.c.afspraak_id == afspraak_id)
    if toezegging_id is not None:
        query = query.where(toezegging_melding.c.toezegging_id == toezegging_id)
    query = query.order_by(toezegging_melding.c.gemeld_op, toezegging_melding.c.melding_id)
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


def meldingen_by(url: str, organisatie: str, limit: int) -> list[Row]:
    """The newest reports and reactions an organisation made, newest first."""
    query = (
        select(toezegging_melding)
        .where(toezegging_melding.c.organisatie == organisatie)
        .order_by(toezegging_melding.c.gemeld_op.desc(), toezegging_melding.c.melding_id.desc())
        .limit(limit)
    )
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


def versions_by(url: str, organisatie: str, limit: int) -> list[Row]:
    """The newest agreement versions recorded for an organisation, newest first (no documents)."""
    query = (
        select(*_META)
        .where(afspraak_versie.c.organisatie == organisatie)
        .order_by(afspraak_versie.c.vastgelegd_op.desc(), afspraak_versie.c.afspraak_id)
        .limit(limit)
    )
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


# --- evidence documents -----------------------------------------------------------------------------


def insert_document(conn: Conn, row: Mapping[str, Any]) -> None:
    conn.execute(insert(afspraak_document).values(**row))


def document(url: str, document_id: str) -> Row | None:
    """A stored document with its bytes."""
    with get_engine(url).connect() as conn:
        found = _rows(
            conn.execute(select(afspraak_document).where(afspraak_document.c.document_id == document_id))
        )
    return found[0] if found else None


def document_meta(url: str, ids: Sequence[str]) -> dict[str, Row]:
    """Name, media type, size and SHA-256 of stored documents (without their bytes)."""
    if not ids:
        return {}
    columns = [c for c in afspraak_document.c if c.name != "inhoud"]
    query = select(*columns).where(afspraak_document.c.document_id.in_(list(ids)))
    with get_engine(url).connect() as conn:
        return {str(r["document_id"]): r for r in _rows(conn.execute(query))}
