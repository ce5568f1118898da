"""Secondary (complementary) suppression: which cell to hide next to a lone hidden one, the rule
that repeats this until no relation has exactly one hidden cell, and one more complement for each
cell an audit finds exposed.
"""

from __future__ import annotations

from collections.abc import Sequence

from leefbaar.privacy.disclosure.bound_audit import is_tight
from leefbaar.privacy.disclosure.model import DisclosureError, Group
from leefbaar.privacy.disclosure.vocabulary import Suppression


def _complement(
    candidates: Sequence[int], counts: list[int], status: list[Suppression], margins: set[int]
) -> int | None:
    """The cell to suppress next to a lone suppressed one: smallest non-zero interior cell first."""
    open_cells = [i for i in candidates if status[i] is Suppression.GEEN]
    if not open_cells:
        return None
    return min(open_cells, key=lambda i: (counts[i] == 0, i in margins, counts[i], i))


def apply_single_rule(
    counts: list[int], status: list[Suppression], groups: Sequence[Group], margins: set[int]
) -> None:
    """Suppress complements until no relation has exactly one hidden cell."""
    changed = True
    while changed:
        changed = False
        for g in groups:
            hidden = [i for i in g.members if status[i] is not Suppression.GEEN]
            if len(hidden) != 1:
                continue
            chosen = _complement([i for i in g.members if i != hidden[0]], counts, status, margins)
            if chosen is None:  # pragma: no cover - a relation has at least two members
                raise DisclosureError(f"relatie {g} kan niet worden beschermd")
            status[chosen] = Suppression.SECUNDAIR
            changed = True


def hide_next_to(
    exposed: Sequence[int],
    counts: list[int],
    status: list[Suppression],
    groups: Sequence[Group],
    margins: set[int],
    *,
    stuck: set[int] | None = None,
    bounds: tuple[Sequence[float], Sequence[float]] | None = None,
) -> set[int]:
    """Give exposed cells one more complement each: the smallest non-zero cell in their relations.

    Without ``stuck`` an exposed cell with nothing left to hide raises DisclosureError (exact
    recovery is never accepted). With ``stuck`` (the bound audit) such a cell is returned
    instead, and cells already in ``stuck`` are skipped.

    An exposed cell in a relation of an earlier exposed cell or its complement in this round
    waits for the next audit, since that complement may already free it. This keeps the extra
    cells few, while far-apart cells are repaired in one round (a 342 x 9 table needs few rounds).
    """
    of_cell: dict[int, list[int]] = {}
    for gi, g in enumerate(groups):
        for i in g.members:
            of_cell.setdefault(i, []).append(gi)
    touched: set[int] = set()
    unrepairable: set[int] = set()
    for cell in exposed:
        own = of_cell.get(cell, [])
        if (stuck is not None and cell in stuck) or touched.intersection(own):
            continue
        if bounds is not None:
            # A relation whose hidden cells sit at the edge of their ranges is what pins the
            # cell; a complement there gives it room (a hidden margin can grow).
            tight = [gi for gi in own if is_tight(groups[gi], counts, status, *bounds)]
            own = tight or own
        neighbours = [i for gi in own for i in groups[gi].members if i != cell]
        chosen = _complement(neighbours, counts, status, margins)
        if chosen is None:
            if stuck is None:
                raise DisclosureError(f"cel {cell} blijft herleidbaar, ook als alles eromheen verborgen is")
            unrepairable.add(cell)
            continue
        status[chosen] = Suppression.SECUNDAIR
        touched.update(own, of_cell.get(chosen, []))
    return unrepairable
