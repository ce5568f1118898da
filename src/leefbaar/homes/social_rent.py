"""Social-rent share of the housing stock and the trajectory to 30% (R10).

Per municipality and reference date: the social rental share (association dwellings plus other social
rent, over all dwellings), the gap to 30% in dwellings, the net social additions per year needed to
reach 30% by a target year, a year-by-year projection from the known pipeline, and the province view
that lists municipalities below 30% without a credible trajectory (candidates for the provincial
intervention power).

Time convention: stock figures describe the stock at the *start* of ``startjaar`` (CBS counts on
1 January); the pipeline gives changes *during* each calendar year from ``startjaar`` on; "30% reached
in year y" means the stock at the end of year y is at or above 30%. Reaching 30% "by the target year"
therefore allows ``doeljaar - startjaar + 1`` years of change.

Comparisons with 30% are done in integer arithmetic (``100 * social >= 30 * total``) so that a stock
of exactly 30% is never misjudged by float rounding. Formulas: docs/home-for-everyone.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from leefbaar.homes.labels import percentage_nl

#: The national aim: 30% social rental dwellings (a whole percentage keeps comparisons exact).
DOELPERCENTAGE = 30

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


class TrajectStatus(StrEnum):
    """Where a municipality's projection stands against 30%."""

    AL_BEREIKT = "al bereikt"
    BEREIKT = "bereikt"
    NIET_BINNEN_PLANPERIODE = "niet binnen de planperiode"


# ---------------------------------------------------------------- the stock at a reference date


@dataclass(frozen=True)
class Woningvoorraad:
    """The dwelling stock of one municipality at a reference date (peildatum)."""

    gemeentecode: str
    peildatum: date
    corporatiewoningen: int
    overige_sociale_huur: int
    woningen: int

    def __post_init__(self) -> None:
        _check_stock(self.corporatiewoningen, self.overige_sociale_huur, self.woningen, self.gemeentecode)

    @property
    def sociale_huur(self) -> int:
        """Association dwellings plus other social rent."""
        return self.corporatiewoningen + self.overige_sociale_huur


def _check_stock(corporatie: int, overig: int, woningen: int, code: str) -> None:
    if min(corporatie, overig, woningen) < 0:
        raise ValueError(f"{code}: woningaantallen mogen niet negatief zijn")
    if woningen == 0:
        raise ValueError(f"{code}: de woningvoorraad is leeg; een aandeel is dan niet te bepalen")
    if corporatie + overig > woningen:
        raise ValueError(
            f"{code}: meer sociale huurwoningen ({corporatie + overig}) dan woningen ({woningen})"
        )


def social_share(social: int, total: int) -> float:
    """Social rental share of the stock, 0..1."""
    if total <= 0:
        raise ValueError("de woningvoorraad moet groter dan nul zijn")
    return social / total


def meets_target(social: int, total: int, percent: int = DOELPERCENTAGE) -> bool:
    """True when ``social / total >= percent / 100``, decided in exact integer arithmetic."""
    return 100 * social >= percent * total


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def gap_dwellings(social: int, total: int, percent: int = DOELPERCENTAGE) -> int:
    """Social dwellings short of ``percent`` in today's stock: ``ceil(p/100 * T - S)``, never negative.

    This is the number of existing dwellings that would have to become social rent (acquisition,
    transfer, conversion) with the total stock unchanged.
    """
    return max(0, _ceil_div(percent * total - 100 * social, 100))


def gap_by_new_build(social: int, total: int, percent: int = DOELPERCENTAGE) -> int:
    """Social new-build needed when nothing else changes: ``ceil((p/100 * T - S) / (1 - p/100))``.

    Every social dwelling added also grows the total, so more are needed than :func:`gap_dwellings`.
    """
    return max(0, _ceil_div(percent * total - 100 * social, 100 - percent))


# ---------------------------------------------------------------- required yearly additions


@dataclass(frozen=True)
class BenodigdeToevoeging:
    """Net social additions per year needed to reach the target by the target year."""

    jaren: int
    per_jaar: float
    per_jaar_afgerond: int
    #: True when the social additions alone exceed the expected growth of the whole stock, so other
    #: dwellings would have to leave the stock (or become social) for the plan to add up.
    meer_dan_groei: bool


def required_yearly_additions(
    social: int, total: int, growth_per_year: float, years: int, percent: int = DOELPERCENTAGE
) -> BenodigdeToevoeging:
    """Solve ``S + n*x = p/100 * (T + n*g)`` for ``x``: ``x = (p/100 * (T + n*g) - S) / n``, at least 0.

    ``social`` S and ``total`` T are today's stock, ``growth_per_year`` g the expected net change of
    the *whole* stock per year (social additions included; negative for a shrinking stock), ``years``
    n the number of years of change until the target year (see the module's time convention).
    The per-year figure rounds up to whole dwellings; the arithmetic is exact (decimal fractions).
    """
    if years < 1:
        raise ValueError(f"het aantal jaren tot het doeljaar moet minstens 1 zijn (kreeg {years})")
    g = Fraction(str(growth_per_year))
    final_total = total + years * g
    if final_total <= 0:
        raise ValueError("met deze krimp is de woningvoorraad in het doeljaar leeg")
    x = (Fraction(percent, 100) * final_total - social) / years
    x = max(x, Fraction(0))
    return BenodigdeToevoeging(
        jaren=years, per_jaar=float(x), per_jaar_afgerond=math.ceil(x), meer_dan_groei=x > max(g, Fraction(0))
    )


# ---------------------------------------------------------------- the pipeline and its projection


def _as_matrix(values: ArrayLike, name: str) -> IntArray:
    m = np.asarray(values)
    if m.ndim == 1:
        m = m[np.newaxis, :]
    if m.ndim != 2:
        raise ValueError(f"{name}: verwacht een tabel gemeenten x jaren")
    if m.size and not np.all(np.equal(np.mod(m, 1), 0)):
        raise ValueError(f"{name}: alleen hele woningen")
    if np.any(m < 0):
        raise ValueError(f"{name}: aantallen mogen niet negatief zijn (sloop en verkoop staan apart)")
    return m.astype(np.int64)


@dataclass(frozen=True)
class Pijplijn:
    """The known plans per municipality (rows) and calendar year (columns), first column ``startjaar``.

    All counts are non-negative dwellings per year: social additions (new-build, conversions,
    acquisitions into social rent), demolitions of social dwellings, sales of social dwellings (they
    stay in the stock but leave social rent), other new-build, and other demolitions.
    """

    startjaar: int
    sociale_toevoegingen: IntArray
    sloop_sociaal: IntArray
    verkoop_sociaal: IntArray
    overige_nieuwbouw: IntArray
    sloop_overig: IntArray

    def __post_init__(self) -> None:
        shapes = {
            m.shape
            for m in (
                self.sociale_toevoegingen,
                self.sloop_sociaal,
                self.verkoop_sociaal,
                self.overige_nieuwbouw,
                self.sloop_overig,
            )
        }
        if len(shapes) != 1:
            raise ValueError(f"de pijplijntabellen hebben verschillende afmetingen: {sorted(shapes)}")
        if self.jaren == 0:
            raise ValueError("de pijplijn bevat geen jaren")

    @classmethod
    def build(
        cls,
        startjaar: int,
        sociale_toevoegingen: ArrayLike,
        sloop_sociaal: ArrayLike | None = None,
        verkoop_sociaal: ArrayLike | None = None,
        overige_nieuwbouw: ArrayLike | None = None,
        sloop_overig: ArrayLike | None = None,
    ) -> Pijplijn:
        """From 1-D (one municipality) or 2-D (municipalities x years) counts; missing parts are zero."""
        add = _as_matrix(sociale_toevoegingen, "sociale_toevoegingen")

        def part(values: ArrayLike | None, name: str) -> IntArray:
            return np.zeros_like(add) if values is None else _as_matrix(values, name)

        return cls(
            startjaar,
            add,
            part(sloop_sociaal, "sloop_sociaal"),
            part(verkoop_sociaal, "verkoop_sociaal"),
            part(overige_nieuwbouw, "overige_nieuwbouw"),
            part(sloop_overig, "sloop_overig"),
        )

    @property
    def gemeenten(self) -> int:
        return int(self.sociale_toevoegingen.shape[0])

    @property
    def jaren(self) -> int:
        return int(self.sociale_toevoegingen.shape[1])

    @property
    def eindjaar(self) -> int:
        return self.startjaar + self.jaren - 1

    def social_change(self) -> IntArray:
        """Net change of the social stock per municipality and year."""
        return self.sociale_toevoegingen - self.sloop_sociaal - self.verkoop_sociaal

    def total_change(self) -> IntArray:
        """Net change of the whole stock per municipality and year (sales leave it unchanged)."""
        return self.sociale_toevoegingen + self.overige_nieuwbouw - self.sloop_sociaal - self.sloop_overig


@dataclass(frozen=True)
class Projectie:
    """End-of-year social and total stock per municipality (rows) and year (columns)."""

    jaren: IntArray
    sociale_huur: IntArray
    woningen: IntArray
    percent: int

    def shares(self) -> FloatArray:
        return self.sociale_huur / self.woningen

    def at_target(self) -> NDArray[np.bool_]:
        """Exact: end-of-year stock at or above the target percentage."""
        return 100 * self.sociale_huur >= self.percent * self.woningen

    def first_year_reached(self) -> IntArray:
        """The first year whose end-of-year stock is at or above target, or 0 when none is."""
        ok = self.at_target()
        first = np.argmax(ok, axis=1)
        return np.where(ok.any(axis=1), self.jaren[first], 0).astype(np.int64)

    def column(self, year: int) -> int:
        """Index of ``year``; a year after the plan period maps to the last column (no known changes)."""
        if year < int(self.jaren[0]):
            raise ValueError(f"het jaar {year} ligt vóór het startjaar {int(self.jaren[0])}")
        return min(year - int(self.jaren[0]), self.jaren.size - 1)


def project(
    social: ArrayLike, total: ArrayLike, pipeline: Pijplijn, percent: int = DOELPERCENTAGE
) -> Projectie:
    """Cumulate the pipeline onto the starting stock, for all municipalities at once."""
    s0 = np.asarray(social, dtype=np.int64).reshape(-1)
    t0 = np.asarray(total, dtype=np.int64).reshape(-1)
    if s0.shape != t0.shape or s0.size != pipeline.gemeenten:
        raise ValueError("voorraad en pijplijn horen bij een verschillend aantal gemeenten")
    if np.any(t0 <= 0) or np.any(s0 < 0) or np.any(s0 > t0):
        raise ValueError("ongeldige startvoorraad: woningen > 0 en 0 <= sociale huur <= woningen")
    s = s0[:, np.newaxis] + np.cumsum(pipeline.social_change(), axis=1)
    t = t0[:, np.newaxis] + np.cumsum(pipeline.total_change(), axis=1)
    bad = (s < 0) | (t <= 0) | (s > t)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"de pijplijn van gemeente {row + 1} geeft in {pipeline.startjaar + col} een onmogelijke "
            "voorraad "
            "(meer sloop of verkoop dan er sociale huurwoningen zijn)"
        )
    years = np.arange(pipeline.startjaar, pipeline.eindjaar + 1, dtype=np.int64)
    return Projectie(jaren=years, sociale_huur=s, woningen=t, percent=percent)


# ---------------------------------------------------------------- one municipality, year by year


@dataclass(frozen=True)
class JaarStand:
    """The projected stock at the end of one year."""

    jaar: int
    sociale_huur: int
    woningen: int
    aandeel: float
    op_doel: bool

    def as_row(self) -> dict[str, int | float | bool]:
        return {
            "jaar": self.jaar,
            "sociale_huur": self.sociale_huur,
            "woningen": self.woningen,
            "aandeel": self.aandeel,
            "op_doel": self.op_doel,
        }


@dataclass(frozen=True)
class Traject:
    """A municipality's projection: every year of the plan period and when the target is reached."""

    gemeentecode: str
    startjaar: int
    eindjaar: int
    jaren: tuple[JaarStand, ...]
    status: TrajectStatus
    jaar_bereikt: int | None

    @property
    def uitkomst(self) -> str:
        """One Dutch line: '30% bereikt in 2029', 'al op of boven 30%' or 'niet binnen de planperiode'."""
        if self.status is TrajectStatus.AL_BEREIKT:
            return f"al op of boven {DOELPERCENTAGE}%"
        if self.status is TrajectStatus.BEREIKT:
            return f"{DOELPERCENTAGE}% bereikt in {self.jaar_bereikt}"
        return "niet binnen de planperiode"


def _status(start_ok: bool, first: int) -> tuple[TrajectStatus, int | None]:
    if start_ok:
        return TrajectStatus.AL_BEREIKT, None
    if first:
        return TrajectStatus.BEREIKT, first
    return TrajectStatus.NIET_BINNEN_PLANPERIODE, None


def project_trajectory(
    voorraad: Woningvoorraad, pipeline: Pijplijn, percent: int = DOELPERCENTAGE
) -> Traject:
    """Project one municipality's stock year by year from its pipeline (a one-row :class:`Pijplijn`)."""
    if pipeline.gemeenten != 1:
        raise ValueError("project_trajectory verwacht de pijplijn van één gemeente")
    p = project([voorraad.sociale_huur], [voorraad.woningen], pipeline, percent)
    ok = p.at_target()[0]
    shares = p.shares()[0]
    rows = tuple(
        JaarStand(int(y), int(s), int(t), float(a), bool(o))
        for y, s, t, a, o in zip(p.jaren, p.sociale_huur[0], p.woningen[0], shares, ok, strict=True)
    )
    status, year = _status(
        meets_target(voorraad.sociale_huur, voorraad.woningen, percent), int(p.first_year_reached()[0])
    )
    return Traject(voorraad.gemeentecode, pipeline.startjaar, pipeline.eindjaar, rows, status, year)


# ---------------------------------------------------------------- the province view


@dataclass(frozen=True)
class ProvincieRij:
    """One municipality in the province view of R10."""

    gemeentecode: str
    sociale_huur: int
    woningen: int
    aandeel: float
    tekort: int
    benodigd_per_jaar: float
    gepland_per_jaar: float
    status: TrajectStatus
    jaar_bereikt: int | None
    aandeel_doeljaar: float
    geloofwaardig: bool
    interventiekandidaat: bool
    toelichting: str

    def as_row(self) -> dict[str, str | int | float | bool | None]:
        return {
            "gemeentecode": self.gemeentecode,
            "sociale_huur": self.sociale_huur,
            "woningen": self.woningen,
            "aandeel": self.aandeel,
            "tekort": self.tekort,
            "benodigd_per_jaar": self.benodigd_per_jaar,
            "gepland_per_jaar": self.gepland_per_jaar,
            "status": self.status.value,
            "jaar_bereikt": self.jaar_bereikt,
            "aandeel_doeljaar": self.aandeel_doeljaar,
            "geloofwaardig": self.geloofwaardig,
            "interventiekandidaat": self.interventiekandidaat,
            "toelichting": self.toelichting,
        }


def _explain(share: float, start_ok: bool, credible: bool, first: int, doeljaar: int, end: int) -> str:
    now = f"nu {percentage_nl(share)}"
    if start_ok and not credible:
        return f"{now}: op of boven {DOELPERCENTAGE}%, maar volgens de plannen in {doeljaar} eronder"
    if start_ok:
        return f"{now}: op of boven {DOELPERCENTAGE}%"
    if credible:
        return f"{now}: volgens de plannen {DOELPERCENTAGE}% in {first}, uiterlijk in het doeljaar {doeljaar}"
    if first and first <= doeljaar:
        return f"{now}: volgens de plannen {DOELPERCENTAGE}% in {first}, maar in {doeljaar} weer eronder"
    if first:
        return f"{now}: volgens de plannen pas {DOELPERCENTAGE}% in {first}, na het doeljaar {doeljaar}"
    return f"{now}: niet binnen de planperiode (t/m {end}) op {DOELPERCENTAGE}%"


def province_overview(
    gemeentecodes: Sequence[str],
    sociale_huur: ArrayLike,
    woningen: ArrayLike,
    pipeline: Pijplijn,
    doeljaar: int,
    percent: int = DOELPERCENTAGE,
) -> list[ProvincieRij]:
    """The R10 view over many municipalities at once (row order as given).

    Credible trajectory: the projection is at or above the target at the end of ``doeljaar`` (years
    after the pipeline count as no change). A municipality below target today without a credible
    trajectory is an ``interventiekandidaat``. ``benodigd_per_jaar`` applies
    :func:`required_yearly_additions` with the pipeline's own growth of the whole stock up to the
    target year; ``gepland_per_jaar`` is the pipeline's net social change per year over those years.
    """
    if doeljaar < pipeline.startjaar:
        raise ValueError(f"het doeljaar {doeljaar} ligt vóór het startjaar {pipeline.startjaar}")
    if len(gemeentecodes) != pipeline.gemeenten:
        raise ValueError("het aantal gemeentecodes past niet bij de pijplijn")
    s0 = np.asarray(sociale_huur, dtype=np.int64).reshape(-1)
    t0 = np.asarray(woningen, dtype=np.int64).reshape(-1)
    proj = project(s0, t0, pipeline, percent)
    n = doeljaar - pipeline.startjaar + 1
    col = proj.column(doeljaar)
    t_target = proj.woningen[:, col]
    s_target = proj.sociale_huur[:, col]
    # x = (p/100 * (T + n*g) - S) / n with T + n*g the projected total in the target year.
    needed = np.maximum(0.0, (percent * t_target - 100 * s0) / (100.0 * n))
    planned = (s_target - s0) / float(n)
    start_ok = 100 * s0 >= percent * t0
    credible = 100 * s_target >= percent * t_target
    first = proj.first_year_reached()
    gap = np.maximum(0, -((100 * s0 - percent * t0) // 100))
    rows = []
    for i, code in enumerate(gemeentecodes):
        status, year = _status(bool(start_ok[i]), int(first[i]))
        share = float(s0[i] / t0[i])
        rows.append(
            ProvincieRij(
                gemeentecode=code,
                sociale_huur=int(s0[i]),
                woningen=int(t0[i]),
                aandeel=share,
                tekort=int(gap[i]),
                benodigd_per_jaar=float(needed[i]),
                gepland_per_jaar=float(planned[i]),
                status=status,
                jaar_bereikt=year,
                aandeel_doeljaar=float(s_target[i] / t_target[i]),
                geloofwaardig=bool(credible[i]),
                interventiekandidaat=bool(not start_ok[i] and not credible[i]),
                toelichting=_explain(
                    share, bool(start_ok[i]), bool(credible[i]), int(first[i]), doeljaar, pipeline.eindjaar
                ),
            )
        )
    return rows


def intervention_candidates(rows: Sequence[ProvincieRij]) -> list[ProvincieRij]:
    """Municipalities below target without a credible trajectory, lowest share first."""
    return sorted((r for r in rows if r.interventiekandidaat), key=lambda r: (r.aandeel, r.gemeentecode))
