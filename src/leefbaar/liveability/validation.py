"""Validation of our scores against an external reference (for instance the Leefbaarometer 3.0).

The reference is a set of scores keyed by area code, per part: ``totaal`` and/or one of the five
dimensions. Areas are matched by code; areas without a score on either side are left out. For every
part we report the number of matched areas, the Spearman rank correlation (does the order agree?),
the Pearson correlation (does the linear pattern agree?), how much of the reference's bottom decile
is in our bottom decile (do we find the same weakest areas?) and the ten areas on which the two
disagree most, measured by the difference of their ranks among the matched areas. When no area
matches (n = 0) the comparison says why, in Dutch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from leefbaar.liveability.percentiles import percentile_rank
from leefbaar.liveability.registry import DIMENSIES, IndicatorSoort, Registry
from leefbaar.liveability.scores import (
    ONDERDELEN,
    TOTAAL,
    ScoreResult,
    match_codes,
    onderdeel_index,
    soort_index,
)

FloatArray = npt.NDArray[np.float64]

#: Number of largest disagreements reported.
AANTAL_AFWIJKINGEN = 10
#: The bottom decile: a national percentile at or below this (the bound of "structureel onder druk").
ONDERSTE_DECIEL = 10.0


@dataclass(frozen=True)
class Afwijking:
    """One area where our ranking and the reference's ranking differ (ranks 1 = lowest score)."""

    code: str
    ons: float
    referentie: float
    rang_ons: float
    rang_referentie: float
    rangverschil: float


@dataclass(frozen=True)
class Vergelijking:
    """Agreement on one part; correlations are NaN when fewer than 3 areas match or a side is constant.

    ``onderste_deciel``: the share of the reference's bottom decile (mid-rank percentile <= 10 among
    the n matched areas) that is in our bottom decile too; ``n_onderste_deciel`` is the size of the
    reference's bottom decile. ``reden`` says why n is 0 (None otherwise).
    """

    onderdeel: str
    n: int
    spearman: float
    pearson: float
    grootste_afwijkingen: tuple[Afwijking, ...]
    onderste_deciel: float = float("nan")
    n_onderste_deciel: int = 0
    reden: str | None = None


def bottom_decile_overlap(ons: FloatArray, referentie: FloatArray) -> tuple[float, int]:
    """Share of the reference's bottom decile also in ours, and the size of the reference's decile.

    Both deciles are taken among the same pairs (mid-rank percentile <= 10), as "structureel onder
    druk" takes the national bottom decile. NaN when the reference has no bottom decile.
    """
    ref_onder = percentile_rank(referentie) <= ONDERSTE_DECIEL
    ons_onder = percentile_rank(ons) <= ONDERSTE_DECIEL
    aantal = int(ref_onder.sum())
    if aantal == 0:
        return float("nan"), 0
    return float((ref_onder & ons_onder).sum() / aantal), aantal


def compare(
    onderdeel: str,
    codes: Sequence[str],
    ons: FloatArray,
    referentie: FloatArray,
    *,
    reden: str | None = None,
) -> Vergelijking:
    """Compare two aligned score arrays for the same ``codes``; pairs with a NaN are left out.

    ``reden`` is reported when no pair is left (n = 0); without it a reason is derived from which
    side has no values.
    """
    from scipy import stats  # here, not at import: scipy takes a second to load

    geldig = ~np.isnan(ons) & ~np.isnan(referentie)
    code_arr = np.asarray(codes, dtype=str)[geldig]
    a, b = ons[geldig], referentie[geldig]
    n = int(a.size)
    if n == 0:
        return Vergelijking(
            onderdeel, 0, float("nan"), float("nan"), (), reden=reden or _reden(ons, referentie)
        )
    if n < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        spearman = pearson = float("nan")
    else:
        spearman = float(stats.spearmanr(a, b).statistic)
        pearson = float(stats.pearsonr(a, b).statistic)
    rang_a, rang_b = stats.rankdata(a), stats.rankdata(b)
    verschil = np.abs(rang_a - rang_b)
    # Largest rank difference first; ties broken by code so the list is reproducible.
    volgorde = np.lexsort((code_arr, -verschil))[:AANTAL_AFWIJKINGEN]
    afwijkingen = tuple(
        Afwijking(
            str(code_arr[i]), float(a[i]), float(b[i]), float(rang_a[i]), float(rang_b[i]), float(verschil[i])
        )
        for i in volgorde.tolist()
    )
    overlap, aantal = bottom_decile_overlap(a, b)
    return Vergelijking(onderdeel, n, spearman, pearson, afwijkingen, overlap, aantal)


def _reden(ons: FloatArray, referentie: FloatArray) -> str:
    if not (~np.isnan(referentie)).any():
        return "de referentie heeft voor dit onderdeel geen waarden bij de gekoppelde gebieden"
    if not (~np.isnan(ons)).any():
        return "geen van de gekoppelde gebieden heeft hier een eigen score"
    return "geen gebied heeft aan beide kanten een score"


def reasons_without_score(
    registry: Registry,
    gebruikt: Sequence[str],
    niet_gebruikt: Mapping[str, str],
    soort: IndicatorSoort = IndicatorSoort.OBJECTIEF,
) -> dict[str, str]:
    """Per part that can have no score of ``soort``: why (Dutch), from which indicators were used.

    A dimension has no score when none of its indicators of that kind was used; the reason names
    every such indicator with why it was not used ("niet aangeleverd", "gewicht 0", ...).
    """
    uit: dict[str, str] = {}
    for dimensie in DIMENSIES:
        eigen = [i for i in registry if i.dimensie is dimensie and i.soort is soort]
        if any(i.sleutel in gebruikt for i in eigen):
            continue
        if not eigen:
            uit[dimensie.value] = f"het register heeft geen {soort.bijvoeglijk} indicator voor deze dimensie"
            continue
        waarom = "; ".join(f"{i.sleutel}: {niet_gebruikt.get(i.sleutel, 'niet gebruikt')}" for i in eigen)
        uit[dimensie.value] = f"geen {soort.bijvoeglijk} indicator van deze dimensie gebruikt ({waarom})"
    if len(uit) == len(DIMENSIES):
        uit[TOTAAL] = f"geen enkele {soort.bijvoeglijk} indicator gebruikt"
    return uit


def validate(
    result: ScoreResult,
    referentie_codes: Sequence[str],
    referentie: Mapping[str, FloatArray],
    *,
    soort: IndicatorSoort = IndicatorSoort.OBJECTIEF,
    redenen: Mapping[str, str] | None = None,
) -> tuple[Vergelijking, ...]:
    """Compare our scores of ``soort`` with reference scores per part.

    ``referentie`` maps a part (``totaal`` or a dimension such as ``overlast_onveiligheid``) to an
    array of reference scores aligned with ``referentie_codes``. Higher must mean better in the
    reference too (true for the Leefbaarometer). Suppressed areas have no score and are left out.
    ``redenen`` (per part, e.g. from :func:`reasons_without_score`) explains a part where our side
    has no score; without it the reasons are derived from ``result`` when it knows its indicators.
    """
    onbekend = [k for k in referentie if k not in ONDERDELEN]
    if onbekend:
        raise ValueError(
            f"onbekend onderdeel in de referentie: {', '.join(onbekend)}; kies uit {', '.join(ONDERDELEN)}"
        )
    codes = np.asarray(referentie_codes, dtype=str)
    if len(set(codes.tolist())) != codes.size:
        raise ValueError("gebiedscodes in de referentie komen dubbel voor")
    rij, gevonden = match_codes(result.codes, codes.tolist())
    s = soort_index(soort)
    if redenen is None:
        redenen = _redenen_uit(result, soort)
    uitkomst: list[Vergelijking] = []
    for onderdeel in ONDERDELEN:
        if onderdeel not in referentie:
            continue
        ref = np.asarray(referentie[onderdeel], dtype=np.float64)
        if ref.shape != codes.shape:
            raise ValueError(f"referentie '{onderdeel}' heeft {ref.size} waarden voor {codes.size} codes")
        ons = np.where(gevonden, result.scores[rij, s, onderdeel_index(onderdeel)], np.nan)
        reden = None
        if not gevonden.any():
            reden = "geen enkele code uit de referentie komt voor in de index"
        elif not (~np.isnan(ref) & gevonden).any():
            reden = "de referentie heeft voor dit onderdeel geen waarden bij de gekoppelde gebieden"
        elif np.isnan(ons).all():
            reden = (
                redenen.get(onderdeel) or "alle gekoppelde gebieden zijn onderdrukt of hebben hier geen score"
            )
        uitkomst.append(compare(onderdeel, codes.tolist(), ons, ref, reden=reden))
    return tuple(uitkomst)


def _redenen_uit(result: ScoreResult, soort: IndicatorSoort) -> dict[str, str]:
    """Reasons per part from the result itself: which dimensions had no used indicator of ``soort``."""
    if not result.indicatoren:  # a result read back from storage knows only its scores
        return {}
    s = soort_index(soort)
    uit: dict[str, str] = {}
    for d, dimensie in enumerate(DIMENSIES):
        kolommen = np.flatnonzero((result.indicator_dimensie == d) & (result.indicator_soort == s))
        if (result.indicator_gewicht[kolommen] > 0).any():
            continue
        eigen = [result.indicatoren[j] for j in kolommen.tolist()]
        waarom = "; ".join(f"{k}: {result.niet_gebruikt.get(k, 'niet gebruikt')}" for k in eigen)
        uit[dimensie.value] = f"geen {soort.bijvoeglijk} indicator van deze dimensie met waarden" + (
            f" ({waarom})" if waarom else " aangeleverd"
        )
    return uit
