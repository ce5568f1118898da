"""Weights files: the shipped defaults, validation errors, and the round trip through the file format."""

from __future__ import annotations

from typing import Any

import pytest

import leefbaar.liveability as lv


def test_shipped_weights_cover_every_indicator(registry: lv.Registry, weights: lv.Weights) -> None:
    assert set(weights.indicatoren) == set(registry.sleutels)
    assert set(weights.dimensies) == set(lv.DIMENSIES)
    assert all(g > 0 for g in weights.indicatoren.values())
    assert weights.naam == "standaard"
    assert weights.onderbouwing.startswith("De Leefbaar-index is niet de Leefbaarometer")


def test_round_trip_keeps_every_weight(registry: lv.Registry, weights: lv.Weights) -> None:
    terug = lv.parse_weights(lv.weights_to_dict(weights), registry)
    assert terug.indicatoren == weights.indicatoren
    assert terug.dimensies == weights.dimensies
    assert terug.onderbouwing_per == weights.onderbouwing_per


def base() -> dict[str, Any]:
    return {
        "dimensies": {
            "voorzieningen": {"gewicht": 1, "indicatoren": {"afstand_huisarts": {"gewicht": 1.0}}},
            "woningvoorraad": {"gewicht": 0.5, "indicatoren": {"percentage_onbewoond": 2}},  # bare number
        }
    }


def test_bare_numbers_and_tables_both_work(registry: lv.Registry) -> None:
    w = lv.parse_weights(base(), registry)
    assert w.indicatoren == {"afstand_huisarts": 1.0, "percentage_onbewoond": 2.0}
    assert w.dimensies == {lv.Dimensie.VOORZIENINGEN: 1.0, lv.Dimensie.WONINGVOORRAAD: 0.5}
    assert w.dimensie_van["percentage_onbewoond"] is lv.Dimensie.WONINGVOORRAAD


@pytest.mark.parametrize(
    ("pad", "waarde", "melding"),
    [
        (("voorzieningen", "gewicht"), -1, "dimensie 'voorzieningen': gewicht -1 is negatief"),
        (
            ("voorzieningen", "gewicht"),
            "zwaar",
            "dimensie 'voorzieningen': gewicht ontbreekt of is geen getal",
        ),
        (("voorzieningen", "gewicht"), True, "gewicht ontbreekt of is geen getal"),  # bool is not a weight
        (
            ("voorzieningen", "indicatoren", "afstand_huisarts"),
            -0.5,
            "indicator 'afstand_huisarts': gewicht -0.5",
        ),
        (("voorzieningen", "indicatoren", "afstand_school_x"), 1, "'afstand_school_x' staat niet in het"),
        (("voorzieningen", "indicatoren", "percentage_onbewoond"), 1, "staat onder meer dan één dimensie"),
        (("voorzieningen", "indicatoren", "misdrijven_per_1000"), 1, "hoort volgens het register bij"),
    ],
)
def test_weights_errors(registry: lv.Registry, pad: tuple[str, ...], waarde: object, melding: str) -> None:
    data = base()
    doel = data["dimensies"]
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    with pytest.raises(lv.RegistryError) as fout:
        lv.parse_weights(data, registry)
    assert melding in str(fout.value)


def test_unknown_dimension_and_all_zero_are_refused() -> None:
    with pytest.raises(lv.RegistryError, match="dimensie 'groen' is onbekend"):
        lv.parse_weights({"dimensies": {"groen": {"gewicht": 1}}})
    with pytest.raises(lv.RegistryError, match="minstens één dimensie"):
        lv.parse_weights({"dimensies": {"voorzieningen": {"gewicht": 0}}})
    with pytest.raises(lv.RegistryError, match="tabel 'dimensies'"):
        lv.parse_weights({"gewichten": {}})
