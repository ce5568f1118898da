"""Parties to the agreements: municipalities, housing associations, tenants' and care organisations."""

from __future__ import annotations

from enum import StrEnum


class PartijSoort(StrEnum):
    GEMEENTE = "gemeente"
    CORPORATIE = "corporatie"
    HUURDERSORGANISATIE = "huurdersorganisatie"
    ZORGPARTNER = "zorgpartner"
    PROVINCIE = "provincie"
    MINISTERIE = "ministerie"


#: A party id is a short stable string. Municipalities and provinces use their CBS code
#: (``GM0363``, ``PV27``); associations use the registration number of the Autoriteit
#: woningcorporaties (``L`` + 4 digits); other parties a prefix and a number.
PARTIJ_ID_PATTERN = r"(GM[0-9]{4}|PV[0-9]{2}|L[0-9]{4}|HO[0-9]{4}|ZP[0-9]{4}|MIN[A-Z]{2,5})"
CORPORATIE_ID_PATTERN = r"L[0-9]{4}"

#: The id shape each kind of party uses.
ID_PATTERN_PER_SOORT: dict[PartijSoort, str] = {
    PartijSoort.GEMEENTE: r"GM[0-9]{4}",
    PartijSoort.CORPORATIE: CORPORATIE_ID_PATTERN,
    PartijSoort.HUURDERSORGANISATIE: r"HO[0-9]{4}",
    PartijSoort.ZORGPARTNER: r"ZP[0-9]{4}",
    PartijSoort.PROVINCIE: r"PV[0-9]{2}",
    PartijSoort.MINISTERIE: r"MIN[A-Z]{2,5}",
}
