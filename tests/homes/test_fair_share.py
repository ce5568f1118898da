"""Fair share of priority groups (R9): keys, targets, deviation, redistribution, taakstelling."""

from __future__ import annotations

import numpy as np
import pytest

from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.homes.fair_share import (
    Grondslag,
    Regio,
    Verdeelsleutel,
    fair_share,
    fair_share_table,
    key_shares,
    redistribution_proposal,
    taakstelling,
    targets,
)
from leefbaar.homes.rounding import largest_remainder, largest_remainder_exact

CODES = ("GM0001", "GM0002", "GM0003")
BASES = {
    Grondslag.INWONERS: [50000, 30000, 20000],  # 0.5 0.3 0.2
    Grondslag.WONINGEN: [20000, 20000, 10000],  # 0.4 0.4 0.2
    Grondslag.SOCIALE_HUURWONINGEN: [8000, 1000, 1000],  # 0.8 0.1 0.1
}


@pytest.mark.parametrize(
    ("weights", "shares", "targets_100"),
    [
        ({"inwoners": 1}, [0.5, 0.3, 0.2], [50, 30, 20]),  # inhabitants
        ({"woningen": 1}, [0.4, 0.4, 0.2], [40, 40, 20]),  # dwellings
        ({"sociale_huurwoningen": 1}, [0.8, 0.1, 0.1], [80, 10, 10]),  # social dwellings
        ({"inwoners": 0.5, "sociale_huurwoningen": 0.5}, [0.65, 0.2, 0.15], [65, 20, 15]),  # (.5+.8)/2 ...
        # .2*.5+.3*.4+.5*.8=.62; .2*.3+.3*.4+.5*.1=.23; .2*.2+.3*.2+.5*.1=.15
        ({"inwoners": 0.2, "woningen": 0.3, "sociale_huurwoningen": 0.5}, [0.62, 0.23, 0.15], [62, 23, 15]),
        ({"inwoners": 1, "woningen": 0}, [0.5, 0.3, 0.2], [50, 30, 20]),  # a zero weight is ignored
    ],
)
def test_each_key_and_a_mix(weights: dict[str, float], shares: list[float], targets_100: list[int]) -> None:
    s = key_shares(Verdeelsleutel.from_mapping(weights), BASES)
    assert s == pytest.approx(shares)
    assert targets(100, s).tolist() == targets_100


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"inwoners": 0.5, "woningen": 0.4}, "tellen op tot 0,900 in plaats van 1"),  # sums to 0.9
        ({"inwoners": 0.7, "woningen": 0.7}, "tellen op tot 1,400 in plaats van 1"),  # sums to 1.4
        ({"inwoners": 1.5, "woningen": -0.5}, "tussen 0 en 1"),  # sums to 1 but out of range
        ({"bevolking": 1}, "onbekende grondslag 'bevolking'"),  # unknown basis
        ({"inwoners": "1"}, "geen getal"),  # text instead of a number
        ({}, "minstens één grondslag"),  # empty key
    ],
)
def test_bad_keys_are_refused_in_dutch(weights: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Verdeelsleutel.from_mapping(weights)


def test_key_needs_its_basis_counts() -> None:
    with pytest.raises(ValueError, match="'woningen', maar die aantallen ontbreken"):
        key_shares(Verdeelsleutel.enkel(Grondslag.WONINGEN), {Grondslag.INWONERS: [1, 2]})
    with pytest.raises(ValueError, match="nul voor de hele regio"):
        key_shares(Verdeelsleutel.enkel(Grondslag.INWONERS), {Grondslag.INWONERS: [0, 0]})


@pytest.mark.parametrize(
    ("total", "shares", "expected"),
    [
        (10, [1, 1, 1], [4, 3, 3]),  # 3.33 each; the one unit left goes to the first (tie)
        (7, [0.5, 0.3, 0.2], [4, 2, 1]),  # 3.5 2.1 1.4 -> 3 2 1, left 1 -> largest remainder .5
        (1, [0.2, 0.2, 0.6], [0, 0, 1]),  # 0.2 0.2 0.6 -> largest remainder .6
        (0, [0.5, 0.5], [0, 0]),  # nothing to split
    ],
)
def test_targets_by_largest_remainder(total: int, shares: list[float], expected: list[int]) -> None:
    assert targets(total, shares).tolist() == expected


def test_largest_remainder_sums_exactly_on_awkward_quotas() -> None:
    rng = np.random.default_rng(11)
    for _ in range(200):
        w = rng.uniform(0, 1, size=int(rng.integers(1, 60)))
        total = int(rng.integers(0, 5000))
        parts = largest_remainder(total * w / w.sum(), total)
        assert int(parts.sum()) == total
        assert np.all(np.abs(parts - total * w / w.sum()) < 1)  # never more than one unit off


def test_fair_share_rows_hand_computed() -> None:
    # inhabitants key 0.5/0.3/0.2, need 100, realised 70/20/10: targets 50/30/20, deviation +20/-10/-10.
    rows = fair_share(CODES, [0.5, 0.3, 0.2], Aandachtsgroep.DAKLOOS, "2025", [70, 20, 10], behoefte=100)
    assert [(r.doel, r.gerealiseerd, r.afwijking, r.voorstel, r.verschuiving) for r in rows] == [
        (50, 70, 20, 50, -20),
        (30, 20, -10, 30, 10),
        (20, 10, -10, 20, 10),
    ]
    assert [r.afwijking_relatief for r in rows] == pytest.approx([0.4, -1 / 3, -0.5])
    assert rows[0].as_row()["groep"] == "dakloos"


@pytest.mark.parametrize(
    ("behoefte", "fraction", "proposal"),
    [
        (100, 1.0, [50, 30, 20]),  # need = realised total: everyone exactly on target
        (100, 0.5, [60, 25, 15]),  # half of the 20 moved: give 10; take 5 and 5
        # targets 60/36/24; surplus 10, deficits 16+14=30: move 10 -> 5.33, 4.67 -> 5, 5
        (120, 1.0, [60, 25, 15]),
        # targets 40/24/16; surplus 30, deficits 4+6=10: move 10 -> 60/24/16
        (80, 1.0, [60, 24, 16]),
        (None, 1.0, [50, 30, 20]),  # no need given: the realised total (100) is split
    ],
)
def test_proposal_keeps_the_realised_total(
    behoefte: int | None, fraction: float, proposal: list[int]
) -> None:
    rows = fair_share(
        CODES, [0.5, 0.3, 0.2], Aandachtsgroep.DAKLOOS, "2025", [70, 20, 10], behoefte, fraction
    )
    assert [r.voorstel for r in rows] == proposal
    assert sum(r.voorstel for r in rows) == 100


def test_proposal_with_several_givers() -> None:
    # surpluses 6 and 3, deficits 3 and 6: everything moves.
    assert redistribution_proposal([10, 10, 10, 10], [16, 13, 7, 4]).tolist() == [10, 10, 10, 10]


def test_proposal_never_moves_a_municipality_further_from_its_target() -> None:
    rng = np.random.default_rng(5)
    for _ in range(300):
        n = int(rng.integers(1, 40))
        shares = rng.uniform(0.01, 1, size=n)
        realised = rng.integers(0, 50, size=n)
        need = int(rng.integers(0, 2000))
        fraction = float(rng.choice([0.25, 0.5, 1.0]))
        target = targets(need, shares)
        proposal = redistribution_proposal(target, realised, fraction)
        assert int(proposal.sum()) == int(realised.sum())  # the regional total is kept exactly
        assert np.all(np.abs(proposal - target) <= np.abs(realised - target))  # never further away
        assert np.all((proposal - target) * (realised - target) >= 0)  # never past the target
        assert np.all(proposal >= 0)


def test_proposal_refuses_fraction_outside_0_1() -> None:
    with pytest.raises(ValueError, match="tussen 0 en 1"):
        redistribution_proposal([1], [1], fraction=1.5)


def test_fair_share_table_from_region_configuration() -> None:
    regio = Regio.from_mapping(
        {
            "code": "PV26",
            "naam": "Utrecht",
            "gemeenten": list(CODES),
            "sleutel": {"inwoners": 0.5, "sociale_huurwoningen": 0.5},  # shares 0.65 0.2 0.15
        }
    )
    rows = fair_share_table(
        regio,
        BASES,
        "2025",
        {Aandachtsgroep.STATUSHOUDER: [10, 5, 5], Aandachtsgroep.DAKLOOS: [1, 1, 2]},
        behoefte={Aandachtsgroep.DAKLOOS: 20},
    )
    # Rows follow the Aandachtsgroep order: dakloos before statushouder.
    assert [(r.groep, r.gemeentecode, r.doel) for r in rows] == [
        (Aandachtsgroep.DAKLOOS, "GM0001", 13),  # 20 * .65 = 13
        (Aandachtsgroep.DAKLOOS, "GM0002", 4),  # 20 * .2 = 4
        (Aandachtsgroep.DAKLOOS, "GM0003", 3),  # 20 * .15 = 3
        (Aandachtsgroep.STATUSHOUDER, "GM0001", 13),  # realised total 20 split: same
        (Aandachtsgroep.STATUSHOUDER, "GM0002", 4),
        (Aandachtsgroep.STATUSHOUDER, "GM0003", 3),
    ]
    # statushouder: surplus GM0002 1, GM0003 2; deficit GM0001 3 -> 13/4/3
    assert [r.voorstel for r in rows[3:]] == [13, 4, 3]
    # dakloos: realised 4 < need 20, nobody above target: nothing to move
    assert [r.voorstel for r in rows[:3]] == [1, 1, 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "PV26", "gemeenten": ["GM12"], "sleutel": {"inwoners": 1}}, "geen gemeentecode: GM12"),
        ({"code": "X", "gemeenten": ["GM0001", "GM0001"], "sleutel": {"inwoners": 1}}, "meer dan eens"),
        ({"code": "X", "gemeenten": [], "sleutel": {"inwoners": 1}}, "bevat geen gemeenten"),
        ({"code": "X", "gemeenten": ["GM0001"]}, "'sleutel' moet"),
    ],
)
def test_bad_regions_are_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Regio.from_mapping(data)


@pytest.mark.parametrize(
    ("national", "inhabitants", "expected"),
    [
        (13, [500, 300, 200], [6, 4, 3]),  # 6.5 3.9 2.6 -> 6 3 2, left 2 -> .9 then .6
        (10, [1, 1, 1], [4, 3, 3]),  # equal municipalities: the tie goes by order
        (0, [5, 5], [0, 0]),  # nothing to house this half-year
        (7, [0, 100], [0, 7]),  # a municipality without inhabitants gets nothing
    ],
)
def test_taakstelling_hand_computed(national: int, inhabitants: list[int], expected: list[int]) -> None:
    codes = [f"GM{i:04d}" for i in range(len(inhabitants))]
    rows = taakstelling(national, codes, inhabitants, "2025-1")
    assert [r.taakstelling for r in rows] == expected
    assert sum(r.taakstelling for r in rows) == national


def test_taakstelling_sums_exactly_nationally() -> None:
    rng = np.random.default_rng(3)
    inhabitants = rng.integers(900, 900000, size=342)
    rows = taakstelling(20000, [f"GM{i:04d}" for i in range(342)], inhabitants, "2025-2")
    parts = np.array([r.taakstelling for r in rows])
    assert int(parts.sum()) == 20000
    exact = 20000 * inhabitants / inhabitants.sum()
    assert np.all(np.abs(parts - exact) < 1)
    assert rows[0].taakstelling_exact == pytest.approx(exact[0])


def test_taakstelling_refuses_bad_half_year() -> None:
    with pytest.raises(ValueError, match="2025-1 of 2025-2"):
        taakstelling(10, ["GM0001"], [1], "2025-3")


def test_exact_largest_remainder_needs_a_whole_total() -> None:
    assert largest_remainder_exact([3, 3, 3], 3).tolist() == [1, 1, 1]
    with pytest.raises(ValueError, match="geheel getal"):
        largest_remainder_exact([1, 1], 3)


def test_count_columns_name_real_row_columns() -> None:
    from leefbaar.homes.fair_share import TELKOLOMMEN

    row = fair_share(CODES, [0.5, 0.3, 0.2], Aandachtsgroep.DAKLOOS, "2025", [3, 1, 1])[0].as_row()
    for count, derived in TELKOLOMMEN.items():
        assert count in row
        assert set(derived) <= set(row)


def test_fair_share_refuses_zero_shares() -> None:
    with pytest.raises(ValueError, match="sleutelaandelen"):
        fair_share(CODES, [0, 0, 0], Aandachtsgroep.DAKLOOS, "2025", [1, 1, 1])
