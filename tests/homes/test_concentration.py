"""Concentration of priority-group allocations per buurt (R9)."""

from __future__ import annotations

import pytest

from leefbaar.homes.concentration import (
    REDEN_GEEN_GEMEENTE,
    Concentratiedrempel,
    concentration,
)

FLAG = "aandeel aandachtsgroepen is 1,5 × of meer het gemeentelijk gemiddelde"
BELOW = "onder de drempel van 1,5 × het gemeentelijk gemiddelde"
FEW = "te weinig toewijzingen voor een oordeel (minimaal 10)"

# (buurtcode, all allocations, to priority groups)
BUURTEN = [
    # GM0001: 200 allocations, 40 to priority groups -> municipal share 0.2
    ("BU00010001", 40, 18),  # 0.45 / 0.2 = 2.25 -> flagged
    ("BU00010002", 100, 10),  # 0.1 / 0.2 = 0.5
    ("BU00010003", 20, 6),  # 0.3 / 0.2 = 1.5 exactly -> flagged (at the threshold)
    ("BU00010004", 32, 0),  # 0 / 0.2 = 0
    ("BU00010005", 8, 6),  # 0.75 / 0.2 = 3.75 but only 8 allocations -> not judged
    # GM0002: 100 allocations, 10 to priority groups -> 0.1
    ("BU00020001", 10, 5),  # 0.5 / 0.1 = 5 with exactly the minimum 10 allocations -> flagged
    ("BU00020002", 90, 5),  # 0.0556 / 0.1 = 0.56
    # GM0003: no priority-group allocations at all
    ("BU00030001", 50, 0),  # nothing to compare with
    ("BU00030002", 0, 0),  # no allocations at all: share undefined
    # GM0363 (Amsterdam, letters in the code): 40 allocations, 12 -> 0.3
    ("BU0363AA01", 20, 10),  # 0.5 / 0.3 = 1.67 -> flagged
    ("BU0363AB02", 20, 2),  # 0.1 / 0.3 = 0.33
]
EXPECTED = {
    # buurtcode: (gemeentecode, share, municipal share, ratio, flagged, reason)
    "BU00010001": ("GM0001", 0.45, 0.2, 2.25, True, FLAG),
    "BU00010002": ("GM0001", 0.1, 0.2, 0.5, False, BELOW),
    "BU00010003": ("GM0001", 0.3, 0.2, 1.5, True, FLAG),
    "BU00010004": ("GM0001", 0.0, 0.2, 0.0, False, BELOW),
    "BU00010005": ("GM0001", 0.75, 0.2, 3.75, False, FEW),
    "BU00020001": ("GM0002", 0.5, 0.1, 5.0, True, FLAG),
    "BU00020002": ("GM0002", 5 / 90, 0.1, 5 / 9, False, BELOW),
    "BU00030001": ("GM0003", 0.0, 0.0, None, False, REDEN_GEEN_GEMEENTE),
    "BU00030002": ("GM0003", None, 0.0, None, False, FEW),
    "BU0363AA01": ("GM0363", 0.5, 0.3, 0.5 / 0.3, True, FLAG),
    "BU0363AB02": ("GM0363", 0.1, 0.3, 0.1 / 0.3, False, BELOW),
}


@pytest.mark.parametrize("buurtcode", list(EXPECTED))
def test_concentration_per_buurt(buurtcode: str) -> None:
    codes, total, group = zip(*BUURTEN, strict=True)
    rows = {r.buurtcode: r for r in concentration(list(codes), total, group)}
    r = rows[buurtcode]
    gemeente, share, gm_share, ratio, flagged, reason = EXPECTED[buurtcode]
    assert r.gemeentecode == gemeente
    assert r.aandeel == (None if share is None else pytest.approx(share))
    assert r.gemeente_aandeel == pytest.approx(gm_share)
    assert r.verhouding == (None if ratio is None else pytest.approx(ratio))
    assert (r.gesignaleerd, r.reden) == (flagged, reason)


def test_threshold_is_configurable() -> None:
    codes, total, group = zip(*BUURTEN[:5], strict=True)
    rows = concentration(
        list(codes), total, group, Concentratiedrempel(verhouding=2.0, minimum_toewijzingen=5)
    )
    # ratio 2.25 and 3.75 (8 >= 5 allocations now) flagged; 1.5 no longer.
    assert [r.gesignaleerd for r in rows] == [True, False, False, False, True]
    assert rows[0].reden == "aandeel aandachtsgroepen is 2,0 × of meer het gemeentelijk gemiddelde"


def test_reasons_never_carry_counts() -> None:
    # Counts must reach the privacy layer only through their columns: every reason is one of the
    # fixed, count-free sentences.
    codes, total, group = zip(*BUURTEN, strict=True)
    assert {r.reden for r in concentration(list(codes), total, group)} == {
        FLAG,
        BELOW,
        FEW,
        REDEN_GEEN_GEMEENTE,
    }


@pytest.mark.parametrize(
    ("codes", "total", "group", "message"),
    [
        (["BU00010001"], [5], [6], "tussen 0 en alle"),  # more priority allocations than allocations
        (["GM0001"], [5], [1], "geen buurtcode"),  # a municipality code where a buurt is expected
        (["BU00010001", "BU00010002"], [5], [1], "niet even lang"),  # ragged input
    ],
)
def test_concentration_refuses_bad_input(
    codes: list[str], total: list[int], group: list[int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        concentration(codes, total, group)


def test_threshold_must_be_above_one() -> None:
    with pytest.raises(ValueError, match="groter dan 1"):
        Concentratiedrempel(verhouding=1.0)


def test_count_columns_name_real_row_columns() -> None:
    from leefbaar.homes.concentration import TELKOLOMMEN

    row = concentration(["BU00010001"], [10], [2])[0].as_row()
    for count, derived in TELKOLOMMEN.items():
        assert count in row
        assert set(derived) <= set(row)
