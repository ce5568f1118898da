"""Calibration: recovering known non-negative weights, never a harmful weight, deterministic folds."""

from __future__ import annotations

import numpy as np
import pytest

import leefbaar.liveability as lv
from leefbaar.liveability.calibration import fit_nonnegative

from .conftest import matrix

KEYS = [
    "misdrijven_per_1000",
    "afstand_huisarts",
    "afstand_school",
    "bevolkingsdichtheid",
    "veiligheidsgevoel",
]


def data(seed: int = 1, n: int = 400) -> lv.IndicatorMatrix:
    rng = np.random.default_rng(seed)
    waarden = np.column_stack(
        [
            rng.gamma(2, 20, n),
            rng.gamma(2, 0.6, n),
            rng.gamma(2, 0.4, n),
            rng.gamma(3, 1500, n),
            rng.normal(70, 8, n),
        ]
    )
    return matrix(KEYS, waarden, codes=[f"BU{i:08d}" for i in range(n)])


def test_fit_nonnegative_recovers_weights_with_intercept() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = 5.0 + x @ np.array([0.5, 0.0, 2.0])
    np.testing.assert_allclose(fit_nonnegative(x, y), [0.5, 0.0, 2.0], atol=1e-9)
    # a negative true effect is not followed: that weight is 0 instead
    y = x @ np.array([1.0, -3.0, 0.0])
    assert fit_nonnegative(x, y)[1] == 0.0


def test_recovers_known_weights(registry: lv.Registry, weights: lv.Weights) -> None:
    m = data()
    basis = lv.compute_scores(m, registry, weights)
    echt = np.array([0.5, 0.0, 0.3, 0.2])  # objective indicators, on the normalised scale
    referentie = 10 + basis.genormaliseerd[:, :4] @ echt
    uit = lv.calibrate(m, registry, weights, m.codes, referentie)
    assert uit.gefit == pytest.approx(dict(zip(KEYS[:4], echt / echt.sum(), strict=True)), abs=1e-9)
    w = lv.parse_weights(uit.gewichten, registry)  # the dict is a valid weights file
    # dimension weight x weight within the dimension gives back the fitted weight
    for sleutel, verwacht in uit.gefit.items():
        assert w.dimensies[w.dimensie_van[sleutel]] * w.indicatoren[sleutel] == pytest.approx(
            verwacht, abs=1e-6
        )
    # the subjective indicator keeps its default weight
    assert w.indicatoren["veiligheidsgevoel"] == weights.indicatoren["veiligheidsgevoel"]
    assert uit.n == 400
    assert uit.spearman_gekalibreerd == pytest.approx(1.0)
    assert uit.spearman_gekalibreerd > uit.spearman_standaard
    assert len(uit.spearman_per_fold_gekalibreerd) == 5


def test_never_a_harmful_weight(registry: lv.Registry, weights: lv.Weights) -> None:
    m = data(2)
    # a reference that rewards MORE crime and a longer way to the GP (wrong direction), and a
    # shorter way to school (right direction)
    ruis = np.random.default_rng(3).normal(0, 0.1, 400)
    referentie = m.waarden[:, 0] / 20 + m.waarden[:, 1] - m.waarden[:, 2] + ruis
    uit = lv.calibrate(m, registry, weights, m.codes, referentie)
    assert uit.gefit["misdrijven_per_1000"] == 0.0
    assert uit.gefit["afstand_huisarts"] == 0.0
    assert uit.gefit["afstand_school"] > 0.5
    for blok in uit.gewichten["dimensies"].values():
        assert blok["gewicht"] >= 0
        assert all(item["gewicht"] >= 0 for item in blok["indicatoren"].values())


def test_same_seed_same_report(registry: lv.Registry, weights: lv.Weights) -> None:
    m = data(4)
    referentie = np.random.default_rng(5).normal(size=400) - m.waarden[:, 2]
    a = lv.calibrate(m, registry, weights, m.codes, referentie, seed=9)
    b = lv.calibrate(m, registry, weights, m.codes, referentie, seed=9)
    assert a.spearman_per_fold_gekalibreerd == b.spearman_per_fold_gekalibreerd
    assert a.gewichten == b.gewichten


def test_only_matched_scored_areas_count(registry: lv.Registry, weights: lv.Weights) -> None:
    m = data(6)
    m = matrix(m.indicatoren, m.waarden, codes=m.codes, inwoners=[50.0] * 100 + [1000.0] * 300)
    basis = lv.compute_scores(m, registry, weights)
    referentie = np.nan_to_num(basis.genormaliseerd[:, 0])
    codes = [*m.codes[:350], "BU99999999"]
    uit = lv.calibrate(m, registry, weights, codes, np.r_[referentie[:350], 1.0])
    assert uit.n == 250  # 100 suppressed, 50 not in the reference, 1 unknown code


def test_too_few_areas_is_an_error(registry: lv.Registry, weights: lv.Weights) -> None:
    m = data(7, n=12)
    with pytest.raises(ValueError, match="te weinig gekoppelde gebieden"):
        lv.calibrate(m, registry, weights, m.codes, np.arange(12.0))


def test_reference_against_every_good_direction_is_refused(
    registry: lv.Registry, weights: lv.Weights
) -> None:
    m = data(8)
    referentie = m.waarden[:, 0] + m.waarden[:, 1] * 20 + m.waarden[:, 2] * 20 + m.waarden[:, 3] / 100
    with pytest.raises(ValueError, match="met geen enkele indicator in de goede richting samen"):
        lv.calibrate(m, registry, weights, m.codes, referentie)


def test_model_is_chosen_by_cross_validation_and_explained(
    registry: lv.Registry, weights: lv.Weights
) -> None:
    m = data(10)
    basis = lv.compute_scores(m, registry, weights)
    # driven by the school distance alone, the other objective indicators are noise
    referentie = basis.genormaliseerd[:, 2] + np.random.default_rng(11).normal(0, 0.05, 400)
    uit = lv.calibrate(m, registry, weights, m.codes, referentie)
    assert [k.sleutel for k in uit.kandidaten] == list(lv.MODELLEN)
    assert uit.model == max(uit.kandidaten, key=lambda k: k.spearman).sleutel
    assert uit.spearman_gekalibreerd == max(k.spearman for k in uit.kandidaten)
    assert uit.enkel_indicator == "afstand_school"
    assert uit.spearman_gekalibreerd >= uit.spearman_enkel
    assert uit.uitleg.startswith(f"Gekozen: {uit.model_naam} (Spearman ")
    assert "Het wint omdat" in uit.uitleg and "afstand tot school" in uit.uitleg


def test_plain_linear_baseline_names_the_indicators_it_turns_around(
    registry: lv.Registry, weights: lv.Weights
) -> None:
    m = data(12)
    basis = lv.compute_scores(m, registry, weights)
    z = np.nan_to_num(basis.genormaliseerd[:, :4])
    # rewards a short way to school but also MORE crime: only a sign-free model can follow the latter
    referentie = z[:, 2] - z[:, 0] + np.random.default_rng(13).normal(0, 0.05, 400)
    uit = lv.calibrate(m, registry, weights, m.codes, referentie)
    assert uit.spearman_lineair > uit.spearman_gekalibreerd + 0.1
    assert "misdrijven_per_1000" in uit.lineair_tegen_richting
    assert "alleen door geregistreerde misdrijven per 1.000 inwoners" in uit.uitleg
    assert uit.gefit["misdrijven_per_1000"] == 0.0


@pytest.mark.parametrize(
    ("fit", "verwacht"),
    [
        # two equally strong indicators that always move together: ridge splits, NNLS takes any mix
        ("ridge", [0.5, 0.5]),
    ],
)
def test_ridge_spreads_weight_over_identical_indicators(fit: str, verwacht: list[float]) -> None:
    rng = np.random.default_rng(14)
    a = rng.normal(size=300)
    x = np.column_stack([a, a])
    w = lv.calibration.fit_ridge_nonnegative(x, 2 * a, 0.1)
    np.testing.assert_allclose(w / w.sum(), verwacht, atol=1e-6)
    assert (w >= 0).all()
