"""Disclosure control: the one mechanism for every count that leaves Leefbaar (page, API, export).

Rules (see docs/privacy.md, "Disclosure control"):

* **Primary suppression.** A count ``0 < n < k`` (default ``k = 5``) is suppressed. A zero is
  published: CBS practice treats an empty cell as not disclosive in itself, and hiding zeros
  would hide most of a sparse table. Pass ``zero_is_safe=False`` to treat 0 like 1-4.
* **Secondary (complementary) suppression.** A table publishes *relations*: groups of cells that
  add up to a margin (a row total, a column total, a total published elsewhere). In every
  relation with exactly one suppressed cell, one more cell is suppressed so the first cannot be
  found by subtraction: the smallest non-zero interior cell, else a margin, else a zero; ties by
  position. This repeats until no relation has exactly one suppressed cell (a fixed point).
* **Audit.** Several relations together can still pin a cell down (a suppressed cell that is a
  "bridge" between two otherwise separate patterns). After the fixed point every suppressed
  cell is checked with linear algebra (it is recoverable when every solution of the published
  equations gives it the same value); a recoverable cell gets one more complement and the
  procedure repeats.
* **Bound audit.** Zeros are published and primary cells are labelled ``<k``, so a reader knows
  every hidden cell's range: a primary cell lies in ``[1, k-1]`` (``[0, k-1]`` with
  ``zero_is_safe=False``), a secondary cell in ``[1, inf)`` (a hidden zero complement in
  ``[0, inf)``). Together with the margins these bounds can pin a cell (two hidden cells that must
  sum to 2 are each 1). A hidden cell is *pinned* when it takes one integer value only over that
  polytope. Each hidden cell is first given a witness (a cycle of +1/-1 changes that keeps every
  hidden cell in its range: a second table with the same published values); the cells without a
  witness get their feasible min and max from a linear programme (scipy HiGHS). A pinned cell gets
  one more complement and the procedure repeats. The rule asks for two possible values, not for a
  wider protection interval (see docs/privacy.md for the limits). The ranges are those of the
  Amsterdam labels: a page in the CBS style shows ``x`` for ``<k`` but the reason and the services'
  ``onderdrukt`` field still tell a primary cell, and a reader who knows less (wider ranges) finds
  every table the audited reader finds, so a cell free for the one is free for the other.
* **Remedy for pinned cells.** Complements cannot free every pinned cell: a ``<5`` total over four
  hidden cells of at least 1 pins them at 1 whatever else is hidden, because the pin comes from
  the labels, not from what is published. The remedy therefore widens what the labels tell, one
  step at a time, on the relations that pin the cell (those whose hidden cells sit at the end of
  their ranges, else the one whose step hides least), and reruns the whole procedure after each
  step (Remedy): (1) ``SIZE``: the relation's hidden cells are shown as ``x`` with a reason that
  does not say they are small (``verhuld``, range ``[1, inf)``); (2) ``ZEROS``: its zeros are
  hidden too, with the same reason as its hidden cells, so a reader must allow 0 for each of them
  (``achtergehouden``, ``[0, inf)``); (3) ``RELATION``: the relation is withheld whole, margin
  included; (4) ``TABLE``: the whole table is withheld. Every step only widens ranges, so it never
  pins a cell that was free; the audit runs again after each step, and a table leaves only when
  no hidden cell is pinned (else DisclosureError: margins published elsewhere pin it). A hidden 0
  pinned at 0 with ``zero_is_safe`` does not count: it tells what a published 0 tells. The reader
  is assumed to know the labels and reasons, not the procedure that chose them (standard in
  disclosure auditing). ``MaskedTable.pinned`` keeps the cells that needed the remedy, for
  diagnostics; ``remedy`` and the Dutch ``note`` say how far it went.
* **Derived values** (shares, percentages, means) are withheld when any count they come from is
  suppressed, and means over fewer than ``k`` units are withheld.

All functions are pure: they take plain ints (or numpy arrays) and return frozen results.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any

import numpy as np

#: The default threshold: counts 1 to K_DEFAULT - 1 are suppressed.
K_DEFAULT = 5

#: How many complements the bound audit adds for one pinned cell before it hands the cell to the
#: remedy.
MAX_ATTEMPTS = 3

#: Why the second cell of a relation was suppressed (user-facing, Dutch).
REDEN_SECUNDAIR = "secundair: zou onderdrukte cel onthullen"


def reden_primair(k: int) -> str:
    """Why a small count was suppressed (user-facing, Dutch)."""
    return f"primair: minder dan {k}"


class Suppression(StrEnum):
    """How a cell came to be hidden (``geen`` = published).

    ``verhuld`` and ``achtergehouden`` come from the remedy for pinned cells and are always shown
    as ``x``: a ``verhuld`` cell is a hidden count whose ``<k`` is no longer shown (the reader
    knows only that it is not 0); an ``achtergehouden`` cell may be anything, 0 included.
    """

    GEEN = "geen"
    PRIMAIR = "primair"
    SECUNDAIR = "secundair"
    VERHULD = "verhuld"
    ACHTERGEHOUDEN = "achtergehouden"


class Remedy(IntEnum):
    """How far the remedy for pinned cells went; each step hides more than the one before.

    ``SIZE``: the hidden cells of the pinning relations are shown as ``x`` instead of ``<k``.
    ``ZEROS``: the zeros of those relations are hidden as well. ``RELATION``: those relations are
    withheld whole, margin included. ``TABLE``: the whole table is withheld.
    """

    NONE = 0
    SIZE = 1
    ZEROS = 2
    RELATION = 3
    TABLE = 4


#: Why the remedy hid a cell, per step (user-facing, Dutch). The text names the step, never the
#: cell's own suppression, so ``<k`` cannot be read back from it.
REDEN_REMEDIE: Mapping[Remedy, str] = {
    Remedy.SIZE: "grootte niet getoond: kleine aantallen te herleiden",
    Remedy.ZEROS: "tabeldeel onderdrukt, ook nullen: kleine aantallen te herleiden",
    Remedy.RELATION: "tabeldeel geheel onderdrukt: kleine aantallen te herleiden",
    Remedy.TABLE: "tabel geheel onderdrukt: kleine aantallen te herleiden",
}


def remedy_note(remedy: Remedy, k: int = K_DEFAULT) -> str | None:
    """A sentence for under a table that needed the remedy (user-facing, Dutch); None without one."""
    why = "anders waren kleine aantallen met de totalen precies te herleiden"
    return {
        Remedy.NONE: None,
        Remedy.SIZE: f"Bij een deel van de verborgen cellen staat niet of het aantal kleiner is dan {k}: {why}.",
        Remedy.ZEROS: f"Een deel van de tabel is verborgen, ook de nullen: {why}.",
        Remedy.RELATION: f"Een rij, kolom of totaal is geheel verborgen: {why}.",
        Remedy.TABLE: f"De tabel is geheel verborgen: {why}.",
    }[remedy]


class LabelStyle(StrEnum):
    """How a hidden cell is shown.

    ``cbs``: every hidden cell is ``x`` (CBS's sign for *geheim*).
    ``amsterdam``: a primary cell is ``<5`` (``<k``: the reader learns it is 1-4, Amsterdam's
    practice); a secondary cell is ``x``.
    """

    CBS = "cbs"
    AMSTERDAM = "amsterdam"


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
        if style == LabelStyle.AMSTERDAM and self.suppression is Suppression.PRIMAIR:
            return f"<{self.k}"
        return "x"


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


# --------------------------------------------------------------------------------------------
# The generic mechanism


def _check_counts(values: Sequence[Any]) -> list[int]:
    counts: list[int] = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, int | np.integer):
            raise DisclosureError(f"cel {i}: {v!r} is geen geheel aantal")
        if v < 0:
            raise DisclosureError(f"cel {i}: negatief aantal {v}")
        counts.append(int(v))
    return counts


def _check_groups(counts: list[int], groups: Sequence[Group]) -> None:
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


def _complement(
    candidates: Sequence[int], counts: list[int], status: list[Suppression], margins: set[int]
) -> int | None:
    """The cell to suppress next to a lone suppressed one: smallest non-zero interior cell first."""
    open_cells = [i for i in candidates if status[i] is Suppression.GEEN]
    if not open_cells:
        return None
    return min(open_cells, key=lambda i: (counts[i] == 0, i in margins, counts[i], i))


def _apply_single_rule(
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


def recoverable_cells(
    n_cells: int, groups: Sequence[Group], hidden: Sequence[int], *, method: str = "auto"
) -> list[int]:
    """The hidden cells whose value follows from the published cells and relations.

    Every relation is a linear equation (parts minus total equals zero, or equals a margin
    published elsewhere). A hidden cell is recoverable when it takes the same value in every
    solution of those equations. Two routes give the same answer:

    * ``graph``: when every hidden cell is in at most two relations and the signs balance (true
      for every 1-D and 2-D table with margins), the relations are the vertices and the hidden
      cells the edges of a graph (a cell in one relation is an edge to a shared free vertex);
      the solutions are the cycle flows, so a cell is recoverable exactly when its edge is a
      bridge. Linear time.
    * ``svd``: in general, the null space of the equations restricted to the hidden cells, per
      connected component; a cell is recoverable when the null space is zero at that cell.

    ``auto`` takes the graph route when it applies.
    """
    hidden_set = set(hidden)
    if any(not 0 <= i < n_cells for i in hidden_set):
        raise DisclosureError("verborgen cel buiten de tabel")
    if method not in ("auto", "graph", "svd"):
        raise ValueError(f"onbekende methode {method!r}")
    if method != "svd":
        edges = _signed_edges(groups, hidden_set)
        if edges is not None:
            return _bridges(len(groups) + 1, edges)
        if method == "graph":
            raise DisclosureError("deze relaties passen niet in een graaf; gebruik method='svd'")
    return _recoverable_svd(groups, hidden_set)


def _signed_edges(groups: Sequence[Group], hidden: set[int]) -> list[tuple[int, int, int]] | None:
    """Edges (tail, head, cell) when the relations over the hidden cells form a balanced graph.

    After scaling every relation by its sign, a cell in two relations has coefficient -1 in one
    (its tail) and +1 in the other (its head), so the equations read "inflow minus outflow is
    known" at every vertex: raising a cell moves one unit of flow from its tail to its head.
    """
    ground = len(groups)
    seen: dict[int, list[tuple[int, int]]] = {i: [] for i in hidden}
    for gi, g in enumerate(groups):
        for i in g.parts:
            if i in hidden:
                seen[i].append((gi, 1))
        if g.total is not None and g.total in hidden:
            seen[g.total].append((gi, -1))
    if any(len(m) > 2 for m in seen.values()):
        return None
    # Balance: scale each relation by +1/-1 so every cell in two relations has opposite signs.
    neighbours: dict[int, list[tuple[int, int]]] = {}
    for m in seen.values():
        if len(m) == 2:
            (g1, a), (g2, b) = m
            neighbours.setdefault(g1, []).append((g2, -a * b))
            neighbours.setdefault(g2, []).append((g1, -a * b))
    sign: dict[int, int] = {}
    for start in neighbours:
        if start in sign:
            continue
        sign[start] = 1
        stack = [start]
        while stack:
            vertex = stack.pop()
            for other, factor in neighbours[vertex]:
                wanted = sign[vertex] * factor
                if other not in sign:
                    sign[other] = wanted
                    stack.append(other)
                elif sign[other] != wanted:
                    return None
    edges = []
    for cell, m in seen.items():
        scaled = [(g, a * sign.get(g, 1)) for g, a in m]
        if len(scaled) == 1:
            scaled.append((ground, -scaled[0][1]))
        if len(scaled) == 2:
            (tail, _), (head, _) = sorted(scaled, key=lambda gs: gs[1])
            edges.append((tail, head, cell))
    return edges


def _bridges(n_vertices: int, edges: Sequence[tuple[int, int, int]]) -> list[int]:
    """Cells whose edge is a bridge (iterative Tarjan; parallel edges are kept apart)."""
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n_vertices)]
    for e, (u, v, _) in enumerate(edges):
        adjacency[u].append((v, e))
        adjacency[v].append((u, e))
    order = [-1] * n_vertices
    low = [0] * n_vertices
    counter = 0
    bridges: list[int] = []
    for root in range(n_vertices):
        if order[root] != -1 or not adjacency[root]:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]  # vertex, edge we came by, next neighbour
        while stack:
            v, via, nxt = stack[-1]
            if nxt < len(adjacency[v]):
                stack[-1] = (v, via, nxt + 1)
                w, e = adjacency[v][nxt]
                if e == via:
                    continue
                if order[w] == -1:
                    order[w] = low[w] = counter
                    counter += 1
                    stack.append((w, e, 0))
                else:
                    low[v] = min(low[v], order[w])
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[v])
                    if low[v] > order[parent]:
                        bridges.append(edges[via][2])
    return sorted(bridges)


def _recoverable_svd(groups: Sequence[Group], hidden_set: set[int]) -> list[int]:
    found: list[int] = []
    for cells in _components(groups, hidden_set):
        position = {cell: j for j, cell in enumerate(cells)}
        rows = []
        for g in groups:
            row = np.zeros(len(cells))
            for i in g.parts:
                if i in position:
                    row[position[i]] = 1.0
            if g.total is not None and g.total in position:
                row[position[g.total]] = -1.0
            if row.any():
                rows.append(row)
        if not rows:
            continue
        _, singular, vt = np.linalg.svd(np.vstack(rows))
        rank = int((singular > 1e-9).sum())
        null_space = vt[rank:]
        for cell, j in position.items():
            if null_space.shape[0] == 0 or np.abs(null_space[:, j]).max() < 1e-9:
                found.append(cell)
    return sorted(found)


# --------------------------------------------------------------------------------------------
# The bound audit: margins together with the ranges a reader knows


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
    edges = _signed_edges(groups, set(hidden))
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
    for component in _components(groups, hidden_set):
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


def _components(groups: Sequence[Group], hidden_set: set[int]) -> list[list[int]]:
    """The hidden cells, split into the sets linked by relations (each sorted)."""
    parent = {i: i for i in hidden_set}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for g in groups:
        unknown = [i for i in g.members if i in hidden_set]
        for other in unknown[1:]:
            parent[find(other)] = find(unknown[0])
    components: dict[int, list[int]] = {}
    for i in sorted(hidden_set):
        components.setdefault(find(i), []).append(i)
    return list(components.values())


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


def suppress(
    values: Sequence[int] | np.ndarray,
    groups: Sequence[Group] = (),
    *,
    k: int = K_DEFAULT,
    zero_is_safe: bool = True,
    audit_bounds: bool = True,
) -> MaskedTable:
    """Suppress small counts and their complements in a table given as cells plus relations.

    ``values`` are non-negative integer counts, margins included; ``groups`` list the relations
    (see Group). ``audit_bounds=False`` skips the bound audit and its remedy (exact recovery only;
    for comparison, never for publication). Raises DisclosureError for negative or non-integer
    counts, a margin that is not the sum of its parts, or a table that cannot be protected (a cell
    pinned even with the whole table withheld: margins published elsewhere give it away).
    """
    if k < 1:
        raise DisclosureError("k moet minstens 1 zijn")
    counts = _check_counts(list(values))
    groups = tuple(groups)
    _check_groups(counts, groups)
    margins = {g.total for g in groups if g.total is not None}

    status = [
        Suppression.PRIMAIR if (0 < c < k or (c == 0 and not zero_is_safe and k > 0)) else Suppression.GEEN
        for c in counts
    ]
    known_free: set[int] = set()  # shown free once, free for good: every later step widens ranges
    passed: set[int] = set()  # the hidden cells when the exact audit last found nothing

    def settle() -> list[int]:
        still = _settle(
            counts,
            groups,
            status,
            margins,
            k=k,
            zero_is_safe=zero_is_safe,
            audit_bounds=audit_bounds,
            known_free=known_free,
            passed=passed,
        )
        # A hidden 0 that the reader can pin down tells what a published 0 would: not disclosive.
        return [cell for cell in still if counts[cell] > 0 or not zero_is_safe]

    pinned = settle()
    first = tuple(pinned)
    remedy = Remedy.NONE
    steps = _Steps()
    while pinned and remedy is not Remedy.TABLE:
        remedy = max(remedy, _escalate(pinned, counts, groups, status, steps, k=k, zero_is_safe=zero_is_safe))
        pinned = settle()
    if pinned:  # The invariant: no table leaves Leefbaar with a hidden count a reader can pin down.
        raise DisclosureError(
            f"tabel niet te beschermen: cel(len) {', '.join(map(str, pinned))} blijven te herleiden, "
            "ook als de hele tabel wordt achtergehouden (door elders gepubliceerde totalen)"
        )

    primary_reason = reden_primair(k)
    reasons = {Suppression.PRIMAIR: primary_reason, Suppression.SECUNDAIR: REDEN_SECUNDAIR}
    cells = tuple(
        MaskedCell(
            value=None if s is not Suppression.GEEN else c,
            suppression=s,
            reason=REDEN_REMEDIE[steps.of_cell[i]] if i in steps.of_cell else reasons.get(s),
            k=k,
        )
        for i, (c, s) in enumerate(zip(counts, status, strict=True))
    )
    return MaskedTable(cells=cells, groups=groups, k=k, pinned=first, remedy=remedy)


def _settle(
    counts: list[int],
    groups: Sequence[Group],
    status: list[Suppression],
    margins: set[int],
    *,
    k: int,
    zero_is_safe: bool,
    audit_bounds: bool,
    known_free: set[int],
    passed: set[int],
) -> list[int]:
    """Hide complements until the table is at rest; return the cells the bound audit still pins.

    Each round applies the single-cell rule, then the exact audit (a recoverable cell gets a
    complement), then the bound audit (a pinned cell gets a complement). A cell pinned by the
    bounds alone (``_hopeless``) or still pinned after MAX_ATTEMPTS complements is given up here
    rather than hiding ever more of the table around it; the remedy takes it from there.

    The single-cell rule and the exact audit depend on which cells are hidden only, not on their
    labels: they are skipped while the hidden cells are those they last ``passed`` (updated in
    place; a remedy step that only relabels needs the bound audit alone).
    """
    stuck: set[int] = set()
    attempts: dict[int, int] = {}
    # Every round but the last hides a cell or gives one up, so 2n + 1 rounds always suffice.
    for _ in range(2 * len(counts) + 2):
        hidden = [i for i, s in enumerate(status) if s is not Suppression.GEEN]
        if set(hidden) != passed:
            _apply_single_rule(counts, status, groups, margins)
            hidden = [i for i, s in enumerate(status) if s is not Suppression.GEEN]
            exposed = recoverable_cells(len(counts), groups, hidden)
            if exposed:
                _hide_next_to(exposed[:1], counts, status, groups, margins)
                continue
            passed.clear()
            passed.update(hidden)
        if not audit_bounds:
            return []
        lower, upper = cell_bounds(counts, status, k=k, zero_is_safe=zero_is_safe)
        pinned = pinned_cells(counts, groups, hidden, lower, upper, known_free=known_free)
        stuck.update(_hopeless(counts, groups, status, lower, upper))
        for cell in pinned:
            attempts[cell] = attempts.get(cell, 0) + 1
        stuck.update(cell for cell, n in attempts.items() if n > MAX_ATTEMPTS and cell in pinned)
        stuck.update(
            _hide_next_to(pinned, counts, status, groups, margins, stuck=stuck, bounds=(lower, upper))
        )
        if not set(pinned) - stuck:
            break
    else:  # pragma: no cover - every round hides one more cell or gives one up
        raise DisclosureError("onderdrukking kwam niet tot rust")
    if not pinned:
        return []
    # Cells given up earlier may have been freed by complements added for others since.
    lower, upper = cell_bounds(counts, status, k=k, zero_is_safe=zero_is_safe)
    hidden = [i for i, s in enumerate(status) if s is not Suppression.GEEN]
    return pinned_cells(counts, groups, hidden, lower, upper, known_free=known_free)


@dataclass
class _Steps:
    """The remedy so far: the step each relation (by index) and each remedied cell has reached."""

    of_group: dict[int, Remedy] = field(default_factory=dict)
    of_cell: dict[int, Remedy] = field(default_factory=dict)


def _escalate(
    pinned: Sequence[int],
    counts: Sequence[int],
    groups: Sequence[Group],
    status: list[Suppression],
    steps: _Steps,
    *,
    k: int,
    zero_is_safe: bool,
) -> Remedy:
    """Take relations of the pinned cells one step further (see Remedy); return the furthest step.

    Per pinned cell, of its relations with a step left that widens a range (``_next_step``): those
    whose hidden cells sit at the edge of their ranges (``_tight``: what pins it), else the one
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
        tight = [gi for gi in left if _tight(groups[gi], counts, status, lower, upper)]
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
    steps: _Steps,
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
    group: Group, step: Remedy, counts: Sequence[int], status: Sequence[Suppression], steps: _Steps
) -> list[int]:
    """The cells of ``group`` that ``step`` hides and no earlier step hid as far."""
    if step is Remedy.SIZE:
        covered = [i for i in group.members if status[i] is not Suppression.GEEN]
    elif step is Remedy.ZEROS:
        covered = [i for i in group.members if status[i] is not Suppression.GEEN or counts[i] == 0]
    else:
        covered = list(group.members)
    return [i for i in covered if steps.of_cell.get(i, Remedy.NONE) < step]


def _cover(cells: Iterable[int], step: Remedy, status: list[Suppression], steps: _Steps) -> None:
    """Hide ``cells`` as the remedy step says; a cell keeps the furthest step it was given."""
    for i in cells:
        if steps.of_cell.get(i, Remedy.NONE) >= step:
            continue
        steps.of_cell[i] = step
        status[i] = Suppression.VERHULD if step is Remedy.SIZE else Suppression.ACHTERGEHOUDEN


def _hopeless(
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


def _tight(
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


def _hide_next_to(
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
            tight = [gi for gi in own if _tight(groups[gi], counts, status, *bounds)]
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


# --------------------------------------------------------------------------------------------
# 1-D and 2-D tables


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
    counts = _check_counts(list(counts))
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
) -> Table2D:
    """Suppress a matrix of counts published with row totals, column totals and a grand total.

    Turn a margin off only when it is published nowhere: a margin on another page reveals the
    same. The grand total is part of the table as soon as one kind of margin is.
    """
    rows = [list(r) for r in counts]
    m = len(rows)
    n = len(rows[0]) if m else 0
    if any(len(r) != n for r in rows):
        raise DisclosureError("de rijen van de tabel zijn niet even lang")
    flat = _check_counts([v for r in rows for v in r])
    matrix = [flat[i * n : (i + 1) * n] for i in range(m)]
    layout, groups = _layout_2d(m, n, row_totals, column_totals)
    values = list(flat)
    if row_totals:
        values += [sum(r) for r in matrix]
    if column_totals:
        values += [sum(matrix[i][j] for i in range(m)) for j in range(n)]
    if layout["grand"] is not None:
        values.append(sum(flat))
    table = suppress(values, groups, k=k, zero_is_safe=zero_is_safe)
    c = table.cells
    return Table2D(
        cells=tuple(tuple(c[idx] for idx in row) for row in layout["interior"]),
        row_totals=tuple(c[i] for i in layout["rt"]) if row_totals else None,
        column_totals=tuple(c[i] for i in layout["ct"]) if column_totals else None,
        grand_total=c[layout["grand"]] if layout["grand"] is not None else None,
        remedy=table.remedy,
        k=k,
    )


# --------------------------------------------------------------------------------------------
# Rows of dicts (what services hand to pages, API and exports)


@dataclass(frozen=True)
class MaskedRows:
    """Rows of dicts with hidden counts set to None, the reasons per row, and the total row.

    ``reasons[i]`` maps each hidden column of ``rows[i]`` to its reason; ``total_row`` (None when
    column totals are off) has the same shape, with ``total_reasons`` beside it. ``table`` holds
    the MaskedCells themselves.
    """

    rows: tuple[dict[str, Any], ...]
    reasons: tuple[dict[str, str], ...]
    total_row: dict[str, Any] | None
    total_reasons: dict[str, str]
    count_columns: tuple[str, ...]
    total_column: str | None
    table: Table2D

    @property
    def note(self) -> str | None:
        """The Dutch sentence to show under the table when the remedy acted (see Remedy), else None."""
        return self.table.note

    def labelled(self, style: LabelStyle = LabelStyle.CBS) -> list[dict[str, Any]]:
        """The rows (and the total row, last) with every count as display text (``x``, ``<5``)."""
        t = self.table
        out: list[dict[str, Any]] = []
        for i, row in enumerate(self.rows):
            total = t.row_totals[i] if t.row_totals is not None else None
            out.append(self._label_row(row, t.cells[i], total, style))
        if self.total_row is not None and t.column_totals is not None:
            out.append(self._label_row(self.total_row, t.column_totals, t.grand_total, style))
        return out

    def _label_row(
        self, row: dict[str, Any], cells: Sequence[MaskedCell], total: MaskedCell | None, style: LabelStyle
    ) -> dict[str, Any]:
        labelled = dict(row)
        for column, cell in zip(self.count_columns, cells, strict=True):
            labelled[column] = cell.label(style)
        if self.total_column is not None and total is not None:
            labelled[self.total_column] = total.label(style)
        return labelled


def suppress_rows(
    rows: Sequence[Mapping[str, Any]],
    count_columns: Sequence[str],
    *,
    total_column: str | None = "totaal",
    total_row: Mapping[str, Any] | None = None,
    k: int = K_DEFAULT,
    zero_is_safe: bool = True,
) -> MaskedRows:
    """Suppress counts in rows of dicts, e.g. one row per gemeente with a count per aandachtsgroep.

    The rows are one 2-D table: ``count_columns`` are its columns; ``total_column`` (None: no
    row totals) adds each row's total under that key; ``total_row`` (None: no column totals)
    gives the labels of the total row (e.g. ``{"gemeente": "Totaal"}``), whose counts are the
    column sums. Other keys are copied unchanged. Raises DisclosureError for a missing or
    non-integer count.
    """
    columns = tuple(count_columns)
    if total_column is not None and total_column in columns:
        raise DisclosureError(f"totaalkolom '{total_column}' is ook een telkolom")
    matrix: list[list[int]] = []
    for i, row in enumerate(rows):
        missing = [c for c in columns if c not in row]
        if missing:
            raise DisclosureError(f"rij {i}: kolom(men) {', '.join(missing)} ontbreken")
        matrix.append([row[c] for c in columns])
    table = suppress_2d(
        matrix, row_totals=total_column is not None, column_totals=total_row is not None, k=k,
        zero_is_safe=zero_is_safe,
    )  # fmt: skip

    def emit(
        labels: Mapping[str, Any], cells: Sequence[MaskedCell], total: MaskedCell | None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        out = {key: value for key, value in labels.items() if key not in columns and key != total_column}
        why: dict[str, str] = {}
        for column, cell in zip(columns, cells, strict=True):
            out[column] = cell.value
            if cell.reason:
                why[column] = cell.reason
        if total_column is not None and total is not None:
            out[total_column] = total.value
            if total.reason:
                why[total_column] = total.reason
        return out, why

    out_rows, out_reasons = [], []
    for i, row in enumerate(rows):
        total = table.row_totals[i] if table.row_totals is not None else None
        emitted, why = emit(row, table.cells[i], total)
        out_rows.append(emitted)
        out_reasons.append(why)
    masked_total: dict[str, Any] | None = None
    total_reasons: dict[str, str] = {}
    if total_row is not None and table.column_totals is not None:
        masked_total, total_reasons = emit(total_row, table.column_totals, table.grand_total)
    return MaskedRows(
        rows=tuple(out_rows),
        reasons=tuple(out_reasons),
        total_row=masked_total,
        total_reasons=total_reasons,
        count_columns=columns,
        total_column=total_column,
        table=table,
    )


# --------------------------------------------------------------------------------------------
# Derived values

REDEN_AFGELEID = "afgeleid van een onderdrukte cel"
REDEN_NOEMER_NUL = "noemer is 0"


def reden_gemiddelde(k: int) -> str:
    return f"gemiddelde over minder dan {k} eenheden"


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
