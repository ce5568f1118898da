"""Liveability index (pure): indicator registry, normalisation, dimension and overall scores,
classes, suppression, explanations, trends, validation against a reference, and calibration.

No I/O here: the services layer reads ``indicatoren.yaml`` and ``gewichten.yaml`` (next to this
module) and the indicator data, and passes parsed dicts and numpy arrays in. See docs/liveability.md.
"""

from leefbaar.liveability.calibration import MODELLEN, Kalibratie, Model, calibrate
from leefbaar.liveability.classes import KLASSEGRENZEN, KLASSEN, klasse_index, klasse_label
from leefbaar.liveability.explain import Bijdrage, Toelichting, contribution_arrays, explain, getal, zin
from leefbaar.liveability.normalise import Normalisation, fit_normalisation
from leefbaar.liveability.registry import (
    DIMENSIES,
    SOORTEN,
    STIGMATISERENDE_TERMEN,
    Dimensie,
    Indicator,
    IndicatorSoort,
    Registry,
    RegistryError,
    Richting,
    parse_registry,
)
from leefbaar.liveability.scores import (
    MIN_INWONERS,
    ONDERDELEN,
    TOTAAL,
    IndicatorMatrix,
    ScoreResult,
    compute_scores,
)
from leefbaar.liveability.trends import (
    Signalering,
    Trend,
    Trendkeer,
    Verandering,
    change,
    structureel_onder_druk,
    trendkeer,
)
from leefbaar.liveability.validation import (
    Afwijking,
    Vergelijking,
    bottom_decile_overlap,
    compare,
    reasons_without_score,
    validate,
)
from leefbaar.liveability.weights import Weights, parse_weights, weights_to_dict

#: File names of the shipped data files, relative to this package (read by the services layer).
REGISTER_BESTAND = "indicatoren.yaml"
GEWICHTEN_BESTAND = "gewichten.yaml"

__all__ = [
    "DIMENSIES",
    "GEWICHTEN_BESTAND",
    "KLASSEGRENZEN",
    "KLASSEN",
    "MIN_INWONERS",
    "MODELLEN",
    "ONDERDELEN",
    "REGISTER_BESTAND",
    "SOORTEN",
    "STIGMATISERENDE_TERMEN",
    "TOTAAL",
    "Afwijking",
    "Bijdrage",
    "Dimensie",
    "Indicator",
    "IndicatorMatrix",
    "IndicatorSoort",
    "Kalibratie",
    "Model",
    "Normalisation",
    "Registry",
    "RegistryError",
    "Richting",
    "ScoreResult",
    "Signalering",
    "Toelichting",
    "Trend",
    "Trendkeer",
    "Verandering",
    "Vergelijking",
    "Weights",
    "bottom_decile_overlap",
    "calibrate",
    "change",
    "compare",
    "compute_scores",
    "contribution_arrays",
    "explain",
    "fit_normalisation",
    "getal",
    "klasse_index",
    "klasse_label",
    "parse_registry",
    "parse_weights",
    "reasons_without_score",
    "structureel_onder_druk",
    "trendkeer",
    "validate",
    "weights_to_dict",
    "zin",
]
