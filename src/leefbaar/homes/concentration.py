"""Concentration of priority-group allocations per buurt against the municipal average (R9).

The agreements warn that too high a concentration of vulnerable households harms liveability. Per
buurt: the share of dwelling allocations that went to priority groups, the same share for the whole
municipality (allocations summed over its buurten, not an average of buurt shares), and their
ratio. A buurt is flagged when the ratio reaches a threshold *and* it had enough allocations for the
share to mean something.

Reasons are Dutch and name only the thresholds, never the counts: counts travel in their own columns
so that small-cell suppression (``leefbaar.privacy``) can hide them; a count inside a sentence
would slip past it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from leefbaar.domain.regions import Niveau, gemeentecode_of, is_valid_code
from leefbaar.homes.labels import number_nl

#: The household counts in ``ConcentratieRij.as_row()`` and the columns computed from each: when the
#: privacy layer hides a count it must hide these with it, or they give it back.
TELKOLOMMEN: dict[str, tuple[str, ...]] = {
    "toewijzingen": ("aandeel", "verhouding"),
    "toewijzingen_aandachtsgroepen": ("aandeel", "verhouding"),
}


@dataclass(frozen=True)
class Concentratiedrempel:
    """When a buurt is flagged: ``ratio >= verhouding`` and ``allocations >= minimum_toewijzingen``."""

    verhouding: float = 1.5
    #: Twice the usual suppression threshold (5), so a flag never rests on a handful of households.
    minimum_toewijzingen: int = 10
    #: Minimum allocations to priority groups in the buurt for a verdict (0: no minimum). Needed when
    #: the base is not allocations but a stock (services use social rental dwellings as the base,
    #: because the data holds allocations to priority groups only).
    minimum_aandachtsgroepen: int = 0

    def __post_init__(self) -> None:
        if not self.verhouding > 1:
            raise ValueError(f"de drempelverhouding moet groter dan 1 zijn (kreeg {self.verhouding})")
        if self.minimum_toewijzingen < 1:
            raise ValueError("het minimum aantal toewijzingen moet minstens 1 zijn")
        if self.minimum_aandachtsgroepen < 0:
            raise ValueError("het minimum aantal toewijzingen aan aandachtsgroepen mag niet negatief zijn")


REDEN_GESIGNALEERD = "aandeel aandachtsgroepen is {v} × of meer het gemeentelijk gemiddelde"
REDEN_TE_WEINIG = "te weinig toewijzingen voor een oordeel (minimaal {m})"
REDEN_TE_WEINIG_GROEP = "te weinig toewijzingen aan aandachtsgroepen voor een oordeel (minimaal {m})"
REDEN_GEEN_GEMEENTE = "geen toewijzingen aan aandachtsgroepen in de gemeente"
REDEN_ONDER_DREMPEL = "onder de drempel van {v} × het gemeentelijk gemiddelde"


@dataclass(frozen=True)
class ConcentratieRij:
    """One buurt in one period."""

    buurtcode: str
    gemeentecode: str
    toewijzingen: int
    toewijzingen_aandachtsgroepen: int
    aandeel: float | None
    gemeente_aandeel: float | None
    verhouding: float | None
    gesignaleerd: bool
    reden: str

    def as_row(self) -> dict[str, str | int | float | bool | None]:
        return {
            "buurtcode": self.buurtcode,
            "gemeentecode": self.gemeentecode,
            "toewijzingen": self.toewijzingen,
            "toewijzingen_aandachtsgroepen": self.toewijzingen_aandachtsgroepen,
            "aandeel": self.aandeel,
            "gemeente_aandeel": self.gemeente_aandeel,
            "verhouding": self.verhouding,
            "gesignaleerd": self.gesignaleerd,
            "reden": self.reden,
        }


def concentration(
    buurtcodes: Sequence[str],
    toewijzingen: ArrayLike,
    toewijzingen_aandachtsgroepen: ArrayLike,
    drempel: Concentratiedrempel | None = None,
) -> list[ConcentratieRij]:
    """Share, municipal share, ratio and flag per buurt (rows in the order given).

    ``toewijzingen`` are all allocations per buurt in the period, ``toewijzingen_aandachtsgroepen``
    those to priority groups (all groups together, or one group for a per-group view). Pass every
    buurt of a municipality: the municipal average is taken over the buurten given. Several
    municipalities may be mixed; buurten are grouped by the municipality in their code.
    """
    d = drempel or Concentratiedrempel()
    total = np.asarray(toewijzingen, dtype=np.int64).reshape(-1)
    group = np.asarray(toewijzingen_aandachtsgroepen, dtype=np.int64).reshape(-1)
    if not len(buurtcodes) == total.size == group.size:
        raise ValueError("buurtcodes en aantallen zijn niet even lang")
    wrong = [c for c in buurtcodes if not is_valid_code(Niveau.BUURT, c)]
    if wrong:
        raise ValueError(f"geen buurtcode: {', '.join(wrong[:5])}")
    if np.any(group < 0) or np.any(group > total):
        raise ValueError("toewijzingen aan aandachtsgroepen moeten tussen 0 en alle toewijzingen liggen")
    gemeenten = [gemeentecode_of(c) for c in buurtcodes]
    _, idx = np.unique(np.asarray(gemeenten), return_inverse=True)
    gm_total = np.bincount(idx, weights=total)[idx]
    gm_group = np.bincount(idx, weights=group)[idx]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, group / np.maximum(total, 1), np.nan)
        gm_share = np.where(gm_total > 0, gm_group / np.maximum(gm_total, 1), np.nan)
        ratio = np.where(gm_group > 0, share / gm_share, np.nan)
    enough_base = total >= d.minimum_toewijzingen
    enough = enough_base & (group >= d.minimum_aandachtsgroepen)
    # ratio >= v without dividing (so 1.5 exactly is not lost to rounding):
    # group/total >= v * gm_group/gm_total  <=>  group*gm_total >= v*gm_group*total.
    high = (gm_group > 0) & (group * gm_total >= d.verhouding * gm_group * total)
    flagged = enough & high
    v, m = number_nl(d.verhouding), d.minimum_toewijzingen
    rows = []
    for i, code in enumerate(buurtcodes):
        if not enough_base[i]:
            reason = REDEN_TE_WEINIG.format(m=m)
        elif not enough[i]:
            reason = REDEN_TE_WEINIG_GROEP.format(m=d.minimum_aandachtsgroepen)
        elif gm_group[i] == 0:
            reason = REDEN_GEEN_GEMEENTE
        elif flagged[i]:
            reason = REDEN_GESIGNALEERD.format(v=v)
        else:
            reason = REDEN_ONDER_DREMPEL.format(v=v)
        rows.append(
            ConcentratieRij(
                buurtcode=code,
                gemeentecode=gemeenten[i],
                toewijzingen=int(total[i]),
                toewijzingen_aandachtsgroepen=int(group[i]),
                aandeel=_opt(share[i]),
                gemeente_aandeel=_opt(gm_share[i]),
                verhouding=_opt(ratio[i]),
                gesignaleerd=bool(flagged[i]),
                reden=reason,
            )
        )
    return rows


def _opt(value: float) -> float | None:
    return None if np.isnan(value) else float(value)
