"""Robust z-scores: median and IQR/1.349, direction-corrected, winsorised, with fallbacks."""

from __future__ import annotations

import numpy as np
import pytest

from leefbaar.liveability.normalise import apply_normalisation, fit_normalisation

NAN = float("nan")


@pytest.mark.parametrize(
    ("kolom", "teken", "verwacht"),
    [
        # median 3, quartiles 2 and 4 -> scale 2 / 1.349; z = (x - 3) * 0.6745
        ([1, 2, 3, 4, 5], 1.0, [-1.349, -0.6745, 0.0, 0.6745, 1.349]),
        # lower is better: the same numbers with the sign flipped
        ([1, 2, 3, 4, 5], -1.0, [1.349, 0.6745, 0.0, -0.6745, -1.349]),
        # an outlier does not move median or quartiles much and is clipped at 3
        ([1, 2, 3, 4, 100], 1.0, [-1.349, -0.6745, 0.0, 0.6745, 3.0]),
        # missing stays missing and does not count in the fit: median 2.5, quartiles 1.75 and 3.25
        ([1, 2, NAN, 3, 4], 1.0, [-1.5 / 1.5 * 1.349, -0.5 / 1.5 * 1.349, NAN, 0.5 / 1.5 * 1.349, 1.349]),
        # IQR 0 (a mostly-"no" yes/no indicator): the standard deviation 0.4 is the scale
        ([0, 0, 0, 0, 1], 1.0, [0.0, 0.0, 0.0, 0.0, 2.5]),
        # every value equal: everyone gets 0
        ([7, 7, 7, 7, 7], 1.0, [0.0, 0.0, 0.0, 0.0, 0.0]),
        # no values at all: everything missing
        ([NAN, NAN, NAN, NAN, NAN], 1.0, [NAN, NAN, NAN, NAN, NAN]),
    ],
)
def test_robust_z(kolom: list[float], teken: float, verwacht: list[float]) -> None:
    waarden = np.array(kolom, dtype=float)[:, None]
    norm = fit_normalisation(["x"], waarden)
    z = apply_normalisation(norm, waarden, np.array([teken]))[:, 0]
    np.testing.assert_allclose(z, verwacht, atol=1e-12)


def test_select_reorders_and_marks_unknown_as_missing() -> None:
    norm = fit_normalisation(["a", "b"], np.array([[1.0, 10.0], [3.0, 30.0], [5.0, 50.0]]))
    gekozen = norm.select(["b", "c", "a"])
    np.testing.assert_array_equal(gekozen.mediaan, [30.0, NAN, 3.0])
    assert gekozen.indicatoren == ("b", "c", "a")
