"""What the parties of the demo do: investments, buurtkamers, the Volkshuisvestingsfonds (rounds,
grants, spending, plan addresses), urgentieverordeningen, woonzorgvisies, prestatieafspraken and
allocations to households.

Households appear only as pseudonyms in allocations, made from fictitious household numbers with
Leefbaar's own key as an import would (storage.pseudonym_sql); nothing here names a person.
"""

from __future__ import annotations

from typing import Any

from leefbaar.privacy.pseudonymise import Pseudonymiser
from leefbaar.storage.demo_generator.recipe import INDELINGSJAAR, uniform
from leefbaar.storage.pseudonym_sql import bind_key, pseudonym_sql, unbind_key


def make_investments_and_buurtkamers(duck: Any, seed: int) -> None:
    """Investments per association, year and theme (``gen_investering``) and buurtkamers
    (``gen_buurtkamer``)."""
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
    # Each association spends where its complexes are (pro rata by its dwellings per municipality);
    # its regular spending per theme is steady over the years, and about three in four associations
    # declared a baseline near it (reference year 2021), against which the extra is measured.
    key = "c.corporatie_id || CAST(d.jaar AS VARCHAR) || d.thema"
    rkey = "c.corporatie_id || d.thema"
    mkey = "c.corporatie_id || CAST(d.jaar AS VARCHAR)"  # an association reports a year in full or not
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_investering_corp AS
        WITH stock AS (SELECT corporatie_id, sum(woningen) AS woningen FROM gen_complex GROUP BY 1),
        share AS (SELECT corporatie_id, woningen / sum(woningen) OVER () AS aandeel FROM stock)
        SELECT c.corporatie_id, d.jaar, d.thema, 'extra' AS soort,
               d.bedrag * c.aandeel * (0.4 + 1.2 * {uniform(seed, key, "x")}) AS bedrag
        FROM share c, gen_doel d WHERE {uniform(seed, mkey, "meld")} < 0.93
        UNION ALL
        SELECT c.corporatie_id, d.jaar, d.thema, 'regulier',
               r.regulier * c.aandeel * (0.7 + 0.6 * {uniform(seed, rkey, "r")})
        FROM share c, gen_doel d JOIN (SELECT thema, 4 * avg(bedrag) AS regulier FROM gen_doel GROUP BY 1) r USING (thema)
        WHERE {uniform(seed, mkey, "meld")} < 0.93""")
    duck.execute("""
        CREATE OR REPLACE TABLE gen_investering AS
        WITH waar AS (
            SELECT corporatie_id, gemeentecode, sum(woningen) / sum(sum(woningen)) OVER (PARTITION BY corporatie_id) AS deel
            FROM gen_complex GROUP BY 1, 2)
        SELECT i.corporatie_id AS partij_id, CAST(i.jaar AS SMALLINT) AS jaar, i.thema, i.soort,
               CAST(round(i.bedrag * w.deel, -2) AS DECIMAL(14, 2)) AS bedrag_eur, w.gemeentecode,
               CAST(NULL AS VARCHAR) AS wijkcode, CAST(NULL AS VARCHAR) AS buurtcode,
               CAST(NULL AS VARCHAR) AS complexnummer, CAST(NULL AS SMALLINT) AS indelingsjaar
        FROM gen_investering_corp i JOIN waar w USING (corporatie_id)
        UNION ALL
        -- Municipalities invest in buurtkamers and social cohesion too (shown beside, never counted).
        SELECT g.gemeentecode, CAST(d.jaar AS SMALLINT), d.thema, 'regulier',
               CAST(round(g.corporatie * 25.0 * (CASE d.thema WHEN 'buurtkamers' THEN 0.4 ELSE 0.6 END), -2) AS DECIMAL(14, 2)),
               g.gemeentecode, NULL, NULL, NULL, NULL
        FROM gen_gemeente g, (SELECT DISTINCT jaar, thema FROM gen_doel WHERE thema IN ('buurtkamers', 'sociale_cohesie')) d
        WHERE g.corporatie > 0""")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_basislijn AS
        SELECT c.corporatie_id AS partij_id, r.thema, CAST(2021 AS SMALLINT) AS referentiejaar,
               CAST(round(avg(r.bedrag) * (0.97 + 0.06 * {uniform(seed, "c.corporatie_id || r.thema", "basis")}), -3)
                    AS DECIMAL(14, 2)) AS bedrag_eur
        FROM gen_investering_corp r JOIN (SELECT DISTINCT corporatie_id FROM gen_complex) c USING (corporatie_id)
        WHERE r.soort = 'regulier' AND {uniform(seed, "c.corporatie_id", "heeft_basis")} < 0.75
        GROUP BY c.corporatie_id, r.thema""")
    duck.execute("DROP TABLE gen_investering_corp")
    bkey = "b.buurtcode"
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_buurtkamer0 AS
        WITH cand AS (
            SELECT b.buurtcode, b.gemeentecode, count(*) AS corp
            FROM gen_woning_corp w JOIN gen_buurt_p b USING (buurtcode) GROUP BY ALL)
        SELECT 'BK-' || substr(b.buurtcode, 3) AS buurtkamer_id,
               'Buurtkamer ' || substr(b.buurtcode, 7) || ' (fictief)' AS naam, b.buurtcode, b.gemeentecode,
               (SELECT min(corporatie_id) FROM gen_complex c WHERE c.buurtcode = b.buurtcode) AS corporatie_id,
               -- Amsterdam's residents' organisation and safety partner join some of its buurtkamers
               concat_ws(';',
                   CASE WHEN b.gemeentecode = 'GM0363' AND {uniform(seed, bkey, "bo")} < 0.3 THEN 'BO0001' END,
                   b.gemeentecode,
                   CASE WHEN b.gemeentecode = 'GM0363' AND {uniform(seed, bkey, "vp")} < 0.15 THEN 'VP0001' END,
                   z.partij_id) AS partners,
               DATE '2015-01-01' + CAST(floor({uniform(seed, bkey, "open")} * 3650) AS INTEGER) AS geopend_op,
               {uniform(seed, bkey, "dicht")} AS u_dicht, {uniform(seed, bkey, "dichtop")} AS u_dichtop,
               {uniform(seed, bkey, "kosten")} AS u_kosten, {uniform(seed, bkey, "betaler")} AS u_betaler,
               {uniform(seed, bkey, "bereik")} AS u_bereik
        FROM cand b JOIN gen_zorgpartner z USING (gemeentecode)
        WHERE {uniform(seed, bkey, "bk")} < least(0.9, b.corp / 900.0)""")
    # About 5% closed again (some time after their first year, before the demo's reference date);
    # yearly costs of EUR 20,000-80,000 reported for most, paid by the association, the municipality
    # or both; reach reported for about 60% (visitors for 50%).
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_buurtkamer AS
        SELECT buurtkamer_id, naam, buurtcode, CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar, corporatie_id,
               partners, geopend_op, 'koffieochtend; taalcafé; spreekuur wijkteam' AS activiteiten,
               CAST(NULL AS VARCHAR) AS adres,  -- no invented street addresses
               CASE WHEN u_dicht < 0.05 AND geopend_op < DATE '2024-01-01'
                    THEN geopend_op + 365 + CAST(floor(u_dichtop * (DATE '2024-12-31' - geopend_op - 365)) AS INTEGER)
               END AS gesloten_op,
               CASE WHEN u_kosten < 0.85 THEN CAST(round(20000 + 60000 * u_kosten / 0.85, -3) AS DECIMAL(14, 2))
               END AS jaarkosten_eur,
               CASE WHEN u_kosten >= 0.85 THEN NULL
                    WHEN u_betaler < 0.45 AND corporatie_id IS NOT NULL THEN corporatie_id
                    WHEN u_betaler < 0.75 OR corporatie_id IS NULL THEN gemeentecode
                    ELSE gemeentecode || ';' || corporatie_id END AS betaald_door,
               CASE WHEN u_bereik < 0.5 THEN CAST(500 + floor(u_bereik * 11000) AS INTEGER) END AS bezoekers_per_jaar,
               CASE WHEN u_bereik < 0.6 THEN CAST(40 + floor(u_bereik * 430) AS INTEGER) END AS activiteiten_per_jaar
        FROM gen_buurtkamer0""")
    duck.execute("DROP TABLE gen_buurtkamer0")


#: Volkshuisvestingsfonds rounds: year, the amount each made available and how many grants it gives.
#: 2023: EUR 280m for 38 projects (Kamerbrief December 2023); 2024: EUR 113,996,000 (RVO, the round
#: open from 3 June to 1 October 2024); 2022 stands for the first tranche of EUR 140m of the
#: EUR 600m (docs/data-sources.md). The demo's grants are fictitious.
VHF_RONDES = ((2022, 140_000_000, 24), (2023, 280_000_000, 38), (2024, 113_996_000, 20))


def make_municipal_instruments(duck: Any, seed: int) -> None:
    """Volkshuisvestingsfonds rounds and grants, urgentieverordeningen, woonzorgvisies and prestatieafspraken."""
    gkey = "gemeentecode"
    make_vhf(duck, seed)
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
        SELECT gemeentecode, DATE '2022-07-01' + CAST(floor({uniform(seed, gkey, "uv")} * 1000) AS INTEGER) AS vastgesteld_op,
               CASE WHEN {uniform(seed, gkey, "uvg")} < 0.15 THEN '{partial}' ELSE '{full}' END AS groepen
        FROM gen_gemeente WHERE {uniform(seed, gkey, "uvj")} < 0.88 OR gemeentecode IN ('GM0363', 'GM0599', 'GM0344')""")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_woonzorgvisie AS
        SELECT gemeentecode, DATE '2019-01-01' + CAST(floor({uniform(seed, gkey, "wz")} * 2190) AS INTEGER) AS vastgesteld_op,
               CAST(NULL AS DATE) AS geldig_tot
        FROM gen_gemeente WHERE {uniform(seed, gkey, "wzj")} < 0.78 OR gemeentecode IN ('GM0363', 'GM0599', 'GM0344')""")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_prestatieafspraak AS
        SELECT 'PA-' || g.gemeentecode || '-2024' AS afspraak_id, g.gemeentecode,
               array_to_string(list_sort(list(DISTINCT t.corporatie_id) || list(DISTINCT 'HO' || substr(t.corporatie_id, 2))
                   || [g.gemeentecode] || CASE WHEN {uniform(seed, "g.gemeentecode", "zp")} < 0.6 OR g.gemeentecode IN ('GM0363', 'GM0599')
                   THEN [z.partij_id] ELSE [] END), ';') AS partijen,
               CAST(2024 AS SMALLINT) AS startjaar, CAST(2027 AS SMALLINT) AS eindjaar
        FROM gen_gemeente g JOIN gen_territorium t USING (gemeentecode) JOIN gen_zorgpartner z USING (gemeentecode)
        GROUP BY g.gemeentecode, z.partij_id""")


def make_vhf(duck: Any, seed: int) -> None:
    """The Volkshuisvestingsfonds: rounds (``gen_vhf_ronde``), grants to larger municipalities that
    together stay within each round's amount (``gen_vhf``), their spending in the years after the
    round (``gen_vhf_besteding``) and, for grants with a plan per complex, the addresses of the plan
    drawn from the demo's dwellings in the grant's buurten, private and association stock
    (``gen_vhf_planadres``)."""
    rondes = ", ".join(f"({r}, {b}, {n})" for r, b, n in VHF_RONDES)
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_vhf_ronde AS
        SELECT CAST(ronde AS SMALLINT) AS ronde, CAST(budget AS DECIMAL(14, 2)) AS beschikbaar_eur
        FROM (VALUES {rondes}) v(ronde, budget, aantal)""")
    grant = "gemeentecode || CAST(ronde AS VARCHAR)"
    # A grant's area: the three buurten of the municipality with the most mixed stock (association
    # and private dwellings side by side), where restructuring tackles both.
    duck.execute("""
        CREATE OR REPLACE TABLE gen_vhf_gebied AS
        SELECT gemeentecode, buurtcode FROM (
            SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode, buurtcode,
                   row_number() OVER (PARTITION BY 'GM' || substr(buurtcode, 3, 4) ORDER BY least(
                       count(*) FILTER (WHERE eigendom = 'corporatie'),
                       count(*) FILTER (WHERE eigendom <> 'corporatie')) DESC, buurtcode) AS rang
            FROM gen_woning GROUP BY buurtcode)
        WHERE rang <= 3""")
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_vhf AS
        WITH rondes AS (SELECT * FROM (VALUES {rondes}) v(ronde, budget, aantal)),
        kandidaat AS (SELECT g.*, row_number() OVER (ORDER BY g.corporatie DESC, g.gemeentecode) AS rang FROM gen_gemeente g),
        gekozen AS (
            SELECT r.ronde, r.budget, k.gemeentecode, k.naam, k.corporatie
            FROM rondes r JOIN kandidaat k ON k.rang <= r.aantal * 2
            WHERE {uniform(seed, "k.gemeentecode || CAST(r.ronde AS VARCHAR)", "vhf")} < 0.55),
        verdeeld AS (SELECT *, budget * corporatie / sum(corporatie) OVER (PARTITION BY ronde) AS bedrag FROM gekozen),
        -- involved: the associations with complexes in the area, their tenants' organisations, and
        -- Amsterdam's residents' organisation
        partijen AS (
            SELECT gemeentecode, string_agg(partij_id, ';' ORDER BY partij_id) AS ids FROM (
                SELECT DISTINCT a.gemeentecode, c.corporatie_id AS partij_id
                FROM gen_vhf_gebied a JOIN gen_complex c USING (buurtcode)
                UNION SELECT DISTINCT a.gemeentecode, 'HO' || substr(c.corporatie_id, 2)
                FROM gen_vhf_gebied a JOIN gen_complex c USING (buurtcode)
                UNION SELECT gemeentecode, 'BO0001' FROM gen_gemeente WHERE gemeentecode = 'GM0363')
            GROUP BY gemeentecode)
        SELECT 'VHF-' || CAST(ronde AS VARCHAR) || '-' || substr(v.gemeentecode, 3) AS bijdrage_id, v.gemeentecode,
               CAST(ronde AS SMALLINT) AS ronde, 'Aanpakgebied ' || naam AS gebied,
               (SELECT string_agg(buurtcode, ';' ORDER BY buurtcode) FROM gen_vhf_gebied a
                WHERE a.gemeentecode = v.gemeentecode) AS buurtcodes,
               CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar,
               -- rounded down to whole thousands: a round never grants more than it made available
               CAST(floor(bedrag / 1000) * 1000 AS DECIMAL(14, 2)) AS bedrag_eur,
               CAST(round(bedrag * (0.8 + 0.6 * {uniform(seed, grant, "co")}), -3) AS DECIMAL(14, 2)) AS cofinanciering_eur,
               CASE WHEN {uniform(seed, grant, "up")} < 0.6 THEN 'per_complex'
                    WHEN {uniform(seed, grant, "up")} < 0.9 THEN 'per_gebied' ELSE 'geen' END AS uitvoeringsplan,
               CAST(round(bedrag / 25000) AS INTEGER) AS aantal_woningen,
               p.ids AS betrokken_partijen
        FROM verdeeld v LEFT JOIN partijen p USING (gemeentecode)""")
    # Spending in the years after the round, up to the demo's reference date (1 January 2025).
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_vhf_besteding AS
        SELECT v.gemeentecode, v.bijdrage_id, CAST(j.jaar AS SMALLINT) AS jaar,
               CAST(round(v.bedrag_eur * (0.08 + 0.14 * {uniform(seed, "v.bijdrage_id || CAST(j.jaar AS VARCHAR)", "best")}), -3)
                    AS DECIMAL(14, 2)) AS besteed_eur
        FROM gen_vhf v JOIN (VALUES (2023), (2024)) j(jaar) ON j.jaar > v.ronde""")
    # A plan per complex lists addresses in the grant's buurten: mainly private stock, some association.
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_vhf_planadres AS
        WITH buurt AS (
            SELECT v.gemeentecode, v.bijdrage_id, unnest(string_split(v.buurtcodes, ';')) AS buurtcode
            FROM gen_vhf v WHERE v.uitvoeringsplan = 'per_complex'),
        kandidaat AS (
            SELECT b.gemeentecode, b.bijdrage_id, w.verblijfsobject_id, w.corporatie_id, w.complexnummer,
                   CASE WHEN w.eigendom = 'corporatie' THEN 'corporatie' ELSE 'particulier' END AS voorraad,
                   row_number() OVER (
                       PARTITION BY b.bijdrage_id, w.eigendom = 'corporatie'
                       ORDER BY {uniform(seed, "w.verblijfsobject_id || b.bijdrage_id", "adres")}, w.verblijfsobject_id)
                       AS rang
            FROM buurt b JOIN gen_woning w USING (buurtcode))
        SELECT gemeentecode, bijdrage_id, verblijfsobject_id, voorraad,
               CASE WHEN voorraad = 'corporatie' THEN corporatie_id END AS corporatie_id,
               CASE WHEN voorraad = 'corporatie' THEN complexnummer END AS complexnummer,
               'opgenomen' AS status
        FROM kandidaat WHERE rang <= CASE WHEN voorraad = 'particulier' THEN 30 ELSE 12 END""")


def make_allocations(duck: Any, seed: int, pseudonymiser: Pseudonymiser) -> None:
    """Allocations of association dwellings in 2023 and 2024 to (pseudonymous) households
    (``gen_toewijzing``): a fictitious household number per allocation, stored only as its
    pseudonym under ``pseudonymiser`` (Leefbaar's current key for allocations)."""
    # About 7% of association dwellings change tenant per year; a share goes to priority groups.
    key = "w.verblijfsobject_id || CAST(j.jaar AS VARCHAR)"
    groups = (
        "['statushouder', 'statushouder', 'statushouder', 'dakloos', 'uitstroom_instelling', "
        "'uitstroom_detentie', 'medische_urgentie', 'sociale_urgentie', 'sociale_urgentie', 'arbeidsmigrant', "
        "'student', 'overig']"
    )
    household = pseudonym_sql(f"'H-' || substr(md5('{seed}-' || {key}), 1, 12)")
    bind_key(duck, pseudonymiser)
    try:
        _allocations(duck, seed, key, groups, household, pseudonymiser.sleutelversie)
    finally:
        unbind_key(duck)


def _allocations(duck: Any, seed: int, key: str, groups: str, household: str, sleutelversie: int) -> None:
    duck.execute(f"""
        CREATE OR REPLACE TABLE gen_toewijzing AS
        SELECT 'T-' || CAST(j.jaar AS VARCHAR) || '-' || w.verblijfsobject_id AS toewijzing_id,
               make_date(j.jaar, 1, 1) + CAST(floor({uniform(seed, key, "d")} * 364) AS INTEGER) AS datum,
               w.gemeentecode, w.buurtcode, CAST({INDELINGSJAAR} AS SMALLINT) AS indelingsjaar,
               list_extract({groups}, 1 + CAST(floor({uniform(seed, key, "g")} * 12) AS INTEGER)) AS aandachtsgroep,
               {household} AS huishouden_pseudoniem,
               w.corporatie_id, CAST({int(sleutelversie)} AS SMALLINT) AS sleutelversie
        FROM gen_woning_corp w, (VALUES (2023), (2024)) j(jaar)
        WHERE {uniform(seed, key, "t")} < 0.07 * (0.25 + 0.5 * {uniform(seed, "w.buurtcode", "conc")})""")
