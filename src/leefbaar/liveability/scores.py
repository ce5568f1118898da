"""Dimension and overall scores for all areas of one level in one year, vectorised.

Input is an :class:`IndicatorMatrix`: one row per area (all buurten, all wijken or all gemeenten of
the country), one column per indicator, NaN where a value is missing. :func:`compute_scores`

1. suppresses areas with fewer inhabitants than ``min_inwoners`` (no score, a Dutch reason);
2. normalises every indicator (:mod:`leefbaar.liveability.normalise`) over the other areas;
3. per kind (objectief, subjectief) and dimension, takes the weighted mean of the indicators the area
   has a value for, renormalising the weights over those; no indicator means no dimension score;
4. per kind, takes the weighted mean of the dimension scores the area has (the overall score).
   Objective and subjective scores are never averaged into one number;
5. standardises every score, ranks it nationally and within the region, and assigns a class.

Score arrays have shape (areas, 2 kinds, 6 parts): kinds in :data:`SOORTEN` order, parts are the
five dimensions in :data:`DIMENSIES` order followed by ``totaal`` (see :data:`ONDERDELEN`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from leefbaar.domain.regions import Niveau
from leefbaar.liveability.classes import klasse_index
from leefbaar.liveability.normalise import Normalisation, apply_normalisation, fit_normalisation
from leefbaar.liveability.percentiles import percentile_rank
from leefbaar.liveability.registry import DIMENSIES, SOORTEN, Dimensie, IndicatorSoort, Registry
from leefbaar.liveability.weights import Weights

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

TOTAAL = "totaal"
#: The parts of the last score axis: the five dimensions, then the overall score.
ONDERDELEN: tuple[str, ...] = (*(d.value for d in DIMENSIES), TOTAAL)
#: Default population threshold below which an area gets no score.
MIN_INWONERS = 100

#: Plural Dutch names of the levels, for sentences.
NIVEAU_MEERVOUD = {
    Niveau.LAND: "landen",
    Niveau.PROVINCIE: "provincies",
    Niveau.GEMEENTE: "gemeenten",
    Niveau.WIJK: "wijken",
    Niveau.BUURT: "buurten",
}


@dataclass(frozen=True)
class IndicatorMatrix:
    """Indicator values of all areas of one level in one year.

    ``codes``: area codes (n); ``inwoners``: population per area (n, NaN = unknown);
    ``indicatoren``: indicator keys of the registry (k); ``waarden``: float array (n, k) in the unit
    of the registry (after any division by ``noemer``), NaN = missing; ``regio``: optional region
    per area (n) for within-region percentiles, e.g. the gemeentecode of each buurt.
    """

    jaar: int
    niveau: Niveau
    codes: Sequence[str]
    inwoners: FloatArray
    indicatoren: Sequence[str]
    waarden: FloatArray
    regio: Sequence[str] | None = None

    def __post_init__(self) -> None:
        n, k = len(self.codes), len(self.indicatoren)
        if np.shape(self.waarden) != (n, k):
            raise ValueError(f"waarden heeft vorm {np.shape(self.waarden)}, verwacht ({n}, {k})")
        if np.shape(self.inwoners) != (n,):
            raise ValueError(f"inwoners heeft vorm {np.shape(self.inwoners)}, verwacht ({n},)")
        if self.regio is not None and len(self.regio) != n:
            raise ValueError(f"regio heeft {len(self.regio)} waarden, verwacht {n}")
        if len(set(self.codes)) != n:
            raise ValueError("gebiedscodes komen dubbel voor")
        if len(set(self.indicatoren)) != k:
            raise ValueError("indicatoren komen dubbel voor")


@dataclass(frozen=True)
class ScoreResult:
    """Scores of one level in one year. Arrays of shape (n, 2, 6) are indexed [area, kind, part]."""

    jaar: int
    niveau: Niveau
    codes: tuple[str, ...]
    inwoners: FloatArray
    indicatoren: tuple[str, ...]
    #: raw input values (n, k) and their normalised, direction-corrected values (NaN = missing/suppressed)
    waarden: FloatArray
    genormaliseerd: FloatArray
    normalisatie: Normalisation
    scores: FloatArray
    gestandaardiseerd: FloatArray
    percentiel_landelijk: FloatArray
    percentiel_regio: FloatArray
    klasse: npt.NDArray[np.int8]
    onderdrukt: BoolArray
    redenen: tuple[str | None, ...]
    #: indicators that counted in at least one score, and the reason each other one did not
    gebruikt: tuple[str, ...]
    niet_gebruikt: Mapping[str, str]
    #: per indicator (k): weight within its dimension (0 when not used), kind index, dimension index
    indicator_gewicht: FloatArray
    indicator_soort: npt.NDArray[np.int64]
    indicator_dimensie: npt.NDArray[np.int64]
    dimensie_gewicht: FloatArray
    # Built on first lookup; init=False so dataclasses.replace never carries a stale index over.
    _positie: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def index(self, code: str) -> int:
        """Row of an area code; KeyError when absent."""
        if not self._positie:
            self._positie.update({c: i for i, c in enumerate(self.codes)})
        return self._positie[code]

    def score(self, code: str, soort: IndicatorSoort, onderdeel: str = TOTAAL) -> float:
        """One score (NaN when missing or suppressed)."""
        return float(self.scores[self.index(code), SOORTEN.index(soort), ONDERDELEN.index(onderdeel)])


def compute_scores(
    matrix: IndicatorMatrix,
    registry: Registry,
    weights: Weights,
    *,
    min_inwoners: float = MIN_INWONERS,
    normalisatie: Normalisation | None = None,
) -> ScoreResult:
    """Score every area of ``matrix``; see the module docstring for the method.

    ``normalisatie``: apply a fitted normalisation (e.g. of a base year) instead of fitting one on
    this matrix; use it to compare years on one scale.
    """
    onbekend = [k for k in matrix.indicatoren if k not in registry]
    if onbekend:
        raise ValueError(f"indicatoren staan niet in het register: {', '.join(onbekend)}")
    sleutels = tuple(matrix.indicatoren)
    waarden = np.asarray(matrix.waarden, dtype=np.float64)
    inwoners = np.asarray(matrix.inwoners, dtype=np.float64)
    onderdrukt, redenen = _onderdrukking(inwoners, min_inwoners)

    teken = np.array([registry[k].teken for k in sleutels])
    soort_idx = np.array([SOORTEN.index(registry[k].soort) for k in sleutels], dtype=np.int64)
    dim_idx = np.array([DIMENSIES.index(registry[k].dimensie) for k in sleutels], dtype=np.int64)
    if normalisatie is None:
        normalisatie = fit_normalisation(sleutels, waarden[~onderdrukt])
    else:
        normalisatie = normalisatie.select(sleutels)
    z = apply_normalisation(normalisatie, waarden, teken)
    z[onderdrukt] = np.nan

    gewicht, niet_gebruikt = _indicator_gewichten(sleutels, z, registry, weights)
    dim_gewicht = np.array([weights.dimensies.get(d, 0.0) for d in DIMENSIES])
    scores = aggregate(z, gewicht, soort_idx, dim_idx, dim_gewicht)

    gestandaardiseerd = _standardise(scores)
    regio = None
    if matrix.regio is not None:
        regio = np.unique(np.asarray(matrix.regio, dtype=str), return_inverse=True)[1].astype(np.int64)
    landelijk = np.full(scores.shape, np.nan)
    binnen_regio = np.full(scores.shape, np.nan)
    for s in range(len(SOORTEN)):
        for o in range(len(ONDERDELEN)):
            landelijk[:, s, o] = percentile_rank(scores[:, s, o])
            if regio is not None:
                binnen_regio[:, s, o] = percentile_rank(scores[:, s, o], regio)

    return ScoreResult(
        jaar=matrix.jaar,
        niveau=matrix.niveau,
        codes=tuple(matrix.codes),
        inwoners=inwoners,
        indicatoren=sleutels,
        waarden=waarden,
        genormaliseerd=z,
        normalisatie=normalisatie,
        scores=scores,
        gestandaardiseerd=gestandaardiseerd,
        percentiel_landelijk=landelijk,
        percentiel_regio=binnen_regio,
        klasse=klasse_index(gestandaardiseerd),
        onderdrukt=onderdrukt,
        redenen=redenen,
        gebruikt=tuple(k for k, w in zip(sleutels, gewicht, strict=True) if w > 0),
        niet_gebruikt=niet_gebruikt,
        indicator_gewicht=gewicht,
        indicator_soort=soort_idx,
        indicator_dimensie=dim_idx,
        dimensie_gewicht=dim_gewicht,
    )


def aggregate(
    z: FloatArray,
    gewicht: FloatArray,
    soort_idx: npt.NDArray[np.int64],
    dim_idx: npt.NDArray[np.int64],
    dim_gewicht: FloatArray,
) -> FloatArray:
    """Scores (n, 2, 6) from normalised values z (n, k): weighted means over what is present.

    ``gewicht`` (k) is each indicator's weight within its dimension, ``dim_gewicht`` (5) the
    dimension weights. Weights are renormalised per area over the present values.
    """
    n, k = z.shape
    aanwezig = ~np.isnan(z)
    # One column per (kind, dimension): the weight of each indicator that belongs to it.
    w = np.zeros((k, len(SOORTEN) * len(DIMENSIES)))
    w[np.arange(k), soort_idx * len(DIMENSIES) + dim_idx] = gewicht
    teller = np.where(aanwezig, z, 0.0) @ w
    noemer = aanwezig.astype(np.float64) @ w
    plat = np.full(teller.shape, np.nan)
    np.divide(teller, noemer, out=plat, where=noemer > 0)
    dim = plat.reshape(n, len(SOORTEN), len(DIMENSIES))

    heeft = ~np.isnan(dim)
    teller_t = np.where(heeft, dim, 0.0) @ dim_gewicht
    noemer_t = heeft.astype(np.float64) @ dim_gewicht
    totaal = np.full(teller_t.shape, np.nan)
    np.divide(teller_t, noemer_t, out=totaal, where=noemer_t > 0)
    return np.concatenate([dim, totaal[:, :, None]], axis=2)


def _onderdrukking(inwoners: FloatArray, min_inwoners: float) -> tuple[BoolArray, tuple[str | None, ...]]:
    """Which areas are suppressed, and why (in Dutch)."""
    onbekend = np.isnan(inwoners)
    te_klein = ~onbekend & (inwoners < min_inwoners)
    drempel = f"{min_inwoners:g}"
    redenen = np.full(inwoners.shape, None, dtype=object)
    redenen[te_klein] = f"minder dan {drempel} inwoners"
    redenen[onbekend] = "aantal inwoners onbekend"
    return onbekend | te_klein, tuple(redenen.tolist())


def _indicator_gewichten(
    sleutels: Sequence[str], z: FloatArray, registry: Registry, weights: Weights
) -> tuple[FloatArray, dict[str, str]]:
    """Weight within its dimension per column (0 when not used), and why each unused one is not used."""
    gewicht = np.zeros(len(sleutels))
    heeft_waarde = np.asarray(~np.isnan(z).all(axis=0), dtype=bool)
    niet_gebruikt: dict[str, str] = {}
    for j, sleutel in enumerate(sleutels):
        w = weights.indicatoren.get(sleutel)
        if w is None:
            niet_gebruikt[sleutel] = "geen gewicht in het gewichtenbestand"
        elif w == 0:
            niet_gebruikt[sleutel] = "gewicht 0"
        elif weights.dimensies.get(registry[sleutel].dimensie, 0.0) == 0:
            niet_gebruikt[sleutel] = "dimensie heeft gewicht 0"
        elif not heeft_waarde[j]:
            niet_gebruikt[sleutel] = "geen waarden voor gescoorde gebieden"
        else:
            gewicht[j] = w
    for indicator in registry:
        if indicator.sleutel not in sleutels:
            niet_gebruikt[indicator.sleutel] = "niet aangeleverd"
    return gewicht, niet_gebruikt


def _standardise(scores: FloatArray) -> FloatArray:
    """(score - mean) / sd per (kind, part) over the areas with a score; 0 when the sd is 0."""
    geldig = ~np.isnan(scores)
    aantal = geldig.sum(axis=0)
    waarden = np.where(geldig, scores, 0.0)
    gemiddelde = np.divide(waarden.sum(axis=0), aantal, out=np.zeros(aantal.shape), where=aantal > 0)
    afwijking = np.where(geldig, scores - gemiddelde, 0.0)
    variantie = np.divide((afwijking**2).sum(axis=0), aantal, out=np.zeros(aantal.shape), where=aantal > 0)
    sd = np.sqrt(variantie)
    uit = np.divide(afwijking, sd, out=np.zeros(scores.shape), where=sd > 0)
    return np.where(geldig, uit, np.nan)


def match_codes(codes: Sequence[str], gezocht: Sequence[str]) -> tuple[npt.NDArray[np.int64], BoolArray]:
    """For each code in ``gezocht``: its row in ``codes`` and whether it was found (vectorised)."""
    eigen = np.asarray(codes, dtype=str)
    zoek = np.asarray(gezocht, dtype=str)
    if eigen.size == 0:
        return np.zeros(zoek.size, dtype=np.int64), np.zeros(zoek.size, dtype=bool)
    volgorde = np.argsort(eigen)
    positie = np.minimum(np.searchsorted(eigen[volgorde], zoek), eigen.size - 1)
    return volgorde[positie].astype(np.int64), eigen[volgorde][positie] == zoek


def soort_index(soort: IndicatorSoort) -> int:
    return SOORTEN.index(soort)


def onderdeel_index(onderdeel: Dimensie | str) -> int:
    return ONDERDELEN.index(onderdeel.value if isinstance(onderdeel, Dimensie) else onderdeel)
