"""Validation against a reference: correlations on crafted references and the largest disagreements."""

from __future__ import annotations

import math

import numpy as np
import pytest

import leefbaar.liveability as lv

from .conftest import matrix

NAN = float("nan")
CODES = ["BU00010000", "BU00010001", "BU00010002", "BU00010003"]


@pytest.mark.parametrize(
    ("referentie", "spearman", "pearson"),
    [
        ([10.0, 20.0, 30.0, 40.0], 1.0, 1.0),  # same order, linear
        ([40.0, 30.0, 20.0, 10.0], -1.0, -1.0),  # reversed
        ([1.0, 4.0, 9.0, 16.0], 1.0, 25 / math.sqrt(5 * 129)),  # same order, not linear: Pearson by hand
        ([1.0, 3.0, 2.0, 4.0], 0.8, 0.8),  # one swap: sum(dx dy) = 4, sum dx^2 = sum dy^2 = 5
    ],
)
def test_compare_known_correlations(referentie: list[float], spearman: float, pearson: float) -> None:
    v = lv.compare("totaal", CODES, np.array([1.0, 2.0, 3.0, 4.0]), np.array(referentie))
    assert v.n == 4
    assert v.spearman == pytest.approx(spearman)
    assert v.pearson == pytest.approx(pearson)


def test_largest_disagreements_by_rank_difference() -> None:
    codes = [f"BU0001000{i}" for i in range(5)]
    v = lv.compare("totaal", codes, np.arange(5.0), np.arange(5.0)[::-1].copy())
    # rank differences 4, 2, 0, 2, 4; ties in code order
    assert [(a.code, a.rangverschil) for a in v.grootste_afwijkingen] == [
        ("BU00010000", 4.0),
        ("BU00010004", 4.0),
        ("BU00010001", 2.0),
        ("BU00010003", 2.0),
        ("BU00010002", 0.0),
    ]
    assert (v.grootste_afwijkingen[0].rang_ons, v.grootste_afwijkingen[0].rang_referentie) == (1.0, 5.0)


def test_too_few_or_constant_gives_nan() -> None:
    v = lv.compare("totaal", CODES[:2], np.array([1.0, 2.0]), np.array([2.0, 1.0]))
    assert v.n == 2 and math.isnan(v.spearman) and math.isnan(v.pearson)
    v = lv.compare("totaal", CODES, np.array([1.0, 2.0, 3.0, 4.0]), np.array([5.0, 5.0, 5.0, 5.0]))
    assert math.isnan(v.spearman)


def test_validate_matches_codes_per_part(registry: lv.Registry, weights: lv.Weights) -> None:
    # one objective voorzieningen indicator: lower distance = better score, so score order is reversed
    waarden = [[5.0], [4.0], [3.0], [2.0], [1.0], [0.5]]
    m = matrix(["afstand_huisarts"], waarden, inwoners=[1000, 1000, 1000, 1000, 1000, 10])
    res = lv.compute_scores(m, registry, weights)
    ref_codes = ["BU00010003", "BU00010000", "BU00010001", "BU00010002", "BU00010005", "BU99999999"]
    referentie = {
        # perfectly monotone with our score on the 4 matched scored areas (BU00010005 is suppressed,
        # BU99999999 unknown, BU00010004 absent from the reference)
        "totaal": np.array([4.0, 1.0, 2.0, 3.0, 100.0, 50.0]),
        # reversed for the dimension
        "voorzieningen": np.array([1.0, 4.0, 3.0, 2.0, 0.0, 0.0]),
    }
    uit = lv.validate(res, ref_codes, referentie)
    assert [(v.onderdeel, v.n) for v in uit] == [("voorzieningen", 4), ("totaal", 4)]
    assert uit[0].spearman == pytest.approx(-1.0)
    assert uit[1].spearman == pytest.approx(1.0)


def test_validate_refuses_unknown_part_and_duplicates(registry: lv.Registry, weights: lv.Weights) -> None:
    res = lv.compute_scores(matrix(["afstand_huisarts"], [[1.0], [2.0]]), registry, weights)
    with pytest.raises(ValueError, match="onbekend onderdeel in de referentie: groen"):
        lv.validate(res, ["BU00010000"], {"groen": np.array([1.0])})
    with pytest.raises(ValueError, match="dubbel"):
        lv.validate(res, ["BU00010000", "BU00010000"], {"totaal": np.array([1.0, 2.0])})


@pytest.mark.parametrize(
    ("ons", "referentie", "overlap", "aantal"),
    [
        # 20 areas: the reference's bottom decile is its two lowest; we have the same two lowest
        (list(range(20)), list(range(20)), 1.0, 2),
        # reversed order: none of the reference's two lowest is in our two lowest
        (list(range(20)), list(range(19, -1, -1)), 0.0, 2),
        # we have one of the two (area 0), the other (area 1) we rank highest
        ([0, 20, *range(2, 20)], list(range(20)), 0.5, 2),
        # fewer than 10 areas: the lowest has mid-rank percentile 100 * 0.5 / 4 = 12.5 > 10, no decile
        ([1, 2, 3, 4], [1, 2, 3, 4], NAN, 0),
    ],
)
def test_bottom_decile_overlap(
    ons: list[float], referentie: list[float], overlap: float, aantal: int
) -> None:
    gedeeld, n = lv.bottom_decile_overlap(np.array(ons, dtype=float), np.array(referentie, dtype=float))
    assert n == aantal
    assert gedeeld == pytest.approx(overlap, nan_ok=True)


def test_compare_reports_the_bottom_decile() -> None:
    codes = [f"BU0001{i:04d}" for i in range(20)]
    v = lv.compare("totaal", codes, np.arange(20.0), np.arange(20.0))
    assert (v.onderste_deciel, v.n_onderste_deciel, v.reden) == (1.0, 2, None)


def test_validate_says_why_n_is_zero(registry: lv.Registry, weights: lv.Weights) -> None:
    # only a voorzieningen indicator: woningvoorraad has no objective score at all
    res = lv.compute_scores(matrix(["afstand_huisarts"], [[1.0], [2.0], [3.0]]), registry, weights)
    codes = ["BU00010000", "BU00010001", "BU00010002"]
    uit = {
        v.onderdeel: v
        for v in lv.validate(
            res,
            codes,
            {
                "woningvoorraad": np.array([1.0, 2.0, 3.0]),
                "voorzieningen": np.array([NAN, NAN, NAN]),
                "totaal": np.array([1.0, 2.0, 3.0]),
            },
        )
    }
    assert uit["woningvoorraad"].n == 0
    assert (
        uit["woningvoorraad"].reden == "geen objectieve indicator van deze dimensie met waarden aangeleverd"
    )
    assert uit["voorzieningen"].reden == (
        "de referentie heeft voor dit onderdeel geen waarden bij de gekoppelde gebieden"
    )
    assert uit["totaal"].n == 3 and uit["totaal"].reden is None
    geen = lv.validate(res, ["BU99999999"], {"totaal": np.array([1.0])})[0]
    assert geen.reden == "geen enkele code uit de referentie komt voor in de index"


def test_reasons_without_score_name_each_indicator(registry: lv.Registry) -> None:
    redenen = lv.reasons_without_score(
        registry,
        gebruikt=["afstand_huisarts", "misdrijven_per_1000", "aandeel_65_plus", "gemiddelde_woz_waarde"],
        niet_gebruikt={"bevolkingsdichtheid": "niet aangeleverd", "omgevingsadressendichtheid": "gewicht 0"},
    )
    assert set(redenen) == {"fysieke_omgeving"}
    assert redenen["fysieke_omgeving"] == (
        "geen objectieve indicator van deze dimensie gebruikt "
        "(bevolkingsdichtheid: niet aangeleverd; omgevingsadressendichtheid: gewicht 0)"
    )
    alles = lv.reasons_without_score(registry, gebruikt=[], niet_gebruikt={})
    assert alles["totaal"] == "geen enkele objectieve indicator gebruikt"
