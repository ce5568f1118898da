"""Explanations: contributions add up to the scores, sentences in Dutch, suppressed areas."""

from __future__ import annotations

import numpy as np
import pytest

import leefbaar.liveability as lv
from leefbaar.liveability.explain import JA_NEE, getal, met_eenheid
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


@pytest.mark.parametrize(
    ("waarde", "eenheid", "naam", "tekst"),
    [
        (1.0, JA_NEE, "Buurtkamer of ontmoetingsruimte aanwezig", "ja"),  # presence: yes/no, not "1,0"
        (0.0, JA_NEE, "Buurtkamer of ontmoetingsruimte aanwezig", "nee"),
        (
            0.5,
            JA_NEE,
            "Buurtkamer of ontmoetingsruimte aanwezig",
            "0,5 (1 = ja, 0 = nee)",
        ),  # a median between
        (12.34, "procent van de woningen", "Aandeel eengezinswoningen", "12,3% van de woningen"),
        (2.06, "km (over de weg)", "Afstand tot huisarts", "2,1 km (over de weg)"),
        (6.5, "rapportcijfer 1-10", "Rapportcijfer woonomgeving", "6,5 (rapportcijfer 1-10)"),
        (
            148.0,
            "per 1.000 inwoners",
            "Geregistreerde misdrijven per 1.000 inwoners",
            "148,0",
        ),  # unit in name
        (312.0, "duizend euro", "Gemiddelde WOZ-waarde van woningen", "312,0 duizend euro"),
        (NAN, "duizend euro", "Gemiddelde WOZ-waarde van woningen", "onbekend"),
    ],
)
def test_every_value_has_its_unit(waarde: float, eenheid: str, naam: str, tekst: str) -> None:
    assert met_eenheid(waarde, eenheid, naam) == tekst


def test_crime_sentence(registry: lv.Registry, weights: lv.Weights) -> None:
    # misdrijven: median 41.0, quartiles 30 and 52 -> scale 22 / 1.349
    waarden = [[20.0], [30.0], [41.0], [52.0], [85.3]]
    res = lv.compute_scores(matrix(["misdrijven_per_1000"], waarden), registry, weights)
    uitleg = lv.explain(res, registry, "BU00010004")
    (bijdrage,) = uitleg.bijdragen
    z = -(85.3 - 41.0) / (22.0 / 1.349)
    assert bijdrage.bijdrage_dimensie == pytest.approx(z)
    # the unit is in the name, so the numbers stand alone; the contribution is in standard deviations
    assert bijdrage.zin == (
        "Geregistreerde misdrijven per 1.000 inwoners: 85,3 (landelijke mediaan 41,0); "
        f"trekt de dimensie overlast en onveiligheid omlaag met {getal(-z, 2)} standaarddeviatie"
    )
    assert getal(-z, 2) == "2,72"
    # the median buurt: no influence
    assert "heeft vrijwel geen invloed" in lv.explain(res, registry, "BU00010002").bijdragen[0].zin


def test_presence_reads_yes_or_no_and_the_contribution_has_its_unit(registry: lv.Registry) -> None:
    # Regression: "Buurtkamer aanwezig: 1,0 (landelijke mediaan 0,0)" had no unit or scale.
    zin = lv.zin(registry["buurtkamer_aanwezig"], 1.0, 0.0, 1.5)
    assert zin == (
        "Buurtkamer of ontmoetingsruimte aanwezig: ja (landelijke mediaan nee); "
        "trekt de dimensie sociale samenhang omhoog met 1,50 standaarddeviatie"
    )
    share = lv.zin(registry["aandeel_eengezinswoningen"], 12.34, 40.0, -0.004)
    assert share == (
        "Aandeel eengezinswoningen: 12,3% van de woningen (landelijke mediaan 40,0% van de woningen); "
        "heeft vrijwel geen invloed op de dimensie woningvoorraad"
    )


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
