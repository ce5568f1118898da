"""Derived values (shares, percentages, means): withheld when any count they come from is hidden,
and means over fewer than ``k`` units withheld as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from leefbaar.privacy.disclosure.model import MaskedCell
from leefbaar.privacy.disclosure.vocabulary import REDEN_AFGELEID, REDEN_NOEMER_NUL, reden_gemiddelde


@dataclass(frozen=True)
class DerivedValue:
    """A share, percentage or mean: ``value`` None when withheld, ``reason`` says why (Dutch)."""

    value: float | None
    reason: str | None

    def label(self, digits: int = 1) -> str:
        return "x" if self.value is None else f"{self.value:.{digits}f}".replace(".", ",")


def derive(value: float, sources: Sequence[MaskedCell]) -> DerivedValue:
    """Publish ``value`` only when none of the counts it was computed from is hidden.

    A share of a hidden count times its published denominator gives the count back, so every
    value computed from a hidden cell is withheld as well.
    """
    if any(s.hidden for s in sources):
        return DerivedValue(None, REDEN_AFGELEID)
    return DerivedValue(value, None)


def share(numerator: MaskedCell, denominator: MaskedCell, *, percent: bool = True) -> DerivedValue:
    """numerator / denominator (times 100 when ``percent``), withheld when either is hidden."""
    if numerator.value is None or denominator.value is None:
        return DerivedValue(None, REDEN_AFGELEID)
    if denominator.value == 0:
        return DerivedValue(None, REDEN_NOEMER_NUL)
    ratio = numerator.value / denominator.value
    return DerivedValue(ratio * 100 if percent else ratio, None)


def mean(total: float, n: MaskedCell, *, k: int | None = None) -> DerivedValue:
    """total / n, withheld when the count ``n`` is hidden or smaller than k (the cell's k).

    A mean over one or two households is their own value, so it is withheld even when a
    zero-safe or k-exempt count let ``n`` through.
    """
    threshold = n.k if k is None else k
    if n.value is None:
        return DerivedValue(None, REDEN_AFGELEID)
    if n.value < threshold:
        return DerivedValue(None, reden_gemiddelde(threshold))
    return DerivedValue(total / n.value, None)
