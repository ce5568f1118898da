"""Disclosure control: primary and secondary suppression, zeros, derived values, and an attacker.

The attacker (``_attack``) is written here independently of the module: it solves the published
equations exactly with fractions (Gauss-Jordan) and reports every hidden cell it can pin down.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pytest

from leefbaar.privacy.disclosure import (
    REDEN_SECUNDAIR,
    DisclosureError,
    Group,
    LabelStyle,
    MaskedCell,
    Remedy,
    Suppression,
    cell_bounds,
    derive,
    feasible_ranges,
    mean,
    pinned_cells,
    recoverable_cells,
    share,
    suppress,
    suppress_1d,
    suppress_2d,
    suppress_rows,
)

P = "primair: minder dan 5"
S = REDEN_SECUNDAIR


# ----------------------------------------------------------------------------------------------
# An independent attacker


def _attack(values: Sequence[int], groups: Sequence[Group], hidden: set[int]) -> dict[int, Fraction]:
    """Every hidden cell whose value follows exactly from the published cells and relations."""
    unknown = sorted(hidden)
    col = {cell: j for j, cell in enumerate(unknown)}
    rows: list[list[Fraction]] = []
    for g in groups:
        row = [Fraction(0)] * (len(unknown) + 1)
        terms = [(i, 1) for i in g.parts] + ([(g.total, -1)] if g.total is not None else [])
        constant = Fraction(0)
        for cell, sign in terms:
            if cell in col:
                row[col[cell]] += sign
            else:
                constant -= sign * values[cell]
        if g.total is None:  # a margin published elsewhere: parts = its (known) value
            constant += sum(values[i] for i in g.parts)
        row[-1] = constant
        rows.append(row)
    # Gauss-Jordan elimination over the rationals.
    pivot_row = 0
    pivots: dict[int, int] = {}
    for j in range(len(unknown)):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][j] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][j]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][j] != 0:
                factor = rows[r][j]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivots[j] = pivot_row
        pivot_row += 1
    recovered: dict[int, Fraction] = {}
    for j, r in pivots.items():
        if all(rows[r][other] == 0 for other in range(len(unknown)) if other != j):
            recovered[unknown[j]] = rows[r][-1]
    return recovered


def _peel(values: Sequence[int], groups: Sequence[Group], hidden: set[int]) -> dict[int, int]:
    """The naive attacker: repeatedly subtract the known cells of a relation with one unknown."""
    known = {i: v for i, v in enumerate(values) if i not in hidden}
    progress = True
    while progress:
        progress = False
        for g in groups:
            members = [*g.parts, *([g.total] if g.total is not None else [])]
            missing = [i for i in members if i not in known]
            if len(missing) != 1:
                continue
            cell = missing[0]
            total = values_total(g, values, known)
            if cell == g.total:
                known[cell] = sum(known[i] for i in g.parts)
            else:
                known[cell] = total - sum(known[i] for i in g.parts if i != cell)
            progress = True
    return {i: known[i] for i in hidden if i in known}


def values_total(g: Group, values: Sequence[int], known: dict[int, int]) -> int:
    if g.total is None:
        return sum(values[i] for i in g.parts)  # published elsewhere
    return known.get(g.total, -1)


def test_attacker_does_recover_a_cell_protected_by_the_single_rule_alone() -> None:
    # Two 2x2 blocks of small cells joined by one small cell (0, 2): every row and column has two
    # or more hidden cells, yet (0, 2) is a bridge and follows from the margins. Proves the
    # attacker works, and why suppress() audits after the single-cell rule.
    table = [[1, 2, 3, 50], [2, 1, 60, 70], [80, 90, 4, 1], [85, 95, 2, 3]]
    values, groups = _flatten_2d(table)
    primaries = {i for i, v in enumerate(values) if 0 < v < 5}
    assert _peel(values, groups, primaries) == {}  # subtraction in one relation finds nothing
    assert _attack(values, groups, primaries) == {2: Fraction(3)}  # but algebra finds (0, 2)


# ----------------------------------------------------------------------------------------------
# 1-D


@pytest.mark.parametrize(
    ("counts", "values", "total", "reasons"),
    [
        # one small cell and a published total: the smallest other non-zero cell goes too
        ([3, 10, 12, 20], [None, None, 12, 20], 45, [P, S, None, None]),
        # zeros are published and are not chosen as complement while a non-zero cell exists
        ([0, 3, 0, 8], [0, None, 0, None], 11, [None, P, None, S]),
        # nothing small: the table is unchanged
        ([5, 6, 0, 12], [5, 6, 0, 12], 23, [None, None, None, None]),
        # two small cells protect each other; the total 7 is large enough to show
        ([3, 4, 0], [None, None, 0], 7, [P, P, None]),
        # everything small, the total as well
        ([1, 2], [None, None], None, [P, P]),
        # a tie between complements (10 and 10) goes to the first
        ([4, 10, 10], [None, None, 10], 24, [P, S, None]),
    ],
)
def test_suppress_1d(
    counts: list[int], values: list[int | None], total: int | None, reasons: list[str | None]
) -> None:
    table = suppress_1d(counts)
    assert [c.value for c in table.cells] == values
    assert [c.reason for c in table.cells] == reasons
    assert table.total is not None
    assert table.total.value == total


def test_suppress_1d_without_total_needs_no_complement() -> None:
    table = suppress_1d([3, 10], with_total=False)
    assert [c.value for c in table.cells] == [None, 10]
    assert table.total is None


def test_zero_can_be_treated_as_disclosive() -> None:
    table = suppress_1d([0, 3, 0, 8], zero_is_safe=False)
    assert [c.value for c in table.cells] == [None, None, None, 8]
    assert [c.suppression for c in table.cells][:3] == [Suppression.PRIMAIR] * 3
    assert table.total is not None and table.total.value == 11


def test_other_k() -> None:
    table = suppress_1d([9, 10, 30], k=10)
    assert [c.value for c in table.cells] == [None, None, 30]
    assert table.cells[0].reason == "primair: minder dan 10"


# ----------------------------------------------------------------------------------------------
# 2-D


def _flatten_2d(table: list[list[int]]) -> tuple[list[int], list[Group]]:
    """The same layout as suppress_2d: interior, row totals, column totals, grand total."""
    m, n = len(table), len(table[0])
    values = [v for row in table for v in row]
    values += [sum(row) for row in table]
    values += [sum(table[i][j] for i in range(m)) for j in range(n)]
    values.append(sum(sum(row) for row in table))
    rt, ct, grand = m * n, m * n + m, m * n + m + n
    groups = [Group(tuple(i * n + j for j in range(n)), rt + i) for i in range(m)]
    groups.append(Group(tuple(rt + i for i in range(m)), grand))
    groups += [Group(tuple(i * n + j for i in range(m)), ct + j) for j in range(n)]
    groups.append(Group(tuple(ct + j for j in range(n)), grand))
    return values, groups


def test_2d_one_primary_forces_row_and_column_complements() -> None:
    table = [[2, 10, 20], [9, 11, 30], [40, 50, 60]]
    result = suppress_2d(table)
    shown = [[c.value for c in row] for row in result.cells]
    # (0,0) primary; row 0 gives up 10, column 0 gives up 9, then column 1 / row 1 give up 11.
    assert shown == [[None, None, 20], [None, None, 30], [40, 50, 60]]
    assert [[c.suppression.value for c in row] for row in result.cells][:2] == [
        ["primair", "secundair", "geen"],
        ["secundair", "secundair", "geen"],
    ]
    assert result.row_totals is not None and result.column_totals is not None
    assert [c.value for c in result.row_totals] == [32, 50, 150]
    assert [c.value for c in result.column_totals] == [51, 71, 110]
    assert result.grand_total is not None and result.grand_total.value == 232


def test_2d_complements_chain_until_fixed_point() -> None:
    # Hand-run: (0,0)=3 primary; row 0 -> 10; col 0 -> 8; col 1 -> 6; row 1 -> 9; row 2 -> 7;
    # col 2 -> 12. Afterwards every row and column has 0 or at least 2 hidden cells.
    table = [[3, 10, 12], [8, 9, 20], [15, 6, 7]]
    result = suppress_2d(table)
    assert [[c.value for c in row] for row in result.cells] == [
        [None, None, None],
        [None, None, 20],
        [15, None, None],
    ]


def test_2d_audit_breaks_a_bridge() -> None:
    table = [[1, 2, 3, 50], [2, 1, 60, 70], [80, 90, 4, 1], [85, 95, 2, 3]]
    result = suppress_2d(table)
    shown = [[c.value for c in row] for row in result.cells]
    # All small cells hidden, plus (0,3)=50: the smallest non-zero neighbour of the bridge (0,2).
    assert shown == [
        [None, None, None, None],
        [None, None, 60, 70],
        [80, 90, None, None],
        [85, 95, None, None],
    ]
    assert result.cells[0][3].reason == S


def test_2d_without_small_cells_is_unchanged() -> None:
    table = [[5, 0, 7], [0, 0, 9]]
    result = suppress_2d(table)
    assert [[c.value for c in row] for row in result.cells] == table
    assert result.grand_total is not None and result.grand_total.value == 21


def test_2d_small_margin_is_itself_suppressed_and_protected() -> None:
    # Row 1 is [0, 3, 0]: the cell and the row total 3 are both primary.
    table = [[10, 20, 30], [0, 3, 0], [40, 50, 60]]
    result = suppress_2d(table)
    assert result.row_totals is not None
    assert result.row_totals[1].value is None
    values, groups = _flatten_2d(table)
    hidden = {i for i, c in enumerate(_flat_cells(result)) if c.hidden}
    assert _attack(values, groups, hidden) == {}


def _flat_cells(result: object) -> list[MaskedCell]:
    from leefbaar.privacy.disclosure import Table2D

    assert isinstance(result, Table2D)
    assert result.row_totals is not None and result.column_totals is not None
    assert result.grand_total is not None
    return [
        *[c for row in result.cells for c in row],
        *result.row_totals,
        *result.column_totals,
        result.grand_total,
    ]


@pytest.mark.parametrize("seed", range(60))
def test_random_2d_tables_leave_nothing_recoverable(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = (int(x) for x in rng.integers(2, 7, size=2))
    table = rng.poisson(rng.uniform(1, 12), size=(m, n)).tolist()
    result = suppress_2d(table)
    values, groups = _flatten_2d(table)
    cells = _flat_cells(result)
    hidden = {i for i, c in enumerate(cells) if c.hidden}
    assert _attack(values, groups, hidden) == {}
    assert _peel(values, groups, hidden) == {}
    # Every small non-zero count is hidden; every shown value is the true one.
    assert all(c.hidden for c, v in zip(cells, values, strict=True) if 0 < v < 5)
    assert all(c.value == v for c, v in zip(cells, values, strict=True) if not c.hidden)


@pytest.mark.parametrize("seed", range(30))
def test_random_generic_relations_with_an_extra_diagonal_total(seed: int) -> None:
    # A cell in three relations (row, column and a diagonal total published elsewhere) takes
    # the linear-algebra route of the audit.
    rng = np.random.default_rng(1000 + seed)
    table = rng.poisson(rng.uniform(2, 9), size=(4, 4)).tolist()
    values, groups = _flatten_2d(table)
    groups.append(Group(tuple(i * 4 + i for i in range(4))))
    result = suppress(values, groups)
    hidden = set(result.hidden)
    assert _attack(values, groups, hidden) == {}


def test_hierarchy_buurten_wijken_gemeente() -> None:
    # b0..b5 in two wijken (cells 6, 7) in one gemeente (cell 8).
    values = [3, 20, 30, 40, 50, 60, 53, 150, 203]
    groups = [Group((0, 1, 2), 6), Group((3, 4, 5), 7), Group((6, 7), 8)]
    result = suppress(values, groups)
    assert result.values == (None, None, 30, 40, 50, 60, 53, 150, 203)
    assert _attack(values, groups, set(result.hidden)) == {}


@pytest.mark.parametrize(
    ("values", "groups", "message"),
    [
        ([3, 4, 8], [Group((0, 1), 2)], "niet de som"),  # inconsistent margin
        ([3, -1], [], "negatief"),  # negative count
        ([3, 2.5], [], "geen geheel aantal"),  # not a count
        ([3, True], [], "geen geheel aantal"),  # a bool is not a count
        ([3, 4], [Group((0,))], "maar één cel"),  # a relation of one cell cannot be protected
        ([3, 4], [Group((0, 5))], "buiten de tabel"),  # bad index
    ],
)
def test_bad_tables_are_refused(values: list[object], groups: list[Group], message: str) -> None:
    with pytest.raises(DisclosureError, match=message):
        suppress(values, groups)  # type: ignore[arg-type]


def test_recoverable_cells_graph_and_svd_agree() -> None:
    values, groups = _flatten_2d([[1, 2, 3, 50], [2, 1, 60, 70], [80, 90, 4, 1], [85, 95, 2, 3]])
    hidden = [i for i, v in enumerate(values) if 0 < v < 5]
    assert recoverable_cells(len(values), groups, hidden, method="graph") == [2]
    assert recoverable_cells(len(values), groups, hidden, method="svd") == [2]


# ----------------------------------------------------------------------------------------------
# Rows of dicts, labels, derived values


def test_suppress_rows_per_gemeente_and_aandachtsgroep() -> None:
    rows = [
        {"gemeente": "GM0001", "dakloos": 3, "statushouder": 12, "student": 20},
        {"gemeente": "GM0002", "dakloos": 9, "statushouder": 15, "student": 30},
        {"gemeente": "GM0003", "dakloos": 11, "statushouder": 14, "student": 40},
    ]
    result = suppress_rows(rows, ["dakloos", "statushouder", "student"], total_row={"gemeente": "Totaal"})
    # Hand-run: 3 primary; row GM0001 -> 12; column dakloos -> 9; column statushouder -> 14;
    # row GM0002 -> 15; row GM0003 -> 11. Students and all totals stay visible.
    assert result.rows == (
        {"gemeente": "GM0001", "dakloos": None, "statushouder": None, "student": 20, "totaal": 35},
        {"gemeente": "GM0002", "dakloos": None, "statushouder": None, "student": 30, "totaal": 54},
        {"gemeente": "GM0003", "dakloos": None, "statushouder": None, "student": 40, "totaal": 65},
    )
    assert result.reasons[0] == {"dakloos": P, "statushouder": S}
    assert result.reasons[1] == {"dakloos": S, "statushouder": S}
    assert result.total_row == {
        "gemeente": "Totaal", "dakloos": 23, "statushouder": 41, "student": 90, "totaal": 154
    }  # fmt: skip
    assert result.total_reasons == {}
    labelled = result.labelled(LabelStyle.AMSTERDAM)
    assert labelled[0]["dakloos"] == "<5"
    assert labelled[0]["statushouder"] == "x"
    assert labelled[-1]["gemeente"] == "Totaal"
    assert result.labelled()[0]["dakloos"] == "x"


def test_suppress_rows_without_totals_hides_only_small_counts() -> None:
    rows = [{"gemeente": "GM0001", "a": 3, "b": 12}]
    result = suppress_rows(rows, ["a", "b"], total_column=None, total_row=None)
    assert result.rows == ({"gemeente": "GM0001", "a": None, "b": 12},)
    assert result.total_row is None


def test_suppress_rows_missing_column_is_refused() -> None:
    with pytest.raises(DisclosureError, match="ontbreken"):
        suppress_rows([{"a": 3}], ["a", "b"])


@pytest.mark.parametrize(
    ("cell", "style", "label"),
    [
        (MaskedCell(12, Suppression.GEEN, None), LabelStyle.CBS, "12"),  # published
        (MaskedCell(0, Suppression.GEEN, None), LabelStyle.AMSTERDAM, "0"),  # zero stays 0
        (MaskedCell(None, Suppression.PRIMAIR, P), LabelStyle.CBS, "x"),  # CBS: geheim
        (MaskedCell(None, Suppression.PRIMAIR, P), LabelStyle.AMSTERDAM, "<5"),  # Amsterdam: 1-4
        (MaskedCell(None, Suppression.SECUNDAIR, S), LabelStyle.AMSTERDAM, "x"),  # not "<5": may be large
        (MaskedCell(None, Suppression.PRIMAIR, P, k=10), LabelStyle.AMSTERDAM, "<10"),  # other k
    ],
)
def test_labels(cell: MaskedCell, style: LabelStyle, label: str) -> None:
    assert cell.label(style) == label


SHOWN_40 = MaskedCell(40, Suppression.GEEN, None)
SHOWN_10 = MaskedCell(10, Suppression.GEEN, None)
SHOWN_0 = MaskedCell(0, Suppression.GEEN, None)
SHOWN_3 = MaskedCell(3, Suppression.GEEN, None)
HIDDEN = MaskedCell(None, Suppression.SECUNDAIR, S)


@pytest.mark.parametrize(
    ("numerator", "denominator", "value", "reason"),
    [
        (SHOWN_10, SHOWN_40, 25.0, None),  # 10 of 40 = 25%
        (HIDDEN, SHOWN_40, None, "afgeleid van een onderdrukte cel"),  # hidden numerator
        (SHOWN_10, HIDDEN, None, "afgeleid van een onderdrukte cel"),  # hidden denominator
        (SHOWN_0, SHOWN_0, None, "noemer is 0"),  # nothing to divide by
    ],
)
def test_share(
    numerator: MaskedCell, denominator: MaskedCell, value: float | None, reason: str | None
) -> None:
    result = share(numerator, denominator)
    assert result.value == value
    assert result.reason == reason


def test_share_as_fraction_and_label() -> None:
    result = share(SHOWN_10, SHOWN_40, percent=False)
    assert result.value == 0.25
    assert result.label(2) == "0,25"
    assert share(HIDDEN, SHOWN_40).label() == "x"


@pytest.mark.parametrize(
    ("n", "value", "reason"),
    [
        (SHOWN_10, 120.0, None),  # 1200 over 10 units
        (SHOWN_3, None, "gemiddelde over minder dan 5 eenheden"),  # 3 units shown (k=3 table) still too few
        (HIDDEN, None, "afgeleid van een onderdrukte cel"),  # count hidden
    ],
)
def test_mean(n: MaskedCell, value: float | None, reason: str | None) -> None:
    result = mean(1200.0, n)
    assert result.value == value
    assert result.reason == reason


def test_derive_withholds_anything_computed_from_a_hidden_cell() -> None:
    assert derive(1.5, [SHOWN_10, SHOWN_40]).value == 1.5
    assert derive(1.5, [SHOWN_10, HIDDEN]).value is None


def test_numpy_input_gives_the_same_result_as_lists() -> None:
    table = [[2, 10, 20], [9, 11, 30], [40, 50, 60]]
    from_numpy = suppress_2d(np.array(table, dtype=np.int64))
    assert from_numpy == suppress_2d(table)
    assert all(type(c.value) is int for row in from_numpy.cells for c in row if c.value is not None)


def test_ragged_rows_are_refused() -> None:
    with pytest.raises(DisclosureError, match="niet even lang"):
        suppress_2d([[1, 2], [3]])


def test_recoverable_cells_refuses_unknown_method_and_non_graph_relations() -> None:
    with pytest.raises(ValueError, match="onbekende methode"):
        recoverable_cells(2, [Group((0, 1))], [0], method="raden")
    # Cell 0 is in three relations: no graph; the SVD route still answers.
    groups = [Group((0, 1)), Group((0, 2)), Group((0, 3))]
    with pytest.raises(DisclosureError, match="graaf"):
        recoverable_cells(4, groups, [0, 1], method="graph")
    assert recoverable_cells(4, groups, [0, 1]) == [0, 1]


# ----------------------------------------------------------------------------------------------
# Bounds: zeros are published and a primary cell is below k, so a hidden cell has a known range.
# An independent brute-force attacker enumerates every integer table that agrees with what is
# published and with those ranges; a hidden cell is protected when it takes two or more values.


def _brute_force(
    table: list[list[int]], hidden_flat: set[int], primary: set[int], k: int = 5
) -> dict[int, set[int]]:
    """Every value each hidden cell takes over all consistent integer tables (2-D with all margins).

    Ranges: a primary cell is 1..k-1; a secondary cell at least 1 (0 for a hidden true zero) and
    at most the grand total (every cell is at most the grand total, so the cap loses nothing).
    """
    values, _ = _flatten_2d(table)
    m, n = len(table), len(table[0])
    rt, ct, grand = m * n, m * n + m, m * n + m + n
    cap = values[grand] + k

    def domain(i: int) -> range:
        if i not in hidden_flat:
            return range(values[i], values[i] + 1)
        if i in primary:
            return range(1, k)
        return range(0 if values[i] == 0 else 1, cap + 1)

    seen: dict[int, set[int]] = {i: set() for i in hidden_flat}
    cells = [i * n + j for i in range(m) for j in range(n)]
    current = [0] * len(values)

    def consistent_margins() -> bool:
        for i in range(m):
            current[rt + i] = sum(current[i * n + j] for j in range(n))
        for j in range(n):
            current[ct + j] = sum(current[i * n + j] for i in range(m))
        current[grand] = sum(current[ct + j] for j in range(n))
        return all(current[c] in domain(c) for c in range(rt, grand + 1))

    def walk(pos: int) -> None:
        if pos == len(cells):
            if consistent_margins():
                for i in hidden_flat:
                    seen[i].add(current[i])
            return
        cell = cells[pos]
        row, col = divmod(cell, n)
        for v in domain(cell):
            current[cell] = v
            row_sum = sum(current[row * n + j] for j in range(col + 1))
            col_sum = sum(current[i * n + col] for i in range(row + 1))
            if row_sum > max(domain(rt + row)) or col_sum > max(domain(ct + col)):
                break  # values only grow from here
            if col == n - 1 and row_sum not in domain(rt + row):
                continue
            if row == m - 1 and col_sum not in domain(ct + col):
                continue
            walk(pos + 1)

    walk(0)
    return seen


def _protect(
    table: list[list[int]], *, audit_bounds: bool = True
) -> tuple[set[int], set[int], tuple[int, ...]]:
    values, groups = _flatten_2d(table)
    result = suppress(values, groups, audit_bounds=audit_bounds)
    primary = {i for i, c in enumerate(result.cells) if c.suppression is Suppression.PRIMAIR}
    return set(result.hidden), primary, result.pinned


def test_colleagues_example_was_pinned_by_bounds_and_is_now_protected() -> None:
    table = [[1, 1, 10], [7, 8, 9]]
    hidden, primary, _ = _protect(table, audit_bounds=False)
    # The exact audit alone hides (0,0), (0,1), (1,0), (1,1): row 0 leaves 2 for two cells that
    # are each at least 1, so both are 1, and the columns (8 and 9) then give 7 and 8.
    assert hidden == {0, 1, 3, 4}
    assert _attack(*_flatten_2d(table), hidden) == {}  # no equation gives them away ...
    seen = _brute_force(table, hidden, primary)
    assert {i: s for i, s in seen.items()} == {0: {1}, 1: {1}, 3: {7}, 4: {8}}  # ... the bounds do
    hidden, primary, pinned = _protect(table)
    seen = _brute_force(table, hidden, primary)
    assert pinned == ()
    assert all(len(s) >= 2 for s in seen.values()), seen


@pytest.mark.parametrize(
    ("table", "pinned_by_hand"),
    [
        # two small cells whose visible row total is their own count: each is exactly 1
        ([[1, 1, 10], [7, 8, 9]], set()),
        # a 2 x 2 block of 1s with room in the other rows and columns: free after complements
        ([[1, 1, 6], [1, 1, 7], [9, 8, 20]], set()),
        # nothing small: nothing hidden
        ([[5, 6], [7, 8]], set()),
    ],
)
def test_bound_audit_against_brute_force(table: list[list[int]], pinned_by_hand: set[int]) -> None:
    hidden, primary, pinned = _protect(table)
    seen = _brute_force(table, hidden, primary)
    assert set(pinned) == pinned_by_hand
    assert {i for i, s in seen.items() if len(s) < 2} == pinned_by_hand


@pytest.mark.parametrize("seed", range(40))
def test_random_small_tables_leave_nothing_pinned_by_bounds(seed: int) -> None:
    rng = np.random.default_rng(5000 + seed)
    m, n = (2, 3) if seed % 2 else (3, 3)
    table = rng.poisson(rng.uniform(1, 5), size=(m, n)).tolist()
    hidden, primary, _ = _protect(table)
    seen = _brute_force(table, hidden, primary)
    # No single-valued cell: complements free most, the remedy the rest. (This brute force takes
    # every hidden non-zero cell that is not <5 to be at least 1, stricter than the remedy's
    # "may be 0", so a pass here means a pass for the reader of the labels too.)
    assert {i for i, s in seen.items() if len(s) < 2} == set()
    values, groups = _flatten_2d(table)
    assert _attack(values, groups, hidden) == {}


def test_a_small_total_over_as_many_ones_is_reported_and_remedied() -> None:
    # A <5 total (at most 4) over four hidden cells that are each at least 1: every cell is 1,
    # whatever else is hidden. Complements cannot help; the module reports the cells in `pinned`
    # and the remedy shows them as x without <5 (tests/privacy/test_disclosure_remedy.py).
    result = suppress([1, 1, 1, 1, 4], [Group((0, 1, 2, 3), 4)])
    assert result.hidden == (0, 1, 2, 3, 4)
    assert result.pinned == (0, 1, 2, 3, 4)
    assert result.remedy is Remedy.SIZE
    assert [c.label(LabelStyle.AMSTERDAM) for c in result.cells] == ["x"] * 5
    # Without the bound audit nothing is reported and nothing remedied.
    unaudited = suppress([1, 1, 1, 1, 4], [Group((0, 1, 2, 3), 4)], audit_bounds=False)
    assert (unaudited.pinned, unaudited.remedy) == ((), Remedy.NONE)


@pytest.mark.parametrize("seed", range(10))
def test_pinned_cells_agrees_with_linear_programming(seed: int) -> None:
    # The residual-cycle route (graph tables) and the LP ranges give the same pinned cells.
    rng = np.random.default_rng(7000 + seed)
    table = rng.poisson(rng.uniform(1, 8), size=(8, 4)).tolist()
    values, groups = _flatten_2d(table)
    result = suppress(values, groups, audit_bounds=False)
    status = [c.suppression for c in result.cells]
    lower, upper = cell_bounds(values, status)
    hidden = list(result.hidden)
    ranges = feasible_ranges(values, groups, hidden, lower, upper)
    by_lp = [c for c in hidden if math.floor(ranges[c][1] + 1e-6) == math.ceil(ranges[c][0] - 1e-6)]
    assert pinned_cells(values, groups, hidden, lower, upper) == by_lp


@pytest.mark.parametrize(
    ("lower", "upper", "pinned"),
    [
        ([1.0], [4.0], []),  # <5 in no relation: 1, 2, 3 or 4
        ([1.0], [1.0], [0]),  # <2 in no relation: exactly 1
        ([1.0], [math.inf], []),  # x in no relation: anything from 1 up
    ],
)
def test_a_cell_in_no_relation_is_pinned_by_its_own_range_only(
    lower: list[float], upper: list[float], pinned: list[int]
) -> None:
    assert pinned_cells([1], [], [0], lower, upper) == pinned


def test_an_unbounded_range_on_the_linear_programming_route_is_free() -> None:
    # Hidden cell 0 is in three relations, so the audit takes the LP route. Relation (0, 2) with
    # its margin published elsewhere gives cell 0 = 6 - 1 = 5; hidden cell 1 and its hidden total
    # 4 can grow together without end: an LP maximum of inf, which is two values and more.
    values = [5, 7, 1, 1, 12]
    groups = [Group((0, 1), 4), Group((0, 2)), Group((0, 3))]
    hidden = [0, 1, 4]
    lower, upper = [1.0, 1.0, 1.0, 1.0, 1.0], [math.inf, math.inf, 1.0, 1.0, math.inf]
    assert feasible_ranges(values, groups, hidden, lower, upper)[1] == (1.0, math.inf)
    assert pinned_cells(values, groups, hidden, lower, upper) == [0]
