"""Parties to the agreements and the roles of accounts: one vocabulary for both.

The seed names municipalities, housing associations, tenants' organisations, care and welfare
partners, safety partners (police, safety house) and residents' organisations (in buurtkamers and
the neighbourhood approach), provinces and the ministry. Every account belongs to one such party
and has the role of its kind; the platform's own administrators (``beheerder``) are the one role
that is not a party.
"""

from __future__ import annotations

import re
from enum import StrEnum


class PartijSoort(StrEnum):
    GEMEENTE = "gemeente"
    CORPORATIE = "corporatie"
    HUURDERSORGANISATIE = "huurdersorganisatie"
    ZORGPARTNER = "zorgpartner"
    VEILIGHEIDSPARTNER = "veiligheidspartner"
    BEWONERSORGANISATIE = "bewonersorganisatie"
    PROVINCIE = "provincie"
    MINISTERIE = "ministerie"


CORPORATIE_ID_PATTERN = r"L[0-9]{4}"

#: The id shape each kind of party uses. Municipalities and provinces use their CBS code
#: (``GM0363``, ``PV27``); associations the registration number of the Autoriteit
#: woningcorporaties (``L`` + 4 digits); other parties a prefix and a number; the ministry letters.
ID_PATTERN_PER_SOORT: dict[PartijSoort, str] = {
    PartijSoort.GEMEENTE: r"GM[0-9]{4}",
    PartijSoort.CORPORATIE: CORPORATIE_ID_PATTERN,
    PartijSoort.HUURDERSORGANISATIE: r"HO[0-9]{4}",
    PartijSoort.ZORGPARTNER: r"ZP[0-9]{4}",
    PartijSoort.VEILIGHEIDSPARTNER: r"VP[0-9]{4}",
    PartijSoort.BEWONERSORGANISATIE: r"BO[0-9]{4}",
    PartijSoort.PROVINCIE: r"PV[0-9]{2}",
    PartijSoort.MINISTERIE: r"MIN[A-Z]{2,5}",
}

#: What a party brings to a buurtkamer or a neighbourhood approach, in the words of the seed (zorg,
#: welzijn, veiligheid, bewoners): a care and welfare partner is one kind (``ZP``).
PARTNER_ROL: dict[PartijSoort, str] = {
    PartijSoort.GEMEENTE: "gemeente",
    PartijSoort.CORPORATIE: "corporatie",
    PartijSoort.HUURDERSORGANISATIE: "huurders",
    PartijSoort.ZORGPARTNER: "zorg en welzijn",
    PartijSoort.VEILIGHEIDSPARTNER: "veiligheid",
    PartijSoort.BEWONERSORGANISATIE: "bewoners",
    PartijSoort.PROVINCIE: "provincie",
    PartijSoort.MINISTERIE: "rijk",
}

#: Any party id.
PARTIJ_ID_PATTERN = "(" + "|".join(ID_PATTERN_PER_SOORT.values()) + ")"

#: How a party id looks, in words (for error messages).
PARTIJ_ID_UITLEG = (
    "partij-id is GM+4 cijfers (gemeente), PV+2 (provincie), L+4 (corporatie), HO+4 (huurders), "
    "ZP+4 (zorg/welzijn), VP+4 (veiligheid), BO+4 (bewoners) of MIN+letters (ministerie)"
)


def soort_van_id(partij_id: str) -> PartijSoort | None:
    """The kind of party an id belongs to, from its shape; None for an id of no known shape."""
    for soort, pattern in ID_PATTERN_PER_SOORT.items():
        if re.fullmatch(pattern, partij_id):
            return soort
    return None


class Rol(StrEnum):
    """The role of an account: the kind of its party, or the platform's administrator."""

    BEHEERDER = "beheerder"
    MINISTERIE = "ministerie"
    PROVINCIE = "provincie"
    GEMEENTE = "gemeente"
    CORPORATIE = "corporatie"
    HUURDERSORGANISATIE = "huurdersorganisatie"
    ZORGPARTNER = "zorgpartner"
    VEILIGHEIDSPARTNER = "veiligheidspartner"
    BEWONERSORGANISATIE = "bewonersorganisatie"


#: The organisation of the platform's own administrators.
BEHEER_ORGANISATIE = "LEEFBAAR"


def organisatie_past_bij_rol(rol: Rol, organisatie: str) -> bool:
    """Whether an account of ``rol`` may belong to ``organisatie`` (its id has the kind's shape)."""
    if rol is Rol.BEHEERDER:
        return organisatie == BEHEER_ORGANISATIE
    return re.fullmatch(ID_PATTERN_PER_SOORT[PartijSoort(rol.value)], organisatie) is not None
