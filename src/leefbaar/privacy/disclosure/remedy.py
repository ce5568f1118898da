"""The remedy for pinned cells: when complements cannot free a cell, widen what the labels tell on
the relations that pin it, one step at a time (Remedy: SIZE, ZEROS, RELATION, TABLE).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from leefbaar.privacy.disclosure.bound_audit import cell_bounds, is_tight
from leefbaar.privacy.disclosure.model import Group
from leefbaar.privacy.disclosure.vocabulary import Remedy, Suppression


@dataclass
class RemedySteps:
    """The remedy so far: the step each relation (by index) and each remedied cell has reached."""

    of_group: dict[int, Remedy] = field(default_factory=dict)
    of_cell: dict[int, Remedy] = field(default_factory=dict)


def escalate(
    pinned: Sequence[int],
    counts: Sequence[int],
    groups: Sequence[Group],
    status: list[Suppression],
    steps: RemedySteps,
    *,
    k: int,
    zero_is_safe: bool,
) -> Remedy:
    """Take relations of the pinned cells one step further (see Remedy); return the furthest step.

    Per pinned cell, of its relations with a step left that widens a range (``_next_step``): those
    whose hidden cells sit at the edge of their ranges (``is_tight``: what pins it), else the one
    whose step hides the fewest cells. A cell in no relation is pinned by its own range (``<2`` is
    1) and is taken a step further itself. When no pinned cell has a step left, the whole table is
    withheld.
    """
    lower, upper = cell_bounds(counts, status, k=k, zero_is_safe=zero_is_safe)
    relations_of: dict[int, list[int]] = {}
    for gi, g in enumerate(groups):
        for i in g.members:
            relations_of.setdefault(i, []).append(gi)
    chosen: dict[int, Remedy] = {}
    lonely: list[int] = []
    for cell in pinned:
        own = relations_of.get(cell, [])
        if not own:
            if steps.of_cell.get(cell, Remedy.NONE) < Remedy.ZEROS:
                lonely.append(cell)
            continue
        options = {
            gi: _next_step(gi, counts, groups, status, steps, k=k, zero_is_safe=zero_is_safe) for gi in own
        }
        left = {gi: option for gi, option in options.items() if option is not None}
        tight = [gi for gi in left if is_tight(groups[gi], counts, status, lower, upper)]
        cheapest = sorted(left, key=lambda gi: (len(left[gi][1]), gi))
        chosen.update((gi, left[gi][0]) for gi in tight or cheapest[:1])
    if not chosen and not lonely:
        _cover(range(len(counts)), Remedy.TABLE, status, steps)
        return Remedy.TABLE
    for cell in lonely:
        _cover([cell], Remedy(steps.of_cell.get(cell, Remedy.NONE) + 1), status, steps)
    for gi, step in sorted(chosen.items()):
        _cover(_step_cover(groups[gi], step, counts, status, steps), step, status, steps)
        steps.of_group[gi] = step
    return max([*steps.of_group.values(), *steps.of_cell.values()])


def _next_step(
    gi: int,
    counts: Sequence[int],
    groups: Sequence[Group],
    status: Sequence[Suppression],
    steps: RemedySteps,
    *,
    k: int,
    zero_is_safe: bool,
) -> tuple[Remedy, list[int]] | None:
    """Relation ``gi``'s next step that widens some cell's range, with the cells it hides; None if none.

    A step that widens nothing is passed over: with ``zero_is_safe=False`` the zeros are hidden
    already, and a relation whose margin is published elsewhere has nothing more to withhold.
    """
    for step in (Remedy.SIZE, Remedy.ZEROS, Remedy.RELATION):
        if step <= steps.of_group.get(gi, Remedy.NONE):
            continue
        covered = _step_cover(groups[gi], step, counts, status, steps)
        after = Suppression.VERHULD if step is Remedy.SIZE else Suppression.ACHTERGEHOUDEN
        values = [counts[i] for i in covered]
        now = cell_bounds(values, [status[i] for i in covered], k=k, zero_is_safe=zero_is_safe)
        if now != cell_bounds(values, [after] * len(covered), k=k, zero_is_safe=zero_is_safe):
            return step, covered
    return None


def _step_cover(
    group: Group, step: Remedy, counts: Sequence[int], status: Sequence[Suppression], steps: RemedySteps
) -> list[int]:
    """The cells of ``group`` that ``step`` hides and no earlier step hid as far."""
    if step is Remedy.SIZE:
        covered = [i for i in group.members if status[i] is not Suppression.GEEN]
    elif step is Remedy.ZEROS:
        covered = [i for i in group.members if status[i] is not Suppression.GEEN or counts[i] == 0]
    else:
        covered = list(group.members)
    return [i for i in covered if steps.of_cell.get(i, Remedy.NONE) < step]


def _cover(cells: Iterable[int], step: Remedy, status: list[Suppression], steps: RemedySteps) -> None:
    """Hide ``cells`` as the remedy step says; a cell keeps the furthest step it was given."""
    for i in cells:
        if steps.of_cell.get(i, Remedy.NONE) >= step:
            continue
        steps.of_cell[i] = step
        status[i] = Suppression.VERHULD if step is Remedy.SIZE else Suppression.ACHTERGEHOUDEN
