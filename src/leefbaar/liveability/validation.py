"""Validation of our scores against an external reference (for instance the Leefbaarometer 3.0).

The reference is a set of scores keyed by area code, per part: ``totaal`` and/or one of the five
dimensions. Areas are matched by code; areas without a score on either side are left out. For every
part we report the number of matched areas, the Spearman rank correlation (does the order agree?),
the Pearson correlation (does the linear pattern agree?) and the ten areas on which the two
disagree most, measured by the difference of their ranks among the matched areas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from leefbaar.liveability.registry import IndicatorSoort
from leefbaar.liveability.scores import ONDERDELEN, ScoreResult, match_codes, onderdeel_index, soort_index

FloatArray = npt.NDArray[np.float64]

#: Number of largest disagreements reported.
AANTAL_AFWIJKINGEN = 10


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
    """Agreement on one part; correlations are NaN when fewer than 3 areas match or a side is constant."""

    onderdeel: str
    n: int
    spearman: float
    pearson: float
    grootste_afwijkingen: tuple[Afwijking, ...]


def compare(onderdeel: str, codes: Sequence[str], ons: FloatArray, referentie: FloatArray) -> Vergelijking:
    """Compare two aligned score arrays for the same ``codes``; pairs with a NaN are left out."""
    from scipy import stats  # here, not at import: scipy takes a second to load

    geldig = ~np.isnan(ons) & ~np.isnan(referentie)
    code_arr = np.asarray(codes, dtype=str)[geldig]
    a, b = ons[geldig], referentie[geldig]
    n = int(a.size)
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
    return Vergelijking(onderdeel, n, spearman, pearson, afwijkingen)


def validate(
    result: ScoreResult,
    referentie_codes: Sequence[str],
    referentie: Mapping[str, FloatArray],
    *,
    soort: IndicatorSoort = IndicatorSoort.OBJECTIEF,
) -> tuple[Vergelijking, ...]:
    """Compare our scores of ``soort`` with reference scores per part.

    ``referentie`` maps a part (``totaal`` or a dimension such as ``overlast_onveiligheid``) to an
    array of reference scores aligned with ``referentie_codes``. Higher must mean better in the
    reference too (true for the Leefbaarometer). Suppressed areas have no score and are left out.
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
    uitkomst: list[Vergelijking] = []
    for onderdeel in ONDERDELEN:
        if onderdeel not in referentie:
            continue
        ref = np.asarray(referentie[onderdeel], dtype=np.float64)
        if ref.shape != codes.shape:
            raise ValueError(f"referentie '{onderdeel}' heeft {ref.size} waarden voor {codes.size} codes")
        ons = np.where(gevonden, result.scores[rij, s, onderdeel_index(onderdeel)], np.nan)
        uitkomst.append(compare(onderdeel, codes.tolist(), ons, ref))
    return tuple(uitkomst)
