"""Monitor queries about areas and their parties: social rent (R10), the urgentieverordening and
woonzorgvisie (R11, R12), buurtkamers (R5), and the municipalities and parties an evaluation names.
R7 (the Volkshuisvestingsfonds) reads ``storage.vhf_queries``; R13 the stored agreements
(``storage.agreement_queries``).

Area indicators group by ``nationaal``, ``provincie`` and ``gemeente`` only (:data:`shared.AREA_SCOPES`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from leefbaar.storage.monitor_queries.shared import (
    AREA_SCOPES,
    Row,
    connect,
    current_facts,
    fetch_rows,
    provincie_cte,
    scoped,
)
from leefbaar.storage.rule_sql import sociale_huur

# ----------------------------------------------------------------------------- R10 social rent


def social_rent(url: str, peildatum: date, scopes: Iterable[str]) -> list[Row]:
    """All dwellings, social rent as ``rule_sql.sociale_huur`` defines it (association dwellings in the
    social segment or without one: ``corporatie``; other social rent: ``overig_sociaal``) and
    overige_huur without a segment (unknown), per area scope; aggregated per municipality first."""
    select, group = scoped(scopes, AREA_SCOPES)
    with connect(url) as conn:
        woning = current_facts(conn, "woning", peildatum)
        sql = f"""WITH {provincie_cte()},
        pg AS (SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode, count(*) AS woningen,
                      count(*) FILTER (WHERE eigendom = 'corporatie' AND {sociale_huur()}) AS corporatie,
                      count(*) FILTER (WHERE eigendom = 'overige_huur' AND {sociale_huur()})
                          AS overig_sociaal,
                      count(*) FILTER (WHERE eigendom = 'overige_huur' AND huursegment IS NULL) AS onbekend
               FROM {woning} w GROUP BY 'GM' || substr(buurtcode, 3, 4)),
        c AS (SELECT pg.*, gp.provinciecode
              FROM pg LEFT JOIN gp ON gp.gemeentecode = pg.gemeentecode)
        SELECT {select}, sum(woningen) AS woningen,
               sum(corporatie) AS corporatie, sum(overig_sociaal) AS overig_sociaal, sum(onbekend) AS onbekend
        FROM c {group}"""
        return fetch_rows(conn, sql, {"p": peildatum})


# ----------------------------------------------------------------------------- R11 / R12


def municipalities(url: str) -> list[Row]:
    """Every municipality of the latest indeling with its name and province."""
    with connect(url) as conn:
        sql = """SELECT r.code AS gemeentecode, r.naam, r.provinciecode FROM regio r
        WHERE r.niveau = 'gemeente' AND r.indelingsjaar = (
            SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente')
        ORDER BY r.code"""
        return fetch_rows(conn, sql, {})


def parties(url: str, peildatum: date) -> list[Row]:
    """Current parties (id, soort, naam, gemeentecode)."""
    with connect(url) as conn:
        partij = current_facts(conn, "partij", peildatum)
        sql = f"SELECT partij_id, soort, naam, gemeentecode FROM {partij} p ORDER BY partij_id"
        return fetch_rows(conn, sql, {"p": peildatum})


def latest_instruments(url: str, peildatum: date, table: str) -> list[Row]:
    """Per municipality the latest urgentieverordening or woonzorgvisie adopted on or before the date."""
    if table not in ("urgentieverordening", "woonzorgvisie"):
        raise ValueError(f"onbekende instrumenttabel '{table}'")
    with connect(url) as conn:
        current = current_facts(conn, table, peildatum)
        sql = f"""SELECT * FROM (
            SELECT i.*, row_number() OVER (PARTITION BY gemeentecode ORDER BY vastgesteld_op DESC) AS rang
            FROM {current} i WHERE vastgesteld_op <= :p) x
        WHERE rang = 1 ORDER BY gemeentecode"""
        return fetch_rows(conn, sql, {"p": peildatum})


def buurtkamers(url: str, peildatum: date) -> list[Row]:
    """Buurtkamers opened on or before the date per municipality and per association."""
    with connect(url) as conn:
        kamer = current_facts(conn, "buurtkamer", peildatum)
        select, group = scoped(("gemeente", "corporatie"))
        sql = f"""WITH c AS (
            SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode, corporatie_id
            FROM {kamer} k WHERE geopend_op <= :p)
        SELECT {select}, count(*) AS aantal FROM c {group}"""
        return [r for r in fetch_rows(conn, sql, {"p": peildatum}) if r["scope_code"] is not None]
