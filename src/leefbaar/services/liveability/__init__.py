"""Liveability index use cases: compute and store the Leefbaar-index, read scores and explanations,
trends, areas "structureel onder druk", trend turns (R6), allocation concentration (R9), validation
against a reference file and calibration of the weights.

The pure package :mod:`leefbaar.liveability` does the arithmetic; this package reads the registry and
weights files (``common``), asks storage for the indicator values (set-based, as Arrow) and turns
them into numpy matrices per level (``inputs``), stores the results append-only (``runs``), reads
them back for the faces (``reading``), derives signals over the stored years (``signals``) and
compares with or fits to a reference file (``reference``). Faces call only the names listed in
``__all__``. See docs/liveability.md.
"""

from leefbaar.services.liveability.common import NIVEAUS, IndexFout, load_registry, load_weights, method
from leefbaar.services.liveability.inputs import newest_data_year
from leefbaar.services.liveability.reading import (
    Gebiedsscore,
    Gebiedstoelichting,
    Onderdeelscore,
    explanation,
    scores,
    trend,
)
from leefbaar.services.liveability.reference import Validatie, calibrate_reference, validate_reference
from leefbaar.services.liveability.runs import Berekening, compute
from leefbaar.services.liveability.signals import (
    Signaal,
    concentration_of_allocations,
    structureel_onder_druk,
    trend_turns,
)

__all__ = [
    "NIVEAUS",
    "Berekening",
    "Gebiedsscore",
    "Gebiedstoelichting",
    "IndexFout",
    "Onderdeelscore",
    "Signaal",
    "Validatie",
    "calibrate_reference",
    "compute",
    "concentration_of_allocations",
    "explanation",
    "load_registry",
    "load_weights",
    "method",
    "newest_data_year",
    "scores",
    "structureel_onder_druk",
    "trend",
    "trend_turns",
    "validate_reference",
]
