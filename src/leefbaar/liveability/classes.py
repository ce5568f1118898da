"""The nine class labels of the Leefbaarometer, applied to our standardised scores.

A score is standardised per level, year, kind and part: (score - mean) / standard deviation over the
scored areas. The classes are bands of half a standard deviation, with *voldoende* the middle band
around the national mean:

=====================  ==========================
class                  standardised score s
=====================  ==========================
zeer onvoldoende       s < -1.75
ruim onvoldoende       -1.75 <= s < -1.25
onvoldoende            -1.25 <= s < -0.75
zwak                   -0.75 <= s < -0.25
voldoende              -0.25 <= s < 0.25
ruim voldoende         0.25 <= s < 0.75
goed                   0.75 <= s < 1.25
zeer goed              1.25 <= s < 1.75
uitstekend             s >= 1.75
=====================  ==========================

The labels are the Leefbaarometer's, the boundaries are ours: in the Leefbaarometer most areas are
"goed" or better, here the middle class is the national middle. A lower bound belongs to its class.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

KLASSEN: tuple[str, ...] = (
    "zeer onvoldoende",
    "ruim onvoldoende",
    "onvoldoende",
    "zwak",
    "voldoende",
    "ruim voldoende",
    "goed",
    "zeer goed",
    "uitstekend",
)

#: Lower bounds of classes 2..9 on the standardised score.
KLASSEGRENZEN: tuple[float, ...] = (-1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75)

#: Class index for a missing score.
GEEN_KLASSE = -1


def klasse_index(gestandaardiseerd: npt.NDArray[np.float64]) -> npt.NDArray[np.int8]:
    """Class index 0-8 per standardised score (any shape); GEEN_KLASSE where the score is NaN."""
    index = np.digitize(gestandaardiseerd, np.asarray(KLASSEGRENZEN), right=False).astype(np.int8)
    return np.where(np.isnan(gestandaardiseerd), np.int8(GEEN_KLASSE), index).astype(np.int8)


def klasse_label(index: int) -> str | None:
    """The Dutch label of a class index, None for GEEN_KLASSE."""
    return None if index == GEEN_KLASSE else KLASSEN[index]
