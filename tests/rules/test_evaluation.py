"""Status rules and Dutch explanations (see the module docstring of leefbaar.rules.evaluation)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from leefbaar.domain.agreements import Status
from leefbaar.domain.agreements import Status as S
from leefbaar.rules import (
    Commitment,
    Eenheid,
    MargeSoort,
    Measurement,
    Milestone,
    Target,
    Thresholds,
    Vergelijking,
    evaluate,
    evaluate_commitment,
    target_on,
)

GE, LE, EQ = Vergelijking.TEN_MINSTE, Vergelijking.TEN_HOOGSTE, Vergelijking.GELIJK
DEADLINE = date(2026, 12, 31)
VOOR = date(2025, 6, 30)
NA = date(2027, 1, 1)


@pytest.mark.parametrize(
    ("gemeten", "doel", "vergelijking", "peildatum", "status", "afstand"),
    [
        (100, 100, GE, VOOR, S.GEHAALD, 0),  # exactly on a ">=" target is met
        (100.01, 100, GE, VOOR, S.GEHAALD, 0),  # just above
        (99.99, 100, GE, VOOR, S.RISICO, 0.01),  # just below, no margin, no trend
        (None, 100, GE, VOOR, S.GEEN_GEGEVENS, None),  # no data is not 0
        (99, 100, GE, NA, S.NIET_GEHAALD, 1),  # after the deadline and short
        (100, 100, GE, NA, S.GEHAALD, 0),  # after the deadline and exactly on target
        (99, 100, GE, DEADLINE, S.NIET_GEHAALD, 1),  # on the deadline day the verdict is final
        (99, 100, GE, date(2026, 12, 30), S.RISICO, 1),  # the day before it is not
        (None, 100, GE, NA, S.GEEN_GEGEVENS, None),  # no data after the deadline: still unknown
        (0, 0, LE, VOOR, S.GEHAALD, 0),  # R1: exactly zero dwellings in condition 5/6
        (1, 0, LE, VOOR, S.RISICO, 1),  # one dwelling left, before the deadline
        (1, 0, LE, NA, S.NIET_GEHAALD, 1),  # one dwelling left, after the deadline
        (0.0, 0, LE, DEADLINE, S.GEHAALD, 0),  # zero on the deadline day
        (30, 30, EQ, VOOR, S.GEHAALD, 0),  # "==" exactly
        (29, 30, EQ, VOOR, S.RISICO, 1),  # "==" below
        (31, 30, EQ, VOOR, S.RISICO, 1),  # "==" above: the gap is a distance, never negative
        (0.1 + 0.2, 0.3, LE, VOOR, S.GEHAALD, 0),  # float noise on the boundary is still on target
    ],
)
def test_status_boundaries(
    gemeten: float | None,
    doel: float,
    vergelijking: Vergelijking,
    peildatum: date,
    status: Status,
    afstand: float | None,
) -> None:
    e = evaluate(gemeten, doel, vergelijking, peildatum, DEADLINE)
    assert e.status is status
    assert e.afstand == (None if afstand is None else pytest.approx(afstand))
    assert (e.gemeten, e.doel, e.deadline, e.peildatum) == (gemeten, doel, DEADLINE, peildatum)


@pytest.mark.parametrize(
    ("gemeten", "doel", "marge", "soort", "status"),
    [
        (190, 200, 0.05, MargeSoort.RELATIEF, S.OP_KOERS),  # gap 10 = 5% of 200: on the margin is within
        (189.99, 200, 0.05, MargeSoort.RELATIEF, S.RISICO),  # just outside the relative margin
        (28, 30, 2, MargeSoort.ABSOLUUT, S.OP_KOERS),  # gap 2 = margin 2 percentage points
        (27.9, 30, 2, MargeSoort.ABSOLUUT, S.RISICO),  # just outside the absolute margin
        (0, 0, 0.5, MargeSoort.RELATIEF, S.GEHAALD),  # margin does not change a met target
    ],
)
def test_margin_makes_op_koers_before_the_deadline(
    gemeten: float, doel: float, marge: float, soort: MargeSoort, status: Status
) -> None:
    drempels = Thresholds(marge=marge, marge_soort=soort)
    assert evaluate(gemeten, doel, GE, VOOR, DEADLINE, drempels=drempels).status is status


def test_margin_does_not_rescue_a_missed_deadline() -> None:
    drempels = Thresholds(marge=0.05)
    assert evaluate(190, 200, GE, NA, DEADLINE, drempels=drempels).status is S.NIET_GEHAALD


# Dates chosen so the spans are equal: 2023-01-01 -> 2024-01-01 -> 2024-12-31 are 365 days each.
JAN23, JAN24, DEC24 = date(2023, 1, 1), date(2024, 1, 1), date(2024, 12, 31)


@pytest.mark.parametrize(
    ("eerdere", "gemeten", "doel", "vergelijking", "verwacht", "status"),
    [
        ([Measurement(JAN23, 60)], 80, 100, GE, 100, S.OP_KOERS),  # +20 a year reaches 100 exactly
        ([Measurement(JAN23, 61)], 80, 100, GE, 99, S.RISICO),  # +19 a year falls 1 short
        ([Measurement(JAN23, 20)], 10, 0, LE, 0, S.OP_KOERS),  # falling to zero by the deadline
        ([Measurement(JAN23, 5)], 10, 0, LE, 15, S.RISICO),  # rising: wrong direction
        # least squares over three points (x = -365, 0, 365 around the mean; y 50, 70, 80): 15 a year
        ([Measurement(date(2022, 1, 1), 50), Measurement(JAN23, 70)], 80, 100, GE, 95, S.RISICO),
        ([Measurement(JAN23, 20)], 40, 50, EQ, 60, S.OP_KOERS),  # "==": the line passes the target
        ([Measurement(date(2025, 1, 1), 0)], 80, 100, GE, None, S.RISICO),  # later measurements are ignored
        ([Measurement(JAN23, 30)], 10, 0, LE, 0, S.OP_KOERS),  # a line below zero is kept at 0 (count)
    ],
)
def test_trend_projection(
    eerdere: list[Measurement],
    gemeten: float,
    doel: float,
    vergelijking: Vergelijking,
    verwacht: float | None,
    status: Status,
) -> None:
    e = evaluate(gemeten, doel, vergelijking, JAN24, DEC24, eerdere=eerdere)
    assert e.verwacht == (None if verwacht is None else pytest.approx(verwacht))
    assert e.status is status


@pytest.mark.parametrize(
    ("volledigheid", "peildatum", "status"),
    [
        (0.8, VOOR, S.GEHAALD),  # exactly the minimum is enough
        (0.79, VOOR, S.OP_KOERS),  # below the minimum: not proven, before the deadline
        (0.79, NA, S.RISICO),  # below the minimum: not proven, after the deadline
        (None, VOOR, S.GEHAALD),  # completeness does not apply
        (0.0, VOOR, S.GEEN_GEGEVENS),  # nothing known at all
        (1.0, NA, S.GEHAALD),  # complete data after the deadline
    ],
)
def test_completeness_caps_gehaald(volledigheid: float | None, peildatum: date, status: Status) -> None:
    assert evaluate(0, 0, LE, peildatum, DEADLINE, volledigheid=volledigheid).status is status


def test_low_completeness_does_not_hide_a_failure() -> None:
    assert evaluate(5, 0, LE, NA, DEADLINE, volledigheid=0.5).status is S.NIET_GEHAALD


@pytest.mark.parametrize(
    ("args", "kwargs", "fragments"),
    [
        # R2-like: euros per year, risk, the gap in millions
        (
            (150_000_000, 200_000_000, GE, date(2025, 6, 30), date(2025, 12, 31)),
            {"eenheid": Eenheid.EURO_PER_JAAR},
            [
                "Risico: gemeten € 150 mln per jaar",
                "ten minste € 200 mln per jaar",
                "31 december 2025",
                "Nog € 50 mln te gaan.",
            ],
        ),
        # R1-like: thousands separator and the dwellings left over after the deadline
        (
            (1234, 0, LE, date(2026, 1, 2), date(2026, 1, 1)),
            {"eenheid": Eenheid.WONINGEN},
            [
                "Niet gehaald: gemeten 1.234 woningen",
                "ten hoogste 0 woningen uiterlijk 1 januari 2026",
                "niet gehaald: 1.234 woningen te veel",
            ],
        ),
        # R10-like: percentages with a decimal comma, gap in percentage points
        (
            (12.5, 30, GE, NA, DEADLINE),
            {"eenheid": Eenheid.PROCENT},
            ["gemeten 12,5%", "ten minste 30%", "17,5 procentpunt te weinig"],
        ),
        # no data: the explanation says it does not count as zero
        (
            (None, 30, GE, VOOR, DEADLINE),
            {"eenheid": Eenheid.PROCENT},
            ["Geen gegevens op 30 juni 2025", "geen meting", "niet als 0"],
        ),
        # completeness below the minimum is named with both numbers
        (
            (0, 0, LE, VOOR, DEADLINE),
            {"eenheid": Eenheid.WONINGEN, "volledigheid": 0.625},
            ["Op koers: gemeten 0 woningen", "bekend voor 62,5%", "vereiste 80%", "niet aantoonbaar"],
        ),
        # margin and trend sentences
        (
            (190_000_000, 200_000_000, GE, JAN24, DEC24),
            {
                "eenheid": Eenheid.EURO,
                "drempels": Thresholds(marge=0.05),
                "eerdere": [Measurement(JAN23, 185_000_000)],
            },
            [
                "Op koers",
                "binnen de marge van 5% van het doel",
                "wordt op 31 december 2024 € 195 mln verwacht",
                "dat is niet genoeg",
            ],
        ),
    ],
)
def test_explanation_names_the_numbers(
    args: tuple[Any, ...], kwargs: dict[str, Any], fragments: list[str]
) -> None:
    uitleg = evaluate(*args, **kwargs).uitleg
    for fragment in fragments:
        assert fragment in uitleg, uitleg


REEKS = Target(GE, reeks=(Milestone(2024, 10), Milestone(2025, 20), Milestone(2027, 40)))


@pytest.mark.parametrize(
    ("peildatum", "doel", "deadline"),
    [
        (date(2023, 6, 1), 10, date(2024, 12, 31)),  # before the first milestone: work towards it
        (date(2024, 3, 1), 10, date(2024, 12, 31)),  # the milestone of the year itself
        (date(2025, 12, 31), 20, date(2025, 12, 31)),  # the last day of a milestone year
        (date(2026, 5, 1), 40, date(2027, 12, 31)),  # a year without milestone: the next one
        (date(2028, 2, 1), 40, date(2027, 12, 31)),  # after the last milestone: the last one
    ],
)
def test_target_on_for_a_series(peildatum: date, doel: float, deadline: date) -> None:
    assert target_on(REEKS, date(2027, 12, 31), peildatum) == (doel, deadline)


def test_milestone_deadline_never_after_the_commitment_deadline() -> None:
    reeks = Target(GE, reeks=(Milestone(2026, 5),))
    assert target_on(reeks, date(2026, 6, 30), date(2026, 1, 1)) == (5, date(2026, 6, 30))


def test_single_target_applies_on_every_date() -> None:
    assert target_on(Target(LE, 0.0), DEADLINE, date(2030, 1, 1)) == (0.0, DEADLINE)


def test_evaluate_commitment_uses_series_thresholds_and_unit() -> None:
    toezegging = Commitment(
        id="r2",
        requirement="R2",
        titel="Extra woningverbetering",
        indicator="extra_investering_verbetering",
        doel=Target(GE, reeks=(Milestone(2024, 200e6), Milestone(2025, 200e6))),
        deadline=date(2025, 12, 31),
        verantwoordelijke="MINBZK",
        scopes=(),
        drempels=Thresholds(marge=0.05),
    )
    # the 2024 amount judged on the last day of 2024: the 2024 milestone's deadline, so final
    e = evaluate_commitment(toezegging, 195e6, date(2024, 12, 31))
    assert (e.status, e.doel, e.deadline, e.afstand) == (S.NIET_GEHAALD, 200e6, date(2024, 12, 31), 5e6)
    assert "€ 195 mln per jaar" in e.uitleg
    # halfway 2025, 5 million short is within the 5% margin
    assert evaluate_commitment(toezegging, 195e6, date(2025, 6, 30)).status is S.OP_KOERS
    # no figure reported
    assert evaluate_commitment(toezegging, None, date(2025, 6, 30)).status is S.GEEN_GEGEVENS


def test_percentage_projection_stays_below_100() -> None:
    # +60 points a year from 80% would be 140% by the deadline; a share cannot pass 100%
    e = evaluate(80, 100, GE, JAN24, DEC24, eerdere=[Measurement(JAN23, 20)], eenheid=Eenheid.PROCENT)
    assert (e.verwacht, e.status) == (100, S.OP_KOERS)
