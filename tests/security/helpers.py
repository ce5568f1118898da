"""Shared set-up for the privacy and security tests: accounts per role and sharing agreements."""

from __future__ import annotations

from datetime import date

from leefbaar.privacy.sharing import Bewaartermijn, Gegevenscategorie, Gegevensdelingsovereenkomst
from leefbaar.services import accounts, sharing

PASSWORD = "correct-paard-batterij"
DOEL = "vroegsignalering_schulden"
ZORGDOEL = "zorg_en_ondersteuning"

#: (e-mail, role, organisation): the actors the tests use.
ACCOUNTS = {
    "beheerder": ("beheer@x.nl", "beheerder", "LEEFBAAR"),
    "ministerie": ("min@x.nl", "ministerie", "MINBZK"),
    "provincie": ("pv@x.nl", "provincie", "PV27"),
    "gemeente": ("gm@x.nl", "gemeente", "GM0363"),
    "andere_gemeente": ("gm2@x.nl", "gemeente", "GM0599"),
    "corporatie": ("l@x.nl", "corporatie", "L0001"),
    "andere_corporatie": ("l2@x.nl", "corporatie", "L0003"),
    "huurders": ("ho@x.nl", "huurdersorganisatie", "HO0001"),
    "zorgpartner": ("zp@x.nl", "zorgpartner", "ZP0001"),
    "andere_zorgpartner": ("zp2@x.nl", "zorgpartner", "ZP0002"),
}


def make_accounts(url: str) -> dict[str, accounts.Account]:
    return {key: accounts.create_account(url, e, r, o, PASSWORD) for key, (e, r, o) in ACCOUNTS.items()}


def agreement(
    id_: str = "GDO-L0001-GM0363",
    verstrekker: str = "L0001",
    ontvanger: str = "GM0363",
    doel: str = DOEL,
    categorieen: tuple[Gegevenscategorie, ...] = (Gegevenscategorie.BETALINGSACHTERSTAND,),
    termijn: str = "P6M",
    begin: date = date(2025, 1, 1),
    eind: date | None = None,
) -> Gegevensdelingsovereenkomst:
    return Gegevensdelingsovereenkomst(
        id=id_,
        verstrekker=verstrekker,
        ontvanger=ontvanger,
        doel=doel,
        grondslag="Wet gemeentelijke schuldhulpverlening, art. 3",
        categorieen=frozenset(categorieen),
        bewaartermijn=Bewaartermijn.parse(termijn),
        begindatum=begin,
        einddatum=eind,
        doel_omschrijving="vroegsignalering van schulden",
    )


def standard_agreements(url: str, beheerder: accounts.Account) -> None:
    """L0001 -> GM0363 (arrears), L0001 -> ZP0001 (care signals, special category)."""
    sharing.register_agreement(url, beheerder, agreement())
    sharing.register_agreement(
        url,
        beheerder,
        agreement(
            "GDO-L0001-ZP0001",
            ontvanger="ZP0001",
            doel=ZORGDOEL,
            categorieen=(Gegevenscategorie.ZORGSIGNAAL, Gegevenscategorie.OVERLAST),
            termijn="P30D",
        ),
    )


def fast_password_hashing() -> None:
    """Cheap argon2id parameters for tests (the hash format and the checks stay the same)."""
    from argon2 import PasswordHasher

    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


fast_password_hashing()
