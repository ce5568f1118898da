"""Figures about a small unit: what is counted within a unit of fewer than ``k`` members is withheld.

A complex of one to four dwellings is, in effect, its households: the defects of such a complex per
kind (mould, lead, an open report) describe the homes of identifiable people. So every figure
counted *within* a unit is withheld whole when the unit has fewer than ``k`` members, whatever the
figures themselves are; a unit of unknown size (0 members known) counts as small. The unit's own
size (how many dwellings a complex has) is not personal and stays published.
"""

from __future__ import annotations

from leefbaar.privacy.disclosure.vocabulary import K_DEFAULT, reden_kleine_eenheid


def small_unit(members: int, k: int = K_DEFAULT) -> bool:
    """Whether a unit of ``members`` (dwellings, households) is too small to publish counts within it."""
    return members < k


def small_unit_reason(members: int, k: int = K_DEFAULT, leden: str = "woningen") -> str | None:
    """Why the counts within a unit are withheld (Dutch), or None when they may be published."""
    return reden_kleine_eenheid(k, leden) if small_unit(members, k) else None
