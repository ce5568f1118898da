"""Agreement with the Leefbaarometer on real buurten (province of Utrecht), as floors to keep.

The default weights were chosen looking only at the buurten of even-coded gemeenten; ``toets`` are
the others (see lbm_reference.py and the extract's SOURCE.md). Skipped when the extract is absent. A change of weights or indicators that makes
the index agree less with the Leefbaarometer fails here instead of going unnoticed. The figures
measured when the floors were set are in docs/liveability.md.
"""

from __future__ import annotations

import numpy as np
import pytest

import leefbaar.liveability as lv

from .lbm_reference import PLAATSEN, Case, case_2020, case_2024, data_dir

pytestmark = pytest.mark.skipif(
    data_dir() is None,
    reason=f"Leefbaarometer-referentie-extract ontbreekt (gezocht in {', '.join(map(str, PLAATSEN))})",
)


@pytest.fixture(scope="module")
def geval_2024() -> Case:
    return case_2024()


@pytest.fixture(scope="module")
def geval_2020() -> Case:
    return case_2020()


def _vergelijk(
    case: Case, registry: lv.Registry, weights: lv.Weights, alleen_toets: bool = False
) -> dict[str, lv.Vergelijking]:
    result = lv.compute_scores(case.matrix, registry, weights)
    referentie = case.referentie
    if alleen_toets:
        referentie = {k: np.where(case.ontwikkel, np.nan, v) for k, v in referentie.items()}
    return {v.onderdeel: v for v in lv.validate(result, case.codes, referentie)}


@pytest.mark.parametrize(
    ("jaar", "alleen_toets", "n", "spearman", "onderste_deciel"),
    [
        (2024, False, 842, 0.54, 0.38),  # every buurt, Leefbaarometer 2024 (measured 0.563 / 0.42)
        (2024, True, 462, 0.50, 0.35),  # only the buurten the weights were not chosen on (0.522 / 0.41)
        (2020, False, 707, 0.41, 0.25),  # the comparison of issue 18: KWB 2022 vs LBM 2020 (0.434 / 0.29)
        (2020, True, 357, 0.36, 0.19),  # its held-out half (0.386 / 0.23)
    ],
)
def test_default_weights_keep_their_agreement_with_the_leefbaarometer(
    registry: lv.Registry,
    weights: lv.Weights,
    geval_2024: Case,
    geval_2020: Case,
    jaar: int,
    alleen_toets: bool,
    n: int,
    spearman: float,
    onderste_deciel: float,
) -> None:
    case = geval_2024 if jaar == 2024 else geval_2020
    totaal = _vergelijk(case, registry, weights, alleen_toets)["totaal"]
    assert totaal.n == n
    assert totaal.spearman >= spearman
    assert totaal.onderste_deciel >= onderste_deciel


@pytest.mark.parametrize(
    ("dimensie", "spearman"),
    [
        ("woningvoorraad", 0.75),  # WOZ value and dwelling type (measured 0.80)
        ("voorzieningen", 0.60),  # distances: closer is better in both (0.66)
        ("sociale_samenhang", 0.63),  # household size and share 65+ (0.68)
        ("overlast_onveiligheid", 0.74),  # crimes per km² and per inhabitant (0.78)
    ],
)
def test_each_measured_dimension_follows_the_leefbaarometer_dimension(
    registry: lv.Registry, weights: lv.Weights, geval_2024: Case, dimensie: str, spearman: float
) -> None:
    assert _vergelijk(geval_2024, registry, weights)[dimensie].spearman >= spearman


def test_a_dimension_without_indicators_says_why_n_is_zero(
    registry: lv.Registry, weights: lv.Weights, geval_2020: Case
) -> None:
    # the KWB 2022 extract has no crime figures, so there is no objective overlast score
    overlast = _vergelijk(geval_2020, registry, weights)["overlast_onveiligheid"]
    assert overlast.n == 0
    assert overlast.reden is not None
    assert "geen objectieve indicator van deze dimensie" in overlast.reden


@pytest.mark.parametrize(
    ("jaar", "minimaal"),
    [
        (2024, 0.76),  # measured 0.783 (non-negative least squares on the reference's ranks)
        (2020, 0.70),  # measured 0.722 (the WOZ value alone: seven indicators only)
    ],
)
def test_calibration_is_never_worse_than_a_single_indicator_or_the_defaults(
    registry: lv.Registry, weights: lv.Weights, geval_2024: Case, geval_2020: Case, jaar: int, minimaal: float
) -> None:
    case = geval_2024 if jaar == 2024 else geval_2020
    uit = lv.calibrate(case.matrix, registry, weights, case.codes, case.referentie["totaal"])
    assert uit.spearman_gekalibreerd >= minimaal
    assert uit.spearman_gekalibreerd >= uit.spearman_enkel
    assert uit.spearman_gekalibreerd > uit.spearman_standaard
    assert uit.enkel_indicator == "gemiddelde_woz_waarde"
    # a plain linear model may do a little better, but only by letting indicators count against
    # their good direction; the report names them and never writes such weights
    if uit.spearman_lineair > uit.spearman_gekalibreerd + lv.calibration.MARGE:
        assert uit.lineair_tegen_richting
        assert "tegen de goede richting" in uit.uitleg
    assert uit.spearman_lineair - uit.spearman_gekalibreerd < 0.04
    assert all(v >= 0 for v in uit.gefit.values())
    assert uit.uitleg.startswith(f"Gekozen: {uit.model_naam}")
