"""The dwelling stock of the demo: real figures in, then municipalities, buurten and dwellings.

Dwellings per municipality follow its inhabitants and household size, scaled so that the national
totals (all dwellings, association and owner-occupied) come out exactly; within a municipality
they go to buurten by inhabitants, and association stock concentrates in some buurten.
:func:`make_register` turns them into the rows of the dwelling register (``woning``).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from leefbaar.storage.arrow_io import fetch_arrow
from leefbaar.storage.demo_generator.recipe import (
    CORPORATIEWONINGEN,
    INDELINGSJAAR,
    KOOPWONINGEN,
    PEILDATUM,
    WONINGEN,
    Scale,
    largest_remainder,
    normal,
    uniform,
)

#: The real figures the generator starts from: inhabitants per buurt, housing shares per municipality.
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


def load_inputs(url: str, duck: Any) -> None:
    """Copy the real figures the generator starts from into DuckDB (``in_buurt``, ``in_gemeente``)."""
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


def make_gemeenten(duck: Any, scale: Scale) -> None:
    """Dwellings, association and owner-occupied dwellings per municipality (``gen_gemeente``)."""
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


def make_buurten(duck: Any, seed: int) -> None:
    """Dwellings per buurt and the buurt's propensities, build year and postcode (``gen_buurt_p``)."""
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
               CASE WHEN {uniform(seed, "buurtcode", "c0")} < 0.22 THEN 0.0
                    ELSE exp(1.1 * {normal(seed, "buurtcode", "c")}) END AS p_corp,
               exp(0.8 * {normal(seed, "buurtcode", "k")}) AS p_koop,
               1900 + CAST(floor({uniform(seed, "buurtcode", "bj")} * 118) AS INTEGER) AS basisjaar,
               24 + CAST(floor({uniform(seed, "buurtcode", "cs")} * 120) AS INTEGER) AS complexgrootte,
               1000 + CAST(floor({uniform(seed, "buurtcode", "pc")} * 8999) AS INTEGER) AS pc4
        FROM gen_buurt WHERE n > 0""")


def make_dwellings(duck: Any, seed: int) -> None:
    """One row per dwelling with its ownership by propensity rank (``gen_dw2``)."""
    key = "buurtcode || '-' || CAST(i AS VARCHAR)"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_dw AS
        SELECT b.gemeentecode, b.buurtcode, t.i, b.basisjaar, b.complexgrootte, b.pc4,
               b.p_corp * (0.25 + {uniform(seed, key, "uc")}) AS k_corp,
               b.p_koop * (0.25 + {uniform(seed, key, "uk")}) AS k_koop
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


def _woning_select(seed: int) -> str:
    key = "d.buurtcode || '-' || CAST(d.i AS VARCHAR)"
    u_seg, u_lab, u_opp, u_bj = (uniform(seed, key, s) for s in ("seg", "lab", "opp", "bj"))
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


def make_register(duck: Any, seed: int) -> None:
    """The dwelling register rows (``gen_woning``) and the association dwellings (``gen_woning_corp``)."""
    duck.execute(f"CREATE OR REPLACE TABLE gen_woning AS {_woning_select(seed)}")
    duck.execute("""
        CREATE OR REPLACE TABLE gen_woning_corp AS
        SELECT w.verblijfsobject_id, w.buurtcode, b.gemeentecode, w.corporatie_id, w.complexnummer
        FROM gen_woning w JOIN gen_buurt_p b USING (buurtcode) WHERE w.eigendom = 'corporatie'""")
    for name in ("gen_dw2", "gen_cdw"):
        duck.execute(f"DROP TABLE IF EXISTS {name}")
