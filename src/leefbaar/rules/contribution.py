"""Fair contribution (R2, R5): each association's share of a national yearly amount, and its realisation.

The national commitments (€200 million a year for dwelling improvement, €75 million for
buurtkamers and social cohesion) are sums over all associations. An association's fair
contribution is the national amount pro rata by its number of dwellings; its realisation is what
it reported against that. Pure arithmetic on dicts keyed by association id (``L0001``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: The indicators of a national yearly amount that a national agreement also judges per association,
#: each against its fair contribution (R2 dwelling improvement, R5 liveability).
FAIR_CONTRIBUTION_INDICATORS = ("extra_investering_verbetering", "extra_investering_leefbaarheid")


@dataclass(frozen=True)
class Contribution:
    """One association's fair contribution (aandeel) and what it realised (gerealiseerd)."""

    corporatie: str
    woningen: int
    aandeel: float
    #: None when the association reported nothing: "geen gegevens", not 0.
    gerealiseerd: float | None

    @property
    def verschil(self) -> float | None:
        """Realised minus fair contribution; negative means behind."""
        return None if self.gerealiseerd is None else self.gerealiseerd - self.aandeel

    @property
    def realisatiegraad(self) -> float | None:
        """Realised as a share of the fair contribution (1.0 = exactly the fair contribution)."""
        if self.gerealiseerd is None or self.aandeel == 0:
            return None
        return self.gerealiseerd / self.aandeel


def fair_shares(totaal: float, woningen: Mapping[str, int]) -> dict[str, float]:
    """``totaal`` divided over the associations pro rata by their dwellings; the shares sum to ``totaal``."""
    if any(n < 0 for n in woningen.values()):
        raise ValueError("een aantal woningen kan niet negatief zijn")
    voorraad = sum(woningen.values())
    if voorraad == 0:
        raise ValueError("geen woningen: een eerlijk aandeel is niet te bepalen")
    return {corporatie: totaal * n / voorraad for corporatie, n in woningen.items()}


def contributions(
    totaal: float, woningen: Mapping[str, int], gerealiseerd: Mapping[str, float]
) -> list[Contribution]:
    """Fair contribution and realisation per association, in the order of ``woningen``.

    An association missing from ``gerealiseerd`` gets ``gerealiseerd=None``; realisations of
    associations without dwellings in ``woningen`` are refused, because they would vanish silently.
    """
    onbekend = sorted(set(gerealiseerd) - set(woningen))
    if onbekend:
        raise ValueError(f"realisatie voor corporaties zonder woningaantal: {', '.join(onbekend)}")
    aandelen = fair_shares(totaal, woningen)
    return [
        Contribution(corporatie, woningen[corporatie], aandelen[corporatie], gerealiseerd.get(corporatie))
        for corporatie in woningen
    ]


# --- "extra": measured against a declared baseline (docs/adr/0025-extra-against-a-baseline-and-where-money-goes.md) ------


@dataclass(frozen=True)
class Baseline:
    """What a party declares it spent regularly on a theme in a reference year."""

    thema: str
    referentiejaar: int
    bedrag: float


@dataclass(frozen=True)
class ThemeSpending:
    """A party's spending on one theme in one year: everything (regular and extra) and what it
    declared as extra, in total and per municipality (None: rows without a location)."""

    thema: str
    besteed: float
    opgegeven_extra: float
    besteed_per_gemeente: Mapping[str | None, float]
    extra_per_gemeente: Mapping[str | None, float]


@dataclass(frozen=True)
class ExtraTheme:
    """The extra of one party on one theme in one year, and where it went."""

    thema: str
    besteed: float
    opgegeven_extra: float
    basislijn: Baseline | None
    #: Measured extra: spending minus the baseline when one is declared (negative when the party
    #: spent less than its baseline), else the declared extra.
    extra: float
    per_gemeente: Mapping[str | None, float]

    @property
    def gemeten(self) -> bool:
        """True when measured against a baseline, False when the party's own declaration."""
        return self.basislijn is not None


def measured_extra(
    themas: Sequence[str], spending: Mapping[str, ThemeSpending], baselines: Mapping[str, Baseline]
) -> list[ExtraTheme]:
    """The extra per theme, in the order of ``themas``.

    With a baseline the extra is all spending in the year minus the baseline, spread over the
    municipalities in proportion to where the money was spent (unattributable when nothing was
    spent: key None). Without one it is what the party declared as extra, where it declared it.
    """
    out = []
    for thema in themas:
        s = spending.get(thema) or ThemeSpending(thema, 0.0, 0.0, {}, {})
        basis = baselines.get(thema)
        if basis is None:
            out.append(
                ExtraTheme(thema, s.besteed, s.opgegeven_extra, None, s.opgegeven_extra, s.extra_per_gemeente)
            )
            continue
        extra = s.besteed - basis.bedrag
        if s.besteed > 0:
            spread = {g: extra * b / s.besteed for g, b in s.besteed_per_gemeente.items() if b}
        else:
            spread = {None: extra} if extra else {}
        out.append(ExtraTheme(thema, s.besteed, s.opgegeven_extra, basis, extra, spread))
    return out
