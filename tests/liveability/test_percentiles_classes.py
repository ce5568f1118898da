"""Percentile ranks (national and within a region) and the nine classes with their boundaries."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import leefbaar.liveability as lv
from leefbaar.liveability.percentiles import percentile_rank

NAN = float("nan")


@pytest.mark.parametrize(
    ("waarden", "groepen", "verwacht"),
    [
        # four distinct values: (lower + half of equal) / n
        ([1, 2, 3, 4], None, [12.5, 37.5, 62.5, 87.5]),
        # order of the input does not matter
        ([4, 1, 3, 2], None, [87.5, 12.5, 62.5, 37.5]),
        # a tie shares the percentile: (1 + 2/2) / 4 = 50
        ([1, 2, 2, 4], None, [12.5, 50.0, 50.0, 87.5]),
        # a missing score gets no percentile and is not counted: n = 3
        ([1, NAN, 2, 3], None, [100 / 6, NAN, 50.0, 500 / 6]),
        # within regions: region 0 has three areas, region 1 two
        ([1, 2, 3, 10, 20], [0, 0, 0, 1, 1], [100 / 6, 50.0, 500 / 6, 25.0, 75.0]),
        # interleaved regions, one with a single area (50)
        ([5, 1, 9, 2], [1, 0, 2, 0], [50.0, 25.0, 50.0, 75.0]),
        # all equal: everyone in the middle
        ([3, 3, 3], None, [50.0, 50.0, 50.0]),
    ],
)
def test_percentile_rank_by_hand(
    waarden: list[float], groepen: list[int] | None, verwacht: list[float]
) -> None:
    g = None if groepen is None else np.array(groepen, dtype=np.int64)
    np.testing.assert_allclose(percentile_rank(np.array(waarden, dtype=float), g), verwacht)


def test_percentile_rank_agrees_with_scipy() -> None:
    rng = np.random.default_rng(7)
    waarden = rng.integers(0, 50, 400).astype(float)  # many ties
    verwacht = [stats.percentileofscore(waarden, v, kind="mean") for v in waarden]
    np.testing.assert_allclose(percentile_rank(waarden), verwacht)


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (-3.0, "zeer onvoldoende"),
        (-1.7500001, "zeer onvoldoende"),  # just below the boundary
        (-1.75, "ruim onvoldoende"),  # a lower bound belongs to its class
        (-1.25, "onvoldoende"),
        (-0.75, "zwak"),
        (-0.2500001, "zwak"),
        (-0.25, "voldoende"),
        (0.0, "voldoende"),  # the national mean
        (0.25, "ruim voldoende"),
        (0.75, "goed"),
        (1.25, "zeer goed"),
        (1.7499999, "zeer goed"),
        (1.75, "uitstekend"),
        (9.0, "uitstekend"),
    ],
)
def test_class_boundaries(score: float, label: str) -> None:
    index = int(lv.klasse_index(np.array([score]))[0])
    assert lv.klasse_label(index) == label


def test_missing_score_has_no_class() -> None:
    index = lv.klasse_index(np.array([[NAN, 0.0]]))
    assert index.tolist() == [[-1, 4]]
    assert lv.klasse_label(-1) is None
    assert len(lv.KLASSEN) == 9 and len(lv.KLASSEGRENZEN) == 8
