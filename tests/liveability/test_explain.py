"""Explanations: contributions add up to the scores, sentences in Dutch, suppressed areas."""

from __future__ import annotations

import numpy as np
import pytest

import leefbaar.liveability as lv
from leefbaar.liveability.explain import getal
from leefbaar.liveability.scores import onderdeel_index

from .conftest import matrix

NAN = float("nan")


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [
        (85.3, 1, "85,3"),
        (1234.5, 1, "1.234,5"),  # thousands separator is a point
        (0.42, 2, "0,42"),
        (-0.42, 2, "-0,42"),
        (1234567.0, 0, "1.234.567"),
        (NAN, 1, "onbekend"),
    ],
)
def test_dutch_numbers(waarde: float, decimalen: int, tekst: str) -> None:
    assert getal(waarde, decimalen) == tekst


def test_crime_sentence(registry: lv.Registry, weights: lv.Weights) -> None:
    # misdrijven: median 41.0, quartiles 30 and 52 -> scale 22 / 1.349
    waarden = [[20.0], [30.0], [41.0], [52.0], [85.3]]
    res = lv.compute_scores(matrix(["misdrijven_per_1000"], waarden), registry, weights)
    uitleg = lv.explain(res, registry, "BU00010004")
    (bijdrage,) = uitleg.bijdragen
    z = -(85.3 - 41.0) / (22.0 / 1.349)
    assert bijdrage.bijdrage_dimensie == pytest.approx(z)
    assert bijdrage.zin == (
        "Geregistreerde misdrijven per 1.000 inwoners: 85,3 (landelijke mediaan 41,0) "
        f"trekt de dimensie overlast en onveiligheid omlaag met {getal(-z, 2)}"
    )
    assert getal(-z, 2) == "2,72"
    # the median buurt: no influence
    assert "heeft vrijwel geen invloed" in lv.explain(res, registry, "BU00010002").bijdragen[0].zin


def test_contributions_add_up_to_the_scores(registry: lv.Registry, weights: lv.Weights) -> None:
    keys = [
        "aandeel_corporatie_conditie_5_6",
        "percentage_onbewoond",
        "afstand_huisarts",
        "veiligheidsgevoel",
    ]
    rng = np.random.default_rng(11)
    waarden = rng.gamma(2, 2, (40, 4))
    waarden[3, 1] = NAN  # a missing value: weights renormalised, and reported as missing
    res = lv.compute_scores(matrix(keys, waarden), registry, weights)
    for code in ("BU00010003", "BU00010017"):
        uitleg = lv.explain(res, registry, code)
        i = res.index(code)
        for s, soort in enumerate(lv.SOORTEN):
            bijdragen = uitleg.voor(soort)
            assert sum(b.bijdrage_totaal for b in bijdragen) == pytest.approx(
                res.scores[i, s, onderdeel_index("totaal")]
            )
            for d, dimensie in enumerate(lv.DIMENSIES):
                deel = [b.bijdrage_dimensie for b in bijdragen if b.dimensie is dimensie]
                if deel:
                    assert sum(deel) == pytest.approx(res.scores[i, s, d])
        absoluut = [abs(b.bijdrage_totaal) for b in uitleg.bijdragen]
        assert absoluut == sorted(absoluut, reverse=True)
    assert lv.explain(res, registry, "BU00010003").ontbrekend == ("percentage_onbewoond",)


def test_suppressed_area_is_explained_by_its_reason(registry: lv.Registry, weights: lv.Weights) -> None:
    m = matrix(["afstand_huisarts"], [[1.0], [2.0], [3.0]], inwoners=[40, 1000, 1000])
    uitleg = lv.explain(lv.compute_scores(m, registry, weights), registry, "BU00010000")
    assert uitleg.reden == "minder dan 100 inwoners"
    assert uitleg.bijdragen == ()
