"""Calibration: fit indicator weights to an external reference score, never with a harmful sign.

As the Leefbaarometer fits its indicators to house prices and residents' judgements, we can fit our
weights to a reference score per area (for instance the Leefbaarometer's own buurt scores). Every
model is linear in the normalised, direction-corrected indicator values z (higher = better)::

    reference ~ a + sum_i w_i * z_i     with every w_i >= 0

so that a better value on an indicator can never lower a score (the monotone constraint). Missing
values count as the national median (z = 0) during the fit.

Candidate models (:data:`MODELLEN`), compared by k-fold cross-validation on the same seeded folds,
the one with the highest mean Spearman correlation on held-out areas wins (ties: the simpler one,
in the order listed):

- ``nnls``: non-negative least squares (``scipy.optimize.nnls``);
- ``nnls_rang``: the same, fitted to the normal scores of the reference's ranks: the rank order is
  what is compared, and outliers in the reference do not pull the weights;
- ``ridge_*``: non-negative ridge regression (``scipy.optimize.lsq_linear`` on the augmented system)
  with a penalty of 0.1 or 1 times the number of areas: spreads weight over correlated indicators;
- ``enkel``: the single indicator with the highest Spearman correlation on the training areas;
- ``standaard``: the default weights, unchanged.

Because ``enkel`` and ``standaard`` are candidates, the chosen model never does worse on the folds
than the best single indicator or the default weights. Two baselines are reported beside it: the
best single indicator, and a plain linear model (least squares with free signs) on the same
indicators. The plain model may do better, but only by letting an indicator count against its good
direction; which ones is reported, and such weights are never written.

The fitted w is turned into the weights-file format: a dimension weight is the sum of its
indicators' w, an indicator's weight within its dimension is w_i divided by that sum. With those
weights the overall score of an area with all indicators present equals sum(w_i z_i) / sum(w_i),
the fitted model up to a constant and a positive factor, which do not change any rank. Indicators
of the other kind (subjective, when fitting the objective score) keep their default weights.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
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
IntArray = npt.NDArray[np.int64]
Fit = Callable[[FloatArray, FloatArray], FloatArray]

#: Default number of cross-validation folds.
FOLDS = 5
#: Ridge penalties, as a multiple of the number of training areas (z has unit scale).
RIDGE_ALFA = (0.1, 1.0)
#: The plain linear model counts as better only beyond this margin (noise between folds).
MARGE = 0.005

#: Candidate models in order of preference on a tie: key -> Dutch name.
MODELLEN: dict[str, str] = {
    "nnls": "niet-negatieve kleinste kwadraten",
    "nnls_rang": "niet-negatieve kleinste kwadraten op de rangorde van de referentie",
    **{f"ridge_{a:g}": f"niet-negatieve ridge-regressie (straf {a:g})" for a in RIDGE_ALFA},
    "enkel": "de beste enkele indicator",
    "standaard": "de standaardgewichten",
}

_WAAROM = {
    "nnls": (
        "een paar indicatoren het verband dragen en de rest gewicht 0 krijgt, zonder dat een "
        "indicator tegen zijn goede richting telt"
    ),
    "nnls_rang": "het om de rangorde gaat, en uitschieters in de referentie zo niet aan de gewichten trekken",
    "ridge": (
        "de indicatoren onderling samenhangen en een kleine straf het gewicht over ze verdeelt in plaats "
        "van er één te kiezen; dat voorspelt weggelaten gebieden beter"
    ),
    "enkel": "de andere indicatoren op weggelaten gebieden alleen ruis toevoegen",
    "standaard": "geen gefit model het op weggelaten gebieden beter doet",
}


@dataclass(frozen=True)
class Model:
    """One candidate: its mean Spearman on held-out areas, and per fold."""

    sleutel: str
    naam: str
    spearman: float
    per_fold: tuple[float, ...]


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
    #: the chosen model (a key of MODELLEN) and every candidate, in MODELLEN order
    model: str = "nnls"
    kandidaten: tuple[Model, ...] = ()
    #: baselines on the same folds: best single indicator (chosen on the training areas) and a plain
    #: least-squares model with free signs on the same indicators
    spearman_enkel: float = float("nan")
    enkel_indicator: str = ""
    spearman_lineair: float = float("nan")
    #: indicators the plain linear model (fitted on all areas) lets count against their direction
    lineair_tegen_richting: tuple[str, ...] = ()
    #: which model won and why, in Dutch
    uitleg: str = ""

    @property
    def model_naam(self) -> str:
        return MODELLEN[self.model]


def fit_nonnegative(x: FloatArray, y: FloatArray) -> FloatArray:
    """Weights w >= 0 minimising |y - a - x w|^2 with a free intercept a (x: (m, p), y: (m,))."""
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    from scipy import optimize  # here, not at import: scipy takes a second to load

    w, _ = optimize.nnls(xc, yc)
    return np.asarray(w, dtype=np.float64)


def fit_ridge_nonnegative(x: FloatArray, y: FloatArray, alfa: float) -> FloatArray:
    """Non-negative ridge: min |y - a - x w|^2 + alfa * m * |w|^2 with w >= 0 and a free intercept."""
    from scipy import optimize

    m, p = x.shape
    a = np.vstack([x - x.mean(axis=0), np.sqrt(alfa * m) * np.eye(p)])
    b = np.concatenate([y - y.mean(), np.zeros(p)])
    return np.asarray(optimize.lsq_linear(a, b, bounds=(0.0, np.inf)).x, dtype=np.float64)


def fit_linear(x: FloatArray, y: FloatArray) -> FloatArray:
    """Plain least squares with a free intercept and free signs (the baseline; never written)."""
    a = np.column_stack([np.ones(x.shape[0]), x])
    return np.asarray(np.linalg.lstsq(a, y, rcond=None)[0][1:], dtype=np.float64)


def fit_single(x: FloatArray, y: FloatArray) -> FloatArray:
    """Weight 1 on the indicator with the highest Spearman correlation with y, 0 elsewhere."""
    w = np.zeros(x.shape[1])
    w[_beste_enkele(x, y)] = 1.0
    return w


def normal_scores(y: FloatArray) -> FloatArray:
    """The normal scores of y's ranks: the standard normal quantile of (rank - 1/2) / n."""
    from scipy import stats

    return np.asarray(stats.norm.ppf((stats.rankdata(y) - 0.5) / y.size), dtype=np.float64)


def _fits() -> dict[str, Fit]:
    fits: dict[str, Fit] = {
        "nnls": fit_nonnegative,
        "nnls_rang": lambda x, y: fit_nonnegative(x, normal_scores(y)),
    }
    for alfa in RIDGE_ALFA:
        fits[f"ridge_{alfa:g}"] = functools.partial(fit_ridge_nonnegative, alfa=alfa)
    fits["enkel"] = fit_single
    return fits


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
    if not (fit_nonnegative(x, y) > 0).any():
        raise ValueError("de referentie hangt met geen enkele indicator in de goede richting samen")

    totaal = onderdeel_index(TOTAAL)

    def score(w: FloatArray, deel: IntArray) -> FloatArray:
        binnen, dim_w = _structuur(w, dim_idx)
        # An area without any of the indicators gets the median position, as in the fit.
        return np.nan_to_num(aggregate(z[deel], binnen, soort_idx, dim_idx, dim_w)[:, s, totaal])

    fits = _fits()
    per_fold: dict[str, list[float]] = {k: [] for k in MODELLEN}
    lineair: list[float] = []
    volgorde = np.random.default_rng(seed).permutation(rijen.size)
    for test in np.array_split(volgorde, folds):
        train = np.setdiff1d(volgorde, test)
        for sleutel, fit in fits.items():
            w = fit(x[train], y[train])
            per_fold[sleutel].append(_spearman(score(w, test), y[test]) if w.any() else float("nan"))
        per_fold["standaard"].append(_spearman(np.nan_to_num(basis.scores[rijen[test], s, totaal]), y[test]))
        lineair.append(_spearman(x[test] @ fit_linear(x[train], y[train]), y[test]))

    kandidaten = tuple(
        Model(k, naam, _gemiddelde(per_fold[k]), tuple(per_fold[k])) for k, naam in MODELLEN.items()
    )
    gekozen = max(kandidaten, key=lambda m: -np.inf if np.isnan(m.spearman) else m.spearman)
    if gekozen.sleutel == "standaard":
        w = _effectief(basis.indicator_gewicht[kolommen], dim_idx, standaard)
        weights = replace(
            standaard,
            naam="gekalibreerd",
            onderbouwing=(
                f"Gekalibreerd op een referentiescore ({rijen.size} gebieden): de standaardgewichten "
                "voorspelden weggelaten gebieden het best en zijn ongewijzigd overgenomen."
            ),
        )
    else:
        w = fits[gekozen.sleutel](x, y)
        weights = _als_weights(w, sleutels, dim_idx, standaard, registry, soort, rijen.size, gekozen.naam)
    enkel = sleutels[_beste_enkele(x, y)]
    b = fit_linear(x, y)
    tegen = tuple(k for k, v in zip(sleutels, b, strict=True) if v < -1e-9)
    return Kalibratie(
        gewichten=weights_to_dict(weights),
        weights=weights,
        gefit={k: float(v) for k, v in zip(sleutels, w / w.sum(), strict=True)},
        n=int(rijen.size),
        folds=folds,
        seed=seed,
        spearman_gekalibreerd=gekozen.spearman,
        spearman_standaard=_gemiddelde(per_fold["standaard"]),
        spearman_per_fold_gekalibreerd=gekozen.per_fold,
        spearman_per_fold_standaard=tuple(per_fold["standaard"]),
        model=gekozen.sleutel,
        kandidaten=kandidaten,
        spearman_enkel=_gemiddelde(per_fold["enkel"]),
        enkel_indicator=enkel,
        spearman_lineair=_gemiddelde(lineair),
        lineair_tegen_richting=tegen,
        uitleg=_uitleg(
            gekozen, kandidaten, _klein(registry[enkel].naam), _gemiddelde(lineair), tegen, folds, registry
        ),
    )


def _uitleg(
    gekozen: Model,
    kandidaten: Sequence[Model],
    enkel: str,
    lineair: float,
    tegen: Sequence[str],
    folds: int,
    registry: Registry,
) -> str:
    """Which model won and why, in Dutch, with the numbers beside it."""
    andere = sorted(
        (m for m in kandidaten if m.sleutel != gekozen.sleutel and not np.isnan(m.spearman)),
        key=lambda m: -m.spearman,
    )
    enkel_model = next(m for m in kandidaten if m.sleutel == "enkel")
    zinnen = [
        f"Gekozen: {gekozen.naam} (Spearman {_getal(gekozen.spearman)} op weggelaten gebieden, "
        f"{folds}-voudige kruisvalidatie)."
    ]
    if andere:
        zinnen.append(f"Daarna: {andere[0].naam}, met {_getal(andere[0].spearman)}.")
    reden = _WAAROM["ridge" if gekozen.sleutel.startswith("ridge") else gekozen.sleutel]
    zinnen.append(f"Het wint omdat {reden}.")
    zinnen.append(
        f"Ter vergelijking: de beste enkele indicator ({enkel}) haalt {_getal(enkel_model.spearman)}, "
        f"een gewoon lineair model met vrije tekens {_getal(lineair)}."
    )
    if lineair > gekozen.spearman + MARGE and tegen:
        zinnen.append(
            f"Het gewone lineaire model doet het beter, maar alleen door "
            f"{', '.join(_klein(registry[k].naam) for k in tegen)} tegen de "
            "goede richting te laten tellen; dat laat Leefbaar niet toe, want een betere waarde op een "
            "indicator mag een score nooit verlagen."
        )
    return " ".join(zinnen)


def _klein(naam: str) -> str:
    """A name inside a sentence: first letter in lower case (keeps "WOZ")."""
    return naam[:1].lower() + naam[1:]


def _getal(waarde: float) -> str:
    return "onbekend" if np.isnan(waarde) else f"{waarde:.3f}".replace(".", ",")


def _beste_enkele(x: FloatArray, y: FloatArray) -> int:
    waarden = [_spearman(x[:, j], y) for j in range(x.shape[1])]
    return int(np.argmax([-np.inf if np.isnan(v) else v for v in waarden]))


def _effectief(binnen: FloatArray, dim_idx: IntArray, weights: Weights) -> FloatArray:
    """The default weights as one weight per indicator: dimension weight x share within it."""
    per_dim = np.bincount(dim_idx, weights=binnen, minlength=len(DIMENSIES)).astype(np.float64)
    dim_w = np.array([weights.dimensies.get(d, 0.0) for d in DIMENSIES])
    uit: FloatArray = np.divide(
        binnen * dim_w[dim_idx], per_dim[dim_idx], out=np.zeros_like(binnen), where=per_dim[dim_idx] > 0
    )
    return uit


def _structuur(w: FloatArray, dim_idx: IntArray) -> tuple[FloatArray, FloatArray]:
    """Fitted w as (weight within dimension per indicator, weight per dimension), both summing to 1."""
    per_dim = np.bincount(dim_idx, weights=w, minlength=len(DIMENSIES)).astype(np.float64)
    binnen = np.divide(w, per_dim[dim_idx], out=np.zeros_like(w), where=per_dim[dim_idx] > 0)
    som = per_dim.sum()
    return binnen, (per_dim / som if som > 0 else per_dim)


def _als_weights(
    w: FloatArray,
    sleutels: Sequence[str],
    dim_idx: IntArray,
    standaard: Weights,
    registry: Registry,
    soort: IndicatorSoort,
    n: int,
    model: str,
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
        f"Gekalibreerd op een referentiescore ({n} gebieden) met {model} op de genormaliseerde "
        f"{soort.bijvoeglijk} indicatoren, gekozen met kruisvalidatie; indicatoren van de andere soort "
        "houden hun standaardgewicht."
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
