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
import numpy.typing as npt

from leefbaar.liveability.registry import DIMENSIES, SOORTEN, Dimensie, Indicator, IndicatorSoort, Registry
from leefbaar.liveability.scores import ScoreResult

FloatArray = npt.NDArray[np.float64]


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


#: The unit of a yes/no indicator in the registry: the value is written "ja" or "nee".
JA_NEE = "1 = ja, 0 = nee"
#: Units that are a scale of their own ("6,5 (rapportcijfer 1-10)").
_SCHALEN = ("rapportcijfer", "schaalscore")


def met_eenheid(waarde: float, eenheid: str, naam: str = "") -> str:
    """A value in its registry unit: "12,3% van de woningen", "2,1 km (over de weg)", "ja", "6,5
    (rapportcijfer 1-10)". When ``naam`` already names the unit ("... per 1.000 inwoners"), the number
    stands alone."""
    if np.isnan(waarde):
        return "onbekend"
    if eenheid == JA_NEE and waarde in (0.0, 1.0):
        return "ja" if waarde == 1.0 else "nee"
    if eenheid == JA_NEE:  # a median between the two
        return f"{getal(waarde)} ({eenheid})"
    if eenheid.lower() in naam.lower():
        return getal(waarde)
    if eenheid.startswith("procent"):
        return f"{getal(waarde)}%{eenheid[len('procent') :]}"
    if eenheid.startswith(_SCHALEN):
        return f"{getal(waarde)} ({eenheid})"
    return f"{getal(waarde)} {eenheid}"


def standaarddeviaties(waarde: float) -> str:
    """A score or contribution in its unit, robust standard deviations: "2,03 standaarddeviatie"."""
    return f"{getal(waarde, 2)} standaarddeviatie"


def zin(indicator: Indicator, waarde: float, mediaan: float, bijdrage_dimensie: float) -> str:
    """The Dutch sentence that explains one contribution (also used for stored contributions).

    Every figure has its unit: the value and the national median in the indicator's unit, the
    contribution to the dimension score in (robust) standard deviations, the unit of the scores.
    """
    if round(bijdrage_dimensie, 2) == 0:
        effect = f"heeft vrijwel geen invloed op de dimensie {indicator.dimensie.label}"
    else:
        richting = "omhoog" if bijdrage_dimensie > 0 else "omlaag"
        effect = (
            f"trekt de dimensie {indicator.dimensie.label} {richting} met "
            f"{standaarddeviaties(abs(bijdrage_dimensie))}"
        )
    eenheid, naam = indicator.eenheid, indicator.naam
    return (
        f"{naam}: {met_eenheid(waarde, eenheid, naam)} "
        f"(landelijke mediaan {met_eenheid(mediaan, eenheid, naam)}); {effect}"
    )


def contribution_arrays(result: ScoreResult) -> tuple[FloatArray, FloatArray]:
    """Contributions of every indicator for every area at once: (to its dimension, to its overall score).

    Both arrays have the shape of ``result.genormaliseerd`` (areas x indicators), NaN where the
    indicator does not count (missing, weight 0, area suppressed). Row i equals what :func:`explain`
    reports for area i; vectorised so that a whole level can be stored in one go.
    """
    n, k = result.genormaliseerd.shape
    z = result.genormaliseerd
    telt = ~np.isnan(z) & (result.indicator_gewicht > 0)[None, :]
    groep = result.indicator_soort * len(DIMENSIES) + result.indicator_dimensie
    een = np.zeros((k, len(SOORTEN) * len(DIMENSIES)))
    een[np.arange(k), groep] = 1.0
    gewicht = np.where(telt, result.indicator_gewicht[None, :], 0.0)
    noemer = (gewicht @ een)[:, groep]
    dim = np.full((n, k), np.nan)
    np.divide(gewicht * np.where(telt, z, 0.0), noemer, out=dim, where=telt & (noemer > 0))
    heeft = ~np.isnan(result.scores[:, :, : len(DIMENSIES)])
    dim_w = np.where(heeft, result.dimensie_gewicht[None, None, :], 0.0)
    som = dim_w.sum(axis=2, keepdims=True)
    aandeel = np.divide(dim_w, som, out=np.zeros_like(dim_w), where=som > 0)
    totaal = dim * aandeel[:, result.indicator_soort, result.indicator_dimensie]
    return dim, totaal


def _bijdrage(result: ScoreResult, registry: Registry, i: int, j: int, dim: float, totaal: float) -> Bijdrage:
    indicator = registry[result.indicatoren[j]]
    waarde = float(result.waarden[i, j])
    mediaan = float(result.normalisatie.mediaan[j])
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
        zin=zin(indicator, waarde, mediaan, dim),
    )
