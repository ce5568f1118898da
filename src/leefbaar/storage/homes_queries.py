"""Read queries for "a home for everyone" (R9-R12): stock, inhabitants, allocations, pipeline, instruments.

Set-based and portable (DuckDB and PostgreSQL 15: CTEs, window functions, CASE, ``count(*)``).
"Current" follows the schema's rule: per natural key the row with the latest ``peildatum`` on or
before the reference date asked for (``row_number()`` over the key, newest first).

Municipality lists travel as expanding bind parameters (``IN :codes``), never as SQL text.
Every function returns plain dicts with Dutch keys; services turn them into ``leefbaar.homes`` inputs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, text

from leefbaar.storage.engine import get_engine
from leefbaar.storage.rule_sql import sociale_huur

Row = dict[str, Any]

#: Indicators holding the number of inhabitants: the CBS KWB name first, then the converted figure.
INWONER_INDICATOREN = ("AantalInwoners", "inwoners")


def _current(table: str, key: str, extra_where: str = "") -> str:
    """The current version of every fact in ``table`` on the reference date ``:peildatum``."""
    where = f" AND {extra_where}" if extra_where else ""
    return f"""SELECT * FROM (
        SELECT t.*, row_number() OVER (PARTITION BY {key} ORDER BY peildatum DESC, import_id DESC) AS rn
        FROM {table} t WHERE peildatum <= :peildatum{where}) v WHERE rn = 1"""


def _query(url: str, sql: str, params: dict[str, Any], expanding: tuple[str, ...] = ()) -> list[Row]:
    statement = text(sql)
    if expanding:
        statement = statement.bindparams(*(bindparam(name, expanding=True) for name in expanding))
    with get_engine(url).connect() as conn:
        return [dict(r) for r in conn.execute(statement, params).mappings().all()]


# ---------------------------------------------------------------- areas


def latest_indelingsjaar(url: str) -> int | None:
    rows = _query(url, "SELECT max(indelingsjaar) AS jaar FROM regio WHERE niveau = 'gemeente'", {})
    return None if rows[0]["jaar"] is None else int(rows[0]["jaar"])


def gemeenten(url: str, indelingsjaar: int, provinciecode: str | None = None) -> list[Row]:
    """Municipalities of a division year (of one province when given): code, naam, provinciecode."""
    where = " AND provinciecode = :provincie" if provinciecode else ""
    return _query(
        url,
        f"""SELECT code AS gemeentecode, naam, provinciecode FROM regio
            WHERE niveau = 'gemeente' AND indelingsjaar = :jaar{where} ORDER BY code""",
        {"jaar": indelingsjaar, "provincie": provinciecode},
    )


def buurten(url: str, indelingsjaar: int, gemeentecode: str) -> list[Row]:
    """The buurten of one municipality in a division year: buurtcode, naam."""
    return _query(
        url,
        """SELECT code AS buurtcode, naam FROM regio
           WHERE niveau = 'buurt' AND indelingsjaar = :jaar AND gemeentecode = :gemeente ORDER BY code""",
        {"jaar": indelingsjaar, "gemeente": gemeentecode},
    )


# ---------------------------------------------------------------- the dwelling stock


def latest_stock_peildatum(url: str, on_or_before: date | None = None) -> date | None:
    """The newest dwelling peildatum (on or before ``on_or_before`` when given)."""
    where = " WHERE peildatum <= :peildatum" if on_or_before else ""
    rows = _query(url, f"SELECT max(peildatum) AS d FROM woning{where}", {"peildatum": on_or_before})
    found: date | None = rows[0]["d"]
    return found


def _current_woning(url: str) -> str:
    """The current dwellings on ``:peildatum``. With a single dwelling import every row is the only
    version of its dwelling, and the window over 8 million rows (seconds) can be skipped."""
    imports = _query(
        url, "SELECT count(*) AS n FROM import_log WHERE soort = 'woningen' OR soort LIKE 'demo:woning%'", {}
    )[0]["n"]
    if int(imports or 0) <= 1:
        return "SELECT * FROM woning WHERE peildatum <= :peildatum"
    return _current("woning", "verblijfsobject_id")


# Social rent as rule_sql.sociale_huur defines it (the key figures and the monitor count the same).
_STOCK_COUNTS = f"""
    count(*) AS woningen,
    sum(CASE WHEN eigendom = 'corporatie' THEN 1 ELSE 0 END) AS corporatie,
    sum(CASE WHEN eigendom = 'corporatie' AND {sociale_huur()} THEN 1 ELSE 0 END) AS corporatie_sociaal,
    sum(CASE WHEN eigendom = 'overige_huur' AND {sociale_huur()} THEN 1 ELSE 0 END) AS overige_sociale_huur"""


def stock_per_gemeente(url: str, peildatum: date, gemeentecodes: list[str]) -> list[Row]:
    """Current dwellings per municipality (from the buurtcode): woningen, corporatie (all association
    dwellings), corporatie_sociaal, overige_sociale_huur. Municipalities without dwellings are absent."""
    if not gemeentecodes:
        return []
    return _query(
        url,
        f"""SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode, {_STOCK_COUNTS}
            FROM ({_current_woning(url)}) w
            WHERE 'GM' || substr(buurtcode, 3, 4) IN :codes
            GROUP BY 'GM' || substr(buurtcode, 3, 4) ORDER BY 1""",
        {"peildatum": peildatum, "codes": list(gemeentecodes)},
        ("codes",),
    )


def stock_per_buurt(url: str, peildatum: date, gemeentecode: str) -> list[Row]:
    """Current dwellings per buurt of one municipality, with the same counts as per municipality."""
    return _query(
        url,
        f"""SELECT buurtcode, {_STOCK_COUNTS}
            FROM ({_current_woning(url)}) w
            WHERE substr(buurtcode, 3, 4) = :bare GROUP BY buurtcode ORDER BY buurtcode""",
        {"peildatum": peildatum, "bare": gemeentecode[2:]},
    )


def inhabitants(url: str, jaar: int, gemeentecodes: list[str] | None = None) -> dict[str, int]:
    """Inhabitants per municipality: the newest figure of a year on or before ``jaar`` (else the oldest
    later one), CBS KWB first.

    Municipal codes are looked up whatever their division year (a code names the same municipality
    in neighbouring years unless it was merged away).
    """
    where = " AND regiocode IN :codes" if gemeentecodes is not None else ""
    params: dict[str, Any] = {"jaar": jaar, "a": INWONER_INDICATOREN[0], "b": INWONER_INDICATOREN[1]}
    if gemeentecodes is not None:
        if not gemeentecodes:
            return {}
        params["codes"] = list(gemeentecodes)
    rows = _query(
        url,
        f"""SELECT regiocode, waarde FROM (
              SELECT regiocode, waarde, row_number() OVER (PARTITION BY regiocode
                  ORDER BY CASE WHEN jaar <= :jaar THEN 0 ELSE 1 END,
                           CASE WHEN jaar <= :jaar THEN -jaar ELSE jaar END,
                           CASE WHEN indicator = :a THEN 0 ELSE 1 END, indelingsjaar DESC,
                           peildatum DESC, import_id DESC) AS rn
              FROM gebiedsindicator
              WHERE indicator IN (:a, :b) AND regiocode LIKE 'GM%'
                    AND waarde IS NOT NULL{where}) v
            WHERE rn = 1""",
        params,
        ("codes",) if gemeentecodes is not None else (),
    )
    return {r["regiocode"]: round(float(r["waarde"])) for r in rows}


# ---------------------------------------------------------------- pipeline from the plans


def demolitions_per_year(
    url: str, peildatum: date, gemeentecodes: list[str], startjaar: int, eindjaar: int
) -> list[Row]:
    """Planned demolition of association dwellings per municipality and year (``plan`` of kind sloop,
    every status but a withdrawn plan, by the year of ``geplande_datum``; the complex gives the
    municipality)."""
    if not gemeentecodes:
        return []
    return _query(
        url,
        f"""SELECT c.gemeentecode, CAST(extract(year FROM p.geplande_datum) AS INTEGER) AS jaar,
                   CAST(sum(coalesce(p.aantal_woningen, 0)) AS BIGINT) AS sloop
            FROM ({_current("plan", "corporatie_id, plan_id")}) p
            JOIN ({_current("complex", "corporatie_id, complexnummer")}) c
              ON c.corporatie_id = p.corporatie_id AND c.complexnummer = p.complexnummer
            WHERE p.soort = 'sloop' AND p.status <> 'ingetrokken' AND p.geplande_datum IS NOT NULL
              AND p.geplande_datum >= :start AND p.geplande_datum < :end AND c.gemeentecode IN :codes
            GROUP BY c.gemeentecode, CAST(extract(year FROM p.geplande_datum) AS INTEGER)
            ORDER BY 1, 2""",
        {
            "peildatum": peildatum,
            "start": date(startjaar, 1, 1),
            "end": date(eindjaar + 1, 1, 1),
            "codes": list(gemeentecodes),
        },
        ("codes",),
    )


# ---------------------------------------------------------------- allocations (toewijzingen)


def allocations_per_group(
    url: str, peildatum: date, gemeentecodes: list[str], start: date, end: date
) -> list[Row]:
    """Allocations per municipality and aandachtsgroep with ``start <= datum < end``."""
    if not gemeentecodes:
        return []
    return _query(
        url,
        f"""SELECT gemeentecode, aandachtsgroep, count(*) AS aantal
            FROM ({_current("toewijzing", "toewijzing_id")}) t
            WHERE datum >= :start AND datum < :end AND gemeentecode IN :codes
            GROUP BY gemeentecode, aandachtsgroep ORDER BY 1, 2""",
        {"peildatum": peildatum, "start": start, "end": end, "codes": list(gemeentecodes)},
        ("codes",),
    )


def allocations_per_buurt(url: str, peildatum: date, gemeentecode: str, start: date, end: date) -> list[Row]:
    """Allocations per buurt of one municipality with ``start <= datum < end`` (rows without a
    buurtcode are counted under ``buurtcode`` None)."""
    return _query(
        url,
        f"""SELECT buurtcode, count(*) AS aantal
            FROM ({_current("toewijzing", "toewijzing_id")}) t
            WHERE datum >= :start AND datum < :end AND gemeentecode = :gemeente
            GROUP BY buurtcode ORDER BY buurtcode""",
        {"peildatum": peildatum, "start": start, "end": end, "gemeente": gemeentecode},
    )


# ---------------------------------------------------------------- instruments


def ordinances(url: str, peildatum: date, gemeentecodes: list[str]) -> list[Row]:
    """Current versions of every urgentieverordening of the municipalities (all adoption dates)."""
    if not gemeentecodes:
        return []
    return _query(
        url,
        f"""SELECT gemeentecode, vastgesteld_op, groepen
            FROM ({_current("urgentieverordening", "gemeentecode, vastgesteld_op")}) u
            WHERE gemeentecode IN :codes ORDER BY gemeentecode, vastgesteld_op""",
        {"peildatum": peildatum, "codes": list(gemeentecodes)},
        ("codes",),
    )


def woonzorgvisies(url: str, peildatum: date, gemeentecodes: list[str]) -> list[Row]:
    """Current versions of every woonzorgvisie of the municipalities (all adoption dates)."""
    if not gemeentecodes:
        return []
    return _query(
        url,
        f"""SELECT gemeentecode, vastgesteld_op, geldig_tot
            FROM ({_current("woonzorgvisie", "gemeentecode, vastgesteld_op")}) w
            WHERE gemeentecode IN :codes ORDER BY gemeentecode, vastgesteld_op""",
        {"peildatum": peildatum, "codes": list(gemeentecodes)},
        ("codes",),
    )


def allocations_years(url: str, gemeentecode: str) -> list[int]:
    """The calendar years in which a municipality has allocations, oldest first."""
    rows = _query(
        url,
        """SELECT DISTINCT CAST(extract(year FROM datum) AS INTEGER) AS jaar FROM toewijzing
           WHERE gemeentecode = :gemeente ORDER BY 1""",
        {"gemeente": gemeentecode},
    )
    return [int(r["jaar"]) for r in rows]
