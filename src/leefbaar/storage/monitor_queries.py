"""Set-based SQL for the agreements monitor: one aggregate query per indicator, for all scopes at once.

Every indicator query returns one row per scope (``scope_soort``, ``scope_code``) with plain counts or
sums; the meaning (value, completeness, status) is given to them in ``services.monitor``. Scopes come
from one ``GROUP BY GROUPING SETS`` pass over a small pre-aggregate (per complex and municipality, or
per municipality), never from a query per municipality:

- ``nationaal`` (code ``NL``), ``provincie`` (``PV27``, via ``regio.provinciecode`` of the gemeente),
  ``gemeente`` (``GM0363``, from the dwelling's buurtcode), ``corporatie`` (``L0001``) and
  ``complex`` (``L0001/1043``).

"Current" rows: the latest version per natural key with ``peildatum`` on or before the reference
date (see :func:`_current`). The SQL is portable between DuckDB and PostgreSQL 15 (CTEs, window
functions, ``FILTER``, ``GROUPING SETS``). Writes (the history) go through :func:`append_run`.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text

from leefbaar.storage.engine import Backend, backend_of, get_engine
from leefbaar.storage.tables import NATURAL_KEYS

Row = dict[str, Any]

#: Scope kinds in the order of their grouping sets; ``complex`` is the finest.
SCOPE_SETS = {
    "nationaal": "()",
    "provincie": "(provinciecode)",
    "gemeente": "(gemeentecode)",
    "corporatie": "(corporatie_id)",
    "complex": "(corporatie_id, complexnummer)",
}

#: Per scope kind, finest first: the column whose GROUPING() is 0 in its set, and its code expression.
_SCOPE_TESTS = (
    ("complex", "complexnummer", "corporatie_id || '/' || complexnummer"),
    ("corporatie", "corporatie_id", "corporatie_id"),
    ("gemeente", "gemeentecode", "gemeentecode"),
    ("provincie", "provinciecode", "provinciecode"),
)

_AREA_SCOPES = ("nationaal", "provincie", "gemeente")


def _scoped(scopes: Iterable[str], allowed: Sequence[str] = tuple(SCOPE_SETS)) -> tuple[str, str]:
    """The ``scope_soort, scope_code`` select list and the ``GROUP BY GROUPING SETS`` clause.

    GROUPING() may only name grouping columns, so both are built from the requested scopes.
    """
    wanted = [s for s in SCOPE_SETS if s in set(scopes) and s in allowed]
    if not wanted:
        raise ValueError("geen scope gevraagd")
    tests = [(s, col, code) for s, col, code in _SCOPE_TESTS if s in wanted]
    soort = " ".join(f"WHEN GROUPING({col}) = 0 THEN '{s}'" for s, col, _ in tests)
    codes = " ".join(f"WHEN GROUPING({col}) = 0 THEN {code}" for _, col, code in tests)
    rest_soort, rest_code = ("'nationaal'", "'NL'") if "nationaal" in wanted else ("NULL", "NULL")
    select = (
        f"CASE {soort} ELSE {rest_soort} END AS scope_soort, CASE {codes} ELSE {rest_code} END AS scope_code"
        if tests
        else f"{rest_soort} AS scope_soort, {rest_code} AS scope_code"
    )
    # the empty grouping set yields a row even over no rows at all; no rows means no data, not 0
    group = f"GROUP BY GROUPING SETS ({', '.join(SCOPE_SETS[s] for s in wanted)}) HAVING count(*) > 0"
    return select, group


def _plain(value: Any) -> Any:
    """Decimals (PostgreSQL numeric sums) become floats; everything else stays as the driver gave it."""
    return float(value) if isinstance(value, Decimal) else value


def _rows(conn: Connection, sql: str, params: Mapping[str, Any]) -> list[Row]:
    result = conn.execute(text(sql), dict(params))
    return [{key: _plain(value) for key, value in row.items()} for row in result.mappings()]


def _current(conn: Connection, table: str, peildatum: date) -> str:
    """A subquery with the current version of every fact of ``table`` on ``peildatum``.

    When all rows on or before the date share one peildatum, every natural key has one version and
    the (costly) window over 8 million dwellings is skipped; otherwise the latest version per key wins.
    The check itself scans the table, so its answer is kept per data version (max import id).
    """
    versie = conn.execute(text("SELECT max(import_id) FROM import_log")).scalar()
    key = (str(conn.engine.url), table, peildatum, versie)
    single = _SINGLE_VERSION.get(key)
    if single is None:
        lo, hi = conn.execute(
            text(f"SELECT min(peildatum), max(peildatum) FROM {table} WHERE peildatum <= :p"),
            {"p": peildatum},
        ).one()
        single = _SINGLE_VERSION[key] = lo == hi
    if single:
        return f"(SELECT * FROM {table} WHERE peildatum <= :p)"
    keys = ", ".join(NATURAL_KEYS[table])
    return (
        f"(SELECT * FROM (SELECT t.*, row_number() OVER (PARTITION BY {keys} ORDER BY peildatum DESC)"
        f" AS versie_rang FROM {table} t WHERE peildatum <= :p) versies WHERE versie_rang = 1)"
    )


#: (database, table, peildatum, data version) -> all rows on or before the date share one peildatum.
_SINGLE_VERSION: dict[tuple[str, str, date, Any], bool] = {}


def _provincie_cte() -> str:
    """gemeentecode -> provinciecode from the latest indeling that has provinces."""
    return """gp AS (
        SELECT code AS gemeentecode, provinciecode FROM regio
        WHERE niveau = 'gemeente' AND indelingsjaar = (
            SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente' AND provinciecode IS NOT NULL))"""


def _stock_cte(conn: Connection, peildatum: date) -> str:
    """Association dwellings per complex and municipality, with their energy labels (one scan).

    Inside :func:`shared_connection` the scan runs once per reference date into a temporary table
    that R1 and the stock indicators both read; elsewhere it is part of the query.
    """
    shared = _SHARED.get()
    if shared is not None and shared.conn is conn and peildatum in shared.stock:
        return f"stock AS (SELECT * FROM {_stock_table(peildatum)})"
    woning = _current(conn, "woning", peildatum)
    select = f"""SELECT w.corporatie_id, w.complexnummer, 'GM' || substr(w.buurtcode, 3, 4) AS gemeentecode,
               count(*) AS woningen,
               count(w.energielabel) AS label_bekend,
               count(*) FILTER (WHERE w.energielabel IN ('E', 'F', 'G')) AS label_efg
        FROM {woning} w WHERE w.eigendom = 'corporatie'
        GROUP BY w.corporatie_id, w.complexnummer, 'GM' || substr(w.buurtcode, 3, 4)"""
    if shared is None or shared.conn is not conn:
        return f"stock AS ({select})"
    table = _stock_table(peildatum)
    conn.execute(text(f"CREATE TEMPORARY TABLE {table} AS {select}"), {"p": peildatum})
    conn.commit()  # kept when a query after it rolls back its own temporary table (r1_condition)
    shared.stock.add(peildatum)
    return f"stock AS (SELECT * FROM {table})"


def _stock_table(peildatum: date) -> str:
    return f"monitor_stock_{peildatum.strftime('%Y%m%d')}"


@dataclass
class _Shared:
    url: str
    conn: Connection
    stock: set[date] = field(default_factory=set)


_SHARED: ContextVar[_Shared | None] = ContextVar("monitor_shared_connection", default=None)


@contextmanager
def shared_connection(url: str) -> Iterator[None]:
    """Let the indicator queries in this block share one connection (and so one stock aggregate).

    An evaluation reads the 8 million dwellings for R1 and again for the stock indicators; with one
    connection the second read is a temporary table of some 40,000 rows. The temporary tables are
    dropped at the end, because a pooled connection outlives the block.
    """
    with get_engine(url).connect() as conn:
        shared = _Shared(url, conn)
        token = _SHARED.set(shared)
        try:
            yield
        finally:
            _SHARED.reset(token)
            conn.rollback()
            for day in shared.stock:
                conn.execute(text(f"DROP TABLE IF EXISTS {_stock_table(day)}"))
            conn.commit()


@contextmanager
def _connect(url: str) -> Iterator[Connection]:
    """The shared connection of :func:`shared_connection` for this database, or a new one."""
    shared = _SHARED.get()
    if shared is not None and shared.url == url:
        yield shared.conn
        return
    with get_engine(url).connect() as conn:
        yield conn


# ----------------------------------------------------------------------------- R1 condition 5/6


def _r1_complex_cte(conn: Connection, peildatum: date) -> str:
    """Per complex and municipality: dwellings, the score under each R1 rule, its date, demolition.

    - complexscore: the latest complex-level measurement (``element IS NULL``);
    - slechtste_element: the highest score among the latest measurement of every element, falling
      back to the complex score when the complex has no element measurements;
    - herbouwwaarde_gewogen: sum(score x vervangingswaarde) / sum(vervangingswaarde) over the latest
      element measurements, rounded half up (4.5 -> 5) with exact arithmetic, ``floor((2s + w) / 2w)``.
    Only a plan with soort 'sloop' and status 'concreet' exempts (``sloop``); an intention does not.
    """
    meting = _current(conn, "conditiemeting", peildatum)
    plan = _current(conn, "plan", peildatum)
    return f"""{_stock_cte(conn, peildatum)},
    {_provincie_cte()},
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
                  max(CASE WHEN status = 'concreet' THEN 1 ELSE 0 END) AS concreet,
                  max(CASE WHEN status <> 'concreet' THEN status END) AS anders
           FROM {plan} pl WHERE soort = 'sloop' GROUP BY corporatie_id, complexnummer),
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
               sl.anders AS sloop_anders
        FROM stock s
        LEFT JOIN gp ON gp.gemeentecode = s.gemeentecode
        LEFT JOIN cs ON cs.corporatie_id = s.corporatie_id AND cs.complexnummer = s.complexnummer
        LEFT JOIN ea ON ea.corporatie_id = s.corporatie_id AND ea.complexnummer = s.complexnummer
        LEFT JOIN sl ON sl.corporatie_id = s.corporatie_id AND sl.complexnummer = s.complexnummer)"""


R1_RULES = ("complexscore", "slechtste_element", "herbouwwaarde_gewogen")


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
            f"COALESCE(sum(woningen) FILTER (WHERE {score} >= 5 AND NOT sloop), 0) AS slecht_{rule}",
            f"COALESCE(sum(woningen) FILTER (WHERE {score} IS NOT NULL), 0) AS bekend_{rule}",
            f"COALESCE(sum(woningen) FILTER (WHERE {datum} > :grens), 0) AS recent_{rule}",
            f"min({datum}) AS oudste_{rule}",
            f"sum(woningen * (CAST(:p AS DATE) - {datum})) FILTER (WHERE {datum} IS NOT NULL)"
            f" / NULLIF(sum(woningen) FILTER (WHERE {datum} IS NOT NULL), 0) AS leeftijd_{rule}",
        ]
    select, group = _scoped(scopes)
    params = {"p": peildatum, "grens": grens}
    with _connect(url) as conn:
        partij = _current(conn, "partij", peildatum)
        complex_ = _current(conn, "complex", peildatum)
        conn.execute(
            text(
                f"CREATE TEMPORARY TABLE monitor_r1 AS WITH {_r1_complex_cte(conn, peildatum)} SELECT * FROM c"
            ),
            params,
        )
        try:
            per_scope = _rows(
                conn,
                f"SELECT {select}, sum(woningen) AS woningen, {', '.join(measures)} FROM monitor_r1 {group}",
                params,
            )
            evidence = _rows(
                conn,
                f"""SELECT c.*, cx.naam AS complex_naam, pa.naam AS corporatie_naam
                FROM monitor_r1 c
                LEFT JOIN {complex_} cx
                    ON cx.corporatie_id = c.corporatie_id AND cx.complexnummer = c.complexnummer
                LEFT JOIN {partij} pa ON pa.partij_id = c.corporatie_id
                WHERE NOT c.sloop AND (c.score_complexscore >= 5 OR c.score_slechtste_element >= 5
                                       OR c.score_herbouwwaarde_gewogen >= 5)
                ORDER BY c.woningen DESC, c.corporatie_id, c.complexnummer""",
                params,
            )
        finally:
            conn.rollback()  # the temporary table was made in this transaction: rolling back removes it
    return per_scope, evidence


# ----------------------------------------------------------------------------- association stock


def association_stock(url: str, peildatum: date, scopes: Iterable[str]) -> list[Row]:
    """Association dwellings per scope, with energy labels (known, E/F/G) and open defects.

    ``vocht_open`` / ``lood_open``: distinct dwellings (or defects without a dwelling) with an open
    vocht_schimmel / lood defect on the date; counted only for associations that report defects at
    all (``woningen_rapporterend`` is their stock), so a silent association is not a 0.
    """
    select, group = _scoped(scopes)
    with _connect(url) as conn:
        gebrek = _current(conn, "gebrek", peildatum)
        sql = f"""WITH {_stock_cte(conn, peildatum)}, {_provincie_cte()},
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
        return _rows(conn, sql, {"p": peildatum})


# ----------------------------------------------------------------------------- R2 / R5 investments


def extra_investments(url: str, peildatum: date, jaar: int, themas: Sequence[str]) -> list[Row]:
    """Extra investment (soort 'extra') per association and theme in ``jaar``, and which associations
    reported anything for that year (``thema`` NULL rows carry only ``rapporteert``)."""
    with _connect(url) as conn:
        investering = _current(conn, "investering", peildatum)
        placeholders = ", ".join(f":t{i}" for i in range(len(themas)))
        sql = f"""SELECT partij_id AS corporatie_id, thema, sum(bedrag_eur) AS bedrag
        FROM {investering} i WHERE soort = 'extra' AND jaar = :jaar AND thema IN ({placeholders})
        GROUP BY partij_id, thema
        UNION ALL
        SELECT DISTINCT partij_id, CAST(NULL AS VARCHAR(20)), CAST(NULL AS NUMERIC(14, 2)) FROM {investering} i2 WHERE jaar = :jaar
        ORDER BY 1, 2"""
        params: dict[str, Any] = {"p": peildatum, "jaar": jaar}
        params.update({f"t{i}": t for i, t in enumerate(themas)})
        return _rows(conn, sql, params)


def stock_per_association(url: str, peildatum: date) -> dict[str, int]:
    """Association dwellings per corporatie_id (the weights of the fair contribution)."""
    with _connect(url) as conn:
        # From the per-complex stock: inside shared_connection a read of the temporary table.
        sql = f"""WITH {_stock_cte(conn, peildatum)}
        SELECT corporatie_id, sum(woningen) AS woningen FROM stock GROUP BY corporatie_id ORDER BY corporatie_id"""
        return {r["corporatie_id"]: int(r["woningen"]) for r in _rows(conn, sql, {"p": peildatum})}


# ----------------------------------------------------------------------------- R7 Volkshuisvestingsfonds


def vhf_grants(url: str, peildatum: date, scopes: Iterable[str]) -> list[Row]:
    """Volkshuisvestingsfonds grants of rounds up to the reference year, per area scope: total, with an
    implementation plan (per_complex or per_gebied), per_complex only, and counts."""
    select, group = _scoped(scopes, _AREA_SCOPES)
    with _connect(url) as conn:
        vhf = _current(conn, "vhf_bijdrage", peildatum)
        sql = f"""WITH {_provincie_cte()},
        c AS (SELECT v.gemeentecode, gp.provinciecode, v.bedrag_eur, v.uitvoeringsplan
              FROM {vhf} v LEFT JOIN gp ON gp.gemeentecode = v.gemeentecode WHERE v.ronde <= :jaar)
        SELECT {select},
               sum(bedrag_eur) AS totaal, count(*) AS bijdragen,
               COALESCE(sum(bedrag_eur) FILTER (WHERE uitvoeringsplan IN ('per_complex', 'per_gebied')), 0)
                   AS met_plan,
               COALESCE(sum(bedrag_eur) FILTER (WHERE uitvoeringsplan = 'per_complex'), 0) AS per_complex
        FROM c {group}"""
        return _rows(conn, sql, {"p": peildatum, "jaar": peildatum.year})


def vhf_without_complex_plan(url: str, peildatum: date) -> list[Row]:
    """The grants without a per-complex implementation plan (the evidence behind an R7 gap)."""
    with _connect(url) as conn:
        vhf = _current(conn, "vhf_bijdrage", peildatum)
        sql = f"""WITH {_provincie_cte()}
        SELECT v.bijdrage_id, v.gemeentecode, gp.provinciecode, v.gebied, v.ronde, v.bedrag_eur,
               v.uitvoeringsplan
        FROM {vhf} v LEFT JOIN gp ON gp.gemeentecode = v.gemeentecode
        WHERE v.ronde <= :jaar AND v.uitvoeringsplan <> 'per_complex'
        ORDER BY v.bedrag_eur DESC, v.bijdrage_id"""
        return _rows(conn, sql, {"p": peildatum, "jaar": peildatum.year})


# ----------------------------------------------------------------------------- R10 social rent


def social_rent(url: str, peildatum: date, scopes: Iterable[str]) -> list[Row]:
    """All dwellings, social rent (every association dwelling plus overige_huur 'sociaal') and
    overige_huur without a segment (unknown), per area scope; aggregated per municipality first."""
    select, group = _scoped(scopes, _AREA_SCOPES)
    with _connect(url) as conn:
        woning = _current(conn, "woning", peildatum)
        sql = f"""WITH {_provincie_cte()},
        pg AS (SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode, count(*) AS woningen,
                      count(*) FILTER (WHERE eigendom = 'corporatie') AS corporatie,
                      count(*) FILTER (WHERE eigendom = 'overige_huur' AND huursegment = 'sociaal')
                          AS overig_sociaal,
                      count(*) FILTER (WHERE eigendom = 'overige_huur' AND huursegment IS NULL) AS onbekend
               FROM {woning} w GROUP BY 'GM' || substr(buurtcode, 3, 4)),
        c AS (SELECT pg.*, gp.provinciecode
              FROM pg LEFT JOIN gp ON gp.gemeentecode = pg.gemeentecode)
        SELECT {select}, sum(woningen) AS woningen,
               sum(corporatie) AS corporatie, sum(overig_sociaal) AS overig_sociaal, sum(onbekend) AS onbekend
        FROM c {group}"""
        return _rows(conn, sql, {"p": peildatum})


# ----------------------------------------------------------------------------- R11 / R12 / R13


def municipalities(url: str) -> list[Row]:
    """Every municipality of the latest indeling with its name and province."""
    with _connect(url) as conn:
        sql = """SELECT r.code AS gemeentecode, r.naam, r.provinciecode FROM regio r
        WHERE r.niveau = 'gemeente' AND r.indelingsjaar = (
            SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente')
        ORDER BY r.code"""
        return _rows(conn, sql, {})


def parties(url: str, peildatum: date) -> list[Row]:
    """Current parties (id, soort, naam, gemeentecode)."""
    with _connect(url) as conn:
        partij = _current(conn, "partij", peildatum)
        sql = f"SELECT partij_id, soort, naam, gemeentecode FROM {partij} p ORDER BY partij_id"
        return _rows(conn, sql, {"p": peildatum})


def latest_instruments(url: str, peildatum: date, table: str) -> list[Row]:
    """Per municipality the latest urgentieverordening or woonzorgvisie adopted on or before the date."""
    if table not in ("urgentieverordening", "woonzorgvisie"):
        raise ValueError(f"onbekende instrumenttabel '{table}'")
    with _connect(url) as conn:
        current = _current(conn, table, peildatum)
        sql = f"""SELECT * FROM (
            SELECT i.*, row_number() OVER (PARTITION BY gemeentecode ORDER BY vastgesteld_op DESC) AS rang
            FROM {current} i WHERE vastgesteld_op <= :p) x
        WHERE rang = 1 ORDER BY gemeentecode"""
        return _rows(conn, sql, {"p": peildatum})


def local_agreements_with_care(url: str, peildatum: date) -> list[Row]:
    """Local prestatieafspraken in force in the reference year, each flagged ``met_zorgpartner`` when
    one of its parties is a current party of soort 'zorgpartner'."""
    with _connect(url) as conn:
        afspraak = _current(conn, "prestatieafspraak", peildatum)
        partij = _current(conn, "partij", peildatum)
        sql = f"""SELECT a.afspraak_id, a.gemeentecode, a.partijen, a.startjaar, a.eindjaar,
               EXISTS (SELECT 1 FROM {partij} z WHERE z.soort = 'zorgpartner'
                       AND ';' || a.partijen || ';' LIKE '%;' || z.partij_id || ';%') AS met_zorgpartner
        FROM {afspraak} a WHERE a.startjaar <= :jaar AND a.eindjaar >= :jaar
        ORDER BY a.gemeentecode, a.afspraak_id"""
        return _rows(conn, sql, {"p": peildatum, "jaar": peildatum.year})


def buurtkamers(url: str, peildatum: date) -> list[Row]:
    """Buurtkamers opened on or before the date per municipality and per association."""
    with _connect(url) as conn:
        kamer = _current(conn, "buurtkamer", peildatum)
        select, group = _scoped(("gemeente", "corporatie"))
        sql = f"""WITH c AS (
            SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode, corporatie_id
            FROM {kamer} k WHERE geopend_op <= :p)
        SELECT {select}, count(*) AS aantal FROM c {group}"""
        return [r for r in _rows(conn, sql, {"p": peildatum}) if r["scope_code"] is not None]


def data_version(url: str) -> int | None:
    """The data version: the highest import id so far (None for an empty database)."""
    with get_engine(url).connect() as conn:
        value = conn.execute(text("SELECT max(import_id) FROM import_log")).scalar()
    return None if value is None else int(value)


# ----------------------------------------------------------------------------- history (append-only)

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
    "afstand",
    "volledigheid",
    "deadline",
    "uitleg",
    "bewijs",
)


def append_run(
    url: str, peildatum: date, data_versie: int | None, scope: str | None, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Append one evaluation run and its rows in one transaction; returns the new run id.

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
                "gestart_op": datetime.now().replace(microsecond=0),
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
        return _rows(conn, sql + " ORDER BY run_id DESC", params)


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
        return _rows(conn, sql, params)


def history(url: str, toezegging_id: str, scope_soort: str, scope_code: str) -> list[Row]:
    """Every stored verdict of one commitment for one scope, with its run's peildatum, oldest first."""
    sql = """SELECT r.run_id, r.peildatum, r.data_versie, r.gestart_op, e.variant, e.status, e.waarde,
               e.doel, e.afstand, e.volledigheid
        FROM evaluatie e JOIN evaluatie_run r ON r.run_id = e.run_id
        WHERE e.toezegging_id = :t AND e.scope_soort = :s AND e.scope_code = :c
        ORDER BY r.peildatum, r.run_id, e.variant"""
    with get_engine(url).connect() as conn:
        return _rows(conn, sql, {"t": toezegging_id, "s": scope_soort, "c": scope_code})


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
        return _rows(conn, sql, {"p": peildatum})


def municipality_statuses(url: str) -> list[Row]:
    """Per municipality the status of every commitment judged for more than one municipality, from
    the newest run that judged more than one (a run for one scope does not replace the map).

    Rows: run_id, peildatum, afspraak_id, toezegging_id, variant, titel, scope_code, status.
    """
    sql = """
        WITH laatste AS (
            SELECT run_id FROM evaluatie WHERE scope_soort = 'gemeente'
            GROUP BY run_id HAVING count(DISTINCT scope_code) > 1
            ORDER BY run_id DESC LIMIT 1
        ), breed AS (
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
        return _rows(conn, sql, {})
