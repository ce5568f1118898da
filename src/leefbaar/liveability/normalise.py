"""Normalisation of indicator values: robust z-score, direction-corrected, winsorised.

For every indicator the centre is the median and the scale is the interquartile range divided by
1.349 (so that for normally distributed data the scale equals the standard deviation), both over the
scored (not suppressed) areas of one level in one year: all buurten, all wijken or all gemeenten of
the country. The median and the IQR are insensitive to the long tails of distances, crime rates and
WOZ values. The z-score is multiplied by -1 when lower is better, so that higher always means better,
and clipped to [-3, 3] so one extreme value cannot dominate a dimension.

When the IQR is 0 (for instance a yes/no indicator that is mostly "no") the standard deviation is
used; when that is 0 too, every area gets 0. A fitted :class:`Normalisation` can be kept and applied
to another year, which makes scores of different years comparable on the same (base-year) scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: Robust z-scores are clipped to [-WINSOR, WINSOR].
WINSOR = 3.0
#: IQR / 1.349 estimates the standard deviation of a normal distribution.
IQR_PER_SD = 1.349

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Normalisation:
    """Centre (median) and scale per indicator, fitted on one level in one year."""

    indicatoren: tuple[str, ...]
    mediaan: FloatArray
    schaal: FloatArray

    def select(self, indicatoren: Sequence[str]) -> Normalisation:
        """The parameters for these indicators, in this order; NaN for one the fit did not have."""
        positie = {k: i for i, k in enumerate(self.indicatoren)}
        mediaan = np.full(len(indicatoren), np.nan)
        schaal = np.ones(len(indicatoren))
        for j, sleutel in enumerate(indicatoren):
            if sleutel in positie:
                mediaan[j] = self.mediaan[positie[sleutel]]
                schaal[j] = self.schaal[positie[sleutel]]
        return Normalisation(tuple(indicatoren), mediaan, schaal)


def fit_normalisation(indicatoren: Sequence[str], waarden: FloatArray) -> Normalisation:
    """Fit median and robust scale per column of ``waarden`` (rows = areas, NaN = missing)."""
    k = waarden.shape[1]
    mediaan = np.full(k, np.nan)
    schaal = np.ones(k)
    heeft = ~np.isnan(waarden).all(axis=0)
    if heeft.any():
        kolommen = waarden[:, heeft]
        q25, q50, q75 = np.nanpercentile(kolommen, [25.0, 50.0, 75.0], axis=0)
        robuust = (q75 - q25) / IQR_PER_SD
        sd = np.nanstd(kolommen, axis=0)
        gekozen = np.where(robuust > 0, robuust, np.where(sd > 0, sd, 1.0))
        mediaan[heeft] = q50
        schaal[heeft] = gekozen
    return Normalisation(tuple(indicatoren), mediaan, schaal)


def apply_normalisation(normalisatie: Normalisation, waarden: FloatArray, teken: FloatArray) -> FloatArray:
    """Direction-corrected, winsorised robust z-scores; NaN stays NaN (missing)."""
    z = (waarden - normalisatie.mediaan) / normalisatie.schaal * teken
    return np.clip(z, -WINSOR, WINSOR)
