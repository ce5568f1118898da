"""Fair contribution per association (R2, R5), checked against sums done by hand."""

from __future__ import annotations

import pytest

from leefbaar.rules import (
    FAIR_CONTRIBUTION_INDICATORS,
    INDICATOREN,
    Contribution,
    Eenheid,
    contributions,
    fair_shares,
)

WONINGEN = {"L0001": 30_000, "L0002": 10_000, "L0003": 60_000}  # 100,000 dwellings in all


def test_fair_shares_pro_rata_by_dwellings() -> None:
    # 200 mln over 100,000 dwellings is 2,000 euro a dwelling
    assert fair_shares(200e6, WONINGEN) == {"L0001": 60e6, "L0002": 20e6, "L0003": 120e6}


def test_fair_shares_sum_to_the_national_amount() -> None:
    woningen = {"L0001": 7, "L0002": 11, "L0003": 13}
    assert sum(fair_shares(75e6, woningen).values()) == pytest.approx(75e6)


def test_realisation_against_the_fair_share() -> None:
    result = contributions(200e6, WONINGEN, {"L0001": 45e6, "L0002": 25e6})
    assert result == [
        Contribution("L0001", 30_000, 60e6, 45e6),
        Contribution("L0002", 10_000, 20e6, 25e6),
        Contribution("L0003", 60_000, 120e6, None),  # reported nothing: no data, not zero
    ]
    l1, l2, l3 = result
    assert (l1.verschil, l1.realisatiegraad) == (-15e6, 0.75)  # 15 mln behind, 75%
    assert (l2.verschil, l2.realisatiegraad) == (5e6, 1.25)  # 5 mln ahead, 125%
    assert (l3.verschil, l3.realisatiegraad) == (None, None)


def test_association_without_dwellings_has_no_realisation_rate() -> None:
    [zonder, met] = contributions(10.0, {"L0009": 0, "L0001": 5}, {"L0009": 3.0})
    assert (zonder.aandeel, zonder.verschil, zonder.realisatiegraad) == (0.0, 3.0, None)
    assert met.aandeel == 10.0


@pytest.mark.parametrize(
    ("woningen", "gerealiseerd", "melding"),
    [
        ({}, {}, "geen woningen"),  # nothing to divide over
        ({"L0001": 0}, {}, "geen woningen"),  # only associations without dwellings
        ({"L0001": -1, "L0002": 5}, {}, "negatief"),  # impossible count
        ({"L0001": 5}, {"L0002": 1.0}, "L0002"),  # realisation of an unknown association would vanish
    ],
)
def test_refuses_impossible_input(
    woningen: dict[str, int], gerealiseerd: dict[str, float], melding: str
) -> None:
    with pytest.raises(ValueError, match=melding):
        contributions(1.0, woningen, gerealiseerd)


@pytest.mark.parametrize("naam", FAIR_CONTRIBUTION_INDICATORS)
def test_fair_contribution_indicators_are_themed_yearly_amounts(naam: str) -> None:
    # a fair contribution divides a national amount per year; the themes say which spending counts
    indicator = INDICATOREN[naam]
    assert indicator.eenheid is Eenheid.EURO_PER_JAAR
    assert indicator.themas
