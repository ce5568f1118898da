"""Fair share of priority groups per municipality in a region (R9), and the status-holder taakstelling.

A region (a province or a user-defined set of municipalities) has an allocation key (verdeelsleutel):
inhabitants, dwellings, social rental dwellings, or a weighted mix. Per priority group and period the
regional total need is split by the key into integer targets per municipality; against the realised
placements that gives the deviation, and a redistribution proposal moves placements from
municipalities above their target to those below, never past the target, keeping the regional total.

Status holders have their own national rule: the government sets a number per half-year and every
municipality's taakstelling is that number pro rata by inhabitants.

All splits into whole households use largest-remainder rounding (``leefbaar.homes.rounding``) so that
the parts sum exactly to the whole. Rules and examples: docs/home-for-everyone.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.regions import Niveau, is_valid_code
from leefbaar.homes.labels import number_nl
from leefbaar.homes.rounding import largest_remainder, largest_remainder_exact

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

#: How far the weights of a key may sum from 1 (they come from hand-written configuration).
GEWICHT_TOLERANTIE = 1e-9

#: A half-year as the government sets the taakstelling: ``2025-1`` (January-June), ``2025-2``.
HALFJAAR_PATTERN = r"[0-9]{4}-[12]"


#: The household counts in ``FairShareRij.as_row()`` and the columns computed from each: when the
#: privacy layer hides a count it must hide these with it, or they give it back.
TELKOLOMMEN: dict[str, tuple[str, ...]] = {
    "gerealiseerd": ("afwijking", "afwijking_relatief", "voorstel", "verschuiving"),
}


class Grondslag(StrEnum):
    """What an allocation key divides by."""

    INWONERS = "inwoners"
    WONINGEN = "woningen"
    SOCIALE_HUURWONINGEN = "sociale_huurwoningen"


# ---------------------------------------------------------------- the allocation key


@dataclass(frozen=True)
class Verdeelsleutel:
    """Weights per basis, each in [0, 1], summing to 1. A single basis has weight 1."""

    gewichten: tuple[tuple[Grondslag, float], ...]

    def __post_init__(self) -> None:
        if not self.gewichten:
            raise ValueError("een verdeelsleutel heeft minstens één grondslag nodig")
        bases = [g for g, _ in self.gewichten]
        if len(set(bases)) != len(bases):
            raise ValueError("een grondslag komt meer dan eens voor in de verdeelsleutel")
        for basis, weight in self.gewichten:
            if not math.isfinite(weight) or weight < 0 or weight > 1:
                raise ValueError(
                    f"het gewicht van '{basis.value}' moet tussen 0 en 1 liggen (kreeg {weight})"
                )
        total = math.fsum(w for _, w in self.gewichten)
        if abs(total - 1.0) > GEWICHT_TOLERANTIE:
            raise ValueError(
                f"de gewichten van de verdeelsleutel tellen op tot {number_nl(total, 3)} in plaats van 1"
            )

    @classmethod
    def enkel(cls, grondslag: Grondslag) -> Verdeelsleutel:
        """A key on one basis only."""
        return cls(((grondslag, 1.0),))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Verdeelsleutel:
        """From parsed configuration such as ``{"inwoners": 0.5, "sociale_huurwoningen": 0.5}``."""
        known = ", ".join(g.value for g in Grondslag)
        pairs: list[tuple[Grondslag, float]] = []
        for name, weight in data.items():
            try:
                basis = Grondslag(name)
            except ValueError:
                raise ValueError(
                    f"onbekende grondslag '{name}' in de verdeelsleutel (kies uit: {known})"
                ) from None
            if isinstance(weight, bool) or not isinstance(weight, int | float):
                raise ValueError(f"het gewicht van '{name}' is geen getal")
            pairs.append((basis, float(weight)))
        return cls(tuple(pairs))

    def gewicht(self, grondslag: Grondslag) -> float:
        return dict(self.gewichten).get(grondslag, 0.0)

    def omschrijving(self) -> str:
        """Dutch description: '50% inwoners, 50% sociale_huurwoningen'."""
        return ", ".join(f"{number_nl(w * 100, 0)}% {g.value}" for g, w in self.gewichten if w > 0)


@dataclass(frozen=True)
class Regio:
    """A region for fair-share purposes: a province (``PV26``) or a user-defined set of municipalities."""

    code: str
    naam: str
    gemeentecodes: tuple[str, ...]
    sleutel: Verdeelsleutel

    def __post_init__(self) -> None:
        if not self.gemeentecodes:
            raise ValueError(f"regio {self.code} bevat geen gemeenten")
        wrong = [c for c in self.gemeentecodes if not is_valid_code(Niveau.GEMEENTE, c)]
        if wrong:
            raise ValueError(f"regio {self.code}: geen gemeentecode: {', '.join(wrong)}")
        if len(set(self.gemeentecodes)) != len(self.gemeentecodes):
            raise ValueError(f"regio {self.code}: een gemeente staat er meer dan eens in")

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Regio:
        """From parsed configuration: ``{"code": "PV26", "naam": "Utrecht", "gemeenten": [...],
        "sleutel": {"inwoners": 1}}``."""
        code, naam, gemeenten, sleutel = (data.get(k) for k in ("code", "naam", "gemeenten", "sleutel"))
        if not isinstance(code, str) or not code:
            raise ValueError("een regio heeft een code nodig")
        if not isinstance(gemeenten, list | tuple) or not all(isinstance(g, str) for g in gemeenten):
            raise ValueError(f"regio {code}: 'gemeenten' moet een lijst gemeentecodes zijn")
        if not isinstance(sleutel, Mapping):
            raise ValueError(f"regio {code}: 'sleutel' moet grondslagen met gewichten geven")
        return cls(code, str(naam or code), tuple(gemeenten), Verdeelsleutel.from_mapping(sleutel))


def key_shares(sleutel: Verdeelsleutel, grondslagen: Mapping[Grondslag, ArrayLike]) -> FloatArray:
    """Each municipality's share of the region: ``sum_k w_k * x_k,i / sum_j x_k,j``; the shares sum to 1.

    ``grondslagen`` holds, per basis the key uses, one count per municipality in the region's order.
    """
    shares: FloatArray | None = None
    for basis, weight in sleutel.gewichten:
        if weight == 0:
            continue
        if basis not in grondslagen:
            raise ValueError(f"de verdeelsleutel gebruikt '{basis.value}', maar die aantallen ontbreken")
        x = np.asarray(grondslagen[basis], dtype=np.float64).reshape(-1)
        if np.any(x < 0) or not np.all(np.isfinite(x)):
            raise ValueError(f"'{basis.value}' bevat negatieve of ontbrekende aantallen")
        if x.sum() <= 0:
            raise ValueError(f"'{basis.value}' is nul voor de hele regio; daarmee valt niet te verdelen")
        part = weight * x / x.sum()
        if shares is not None and part.shape != shares.shape:
            raise ValueError("de grondslagen hebben niet allemaal één aantal per gemeente")
        shares = part if shares is None else shares + part
    assert shares is not None  # a validated key has a positive weight
    return shares


# ---------------------------------------------------------------- targets, deviation, proposal


def targets(total: int, shares: ArrayLike) -> IntArray:
    """Integer targets summing exactly to ``total``: largest-remainder rounding of ``total * share``."""
    s = np.asarray(shares, dtype=np.float64)
    return largest_remainder(total * s / s.sum(), total)


def redistribution_proposal(target: ArrayLike, realised: ArrayLike, fraction: float = 1.0) -> IntArray:
    """Move placements from municipalities above target to those below; the total stays the same.

    The amount moved is ``floor(fraction * min(total surplus, total deficit))``. Givers give in
    proportion to their surplus, receivers receive in proportion to their deficit, both rounded by
    largest remainder, so nobody gives more than its surplus or receives more than its deficit: no
    municipality ends further from its target, and with ``fraction=1`` either all surpluses or all
    deficits are gone (all of both when the realised total equals the target total).
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"het deel dat verschuift moet tussen 0 en 1 liggen (kreeg {fraction})")
    t = np.asarray(target, dtype=np.int64).reshape(-1)
    r = np.asarray(realised, dtype=np.int64).reshape(-1)
    if t.shape != r.shape:
        raise ValueError("doelen en realisaties horen bij een verschillend aantal gemeenten")
    if np.any(r < 0) or np.any(t < 0):
        raise ValueError("doelen en realisaties mogen niet negatief zijn")
    surplus = np.maximum(r - t, 0)
    deficit = np.maximum(t - r, 0)
    moved = math.floor(fraction * min(int(surplus.sum()), int(deficit.sum())) + 1e-9)
    if moved == 0:
        return r.copy()
    give = largest_remainder(moved * surplus / surplus.sum(), moved)
    take = largest_remainder(moved * deficit / deficit.sum(), moved)
    return r - give + take


@dataclass(frozen=True)
class FairShareRij:
    """One municipality, one priority group, one period."""

    gemeentecode: str
    groep: Aandachtsgroep
    periode: str
    sleutelaandeel: float
    doel_exact: float
    doel: int
    gerealiseerd: int
    afwijking: int
    afwijking_relatief: float | None
    voorstel: int
    verschuiving: int

    def as_row(self) -> dict[str, str | int | float | None]:
        return {
            "gemeentecode": self.gemeentecode,
            "groep": self.groep.value,
            "periode": self.periode,
            "sleutelaandeel": self.sleutelaandeel,
            "doel_exact": self.doel_exact,
            "doel": self.doel,
            "gerealiseerd": self.gerealiseerd,
            "afwijking": self.afwijking,
            "afwijking_relatief": self.afwijking_relatief,
            "voorstel": self.voorstel,
            "verschuiving": self.verschuiving,
        }


def fair_share(
    gemeentecodes: Sequence[str],
    shares: ArrayLike,
    groep: Aandachtsgroep,
    periode: str,
    gerealiseerd: ArrayLike,
    behoefte: int | None = None,
    fraction: float = 1.0,
) -> list[FairShareRij]:
    """Targets, deviation and proposal for one group and period (rows in the order of ``gemeentecodes``).

    ``behoefte`` is the regional total need for the period (the sum of the targets); without it the
    realised regional total is split. ``afwijking = gerealiseerd - doel`` (positive: more than its
    share); ``afwijking_relatief = afwijking / doel`` (None when the target is 0). The proposal always
    redistributes the realised placements, see :func:`redistribution_proposal`.
    """
    s = np.asarray(shares, dtype=np.float64).reshape(-1)
    r = np.asarray(gerealiseerd, dtype=np.int64).reshape(-1)
    if not len(gemeentecodes) == s.size == r.size:
        raise ValueError("gemeenten, sleutelaandelen en realisaties zijn niet even lang")
    total = int(r.sum()) if behoefte is None else behoefte
    if total < 0:
        raise ValueError("de behoefte mag niet negatief zijn")
    if np.any(s < 0) or not s.sum() > 0:
        raise ValueError("sleutelaandelen moeten niet-negatief zijn en samen groter dan nul")
    s = s / s.sum()
    exact = total * s
    target = targets(total, s)
    proposal = redistribution_proposal(target, r, fraction)
    return [
        FairShareRij(
            gemeentecode=code,
            groep=groep,
            periode=periode,
            sleutelaandeel=float(s[i]),
            doel_exact=float(exact[i]),
            doel=int(target[i]),
            gerealiseerd=int(r[i]),
            afwijking=int(r[i] - target[i]),
            afwijking_relatief=float((r[i] - target[i]) / target[i]) if target[i] else None,
            voorstel=int(proposal[i]),
            verschuiving=int(proposal[i] - r[i]),
        )
        for i, code in enumerate(gemeentecodes)
    ]


def fair_share_table(
    regio: Regio,
    grondslagen: Mapping[Grondslag, ArrayLike],
    periode: str,
    gerealiseerd: Mapping[Aandachtsgroep, ArrayLike],
    behoefte: Mapping[Aandachtsgroep, int] | None = None,
    fraction: float = 1.0,
) -> list[FairShareRij]:
    """:func:`fair_share` for every group given, with the region's key; rows by group, then municipality."""
    shares = key_shares(regio.sleutel, grondslagen)
    needs = behoefte or {}
    rows: list[FairShareRij] = []
    for groep in Aandachtsgroep:
        if groep in gerealiseerd:
            rows += fair_share(
                regio.gemeentecodes, shares, groep, periode, gerealiseerd[groep], needs.get(groep), fraction
            )
    return rows


# ---------------------------------------------------------------- status-holder taakstelling


@dataclass(frozen=True)
class TaakstellingRij:
    """A municipality's status-holder taakstelling for one half-year."""

    gemeentecode: str
    halfjaar: str
    inwoners: int
    taakstelling: int
    taakstelling_exact: float

    def as_row(self) -> dict[str, str | int | float]:
        return {
            "gemeentecode": self.gemeentecode,
            "halfjaar": self.halfjaar,
            "inwoners": self.inwoners,
            "taakstelling": self.taakstelling,
            "taakstelling_exact": self.taakstelling_exact,
        }


def taakstelling(
    landelijk_aantal: int, gemeentecodes: Sequence[str], inwoners: ArrayLike, halfjaar: str
) -> list[TaakstellingRij]:
    """Split the national half-year number pro rata by inhabitants: ``H * I_i / sum(I)``, largest remainder.

    Pass *all* municipalities of the country (the national inhabitants are their sum) so that the
    parts sum exactly to ``landelijk_aantal``; filter the rows afterwards for a province. The
    rounding is done in integers, so equal municipalities are always treated alike (ties by order).
    """
    if re.fullmatch(HALFJAAR_PATTERN, halfjaar) is None:
        raise ValueError(f"halfjaar '{halfjaar}' heeft niet de vorm 2025-1 of 2025-2")
    if landelijk_aantal < 0:
        raise ValueError("het landelijke aantal mag niet negatief zijn")
    inh = np.asarray(inwoners, dtype=np.int64).reshape(-1)
    if inh.size != len(gemeentecodes):
        raise ValueError("gemeentecodes en inwonertallen zijn niet even lang")
    if np.any(inh < 0) or inh.sum() <= 0:
        raise ValueError("inwonertallen moeten niet-negatief zijn en samen groter dan nul")
    national = int(inh.sum())
    parts = largest_remainder_exact(landelijk_aantal * inh, national)
    return [
        TaakstellingRij(code, halfjaar, int(inh[i]), int(parts[i]), landelijk_aantal * int(inh[i]) / national)
        for i, code in enumerate(gemeentecodes)
    ]
