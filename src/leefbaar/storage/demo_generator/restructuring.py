"""Fictitious restructuring plans under municipal direction (R3, R8) in the municipalities with the
most association dwellings: a plan for the wijk of the buurt with the most association stock holding
complexes of that wijk (the poorest condition first) and private dwellings in it; a second, association-only
plan in the three largest, so that R8 has a plan to name. Numbers follow from the objects.
"""

from __future__ import annotations

from typing import Any

from leefbaar.storage.demo_generator.recipe import INDELINGSJAAR, uniform


def make_restructuring(duck: Any, seed: int) -> None:
    """``gen_herstructurering`` (plans) and ``gen_herstructurering_object`` (their objects)."""
    duck.execute("""
        CREATE OR REPLACE TABLE gen_hs_gebied AS
        WITH g AS (SELECT gemeentecode, naam, row_number() OVER (ORDER BY corporatie DESC, gemeentecode) AS rang
                   FROM gen_gemeente),
        b AS (SELECT gemeentecode, buurtcode,
                     row_number() OVER (PARTITION BY gemeentecode ORDER BY p_corp DESC, buurtcode) AS brang
              FROM gen_buurt_p WHERE p_corp > 0)
        SELECT 'HS-' || substr(g.gemeentecode, 3) || '-' || CAST(b.brang AS VARCHAR) AS plan_id,
               g.gemeentecode, g.naam, g.rang, b.buurtcode, b.brang,
               b.brang = 1 AS gemengd
        FROM g JOIN b USING (gemeentecode)
        WHERE g.rang <= 8 AND (b.brang = 1 OR (b.brang = 2 AND g.rang <= 3))""")
    duck.execute("""
        CREATE OR REPLACE TABLE gen_herstructurering_object AS
        SELECT plan_id, gemeentecode, 'corporatie' AS voorraad, corporatie_id, complexnummer,
               CAST(NULL AS VARCHAR) AS verblijfsobject_id, false AS vervallen
        FROM (SELECT a.plan_id, a.gemeentecode, c.corporatie_id, c.complexnummer,
                     row_number() OVER (PARTITION BY a.plan_id
                                        ORDER BY coalesce(s.score, 0) DESC, c.corporatie_id, c.complexnummer) AS r
              FROM gen_hs_gebied a JOIN gen_complex c ON substr(c.buurtcode, 3, 6) = substr(a.buurtcode, 3, 6)
              LEFT JOIN gen_complexscore s USING (corporatie_id, complexnummer))
        WHERE r <= 4
        UNION ALL
        SELECT plan_id, gemeentecode, 'particulier', NULL, NULL, verblijfsobject_id, false
        FROM (SELECT a.plan_id, a.gemeentecode, w.verblijfsobject_id,
                     row_number() OVER (PARTITION BY a.plan_id ORDER BY w.verblijfsobject_id) AS r
              FROM gen_hs_gebied a JOIN gen_woning w ON substr(w.buurtcode, 3, 6) = substr(a.buurtcode, 3, 6)
              WHERE a.gemengd AND w.eigendom <> 'corporatie')
        WHERE r <= 12""")
    u = uniform(seed, "a.plan_id", "hs")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_herstructurering AS
        WITH n AS (
            SELECT a.plan_id, a.gemeentecode, a.naam, a.rang, a.buurtcode,
                   CAST(coalesce(sum(c.woningen) FILTER (WHERE o.voorraad = 'corporatie'), 0) AS INTEGER) AS corp,
                   CAST(count(*) FILTER (WHERE o.voorraad = 'particulier') AS INTEGER) AS part,
                   string_agg(DISTINCT o.corporatie_id, ';' ORDER BY o.corporatie_id) AS partijen,
                   {u} AS u
            FROM gen_hs_gebied a
            JOIN gen_herstructurering_object o USING (plan_id)
            LEFT JOIN gen_complex c ON c.corporatie_id = o.corporatie_id AND c.complexnummer = o.complexnummer
            GROUP BY ALL),
        m AS (SELECT *, CAST(round(corp * (0.2 + 0.2 * u)) AS INTEGER) AS sloop FROM n),
        k AS (SELECT *, corp - sloop + part AS renovatie, CAST(round(sloop * 1.4) AS INTEGER) AS nieuwbouw FROM m)
        SELECT plan_id, gemeentecode, 'Herstructurering ' || naam || ' (fictief)' AS naam,
               'WK' || substr(buurtcode, 3, 6) || ';' || buurtcode AS gebied,
               CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar,
               CAST(2024 + rang % 3 AS SMALLINT) AS startjaar, CAST(2029 + rang % 3 AS SMALLINT) AS eindjaar,
               CASE WHEN rang = 8 THEN 'verkenning' WHEN rang % 2 = 0 THEN 'in_uitvoering' ELSE 'vastgesteld' END
                   AS status,
               sloop AS woningen_sloop, renovatie AS woningen_renovatie, nieuwbouw AS woningen_nieuwbouw,
               CAST(round(renovatie * (0.55 + 0.45 * u)) AS INTEGER) AS woningen_verduurzaamd,
               corp AS sociale_huur_voor, 0 AS middenhuur_voor, part AS koop_voor,
               corp - sloop + CAST(round(nieuwbouw * 0.5) AS INTEGER) AS sociale_huur_na,
               CAST(round(nieuwbouw * 0.3) AS INTEGER) AS middenhuur_na,
               part + nieuwbouw - CAST(round(nieuwbouw * 0.5) AS INTEGER) - CAST(round(nieuwbouw * 0.3) AS INTEGER)
                   AS koop_na,
               partijen
        FROM k""")
    duck.execute("DROP TABLE gen_hs_gebied")
