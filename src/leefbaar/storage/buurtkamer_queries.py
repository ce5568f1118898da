"""Read queries for the buurtkamers of a municipality or a buurt, as the pages and the API list them.

The current version of every buurtkamer on a date (the latest peildatum on or before it, then the
latest import: ``tables.CURRENT_FIRST``), whether it is open on that date (``rule_sql.buurtkamer_open``,
the rule the monitor counts by), and the parties it names. Portable SQL for DuckDB and PostgreSQL 15.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text

from leefbaar.storage.engine import get_engine
from leefbaar.storage.rule_sql import buurtkamer_open
from leefbaar.storage.tables import CURRENT_FIRST

Row = dict[str, Any]

_COLUMNS = (
    "buurtkamer_id, naam, buurtcode, indelingsjaar, corporatie_id, partners, geopend_op, gesloten_op, "
    "activiteiten, adres, jaarkosten_eur, betaald_door, bezoekers_per_jaar, activiteiten_per_jaar, peildatum"
)


def buurtkamers(
    url: str,
    op: date,
    *,
    gemeentecode: str | None = None,
    buurtcode: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[Row]:
    """The buurtkamers in a municipality (its code in the buurtcode, as the monitor counts them) or
    in one buurt, by name: their current version on ``op``, the buurt's name and ``is_open`` (1 or 0)
    on ``op``. A buurtkamer that has not opened yet on ``op`` is listed too (``is_open`` 0)."""
    if (gemeentecode is None) == (buurtcode is None):
        raise ValueError("geef een gemeentecode of een buurtcode")
    where = "k.buurtcode = :buurt" if buurtcode else "substr(k.buurtcode, 3, 4) = :gemeente"
    page = " LIMIT :limit OFFSET :offset" if limit is not None else ""
    sql = f"""SELECT k.*, r.naam AS buurtnaam, 'GM' || substr(k.buurtcode, 3, 4) AS gemeentecode,
               CASE WHEN {buurtkamer_open(":op", "k")} THEN 1 ELSE 0 END AS is_open
        FROM (SELECT {_COLUMNS} FROM (
                SELECT b.*, row_number() OVER (PARTITION BY buurtkamer_id ORDER BY {CURRENT_FIRST}) AS versie
                FROM buurtkamer b WHERE peildatum <= :op) v
              WHERE versie = 1) k
        LEFT JOIN regio r ON r.code = k.buurtcode AND r.indelingsjaar = k.indelingsjaar
        WHERE {where}
        ORDER BY k.naam, k.buurtkamer_id{page}"""
    params: dict[str, Any] = {
        "op": op,
        "buurt": buurtcode,
        "gemeente": (gemeentecode or "")[2:],
        "limit": limit,
        "offset": offset,
    }
    with get_engine(url).connect() as conn:
        return [dict(r) for r in conn.execute(text(sql), params).mappings().all()]


def parties(url: str, ids: Iterable[str]) -> dict[str, Row]:
    """The current version (id, soort, naam) of the named parties, by id; unknown ids are left out."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    sql = f"""SELECT partij_id, soort, naam FROM (
            SELECT p.*, row_number() OVER (PARTITION BY partij_id ORDER BY {CURRENT_FIRST}) AS versie
            FROM partij p WHERE partij_id IN :ids) v
        WHERE versie = 1"""
    statement = text(sql).bindparams(bindparam("ids", expanding=True))
    with get_engine(url).connect() as conn:
        return {r["partij_id"]: dict(r) for r in conn.execute(statement, {"ids": wanted}).mappings().all()}
