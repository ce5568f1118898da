"""The agreement loader: a valid document becomes a model; every invalid one names file, path and reason."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.domain.housing import InvesteringThema
from leefbaar.domain.parties import PartijSoort
from leefbaar.domain.regions import AreaRef
from leefbaar.rules import (
    AfspraakSoort,
    MargeSoort,
    Milestone,
    Vergelijking,
    load_agreement,
    validate_agreement,
)
from leefbaar.rules.loader import format_path

Doc = dict[str, Any]


def lokaal() -> Doc:
    """A small valid local agreement; each test row changes one thing."""
    return {
        "id": "lokaal-GM0363-test-2024-2027",
        "titel": "Testafspraken",
        "soort": "lokaal",
        "gemeente": {"code": "GM0363", "indelingsjaar": 2024},
        "periode": {"start": 2024, "eind": date(2027, 12, 31)},
        "partijen": [
            {"id": "GM0363", "soort": "gemeente", "naam": "Gemeente"},
            {"id": "L0001", "soort": "corporatie", "naam": "Corporatie"},
            {"id": "ZP0001", "soort": "zorgpartner", "naam": "Zorg"},
        ],
        "toezeggingen": [
            {
                "id": "t1",
                "requirement": "R1",
                "titel": "Geen conditie 5/6",
                "indicator": "woningen_conditie_5_6_zonder_sloopplan",
                "doel": {"vergelijking": "<=", "waarde": 0},
                "deadline": date(2026, 1, 1),
                "verantwoordelijke": "L0001",
            },
            {
                "id": "t2",
                "requirement": "R2",
                "titel": "Extra investering",
                "indicator": "extra_investering_verbetering",
                "themas": ["vocht_schimmel", "lood"],
                "scopes": ["gemeente", "corporatie"],
                "doel": {
                    "vergelijking": ">=",
                    "reeks": [{"jaar": 2024, "waarde": 10}, {"jaar": 2025, "waarde": 20}],
                },
                "deadline": 2025,
                "verantwoordelijke": "L0001",
                "drempels": {"marge": 2, "marge_soort": "absoluut", "minimale_volledigheid": 0.9},
            },
        ],
    }


def test_valid_local_agreement_becomes_the_model() -> None:
    result = load_agreement(lokaal(), "test.yaml")
    assert result.ok and result.fouten == ()
    a = result.agreement
    assert a is not None
    assert a.soort is AfspraakSoort.LOKAAL
    assert a.gemeente == AreaRef("GM0363", 2024)
    # a bare start year is 1 January, a date stays a date
    assert (a.periode.start, a.periode.eind) == (date(2024, 1, 1), date(2027, 12, 31))
    assert a.partij("ZP0001") is not None and a.heeft_partij_van_soort(PartijSoort.ZORGPARTNER)
    t1, t2 = a.toezeggingen
    # without scopes, a local commitment gets the indicator's scopes below the province
    assert t1.scopes == (ScopeSoort.GEMEENTE, ScopeSoort.CORPORATIE, ScopeSoort.COMPLEX)
    assert t1.doel.vergelijking is Vergelijking.TEN_HOOGSTE and t1.doel.waarde == 0
    assert t1.drempels.minimale_volledigheid == 0.8  # the documented default
    # a bare deadline year is 31 December
    assert t2.deadline == date(2025, 12, 31)
    assert t2.doel.reeks == (Milestone(2024, 10.0), Milestone(2025, 20.0))
    assert t2.themas == (InvesteringThema.VOCHT_SCHIMMEL, InvesteringThema.LOOD)
    assert (t2.drempels.marge, t2.drempels.marge_soort) == (2.0, MargeSoort.ABSOLUUT)


def test_national_commitment_without_scopes_gets_all_indicator_scopes() -> None:
    doc = lokaal()
    doc["soort"] = "nationaal"
    del doc["gemeente"]
    doc["partijen"] = [{"id": "MINBZK", "soort": "ministerie", "naam": "Ministerie"}]
    for t in doc["toezeggingen"]:
        t["verantwoordelijke"] = "MINBZK"
    result = load_agreement(doc, "n.yaml")
    assert result.agreement is not None, result.fouten
    assert result.agreement.toezeggingen[0].scopes == tuple(ScopeSoort)


def test_qualitative_commitment_becomes_its_own_model() -> None:
    doc = lokaal()
    doc["toezeggingen"].insert(1, dict(KWALITATIEF))
    result = load_agreement(doc, "k.yaml")
    assert result.agreement is not None, result.fouten
    a = result.agreement
    # measured and qualitative are kept apart; the document keeps their order
    assert [t.id for t in a.toezeggingen] == ["t1", "t2"]
    [k] = a.kwalitatieve_toezeggingen
    assert (k.id, k.resultaat, k.deadline, k.verantwoordelijke) == (
        "k1",
        "Een vastgestelde wijkaanpak",
        date(2026, 12, 31),
        "GM0363",
    )
    assert a.aantal_toezeggingen == 3 and a.kwalitatieve_toezegging("k1") == k
    assert [t["id"] for t in result.document["toezeggingen"]] == ["t1", "k1", "t2"]  # type: ignore[index]


def test_national_agreement_names_collective_parties() -> None:
    doc = lokaal()
    doc["soort"] = "nationaal"
    del doc["gemeente"]
    doc["partijen"] = [
        {"id": "MINBZK", "soort": "ministerie", "naam": "Ministerie"},
        {"id": "corporaties", "soort": "corporatie", "naam": "De corporaties"},
        {"id": "gemeenten", "soort": "gemeente", "naam": "De gemeenten"},
    ]
    doc["toezeggingen"][0]["verantwoordelijke"] = "corporaties"
    doc["toezeggingen"][1]["verantwoordelijke"] = "corporaties"
    doc["toezeggingen"].append({**KWALITATIEF, "verantwoordelijke": "gemeenten"})
    result = load_agreement(doc, "n.yaml")
    assert result.agreement is not None, result.fouten
    assert [p.collectief for p in result.agreement.partijen] == [False, True, True]


def _set(path: list[str | int], value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: list[str | int]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _duplicate_commitment(doc: Doc) -> None:
    doc["toezeggingen"].append(copy.deepcopy(doc["toezeggingen"][0]))


KWALITATIEF = {
    "id": "k1",
    "soort": "kwalitatief",
    "requirement": "R4",
    "titel": "Wijkaanpak",
    "resultaat": "Een vastgestelde wijkaanpak",
    "deadline": 2026,
    "verantwoordelijke": "GM0363",
}


def _add_qualitative(**change: Any) -> Callable[[Doc], None]:
    def add(doc: Doc) -> None:
        t = {**KWALITATIEF, **change}
        doc["toezeggingen"].append({k: v for k, v in t.items() if v is not None})

    return add


def _national_with_collective(doc: Doc) -> None:
    doc["soort"] = "nationaal"
    del doc["gemeente"]
    doc["partijen"].append({"id": "corporaties", "soort": "gemeente", "naam": "Alle corporaties"})


def _leefbaarheid_per_complex(doc: Doc) -> None:
    t = doc["toezeggingen"][1]
    t.update(
        indicator="extra_investering_leefbaarheid", themas=["buurtkamers"], scopes=["complex", "gemeente"]
    )


BAD_DOCUMENTS = [
    # missing required field, deep in the document
    (
        _delete(["toezeggingen", 1, "doel", "vergelijking"]),
        "toezeggingen[1].doel.vergelijking",
        "verplicht veld ontbreekt",
    ),
    # neither waarde nor reeks: the path names the missing waarde
    (
        _delete(["toezeggingen", 0, "doel", "waarde"]),
        "toezeggingen[0].doel.waarde",
        "verplicht veld ontbreekt",
    ),
    # missing top-level field
    (_delete(["titel"]), "titel", "verplicht veld ontbreekt"),
    # a local agreement needs its gemeente
    (_delete(["gemeente"]), "gemeente", "verplicht veld ontbreekt"),
    # wrong type: a number where text belongs
    (_set(["titel"], 5), "titel", "verwacht tekst, gevonden getal 5"),
    # wrong type: the target value as text
    (
        _set(["toezeggingen", 0, "doel", "waarde"], "nul"),
        "toezeggingen[0].doel.waarde",
        "verwacht een getal, gevonden tekst 'nul'",
    ),
    # empty value (YAML "titel:" with nothing after it)
    (_set(["titel"], None), "titel", "verwacht tekst, gevonden een lege waarde"),
    # unknown field (typo)
    (_set(["toezeggingen", 0, "deadlien"], 2026), "toezeggingen[0].deadlien", "onbekend veld"),
    # bad R-number
    (
        _set(["toezeggingen", 0, "requirement"], "R17"),
        "toezeggingen[0].requirement",
        "'R17' is ongeldig; verwacht een requirementnummer R1 t/m R16",
    ),
    # R-number without the R
    (_set(["toezeggingen", 0, "requirement"], "1"), "toezeggingen[0].requirement", "requirementnummer"),
    # unknown comparison
    (
        _set(["toezeggingen", 0, "doel", "vergelijking"], "<"),
        "toezeggingen[0].doel.vergelijking",
        "ongeldige waarde '<'; toegestaan: <=, >=, ==",
    ),
    # party id not matching the pattern
    (_set(["partijen", 1, "id"], "CORP1"), "partijen[1].id", "'CORP1' is ongeldig; verwacht een partij-id"),
    # unknown party kind
    (_set(["partijen", 1, "soort"], "koepel"), "partijen[1].soort", "ongeldige waarde 'koepel'"),
    # empty commitments list
    (_set(["toezeggingen"], []), "toezeggingen", "minstens 1"),
    # completeness share above 1
    (
        _set(["toezeggingen", 1, "drempels", "minimale_volledigheid"], 80),
        "toezeggingen[1].drempels.minimale_volledigheid",
        "groter dan het maximum 1",
    ),
    # unknown indicator, with the known ones listed
    (
        _set(["toezeggingen", 0, "indicator"], "x"),
        "toezeggingen[0].indicator",
        "onbekende indicator 'x'; bekende indicatoren: woningen_conditie_5_6_zonder_sloopplan, ",
    ),
    # deadline before the period
    (
        _set(["toezeggingen", 0, "deadline"], date(2019, 1, 1)),
        "toezeggingen[0].deadline",
        "deadline 2019-01-01 ligt voor het begin van de periode",
    ),
    # deadline after the period
    (
        _set(["toezeggingen", 0, "deadline"], 2031),
        "toezeggingen[0].deadline",
        "deadline 2031-12-31 ligt na het einde van de periode",
    ),
    # a date that does not exist
    (
        _set(["toezeggingen", 0, "deadline"], "2026-02-30"),
        "toezeggingen[0].deadline",
        "ongeldige datum '2026-02-30'",
    ),
    # a timestamp is not a date
    (
        _set(["toezeggingen", 0, "deadline"], "2026-01-01T00:00"),
        "toezeggingen[0].deadline",
        "is ongeldig; verwacht een jaartal (2024) of een datum",
    ),
    # period ends before it starts
    (_set(["periode", "eind"], 2023), "periode.eind", "eind 2023-12-31 ligt voor de start 2024-01-01"),
    # duplicate commitment ids
    (_duplicate_commitment, "toezeggingen", "toezegging-id 't1' komt meer dan eens voor"),
    # responsible party not among the parties
    (
        _set(["toezeggingen", 0, "verantwoordelijke"], "L0002"),
        "toezeggingen[0].verantwoordelijke",
        "partij 'L0002' staat niet bij de partijen",
    ),
    # scope the indicator does not support
    (
        _leefbaarheid_per_complex,
        "toezeggingen[1].scopes[0]",
        "indicator 'extra_investering_leefbaarheid' bestaat niet voor scope 'complex'",
    ),
    # a local agreement cannot be evaluated nationally
    (
        _set(["toezeggingen", 0, "scopes"], ["nationaal"]),
        "toezeggingen[0].scopes[0]",
        "een lokale afspraak geldt niet voor scope 'nationaal'",
    ),
    # theme that belongs to R5, not to this R2 indicator
    (
        _set(["toezeggingen", 1, "themas"], ["buurtkamers"]),
        "toezeggingen[1].themas[0]",
        "kent geen thema 'buurtkamers'",
    ),
    # unknown R1 rule variant
    (
        _set(["toezeggingen", 0, "variant"], "gemiddelde"),
        "toezeggingen[0].variant",
        "kent geen rekenregel 'gemiddelde'",
    ),
    # ">=" on a lower-is-better indicator is almost surely a mistake
    (
        _set(["toezeggingen", 0, "doel", "vergelijking"], ">="),
        "toezeggingen[0].doel.vergelijking",
        "'>=' past niet bij indicator",
    ),
    # a budget is an amount to allocate: not a count of dwellings that should go down
    (
        _set(["toezeggingen", 0, "doel", "vergelijking"], "budget"),
        "toezeggingen[0].doel.vergelijking",
        "'budget' past niet bij indicator",
    ),
    # both a value and a series
    (
        _set(["toezeggingen", 1, "doel", "waarde"], 5),
        "toezeggingen[1].doel",
        "geef 'waarde' of 'reeks', niet allebei",
    ),
    # series years out of order
    (
        _set(
            ["toezeggingen", 1, "doel", "reeks"], [{"jaar": 2025, "waarde": 1}, {"jaar": 2024, "waarde": 2}]
        ),
        "toezeggingen[1].doel.reeks",
        "de jaren moeten oplopen",
    ),
    # series year after the deadline
    (
        _set(["toezeggingen", 1, "doel", "reeks"], [{"jaar": 2026, "waarde": 1}]),
        "toezeggingen[1].doel.reeks[0].jaar",
        "jaar 2026 ligt na de deadline",
    ),
    # party id prefix and kind disagree
    (
        _set(["partijen", 1, "soort"], "zorgpartner"),
        "partijen[1].soort",
        "partij-id 'L0001' hoort bij soort 'corporatie', niet bij 'zorgpartner'",
    ),
    # duplicate party
    (
        _set(["partijen", 2], {"id": "L0001", "soort": "corporatie", "naam": "Nog eens"}),
        "partijen",
        "partij-id 'L0001' komt meer dan eens voor",
    ),
    # the municipality of a local agreement must be a party
    (
        _set(["gemeente", "code"], "GM0599"),
        "partijen",
        "de gemeente GM0599 van deze lokale afspraak staat niet bij de partijen",
    ),
    # a national agreement has no gemeente
    (_set(["soort"], "nationaal"), "gemeente", "een nationale afspraak hoort bij geen gemeente"),
    # a qualitative commitment describes its deliverable
    (_add_qualitative(resultaat=None), "toezeggingen[2].resultaat", "verplicht veld ontbreekt"),
    # ... and has no indicator or target
    (
        _add_qualitative(indicator="aandeel_sociale_huur"),
        "toezeggingen[2].indicator",
        "hoort niet bij een kwalitatieve toezegging",
    ),
    # a measured commitment has no deliverable text
    (
        _set(["toezeggingen", 0, "resultaat"], "iets"),
        "toezeggingen[0].resultaat",
        "hoort alleen bij een kwalitatieve toezegging",
    ),
    # an unknown kind of commitment
    (_add_qualitative(soort="beloofd"), "toezeggingen[2].soort", "ongeldige waarde 'beloofd'"),
    # a qualitative commitment's deadline lies within the period too
    (_add_qualitative(deadline=2031), "toezeggingen[2].deadline", "ligt na het einde van de periode"),
    # its responsible party is a party of the agreement
    (
        _add_qualitative(verantwoordelijke="HO0009"),
        "toezeggingen[2].verantwoordelijke",
        "staat niet bij de partijen",
    ),
    # a collective party ("all associations") only in a national agreement
    (
        _set(["partijen", 1], {"id": "corporaties", "soort": "corporatie", "naam": "Alle corporaties"}),
        "partijen[1].id",
        "een verzamelpartij ('corporaties') kan alleen in een nationale afspraak",
    ),
    # a collective's kind must fit its id
    (
        _national_with_collective,
        "partijen[3].soort",
        "partij-id 'corporaties' hoort bij soort 'corporatie', niet bij 'gemeente'",
    ),
]


@pytest.mark.parametrize(("change", "pad", "reden"), BAD_DOCUMENTS)
def test_invalid_document_gives_dutch_error_with_path(
    change: Callable[[Doc], None], pad: str, reden: str
) -> None:
    doc = lokaal()
    change(doc)
    result = load_agreement(doc, "agreements/test.yaml")
    assert result.agreement is None and not result.ok
    matching = [f for f in result.fouten if f.pad == pad and reden in f.reden]
    assert matching, [str(f) for f in result.fouten]
    assert all(f.bestand == "agreements/test.yaml" for f in result.fouten)
    assert str(matching[0]).startswith(f"agreements/test.yaml: {pad}: ")


@pytest.mark.parametrize(
    ("data", "reden"),
    [
        ([1, 2], "verwacht een afspraak (tabel met velden), gevonden een lijst"),  # a list, not a mapping
        (None, "gevonden een lege waarde"),  # an empty document
        ("tekst", "gevonden tekst 'tekst'"),  # a bare scalar
    ],
)
def test_document_that_is_no_mapping(data: object, reden: str) -> None:
    fouten = validate_agreement(data, "x.yaml")
    assert [(f.pad, reden in f.reden) for f in fouten] == [("(document)", True)]


def test_semantic_checks_wait_for_a_valid_structure() -> None:
    # A structural error hides the semantic ones: an unknown indicator is not reported yet,
    # because the checks behind it rely on the structure being right.
    doc = lokaal()
    doc["titel"] = 5
    doc["toezeggingen"][0]["indicator"] = "x"
    assert [f.pad for f in validate_agreement(doc, "x.yaml")] == ["titel"]


def test_all_errors_are_reported_at_once() -> None:
    doc = lokaal()
    doc["toezeggingen"][0]["indicator"] = "x"
    doc["toezeggingen"][1]["verantwoordelijke"] = "HO0009"
    assert {f.pad for f in validate_agreement(doc, "x.yaml")} == {
        "toezeggingen[0].indicator",
        "toezeggingen[1].verantwoordelijke",
    }


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ([], "(document)"),  # the root
        (["titel"], "titel"),  # top-level key
        (["toezeggingen", 2, "doel", "waarde"], "toezeggingen[2].doel.waarde"),  # the brief's example
        (["doel", "reeks", 0, "jaar"], "doel.reeks[0].jaar"),  # index in the middle
    ],
)
def test_format_path(parts: list[str | int], text: str) -> None:
    assert format_path(parts) == text


def test_loader_does_not_change_its_input() -> None:
    doc = lokaal()
    before = copy.deepcopy(doc)
    load_agreement(doc, "x.yaml")
    assert doc == before


def test_errors_are_sorted_by_position_with_numeric_indexes() -> None:
    doc = lokaal()
    base = doc["toezeggingen"][0]
    doc["toezeggingen"] = [{**base, "id": f"t{i}"} for i in range(11)]
    doc["toezeggingen"][10]["titel"] = 1
    doc["toezeggingen"][2]["titel"] = 1
    assert [f.pad for f in validate_agreement(doc, "x.yaml")] == [
        "toezeggingen[2].titel",
        "toezeggingen[10].titel",
    ]


def test_reload_of_a_stored_document_gives_the_same_model() -> None:
    from leefbaar.rules.loader import reload_agreement

    first = load_agreement(lokaal(), "a.yaml")
    assert first.document is not None
    again = reload_agreement(first.document, "a (versie 1)")
    assert again.ok and again.agreement == first.agreement


@pytest.mark.parametrize(
    "change",
    [
        _delete(["titel"]),  # a structure the model cannot take falls back to the full load
        _set(["toezeggingen", 0, "verantwoordelijke"], "L0002"),  # the semantic checks still run
    ],
)
def test_reload_still_refuses_what_is_wrong(change: Callable[[Doc], None]) -> None:
    from leefbaar.rules.loader import reload_agreement

    doc = load_agreement(lokaal(), "a.yaml").document
    assert doc is not None
    change(doc)
    result = reload_agreement(doc, "a (versie 1)")
    assert result.agreement is None and result.fouten
