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
  procedure repeats. Protection is against *exact* recovery; bounds from non-negativity are
  not widened (that is a protection-interval method such as tau-argus, out of scope here).
* **Derived values** (shares, percentages, means) are withheld when any count they come from is
  suppressed, and means over fewer than ``k`` units are withheld.

All functions are pure: they take plain ints (or numpy arrays) and return frozen results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

#: The default threshold: counts 1 to K_DEFAULT - 1 are suppressed.
K_DEFAULT = 5

#: Why the second cell of a relation was suppressed (user-facing, Dutch).
REDEN_SECUNDAIR = "secundair: zou onderdrukte cel onthullen"


def reden_primair(k: int) -> str:
    """Why a small count was suppressed (user-facing, Dutch)."""
    return f"primair: minder dan {k}"


class Suppression(StrEnum):
    """How a cell came to be hidden (``geen`` = published)."""

    GEEN = "geen"
    PRIMAIR = "primair"
    SECUNDAIR = "secundair"


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
    """Edges (vertex, vertex, cell) when the relations over the hidden cells form a balanced graph."""
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
        if len(m) == 2:
            edges.append((m[0][0], m[1][0], cell))
        elif len(m) == 1:
            edges.append((m[0][0], ground, cell))
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

    found: list[int] = []
    for cells in components.values():
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


def suppress(
    values: Sequence[int] | np.ndarray,
    groups: Sequence[Group] = (),
    *,
    k: int = K_DEFAULT,
    zero_is_safe: bool = True,
) -> MaskedTable:
    """Suppress small counts and their complements in a table given as cells plus relations.

    ``values`` are non-negative integer counts, margins included; ``groups`` list the relations
    (see Group). Raises DisclosureError for negative or non-integer counts, a margin that is not
    the sum of its parts, or a table that cannot be protected.
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
    for _ in range(len(counts) + 1):
        _apply_single_rule(counts, status, groups, margins)
        hidden = [i for i, s in enumerate(status) if s is not Suppression.GEEN]
        exposed = recoverable_cells(len(counts), groups, hidden)
        if not exposed:
            break
        cell = exposed[0]
        neighbours = [i for g in groups if cell in g.members for i in g.members if i != cell]
        chosen = _complement(neighbours, counts, status, margins)
        if chosen is None:
            raise DisclosureError(f"cel {cell} blijft herleidbaar, ook als alles eromheen verborgen is")
        status[chosen] = Suppression.SECUNDAIR
    else:  # pragma: no cover - every round hides one more cell, so the loop ends in time
        raise DisclosureError("onderdrukking kwam niet tot rust")

    primary_reason = reden_primair(k)
    cells = tuple(
        MaskedCell(
            value=None if s is not Suppression.GEEN else c,
            suppression=s,
            reason={Suppression.PRIMAIR: primary_reason, Suppression.SECUNDAIR: REDEN_SECUNDAIR}.get(s),
            k=k,
        )
        for c, s in zip(counts, status, strict=True)
    )
    return MaskedTable(cells=cells, groups=groups, k=k)


# --------------------------------------------------------------------------------------------
# 1-D and 2-D tables


@dataclass(frozen=True)
class Table1D:
    """A masked list of counts with its (optional) total."""

    cells: tuple[MaskedCell, ...]
    total: MaskedCell | None


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
        return Table1D(cells=table.cells, total=None)
    n = len(counts)
    table = suppress([*counts, sum(counts)], [Group(tuple(range(n)), n)], k=k, zero_is_safe=zero_is_safe)
    return Table1D(cells=table.cells[:n], total=table.cells[n])


@dataclass(frozen=True)
class Table2D:
    """A masked matrix of counts with its margins (None where a margin is not published)."""

    cells: tuple[tuple[MaskedCell, ...], ...]
    row_totals: tuple[MaskedCell, ...] | None
    column_totals: tuple[MaskedCell, ...] | None
    grand_total: MaskedCell | None


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
