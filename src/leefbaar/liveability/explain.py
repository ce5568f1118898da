"""Explanation of one area's scores: what each indicator contributes, in Dutch sentences.

A dimension score is the weighted mean of the area's normalised indicator values, so it is exactly
the sum of (effective weight x normalised value) over its indicators, where the effective weight is
the indicator weight divided by the sum of the weights of the indicators the area has a value for.
The contribution to the overall score of its kind multiplies that by the dimension's effective
weight. Contributions are listed largest (in absolute value) first; they add up to the scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leefbaar.liveability.registry import DIMENSIES, SOORTEN, Dimensie, IndicatorSoort, Registry
from leefbaar.liveability.scores import ScoreResult


@dataclass(frozen=True)
class Bijdrage:
    """The contribution of one indicator to one area's dimension and overall score."""

    sleutel: str
    naam: str
    soort: IndicatorSoort
    dimensie: Dimensie
    waarde: float
    mediaan: float
    genormaliseerd: float
    bijdrage_dimensie: float
    bijdrage_totaal: float
    zin: str


@dataclass(frozen=True)
class Toelichting:
    """Everything that explains one area's scores; ``reden`` is set when the area is suppressed."""

    code: str
    jaar: int
    reden: str | None
    bijdragen: tuple[Bijdrage, ...]
    ontbrekend: tuple[str, ...]

    def voor(self, soort: IndicatorSoort) -> tuple[Bijdrage, ...]:
        return tuple(b for b in self.bijdragen if b.soort is soort)


def getal(waarde: float, decimalen: int = 1) -> str:
    """A number the Dutch way: 1.234,5."""
    if np.isnan(waarde):
        return "onbekend"
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def explain(result: ScoreResult, registry: Registry, code: str) -> Toelichting:
    """The contributions of every used indicator to the scores of ``code``, largest first."""
    i = result.index(code)
    reden = result.redenen[i]
    if reden is not None:
        return Toelichting(code, result.jaar, reden, (), ())
    z = result.genormaliseerd[i]
    aanwezig = ~np.isnan(z) & (result.indicator_gewicht > 0)
    bijdragen: list[Bijdrage] = []
    for s in range(len(SOORTEN)):
        dim_aandeel = _dimensie_aandeel(result, i, s)
        for d in range(len(DIMENSIES)):
            kolommen = np.flatnonzero(
                aanwezig & (result.indicator_soort == s) & (result.indicator_dimensie == d)
            )
            if kolommen.size == 0:
                continue
            gewicht = result.indicator_gewicht[kolommen] / result.indicator_gewicht[kolommen].sum()
            for j, w in zip(kolommen.tolist(), gewicht.tolist(), strict=True):
                bijdragen.append(_bijdrage(result, registry, i, j, w * z[j], dim_aandeel[d] * w * z[j]))
    bijdragen.sort(key=lambda b: (-abs(b.bijdrage_totaal), b.sleutel))
    ontbrekend = tuple(
        k for j, k in enumerate(result.indicatoren) if result.indicator_gewicht[j] > 0 and np.isnan(z[j])
    )
    return Toelichting(code, result.jaar, None, tuple(bijdragen), ontbrekend)


def _dimensie_aandeel(result: ScoreResult, i: int, s: int) -> np.ndarray:
    """Effective weight of each dimension in the overall score of kind s for area i."""
    heeft = ~np.isnan(result.scores[i, s, : len(DIMENSIES)])
    w = np.where(heeft, result.dimensie_gewicht, 0.0)
    totaal = w.sum()
    return w / totaal if totaal > 0 else w


def _bijdrage(result: ScoreResult, registry: Registry, i: int, j: int, dim: float, totaal: float) -> Bijdrage:
    indicator = registry[result.indicatoren[j]]
    waarde = float(result.waarden[i, j])
    mediaan = float(result.normalisatie.mediaan[j])
    if round(dim, 2) == 0:
        effect = f"heeft vrijwel geen invloed op de dimensie {indicator.dimensie.label}"
    else:
        richting = "omhoog" if dim > 0 else "omlaag"
        effect = f"trekt de dimensie {indicator.dimensie.label} {richting} met {getal(abs(dim), 2)}"
    zin = f"{indicator.naam}: {getal(waarde)} (landelijke mediaan {getal(mediaan)}) {effect}"
    return Bijdrage(
        sleutel=indicator.sleutel,
        naam=indicator.naam,
        soort=indicator.soort,
        dimensie=indicator.dimensie,
        waarde=waarde,
        mediaan=mediaan,
        genormaliseerd=float(result.genormaliseerd[i, j]),
        bijdrage_dimensie=float(dim),
        bijdrage_totaal=float(totaal),
        zin=zin,
    )
