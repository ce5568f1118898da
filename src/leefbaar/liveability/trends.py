"""Trends over years: change per dimension, "structureel onder druk" and the trend turn (R6).

Scores of different years are matched by area code. When the division changed, the caller passes a
crosswalk ``{earlier code: later code}``; several earlier codes that map to one later code are
combined as the population-weighted mean of their values. (A split cannot be expressed; map the old
code to its most populous successor.) Codes that are not matched give NaN.

With a normalisation fitted per year, scores say where an area stands relative to that year's
national picture, so a change is a change in relative position. To measure absolute change, compute
every year with the base year's :class:`~leefbaar.liveability.normalise.Normalisation`.

Rules (both documented in docs/liveability.md):

* **structureel onder druk**: the score (default: objective overall) is in the national bottom
  decile of its level (national percentile <= 10) in each of the last two measurements passed in.
* **trend turn (R6)**: on the last three measurements t0, t1, t2 of the score (default: objective
  overall), the change t0->t1 is at most -``drempel`` and the change t1->t2 at least +``drempel``
  (default 0.1 on the score scale, about a tenth of a national standard deviation of an indicator).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from leefbaar.liveability.explain import getal
from leefbaar.liveability.registry import IndicatorSoort
from leefbaar.liveability.scores import (
    NIVEAU_MEERVOUD,
    TOTAAL,
    ScoreResult,
    match_codes,
    onderdeel_index,
    soort_index,
)

FloatArray = npt.NDArray[np.float64]
Crosswalk = Mapping[str, str]

#: Bottom share (percentile) that counts as "onder druk".
ONDER_DRUK_PERCENTIEL = 10.0
#: Minimum change (score units) that counts as a fall or a rise in the trend-turn rule.
TRENDKEER_DREMPEL = 0.1


def align(
    earlier: ScoreResult, waarden: FloatArray, codes: Sequence[str], crosswalk: Crosswalk | None
) -> FloatArray:
    """Values of ``earlier`` (rows = its areas, any trailing shape) placed on the rows of ``codes``."""
    doel = [crosswalk.get(c, c) for c in earlier.codes] if crosswalk else list(earlier.codes)
    alle_rijen, gevonden = match_codes(codes, doel)
    rij = alle_rijen[gevonden]
    bron = waarden[gevonden].reshape(int(gevonden.sum()), -1)
    gewicht = np.nan_to_num(earlier.inwoners[gevonden], nan=0.0)
    # Weigh by population; an area without population still counts when it is the only one.
    gewicht = np.where(gewicht > 0, gewicht, 1e-9)
    geldig = ~np.isnan(bron)
    teller = np.zeros((len(codes), bron.shape[1]))
    noemer = np.zeros((len(codes), bron.shape[1]))
    np.add.at(teller, rij, np.where(geldig, bron, 0.0) * gewicht[:, None])
    np.add.at(noemer, rij, geldig * gewicht[:, None])
    uit = np.full(teller.shape, np.nan)
    np.divide(teller, noemer, out=uit, where=noemer > 0)
    return uit.reshape((len(codes), *waarden.shape[1:]))


@dataclass(frozen=True)
class Verandering:
    """Change from ``van_jaar`` to ``naar_jaar`` per area of the later year: arrays (n, 2, 6)."""

    codes: tuple[str, ...]
    van_jaar: int
    naar_jaar: int
    verschil: FloatArray
    verschil_percentiel: FloatArray


def change(earlier: ScoreResult, later: ScoreResult, crosswalk: Crosswalk | None = None) -> Verandering:
    """Later score minus earlier score, and the same for the national percentile, per kind and part."""
    vorige = align(earlier, earlier.scores, later.codes, crosswalk)
    vorige_pct = align(earlier, earlier.percentiel_landelijk, later.codes, crosswalk)
    return Verandering(
        codes=later.codes,
        van_jaar=earlier.jaar,
        naar_jaar=later.jaar,
        verschil=later.scores - vorige,
        verschil_percentiel=later.percentiel_landelijk - vorige_pct,
    )


@dataclass(frozen=True)
class Signalering:
    """A yes/no classification per area of the latest year, with a Dutch reason for every area."""

    codes: tuple[str, ...]
    jaar: int
    ja: npt.NDArray[np.bool_]
    redenen: tuple[str, ...]


def _reeks(
    results: Sequence[ScoreResult],
    crosswalks: Sequence[Crosswalk | None] | None,
    veld: str,
    soort: IndicatorSoort,
    onderdeel: str,
) -> FloatArray:
    """One score column of every result, aligned on the codes of the last one: shape (n, len(results))."""
    laatste = results[-1]
    s, o = soort_index(soort), onderdeel_index(onderdeel)
    kolommen: list[FloatArray] = [getattr(laatste, veld)[:, s, o]]
    codes = laatste.codes
    # Walk backwards. crosswalks[t] maps codes of results[t] to codes of results[t + 1];
    # naar_laatste maps codes of results[t + 1] to codes of the last result (None = identity).
    naar_laatste: dict[str, str] | None = None
    for t in range(len(results) - 2, -1, -1):
        stap = crosswalks[t] if crosswalks is not None else None
        eerder = results[t]
        if stap is not None or naar_laatste is not None:
            volgende = {c: stap.get(c, c) if stap is not None else c for c in eerder.codes}
            naar_laatste = {c: (naar_laatste or {}).get(v, v) for c, v in volgende.items()}
        kolommen.insert(0, align(eerder, getattr(eerder, veld)[:, s, o], codes, naar_laatste))
    return np.column_stack(kolommen)


def _controleer(results: Sequence[ScoreResult], aantal: int) -> None:
    if len(results) < aantal:
        raise ValueError(f"hiervoor zijn minstens {aantal} metingen nodig, er zijn er {len(results)}")
    if len({r.niveau for r in results}) != 1:
        raise ValueError("alle metingen moeten hetzelfde niveau hebben")
    jaren = [r.jaar for r in results]
    if jaren != sorted(jaren) or len(set(jaren)) != len(jaren):
        raise ValueError("metingen moeten op volgorde van jaar staan, elk jaar één keer")


def _omschrijving(soort: IndicatorSoort, onderdeel: str) -> str:
    if onderdeel == TOTAAL:
        return f"{soort.bijvoeglijk} totaalscore"
    return f"{soort.bijvoeglijk} score {onderdeel.replace('_', ' ')}"


def structureel_onder_druk(
    results: Sequence[ScoreResult],
    crosswalks: Sequence[Crosswalk | None] | None = None,
    *,
    grens: float = ONDER_DRUK_PERCENTIEL,
    soort: IndicatorSoort = IndicatorSoort.OBJECTIEF,
    onderdeel: str = TOTAAL,
) -> Signalering:
    """Areas whose score is in the national bottom ``grens`` percent in each of the last two measurements.

    ``results``: measurements of one level in chronological order. ``crosswalks`` (optional): one per
    step, ``crosswalks[t]`` maps codes of ``results[t]`` to codes of ``results[t + 1]`` (None = same codes).
    The answer is for the areas of the last measurement.
    """
    _controleer(results, 2)
    reeks = _reeks(
        results[-2:], crosswalks[-1:] if crosswalks else None, "percentiel_landelijk", soort, onderdeel
    )
    vorig, nu = reeks[:, 0], reeks[:, 1]
    ja = (vorig <= grens) & (nu <= grens)
    j0, j1 = results[-2].jaar, results[-1].jaar
    wat = _omschrijving(soort, onderdeel)
    meervoud = NIVEAU_MEERVOUD[results[-1].niveau]
    redenen: list[str] = []
    for a, b, raak in zip(vorig.tolist(), nu.tolist(), ja.tolist(), strict=True):
        if np.isnan(a) or np.isnan(b):
            redenen.append(f"onbekend: geen {wat} in {j0 if np.isnan(a) else j1}")
        elif raak:
            redenen.append(
                f"{wat} in de landelijk laagste {getal(grens, 0)}% van de {meervoud} in {j0} "
                f"(percentiel {getal(a)}) en in {j1} (percentiel {getal(b)})"
            )
        else:
            redenen.append(
                f"niet structureel onder druk: percentiel {getal(a)} in {j0} en {getal(b)} in {j1} "
                f"(grens {getal(grens, 0)})"
            )
    return Signalering(results[-1].codes, results[-1].jaar, ja, tuple(redenen))


class Trend(StrEnum):
    GEKEERD_NAAR_POSITIEF = "gekeerd naar positief"
    GEKEERD_NAAR_NEGATIEF = "gekeerd naar negatief"
    GEEN_KEER = "geen keer"
    ONBEKEND = "onbekend"


@dataclass(frozen=True)
class Trendkeer:
    """Trend-turn status per area of the latest year (R6), with a Dutch reason."""

    codes: tuple[str, ...]
    jaren: tuple[int, int, int]
    status: tuple[Trend, ...]
    redenen: tuple[str, ...]

    @property
    def gekeerd(self) -> npt.NDArray[np.bool_]:
        """True where the trend turned from negative to positive."""
        return np.array([s is Trend.GEKEERD_NAAR_POSITIEF for s in self.status], dtype=bool)


def trendkeer(
    results: Sequence[ScoreResult],
    crosswalks: Sequence[Crosswalk | None] | None = None,
    *,
    drempel: float = TRENDKEER_DREMPEL,
    soort: IndicatorSoort = IndicatorSoort.OBJECTIEF,
    onderdeel: str = TOTAAL,
) -> Trendkeer:
    """Whether the trend turned, on the last three measurements (see the module docstring).

    ``results`` and ``crosswalks`` as for :func:`structureel_onder_druk`.
    """
    _controleer(results, 3)
    reeks = _reeks(results[-3:], crosswalks[-2:] if crosswalks else None, "scores", soort, onderdeel)
    eerste = reeks[:, 1] - reeks[:, 0]
    tweede = reeks[:, 2] - reeks[:, 1]
    j0, j1, j2 = (r.jaar for r in results[-3:])
    wat = _omschrijving(soort, onderdeel)
    status: list[Trend] = []
    redenen: list[str] = []
    for a, b in zip(eerste.tolist(), tweede.tolist(), strict=True):
        if np.isnan(a) or np.isnan(b):
            status.append(Trend.ONBEKEND)
            redenen.append(f"onbekend: {wat} ontbreekt in een van de jaren {j0}, {j1}, {j2}")
            continue
        beschrijving = f"{wat} {_beweging(a)} van {j0} naar {j1} en {_beweging(b)} van {j1} naar {j2}"
        if a <= -drempel and b >= drempel:
            status.append(Trend.GEKEERD_NAAR_POSITIEF)
        elif a >= drempel and b <= -drempel:
            status.append(Trend.GEKEERD_NAAR_NEGATIEF)
        else:
            status.append(Trend.GEEN_KEER)
        redenen.append(f"{status[-1].value}: {beschrijving} (drempel {getal(drempel, 2)})")
    return Trendkeer(results[-1].codes, (j0, j1, j2), tuple(status), tuple(redenen))


def _beweging(verschil: float) -> str:
    if verschil > 0:
        return f"steeg met {getal(verschil, 2)}"
    if verschil < 0:
        return f"daalde met {getal(-verschil, 2)}"
    return "bleef gelijk"
