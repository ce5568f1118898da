"""Read queries for the pages and API: areas, associations, complexes, completeness, boundaries.

Portable SQL for DuckDB and PostgreSQL 15 (CTEs, window functions, CASE; no QUALIFY, no DISTINCT ON).
Requests never scan the 8 million dwellings: they read two small derived tables,
``web_buurt_woningen`` (dwelling counts per buurt) and ``web_complex_woningen`` (per complex),
which :func:`refresh_summaries` rebuilds set-based whenever ``import_log`` has grown (migration
``0006_web``); ``services.areas.prepare`` asks for that once per data version.

"Current" follows the schema's rule: the latest ``peildatum`` per natural key.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from leefbaar.storage.engine import Backend, backend_of, get_engine
from leefbaar.storage.rule_sql import slecht_label, sociale_huur
from leefbaar.storage.tables import CURRENT_FIRST, NATURAL_KEYS

Row = dict[str, Any]

#: Indicators that hold the number of inhabitants (CBS KWB name, and the converted 2021 figure).
INWONER_INDICATOREN = ("AantalInwoners", "inwoners")
#: Registered crimes (CBS/Politie). Databases built before the KWB converter kept CBS's spelling
#: hold it in lower case.
MISDRIJVEN_INDICATOREN = ("GeregistreerdeMisdrijven", "geregistreerdemisdrijven")

# Dwelling counts kept per buurt and per complex (same columns in both summary tables). ``sociaal`` is
# social rent as rule_sql.sociale_huur defines it (R10); ``midden`` and ``vrij`` are the other segments.
_COUNT_SQL = f"""
    count(*) AS woningen,
    sum(CASE WHEN eigendom = 'corporatie' THEN 1 ELSE 0 END) AS corporatie,
    sum(CASE WHEN eigendom = 'overige_huur' THEN 1 ELSE 0 END) AS overige_huur,
    sum(CASE WHEN eigendom = 'koop' THEN 1 ELSE 0 END) AS koop,
    sum(CASE WHEN {sociale_huur()} THEN 1 ELSE 0 END) AS sociaal,
    sum(CASE WHEN huursegment = 'midden' THEN 1 ELSE 0 END) AS midden,
    sum(CASE WHEN huursegment = 'vrij' THEN 1 ELSE 0 END) AS vrij,
    sum(CASE WHEN eigendom = 'corporatie' AND {sociale_huur()} THEN 1 ELSE 0 END) AS corporatie_sociaal,
    sum(CASE WHEN energielabel IN ('A++++', 'A+++', 'A++', 'A+', 'A', 'B') THEN 1 ELSE 0 END) AS label_ab,
    sum(CASE WHEN {slecht_label("energielabel")} THEN 1 ELSE 0 END) AS label_efg,
    sum(CASE WHEN energielabel IS NULL THEN 1 ELSE 0 END) AS label_onbekend
"""
COUNT_COLUMNS = (
    "woningen",
    "corporatie",
    "overige_huur",
    "koop",
    "sociaal",
    "midden",
    "vrij",
    "corporatie_sociaal",
    "label_ab",
    "label_efg",
    "label_onbekend",
)
_SUM_COUNTS = ", ".join(f"coalesce(sum(s.{c}), 0) AS {c}" for c in COUNT_COLUMNS)

# The summaries' state row; a new name when what they count changes, so stored summaries are rebuilt
# (2: social rent by rule_sql.sociale_huur).
_SUMMARY_KEY = "woningen:2"
_refresh_lock = threading.Lock()


def _rows(conn: Connection, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
    return [dict(r) for r in conn.execute(text(sql), params or {}).mappings().all()]


def _query(url: str, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
    with get_engine(url).connect() as conn:
        return _rows(conn, sql, params)


def _one(url: str, sql: str, params: dict[str, Any] | None = None) -> Row | None:
    rows = _query(url, sql, params)
    return rows[0] if rows else None


# --- freshness and the summary tables ---------------------------------------------------------


def _built_from(conn: Connection) -> int | None:
    value = conn.execute(
        text("SELECT laatste_import_id FROM web_samenvatting_stand WHERE sleutel = :k"), {"k": _SUMMARY_KEY}
    ).scalar()
    return None if value is None else int(value)


def _current_woning_sql(conn: Connection) -> str:
    # With one dwelling import every row is current; otherwise keep the latest peildatum per dwelling.
    imports = conn.execute(
        text("SELECT count(*) FROM import_log WHERE soort = 'woningen' OR soort LIKE 'demo:woning%'")
    ).scalar()
    if int(imports or 0) <= 1:
        return "SELECT * FROM woning"
    return """SELECT * FROM (SELECT w.*, row_number() OVER (PARTITION BY verblijfsobject_id
                ORDER BY peildatum DESC, import_id DESC) AS rn FROM woning w) t WHERE rn = 1"""


def refresh_summaries(url: str, force: bool = False) -> bool:
    """Rebuild the per-buurt and per-complex dwelling counts when imports have landed; True if rebuilt."""
    with _refresh_lock, get_engine(url).begin() as conn:
        if backend_of(url) is Backend.POSTGRES:
            # Several server processes may notice new data at once: one rebuilds, the others wait.
            conn.execute(text("SELECT pg_advisory_xact_lock(606060)"))
        version = int(conn.execute(text("SELECT coalesce(max(import_id), 0) FROM import_log")).scalar() or 0)
        if not force and _built_from(conn) == version:
            return False
        current = _current_woning_sql(conn)
        conn.execute(text("DELETE FROM web_buurt_woningen"))
        conn.execute(
            text(f"""INSERT INTO web_buurt_woningen (buurtcode, indelingsjaar, gemeentecode, wijkcode,
                     {", ".join(COUNT_COLUMNS)})
                 SELECT buurtcode, indelingsjaar, 'GM' || substr(buurtcode, 3, 4),
                        'WK' || substr(buurtcode, 3, 6), {_COUNT_SQL}
                 FROM ({current}) w GROUP BY buurtcode, indelingsjaar""")
        )
        conn.execute(text("DELETE FROM web_complex_woningen"))
        conn.execute(
            text(f"""INSERT INTO web_complex_woningen (corporatie_id, complexnummer, buurten,
                     eerste_buurtcode, {", ".join(COUNT_COLUMNS)})
                 SELECT corporatie_id, complexnummer, count(DISTINCT buurtcode), min(buurtcode), {_COUNT_SQL}
                 FROM ({current}) w WHERE corporatie_id IS NOT NULL AND complexnummer IS NOT NULL
                 GROUP BY corporatie_id, complexnummer""")
        )
        conn.execute(text("DELETE FROM web_samenvatting_stand WHERE sleutel = :k"), {"k": _SUMMARY_KEY})
        conn.execute(
            text("INSERT INTO web_samenvatting_stand VALUES (:k, :v, :t)"),
            {"k": _SUMMARY_KEY, "v": version, "t": datetime.now()},
        )
    return True


# --- areas ------------------------------------------------------------------------------------


def latest_indelingsjaar(url: str) -> int | None:
    """The newest division year that has municipalities."""
    with get_engine(url).connect() as conn:
        value = conn.execute(text("SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente'")).scalar()
    return None if value is None else int(value)


def _inwoners_cte(where: str) -> str:
    """CTE ``inw(regiocode, inwoners, inwoners_jaar)``: the latest inhabitant count per area code.

    Matched on the code whatever the indelingsjaar of the figure (a code stands for one area).
    """
    names = ", ".join(f"'{n}'" for n in INWONER_INDICATOREN)
    return f"""inw AS (
        SELECT regiocode, waarde AS inwoners, jaar AS inwoners_jaar FROM (
            SELECT regiocode, waarde, jaar, row_number() OVER (PARTITION BY regiocode
                   ORDER BY jaar DESC, indelingsjaar DESC, peildatum DESC, import_id DESC) AS rn
            FROM gebiedsindicator WHERE indicator IN ({names}) AND waarde IS NOT NULL AND ({where})) t
        WHERE rn = 1)"""


def gemeenten(url: str, jaar: int, offset: int = 0, limit: int | None = None) -> list[Row]:
    """Municipalities of a division year with province, inhabitants and dwelling counts, by name."""
    page = "" if limit is None else "LIMIT :limit OFFSET :offset"
    sql = f"""WITH {_inwoners_cte("regiocode LIKE 'GM%'")},
        won AS (SELECT gemeentecode, {_SUM_COUNTS} FROM web_buurt_woningen s
                WHERE s.indelingsjaar = :jaar GROUP BY gemeentecode)
        SELECT r.code, r.naam, r.indelingsjaar, r.provinciecode, inw.inwoners, inw.inwoners_jaar,
               {", ".join(f"coalesce(won.{c}, 0) AS {c}" for c in COUNT_COLUMNS)}
        FROM regio r LEFT JOIN inw ON inw.regiocode = r.code LEFT JOIN won ON won.gemeentecode = r.code
        WHERE r.niveau = 'gemeente' AND r.indelingsjaar = :jaar
        ORDER BY r.naam, r.code {page}"""
    return _query(url, sql, {"jaar": jaar, "limit": limit, "offset": offset})


def gemeente(url: str, code: str, jaar: int) -> Row | None:
    """One municipality with its totals, or None."""
    sql = f"""WITH {_inwoners_cte("regiocode = :code")},
        won AS (SELECT {_SUM_COUNTS} FROM web_buurt_woningen s
                WHERE s.gemeentecode = :code AND s.indelingsjaar = :jaar)
        SELECT r.code, r.naam, r.indelingsjaar, r.provinciecode, inw.inwoners, inw.inwoners_jaar, won.*,
               (SELECT count(*) FROM regio_geometrie g WHERE g.code = r.code
                  AND g.indelingsjaar = r.indelingsjaar) AS heeft_grens
        FROM regio r LEFT JOIN inw ON inw.regiocode = r.code CROSS JOIN won
        WHERE r.code = :code AND r.indelingsjaar = :jaar AND r.niveau = 'gemeente'"""
    return _one(url, sql, {"code": code, "jaar": jaar})


def deelgebieden(
    url: str, gemeentecode: str, jaar: int, niveau: str, offset: int = 0, limit: int | None = None
) -> list[Row]:
    """The wijken or buurten of a municipality with inhabitants and dwelling counts, by code."""
    group = "s.wijkcode" if niveau == "wijk" else "s.buurtcode"
    prefix = ("WK" if niveau == "wijk" else "BU") + gemeentecode[2:] + "%"
    page = "" if limit is None else "LIMIT :limit OFFSET :offset"
    sql = f"""WITH {_inwoners_cte("regiocode LIKE :prefix")},
        won AS (SELECT {group} AS code, {_SUM_COUNTS} FROM web_buurt_woningen s
                WHERE s.gemeentecode = :gm AND s.indelingsjaar = :jaar GROUP BY {group})
        SELECT r.code, r.naam, r.niveau, r.indelingsjaar, r.gemeentecode, r.wijkcode,
               inw.inwoners, inw.inwoners_jaar,
               {", ".join(f"coalesce(won.{c}, 0) AS {c}" for c in COUNT_COLUMNS)}
        FROM regio r LEFT JOIN inw ON inw.regiocode = r.code LEFT JOIN won ON won.code = r.code
        WHERE r.niveau = :niveau AND r.gemeentecode = :gm AND r.indelingsjaar = :jaar
        ORDER BY r.code {page}"""
    params = {"gm": gemeentecode, "jaar": jaar, "niveau": niveau, "prefix": prefix}
    return _query(url, sql, {**params, "limit": limit, "offset": offset})


def buurt(url: str, code: str, jaar: int) -> Row | None:
    """One buurt with its municipality and wijk names, inhabitants, crime count and dwelling counts."""
    sql = f"""WITH {_inwoners_cte("regiocode = :code")},
        mis AS (SELECT waarde AS misdrijven, jaar AS misdrijven_jaar FROM (
                  SELECT waarde, jaar, row_number() OVER (ORDER BY jaar DESC, peildatum DESC, import_id DESC) AS rn
                  FROM gebiedsindicator WHERE regiocode = :code AND indicator IN (:mis, :mis_oud)) t WHERE rn = 1),
        won AS (SELECT {_SUM_COUNTS} FROM web_buurt_woningen s
                WHERE s.buurtcode = :code AND s.indelingsjaar = :jaar)
        SELECT r.code, r.naam, r.indelingsjaar, r.gemeentecode, g.naam AS gemeentenaam, r.wijkcode,
               w.naam AS wijknaam, inw.inwoners, inw.inwoners_jaar, mis.misdrijven, mis.misdrijven_jaar, won.*,
               (SELECT count(*) FROM regio_geometrie rg WHERE rg.code = r.code
                  AND rg.indelingsjaar = r.indelingsjaar) AS heeft_grens,
               (SELECT count(*) FROM regio_geometrie rg WHERE rg.code = r.wijkcode
                  AND rg.indelingsjaar = r.indelingsjaar) AS wijk_heeft_grens
        FROM regio r
        LEFT JOIN regio g ON g.code = r.gemeentecode AND g.indelingsjaar = r.indelingsjaar
        LEFT JOIN regio w ON w.code = r.wijkcode AND w.indelingsjaar = r.indelingsjaar
        LEFT JOIN inw ON inw.regiocode = r.code LEFT JOIN mis ON 1 = 1 CROSS JOIN won
        WHERE r.code = :code AND r.indelingsjaar = :jaar AND r.niveau = 'buurt'"""
    return _one(
        url,
        sql,
        {"code": code, "jaar": jaar, "mis": MISDRIJVEN_INDICATOREN[0], "mis_oud": MISDRIJVEN_INDICATOREN[1]},
    )


def region_name(url: str, code: str, jaar: int) -> str | None:
    row = _one(url, "SELECT naam FROM regio WHERE code = :c AND indelingsjaar = :j", {"c": code, "j": jaar})
    return None if row is None else str(row["naam"])


# --- parties, complexes -----------------------------------------------------------------------

_CURRENT_PARTIJ = """partij_nu AS (SELECT * FROM (SELECT p.*, row_number() OVER (PARTITION BY partij_id
        ORDER BY peildatum DESC, import_id DESC) AS rn FROM partij p) t WHERE rn = 1)"""
_CURRENT_COMPLEX = """complex_nu AS (SELECT * FROM (SELECT c.*, row_number() OVER (PARTITION BY corporatie_id,
        complexnummer ORDER BY peildatum DESC, import_id DESC) AS rn FROM complex c {where}) t WHERE rn = 1)"""
# The latest condition score of a whole complex (element empty); element scores are shown per complex.
_CURRENT_CONDITIE = """conditie AS (SELECT corporatie_id, complexnummer, score, meetdatum FROM (
        SELECT m.corporatie_id, m.complexnummer, m.score, m.meetdatum, row_number() OVER (PARTITION BY
               m.corporatie_id, m.complexnummer ORDER BY m.meetdatum DESC, m.peildatum DESC, m.import_id DESC) AS rn
        FROM conditiemeting m WHERE m.element IS NULL {where}) t WHERE rn = 1)"""
_CURRENT_PLAN = """plan_nu AS (SELECT * FROM (SELECT p.*, row_number() OVER (PARTITION BY corporatie_id, plan_id
        ORDER BY peildatum DESC, import_id DESC) AS rn FROM plan p {where}) t WHERE rn = 1)"""


def corporaties(
    url: str, gemeentecode: str | None = None, offset: int = 0, limit: int | None = None
) -> list[Row]:
    """Housing associations with their seat and stock, by name; optionally those active in a municipality."""
    active = ""
    if gemeentecode is not None:
        active = """AND (p.gemeentecode = :gm OR p.partij_id IN
                    (SELECT corporatie_id FROM complex WHERE gemeentecode = :gm))"""
    page = "" if limit is None else "LIMIT :limit OFFSET :offset"
    sql = f"""WITH {_CURRENT_PARTIJ},
        voorraad AS (SELECT corporatie_id, count(*) AS complexen, {_SUM_COUNTS}
                     FROM web_complex_woningen s GROUP BY corporatie_id)
        SELECT p.partij_id AS id, p.naam, p.gemeentecode, p.synthetisch,
               coalesce(v.complexen, 0) AS complexen, coalesce(v.woningen, 0) AS woningen,
               coalesce(v.sociaal, 0) AS sociaal
        FROM partij_nu p LEFT JOIN voorraad v ON v.corporatie_id = p.partij_id
        WHERE p.soort = 'corporatie' {active}
        ORDER BY p.naam, p.partij_id {page}"""
    return _query(url, sql, {"gm": gemeentecode, "limit": limit, "offset": offset})


def corporatie(url: str, partij_id: str) -> Row | None:
    """One housing association with its stock totals."""
    sql = f"""WITH {_CURRENT_PARTIJ},
        voorraad AS (SELECT count(*) AS complexen, {_SUM_COUNTS}
                     FROM web_complex_woningen s WHERE s.corporatie_id = :id)
        SELECT p.partij_id AS id, p.naam, p.gemeentecode, p.synthetisch, g.naam AS gemeentenaam, v.*
        FROM partij_nu p CROSS JOIN voorraad v
        LEFT JOIN regio g ON g.code = p.gemeentecode
             AND g.indelingsjaar = (SELECT max(indelingsjaar) FROM regio WHERE code = p.gemeentecode)
        WHERE p.partij_id = :id AND p.soort = 'corporatie'"""
    return _one(url, sql, {"id": partij_id})


def complexen_met_conditie(url: str, partij_id: str) -> list[Row]:
    """Every current complex of an association with its latest score, dwellings and demolition plans."""
    sql = f"""WITH {_CURRENT_COMPLEX.format(where="WHERE c.corporatie_id = :id")},
        {_CURRENT_CONDITIE.format(where="AND m.corporatie_id = :id")},
        {_CURRENT_PLAN.format(where="WHERE p.corporatie_id = :id")},
        sloop AS (SELECT complexnummer,
                         max(CASE status WHEN 'concreet' THEN 3 WHEN 'besluit' THEN 2 ELSE 1 END) AS sloopfase
                  FROM plan_nu WHERE soort = 'sloop' AND status <> 'ingetrokken' GROUP BY complexnummer)
        SELECT c.corporatie_id, c.complexnummer, c.naam, c.gemeentecode, g.naam AS gemeentenaam, c.bouwjaar,
               k.score, k.meetdatum, coalesce(s.woningen, 0) AS woningen, coalesce(s.sociaal, 0) AS sociaal,
               sl.sloopfase
        FROM complex_nu c
        LEFT JOIN conditie k ON k.corporatie_id = c.corporatie_id AND k.complexnummer = c.complexnummer
        LEFT JOIN web_complex_woningen s ON s.corporatie_id = c.corporatie_id
             AND s.complexnummer = c.complexnummer
        LEFT JOIN sloop sl ON sl.complexnummer = c.complexnummer
        LEFT JOIN regio g ON g.code = c.gemeentecode
             AND g.indelingsjaar = (SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente')
        ORDER BY c.complexnummer"""
    return _query(url, sql, {"id": partij_id})


def investeringen(url: str, partij_id: str) -> list[Row]:
    """An association's current investments per year, theme and kind, summed over the places
    where it spent them (``gemeenten``: in how many municipalities)."""
    keys = ", ".join(NATURAL_KEYS["investering"])
    sql = f"""SELECT jaar, thema, soort, sum(bedrag_eur) AS bedrag_eur, count(DISTINCT gemeentecode) AS gemeenten
             FROM (SELECT i.*, row_number() OVER (PARTITION BY {keys} ORDER BY {CURRENT_FIRST}) AS rn
                   FROM investering i WHERE partij_id = :id) t
             WHERE rn = 1 GROUP BY jaar, thema, soort ORDER BY jaar, thema, soort"""
    return _query(url, sql, {"id": partij_id})


def complex_(url: str, corporatie_id: str, complexnummer: str) -> Row | None:
    """One complex with its association, municipality, dwelling counts and latest whole score."""
    where = "WHERE c.corporatie_id = :id AND c.complexnummer = :nr"
    sql = f"""WITH {_CURRENT_PARTIJ}, {_CURRENT_COMPLEX.format(where=where)},
        {_CURRENT_CONDITIE.format(where="AND m.corporatie_id = :id AND m.complexnummer = :nr")}
        SELECT c.corporatie_id, c.complexnummer, c.naam, c.gemeentecode, g.naam AS gemeentenaam, c.bouwjaar,
               p.naam AS corporatienaam, k.score, k.meetdatum, s.buurten, s.eerste_buurtcode,
               b.naam AS eerste_buurtnaam,
               {", ".join(f"coalesce(s.{col}, 0) AS {col}" for col in COUNT_COLUMNS)}
        FROM complex_nu c
        LEFT JOIN partij_nu p ON p.partij_id = c.corporatie_id
        LEFT JOIN conditie k ON 1 = 1
        LEFT JOIN web_complex_woningen s ON s.corporatie_id = c.corporatie_id
             AND s.complexnummer = c.complexnummer
        LEFT JOIN regio g ON g.code = c.gemeentecode
             AND g.indelingsjaar = (SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente')
        LEFT JOIN regio b ON b.code = s.eerste_buurtcode
             AND b.indelingsjaar = (SELECT max(indelingsjaar) FROM regio WHERE niveau = 'buurt')"""
    return _one(url, sql, {"id": corporatie_id, "nr": complexnummer})


def complex_elementen(url: str, corporatie_id: str, complexnummer: str) -> list[Row]:
    """The latest score per element (bouwdeel) of a complex."""
    sql = """SELECT element, score, meetdatum, methode FROM (
                SELECT m.*, row_number() OVER (PARTITION BY element
                       ORDER BY meetdatum DESC, peildatum DESC, import_id DESC) AS rn
                FROM conditiemeting m WHERE corporatie_id = :id AND complexnummer = :nr
                  AND element IS NOT NULL) t
             WHERE rn = 1 ORDER BY element"""
    return _query(url, sql, {"id": corporatie_id, "nr": complexnummer})


def complex_plannen(url: str, corporatie_id: str, complexnummer: str) -> list[Row]:
    sql = f"""WITH {_CURRENT_PLAN.format(where="WHERE p.corporatie_id = :id AND p.complexnummer = :nr")}
        SELECT plan_id, soort, status, geplande_datum, aantal_woningen FROM plan_nu ORDER BY geplande_datum, plan_id"""
    return _query(url, sql, {"id": corporatie_id, "nr": complexnummer})


def complex_herstructurering(url: str, corporatie_id: str, complexnummer: str) -> list[Row]:
    """The municipal restructuring plans that list a complex (current versions, object not vervallen)."""
    sql = """SELECT p.gemeentecode, p.plan_id, p.naam, p.status, p.startjaar, p.eindjaar, p.woningen_sloop
        FROM (SELECT o.*, row_number() OVER (PARTITION BY gemeentecode, plan_id, corporatie_id, complexnummer
              ORDER BY peildatum DESC, import_id DESC) AS rn FROM herstructureringsplan_object o
              WHERE corporatie_id = :id AND complexnummer = :nr) o
        JOIN (SELECT h.*, row_number() OVER (PARTITION BY gemeentecode, plan_id
              ORDER BY peildatum DESC, import_id DESC) AS rn FROM herstructureringsplan h) p
            ON p.gemeentecode = o.gemeentecode AND p.plan_id = o.plan_id AND p.rn = 1
        WHERE o.rn = 1 AND NOT o.vervallen
        ORDER BY p.startjaar, p.plan_id"""
    return _query(url, sql, {"id": corporatie_id, "nr": complexnummer})


def complex_gebreken(url: str, corporatie_id: str, complexnummer: str) -> list[Row]:
    """Defects of a complex per kind: how many, how many still open."""
    sql = """SELECT soort, count(*) AS aantal, sum(CASE WHEN opgelost_op IS NULL THEN 1 ELSE 0 END) AS open
             FROM (SELECT g.*, row_number() OVER (PARTITION BY corporatie_id, gebrek_id
                   ORDER BY peildatum DESC, import_id DESC)
                   AS rn FROM gebrek g WHERE corporatie_id = :id AND complexnummer = :nr) t
             WHERE rn = 1 GROUP BY soort ORDER BY soort"""
    return _query(url, sql, {"id": corporatie_id, "nr": complexnummer})


# --- completeness -----------------------------------------------------------------------------


def imports_per_source(url: str) -> list[Row]:
    """Imports grouped by kind, source and year of the reference date."""
    sql = """SELECT soort, bron, CAST(EXTRACT(year FROM peildatum) AS INTEGER) AS jaar, count(*) AS imports,
                    sum(rijen) AS rijen, max(voltooid_op) AS laatste_import
             FROM import_log GROUP BY soort, bron, CAST(EXTRACT(year FROM peildatum) AS INTEGER)
             ORDER BY soort, jaar, bron"""
    return _query(url, sql)


def coverage(url: str, jaar: int) -> list[Row]:
    """Per area level of a division year: how many areas have boundaries, inhabitants and dwellings."""
    names = ", ".join(f"'{n}'" for n in INWONER_INDICATOREN)
    sql = f"""WITH
        inw AS (SELECT DISTINCT regiocode FROM gebiedsindicator WHERE indicator IN ({names})),
        won AS (SELECT gemeentecode AS code FROM web_buurt_woningen WHERE indelingsjaar = :jaar
                UNION SELECT wijkcode FROM web_buurt_woningen WHERE indelingsjaar = :jaar
                UNION SELECT buurtcode FROM web_buurt_woningen WHERE indelingsjaar = :jaar)
        SELECT r.niveau, count(*) AS totaal, count(g.code) AS met_grens, count(i.regiocode) AS met_inwoners,
               count(w.code) AS met_woningen
        FROM regio r
        LEFT JOIN regio_geometrie g ON g.code = r.code AND g.indelingsjaar = r.indelingsjaar
        LEFT JOIN inw i ON i.regiocode = r.code
        LEFT JOIN won w ON w.code = r.code
        WHERE r.indelingsjaar = :jaar AND r.niveau IN ('gemeente', 'wijk', 'buurt')
        GROUP BY r.niveau"""
    return _query(url, sql, {"jaar": jaar})


# --- boundaries -------------------------------------------------------------------------------


def gemeente_geometrieen(url: str, jaar: int) -> list[Row]:
    """(code, geometrie as GeoJSON text) of every municipality of a division year that has a boundary."""
    sql = """SELECT g.code, g.geometrie FROM regio_geometrie g
             JOIN regio r ON r.code = g.code AND r.indelingsjaar = g.indelingsjaar
             WHERE r.niveau = 'gemeente' AND g.indelingsjaar = :jaar ORDER BY g.code"""
    return _query(url, sql, {"jaar": jaar})


def deelgebied_geometrieen(url: str, gemeentecode: str, jaar: int, niveau: str) -> list[Row]:
    """(code, geometrie) of the wijken or buurten of a municipality that have a boundary."""
    sql = """SELECT g.code, g.geometrie FROM regio_geometrie g
             JOIN regio r ON r.code = g.code AND r.indelingsjaar = g.indelingsjaar
             WHERE r.niveau = :niveau AND r.gemeentecode = :gm AND g.indelingsjaar = :jaar ORDER BY g.code"""
    return _query(url, sql, {"gm": gemeentecode, "jaar": jaar, "niveau": niveau})


def geometry_count(url: str, gemeentecode: str, jaar: int, niveau: str) -> int:
    """How many wijken or buurten of a municipality have a boundary."""
    sql = """SELECT count(*) AS n FROM regio_geometrie g
             JOIN regio r ON r.code = g.code AND r.indelingsjaar = g.indelingsjaar
             WHERE r.niveau = :niveau AND r.gemeentecode = :gm AND g.indelingsjaar = :jaar"""
    row = _one(url, sql, {"gm": gemeentecode, "jaar": jaar, "niveau": niveau})
    return int(row["n"]) if row else 0
