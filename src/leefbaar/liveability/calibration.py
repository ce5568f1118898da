"""Calibration: fit indicator weights to an external reference score, never with a harmful sign.

As the Leefbaarometer fits its indicators to house prices and residents' judgements, we can fit our
weights to a reference score per area (for instance the Leefbaarometer's own buurt scores). The model
is linear in the normalised, direction-corrected indicator values z (higher = better)::

    reference ~ a + sum_i w_i * z_i     with every w_i >= 0

solved as non-negative least squares (``scipy.optimize.nnls``) after centring both sides, which
gives the same w as a free intercept a. Because z is already direction-corrected, w_i >= 0 means an
indicator can never count against its good direction; at worst it gets weight 0. Missing values
are taken as the national median (z = 0) during the fit.

The fitted w is turned into the weights-file format: a dimension weight is the sum of its
indicators' w, an indicator's weight within its dimension is w_i divided by that sum. With those
weights the overall score of an area with all indicators present equals sum(w_i z_i) / sum(w_i),
the fitted model up to a constant and a positive factor, which do not change any rank.

Quality is reported as the k-fold cross-validated Spearman correlation between the overall score
and the reference on held-out areas, for the fitted weights and for the default weights on the same
folds. Folds are a seeded random permutation, so the same input and seed give the same report.
Indicators of the other kind (subjective, when fitting the objective score) keep their default
weights; the dimension weights, shared by both kinds, come from the fit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from leefbaar.liveability.registry import DIMENSIES, SOORTEN, IndicatorSoort, Registry
from leefbaar.liveability.scores import (
    MIN_INWONERS,
    TOTAAL,
    IndicatorMatrix,
    aggregate,
    compute_scores,
    match_codes,
    onderdeel_index,
)
from leefbaar.liveability.weights import Weights, weights_to_dict

FloatArray = npt.NDArray[np.float64]

#: Default number of cross-validation folds.
FOLDS = 5


@dataclass(frozen=True)
class Kalibratie:
    """Outcome of a calibration. ``gewichten`` is the weights file as a dict (yaml.safe_dump-ready)."""

    gewichten: dict[str, Any]
    weights: Weights
    #: fitted weight per indicator, scaled to sum 1 (0 = not useful for the reference)
    gefit: Mapping[str, float]
    n: int
    folds: int
    seed: int
    spearman_gekalibreerd: float
    spearman_standaard: float
    spearman_per_fold_gekalibreerd: tuple[float, ...]
    spearman_per_fold_standaard: tuple[float, ...]


def fit_nonnegative(x: FloatArray, y: FloatArray) -> FloatArray:
    """Weights w >= 0 minimising |y - a - x w|^2 with a free intercept a (x: (m, p), y: (m,))."""
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    from scipy import optimize  # here, not at import: scipy takes a second to load

    w, _ = optimize.nnls(xc, yc)
    return np.asarray(w, dtype=np.float64)


def calibrate(
    matrix: IndicatorMatrix,
    registry: Registry,
    standaard: Weights,
    referentie_codes: Sequence[str],
    referentie: FloatArray,
    *,
    soort: IndicatorSoort = IndicatorSoort.OBJECTIEF,
    folds: int = FOLDS,
    seed: int = 0,
    min_inwoners: float = MIN_INWONERS,
) -> Kalibratie:
    """Fit the weights of the ``soort`` indicators of ``matrix`` to ``referentie`` (aligned with codes)."""
    basis = compute_scores(matrix, registry, standaard, min_inwoners=min_inwoners)
    s = SOORTEN.index(soort)
    kolommen = np.flatnonzero((basis.indicator_soort == s) & ~np.isnan(basis.genormaliseerd).all(axis=0))
    if kolommen.size == 0:
        raise ValueError(f"geen {soort.bijvoeglijk} indicatoren met waarden om te kalibreren")
    ref = np.asarray(referentie, dtype=np.float64)
    rij, gevonden = match_codes(basis.codes, referentie_codes)
    bruikbaar = gevonden & ~np.isnan(ref)
    bruikbaar[bruikbaar] &= ~basis.onderdrukt[rij[bruikbaar]]
    rijen, y = rij[bruikbaar], ref[bruikbaar]
    if rijen.size < max(3 * folds, 10):
        raise ValueError(f"te weinig gekoppelde gebieden om te kalibreren: {rijen.size}")
    z = basis.genormaliseerd[np.ix_(rijen, kolommen)]
    x = np.nan_to_num(z, nan=0.0)
    sleutels = [basis.indicatoren[j] for j in kolommen.tolist()]
    dim_idx = basis.indicator_dimensie[kolommen]
    soort_idx = basis.indicator_soort[kolommen]

    w = fit_nonnegative(x, y)
    if not (w > 0).any():
        raise ValueError("de referentie hangt met geen enkele indicator in de goede richting samen")

    totaal = onderdeel_index(TOTAAL)
    volgorde = np.random.default_rng(seed).permutation(rijen.size)
    per_fold_fit: list[float] = []
    per_fold_std: list[float] = []
    for test in np.array_split(volgorde, folds):
        train = np.setdiff1d(volgorde, test)
        w_fold = fit_nonnegative(x[train], y[train])
        binnen, dim_w = _structuur(w_fold, dim_idx)
        voorspeld = aggregate(z[test], binnen, soort_idx, dim_idx, dim_w)[:, s, totaal]
        per_fold_fit.append(_spearman(voorspeld, y[test]))
        per_fold_std.append(_spearman(basis.scores[rijen[test], s, totaal], y[test]))

    weights = _als_weights(w, sleutels, dim_idx, standaard, registry, soort, rijen.size)
    return Kalibratie(
        gewichten=weights_to_dict(weights),
        weights=weights,
        gefit={k: float(v) for k, v in zip(sleutels, w / w.sum(), strict=True)},
        n=int(rijen.size),
        folds=folds,
        seed=seed,
        spearman_gekalibreerd=_gemiddelde(per_fold_fit),
        spearman_standaard=_gemiddelde(per_fold_std),
        spearman_per_fold_gekalibreerd=tuple(per_fold_fit),
        spearman_per_fold_standaard=tuple(per_fold_std),
    )


def _structuur(w: FloatArray, dim_idx: npt.NDArray[np.int64]) -> tuple[FloatArray, FloatArray]:
    """Fitted w as (weight within dimension per indicator, weight per dimension), both summing to 1."""
    per_dim = np.bincount(dim_idx, weights=w, minlength=len(DIMENSIES)).astype(np.float64)
    binnen = np.divide(w, per_dim[dim_idx], out=np.zeros_like(w), where=per_dim[dim_idx] > 0)
    som = per_dim.sum()
    return binnen, (per_dim / som if som > 0 else per_dim)


def _als_weights(
    w: FloatArray,
    sleutels: Sequence[str],
    dim_idx: npt.NDArray[np.int64],
    standaard: Weights,
    registry: Registry,
    soort: IndicatorSoort,
    n: int,
) -> Weights:
    binnen, dim_w = _structuur(w, dim_idx)
    indicatoren: dict[str, float] = {}
    dimensie_van = {}
    gefit = dict(zip(sleutels, binnen.tolist(), strict=True))
    for indicator in registry:
        if indicator.soort is soort:
            gewicht = gefit.get(indicator.sleutel, 0.0)
        else:
            gewicht = standaard.indicatoren.get(indicator.sleutel, 0.0)
        indicatoren[indicator.sleutel] = float(gewicht)
        dimensie_van[indicator.sleutel] = indicator.dimensie
    onderbouwing = (
        f"Gekalibreerd op een referentiescore ({n} gebieden) met niet-negatieve kleinste kwadraten op de "
        f"genormaliseerde {soort.bijvoeglijk} indicatoren; indicatoren van de andere soort houden hun "
        "standaardgewicht."
    )
    return Weights(
        naam="gekalibreerd",
        dimensies={d: float(dim_w[i]) for i, d in enumerate(DIMENSIES)},
        indicatoren=indicatoren,
        dimensie_van=dimensie_van,
        onderbouwing=onderbouwing,
    )


def _spearman(a: FloatArray, b: FloatArray) -> float:
    geldig = ~np.isnan(a) & ~np.isnan(b)
    if geldig.sum() < 3 or np.ptp(a[geldig]) == 0 or np.ptp(b[geldig]) == 0:
        return float("nan")
    from scipy import stats

    return float(stats.spearmanr(a[geldig], b[geldig]).statistic)


def _gemiddelde(waarden: Sequence[float]) -> float:
    geldig = [v for v in waarden if not np.isnan(v)]
    return float(np.mean(geldig)) if geldig else float("nan")
