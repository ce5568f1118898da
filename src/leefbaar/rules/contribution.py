"""Fair contribution (R2, R5): each association's share of a national yearly amount, and its realisation.

The national commitments (€200 million a year for dwelling improvement, €75 million for
buurtkamers and social cohesion) are sums over all associations. An association's fair
contribution is the national amount pro rata by its number of dwellings; its realisation is what
it reported against that. Pure arithmetic on dicts keyed by association id (``L0001``).
"""

from __future__ import annotations

from collections.abc import Mapping
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
