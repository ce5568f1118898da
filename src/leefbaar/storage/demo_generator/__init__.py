"""The one synthetic data generator: national demo, test data (tiny) and benchmarks, all from SQL.

Everything is generated set-based in DuckDB from real CBS figures already in the database
(inhabitants per buurt 2024, the 2021 housing shares per municipality) and deterministic
pseudo-random numbers: ``hash(seed, key, salt)``, so the same seed gives the same data on every
machine. Totals per municipality are allocated by largest remainder so that they add up exactly
to the national calibration figures (DOMAIN.md). No real person, dwelling or association is in it:
associations, complexes, addresses and households are fictitious and every party is flagged
``synthetisch``.

One module per subject: ``recipe`` (calibration figures, scales, random numbers, largest
remainder), ``stock`` (municipalities, buurten, dwellings), ``parties`` (associations, territories,
complexes, party rows), ``condition`` (condition measurements, plans, defects), ``policy``
(investments, buurtkamers, municipal instruments, allocations) and ``build`` (runs the steps and
writes the results).
"""

from leefbaar.storage.demo_generator.build import STEPS, Generated, Progress, generate
from leefbaar.storage.demo_generator.parties import association_name, plan_associations
from leefbaar.storage.demo_generator.recipe import SCALES, Scale, largest_remainder

__all__ = [
    "SCALES",
    "STEPS",
    "Generated",
    "Progress",
    "Scale",
    "association_name",
    "generate",
    "largest_remainder",
    "plan_associations",
]
