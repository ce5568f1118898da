"""Monitor queries over the association stock: R1 condition 5/6, defects and labels, investments.

Each returns plain counts or sums per scope (or per association); ``services.monitor`` gives them
their meaning. R1 and the stock indicators read the per-complex stock of :func:`shared.stock_cte`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from leefbaar.domain.housing import PlanSoort, PlanStatus
from leefbaar.domain.restructuring import SLOOP_VOORZIEN_STATUSSEN
from leefbaar.rules.indicators import R1Regel
from leefbaar.storage.monitor_queries.restructuring import complex_plans_sql
from leefbaar.storage.monitor_queries.shared import (
    Row,
    connect,
    current_facts,
    fetch_rows,
    provincie_cte,
    scoped,
    stock_cte,
)
from leefbaar.storage.rule_sql import slechte_conditie

# ----------------------------------------------------------------------------- R1 condition 5/6


def _r1_complex_cte(conn: Connection, peildatum: date) -> str:
    """Per complex and municipality: dwellings, the score under each R1 rule, its date, demolition.

    - complexscore: the latest complex-level measurement (``element IS NULL``);
    - slechtste_element: the highest score among the latest measurement of every element, falling
      back to the complex score when the complex has no element measurements;
    - herbouwwaarde_gewogen: sum(score x vervangingswaarde) / sum(vervangingswaarde) over the latest
      element measurements, rounded half up (4.5 -> 5) with exact arithmetic, ``floor((2s + w) / 2w)``.
    Only a plan with soort 'sloop' and status 'concreet' exempts (``sloop``); an intention does not,
    and a withdrawn plan (status 'ingetrokken') does not count at all. ``herstructurering`` names a
    municipal restructuring plan with demolition that lists the complex: shown, not an exemption
    (ADR 0027).
    """
    meting = current_facts(conn, "conditiemeting", peildatum)
    plan = current_facts(conn, "plan", peildatum)
    herstructurering = complex_plans_sql(conn, peildatum, tuple(s.value for s in SLOOP_VOORZIEN_STATUSSEN))
    return f"""{stock_cte(conn, peildatum)},
    {provincie_cte()},
    cm AS (SELECT corporatie_id, complexnummer, element, score, vervangingswaarde_eur, meetdatum,
                  row_number() OVER (PARTITION BY corporatie_id, complexnummer, element
                                     ORDER BY meetdatum DESC) AS rang
           FROM {meting} m WHERE meetdatum <= :p),
    cs AS (SELECT corporatie_id, complexnummer, score, meetdatum FROM cm WHERE element IS NULL AND rang = 1),
    ea AS (SELECT corporatie_id, complexnummer, max(score) AS slechtste, min(meetdatum) AS oudste,
                  sum(score * vervangingswaarde_eur) FILTER (WHERE vervangingswaarde_eur > 0) AS gewogen_som,
                  sum(vervangingswaarde_eur) FILTER (WHERE vervangingswaarde_eur > 0) AS gewicht,
                  min(meetdatum) FILTER (WHERE vervangingswaarde_eur > 0) AS oudste_gewogen
           FROM cm WHERE element IS NOT NULL AND rang = 1 GROUP BY corporatie_id, complexnummer),
    sl AS (SELECT corporatie_id, complexnummer,
                  max(CASE WHEN status = '{PlanStatus.CONCREET.value}' THEN 1 ELSE 0 END) AS concreet,
                  max(CASE WHEN status <> '{PlanStatus.CONCREET.value}' THEN status END) AS anders
           FROM {plan} pl WHERE soort = '{PlanSoort.SLOOP.value}' AND status <> '{PlanStatus.INGETROKKEN.value}'
           GROUP BY corporatie_id, complexnummer),
    c AS (
        SELECT s.corporatie_id, s.complexnummer, s.gemeentecode, gp.provinciecode, s.woningen,
               cs.score AS score_complexscore, cs.meetdatum AS datum_complexscore,
               COALESCE(ea.slechtste, cs.score) AS score_slechtste_element,
               CASE WHEN ea.slechtste IS NOT NULL THEN ea.oudste ELSE cs.meetdatum END
                   AS datum_slechtste_element,
               CASE WHEN ea.gewicht > 0 THEN floor((2 * ea.gewogen_som + ea.gewicht) / (2 * ea.gewicht)) END
                   AS score_herbouwwaarde_gewogen,
               CASE WHEN ea.gewicht > 0 THEN ea.oudste_gewogen END AS datum_herbouwwaarde_gewogen,
               COALESCE(sl.concreet, 0) = 1 AS sloop,
               sl.anders AS sloop_anders, hs.herstructurering
        FROM stock s
        LEFT JOIN gp ON gp.gemeentecode = s.gemeentecode
        LEFT JOIN cs ON cs.corporatie_id = s.corporatie_id AND cs.complexnummer = s.complexnummer
        LEFT JOIN ea ON ea.corporatie_id = s.corporatie_id AND ea.complexnummer = s.complexnummer
        LEFT JOIN sl ON sl.corporatie_id = s.corporatie_id AND sl.complexnummer = s.complexnummer
        LEFT JOIN {herstructurering} hs
            ON hs.corporatie_id = s.corporatie_id AND hs.complexnummer = s.complexnummer)"""


#: The three R1 rules (column suffixes ``score_<rule>``, ``slecht_<rule>`` ...), in catalogue order.
R1_RULES = tuple(regel.value for regel in R1Regel)


def r1_condition(
    url: str, peildatum: date, grens: date, scopes: Iterable[str]
) -> tuple[list[Row], list[Row]]:
    """R1 per scope, and the complexes behind it, from one pass over the dwellings.

    Per scope: association dwellings; per rule the dwellings in condition 5/6 without a concrete
    demolition plan (``slecht_<rule>``), with a known score (``bekend_<rule>``), with a score measured
    after ``grens`` (``recent_<rule>``), the oldest measurement date and the dwelling-weighted mean age
    in days. Evidence: every complex (per municipality) in condition 5/6 under at least one rule and
    without a concrete demolition plan, with names and each rule's score, largest first. The per-complex
    relation is built once in a temporary table that both queries read (removed by the rollback).
    """
    measures = []
    for rule in R1_RULES:
        score, datum = f"score_{rule}", f"datum_{rule}"
        measures += [
            f"COALESCE(sum(woningen) FILTER (WHERE {slechte_conditie(score)} AND NOT sloop), 0) AS slecht_{rule}",
            f"COALESCE(sum(woningen) FILTER (WHERE {score} IS NOT NULL), 0) AS bekend_{rule}",
            f"COALESCE(sum(woningen) FILTER (WHERE {datum} > :grens), 0) AS recent_{rule}",
            f"min({datum}) AS oudste_{rule}",
            f"sum(woningen * (CAST(:p AS DATE) - {datum})) FILTER (WHERE {datum} IS NOT NULL)"
            f" / NULLIF(sum(woningen) FILTER (WHERE {datum} IS NOT NULL), 0) AS leeftijd_{rule}",
        ]
    slecht_onder_een_regel = " OR ".join(slechte_conditie(f"c.score_{rule}") for rule in R1_RULES)
    select, group = scoped(scopes)
    params = {"p": peildatum, "grens": grens}
    with connect(url) as conn:
        partij = current_facts(conn, "partij", peildatum)
        complex_ = current_facts(conn, "complex", peildatum)
        conn.execute(
            text(
                f"CREATE TEMPORARY TABLE monitor_r1 AS WITH {_r1_complex_cte(conn, peildatum)} SELECT * FROM c"
            ),
            params,
        )
        try:
            per_scope = fetch_rows(
                conn,
                f"SELECT {select}, sum(woningen) AS woningen, {', '.join(measures)} FROM monitor_r1 {group}",
                params,
            )
            evidence = fetch_rows(
                conn,
                f"""SELECT c.*, cx.naam AS complex_naam, pa.naam AS corporatie_naam
                FROM monitor_r1 c
                LEFT JOIN {complex_} cx
                    ON cx.corporatie_id = c.corporatie_id AND cx.complexnummer = c.complexnummer
                LEFT JOIN {partij} pa ON pa.partij_id = c.corporatie_id
                WHERE NOT c.sloop AND ({slecht_onder_een_regel})
                ORDER BY c.woningen DESC, c.corporatie_id, c.complexnummer""",
                params,
            )
        finally:
            conn.rollback()  # the temporary table was made in this transaction: rolling back removes it
    return per_scope, evidence


def r1_complexes_of(url: str, peildatum: date, corporatie_id: str) -> list[Row]:
    """Every complex (per municipality) of one association with its dwellings, its score and date
    under each R1 rule (``score_<rule>``, ``datum_<rule>``), its demolition plan (``sloop``: concrete;
    ``sloop_anders``: the status of a plan that is not) and the names of complex and municipality:
    the rules of :func:`r1_condition`, from the same definition."""
    with connect(url) as conn:
        complex_ = current_facts(conn, "complex", peildatum)
        sql = f"""WITH {_r1_complex_cte(conn, peildatum)}
            SELECT c.*, cx.naam AS complex_naam, g.naam AS gemeentenaam
            FROM c
            LEFT JOIN {complex_} cx ON cx.corporatie_id = c.corporatie_id AND cx.complexnummer = c.complexnummer
            LEFT JOIN regio g ON g.code = c.gemeentecode AND g.niveau = 'gemeente'
                 AND g.indelingsjaar = (SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente')
            WHERE c.corporatie_id = :id
            ORDER BY c.complexnummer, c.gemeentecode"""
        return fetch_rows(conn, sql, {"p": peildatum, "id": corporatie_id})


def r1_improvement_candidates(url: str, peildatum: date, corporatie_id: str) -> list[Row]:
    """The complexes of one association in condition 5/6 under at least one R1 rule and without a
    concrete demolition plan (the R1 evidence of :func:`r1_condition`, from the same definition), one row
    per complex over its municipalities: dwellings, the score under each rule (``score_<rule>``), the
    replacement value of its latest element measurements (``vervangingswaarde``) and of those in
    condition 5/6 (``vervangingswaarde_slecht``; NULL when none has a value), name, first municipality
    and the number of municipalities. The improvement scenario's candidates (``services.monitor``)."""
    scores = ", ".join(f"max(score_{rule}) AS score_{rule}" for rule in R1_RULES)
    slecht = " OR ".join(slechte_conditie(f"score_{rule}") for rule in R1_RULES)
    with connect(url) as conn:
        complex_ = current_facts(conn, "complex", peildatum)
        sql = f"""WITH {_r1_complex_cte(conn, peildatum)},
        vw AS (SELECT corporatie_id, complexnummer,
                      sum(vervangingswaarde_eur) FILTER (WHERE vervangingswaarde_eur > 0) AS vervangingswaarde,
                      sum(vervangingswaarde_eur)
                          FILTER (WHERE vervangingswaarde_eur > 0 AND {slechte_conditie("score")})
                          AS vervangingswaarde_slecht
               FROM cm WHERE element IS NOT NULL AND rang = 1 AND corporatie_id = :id
               GROUP BY corporatie_id, complexnummer),
        k AS (SELECT corporatie_id, complexnummer, sum(woningen) AS woningen, min(gemeentecode) AS gemeentecode,
                     count(*) AS gemeenten, {scores}
              FROM c WHERE corporatie_id = :id AND NOT sloop AND ({slecht})
              GROUP BY corporatie_id, complexnummer)
        SELECT k.*, vw.vervangingswaarde, vw.vervangingswaarde_slecht, cx.naam AS complex_naam,
               g.naam AS gemeentenaam
        FROM k
        LEFT JOIN vw ON vw.corporatie_id = k.corporatie_id AND vw.complexnummer = k.complexnummer
        LEFT JOIN {complex_} cx ON cx.corporatie_id = k.corporatie_id AND cx.complexnummer = k.complexnummer
        LEFT JOIN regio g ON g.code = k.gemeentecode AND g.niveau = 'gemeente'
             AND g.indelingsjaar = (SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente')
        ORDER BY k.complexnummer"""
        return fetch_rows(conn, sql, {"p": peildatum, "id": corporatie_id})


# ----------------------------------------------------------------------------- association stock


def association_stock(url: str, peildatum: date, scopes: Iterable[str]) -> list[Row]:
    """Association dwellings per scope, with energy labels (known, E/F/G) and open defects.

    ``vocht_open`` / ``lood_open``: distinct dwellings (or defects without a dwelling) with an open
    vocht_schimmel / lood defect on the date; counted only for associations that report defects at
    all (``woningen_rapporterend`` is their stock), so a silent association is not a 0.
    """
    select, group = scoped(scopes)
    with connect(url) as conn:
        gebrek = current_facts(conn, "gebrek", peildatum)
        sql = f"""WITH {stock_cte(conn, peildatum)}, {provincie_cte()},
        open_gebrek AS (
            SELECT corporatie_id, complexnummer,
                   count(DISTINCT COALESCE(verblijfsobject_id, gebrek_id))
                       FILTER (WHERE soort = 'vocht_schimmel') AS vocht,
                   count(DISTINCT COALESCE(verblijfsobject_id, gebrek_id)) FILTER (WHERE soort = 'lood') AS lood
            FROM {gebrek} g
            WHERE geconstateerd_op <= :p AND (opgelost_op IS NULL OR opgelost_op > :p)
            GROUP BY corporatie_id, complexnummer),
        melders AS (SELECT DISTINCT corporatie_id FROM {gebrek} g2),
        -- defects belong to a complex; a complex spread over municipalities gets them in its first one
        first_gemeente AS (SELECT corporatie_id, complexnummer, min(gemeentecode) AS gemeentecode
                           FROM stock GROUP BY corporatie_id, complexnummer),
        c AS (
            SELECT s.corporatie_id, s.complexnummer, s.gemeentecode, gp.provinciecode, s.woningen,
                   s.label_bekend, s.label_efg, m.corporatie_id IS NOT NULL AS meldt,
                   CASE WHEN fg.gemeentecode = s.gemeentecode THEN COALESCE(og.vocht, 0) ELSE 0 END AS vocht,
                   CASE WHEN fg.gemeentecode = s.gemeentecode THEN COALESCE(og.lood, 0) ELSE 0 END AS lood
            FROM stock s
            LEFT JOIN gp ON gp.gemeentecode = s.gemeentecode
            LEFT JOIN melders m ON m.corporatie_id = s.corporatie_id
            LEFT JOIN first_gemeente fg
                ON fg.corporatie_id = s.corporatie_id AND fg.complexnummer = s.complexnummer
            LEFT JOIN open_gebrek og
                ON og.corporatie_id = s.corporatie_id AND og.complexnummer = s.complexnummer)
        SELECT {select},
               sum(woningen) AS woningen, sum(label_bekend) AS label_bekend, sum(label_efg) AS label_efg,
               COALESCE(sum(woningen) FILTER (WHERE meldt), 0) AS woningen_rapporterend,
               sum(vocht) FILTER (WHERE meldt) AS vocht_open, sum(lood) FILTER (WHERE meldt) AS lood_open
        FROM c {group}"""
        return fetch_rows(conn, sql, {"p": peildatum})


# ----------------------------------------------------------------------------- R2 / R5 investments


def investments_in_year(url: str, peildatum: date, jaar: int, themas: Sequence[str]) -> list[Row]:
    """Spending on the themes in ``jaar`` per party (with its kind), theme, regular/extra and
    municipality (NULL: a row from before investments had a place), and which parties reported
    anything for that year (``thema`` NULL rows carry only ``rapporteert``)."""
    with connect(url) as conn:
        investering = current_facts(conn, "investering", peildatum)
        partij = current_facts(conn, "partij", peildatum)
        placeholders = ", ".join(f":t{i}" for i in range(len(themas)))
        sql = f"""SELECT i.partij_id, p.soort AS partij_soort, i.thema, i.soort, i.gemeentecode,
               sum(i.bedrag_eur) AS bedrag
        FROM {investering} i LEFT JOIN {partij} p ON p.partij_id = i.partij_id
        WHERE i.jaar = :jaar AND i.thema IN ({placeholders})
        GROUP BY i.partij_id, p.soort, i.thema, i.soort, i.gemeentecode
        UNION ALL
        SELECT DISTINCT i2.partij_id, p2.soort, CAST(NULL AS VARCHAR(20)), CAST(NULL AS VARCHAR(10)),
               CAST(NULL AS VARCHAR(6)), CAST(NULL AS NUMERIC(14, 2))
        FROM {investering} i2 LEFT JOIN {partij} p2 ON p2.partij_id = i2.partij_id WHERE i2.jaar = :jaar
        ORDER BY 1, 3, 4, 5"""
        params: dict[str, Any] = {"p": peildatum, "jaar": jaar}
        params.update({f"t{i}": t for i, t in enumerate(themas)})
        return fetch_rows(conn, sql, params)


def investment_baselines(url: str, peildatum: date, themas: Sequence[str]) -> list[Row]:
    """The current baseline (reference year, regular spending) per party and theme."""
    with connect(url) as conn:
        basislijn = current_facts(conn, "investering_basislijn", peildatum)
        placeholders = ", ".join(f":t{i}" for i in range(len(themas)))
        sql = f"""SELECT partij_id, thema, referentiejaar, bedrag_eur AS bedrag FROM {basislijn} b
        WHERE thema IN ({placeholders}) ORDER BY partij_id, thema"""
        params: dict[str, Any] = {"p": peildatum}
        params.update({f"t{i}": t for i, t in enumerate(themas)})
        return fetch_rows(conn, sql, params)


def risk_resolution(
    url: str,
    peildatum: date,
    begin: date,
    eind: date,
    corporatie_id: str | None = None,
    gemeentecode: str | None = None,
) -> list[Row]:
    """Per association, municipality and kind of risk: the units (a dwelling, or a whole complex
    for a defect without a dwelling) with a defect open at some moment from ``begin`` to ``eind``,
    and how many of them had every such defect resolved by ``eind`` (R2 outcomes); only those of
    one association or one municipality when given."""
    van_corporatie = " AND g.corporatie_id = :corp" if corporatie_id is not None else ""
    in_gemeente = "WHERE c.gemeentecode = :gem" if gemeentecode is not None else ""
    with connect(url) as conn:
        gebrek = current_facts(conn, "gebrek", peildatum)
        complex_ = current_facts(conn, "complex", peildatum)
        sql = f"""WITH open_in AS (
            SELECT g.corporatie_id, g.complexnummer, g.soort, g.opgelost_op,
                   coalesce(g.verblijfsobject_id, 'complex ' || g.complexnummer) AS eenheid
            FROM {gebrek} g
            WHERE g.geconstateerd_op <= :eind AND (g.opgelost_op IS NULL OR g.opgelost_op >= :begin){van_corporatie}),
        eenheden AS (
            SELECT o.corporatie_id, c.gemeentecode, o.soort, o.eenheid,
                   bool_and(o.opgelost_op IS NOT NULL AND o.opgelost_op <= :eind) AS opgelost
            FROM open_in o LEFT JOIN {complex_} c
              ON c.corporatie_id = o.corporatie_id AND c.complexnummer = o.complexnummer
            {in_gemeente}
            GROUP BY o.corporatie_id, c.gemeentecode, o.soort, o.eenheid)
        SELECT corporatie_id, gemeentecode, soort, count(*) AS met_risico,
               count(*) FILTER (WHERE opgelost) AS opgelost
        FROM eenheden GROUP BY corporatie_id, gemeentecode, soort ORDER BY 1, 2, 3"""
        params = {"p": peildatum, "begin": begin, "eind": eind, "corp": corporatie_id, "gem": gemeentecode}
        return fetch_rows(conn, sql, params)


def defects_known_until(url: str, peildatum: date) -> date | None:
    """The newest reference date of the defects register on or before ``peildatum``."""
    with connect(url) as conn:
        value = conn.execute(
            text("SELECT max(peildatum) FROM gebrek WHERE peildatum <= :p"), {"p": peildatum}
        ).scalar()
        return value if isinstance(value, date) else None


def newest_investment_year(url: str, peildatum: date) -> int | None:
    """The newest year with any investment on or before the reference date's year."""
    with connect(url) as conn:
        sql = "SELECT max(jaar) FROM investering WHERE peildatum <= :p AND jaar <= :j"
        value = conn.execute(text(sql), {"p": peildatum, "j": peildatum.year}).scalar()
        return None if value is None else int(value)


def stock_per_association(url: str, peildatum: date) -> dict[str, int]:
    """Association dwellings per corporatie_id (the weights of the fair contribution)."""
    with connect(url) as conn:
        # From the per-complex stock: inside shared_connection a read of the temporary table.
        sql = f"""WITH {stock_cte(conn, peildatum)}
        SELECT corporatie_id, sum(woningen) AS woningen FROM stock GROUP BY corporatie_id ORDER BY corporatie_id"""
        return {r["corporatie_id"]: int(r["woningen"]) for r in fetch_rows(conn, sql, {"p": peildatum})}
