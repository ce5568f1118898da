"""The authorization matrix: every role x resource x own/other organisation x with/without agreement."""

from __future__ import annotations

from datetime import date

import pytest

from leefbaar.domain.parties import PartijSoort, Rol
from leefbaar.privacy.policy import (
    GRONDSLAG_EIGEN,
    Actor,
    Decision,
    Resource,
    Verzoek,
    decide,
)
from leefbaar.privacy.sharing import Bewaartermijn, Gegevenscategorie, Gegevensdelingsovereenkomst

TODAY = date(2025, 6, 1)
DOEL = "vroegsignalering"
C = Gegevenscategorie

ORG = {
    Rol.BEHEERDER: "LEEFBAAR",
    Rol.MINISTERIE: "MINBZK",
    Rol.PROVINCIE: "PV27",
    Rol.GEMEENTE: "GM0363",
    Rol.CORPORATIE: "L0001",
    Rol.HUURDERSORGANISATIE: "HO0001",
    Rol.ZORGPARTNER: "ZP0001",
    Rol.VEILIGHEIDSPARTNER: "VP0001",
    Rol.BEWONERSORGANISATIE: "BO0001",
}


def _request(rol: Rol, resource: Resource, own: bool) -> Verzoek:
    """The request in the 'own organisation' or 'other organisation' situation."""
    me = ORG[rol]
    other = "L0002" if rol is Rol.CORPORATIE else "L0001"
    if resource is Resource.WONINGEN_IN_GEMEENTE:
        if rol is Rol.GEMEENTE:  # own = dwellings of L0001 in its own territory
            return Verzoek(resource, eigenaar="L0001", gemeente=me if own else "GM0599")
        return Verzoek(resource, eigenaar=me if own else other, gemeente="GM0363")
    category = {
        Resource.PERSOONSGEGEVENS: C.BETALINGSACHTERSTAND,
        Resource.BIJZONDERE_PERSOONSGEGEVENS: C.ZORGSIGNAAL,
    }.get(resource)
    return Verzoek(resource, eigenaar=me if own else other, categorie=category, doel=DOEL)


def _agreements(rol: Rol, verzoek: Verzoek, with_agreement: bool) -> list[Gegevensdelingsovereenkomst]:
    """An agreement from the data's owner to the actor that covers everything, or none."""
    if not with_agreement:
        return []
    provider = verzoek.eigenaar if verzoek.eigenaar not in (None, ORG[rol]) else "L0009"
    assert provider is not None
    return [
        Gegevensdelingsovereenkomst(
            id="GDO-1",
            verstrekker=provider,
            ontvanger=ORG[rol],
            doel=DOEL,
            grondslag="grondslag van GDO-1",
            categorieen=frozenset(C),
            bewaartermijn=Bewaartermijn(maanden=6),
            begindatum=date(2025, 1, 1),
            einddatum=date(2025, 12, 31),
        )
    ]


# Per resource and role: allowed for (own without agreement, own with, other without, other with).
# Written out by hand from the rules in docs/privacy.md.
ALL = (True, True, True, True)
NONE = (False, False, False, False)
OWN_ONLY = (True, True, False, False)
OWN_OR_AGREEMENT = (True, True, False, True)
MATRIX: dict[Resource, dict[Rol, tuple[bool, bool, bool, bool]]] = {
    Resource.PUBLIEKE_AGGREGATEN: dict.fromkeys(Rol, ALL),
    Resource.AGGREGATEN_PER_PARTIJ: {
        Rol.BEHEERDER: ALL,
        Rol.MINISTERIE: ALL,
        Rol.PROVINCIE: ALL,
        Rol.GEMEENTE: OWN_ONLY,  # other parties only when linked (see the separate test)
        Rol.CORPORATIE: OWN_ONLY,
        Rol.HUURDERSORGANISATIE: OWN_ONLY,
        Rol.ZORGPARTNER: OWN_ONLY,
        Rol.VEILIGHEIDSPARTNER: OWN_ONLY,  # like a tenants' organisation: its agreements' parties too
        Rol.BEWONERSORGANISATIE: OWN_ONLY,
    },
    Resource.VOORRAAD_DETAIL: {**dict.fromkeys(Rol, NONE), Rol.CORPORATIE: OWN_ONLY},
    Resource.WONINGEN_IN_GEMEENTE: {
        **dict.fromkeys(Rol, NONE),
        Rol.CORPORATIE: OWN_ONLY,
        Rol.GEMEENTE: (False, True, False, False),  # own territory, only under an agreement
    },
    Resource.PERSOONSGEGEVENS: {
        Rol.BEHEERDER: NONE,  # never, not even with a purpose or an agreement
        Rol.MINISTERIE: NONE,
        Rol.PROVINCIE: NONE,
        Rol.GEMEENTE: OWN_OR_AGREEMENT,
        Rol.CORPORATIE: OWN_OR_AGREEMENT,
        Rol.HUURDERSORGANISATIE: NONE,
        Rol.ZORGPARTNER: OWN_OR_AGREEMENT,
        Rol.VEILIGHEIDSPARTNER: NONE,  # receives no personal data (no sharing role)
        Rol.BEWONERSORGANISATIE: NONE,
    },
    Resource.BIJZONDERE_PERSOONSGEGEVENS: {
        Rol.BEHEERDER: NONE,
        Rol.MINISTERIE: NONE,
        Rol.PROVINCIE: NONE,
        Rol.GEMEENTE: OWN_OR_AGREEMENT,
        Rol.CORPORATIE: OWN_OR_AGREEMENT,
        Rol.HUURDERSORGANISATIE: NONE,
        Rol.ZORGPARTNER: OWN_OR_AGREEMENT,
        Rol.VEILIGHEIDSPARTNER: NONE,  # receives no personal data (no sharing role)
        Rol.BEWONERSORGANISATIE: NONE,
    },
    Resource.ACCOUNTBEHEER: {**dict.fromkeys(Rol, NONE), Rol.BEHEERDER: ALL},
    Resource.VERWERKINGENLOG: {**dict.fromkeys(Rol, NONE), Rol.BEHEERDER: ALL},
}
PERSONAL = {Resource.PERSOONSGEGEVENS, Resource.BIJZONDERE_PERSOONSGEGEVENS, Resource.VERWERKINGENLOG}

CASES = [
    pytest.param(rol, resource, own, agreement, id=f"{rol.value}-{resource.value}-{own_name}-{agr_name}")
    for resource in Resource
    for rol in Rol
    for own, own_name in ((True, "eigen"), (False, "ander"))
    for agreement, agr_name in ((False, "zonder"), (True, "met"))
]


def test_matrix_covers_every_role_and_resource() -> None:
    assert set(MATRIX) == set(Resource)
    assert all(set(row) == set(Rol) for row in MATRIX.values())


@pytest.mark.parametrize(("rol", "resource", "own", "with_agreement"), CASES)
def test_authorization_matrix(rol: Rol, resource: Resource, own: bool, with_agreement: bool) -> None:
    verzoek = _request(rol, resource, own)
    actor = Actor(rol, ORG[rol])
    decision = decide(actor, verzoek, _agreements(rol, verzoek, with_agreement), on_date=TODAY)
    expected = MATRIX[resource][rol][(0 if own else 2) + (1 if with_agreement else 0)]
    assert decision.allowed is expected, decision.reason
    assert decision.reason  # always explained
    assert decision.needs_logging is (expected and resource in PERSONAL)
    if decision.needs_logging:
        assert decision.purpose == DOEL
        assert decision.legal_basis


def test_visitor_without_account_sees_only_public_aggregates() -> None:
    assert decide(None, Verzoek(Resource.PUBLIEKE_AGGREGATEN), on_date=TODAY)
    for resource in Resource:
        if resource is not Resource.PUBLIEKE_AGGREGATEN:
            assert not decide(None, Verzoek(resource, eigenaar="L0001"), on_date=TODAY)


@pytest.mark.parametrize(
    ("rol", "eigenaar", "allowed"),
    [
        (Rol.HUURDERSORGANISATIE, "L0001", True),  # party to its agreements
        (Rol.HUURDERSORGANISATIE, "GM0363", True),  # the municipality of its agreements
        (Rol.HUURDERSORGANISATIE, "L0002", False),  # a stranger
        (Rol.GEMEENTE, "L0001", True),  # an association it has agreements with
        (Rol.ZORGPARTNER, "L0001", False),  # a care partner sees only what a sharing agreement grants
    ],
)
def test_aggregates_of_linked_parties(rol: Rol, eigenaar: str, allowed: bool) -> None:
    org = {Rol.HUURDERSORGANISATIE: "HO0001", Rol.GEMEENTE: "GM0599", Rol.ZORGPARTNER: "ZP0001"}[rol]
    actor = Actor(rol, org, verbonden_partijen=frozenset({"L0001", "GM0363"}))
    decision = decide(actor, Verzoek(Resource.AGGREGATEN_PER_PARTIJ, eigenaar=eigenaar), on_date=TODAY)
    assert decision.allowed is allowed


def _zorg_agreement(**changes: object) -> Gegevensdelingsovereenkomst:
    fields: dict[str, object] = {
        "id": "GDO-Z", "verstrekker": "L0001", "ontvanger": "ZP0001", "doel": "zorgcoordinatie",
        "grondslag": "AVG art. 9 lid 2 sub h", "categorieen": frozenset({C.ZORGSIGNAAL}),
        "bewaartermijn": Bewaartermijn(maanden=6), "begindatum": date(2025, 1, 1),
        "einddatum": date(2025, 12, 31),
    }  # fmt: skip
    fields.update(changes)
    return Gegevensdelingsovereenkomst(**fields)  # type: ignore[arg-type]


ZORGPARTNER = Actor(Rol.ZORGPARTNER, "ZP0001")
ZORG_VERZOEK = Verzoek(
    Resource.BIJZONDERE_PERSOONSGEGEVENS, eigenaar="L0001", categorie=C.ZORGSIGNAAL, doel="zorgcoordinatie"
)


@pytest.mark.parametrize(
    ("agreement", "verzoek", "on", "allowed", "reason_part"),
    [
        (_zorg_agreement(), ZORG_VERZOEK, TODAY, True, "GDO-Z"),  # covered
        (_zorg_agreement(), ZORG_VERZOEK, date(2025, 12, 31), True, "GDO-Z"),  # last day
        (_zorg_agreement(), ZORG_VERZOEK, date(2026, 1, 1), False, "verlopen"),  # day after
        (_zorg_agreement(doel="onderzoek"), ZORG_VERZOEK, TODAY, False, "niet voor 'zorgcoordinatie'"),
        # the agreement only covers ordinary personal data
        (_zorg_agreement(categorieen=frozenset({C.OVERLAST})), ZORG_VERZOEK, TODAY, False, "geen zorgsignaal"),
        # asking for ordinary data under the special resource is refused
        (
            _zorg_agreement(),
            Verzoek(Resource.BIJZONDERE_PERSOONSGEGEVENS, eigenaar="L0001", categorie=C.OVERLAST, doel="zorgcoordinatie"),
            TODAY, False, "bijzondere",
        ),
        # asking for special data under the ordinary resource is refused
        (
            _zorg_agreement(),
            Verzoek(Resource.PERSOONSGEGEVENS, eigenaar="L0001", categorie=C.ZORGSIGNAAL, doel="zorgcoordinatie"),
            TODAY, False, "gewone",
        ),
        # no purpose, no access
        (
            _zorg_agreement(),
            Verzoek(Resource.BIJZONDERE_PERSOONSGEGEVENS, eigenaar="L0001", categorie=C.ZORGSIGNAAL),
            TODAY, False, "doel",
        ),
        # woninggegevens is not personal data
        (
            _zorg_agreement(),
            Verzoek(Resource.PERSOONSGEGEVENS, eigenaar="L0001", categorie=C.WONINGGEGEVENS, doel="zorgcoordinatie"),
            TODAY, False, "gewone",
        ),
    ],
)  # fmt: skip
def test_care_partner_under_agreement(
    agreement: Gegevensdelingsovereenkomst, verzoek: Verzoek, on: date, allowed: bool, reason_part: str
) -> None:
    decision = decide(ZORGPARTNER, verzoek, [agreement], on_date=on)
    assert decision.allowed is allowed
    assert reason_part in decision.reason


def test_allowed_decision_carries_purpose_legal_basis_and_agreement() -> None:
    decision = decide(ZORGPARTNER, ZORG_VERZOEK, [_zorg_agreement()], on_date=TODAY)
    assert decision == Decision(
        allowed=True,
        reason=decision.reason,
        needs_logging=True,
        purpose="zorgcoordinatie",
        legal_basis="AVG art. 9 lid 2 sub h",
        agreement_id="GDO-Z",
    )
    own = decide(
        Actor(Rol.CORPORATIE, "L0001"),
        Verzoek(Resource.PERSOONSGEGEVENS, eigenaar="L0001", categorie=C.TOEWIJZING, doel="verhuur"),
        on_date=TODAY,
    )
    assert own.legal_basis == GRONDSLAG_EIGEN
    assert own.agreement_id is None


def test_municipality_dwellings_agreement_must_cover_woninggegevens() -> None:
    agreement = _zorg_agreement(id="GDO-W", ontvanger="GM0363", categorieen=frozenset({C.OVERLAST}))
    verzoek = Verzoek(Resource.WONINGEN_IN_GEMEENTE, eigenaar="L0001", gemeente="GM0363")
    decision = decide(Actor(Rol.GEMEENTE, "GM0363"), verzoek, [agreement], on_date=TODAY)
    assert not decision
    assert "alleen aggregaten" in decision.reason


@pytest.mark.parametrize(
    ("rol", "organisatie"),
    [
        (Rol.GEMEENTE, "L0001"),  # an association id on a municipality account
        (Rol.CORPORATIE, "GM0363"),  # and the other way round
        (Rol.ZORGPARTNER, "zp0001"),  # lower case is not a party id
    ],
)
def test_role_and_organisation_must_match(rol: Rol, organisatie: str) -> None:
    decision = decide(
        Actor(rol, organisatie), Verzoek(Resource.AGGREGATEN_PER_PARTIJ, eigenaar=organisatie), on_date=TODAY
    )
    assert not decision
    assert "past niet bij de rol" in decision.reason


def test_processing_log_needs_a_purpose() -> None:
    decision = decide(Actor(Rol.BEHEERDER, "LEEFBAAR"), Verzoek(Resource.VERWERKINGENLOG), on_date=TODAY)
    assert not decision
    assert "doel" in decision.reason


def test_every_party_kind_is_a_role_and_back() -> None:
    # domain.parties keeps the two enumerations apart (a role need not be a party): they must agree.
    assert {r.value for r in Rol} == {Rol.BEHEERDER.value} | {s.value for s in PartijSoort}
