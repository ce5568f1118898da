"""Housing vocabulary: the R1 and R3 thresholds that SQL builders and services share."""

from __future__ import annotations

from datetime import date

import pytest

from leefbaar.domain.housing import (
    ENERGIELABELS,
    NEN2767,
    R1_MAX_MEETLEEFTIJD_JAREN,
    SLECHTE_CONDITIE,
    SLECHTE_CONDITIE_VANAF,
    SLECHTE_LABELS,
    is_oude_meting,
    is_sociale_huur,
)


def test_poor_condition_is_the_top_of_the_scale() -> None:
    # SQL tests "score >= SLECHTE_CONDITIE_VANAF"; that is "score in SLECHTE_CONDITIE" only while
    # the poor scores run up to the worst score of the scale
    assert tuple(range(SLECHTE_CONDITIE_VANAF, max(NEN2767) + 1)) == SLECHTE_CONDITIE


@pytest.mark.parametrize(
    ("score", "slecht"),
    [
        (4, False),  # matig: not forbidden by R1
        (5, True),  # slecht
        (6, True),  # zeer slecht
    ],
)
def test_the_sql_form_agrees_with_the_set(score: int, slecht: bool) -> None:
    assert (score in SLECHTE_CONDITIE) is slecht
    assert (score >= SLECHTE_CONDITIE_VANAF) is slecht


def test_poor_labels_are_the_worst_registered_labels() -> None:
    assert ENERGIELABELS[-len(SLECHTE_LABELS) :] == SLECHTE_LABELS


@pytest.mark.parametrize(
    ("eigendom", "huursegment", "sociaal"),
    [
        ("corporatie", "sociaal", True),  # the usual association dwelling
        ("corporatie", None, True),  # an association dwelling is social unless stated otherwise
        ("corporatie", "midden", False),  # association middle rent is not social rent
        ("corporatie", "vrij", False),  # nor is its free-sector rent
        ("overige_huur", "sociaal", True),  # a private landlord's social rent
        ("overige_huur", None, False),  # other rent without a segment: unknown, not social
        ("overige_huur", "midden", False),
        ("overige_huur", "vrij", False),
        ("koop", None, False),  # owner-occupied: never
        ("koop", "sociaal", False),  # even with a (wrong) segment
    ],
)
def test_what_counts_as_social_rent(eigendom: str, huursegment: str | None, sociaal: bool) -> None:
    assert is_sociale_huur(eigendom, huursegment) is sociaal


@pytest.mark.parametrize(
    ("meetdatum", "peildatum", "oud"),
    [
        (date(2021, 1, 1), date(2026, 1, 1), True),  # exactly five years before: old (not after the limit)
        (date(2021, 1, 2), date(2026, 1, 1), False),  # a day later: recent
        (date(2019, 6, 20), date(2026, 12, 7), True),  # the demo's measurement from 2019
        (date(2024, 6, 1), date(2026, 1, 1), False),
        (
            date(2019, 2, 28),
            date(2024, 2, 29),
            True,
        ),  # 29 February: the limit is 28 February five years before
        (date(2019, 3, 1), date(2024, 2, 29), False),
    ],
)
def test_an_old_measurement_is_older_than_the_r1_limit(meetdatum: date, peildatum: date, oud: bool) -> None:
    assert R1_MAX_MEETLEEFTIJD_JAREN == 5
    assert is_oude_meting(meetdatum, peildatum) is oud
