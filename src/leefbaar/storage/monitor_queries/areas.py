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
from leefbaar.storage.rule_sql import buurtkamer_open, sociale_huur

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


def buurtkamers(url: str, peildatum: date) -> tuple[list[Row], list[Row]]:
    """R5 buurtkamers on the date: per municipality and per association those open
    (``rule_sql.buurtkamer_open``) and those closed on or before it, with the yearly costs and reach
    reported for the open ones; and every buurtkamer opened on or before the date (the evidence),
    closed ones first, most recently closed first, then by name."""
    with connect(url) as conn:
        kamer = current_facts(conn, "buurtkamer", peildatum)
        select, group = scoped(("gemeente", "corporatie"))
        is_open = buurtkamer_open(":p")
        sql = f"""WITH c AS (
            SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode, corporatie_id,
                   CASE WHEN {is_open} THEN 1 ELSE 0 END AS is_open,
                   jaarkosten_eur, bezoekers_per_jaar, activiteiten_per_jaar
            FROM {kamer} k WHERE geopend_op <= :p)
        SELECT {select}, sum(is_open) AS aantal, count(*) - sum(is_open) AS gesloten,
               sum(jaarkosten_eur) FILTER (WHERE is_open = 1) AS jaarkosten,
               count(jaarkosten_eur) FILTER (WHERE is_open = 1) AS kosten_gemeld,
               sum(bezoekers_per_jaar) FILTER (WHERE is_open = 1) AS bezoekers,
               count(bezoekers_per_jaar) FILTER (WHERE is_open = 1) AS bezoekers_gemeld,
               sum(activiteiten_per_jaar) FILTER (WHERE is_open = 1) AS activiteiten,
               count(activiteiten_per_jaar) FILTER (WHERE is_open = 1) AS activiteiten_gemeld
        FROM c {group}"""
        counts = [r for r in fetch_rows(conn, sql, {"p": peildatum}) if r["scope_code"] is not None]
        sql = f"""SELECT * FROM (
            SELECT k.buurtkamer_id, k.naam, k.buurtcode, r.naam AS buurtnaam,
                   'GM' || substr(k.buurtcode, 3, 4) AS gemeentecode, k.corporatie_id, k.geopend_op,
                   k.gesloten_op, CASE WHEN {buurtkamer_open(":p", "k")} THEN 1 ELSE 0 END AS is_open
            FROM {kamer} k LEFT JOIN regio r ON r.code = k.buurtcode AND r.indelingsjaar = k.indelingsjaar
            WHERE k.geopend_op <= :p) x
        ORDER BY is_open, CASE WHEN is_open = 0 THEN gesloten_op END DESC NULLS LAST, naam, buurtkamer_id"""
        return counts, fetch_rows(conn, sql, {"p": peildatum})
