"""What the demo generator works from: national calibration figures, scales, fixed ids, and its
deterministic random numbers and exact allocation (largest remainder), as DuckDB SQL.

``uniform(seed, key, salt)`` is ``hash(seed, key, salt)`` mapped to [0, 1): the same seed gives the
same data on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: National calibration figures (DOMAIN.md; CBS 82900NED 1 Jan 2023, Aw 2023).
WONINGEN = 8_125_229
CORPORATIEWONINGEN = 2_312_981
KOOPWONINGEN = 4_634_411
CORPORATIES = 279
INDELINGSJAAR = 2025
PEILDATUM = date(2025, 1, 1)
BRON = "Leefbaar demo-generator (synthetische gegevens)"


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


def uniform(seed: int, key: str, salt: str) -> str:
    """SQL for a deterministic uniform number in [0, 1) from a key expression."""
    return f"((hash({seed}, {key}, '{salt}') % 1000003) / 1000003.0)"


def normal(seed: int, key: str, salt: str) -> str:
    """SQL for a deterministic standard normal number from a key expression (Box-Muller)."""
    u1 = uniform(seed, key, salt + "1")
    u2 = uniform(seed, key, salt + "2")
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
