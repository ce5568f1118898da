"""Dutch number, amount and date formatting used in explanations."""

from __future__ import annotations

from datetime import date

import pytest

from leefbaar.rules import Eenheid
from leefbaar.rules import formatting as fmt


@pytest.mark.parametrize(
    ("value", "eenheid", "text"),
    [
        (1234, Eenheid.WONINGEN, "1.234 woningen"),  # dot as thousands separator
        (1, Eenheid.WONINGEN, "1 woning"),  # singular
        (0, Eenheid.WONINGEN, "0 woningen"),  # zero is plural
        (200_000_000, Eenheid.EURO, "€ 200 mln"),  # millions
        (1_500_000, Eenheid.EURO, "€ 1,5 mln"),  # decimal comma
        (2_340_000_000, Eenheid.EURO, "€ 2,3 mld"),  # billions, one decimal
        (12_345, Eenheid.EURO, "€ 12.345"),  # under a million: whole euros
        (75_000_000, Eenheid.EURO_PER_JAAR, "€ 75 mln per jaar"),  # yearly amounts
        (12.5, Eenheid.PROCENT, "12,5%"),  # percentages are 0-100
        (30.0, Eenheid.PROCENT, "30%"),  # no trailing ,0
        (12.04, Eenheid.PROCENT, "12%"),  # one decimal at most
        (
            1234567.25,
            Eenheid.AANTAL,
            "1.234.567,2",
        ),  # plain counts keep one decimal (banker's rounding of .25)
    ],
)
def test_waarde(value: float, eenheid: Eenheid, text: str) -> None:
    assert fmt.waarde(value, eenheid) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 1, 1), "1 januari 2026"),  # first month
        (date(2030, 12, 31), "31 december 2030"),  # last month
        (date(2024, 3, 9), "9 maart 2024"),  # no leading zero
    ],
)
def test_datum(value: date, text: str) -> None:
    assert fmt.datum(value) == text


def test_negative_zero_is_written_as_zero() -> None:
    assert fmt.getal(-0.01, 1) == "0"
