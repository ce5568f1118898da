"""The authorization matrix: every role x a representative set of protected resources x own,
linked and other organisation, through ``services.sharing.authorize`` (the call every page and
endpoint uses), against a table written out by hand from docs/privacy.md, "Access policy".

The tiny demo supplies the links: performance agreement PA-GM0363-2024 binds GM0363, HO0001,
HO0002, L0001, L0002 and ZP0001. Sharing agreements: L0001 -> GM0363 (betalingsachterstand, and
woninggegevens in one test), L0001 -> ZP0001 (zorgsignaal, overlast).
"""

from __future__ import annotations

import pytest

from leefbaar.privacy.policy import Resource, Verzoek
from leefbaar.privacy.sharing import Gegevenscategorie
from leefbaar.services import sharing
from tests.security.helpers import DOEL, ZORGDOEL, agreement, make_accounts, standard_agreements

R = Resource
BA = Gegevenscategorie.BETALINGSACHTERSTAND
ZS = Gegevenscategorie.ZORGSIGNAAL

#: The actions: name -> request. "own" is filled in per role (the actor's organisation).
ACTIONS: dict[str, Verzoek | str] = {
    "publiek": Verzoek(R.PUBLIEKE_AGGREGATEN),
    "aggregaten eigen": "own",
    "aggregaten L0002 (verbonden)": Verzoek(R.AGGREGATEN_PER_PARTIJ, eigenaar="L0002"),
    "aggregaten L0003 (ander; Rotterdam)": Verzoek(R.AGGREGATEN_PER_PARTIJ, eigenaar="L0003"),
    "voorraad L0001": Verzoek(R.VOORRAAD_DETAIL, eigenaar="L0001"),
    "voorraad L0003": Verzoek(R.VOORRAAD_DETAIL, eigenaar="L0003"),
    "woningen L0001 in GM0363": Verzoek(
        R.WONINGEN_IN_GEMEENTE, eigenaar="L0001", gemeente="GM0363", doel=DOEL
    ),
    "persoonsgegevens eigen": "own-personal",
    "betalingsachterstand van L0001": Verzoek(R.PERSOONSGEGEVENS, eigenaar="L0001", categorie=BA, doel=DOEL),
    "zorgsignaal van L0001": Verzoek(
        R.BIJZONDERE_PERSOONSGEGEVENS, eigenaar="L0001", categorie=ZS, doel=ZORGDOEL
    ),
    "accountbeheer": Verzoek(R.ACCOUNTBEHEER),
    "verwerkingenlog": Verzoek(R.VERWERKINGENLOG, doel="inzageverzoek"),
}

Y, N = True, False
#: Expected outcome per role, in the order of ACTIONS (written by hand from the policy table).
MATRIX: dict[str, tuple[bool, ...]] = {
    #                     pub agg-eig  L2  L3  vrd1 vrd3 won  pg-e pg-L1 zs-L1 acc  log
    "beheerder": (Y, Y, Y, Y, N, N, N, N, N, N, Y, Y),  # never personal data
    "ministerie": (Y, Y, Y, Y, N, N, N, N, N, N, N, N),  # aggregates of everyone
    "provincie": (Y, Y, Y, Y, N, N, N, N, N, N, N, N),
    "gemeente": (Y, Y, Y, N, N, N, N, Y, Y, N, N, N),  # arrears under agreement, no care data
    "andere_gemeente": (Y, Y, N, Y, N, N, N, Y, N, N, N, N),  # GM0599: linked to L0003, no agreement
    "corporatie": (Y, Y, Y, N, Y, N, Y, Y, Y, Y, N, N),  # L0001: its own stock and records
    "andere_corporatie": (Y, Y, N, Y, N, Y, N, Y, N, N, N, N),  # L0003: "L0003" is its own
    "huurders": (Y, Y, Y, N, N, N, N, N, N, N, N, N),  # aggregates of its agreements' parties
    "zorgpartner": (Y, Y, N, N, N, N, N, Y, N, Y, N, N),  # ZP0001: own + care signals of L0001
    "andere_zorgpartner": (Y, Y, N, N, N, N, N, Y, N, N, N, N),  # ZP0002: no agreement
}


def _request(action: Verzoek | str, organisatie: str) -> Verzoek:
    if action == "own":
        return Verzoek(R.AGGREGATEN_PER_PARTIJ, eigenaar=organisatie)
    if action == "own-personal":
        return Verzoek(R.PERSOONSGEGEVENS, eigenaar=organisatie, categorie=BA, doel=DOEL)
    assert isinstance(action, Verzoek)
    return action


@pytest.fixture(scope="module")
def _check_table() -> None:
    assert all(len(row) == len(ACTIONS) for row in MATRIX.values())


@pytest.mark.parametrize("rol", sorted(MATRIX))
def test_authorization_matrix(tiny_db: str, rol: str, _check_table: None) -> None:
    a = make_accounts(tiny_db)
    standard_agreements(tiny_db, a["beheerder"])
    account = a[rol]
    outcome = {
        name: bool(sharing.authorize(tiny_db, account, _request(action, account.organisatie)))
        for name, action in ACTIONS.items()
    }
    assert outcome == dict(zip(ACTIONS, MATRIX[rol], strict=True))


def test_visitor_without_account_sees_only_public_aggregates(tiny_db: str) -> None:
    outcome = {
        name: bool(sharing.authorize(tiny_db, None, _request(action, ""))) for name, action in ACTIONS.items()
    }
    assert outcome == {name: name == "publiek" for name in ACTIONS}


def test_municipality_sees_dwellings_in_detail_only_under_an_agreement(tiny_db: str) -> None:
    a = make_accounts(tiny_db)
    verzoek = Verzoek(R.WONINGEN_IN_GEMEENTE, eigenaar="L0001", gemeente="GM0363", doel="wijkaanpak")
    assert not sharing.authorize(tiny_db, a["gemeente"], verzoek)
    sharing.register_agreement(
        tiny_db,
        a["beheerder"],
        agreement("GDO-WONINGEN", doel="wijkaanpak", categorieen=(Gegevenscategorie.WONINGGEGEVENS,)),
    )
    decision = sharing.authorize(tiny_db, a["gemeente"], verzoek)
    assert decision and decision.agreement_id == "GDO-WONINGEN"
    # Not for dwellings outside its territory, and not for another municipality.
    elsewhere = Verzoek(R.WONINGEN_IN_GEMEENTE, eigenaar="L0001", gemeente="GM0599", doel="wijkaanpak")
    assert not sharing.authorize(tiny_db, a["gemeente"], elsewhere)
    assert not sharing.authorize(tiny_db, a["andere_gemeente"], elsewhere)
