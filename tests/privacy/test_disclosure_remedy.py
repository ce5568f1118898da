"""The remedy for pinned cells: no table leaves Leefbaar with a hidden count a reader can derive.

Every check here is independent of the module's own audit (``pinned_cells``, ``cell_bounds``): a
reader is modelled from what the table shows (labels and reasons), and a brute-force search looks
for a second integer table that agrees with every published value and relation but gives the
hidden cell another value. A hidden cell is protected when such a table exists.

What a reader knows from what is shown (docs/privacy.md, "Disclosure control"):

* a published cell is its value;
* ``<k`` (a primary cell): ``1..k-1`` (``0..k-1`` when zeros are not published);
* ``x`` with the secondary reason, or with the reason of the first remedy step (size hidden): at
  least 1 while zeros are published elsewhere, unbounded above. A zero hidden as a complement is
  the exception: the module models it as ``[0, inf)`` so the true table stays a solution; a real
  reader, who cannot tell it from the other ``x`` cells, can rule out no more than this model;
* ``x`` with a later remedy reason (zeros hidden too, relation or table withheld): ``[0, inf)``.

The search caps an unbounded cell at the largest value in the table plus one. That cap only limits
where it looks: a table it finds is a genuine second table, so the test cannot pass by mistake.
(It could only fail by mistake, if every second table lay beyond the cap; for these relations,
when there is a second table there is also one within one of the true value in every cell.)
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leefbaar.privacy.disclosure import (
    REDEN_REMEDIE,
    REDEN_SECUNDAIR,
    DisclosureError,
    Group,
    LabelStyle,
    MaskedCell,
    MaskedTable,
    Remedy,
    Suppression,
    Table2D,
    suppress,
    suppress_1d,
    suppress_2d,
    suppress_rows,
)

Ranges = dict[int, tuple[int, int]]


# ----------------------------------------------------------------------------------------------
# The reader and the brute-force search


def _reader_ranges(
    values: Sequence[int],
    cells: Sequence[MaskedCell],
    k: int,
    *,
    zero_is_safe: bool = True,
    cbs: bool = False,
) -> Ranges:
    """The range a reader knows for each hidden cell, from its label and reason (see module doc).

    ``cbs``: the reader sees only ``x`` (LabelStyle.CBS) and no reasons, so ``<k`` tells nothing.
    """
    cap = max(values) + 1
    not_zero = 1 if zero_is_safe else 0
    ranges: Ranges = {}
    for i, (value, cell) in enumerate(zip(values, cells, strict=True)):
        if not cell.hidden:
            assert cell.value == value
            continue
        label = cell.label(LabelStyle.AMSTERDAM)
        if label == f"<{k}" and not cbs:
            ranges[i] = (not_zero, k - 1)
        elif label == f"<{k}" or cell.reason in (REDEN_SECUNDAIR, REDEN_REMEDIE[Remedy.SIZE]):
            assert label == f"<{k}" or label == "x"
            ranges[i] = (not_zero if value > 0 else 0, cap)
        else:
            assert label == "x" and cell.reason in REDEN_REMEDIE.values(), (label, cell.reason)
            ranges[i] = (0, cap)
    return ranges


def _second_table(
    values: Sequence[int], groups: Sequence[Group], ranges: Ranges, cell: int
) -> dict[int, int] | None:
    """A table that agrees with all that is published but gives ``cell`` another value, or None.

    Depth-first over the hidden cells in their ranges; a relation with one unknown left fixes it.
    Each relation reads ``sum(parts) - total = 0``, or ``sum(parts) = its sum`` for a margin
    published elsewhere (``total`` None).
    """
    known: dict[int, int] = {i: v for i, v in enumerate(values) if i not in ranges}

    def allowed(i: int, v: int) -> bool:
        low, high = ranges[i]
        return low <= v <= high and not (i == cell and v == values[cell])

    def span(i: int) -> tuple[int, int]:
        return (known[i], known[i]) if i in known else ranges[i]

    def consistent(trail: list[int]) -> bool:
        progress = True
        while progress:
            progress = False
            for g in groups:
                rhs = sum(values[i] for i in g.parts) if g.total is None else 0
                low = sum(span(i)[0] for i in g.parts) - (span(g.total)[1] if g.total is not None else 0)
                high = sum(span(i)[1] for i in g.parts) - (span(g.total)[0] if g.total is not None else 0)
                if not low <= rhs <= high:
                    return False
                unknown = [i for i in g.members if i not in known]
                if len(unknown) != 1:
                    continue
                u = unknown[0]
                rest = sum(known[i] for i in g.parts if i != u)
                if u == g.total:
                    v = rest - rhs
                else:
                    v = rhs - rest + (known[g.total] if g.total is not None else 0)
                if not allowed(u, v):
                    return False
                known[u] = v
                trail.append(u)
                progress = True
        return True

    def undo(trail: list[int]) -> None:
        for i in trail:
            del known[i]

    def search() -> dict[int, int] | None:
        nxt = next((i for i in sorted(ranges) if i not in known), None)
        if nxt is None:
            return dict(known)
        low, high = ranges[nxt]
        for v in range(low, high + 1):
            if not allowed(nxt, v):
                continue
            known[nxt] = v
            trail = [nxt]
            if consistent(trail):
                found = search()
                if found is not None:
                    return found
            undo(trail)
        return None

    trail: list[int] = []
    found = search() if consistent(trail) else None
    undo(trail)
    return found


def _determined(
    values: Sequence[int],
    groups: Sequence[Group],
    cells: Sequence[MaskedCell],
    k: int,
    *,
    zero_is_safe: bool = True,
    cbs: bool = False,
) -> list[int]:
    """The hidden cells that take one value only over every table a reader finds consistent.

    With ``zero_is_safe`` a hidden 0 is left out: learning it is 0 tells what a published 0 tells.
    """
    ranges = _reader_ranges(values, cells, k, zero_is_safe=zero_is_safe, cbs=cbs)
    truth_fits = all(ranges[i][0] <= values[i] <= ranges[i][1] for i in ranges)
    assert truth_fits, "the true table must be one of the tables a reader finds consistent"
    return [
        i
        for i in sorted(ranges)
        if not (zero_is_safe and values[i] == 0) and _second_table(values, groups, ranges, i) is None
    ]


def _flatten_2d(table: Sequence[Sequence[int]]) -> tuple[list[int], list[Group]]:
    """Cells row by row, then row totals, column totals and the grand total, with their relations."""
    m, n = len(table), len(table[0])
    values = [v for row in table for v in row]
    values += [sum(row) for row in table]
    values += [sum(table[i][j] for i in range(m)) for j in range(n)]
    values.append(sum(values[: m * n]))
    rt, ct, grand = m * n, m * n + m, m * n + m + n
    groups = [Group(tuple(i * n + j for j in range(n)), rt + i) for i in range(m)]
    groups.append(Group(tuple(rt + i for i in range(m)), grand))
    groups += [Group(tuple(i * n + j for i in range(m)), ct + j) for j in range(n)]
    groups.append(Group(tuple(ct + j for j in range(n)), grand))
    return values, groups


def _cells_2d(result: Table2D) -> list[MaskedCell]:
    """The cells of a suppress_2d result in _flatten_2d's order."""
    assert result.row_totals is not None and result.column_totals is not None
    assert result.grand_total is not None
    return [
        *(c for row in result.cells for c in row),
        *result.row_totals,
        *result.column_totals,
        result.grand_total,
    ]


PRIMARY = MaskedCell(None, Suppression.PRIMAIR, "primair: minder dan 5")
SECONDARY = MaskedCell(None, Suppression.SECUNDAIR, REDEN_SECUNDAIR)


def test_the_search_finds_a_cell_pinned_by_the_labels() -> None:
    # Four cells shown <5 under a total shown <5: the total is at most 4 and the parts at least
    # 1 each, so every one is exactly 1. Shown as secondary x (at least 1, no upper bound) they
    # are free: 1 + 1 + 1 + 2 = 5 fits as well. Proves the search can fail, and on what.
    values, groups = [1, 1, 1, 1, 4], [Group((0, 1, 2, 3), 4)]
    assert _determined(values, groups, [PRIMARY] * 5, 5) == [0, 1, 2, 3, 4]
    assert _determined(values, groups, [SECONDARY] * 5, 5) == []
    # The CBS reader, who sees x and no reasons, has nothing to pin them with either.
    assert _determined(values, groups, [PRIMARY] * 5, 5, cbs=True) == []


# ----------------------------------------------------------------------------------------------
# Hand-made tables, one per remedy step


def _check_protected(values: list[int], groups: list[Group], result: MaskedTable, k: int = 5) -> None:
    """Nothing a reader can pin down, every remedied cell shown x with a remedy reason, the note set."""
    assert _determined(values, groups, result.cells, k) == []
    for cell in result.cells:
        if cell.reason in REDEN_REMEDIE.values():
            assert cell.label(LabelStyle.AMSTERDAM) == "x" and cell.label(LabelStyle.CBS) == "x"
    assert (result.note is None) == (result.remedy is Remedy.NONE)


def test_four_ones_under_a_small_total_are_shown_without_their_size() -> None:
    # Pinned by the labels alone (see above), with nothing left to hide. Step 1: the five cells
    # are shown x with the first remedy reason, so a reader knows only that each is at least 1:
    # the total may be 5 or more and the parts anything from 1 up.
    values, groups = [1, 1, 1, 1, 4], [Group((0, 1, 2, 3), 4)]
    result = suppress(values, groups)
    assert result.pinned == (0, 1, 2, 3, 4)  # what the audit found before the remedy
    assert result.remedy is Remedy.SIZE
    assert [c.label(LabelStyle.AMSTERDAM) for c in result.cells] == ["x"] * 5
    assert {c.reason for c in result.cells} == {REDEN_REMEDIE[Remedy.SIZE]}
    assert result.note is not None and "kleiner is dan 5" in result.note
    _check_protected(values, groups, result)


def test_four_ones_in_a_row_of_a_national_style_table() -> None:
    # The pattern behind most remedies in the 342 x 9 table: a municipality with four
    # allocations, one in each of four groups. Only that row loses its <5 labels; its zeros and
    # the <5 labels elsewhere stay.
    table = [[1, 1, 1, 1, 0, 0], [20, 30, 40, 50, 60, 70], [9, 8, 7, 6, 12, 3]]
    result = suppress_2d(table)
    values, groups = _flatten_2d(table)
    cells = _cells_2d(result)
    assert result.remedy is Remedy.SIZE
    assert [c.label(LabelStyle.AMSTERDAM) for c in result.cells[0]] == ["x", "x", "x", "x", "0", "0"]
    assert result.cells[2][5].label(LabelStyle.AMSTERDAM) == "<5"  # the 3 elsewhere keeps its label
    _check_protected(values, groups, MaskedTable(tuple(cells), tuple(groups), 5, remedy=result.remedy))


def test_two_hidden_cells_summing_to_a_published_two_need_their_zeros_hidden() -> None:
    # Two cells with a margin of 2 published elsewhere and nothing else to hide. Shown without
    # their size they are still at least 1 each, so both are 1 (step 1 is not enough). Step 2
    # hides the zeros too, so a reader must allow 0: then 0 + 2 and 2 + 0 fit as well.
    values, groups = [1, 1], [Group((0, 1))]
    result = suppress(values, groups)
    assert result.remedy is Remedy.ZEROS
    assert {c.reason for c in result.cells} == {REDEN_REMEDIE[Remedy.ZEROS]}
    _check_protected(values, groups, result)


def test_a_cell_pinned_through_a_chain_of_margins() -> None:
    # Buurten 0, 1 in wijk 5 (total 2) and buurten 2, 3, 4 in wijk 6 (total 3); the gemeente
    # total 5 is published elsewhere. Each wijk total is at least the number of its buurten, and
    # 2 + 3 is all there is, so every buurt is 1 and the wijken 2 and 3: pinned through the chain
    # buurt -> wijk -> gemeente, not by one relation. Step 1 leaves the lower bounds, step 2 frees it.
    values = [1, 1, 1, 1, 1, 2, 3]
    groups = [Group((0, 1), 5), Group((2, 3, 4), 6), Group((5, 6))]
    before = [PRIMARY] * 7
    assert _determined(values, groups, before, 5) == [0, 1, 2, 3, 4, 5, 6]
    result = suppress(values, groups)
    assert result.remedy is Remedy.ZEROS
    _check_protected(values, groups, result)


def test_pinned_zeros_can_cost_the_whole_table() -> None:
    # With zeros protected (zero_is_safe=False) the published 6, 7 and 6 with their totals leave
    # no room for anything else in rows 0-1 x columns 1-2: 13 - 7 = 6 = row 1's total. Withholding
    # those rows and columns whole still leaves column 0 and the row totals' chain to pin them, so
    # only withholding the whole table protects the zeros.
    table = [[0, 0, 0], [6, 0, 0], [7, 6, 0]]
    result = suppress_2d(table, zero_is_safe=False)
    values, groups = _flatten_2d(table)
    cells = _cells_2d(result)
    assert result.remedy is Remedy.TABLE
    assert all(c.hidden and c.reason == REDEN_REMEDIE[Remedy.TABLE] for c in cells)
    assert _determined(values, groups, cells, 5, zero_is_safe=False) == []
    assert result.note == (
        "De tabel is geheel verborgen: anders waren kleine aantallen met de totalen precies te herleiden."
    )


def test_margins_published_elsewhere_that_pin_a_cell_are_refused() -> None:
    # A 2 x 2 table whose row totals (1, 0) and column totals (1, 0) are published elsewhere:
    # the top-left cell is 1 whatever is hidden here. Nothing this table does can protect it.
    values = [1, 0, 0, 0]
    groups = [Group((0, 1)), Group((2, 3)), Group((0, 2)), Group((1, 3))]
    with pytest.raises(DisclosureError, match="niet te beschermen"):
        suppress(values, groups)


def test_a_lone_cell_below_two_is_shown_without_its_size() -> None:
    # At k = 2 the label <2 says the count is 1. A cell in no relation is freed by its own step.
    result = suppress_1d([1, 7], with_total=False, k=2)
    assert result.remedy is Remedy.SIZE
    assert [c.label(LabelStyle.AMSTERDAM) for c in result.cells] == ["x", "7"]
    assert result.cells[0].reason == REDEN_REMEDIE[Remedy.SIZE]
    assert suppress_1d([1, 7], with_total=False, k=5).remedy is Remedy.NONE  # <5 is 1-4: free


def test_rows_of_dicts_carry_the_note_and_the_remedy_reasons() -> None:
    rows = [
        {"gemeente": "GM0001", "a": 1, "b": 1, "c": 1, "d": 1},
        {"gemeente": "GM0002", "a": 20, "b": 30, "c": 40, "d": 50},
        {"gemeente": "GM0003", "a": 9, "b": 8, "c": 7, "d": 6},
    ]
    result = suppress_rows(rows, ["a", "b", "c", "d"], total_row={"gemeente": "Totaal"})
    assert result.table.remedy is Remedy.SIZE
    assert result.note == result.table.note and result.note is not None
    assert result.rows[0] == {
        "gemeente": "GM0001",
        "a": None,
        "b": None,
        "c": None,
        "d": None,
        "totaal": None,
    }
    assert set(result.reasons[0].values()) == {REDEN_REMEDIE[Remedy.SIZE]}
    assert result.labelled(LabelStyle.AMSTERDAM)[0]["totaal"] == "x"  # not <5: that would pin the row


def test_nothing_to_remedy_leaves_no_note() -> None:
    result = suppress_rows([{"g": "GM0001", "a": 3, "b": 12}, {"g": "GM0002", "a": 9, "b": 15}], ["a", "b"])
    assert result.table.remedy is Remedy.NONE
    assert result.note is None and result.table.note is None


# ----------------------------------------------------------------------------------------------
# Random small tables


@st.composite
def _small_tables(draw: st.DrawFn) -> list[list[int]]:
    m = draw(st.integers(1, 3))
    n = draw(st.integers(1, 3))
    # Mostly small counts (the interesting ones), some zeros and some larger counts.
    count = st.one_of(st.integers(0, 4), st.integers(0, 4), st.integers(0, 12))
    return draw(st.lists(st.lists(count, min_size=n, max_size=n), min_size=m, max_size=m))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_small_tables(), k=st.sampled_from([2, 3, 5]), zero_is_safe=st.booleans())
def test_no_hidden_cell_of_a_random_table_can_be_derived(
    table: list[list[int]], k: int, zero_is_safe: bool
) -> None:
    result = suppress_2d(table, k=k, zero_is_safe=zero_is_safe)
    values, groups = _flatten_2d(table)
    cells = _cells_2d(result)
    # Every small count is hidden (zeros too when they are not safe); what is shown is true
    # (checked in _reader_ranges).
    assert all(
        c.hidden for c, v in zip(cells, values, strict=True) if 0 < v < k or (v == 0 and not zero_is_safe)
    )
    assert _determined(values, groups, cells, k, zero_is_safe=zero_is_safe) == []
    # A page in the CBS style shows less (x for <k), so its reader can pin down nothing either.
    assert _determined(values, groups, cells, k, zero_is_safe=zero_is_safe, cbs=True) == []
    assert (result.note is None) == (result.remedy is Remedy.NONE)
