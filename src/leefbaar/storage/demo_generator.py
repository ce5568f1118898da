"""The one synthetic data generator: national demo, test data (tiny) and benchmarks, all from SQL.

Everything is generated set-based in DuckDB from real CBS figures already in the database
(inhabitants per buurt 2024, the 2021 housing shares per municipality) and deterministic
pseudo-random numbers: ``hash(seed, key, salt)``, so the same seed gives the same data on every
machine. Totals per municipality are allocated by largest remainder so that they add up exactly
to the national calibration figures (DOMAIN.md). No real person, dwelling or association is in it:
associations, complexes, addresses and households are fictitious and every party is flagged
``synthetisch``.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy import text

from leefbaar.storage import tables
from leefbaar.storage.arrow_io import copy_duckdb_query_to_postgres, fetch_arrow
from leefbaar.storage.engine import DUCKDB_CONFIG, Backend, backend_of, get_engine

#: National calibration figures (DOMAIN.md; CBS 82900NED 1 Jan 2023, Aw 2023).
WONINGEN = 8_125_229
CORPORATIEWONINGEN = 2_312_981
KOOPWONINGEN = 4_634_411
CORPORATIES = 279
INDELINGSJAAR = 2025
PEILDATUM = date(2025, 1, 1)
BRON = "Leefbaar demo-generator (synthetische gegevens)"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Scale:
    name: str
    gemeenten: tuple[str, ...] | None  # None = all municipalities
    factor: float  # share of every count that is generated


SCALES = {
    "tiny": Scale("tiny", ("GM0363", "GM0599", "GM0344", "GM0014", "GM0034", "GM0153"), 0.01),
    "gemeente": Scale(
        "gemeente",
        (
            "GM0363",
            "GM0599",
            "GM0518",
            "GM0344",
            "GM0014",
            "GM0034",
            "GM0153",
            "GM0772",
            "GM0855",
            "GM0202",
            "GM0193",
            "GM0080",
        ),
        1.0,
    ),
    "national": Scale("national", None, 1.0),
}

#: Fixed association ids in the three example municipalities (agreements/ refers to them).
FIXED_ASSOCIATIONS = {
    "GM0363": ("L0001", "L0002"),
    "GM0599": ("L0003", "L0004"),
    "GM0344": ("L0005", "L0006"),
}
FIXED_CARE_PARTNERS = {"GM0363": "ZP0001", "GM0599": "ZP0002", "GM0344": "ZP0003"}

_PREFIXES = ("Woonstichting", "Wooncorporatie", "Woongroep", "Stichting Wonen")
_SYLLABLES_A = ("Eik", "Lin", "Ber", "Hoog", "Wil", "Zon", "Dal", "Vel", "Mer", "Bro", "Ros", "Kem")
_SYLLABLES_B = ("hof", "stede", "borg", "veld", "waarde", "burcht", "heem", "weide", "dijk", "laan")


def association_name(index: int) -> str:
    """A fictitious association name; unique for the first 480 indexes."""
    a = _SYLLABLES_A[index % len(_SYLLABLES_A)]
    b = _SYLLABLES_B[(index // len(_SYLLABLES_A)) % len(_SYLLABLES_B)]
    prefix = _PREFIXES[(index // (len(_SYLLABLES_A) * len(_SYLLABLES_B))) % len(_PREFIXES)]
    return f"{prefix} {a}{b} (fictief)"


def _u(seed: int, key: str, salt: str) -> str:
    """SQL for a deterministic uniform number in [0, 1) from a key expression."""
    return f"((hash({seed}, {key}, '{salt}') % 1000003) / 1000003.0)"


def _normal(seed: int, key: str, salt: str) -> str:
    u1 = _u(seed, key, salt + "1")
    u2 = _u(seed, key, salt + "2")
    return f"(sqrt(-2 * ln(greatest({u1}, 1e-9))) * cos(2 * pi() * {u2}))"


def largest_remainder(source: str, weight: str, total: str, key: str, partition: str | None = None) -> str:
    """SQL adding column ``n``: ``total`` split over rows by ``weight``, integers that sum exactly."""
    over = f"PARTITION BY {partition}" if partition else ""
    return f"""
        WITH w AS (SELECT *, {weight} AS __w, {total} AS __t FROM {source}),
        e AS (SELECT *, CASE WHEN sum(__w) OVER ({over}) > 0
                        THEN __t * __w / sum(__w) OVER ({over}) ELSE 0 END AS __exact FROM w),
        f AS (SELECT *, floor(__exact) AS __floor FROM e)
        SELECT * EXCLUDE (__w, __t, __exact, __floor),
               CAST(__floor + CASE WHEN row_number() OVER ({over} ORDER BY __exact - __floor DESC, {key})
                    <= __t - sum(__floor) OVER ({over}) THEN 1 ELSE 0 END AS BIGINT) AS n
        FROM f"""


# --------------------------------------------------------------------------------------------------
# Inputs: real figures from the database


_INPUT_QUERIES = {
    "in_buurt": f"""
        SELECT r.code AS buurtcode, r.gemeentecode, g.waarde AS inwoners
        FROM regio r LEFT JOIN gebiedsindicator g
          ON g.regiocode = r.code AND g.indelingsjaar = 2024 AND g.jaar = 2024 AND g.indicator = 'AantalInwoners'
        WHERE r.indelingsjaar = {INDELINGSJAAR} AND r.niveau = 'buurt'""",
    "in_gemeente": f"""
        SELECT r.code AS gemeentecode, r.naam, coalesce(r.provinciecode, 'PV26') AS provinciecode,
               max(CASE WHEN g.indicator = 'AantalInwoners' AND g.jaar = 2024 THEN g.waarde END) AS inwoners,
               max(CASE WHEN g.indicator = 'gemiddelde_huishoudensgrootte' THEN g.waarde END) AS hh,
               max(CASE WHEN g.indicator = 'corporatiewoningen_pct' THEN g.waarde END) AS corp_pct,
               max(CASE WHEN g.indicator = 'koopwoningen_pct' THEN g.waarde END) AS koop_pct
        FROM regio r LEFT JOIN gebiedsindicator g ON g.regiocode = r.code
        WHERE r.indelingsjaar = {INDELINGSJAAR} AND r.niveau = 'gemeente'
        GROUP BY r.code, r.naam, r.provinciecode""",
}


def _load_inputs(url: str, duck: Any) -> None:
    for name, sql in _INPUT_QUERIES.items():
        table = fetch_arrow(
            url,
            sql,
            {
                "inwoners": pa.float64(),
                "hh": pa.float64(),
                "corp_pct": pa.float64(),
                "koop_pct": pa.float64(),
            },
        )
        duck.register(f"{name}_arrow", table)
        duck.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")
        duck.unregister(f"{name}_arrow")


# --------------------------------------------------------------------------------------------------
# Generation steps, each a set-based statement


def _gemeenten(duck: Any, scale: Scale) -> None:
    # Dwellings per municipality ~ inhabitants / household size, scaled to the national total.
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_gemeente_all AS
        {
        largest_remainder(
            "in_gemeente", "coalesce(inwoners, 0) / coalesce(hh, 2.15)", str(WONINGEN), "gemeentecode"
        )
    }""")
    duck.execute("ALTER TABLE gen_gemeente_all RENAME COLUMN n TO woningen")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_gemeente_c AS
        {
        largest_remainder(
            "gen_gemeente_all",
            "woningen * coalesce(corp_pct, 24) / 100.0",
            str(CORPORATIEWONINGEN),
            "gemeentecode",
        )
    }""")
    duck.execute("ALTER TABLE gen_gemeente_c RENAME COLUMN n TO corporatie")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_gemeente_k AS
        {
        largest_remainder(
            "gen_gemeente_c", "woningen * coalesce(koop_pct, 55) / 100.0", str(KOOPWONINGEN), "gemeentecode"
        )
    }""")
    subset = ""
    if scale.gemeenten:
        subset = "WHERE gemeentecode IN (" + ", ".join(f"'{g}'" for g in scale.gemeenten) + ")"
    f = scale.factor
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_gemeente AS
        SELECT gemeentecode, naam, provinciecode, inwoners,
               CAST(round(woningen * {f}) AS BIGINT) AS woningen,
               CAST(round(corporatie * {f}) AS BIGINT) AS corporatie,
               CAST(least(round(n * {f}), round(woningen * {f}) - round(corporatie * {f})) AS BIGINT) AS koop
        FROM gen_gemeente_k {subset}""")


def _buurten(duck: Any, seed: int) -> None:
    # Dwellings per buurt ~ inhabitants in 2024; buurten new in 2025 get the municipal median (or, when
    # a municipality renumbered all its buurten, a typical buurt size).
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_buurt AS
        {
        largest_remainder(
            "(SELECT b.*, g.woningen AS gem_woningen, coalesce(b.inwoners, median(b.inwoners) OVER "
            "(PARTITION BY b.gemeentecode), 800) AS gewicht FROM in_buurt b JOIN gen_gemeente g USING (gemeentecode))",
            "gewicht",
            "gem_woningen",
            "buurtcode",
            "gemeentecode",
        )
    }""")
    # Skewed, zero-inflated propensities: association stock concentrates in some buurten.
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_buurt_p AS
        SELECT buurtcode, gemeentecode, n,
               CASE WHEN {_u(seed, "buurtcode", "c0")} < 0.22 THEN 0.0
                    ELSE exp(1.1 * {_normal(seed, "buurtcode", "c")}) END AS p_corp,
               exp(0.8 * {_normal(seed, "buurtcode", "k")}) AS p_koop,
               1900 + CAST(floor({_u(seed, "buurtcode", "bj")} * 118) AS INTEGER) AS basisjaar,
               24 + CAST(floor({_u(seed, "buurtcode", "cs")} * 120) AS INTEGER) AS complexgrootte,
               1000 + CAST(floor({_u(seed, "buurtcode", "pc")} * 8999) AS INTEGER) AS pc4
        FROM gen_buurt WHERE n > 0""")


def _dwellings(duck: Any, seed: int) -> None:
    key = "buurtcode || '-' || CAST(i AS VARCHAR)"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_dw AS
        SELECT b.gemeentecode, b.buurtcode, t.i, b.basisjaar, b.complexgrootte, b.pc4,
               b.p_corp * (0.25 + {_u(seed, key, "uc")}) AS k_corp,
               b.p_koop * (0.25 + {_u(seed, key, "uk")}) AS k_koop
        FROM gen_buurt_p b, range(b.n) t(i)""")
    # The municipality's exact number of association and owner-occupied dwellings, by propensity rank.
    duck.execute("""
        CREATE OR REPLACE TABLE gen_dw2 AS
        WITH r AS (
            SELECT d.*, g.corporatie, g.koop,
                   row_number() OVER (PARTITION BY d.gemeentecode ORDER BY k_corp DESC, buurtcode, i) AS rc
            FROM gen_dw d JOIN gen_gemeente g USING (gemeentecode))
        SELECT r.* EXCLUDE (corporatie, koop, rc, k_corp), rc <= corporatie AS is_corp,
               CASE WHEN rc <= corporatie THEN NULL ELSE row_number() OVER (
                   PARTITION BY gemeentecode, rc <= corporatie ORDER BY k_koop DESC, buurtcode, i) END AS rk,
               koop
        FROM r""")
    duck.execute("DROP TABLE gen_dw")


def plan_associations(
    gemeenten: list[tuple[str, str, int]], count: int
) -> list[tuple[str, str, float, float]]:
    """Territories of ``count`` associations over municipalities: (gemeentecode, corporatie_id, lo, hi).

    Each municipality's association stock is split over one or more associations in shares
    [lo, hi); large cities get several, small neighbouring municipalities (same province, in code
    order) share one. ``gemeenten`` holds (gemeentecode, provinciecode, association dwellings).
    Runs on the 342 municipalities, not on dwellings.
    """
    total = sum(c for _, _, c in gemeenten) or 1
    # Search the bucket size that yields exactly ``count`` associations (or the closest count).
    best = min(
        (abs(len({t[1] for t in _plan(gemeenten, total / count * f / 100)}) - count), f)
        for f in range(60, 260, 2)
    )
    return _plan(gemeenten, total / count * best[1] / 100)


def _plan(gemeenten: list[tuple[str, str, int]], target: float) -> list[tuple[str, str, float, float]]:
    territories: list[tuple[str, str, float, float]] = []
    next_id = 7
    used_fixed = 0

    def new_id() -> str:
        nonlocal next_id
        value = f"L{next_id:04d}"
        next_id += 1
        return value

    bucket_id: str | None = None
    bucket_size = 0.0
    bucket_province = ""
    for code, province, corp in sorted(gemeenten, key=lambda g: (g[1], g[0])):
        if code in FIXED_ASSOCIATIONS or corp > 1.5 * target:
            fixed = FIXED_ASSOCIATIONS.get(code, ())
            used_fixed += len(fixed)
            k = max(len(fixed), round(corp / target))
            ids = list(fixed) + [new_id() for _ in range(k - len(fixed))]
            for j, assoc in enumerate(ids):
                territories.append((code, assoc, j / k, (j + 1) / k))
            continue
        if bucket_id is None or province != bucket_province or bucket_size + corp > 1.2 * target:
            bucket_id, bucket_size, bucket_province = new_id(), 0.0, province
        bucket_size += corp
        territories.append((code, bucket_id, 0.0, 1.0))
    return territories


def _complexes(duck: Any, seed: int) -> None:
    gemeenten = duck.execute("SELECT gemeentecode, provinciecode, corporatie FROM gen_gemeente").fetchall()
    # Scale the association count with the share of the national stock generated.
    share = sum(c for _, _, c in gemeenten) / CORPORATIEWONINGEN
    count = max(len(FIXED_ASSOCIATIONS) * 2, round(CORPORATIES * min(1.0, share)))
    territories = plan_associations([(g, p, int(c)) for g, p, c in gemeenten], count)
    duck.register(
        "terr_arrow",
        pa.table(
            {
                "gemeentecode": [t[0] for t in territories],
                "corporatie_id": [t[1] for t in territories],
                "lo": [t[2] for t in territories],
                "hi": [t[3] for t in territories],
            }
        ),
    )
    duck.execute("CREATE OR REPLACE TABLE gen_territorium AS SELECT * FROM terr_arrow")
    duck.unregister("terr_arrow")
    duck.execute("""
        CREATE OR REPLACE TABLE gen_cdw AS
        SELECT gemeentecode, buurtcode, i,
               CAST(floor((row_number() OVER (PARTITION BY buurtcode ORDER BY i) - 1) / complexgrootte) AS INTEGER)
                   AS complexindex
        FROM gen_dw2 WHERE is_corp""")
    cu = _u(seed, "buurtcode || '#' || CAST(complexindex AS VARCHAR)", "ca")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_complex0 AS
        SELECT c.gemeentecode, c.buurtcode, c.complexindex, count(*) AS woningen, {cu} AS u
        FROM gen_cdw c GROUP BY ALL""")
    duck.execute("""
        CREATE OR REPLACE TABLE gen_complex AS
        SELECT c.*, t.corporatie_id,
               CAST(1000 + row_number() OVER (PARTITION BY t.corporatie_id ORDER BY c.buurtcode, c.complexindex)
                    AS VARCHAR) AS complexnummer
        FROM gen_complex0 c JOIN gen_territorium t ON t.gemeentecode = c.gemeentecode AND c.u >= t.lo AND c.u < t.hi""")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_complex AS
        SELECT c.*, p.basisjaar + CAST(floor(({_u(seed, "c.corporatie_id || c.complexnummer", "bj")} - 0.5) * 24)
               AS INTEGER) AS bouwjaar
        FROM gen_complex c JOIN gen_buurt_p p USING (buurtcode)""")
    duck.execute("DROP TABLE gen_complex0")


def _woning_select(seed: int) -> str:
    key = "d.buurtcode || '-' || CAST(d.i AS VARCHAR)"
    u_seg, u_lab, u_opp, u_bj = (_u(seed, key, s) for s in ("seg", "lab", "opp", "bj"))
    bouwjaar = f"least(2024, greatest(1850, coalesce(c.bouwjaar, d.basisjaar + CAST(floor(({u_bj} - 0.5) * 30) AS INTEGER))))"
    eigendom = "CASE WHEN d.is_corp THEN 'corporatie' WHEN d.rk <= d.koop THEN 'koop' ELSE 'overige_huur' END"
    label_shift = f"(({bouwjaar} - 1850) / 175.0)"
    return f"""
        SELECT substr(d.gemeentecode, 3, 4) || '01' || lpad(CAST(row_number() OVER (
                   PARTITION BY d.gemeentecode ORDER BY d.buurtcode, d.i) AS VARCHAR), 10, '0') AS verblijfsobject_id,
               CAST(d.pc4 AS VARCHAR) || chr(65 + CAST(floor(d.i / 26) % 26 AS INTEGER)) || chr(65 + CAST(d.i % 26 AS INTEGER))
                   AS postcode,
               CAST(d.i % 250 + 1 AS INTEGER) AS huisnummer,
               CAST(NULL AS VARCHAR) AS huisletter,
               CASE WHEN d.i >= 250 THEN CAST(CAST(floor(d.i / 250) AS INTEGER) AS VARCHAR) END AS toevoeging,
               d.buurtcode, CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar,
               {eigendom} AS eigendom,
               c.corporatie_id, c.complexnummer,
               CASE WHEN d.is_corp THEN (CASE WHEN {u_seg} < 0.9 THEN 'sociaal' WHEN {u_seg} < 0.98 THEN 'midden' ELSE 'vrij' END)
                    WHEN d.rk <= d.koop THEN NULL
                    ELSE (CASE WHEN {u_seg} < 0.12 THEN 'sociaal' WHEN {u_seg} < 0.5 THEN 'midden' ELSE 'vrij' END) END
                   AS huursegment,
               CASE WHEN {u_lab} < 0.08 THEN NULL ELSE
                   list_extract(['A+++', 'A++', 'A+', 'A', 'B', 'C', 'D', 'E', 'F', 'G'],
                       CAST(least(10, greatest(1, floor(11 - 9 * ({label_shift} * 0.75 + {u_lab} * 0.45)))) AS INTEGER))
               END AS energielabel,
               CAST({bouwjaar} AS SMALLINT) AS bouwjaar,
               CAST(35 + floor({u_opp} * 110) AS INTEGER) AS oppervlakte_m2,
               DATE '{PEILDATUM.isoformat()}' AS peildatum
        FROM gen_dw2 d
        LEFT JOIN gen_cdw cd ON d.is_corp AND cd.buurtcode = d.buurtcode AND cd.i = d.i
        LEFT JOIN gen_complex c ON c.buurtcode = cd.buurtcode AND c.complexindex = cd.complexindex"""


# Association classes: a few "zwak" associations carry most of conditions 4-6 (DOMAIN.md).
_SCORE_THRESHOLDS = {
    # cumulative P(score <= s) for s = 1..5 among scored complexes
    "normaal": (0.3169, 0.6951, 0.9809, 0.9970, 0.9995),
    "zwak": (0.2160, 0.4740, 0.6700, 0.9200, 0.9800),
}


def _score_case(u: str, cls: str) -> str:
    cuts = _SCORE_THRESHOLDS[cls]
    branches = " ".join(f"WHEN {u} < {cut} THEN {s}" for s, cut in enumerate(cuts, start=1))
    return f"CASE {branches} ELSE 6 END"


def _condition(duck: Any, seed: int) -> None:
    ckey = "corporatie_id || '/' || complexnummer"
    u_class = _u(seed, "corporatie_id", "zwak")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_corp_klasse AS
        SELECT DISTINCT corporatie_id, CASE WHEN {u_class} < 0.08 THEN 'zwak' ELSE 'normaal' END AS klasse
        FROM gen_complex""")
    u = _u(seed, ckey, "score")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_complexscore AS
        SELECT c.corporatie_id, c.complexnummer, c.woningen,
               CASE WHEN {_u(seed, ckey, "geen")} < 0.20 THEN NULL
                    WHEN k.klasse = 'zwak' THEN {_score_case(u, "zwak")} ELSE {_score_case(u, "normaal")} END AS score,
               DATE '2019-01-01' + CAST(floor({_u(seed, ckey, "datum")} * 2190) AS INTEGER) AS meetdatum
        FROM gen_complex c JOIN gen_corp_klasse k USING (corporatie_id)""")
    # Element scores for a third of the scored complexes, spread around the complex score, so that
    # the worst-element and replacement-value rules can disagree with the complex score.
    elements = "['dak', 'gevel', 'kozijnen', 'installaties', 'fundering']"
    values = "[180000, 240000, 120000, 90000, 300000]"
    ekey = f"{ckey} || e.naam"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_conditie AS
        SELECT corporatie_id, complexnummer, CAST(NULL AS VARCHAR) AS element, score,
               CAST(NULL AS DECIMAL(14, 2)) AS vervangingswaarde_eur, meetdatum
        FROM gen_complexscore WHERE score IS NOT NULL
        UNION ALL
        SELECT s.corporatie_id, s.complexnummer, e.naam,
               CAST(least(6, greatest(1, s.score + CASE WHEN {_u(seed, ekey, "d")} < 0.2 THEN -1
                    WHEN {_u(seed, ekey, "d")} < 0.75 THEN 0 WHEN {_u(seed, ekey, "d")} < 0.95 THEN 1 ELSE 2 END))
                    AS INTEGER),
               CAST(e.waarde * s.woningen / 50.0 * (0.6 + {_u(seed, ekey, "v")}) AS DECIMAL(14, 2)), s.meetdatum
        FROM gen_complexscore s,
             (SELECT unnest({elements}) AS naam, unnest({values}) AS waarde) e
        WHERE s.score IS NOT NULL AND {_u(seed, ckey, "el")} < 0.33""")


def _plans_defects(duck: Any, seed: int) -> None:
    ckey = "s.corporatie_id || '/' || s.complexnummer"
    u = _u(seed, ckey, "plan")
    status = _u(seed, ckey, "status")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_plan AS
        SELECT 'P-' || s.complexnummer AS plan_id, s.corporatie_id, s.complexnummer,
               CASE WHEN s.score >= 5 AND {u} < 0.6 THEN 'sloop' WHEN {u} < 0.85 THEN 'renovatie' ELSE 'herstructurering' END
                   AS soort,
               CASE WHEN {status} < 0.4 THEN 'voornemen' WHEN {status} < 0.7 THEN 'besluit' ELSE 'concreet' END AS status,
               DATE '2025-06-01' + CAST(floor({_u(seed, ckey, "pd")} * 1500) AS INTEGER) AS geplande_datum,
               CAST(s.woningen AS INTEGER) AS aantal_woningen
        FROM gen_complexscore s
        WHERE (s.score >= 4 AND {u} < 0.55) OR {_u(seed, ckey, "anyplan")} < 0.02""")
    dkey = "d.verblijfsobject_id"
    p = "CASE coalesce(s.score, 3) WHEN 6 THEN 0.25 WHEN 5 THEN 0.15 WHEN 4 THEN 0.06 ELSE 0.012 END"
    kinds = "['vocht_schimmel', 'vocht_schimmel', 'vocht_schimmel', 'lood', 'asbest', 'brandveiligheid']"
    found = f"DATE '2022-01-01' + CAST(floor({_u(seed, dkey, 'gd')} * 1095) AS INTEGER)"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_gebrek AS
        SELECT 'G-' || {dkey} AS gebrek_id, d.corporatie_id, d.complexnummer, {dkey} AS verblijfsobject_id,
               list_extract({kinds}, 1 + CAST(floor({_u(seed, dkey, "gs")} * 6) AS INTEGER)) AS soort,
               {found} AS geconstateerd_op,
               CASE WHEN {_u(seed, dkey, "op")} < 0.6 THEN {found} + CAST(14 + floor({_u(seed, dkey, "od")} * 300)
                    AS INTEGER) END AS opgelost_op
        FROM gen_woning_corp d JOIN gen_complexscore s USING (corporatie_id, complexnummer)
        WHERE {_u(seed, dkey, "g")} < {p}""")
    # A resolution date after the reference date is not known yet on that date.
    duck.execute(
        f"UPDATE gen_gebrek SET opgelost_op = NULL WHERE opgelost_op > DATE '{PEILDATUM.isoformat()}'"
    )


def _parties(duck: Any) -> None:
    names = ", ".join(f"('{association_name(i)}')" for i in range(CORPORATIES + 40))
    duck.execute(
        f"CREATE OR REPLACE TABLE gen_namen AS SELECT row_number() OVER () AS nr, naam FROM (VALUES {names}) v(naam)"
    )
    duck.execute("""
        CREATE OR REPLACE TABLE gen_corporatie AS
        SELECT t.corporatie_id, min(t.gemeentecode) AS gemeentecode, n.naam
        FROM gen_territorium t JOIN gen_namen n ON n.nr = CAST(substr(t.corporatie_id, 2) AS INTEGER)
        GROUP BY t.corporatie_id, n.naam""")
    fixed_zp = " ".join(f"WHEN '{g}' THEN '{z}'" for g, z in FIXED_CARE_PARTNERS.items())
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_zorgpartner AS
        SELECT gemeentecode, coalesce(CASE gemeentecode {fixed_zp} END,
               'ZP' || lpad(CAST(3 + row_number() OVER (ORDER BY gemeentecode) AS VARCHAR), 4, '0')) AS partij_id,
               'Welzijn en Zorg ' || naam || ' (fictief)' AS naam
        FROM gen_gemeente""")
    provinces = ", ".join(f"('{code}', '{name}')" for code, name in _provinces().items())
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_partij AS
        SELECT gemeentecode AS partij_id, 'gemeente' AS soort, 'Gemeente ' || naam AS naam, gemeentecode,
               false AS synthetisch FROM gen_gemeente
        UNION ALL SELECT code, 'provincie', 'Provincie ' || naam, NULL, false FROM (VALUES {provinces}) p(code, naam)
        UNION ALL SELECT 'MINBZK', 'ministerie', 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties', NULL, false
        UNION ALL SELECT corporatie_id, 'corporatie', naam, gemeentecode, true FROM gen_corporatie
        UNION ALL SELECT 'HO' || substr(corporatie_id, 2), 'huurdersorganisatie',
               'Huurdersvereniging van ' || replace(naam, ' (fictief)', '') || ' (fictief)', gemeentecode, true
               FROM gen_corporatie
        UNION ALL SELECT partij_id, 'zorgpartner', naam, gemeentecode, true FROM gen_zorgpartner""")


def _provinces() -> dict[str, str]:
    from leefbaar.domain.regions import PROVINCIES

    return PROVINCIES


def _investments_and_more(duck: Any, seed: int) -> None:
    # Extra investment per association, year and theme: the national sum grows towards the targets.
    r2 = {2022: 120e6, 2023: 160e6, 2024: 190e6, 2025: 205e6}
    r5 = {2022: 42e6, 2023: 55e6, 2024: 68e6, 2025: 77e6}
    shares = {
        "vocht_schimmel": 0.45,
        "lood": 0.15,
        "asbest": 0.2,
        "brandveiligheid": 0.2,
        "buurtkamers": 0.55,
        "sociale_cohesie": 0.45,
    }
    rows = []
    for year in r2:
        for theme, share in shares.items():
            national = (r2 if theme in ("vocht_schimmel", "lood", "asbest", "brandveiligheid") else r5)[
                year
            ] * share
            rows.append(f"({year}, '{theme}', {national})")
    duck.execute(
        f"CREATE OR REPLACE TABLE gen_doel AS SELECT * FROM (VALUES {', '.join(rows)}) v(jaar, thema, bedrag)"
    )
    key = "c.corporatie_id || CAST(d.jaar AS VARCHAR) || d.thema"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_investering AS
        WITH stock AS (SELECT corporatie_id, sum(woningen) AS woningen FROM gen_complex GROUP BY 1),
        share AS (SELECT corporatie_id, woningen / sum(woningen) OVER () AS aandeel FROM stock)
        SELECT c.corporatie_id AS partij_id, CAST(d.jaar AS SMALLINT) AS jaar, d.thema, 'extra' AS soort,
               CAST(round(d.bedrag * c.aandeel * (0.4 + 1.2 * {_u(seed, key, "x")}), -3) AS DECIMAL(14, 2)) AS bedrag_eur
        FROM share c, gen_doel d WHERE {_u(seed, key, "meld")} < 0.93
        UNION ALL
        SELECT c.corporatie_id, CAST(d.jaar AS SMALLINT), d.thema, 'regulier',
               CAST(round(d.bedrag * 4 * c.aandeel * (0.7 + 0.6 * {_u(seed, key, "r")}), -3) AS DECIMAL(14, 2))
        FROM share c, gen_doel d""")
    bkey = "b.buurtcode"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_buurtkamer AS
        WITH cand AS (
            SELECT b.buurtcode, b.gemeentecode, count(*) AS corp
            FROM gen_woning_corp w JOIN gen_buurt_p b USING (buurtcode) GROUP BY ALL)
        SELECT 'BK-' || substr(b.buurtcode, 3) AS buurtkamer_id,
               'Buurtkamer ' || substr(b.buurtcode, 7) || ' (fictief)' AS naam, b.buurtcode,
               CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar,
               (SELECT min(corporatie_id) FROM gen_complex c WHERE c.buurtcode = b.buurtcode) AS corporatie_id,
               b.gemeentecode || ';' || z.partij_id AS partners,
               DATE '2015-01-01' + CAST(floor({_u(seed, bkey, "open")} * 3650) AS INTEGER) AS geopend_op,
               'koffieochtend; taalcafé; spreekuur wijkteam' AS activiteiten,
               CAST(NULL AS VARCHAR) AS adres  -- no invented street addresses
        FROM cand b JOIN gen_zorgpartner z USING (gemeentecode)
        WHERE {_u(seed, bkey, "bk")} < least(0.9, b.corp / 900.0)""")


def _municipal(duck: Any, seed: int) -> None:
    gkey = "gemeentecode"
    # Volkshuisvestingsfonds rounds: 2022 (EUR 140m), 2023 (EUR 280m), 2024 (EUR 114m), over larger municipalities.
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_vhf AS
        WITH rondes AS (SELECT * FROM (VALUES (2022, 140e6, 24), (2023, 280e6, 38), (2024, 114e6, 20)) v(ronde, budget, aantal)),
        kandidaat AS (SELECT g.*, row_number() OVER (ORDER BY g.corporatie DESC, g.gemeentecode) AS rang FROM gen_gemeente g),
        gekozen AS (
            SELECT r.ronde, r.budget, k.gemeentecode, k.naam, k.corporatie
            FROM rondes r JOIN kandidaat k ON k.rang <= r.aantal * 2
            WHERE {_u(seed, "k.gemeentecode || CAST(r.ronde AS VARCHAR)", "vhf")} < 0.55),
        verdeeld AS (SELECT *, budget * corporatie / sum(corporatie) OVER (PARTITION BY ronde) AS bedrag FROM gekozen)
        SELECT 'VHF-' || CAST(ronde AS VARCHAR) || '-' || substr(gemeentecode, 3) AS bijdrage_id, gemeentecode,
               CAST(ronde AS SMALLINT) AS ronde, 'Aanpakgebied ' || naam AS gebied,
               (SELECT string_agg(buurtcode, ';' ORDER BY buurtcode) FROM (
                   SELECT buurtcode FROM gen_buurt_p b WHERE b.gemeentecode = v.gemeentecode ORDER BY p_corp DESC LIMIT 3))
                   AS buurtcodes,
               CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar,
               CAST(round(bedrag, -3) AS DECIMAL(14, 2)) AS bedrag_eur,
               CAST(round(bedrag * (0.8 + 0.6 * {_u(seed, "gemeentecode || CAST(ronde AS VARCHAR)", "co")}), -3)
                    AS DECIMAL(14, 2)) AS cofinanciering_eur,
               CASE WHEN {_u(seed, "gemeentecode || CAST(ronde AS VARCHAR)", "up")} < 0.6 THEN 'per_complex'
                    WHEN {_u(seed, "gemeentecode || CAST(ronde AS VARCHAR)", "up")} < 0.9 THEN 'per_gebied' ELSE 'geen' END
                   AS uitvoeringsplan,
               CAST(round(bedrag / 25000) AS INTEGER) AS aantal_woningen
        FROM verdeeld v""")
    groups = (
        "dakloos",
        "uitstroom_detentie",
        "uitstroom_instelling",
        "medische_urgentie",
        "sociale_urgentie",
        "statushouder",
    )
    full = ";".join(sorted(groups))
    partial = ";".join(sorted(g for g in groups if g != "uitstroom_detentie"))
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_urgentie AS
        SELECT gemeentecode, DATE '2022-07-01' + CAST(floor({_u(seed, gkey, "uv")} * 1000) AS INTEGER) AS vastgesteld_op,
               CASE WHEN {_u(seed, gkey, "uvg")} < 0.15 THEN '{partial}' ELSE '{full}' END AS groepen
        FROM gen_gemeente WHERE {_u(seed, gkey, "uvj")} < 0.88 OR gemeentecode IN ('GM0363', 'GM0599', 'GM0344')""")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_woonzorgvisie AS
        SELECT gemeentecode, DATE '2019-01-01' + CAST(floor({_u(seed, gkey, "wz")} * 2190) AS INTEGER) AS vastgesteld_op,
               CAST(NULL AS DATE) AS geldig_tot
        FROM gen_gemeente WHERE {_u(seed, gkey, "wzj")} < 0.78 OR gemeentecode IN ('GM0363', 'GM0599', 'GM0344')""")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_prestatieafspraak AS
        SELECT 'PA-' || g.gemeentecode || '-2024' AS afspraak_id, g.gemeentecode,
               array_to_string(list_sort(list(DISTINCT t.corporatie_id) || list(DISTINCT 'HO' || substr(t.corporatie_id, 2))
                   || [g.gemeentecode] || CASE WHEN {_u(seed, "g.gemeentecode", "zp")} < 0.6 OR g.gemeentecode IN ('GM0363', 'GM0599')
                   THEN [z.partij_id] ELSE [] END), ';') AS partijen,
               CAST(2024 AS SMALLINT) AS startjaar, CAST(2027 AS SMALLINT) AS eindjaar
        FROM gen_gemeente g JOIN gen_territorium t USING (gemeentecode) JOIN gen_zorgpartner z USING (gemeentecode)
        GROUP BY g.gemeentecode, z.partij_id""")


def _allocations(duck: Any, seed: int) -> None:
    # About 7% of association dwellings change tenant per year; a share goes to priority groups.
    key = "w.verblijfsobject_id || CAST(j.jaar AS VARCHAR)"
    groups = (
        "['statushouder', 'statushouder', 'statushouder', 'dakloos', 'uitstroom_instelling', "
        "'uitstroom_detentie', 'medische_urgentie', 'sociale_urgentie', 'sociale_urgentie', 'arbeidsmigrant', "
        "'student', 'overig']"
    )
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_toewijzing AS
        SELECT 'T-' || CAST(j.jaar AS VARCHAR) || '-' || w.verblijfsobject_id AS toewijzing_id,
               make_date(j.jaar, 1, 1) + CAST(floor({_u(seed, key, "d")} * 364) AS INTEGER) AS datum,
               w.gemeentecode, w.buurtcode, CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar,
               list_extract({groups}, 1 + CAST(floor({_u(seed, key, "g")} * 12) AS INTEGER)) AS aandachtsgroep,
               'hh_' || substr(md5('{seed}-' || {key}), 1, 20) AS huishouden_pseudoniem,
               w.corporatie_id
        FROM gen_woning_corp w, (VALUES (2023), (2024)) j(jaar)
        WHERE {_u(seed, key, "t")} < 0.07 * (0.25 + 0.5 * {_u(seed, "w.buurtcode", "conc")})""")


# --------------------------------------------------------------------------------------------------
# Orchestration


#: Generated table -> (target table, SELECT producing the target columns in order).
def _outputs() -> dict[str, tuple[str, str]]:
    p = f"DATE '{PEILDATUM.isoformat()}' AS peildatum"
    return {
        "partij": (
            "partij",
            f"SELECT partij_id, soort, naam, gemeentecode, synthetisch, {p} FROM gen_partij",
        ),
        "complex": (
            "complex",
            "SELECT corporatie_id, complexnummer, 'Complex ' || complexnummer || ' (fictief)' AS naam, "
            f"gemeentecode, CAST(bouwjaar AS SMALLINT) AS bouwjaar, {p} FROM gen_complex",
        ),
        "woning": ("woning", "SELECT * FROM gen_woning"),
        "conditiemeting": (
            "conditiemeting",
            "SELECT corporatie_id, complexnummer, element, CAST(score AS SMALLINT) AS score, "
            f"vervangingswaarde_eur, meetdatum, 'NEN 2767' AS methode, {p} FROM gen_conditie",
        ),
        "gebrek": ("gebrek", f"SELECT *, {p} FROM gen_gebrek"),
        "plan": ("plan", f"SELECT *, {p} FROM gen_plan"),
        "investering": ("investering", f"SELECT *, {p} FROM gen_investering"),
        "buurtkamer": ("buurtkamer", f"SELECT *, {p} FROM gen_buurtkamer"),
        "vhf_bijdrage": ("vhf_bijdrage", f"SELECT *, {p} FROM gen_vhf"),
        "toewijzing": ("toewijzing", f"SELECT *, {p} FROM gen_toewijzing"),
        "urgentieverordening": ("urgentieverordening", f"SELECT *, {p} FROM gen_urgentie"),
        "woonzorgvisie": ("woonzorgvisie", f"SELECT *, {p} FROM gen_woonzorgvisie"),
        "prestatieafspraak": ("prestatieafspraak", f"SELECT *, {p} FROM gen_prestatieafspraak"),
    }


STEPS = (
    "gemeenten",
    "buurten",
    "woningen",
    "complexen",
    "woningregister",
    "conditie",
    "partijen",
    "plannen en gebreken",
    "investeringen en buurtkamers",
    "gemeentelijke instrumenten",
    "toewijzingen",
    "laden",
)


def generate(url: str, scale: Scale, seed: int, progress: Progress | None = None) -> dict[str, int]:
    """Generate the synthetic data into the (migrated, reference-data-filled) database at ``url``.

    Returns the number of rows written per table. Every table lands with an import-log row.
    """
    report = progress or (lambda _s, _i, _n: None)
    backend = backend_of(url)
    with _generation_connection(url, backend) as (duck, catalog):
        duck.execute("SET preserve_insertion_order = false")
        _load_inputs(url, duck)
        steps: list[tuple[str, Callable[[], None]]] = [
            ("gemeenten", lambda: _gemeenten(duck, scale)),
            ("buurten", lambda: _buurten(duck, seed)),
            ("woningen", lambda: _dwellings(duck, seed)),
            ("complexen", lambda: _complexes(duck, seed)),
            ("woningregister", lambda: _register(duck, seed)),
            ("conditie", lambda: _condition(duck, seed)),
            ("partijen", lambda: _parties(duck)),
            ("plannen en gebreken", lambda: _plans_defects(duck, seed)),
            ("investeringen en buurtkamers", lambda: _investments_and_more(duck, seed)),
            ("gemeentelijke instrumenten", lambda: _municipal(duck, seed)),
            ("toewijzingen", lambda: _allocations(duck, seed)),
        ]
        for index, (name, step) in enumerate(steps):
            report(name, index, len(STEPS))
            step()
        report("laden", len(steps), len(STEPS))
        counts = _write(url, backend, duck, catalog, scale, seed)
        report("klaar", len(STEPS), len(STEPS))
    return counts


def _register(duck: Any, seed: int) -> None:
    duck.execute(f"CREATE OR REPLACE TABLE gen_woning AS {_woning_select(seed)}")
    duck.execute("""
        CREATE OR REPLACE TABLE gen_woning_corp AS
        SELECT w.verblijfsobject_id, w.buurtcode, b.gemeentecode, w.corporatie_id, w.complexnummer
        FROM gen_woning w JOIN gen_buurt_p b USING (buurtcode) WHERE w.eigendom = 'corporatie'""")
    for name in ("gen_dw2", "gen_cdw"):
        duck.execute(f"DROP TABLE IF EXISTS {name}")


@contextlib.contextmanager
def _generation_connection(url: str, backend: Backend) -> Iterator[Any]:
    if backend is Backend.DUCKDB:
        raw = get_engine(url).raw_connection()
        duck = raw.driver_connection
        catalog = duck.execute("SELECT current_database()").fetchone()[0]
        # Work tables live in a separate in-memory catalog so the database file only gets the results.
        duck.execute("ATTACH ':memory:' AS gen")
        duck.execute("USE gen")
        try:
            yield duck, f'"{catalog}"'
        finally:
            with contextlib.suppress(Exception):
                duck.execute(f'USE "{catalog}"')
                duck.execute("DETACH gen")
            raw.close()
    else:
        duck = duckdb.connect(config=dict(DUCKDB_CONFIG))
        try:
            yield duck, ""
        finally:
            duck.close()


def _write(url: str, backend: Backend, duck: Any, catalog: str, scale: Scale, seed: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    outputs = _outputs()
    if backend is Backend.DUCKDB:
        duck.execute("BEGIN TRANSACTION")
        try:
            for name, (table, select) in outputs.items():
                columns = [c.name for c in tables.metadata.tables[table].columns if c.name != "import_id"]
                import_id = int(duck.execute(f"SELECT nextval('{catalog}.import_id_seq')").fetchone()[0])
                col_list = ", ".join(f'"{c}"' for c in columns)
                duck.execute(
                    f"INSERT INTO {catalog}.{table} ({col_list}, import_id) SELECT *, {import_id} FROM ({select})"
                )
                counts[name] = int(duck.execute(f"SELECT count(*) FROM ({select})").fetchone()[0])
                _log_duckdb(duck, catalog, import_id, name, counts[name], scale, seed)
            duck.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                duck.execute("ROLLBACK")
            raise
        return counts
    for name, (table, select) in outputs.items():
        columns = [c.name for c in tables.metadata.tables[table].columns if c.name != "import_id"]
        with get_engine(url).begin() as conn:
            import_id = int(conn.execute(text("SELECT nextval('import_id_seq')")).scalar_one())
        counts[name] = copy_duckdb_query_to_postgres(
            duck, f"SELECT *, {import_id} AS import_id FROM ({select})", url, table, [*columns, "import_id"]
        )
        with get_engine(url).begin() as conn:
            conn.execute(
                tables.import_log.insert().values(**_log_row(import_id, name, counts[name], scale, seed))
            )
    return counts


def _log_row(import_id: int, name: str, rows: int, scale: Scale, seed: int) -> dict[str, Any]:
    now = datetime.now()
    return {
        "import_id": import_id,
        "soort": f"demo:{name}",
        "bestandsnaam": f"demo --scale {scale.name} --seed {seed}",
        # No file: the hash is of the recipe (generator, scale, seed, table), which fixes the rows.
        "sha256": hashlib.sha256(
            f"leefbaar demo --scale {scale.name} --seed {seed}: {name}".encode()
        ).hexdigest(),
        "rijen": rows,
        "peildatum": PEILDATUM,
        "indelingsjaar": INDELINGSJAAR,
        "bron": BRON,
        "gebruiker": "leefbaar demo",
        "gestart_op": now,
        "voltooid_op": now,
    }


def _log_duckdb(
    duck: Any, catalog: str, import_id: int, name: str, rows: int, scale: Scale, seed: int
) -> None:
    row = _log_row(import_id, name, rows, scale, seed)
    cols = list(row)
    duck.execute(
        f"INSERT INTO {catalog}.import_log ({', '.join(cols)}) VALUES ({', '.join('$' + c for c in cols)})",
        row,
    )
