"""The state of the demo's association stock: NEN 2767 condition per complex and element,
renovation and demolition plans, and defects per dwelling (damp and mould, lead, asbestos, fire safety).

A few "zwak" associations carry most of conditions 4-6 (DOMAIN.md); plans and defects follow the
condition, so the monitor and the liveability index find the patterns the real data shows.
"""

from __future__ import annotations

from typing import Any

from leefbaar.storage.demo_generator.recipe import PEILDATUM, uniform

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


def make_condition(duck: Any, seed: int) -> None:
    """NEN 2767 condition per complex and for a third of them per element (``gen_conditie``)."""
    ckey = "corporatie_id || '/' || complexnummer"
    u_class = uniform(seed, "corporatie_id", "zwak")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_corp_klasse AS
        SELECT DISTINCT corporatie_id, CASE WHEN {u_class} < 0.08 THEN 'zwak' ELSE 'normaal' END AS klasse
        FROM gen_complex""")
    u = uniform(seed, ckey, "score")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_complexscore AS
        SELECT c.corporatie_id, c.complexnummer, c.woningen,
               CASE WHEN {uniform(seed, ckey, "geen")} < 0.20 THEN NULL
                    WHEN k.klasse = 'zwak' THEN {_score_case(u, "zwak")} ELSE {_score_case(u, "normaal")} END AS score,
               DATE '2019-01-01' + CAST(floor({uniform(seed, ckey, "datum")} * 2190) AS INTEGER) AS meetdatum
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
               CAST(least(6, greatest(1, s.score + CASE WHEN {uniform(seed, ekey, "d")} < 0.2 THEN -1
                    WHEN {uniform(seed, ekey, "d")} < 0.75 THEN 0 WHEN {uniform(seed, ekey, "d")} < 0.95 THEN 1 ELSE 2 END))
                    AS INTEGER),
               CAST(e.waarde * s.woningen / 50.0 * (0.6 + {uniform(seed, ekey, "v")}) AS DECIMAL(14, 2)), s.meetdatum
        FROM gen_complexscore s,
             (SELECT unnest({elements}) AS naam, unnest({values}) AS waarde) e
        WHERE s.score IS NOT NULL AND {uniform(seed, ckey, "el")} < 0.33""")


def make_plans_and_defects(duck: Any, seed: int) -> None:
    """Plans per complex (``gen_plan``) and defects per association dwelling (``gen_gebrek``)."""
    ckey = "s.corporatie_id || '/' || s.complexnummer"
    u = uniform(seed, ckey, "plan")
    status = uniform(seed, ckey, "status")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_plan AS
        SELECT 'P-' || s.complexnummer AS plan_id, s.corporatie_id, s.complexnummer,
               CASE WHEN s.score >= 5 AND {u} < 0.6 THEN 'sloop' WHEN {u} < 0.85 THEN 'renovatie' ELSE 'herstructurering' END
                   AS soort,
               CASE WHEN {status} < 0.4 THEN 'voornemen' WHEN {status} < 0.7 THEN 'besluit' ELSE 'concreet' END AS status,
               DATE '2025-06-01' + CAST(floor({uniform(seed, ckey, "pd")} * 1500) AS INTEGER) AS geplande_datum,
               CAST(s.woningen AS INTEGER) AS aantal_woningen
        FROM gen_complexscore s
        WHERE (s.score >= 4 AND {u} < 0.55) OR {uniform(seed, ckey, "anyplan")} < 0.02""")
    dkey = "d.verblijfsobject_id"
    p = "CASE coalesce(s.score, 3) WHEN 6 THEN 0.25 WHEN 5 THEN 0.15 WHEN 4 THEN 0.06 ELSE 0.012 END"
    kinds = "['vocht_schimmel', 'vocht_schimmel', 'vocht_schimmel', 'lood', 'asbest', 'brandveiligheid']"
    found = f"DATE '2022-01-01' + CAST(floor({uniform(seed, dkey, 'gd')} * 1095) AS INTEGER)"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_gebrek AS
        SELECT 'G-' || {dkey} AS gebrek_id, d.corporatie_id, d.complexnummer, {dkey} AS verblijfsobject_id,
               list_extract({kinds}, 1 + CAST(floor({uniform(seed, dkey, "gs")} * 6) AS INTEGER)) AS soort,
               {found} AS geconstateerd_op,
               CASE WHEN {uniform(seed, dkey, "op")} < 0.6 THEN {found} + CAST(14 + floor({uniform(seed, dkey, "od")} * 300)
                    AS INTEGER) END AS opgelost_op
        FROM gen_woning_corp d JOIN gen_complexscore s USING (corporatie_id, complexnummer)
        WHERE {uniform(seed, dkey, "g")} < {p}""")
    # A resolution date after the reference date is not known yet on that date.
    duck.execute(
        f"UPDATE gen_gebrek SET opgelost_op = NULL WHERE opgelost_op > DATE '{PEILDATUM.isoformat()}'"
    )
