"""The bound audit: the margins together with the range a reader knows for every hidden cell (from
its label) can pin a cell to one value. Witness cycles decide graph-shaped tables; a linear
programme (scipy HiGHS) gives the feasible range of a cell otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from leefbaar.privacy.disclosure.exact_audit import components, signed_edges
from leefbaar.privacy.disclosure.model import DisclosureError, Group
from leefbaar.privacy.disclosure.vocabulary import K_DEFAULT, Suppression


def cell_bounds(
    values: Sequence[int], status: Sequence[Suppression], *, k: int = K_DEFAULT, zero_is_safe: bool = True
) -> tuple[list[float], list[float]]:
    """The range a reader knows for each hidden cell (published cells: their own value).

    The range follows from how the cell is shown, so it is the same whichever LabelStyle a page
    uses: the reason (``primair: minder dan k``) and the service field ``onderdrukt`` tell a
    ``<k`` cell even where its label is ``x``. A primary cell is ``1..k-1`` (``0..k-1`` when zeros
    are hidden too); a secondary or ``verhuld`` cell is at least 1 (0 when zeros are hidden too),
    with no upper bound; an ``achtergehouden`` cell is ``[0, inf)``: the remedy hides the zeros
    around it as well. A zero hidden as a complement (the last resort) gets ``[0, inf)`` so the
    true table stays a solution. Known gap: a reader who sees the reasons also knows a non-zero
    secondary cell is at least ``k``; that bound is not used, because at ``k = 5`` it pins most
    complements of value 5 and hides whole tables.
    """
    lower: list[float] = []
    upper: list[float] = []
    # Inline rather than _cell_range per cell: this runs every round over every cell.
    for value, s in zip(values, status, strict=True):
        if s is Suppression.GEEN:
            lower.append(float(value))
            upper.append(float(value))
            continue
        lower.append(1.0 if zero_is_safe and value > 0 and s is not Suppression.ACHTERGEHOUDEN else 0.0)
        upper.append(float(k - 1) if s is Suppression.PRIMAIR else math.inf)
    return lower, upper


def pinned_cells(
    values: Sequence[int],
    groups: Sequence[Group],
    hidden: Sequence[int],
    lower: Sequence[float],
    upper: Sequence[float],
    *,
    known_free: set[int] | None = None,
) -> list[int]:
    """The hidden cells that take one integer value only, given the relations and the bounds.

    ``values`` are the true counts (the published ones fix the equations; the hidden ones are a
    known solution), ``lower``/``upper`` the range a reader knows per cell (see cell_bounds).

    * Graph-shaped relations (every 1-D, 2-D and hierarchical table): a cell is free exactly when
      it lies on a directed cycle of the residual graph, i.e. when raising or lowering it by one
      can be balanced by +1/-1 steps of other hidden cells that stay in range. The equations
      form a network matrix, so every other integer solution decomposes into such cycles: no
      cycle means pinned. Linear time per cell.
    * Other relations: the cell's min and max over the polytope by linear programming (HiGHS);
      pinned means ``floor(max) - ceil(min) < 1`` (tolerance 1e-6). The LP range can be wider
      than the integer range here, so this route may miss a cell pinned by integrality.

    ``known_free`` (updated in place) lists cells already shown free; hiding more cells only
    widens the others' ranges, so ``suppress`` carries it from round to round.
    """
    free = known_free if known_free is not None else set()
    rest = sorted(set(hidden) - free)
    if not rest:
        return []
    edges = signed_edges(groups, set(hidden))
    if edges is not None:
        free.update(_witnessed(len(groups) + 1, edges, values, lower, upper, cells=set(rest)))
        # A cell in no relation is no edge: its own range decides (``<5`` is free, ``<2`` is 1).
        linked = {cell for _, _, cell in edges}
        free.update(c for c in rest if c not in linked and not _one_value(lower[c], upper[c]))
        return [cell for cell in rest if cell not in free]
    pinned: list[int] = []
    for cell in rest:
        low, high = feasible_ranges(values, groups, hidden, lower, upper, cells=[cell])[cell]
        if _one_value(low, high):
            pinned.append(cell)
        else:
            free.add(cell)
    return pinned


def _one_value(low: float, high: float) -> bool:
    if math.isinf(low) or math.isinf(high):  # an unbounded range is not one value (and floor(inf) fails)
        return False
    return math.floor(high + _TOLERANCE) - math.ceil(low - _TOLERANCE) < 1


_TOLERANCE = 1e-6


def _witnessed(
    n_vertices: int,
    edges: Sequence[tuple[int, int, int]],
    values: Sequence[int],
    lower: Sequence[float],
    upper: Sequence[float],
    *,
    cells: set[int],
) -> set[int]:
    """Those of ``cells`` with a residual cycle: raise (or lower) the cell by one and send the unit back round.

    Raising cell (tail -> head) needs a path head -> tail of cells that can move one step
    without leaving their range; lowering it needs a path tail -> head. The cycle itself is a
    second table with the same published values, so a witness proves the cell is not pinned.
    """
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n_vertices)]
    for tail, head, cell in edges:
        if values[cell] + 1 <= upper[cell]:
            adjacency[tail].append((head, cell))
        if values[cell] - 1 >= lower[cell]:
            adjacency[head].append((tail, cell))
    free: set[int] = set()
    for tail, head, cell in edges:
        if cell not in cells:
            continue
        can_rise = values[cell] + 1 <= upper[cell] and _reaches(adjacency, head, tail, cell)
        if can_rise or (values[cell] - 1 >= lower[cell] and _reaches(adjacency, tail, head, cell)):
            free.add(cell)
    return free


def _reaches(adjacency: Sequence[Sequence[tuple[int, int]]], start: int, goal: int, avoid: int) -> bool:
    """Is there a path from start to goal that does not use the cell ``avoid``?"""
    if start == goal:
        return True
    seen = {start}
    frontier = [start]
    while frontier:
        nxt: list[int] = []
        for vertex in frontier:
            for other, cell in adjacency[vertex]:
                if cell == avoid or other in seen:
                    continue
                if other == goal:
                    return True
                seen.add(other)
                nxt.append(other)
        frontier = nxt
    return False


def feasible_ranges(
    values: Sequence[int],
    groups: Sequence[Group],
    hidden: Sequence[int] | set[int],
    lower: Sequence[float],
    upper: Sequence[float],
    *,
    cells: Sequence[int] | None = None,
) -> dict[int, tuple[float, float]]:
    """The smallest and largest value of each hidden cell (or of ``cells``) over the polytope.

    The polytope: the published relations, with the published cells fixed, and every hidden
    cell within ``[lower, upper]``. Each connected component of hidden cells is one linear
    programme (scipy ``linprog``, HiGHS), solved twice per asked cell. An unbounded maximum is
    ``inf``.
    """
    hidden_set = set(hidden)
    wanted = hidden_set if cells is None else set(cells) & hidden_set
    ranges: dict[int, tuple[float, float]] = {}
    for component in components(groups, hidden_set):
        asked = [c for c in component if c in wanted]
        if not asked:
            continue
        position = {cell: j for j, cell in enumerate(component)}
        a_rows, b = _equations(values, groups, position)
        bounds = [(lower[c], None if math.isinf(upper[c]) else upper[c]) for c in component]
        for cell in asked:
            objective = np.zeros(len(component))
            objective[position[cell]] = 1.0
            low = _optimum(objective, a_rows, b, bounds)
            high = -_optimum(-objective, a_rows, b, bounds)
            ranges[cell] = (low, high)
    return ranges


def _equations(
    values: Sequence[int], groups: Sequence[Group], position: Mapping[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """The relations over the cells in ``position``: parts minus total equals what is published."""
    rows: list[np.ndarray] = []
    rhs: list[float] = []
    for g in groups:
        row = np.zeros(len(position))
        known = 0.0
        for i in g.parts:
            if i in position:
                row[position[i]] += 1.0
            else:
                known += values[i]
        if g.total is None:
            published = float(sum(values[i] for i in g.parts))  # the margin published elsewhere
        elif g.total in position:
            row[position[g.total]] -= 1.0
            published = 0.0
        else:
            published = float(values[g.total])
        if row.any():
            rows.append(row)
            rhs.append(published - known)
    if not rows:
        return np.zeros((0, len(position))), np.zeros(0)
    return np.vstack(rows), np.array(rhs)


def _optimum(
    objective: np.ndarray, a_rows: np.ndarray, b: np.ndarray, bounds: Sequence[tuple[float, float | None]]
) -> float:
    """The minimum of objective . x over the polytope (-inf when unbounded)."""
    from scipy.optimize import linprog  # here, not at import: scipy takes a second to load

    result = linprog(
        objective,
        A_eq=a_rows if len(b) else None,
        b_eq=b if len(b) else None,
        bounds=list(bounds),
        method="highs",
    )
    if result.status == 3:
        return float("-inf")
    if result.status != 0:  # pragma: no cover - the true table is always a solution
        raise DisclosureError(f"de grenzencontrole vond geen oplossing ({result.message})")
    return float(result.fun)


def hopeless_cells(
    counts: Sequence[int],
    groups: Sequence[Group],
    status: Sequence[Suppression],
    lower: Sequence[float],
    upper: Sequence[float],
) -> set[int]:
    """Hidden cells of relations that the bounds alone pin, whatever else is hidden.

    A relation whose hidden total may be at most ``k-1`` while its parts are at least that much
    (a ``<5`` total of four cells each at least 1) leaves every part at its minimum. Hiding
    more cannot help: a part hidden later has a minimum no larger than its own value.
    """
    found: set[int] = set()
    for g in groups:
        if g.total is None or status[g.total] is not Suppression.PRIMAIR:
            continue
        if sum(lower[i] for i in g.parts) >= upper[g.total]:
            found.update(i for i in g.members if status[i] is not Suppression.GEEN)
    return found


def is_tight(
    group: Group,
    counts: Sequence[int],
    status: Sequence[Suppression],
    lower: Sequence[float],
    upper: Sequence[float],
) -> bool:
    """Do the relation's hidden cells all sit at one end of their ranges (none can move)?"""
    hidden_parts = [i for i in group.parts if status[i] is not Suppression.GEEN]
    total_hidden = group.total is not None and status[group.total] is not Suppression.GEEN
    low = sum(lower[i] for i in hidden_parts) - (
        upper[group.total] if total_hidden and group.total is not None else 0
    )
    high = sum(upper[i] for i in hidden_parts) - (
        lower[group.total] if total_hidden and group.total is not None else 0
    )
    needed = sum(counts[i] for i in hidden_parts) - (
        counts[group.total] if total_hidden and group.total is not None else 0
    )
    return math.isclose(low, needed) or math.isclose(high, needed)
