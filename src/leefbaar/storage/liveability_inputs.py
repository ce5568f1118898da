"""Set-based queries of the liveability index's inputs: indicator values per area, own indicators, areas.

Everything here runs on DuckDB and PostgreSQL 15 alike (portable SQL: CTEs, window functions,
``FILTER``, ``FULL JOIN``), returns Arrow tables and never loops over rows in Python.

Inputs of the index (see docs/liveability.md, "Data inputs"):

* :func:`indicator_values`: per level (buurt, wijk, gemeente) of one CBS division, the value of every
  requested source indicator from ``gebiedsindicator`` (CBS Kerncijfers columns, registered crime,
  imported surveys ``enquete:...``). Per area and source, the value of the newest data year within
  ``[oudste_jaar, jaar]``; a value stored under another division year is used only where the area
  code exists in the target division too. Wijk and gemeente values that CBS does not give are
  aggregated from the buurten of the target division: counts are summed, rates are the sum of the
  numerators over the sum of the denominators (over buurten that have both), other values are the
  population-weighted mean of the buurt values.
* :func:`own_indicators`: Leefbaar's own data per area, counted set-based at every level.
* :func:`areas`: the areas of a division with the region used for within-region percentiles.
* :func:`allocation_counts`: allocations per buurt, all and to priority groups (concentration, R9).

The stored results of the index are in :mod:`leefbaar.storage.liveability_runs`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pyarrow as pa
from sqlalchemy import text

from leefbaar.storage.engine import get_engine
from leefbaar.storage.liveability_fetch import fetch, quote, typed, values_list
from leefbaar.storage.rule_sql import buurtkamer_open, slechte_conditie

#: How a source indicator is carried from buurten to wijken and gemeenten when CBS gives no value.
SOM = "som"  # a count: sum over the buurten
RATIO = "ratio"  # a rate bron / noemer * factor: sum of numerators over sum of denominators
GEWOGEN = "gewogen"  # anything else: population-weighted mean of the buurt values

#: The CBS population column (normalised name); population weights and suppression use it.
INWONERS = "aantalinwoners"
#: Key under which :func:`indicator_values` returns the population.
INWONERS_SLEUTEL = "__inwoners"


@dataclass(frozen=True)
class Bron:
    """One requested indicator: its key, normalised source name, optional denominator and factor."""

    sleutel: str
    bron: str
    noemer: str | None = None
    factor: float = 1.0

    @property
    def aggregatie(self) -> str:
        return RATIO if self.noemer else GEWOGEN


def normalised_name(naam: str) -> str:
    """A source name independent of spelling: lower case, CBS's ``k_`` prefix and punctuation removed.

    ``k_65JaarOfOuder``, ``65JaarOfOuder`` and ``65jaarofouder`` are one name, as are
    ``GeregistreerdeMisdrijven`` and ``geregistreerdemisdrijven`` (databases built before the KWB
    converter kept CBS's spelling hold the lower-case form).
    """
    plat = naam.strip().lower()
    plat = re.sub(r"^k_", "", plat)
    return re.sub(r"[^a-z0-9]", "", plat)


def indicator_names(url: str) -> list[str]:
    """The distinct indicator names stored in ``gebiedsindicator``."""
    table = fetch(url, "SELECT DISTINCT indicator FROM gebiedsindicator")
    return [] if table.num_columns == 0 else [str(v) for v in table.column("indicator").to_pylist()]


def data_years(url: str) -> list[int]:
    """Years that have indicator values in ``gebiedsindicator``, oldest first."""
    table = fetch(url, "SELECT DISTINCT jaar FROM gebiedsindicator ORDER BY jaar")
    return [] if table.num_columns == 0 else sorted(int(v) for v in table.column("jaar").to_pylist())


def years_of_import(url: str, import_id: int) -> list[int]:
    """Years that one import brought indicator values for, oldest first."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            text("SELECT DISTINCT jaar FROM gebiedsindicator WHERE import_id = :i ORDER BY jaar"),
            {"i": import_id},
        ).all()
    return [int(r[0]) for r in rows]


def division_years(url: str) -> list[int]:
    """Division years (indelingsjaar) that have buurten in ``regio``, oldest first."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            text("SELECT DISTINCT indelingsjaar FROM regio WHERE niveau = 'buurt' ORDER BY indelingsjaar")
        ).all()
    return [int(r[0]) for r in rows]


def areas(url: str, indelingsjaar: int) -> pa.Table:
    """Buurten, wijken and gemeenten of a division: niveau, code, regio (gemeente; provincie for gemeenten)."""
    sql = f"""
        SELECT niveau, code,
               CASE WHEN niveau = 'gemeente' THEN NULLIF(provinciecode, '') ELSE gemeentecode END AS regio
        FROM regio
        WHERE indelingsjaar = {int(indelingsjaar)} AND niveau IN ('buurt', 'wijk', 'gemeente')
        ORDER BY niveau, code
    """
    return typed(fetch(url, sql), {"niveau": pa.string(), "code": pa.string(), "regio": pa.string()})


def indicator_values(
    url: str,
    jaar: int,
    indelingsjaar: int,
    oudste_jaar: int,
    bronnen: Sequence[Bron],
    namen: Mapping[str, str],
) -> pa.Table:
    """Long table (niveau, code, sleutel, waarde, jaar) of the requested indicators, all three levels.

    ``namen`` maps stored indicator names to normalised names (only those needed). The population is
    returned too, under the key :data:`INWONERS_SLEUTEL`. See the module docstring for the rules.
    """
    leeg = pa.table(
        {
            "niveau": pa.array([], pa.string()),
            "code": pa.array([], pa.string()),
            "sleutel": pa.array([], pa.string()),
            "waarde": pa.array([], pa.float64()),
            "jaar": pa.array([], pa.int32()),
        }
    )
    spec = [Bron(INWONERS_SLEUTEL, INWONERS), *bronnen]
    spec_rows = [
        (b.sleutel, b.bron, b.noemer, float(b.factor), SOM if b.sleutel == INWONERS_SLEUTEL else b.aggregatie)
        for b in spec
    ]
    if not namen:
        return leeg
    sql = _INDICATOR_SQL.format(
        namen=values_list(sorted(namen.items())),
        spec=values_list(spec_rows),
        d=int(indelingsjaar),
        jaar=int(jaar),
        oudste=int(oudste_jaar),
        som=quote(SOM),
        ratio=quote(RATIO),
        inwoners=quote(INWONERS),
    )
    uit = fetch(url, sql)
    if uit.num_columns == 0:
        return leeg
    return typed(uit, {c: leeg.schema.field(c).type for c in leeg.column_names})


# Steps: the current version of each stored value within the year window (``versie``); per area and
# source the newest year, then the closest division year (``kandidaat``); per area and indicator its
# numerator, denominator and population side by side (``paar``: a pivot by aggregation, no self-join,
# which PostgreSQL would plan as a nested loop over CTEs); sums and weighted means of the buurten per
# wijk and gemeente (``opgeteld``); own-level values (``eigen``) win over aggregated ones.
_INDICATOR_SQL = """
WITH naam(indicator, norm) AS (VALUES {namen}),
spec(sleutel, bron, noemer, factor, aggregatie) AS (VALUES {spec}),
gebied AS (
    SELECT code, niveau, wijkcode, gemeentecode FROM regio
    WHERE indelingsjaar = {d} AND niveau IN ('buurt', 'wijk', 'gemeente')
),
versie AS (
    SELECT g.regiocode, g.indelingsjaar, g.jaar, n.norm, g.waarde,
           row_number() OVER (
               PARTITION BY g.regiocode, g.indelingsjaar, g.jaar, g.indicator
               ORDER BY g.peildatum DESC, g.import_id DESC
           ) AS versie
    FROM gebiedsindicator g JOIN naam n ON n.indicator = g.indicator
    WHERE g.jaar BETWEEN {oudste} AND {jaar}
),
kandidaat AS (
    SELECT v.regiocode AS code, v.norm, CAST(v.waarde AS DOUBLE PRECISION) AS waarde, v.jaar,
           row_number() OVER (
               PARTITION BY v.regiocode, v.norm
               ORDER BY v.jaar DESC, abs(v.indelingsjaar - {d}) ASC, v.indelingsjaar DESC
           ) AS rang
    FROM versie v JOIN gebied a ON a.code = v.regiocode
    WHERE v.versie = 1 AND v.waarde IS NOT NULL
),
gegeven AS (SELECT code, norm, waarde, jaar FROM kandidaat WHERE rang = 1),
paar AS (
    SELECT g.code, s.sleutel, s.aggregatie, s.factor,
           max(CASE WHEN g.norm = s.bron THEN g.waarde END) AS teller,
           max(CASE WHEN g.norm = s.noemer THEN g.waarde END) AS noemer,
           max(CASE WHEN g.norm = s.bron THEN g.jaar END) AS jaar
    FROM gegeven g JOIN spec s ON g.norm = s.bron OR g.norm = s.noemer
    GROUP BY g.code, s.sleutel, s.aggregatie, s.factor
),
inwoners AS (SELECT code, waarde AS inw FROM gegeven WHERE norm = {inwoners}),
bw AS (
    SELECT b.wijkcode, b.gemeentecode, p.sleutel, p.aggregatie, p.factor, p.teller, p.noemer, p.jaar, i.inw
    FROM paar p
    JOIN gebied b ON b.code = p.code
    LEFT JOIN inwoners i ON i.code = p.code
    WHERE b.niveau = 'buurt' AND p.teller IS NOT NULL
),
per_groep AS (
    SELECT 'wijk' AS niveau, wijkcode AS code, sleutel, aggregatie, factor, teller, noemer, jaar, inw
    FROM bw WHERE wijkcode IS NOT NULL
    UNION ALL
    SELECT 'gemeente', gemeentecode, sleutel, aggregatie, factor, teller, noemer, jaar, inw
    FROM bw WHERE gemeentecode IS NOT NULL
),
opgeteld AS (
    SELECT niveau, code, sleutel,
           CASE
               WHEN aggregatie = {som} THEN sum(teller)
               WHEN aggregatie = {ratio} THEN
                   sum(teller) FILTER (WHERE noemer IS NOT NULL)
                   / NULLIF(sum(noemer) FILTER (WHERE noemer IS NOT NULL), 0) * factor
               ELSE sum(teller * inw) FILTER (WHERE inw > 0) / NULLIF(sum(inw) FILTER (WHERE inw > 0), 0)
           END AS waarde,
           max(jaar) AS jaar
    FROM per_groep
    GROUP BY niveau, code, sleutel, aggregatie, factor
),
eigen AS (
    SELECT a.niveau, p.code, p.sleutel,
           CASE WHEN p.aggregatie = {ratio} THEN p.teller / NULLIF(p.noemer, 0) * p.factor ELSE p.teller END
               AS waarde,
           p.jaar
    FROM paar p JOIN gebied a ON a.code = p.code
    WHERE p.teller IS NOT NULL
),
eigen_geldig AS (SELECT * FROM eigen WHERE waarde IS NOT NULL)
SELECT niveau, code, sleutel, waarde, CAST(jaar AS INTEGER) AS jaar FROM eigen_geldig
UNION ALL
SELECT o.niveau, o.code, o.sleutel, o.waarde, CAST(o.jaar AS INTEGER)
FROM opgeteld o
LEFT JOIN eigen_geldig e ON e.code = o.code AND e.sleutel = o.sleutel
WHERE o.waarde IS NOT NULL AND e.code IS NULL
"""


#: Leefbaar's own indicators (``bron: leefbaar:<naam>``) that :func:`own_indicators` computes.
EIGEN_INDICATOREN = ("conditie_5_6", "vocht_schimmel_open", "buurtkamer")


def own_indicators(url: str, indelingsjaar: int, peildatum: date) -> pa.Table:
    """Leefbaar's own indicators per area (niveau, code, conditie_5_6, vocht_schimmel_open, buurtkamer).

    State on ``peildatum`` (current versions of the facts, measurements and defects up to that date),
    for dwellings whose buurtcode exists in the division ``indelingsjaar``:

    * ``conditie_5_6``: percentage of the association dwellings with a known condition whose complex
      has condition 5 or 6 (rule "complexscore": the latest whole-complex measurement, element empty);
    * ``vocht_schimmel_open``: open damp/mould defects (linked to a dwelling) per 100 association dwellings;
    * ``buurtkamer``: 1 when a buurtkamer is open in the area on the date (``rule_sql.buurtkamer_open``:
      a closed one no longer counts), 0 when not; known only for areas with
      association dwellings or a buurtkamer in Leefbaar.

    Wijk and gemeente figures are computed from the counts of their buurten (not averaged).
    """
    r = quote(peildatum.isoformat())
    # The current version of a dwelling is its row with the latest peildatum. Numbering the versions
    # of 8 million dwellings costs seconds; when only one peildatum exists up to the reference date
    # (the usual case: one stock file per year), every dwelling has one row and numbering is skipped.
    versies = fetch(url, f"SELECT count(DISTINCT peildatum) AS n FROM woning WHERE peildatum <= DATE {r}")
    if versies.num_rows and int(versies.column(0)[0].as_py() or 0) <= 1:
        woning_nu = (
            "SELECT verblijfsobject_id, buurtcode, eigendom, corporatie_id, complexnummer, 1 AS versie "
            f"FROM woning WHERE peildatum <= DATE {r} AND eigendom = 'corporatie'"
        )
    else:
        woning_nu = (
            "SELECT verblijfsobject_id, buurtcode, eigendom, corporatie_id, complexnummer, "
            "row_number() OVER (PARTITION BY verblijfsobject_id ORDER BY peildatum DESC, import_id DESC) AS versie "
            f"FROM woning WHERE peildatum <= DATE {r}"
        )
    sql = _EIGEN_SQL.format(
        d=int(indelingsjaar),
        r=r,
        woning_nu=woning_nu,
        slecht=slechte_conditie("m.score"),
        kamer_open=buurtkamer_open(f"DATE {r}", "k"),
    )
    uit = fetch(url, sql)
    typen = {
        "niveau": pa.string(),
        "code": pa.string(),
        **{k: pa.float64() for k in EIGEN_INDICATOREN},
    }
    if uit.num_columns == 0:
        return pa.table({k: pa.array([], t) for k, t in typen.items()})
    return typed(uit, typen)


_EIGEN_SQL = """
WITH gebied AS (
    SELECT code, wijkcode, gemeentecode FROM regio WHERE indelingsjaar = {d} AND niveau = 'buurt'
),
woning_nu AS ({woning_nu}),
corp AS (
    SELECT w.verblijfsobject_id, w.corporatie_id, w.complexnummer, b.code
    FROM woning_nu w JOIN gebied b ON b.code = w.buurtcode
    WHERE w.versie = 1 AND w.eigendom = 'corporatie'
),
meting AS (
    SELECT corporatie_id, complexnummer, score,
           row_number() OVER (
               PARTITION BY corporatie_id, complexnummer ORDER BY meetdatum DESC, peildatum DESC, import_id DESC
           ) AS r
    FROM conditiemeting
    WHERE (element IS NULL OR element = '') AND meetdatum <= DATE {r} AND peildatum <= DATE {r}
),
gebrek_nu AS (
    SELECT verblijfsobject_id, soort, geconstateerd_op, opgelost_op,
           row_number() OVER (PARTITION BY corporatie_id, gebrek_id ORDER BY peildatum DESC, import_id DESC)
               AS versie
    FROM gebrek WHERE peildatum <= DATE {r}
),
open_gebrek AS (
    SELECT verblijfsobject_id, count(*) AS aantal FROM gebrek_nu
    WHERE versie = 1 AND soort = 'vocht_schimmel' AND verblijfsobject_id IS NOT NULL
      AND geconstateerd_op <= DATE {r} AND (opgelost_op IS NULL OR opgelost_op > DATE {r})
    GROUP BY verblijfsobject_id
),
per_woning_buurt AS (
    SELECT c.code, count(*) AS woningen,
           count(m.score) AS bekend,
           count(*) FILTER (WHERE {slecht}) AS slecht,
           coalesce(sum(d.aantal), 0) AS gebreken
    FROM corp c
    LEFT JOIN meting m ON m.corporatie_id = c.corporatie_id AND m.complexnummer = c.complexnummer AND m.r = 1
    LEFT JOIN open_gebrek d ON d.verblijfsobject_id = c.verblijfsobject_id
    GROUP BY c.code
),
kamer_nu AS (
    SELECT buurtcode, geopend_op, gesloten_op,
           row_number() OVER (PARTITION BY buurtkamer_id ORDER BY peildatum DESC, import_id DESC) AS versie
    FROM buurtkamer WHERE peildatum <= DATE {r}
),
kamer AS (
    SELECT DISTINCT k.buurtcode AS code FROM kamer_nu k JOIN gebied b ON b.code = k.buurtcode
    WHERE k.versie = 1 AND {kamer_open}
),
per_buurt AS (
    SELECT coalesce(p.code, k.code) AS code,
           coalesce(p.woningen, 0) AS woningen, coalesce(p.bekend, 0) AS bekend,
           coalesce(p.slecht, 0) AS slecht, coalesce(p.gebreken, 0) AS gebreken,
           CASE WHEN k.code IS NULL THEN 0 ELSE 1 END AS kamer
    FROM per_woning_buurt p FULL JOIN kamer k ON k.code = p.code
),
met_gebied AS (
    SELECT p.*, b.wijkcode, b.gemeentecode FROM per_buurt p JOIN gebied b ON b.code = p.code
),
niveaus AS (
    SELECT 'buurt' AS niveau, code, woningen, bekend, slecht, gebreken, kamer FROM met_gebied
    UNION ALL
    SELECT 'wijk', wijkcode, sum(woningen), sum(bekend), sum(slecht), sum(gebreken), max(kamer)
    FROM met_gebied WHERE wijkcode IS NOT NULL GROUP BY wijkcode
    UNION ALL
    SELECT 'gemeente', gemeentecode, sum(woningen), sum(bekend), sum(slecht), sum(gebreken), max(kamer)
    FROM met_gebied WHERE gemeentecode IS NOT NULL GROUP BY gemeentecode
)
SELECT niveau, code,
       CASE WHEN bekend > 0 THEN CAST(slecht AS DOUBLE PRECISION) * 100 / bekend END AS conditie_5_6,
       CASE WHEN woningen > 0 THEN CAST(gebreken AS DOUBLE PRECISION) * 100 / woningen END
           AS vocht_schimmel_open,
       CAST(kamer AS DOUBLE PRECISION) AS buurtkamer
FROM niveaus
"""


def allocation_counts(url: str, jaar: int, indelingsjaar: int, groepen: Sequence[str]) -> pa.Table:
    """Allocations in ``jaar`` per buurt (current versions): buurtcode, gemeentecode, totaal, aandachtsgroepen.

    ``groepen``: the aandachtsgroepen that count as priority groups. Only allocations with a buurtcode
    in the division ``indelingsjaar`` are counted.
    """
    in_groep = ", ".join(quote(g) for g in groepen) or "''"
    sql = f"""
        WITH nu AS (
            SELECT buurtcode, gemeentecode, aandachtsgroep, datum,
                   row_number() OVER (PARTITION BY toewijzing_id ORDER BY peildatum DESC, import_id DESC)
                       AS versie
            FROM toewijzing WHERE buurtcode IS NOT NULL AND indelingsjaar = {int(indelingsjaar)}
        )
        SELECT buurtcode, gemeentecode, count(*) AS totaal,
               count(*) FILTER (WHERE aandachtsgroep IN ({in_groep})) AS aandachtsgroepen
        FROM nu
        WHERE versie = 1 AND datum >= DATE '{int(jaar)}-01-01' AND datum < DATE '{int(jaar) + 1}-01-01'
        GROUP BY buurtcode, gemeentecode
        ORDER BY buurtcode
    """
    typen = {"buurtcode": pa.string(), "gemeentecode": pa.string(), "totaal": pa.int64()}
    typen["aandachtsgroepen"] = pa.int64()
    uit = fetch(url, sql)
    if uit.num_columns == 0:
        return pa.table({k: pa.array([], t) for k, t in typen.items()})
    return typed(uit, typen)
