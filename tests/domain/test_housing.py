"""Housing vocabulary: the R1 and R3 thresholds that SQL builders and services share."""

from __future__ import annotations

import pytest

from leefbaar.domain.housing import (
    ENERGIELABELS,
    NEN2767,
    SLECHTE_CONDITIE,
    SLECHTE_CONDITIE_VANAF,
    SLECHTE_LABELS,
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
