"""Trends: change with a crosswalk, "structureel onder druk" and the trend turn (R6)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import leefbaar.liveability as lv
from leefbaar.liveability.scores import onderdeel_index

from .conftest import matrix

NAN = float("nan")
TOTAAL = onderdeel_index("totaal")


def result(
    registry: lv.Registry,
    weights: lv.Weights,
    jaar: int,
    codes: list[str],
    totaal: list[float],
    *,
    percentiel: list[float] | None = None,
    inwoners: list[float] | None = None,
) -> lv.ScoreResult:
    """A ScoreResult with chosen objective overall scores (and percentiles) for the given codes."""
    n = len(codes)
    basis = lv.compute_scores(
        matrix(
            ["afstand_huisarts"], [[float(i)] for i in range(n)], codes=codes, inwoners=inwoners, jaar=jaar
        ),
        registry,
        weights,
    )
    scores = np.full((n, 2, 6), NAN)
    scores[:, 0, TOTAAL] = totaal
    pct = np.full((n, 2, 6), NAN)
    pct[:, 0, TOTAAL] = percentiel if percentiel is not None else [NAN] * n
    return dataclasses.replace(basis, scores=scores, percentiel_landelijk=pct)


def test_change_matches_codes_and_merges_by_population(registry: lv.Registry, weights: lv.Weights) -> None:
    oud = result(
        registry,
        weights,
        2022,
        ["BU00010001", "BU00010002", "BU00010003", "BU00010009"],
        [1.0, 3.0, 0.5, 9.0],
        inwoners=[100, 300, 1000, 1000],
    )
    nieuw = result(registry, weights, 2024, ["BU00010003", "BU00010010", "BU00010011"], [1.0, 2.0, 0.0])
    # buurten 1 and 2 merged into 10; 9 disappeared; 11 is new
    crosswalk = {"BU00010001": "BU00010010", "BU00010002": "BU00010010"}
    v = lv.change(oud, nieuw, crosswalk)
    assert (v.van_jaar, v.naar_jaar) == (2022, 2024)
    # 3: 1.0 - 0.5; 10: 2.0 - (100 * 1 + 300 * 3) / 400 = 2.0 - 2.5; 11: no earlier score
    np.testing.assert_allclose(v.verschil[:, 0, TOTAAL], [0.5, -0.5, NAN])


@pytest.mark.parametrize(
    ("vorig", "nu", "ja", "reden"),
    [
        (
            5.0,
            8.0,
            True,
            "objectieve totaalscore in de landelijk laagste 10% van de buurten in 2022 "
            "(percentiel 5,0) en in 2024 (percentiel 8,0)",
        ),
        (10.0, 10.0, True, None),  # exactly at the boundary counts
        (10.1, 2.0, False, "niet structureel onder druk: percentiel 10,1 in 2022 en 2,0 in 2024 (grens 10)"),
        (2.0, 40.0, False, None),  # recovered
        (NAN, 3.0, False, "onbekend: geen objectieve totaalscore in 2022"),
    ],
)
def test_structureel_onder_druk(
    registry: lv.Registry, weights: lv.Weights, vorig: float, nu: float, ja: bool, reden: str | None
) -> None:
    a = result(registry, weights, 2022, ["BU00010001"], [0.0], percentiel=[vorig])
    b = result(registry, weights, 2024, ["BU00010001"], [0.0], percentiel=[nu])
    uit = lv.structureel_onder_druk([a, b])
    assert bool(uit.ja[0]) is ja
    if reden is not None:
        assert uit.redenen[0] == reden


@pytest.mark.parametrize(
    ("reeks", "status"),
    [
        ((0.0, -0.2, 0.1), lv.Trend.GEKEERD_NAAR_POSITIEF),  # fell, then rose
        ((0.0, -0.1, 0.0), lv.Trend.GEKEERD_NAAR_POSITIEF),  # exactly at the threshold both times
        ((0.0, -0.05, 0.3), lv.Trend.GEEN_KEER),  # the fall was too small to count
        ((0.0, -0.3, -0.25), lv.Trend.GEEN_KEER),  # still falling... then a small rise only
        ((0.0, 0.2, -0.2), lv.Trend.GEKEERD_NAAR_NEGATIEF),
        ((0.0, 0.2, 0.5), lv.Trend.GEEN_KEER),  # rising throughout
        ((0.0, NAN, 0.5), lv.Trend.ONBEKEND),  # a missing measurement
    ],
)
def test_trendkeer(
    registry: lv.Registry, weights: lv.Weights, reeks: tuple[float, float, float], status: lv.Trend
) -> None:
    results = [
        result(registry, weights, j, ["BU00010001"], [v])
        for j, v in zip((2020, 2022, 2024), reeks, strict=True)
    ]
    uit = lv.trendkeer(results)
    assert uit.status[0] is status
    assert uit.redenen[0].startswith(status.value)
    assert bool(uit.gekeerd[0]) is (status is lv.Trend.GEKEERD_NAAR_POSITIEF)


def test_trendkeer_reason_and_chained_crosswalks(registry: lv.Registry, weights: lv.Weights) -> None:
    a = result(registry, weights, 2020, ["BU00010001"], [0.0])
    b = result(registry, weights, 2022, ["BU00010002"], [-0.35])  # renamed 1 -> 2
    c = result(registry, weights, 2024, ["BU00010003"], [-0.14])  # renamed 2 -> 3
    uit = lv.trendkeer([a, b, c], [{"BU00010001": "BU00010002"}, {"BU00010002": "BU00010003"}])
    assert uit.redenen[0] == (
        "gekeerd naar positief: objectieve totaalscore daalde met 0,35 van 2020 naar 2022 "
        "en steeg met 0,21 van 2022 naar 2024 (drempel 0,10)"
    )


def test_rules_need_enough_ordered_measurements(registry: lv.Registry, weights: lv.Weights) -> None:
    a = result(registry, weights, 2022, ["BU00010001"], [0.0])
    b = result(registry, weights, 2024, ["BU00010001"], [0.0])
    with pytest.raises(ValueError, match="minstens 3 metingen"):
        lv.trendkeer([a, b])
    with pytest.raises(ValueError, match="op volgorde van jaar"):
        lv.structureel_onder_druk([b, a])
