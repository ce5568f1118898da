"""1-D and 2-D tables: a list of counts with its total, a matrix with row, column and grand totals,
laid out as cells and relations for the suppression procedure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from leefbaar.privacy.disclosure.model import DisclosureError, Group, MaskedCell, check_counts
from leefbaar.privacy.disclosure.procedure import suppress
from leefbaar.privacy.disclosure.vocabulary import K_DEFAULT, Remedy, remedy_note


@dataclass(frozen=True)
class Table1D:
    """A masked list of counts with its (optional) total; ``remedy`` says how far the remedy went."""

    cells: tuple[MaskedCell, ...]
    total: MaskedCell | None
    remedy: Remedy = Remedy.NONE
    k: int = K_DEFAULT

    @property
    def note(self) -> str | None:
        """The Dutch sentence to show under the table when the remedy acted, else None."""
        return remedy_note(self.remedy, self.k)


def suppress_1d(
    counts: Sequence[int] | np.ndarray,
    *,
    with_total: bool = True,
    k: int = K_DEFAULT,
    zero_is_safe: bool = True,
) -> Table1D:
    """Suppress a list of counts published with their total (``with_total``) or without.

    Use ``with_total=True`` whenever the total is published anywhere, even on another page:
    the complement is needed all the same.
    """
    counts = check_counts(list(counts))
    if not with_total:
        table = suppress(counts, (), k=k, zero_is_safe=zero_is_safe)
        return Table1D(cells=table.cells, total=None, remedy=table.remedy, k=k)
    n = len(counts)
    table = suppress([*counts, sum(counts)], [Group(tuple(range(n)), n)], k=k, zero_is_safe=zero_is_safe)
    return Table1D(cells=table.cells[:n], total=table.cells[n], remedy=table.remedy, k=k)


@dataclass(frozen=True)
class Table2D:
    """A masked matrix of counts with its margins (None where a margin is not published).

    ``remedy`` says how far the remedy for pinned cells went; ``note`` is the Dutch sentence for
    under the table (None when it did not act).
    """

    cells: tuple[tuple[MaskedCell, ...], ...]
    row_totals: tuple[MaskedCell, ...] | None
    column_totals: tuple[MaskedCell, ...] | None
    grand_total: MaskedCell | None
    remedy: Remedy = Remedy.NONE
    k: int = K_DEFAULT

    @property
    def note(self) -> str | None:
        return remedy_note(self.remedy, self.k)


#: Where a cell sits in a 2-D table: ("cel", row, column), ("rij", row) for a row total, ("kolom",
#: column) for a column total, ("totaal",) for the grand total.
Position = tuple[Any, ...]


def _layout_2d(m: int, n: int, row_totals: bool, column_totals: bool) -> tuple[dict[str, Any], list[Group]]:
    """Cell indices of an m x n table with margins, and the relations between them."""
    interior = [[i * n + j for j in range(n)] for i in range(m)]
    nxt = m * n
    rt = list(range(nxt, nxt + m)) if row_totals else []
    nxt += len(rt)
    ct = list(range(nxt, nxt + n)) if column_totals else []
    nxt += len(ct)
    grand = nxt if (row_totals or column_totals) else None
    groups: list[Group] = []
    if row_totals:
        groups += [Group(tuple(interior[i]), rt[i]) for i in range(m)]
        groups.append(Group(tuple(rt), grand))
    if column_totals:
        groups += [Group(tuple(interior[i][j] for i in range(m)), ct[j]) for j in range(n)]
        groups.append(Group(tuple(ct), grand))
    layout = {"interior": interior, "rt": rt, "ct": ct, "grand": grand}
    return layout, [g for g in groups if len(g.members) >= 2]


def suppress_2d(
    counts: Sequence[Sequence[int]] | np.ndarray,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    k: int = K_DEFAULT,
    zero_is_safe: bool = True,
    primary: Callable[[Position, int], bool] | None = None,
) -> Table2D:
    """Suppress a matrix of counts published with row totals, column totals and a grand total.

    Turn a margin off only when it is published nowhere: a margin on another page reveals the
    same. The grand total is part of the table as soon as one kind of margin is. ``primary``
    (position, count) -> bool decides the primary cells instead of 0 < count < k (``rounding``).
    """
    rows = [list(r) for r in counts]
    m = len(rows)
    n = len(rows[0]) if m else 0
    if any(len(r) != n for r in rows):
        raise DisclosureError("de rijen van de tabel zijn niet even lang")
    flat = check_counts([v for r in rows for v in r])
    matrix = [flat[i * n : (i + 1) * n] for i in range(m)]
    layout, groups = _layout_2d(m, n, row_totals, column_totals)
    values = list(flat)
    if row_totals:
        values += [sum(r) for r in matrix]
    if column_totals:
        values += [sum(matrix[i][j] for i in range(m)) for j in range(n)]
    if layout["grand"] is not None:
        values.append(sum(flat))
    positions: list[Position] = [("cel", i, j) for i in range(m) for j in range(n)]
    positions += [("rij", i) for i in range(m)] if row_totals else []
    positions += [("kolom", j) for j in range(n)] if column_totals else []
    positions += [("totaal",)] if layout["grand"] is not None else []
    chosen = None if primary is None else [primary(p, v) for p, v in zip(positions, values, strict=True)]
    table = suppress(values, groups, k=k, zero_is_safe=zero_is_safe, primary=chosen)
    c = table.cells
    return Table2D(
        cells=tuple(tuple(c[idx] for idx in row) for row in layout["interior"]),
        row_totals=tuple(c[i] for i in layout["rt"]) if row_totals else None,
        column_totals=tuple(c[i] for i in layout["ct"]) if column_totals else None,
        grand_total=c[layout["grand"]] if layout["grand"] is not None else None,
        remedy=table.remedy,
        k=k,
    )
