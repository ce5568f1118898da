"""The types every step of disclosure control shares: a published relation (Group), a masked cell
and table, the error, and the checks on what a caller hands in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from leefbaar.privacy.disclosure.vocabulary import (
    K_DEFAULT,
    LabelStyle,
    Remedy,
    Suppression,
    hidden_label,
    remedy_note,
)


class DisclosureError(ValueError):
    """The table cannot be protected as asked (an inconsistent margin, a relation of one cell)."""


@dataclass(frozen=True)
class Group:
    """A published relation: the ``parts`` add up to a margin.

    ``total`` is the index of the margin cell when it is part of the same table (it can then be
    suppressed itself), or ``None`` when the margin is published elsewhere and always visible.
    """

    parts: tuple[int, ...]
    total: int | None = None

    @property
    def members(self) -> tuple[int, ...]:
        return self.parts if self.total is None else (*self.parts, self.total)


@dataclass(frozen=True)
class MaskedCell:
    """One published cell: ``value`` is None when hidden, ``reason`` says why (Dutch)."""

    value: int | None
    suppression: Suppression
    reason: str | None
    k: int = K_DEFAULT

    @property
    def hidden(self) -> bool:
        return self.suppression is not Suppression.GEEN

    def label(self, style: LabelStyle = LabelStyle.CBS) -> str:
        """The text to show in a table cell."""
        if self.value is not None:
            return str(self.value)
        return hidden_label(self.suppression, self.k, style)


@dataclass(frozen=True)
class MaskedTable:
    """The result of ``suppress``: one MaskedCell per input value, in input order."""

    cells: tuple[MaskedCell, ...]
    groups: tuple[Group, ...]
    k: int
    #: For diagnostics: the cells that complements could not free, so that the remedy had to act
    #: (e.g. a ``<k`` total of 4 over four cells of 1). The published table leaves none pinned.
    pinned: tuple[int, ...] = ()
    #: How far the remedy went (``Remedy.NONE`` when nothing was pinned).
    remedy: Remedy = Remedy.NONE

    @property
    def note(self) -> str | None:
        """The Dutch sentence to show under the table when the remedy acted, else None."""
        return remedy_note(self.remedy, self.k)

    @property
    def values(self) -> tuple[int | None, ...]:
        return tuple(c.value for c in self.cells)

    @property
    def hidden(self) -> tuple[int, ...]:
        """Indices of the hidden cells."""
        return tuple(i for i, c in enumerate(self.cells) if c.hidden)


def check_counts(values: Sequence[Any]) -> list[int]:
    counts: list[int] = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, int | np.integer):
            raise DisclosureError(f"cel {i}: {v!r} is geen geheel aantal")
        if v < 0:
            raise DisclosureError(f"cel {i}: negatief aantal {v}")
        counts.append(int(v))
    return counts


def check_groups(counts: list[int], groups: Sequence[Group]) -> None:
    n = len(counts)
    for g in groups:
        if any(not 0 <= i < n for i in g.members):
            raise DisclosureError(f"relatie {g} verwijst naar een cel buiten de tabel")
        if len(set(g.members)) != len(g.members):
            raise DisclosureError(f"relatie {g} noemt een cel twee keer")
        if len(g.members) < 2:
            raise DisclosureError(f"relatie {g} heeft maar één cel: die valt niet te beschermen")
        if g.total is not None and counts[g.total] != sum(counts[i] for i in g.parts):
            raise DisclosureError(
                f"relatie {g}: totaal {counts[g.total]} is niet de som van de delen "
                f"({sum(counts[i] for i in g.parts)})"
            )
