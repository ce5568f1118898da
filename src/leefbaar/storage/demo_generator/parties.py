"""The parties of the demo: fictitious associations and their territories and complexes, and every
party row (municipalities, provinces, the ministry, associations, tenant organisations, care partners).

No real association is in it: names are made up (:func:`association_name`) and every generated
party is flagged ``synthetisch``; the example municipalities keep fixed ids that agreements/ uses.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from leefbaar.storage.demo_generator.recipe import (
    CORPORATIES,
    CORPORATIEWONINGEN,
    FIXED_ASSOCIATIONS,
    FIXED_CARE_PARTNERS,
    uniform,
)

_PREFIXES = ("Woonstichting", "Wooncorporatie", "Woongroep", "Stichting Wonen")
_SYLLABLES_A = ("Eik", "Lin", "Ber", "Hoog", "Wil", "Zon", "Dal", "Vel", "Mer", "Bro", "Ros", "Kem")
_SYLLABLES_B = ("hof", "stede", "borg", "veld", "waarde", "burcht", "heem", "weide", "dijk", "laan")


def association_name(index: int) -> str:
    """A fictitious association name; unique for the first 480 indexes."""
    a = _SYLLABLES_A[index % len(_SYLLABLES_A)]
    b = _SYLLABLES_B[(index // len(_SYLLABLES_A)) % len(_SYLLABLES_B)]
    prefix = _PREFIXES[(index // (len(_SYLLABLES_A) * len(_SYLLABLES_B))) % len(_PREFIXES)]
    return f"{prefix} {a}{b} (fictief)"


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


def make_complexes(duck: Any, seed: int) -> None:
    """Association territories (``gen_territorium``) and complexes with their build year (``gen_complex``)."""
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
    cu = uniform(seed, "buurtcode || '#' || CAST(complexindex AS VARCHAR)", "ca")
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
        SELECT c.*, p.basisjaar + CAST(floor(({uniform(seed, "c.corporatie_id || c.complexnummer", "bj")} - 0.5) * 24)
               AS INTEGER) AS bouwjaar
        FROM gen_complex c JOIN gen_buurt_p p USING (buurtcode)""")
    duck.execute("DROP TABLE gen_complex0")


def make_parties(duck: Any) -> None:
    """Every party row: municipalities, provinces, the ministry, associations, tenant organisations, care
    partners, and Amsterdam's safety partner and residents' organisation (``gen_partij``)."""
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
        UNION ALL SELECT partij_id, 'zorgpartner', naam, gemeentecode, true FROM gen_zorgpartner
        -- the safety partner and residents' organisation of the demo accounts (Amsterdam, where the
        -- shipped local agreement is); present only where Amsterdam is in the demo
        UNION ALL SELECT 'VP0001', 'veiligheidspartner', 'Veiligheidshuis Amsterdam (fictief)', gemeentecode, true
               FROM gen_gemeente WHERE gemeentecode = 'GM0363'
        UNION ALL SELECT 'BO0001', 'bewonersorganisatie', 'Bewonersplatform Amsterdam-Noord (fictief)',
               gemeentecode, true FROM gen_gemeente WHERE gemeentecode = 'GM0363'""")


def _provinces() -> dict[str, str]:
    from leefbaar.domain.regions import PROVINCIES

    return PROVINCIES
