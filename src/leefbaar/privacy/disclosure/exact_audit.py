"""The exact audit: which hidden cells follow from the published cells and relations by linear
algebra alone (a bridge in the graph of relations, or a zero of the null space).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from leefbaar.privacy.disclosure.model import DisclosureError, Group


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
        edges = signed_edges(groups, hidden_set)
        if edges is not None:
            return _bridges(len(groups) + 1, edges)
        if method == "graph":
            raise DisclosureError("deze relaties passen niet in een graaf; gebruik method='svd'")
    return _recoverable_svd(groups, hidden_set)


def signed_edges(groups: Sequence[Group], hidden: set[int]) -> list[tuple[int, int, int]] | None:
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
    for cells in components(groups, hidden_set):
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


def components(groups: Sequence[Group], hidden_set: set[int]) -> list[list[int]]:
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
