"""The indicator registry: the shipped file, validation errors, and refusal of stigmatising indicators."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import leefbaar.liveability as lv
from leefbaar.liveability.registry import stigmatiserende_term

GOED: dict[str, Any] = {
    "sleutel": "afstand_huisarts",
    "naam": "Afstand tot huisartsenpraktijk",
    "bron": "AfstandTotHuisartsenpraktijk",
    "eenheid": "km",
    "richting": "lager_beter",
    "dimensie": "voorzieningen",
    "soort": "objectief",
    "onderbouwing": "Zorg dichtbij.",
    "eerlijkheid": "Landelijk gebied scoort lager.",
}


def registry_with(**wijziging: Any) -> dict[str, Any]:
    item = {**GOED, **wijziging}
    return {"indicatoren": [{k: v for k, v in item.items() if v is not None}]}


def test_shipped_registry_covers_every_dimension_with_both_kinds(registry: lv.Registry) -> None:
    objectief = {i.dimensie for i in registry if i.soort is lv.IndicatorSoort.OBJECTIEF}
    subjectief = {i.dimensie for i in registry if i.soort is lv.IndicatorSoort.SUBJECTIEF}
    assert objectief == set(lv.DIMENSIES)
    assert subjectief == set(lv.DIMENSIES) - {lv.Dimensie.WONINGVOORRAAD}
    assert len(registry) == 23


def test_shipped_registry_has_the_named_sources(registry: lv.Registry) -> None:
    bronnen = {i.bron for i in registry}
    for bron in (
        "PercentageOnbewoond",
        "GemiddeldeWOZWaardeVanWoningen",
        "AfstandTotHuisartsenpraktijk",
        "AfstandTotGroteSupermarkt",
        "AfstandTotSchool",
        "Bevolkingsdichtheid",
        "GeregistreerdeMisdrijven",
        "leefbaar:conditie_5_6",
        "leefbaar:vocht_schimmel_open",
        "leefbaar:buurtkamer",
        "enquete:veiligheidsgevoel",
        "enquete:tevredenheid_buurt",
        "enquete:sociale_cohesie",
    ):
        assert bron in bronnen
    misdrijven = registry["misdrijven_per_1000"]
    assert (misdrijven.noemer, misdrijven.factor, misdrijven.teken) == ("AantalInwoners", 1000.0, -1.0)


def test_shipped_registry_has_no_stigmatising_terms(registry: lv.Registry) -> None:
    for indicator in registry:
        for tekst in (indicator.sleutel, indicator.naam, indicator.bron):
            assert stigmatiserende_term(tekst) is None, tekst


@pytest.mark.parametrize(
    ("veld", "waarde", "term"),
    [
        ("bron", "NietWestersTotaal", "westers"),  # CBS KWB migration-background column
        ("bron", "WestersTotaal", "westers"),  # idem, the "western" counterpart
        ("bron", "Marokko", "marokk"),  # CBS KWB country-of-origin column
        ("bron", "PersonenPerSoortUitkeringBijstand", "uitkering"),  # CBS KWB benefit column
        ("bron", "k_Bijstandsontvangers", "bijstand"),  # benefit dependency under another name
        ("bron", "enquete:migratieachtergrond", "migratie"),  # a survey cannot smuggle it in
        ("bron", "herkomstBuitenEuropa", "herkomst"),  # born outside Europe (our 2024 data has it)
        ("naam", "Aandeel inwoners met een etnische minderheid", "etnisch"),  # caught in the name too
        ("sleutel", "aandeel_ww_uitkeringen", "uitkering"),  # and in the key
    ],
)
def test_registry_refuses_stigmatising_indicator(veld: str, waarde: str, term: str) -> None:
    with pytest.raises(lv.RegistryError) as fout:
        lv.parse_registry(registry_with(**{veld: waarde}))
    assert f"(term '{term}')" in str(fout.value)
    assert "stigmatiserend en niet toegestaan" in str(fout.value)


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"richting": "omhoog"}, "richting 'omhoog' is onbekend; kies uit hoger_beter, lager_beter"),
        ({"dimensie": "groen"}, "dimensie 'groen' is onbekend"),  # not one of the five
        ({"soort": "gemengd"}, "soort 'gemengd' is onbekend; kies uit objectief, subjectief"),
        ({"bron": "AantalInwoners_5"}, "is geen CBS-kolomnaam zonder nummer"),  # numeric suffix
        ({"bron": "cbs:AantalInwoners"}, "is geen CBS-kolomnaam zonder nummer"),  # unknown prefix
        ({"eerlijkheid": None}, "veld 'eerlijkheid' ontbreekt of is leeg"),  # fairness note required
        ({"naam": "  "}, "veld 'naam' ontbreekt of is leeg"),
        ({"sleutel": "Afstand-Huisarts"}, "sleutel moet uit kleine letters"),
        ({"factor": -1}, "factor moet een positief getal zijn"),
        ({"noemer": "AantalInwoners_5"}, "noemer moet een CBS-kolomnaam zonder nummer zijn"),
        ({"gewicht": 2}, "onbekende velden gewicht"),  # weights belong in gewichten.yaml
    ],
)
def test_registry_errors_are_dutch_and_specific(wijziging: dict[str, Any], melding: str) -> None:
    with pytest.raises(lv.RegistryError) as fout:
        lv.parse_registry(registry_with(**wijziging))
    assert melding in str(fout.value)
    assert str(fout.value).startswith("indicator 1 (")


def test_registry_reports_every_problem_at_once() -> None:
    data = registry_with(richting="x")
    data["indicatoren"].append({**GOED, "dimensie": "y"})
    data["indicatoren"].append(copy.deepcopy(GOED))  # valid, but duplicate of nothing yet
    data["indicatoren"].append(copy.deepcopy(GOED))  # duplicate key
    with pytest.raises(lv.RegistryError) as fout:
        lv.parse_registry(data)
    assert len(fout.value.fouten) == 3
    assert "sleutel komt vaker voor" in fout.value.fouten[2]


@pytest.mark.parametrize(
    "data",
    [
        {},  # no list at all
        {"indicatoren": "afstand"},  # not a list
        {"indicatoren": []},  # empty
    ],
)
def test_registry_needs_a_list_of_indicators(data: dict[str, Any]) -> None:
    with pytest.raises(lv.RegistryError):
        lv.parse_registry(data)


def test_cbs_names_with_inner_underscore_are_accepted() -> None:
    registry = lv.parse_registry(registry_with(bron="k_65JaarOfOuder", noemer="AantalInwoners", factor=100))
    assert registry["afstand_huisarts"].bron == "k_65JaarOfOuder"
