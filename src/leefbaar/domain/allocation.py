"""Dwelling allocation to priority groups (aandachtsgroepen) and the municipal instruments (R9-R12)."""

from __future__ import annotations

from enum import StrEnum


class Aandachtsgroep(StrEnum):
    """Priority groups, after the VERA urgency kinds plus the groups the agreements name."""

    DAKLOOS = "dakloos"
    UITSTROOM_INSTELLING = "uitstroom_instelling"
    UITSTROOM_DETENTIE = "uitstroom_detentie"
    MEDISCHE_URGENTIE = "medische_urgentie"
    SOCIALE_URGENTIE = "sociale_urgentie"
    STATUSHOUDER = "statushouder"
    ARBEIDSMIGRANT = "arbeidsmigrant"
    STUDENT = "student"
    OVERIG = "overig"


#: The groups every urgentieverordening must cover (R11).
VERPLICHTE_URGENTIEGROEPEN = (
    Aandachtsgroep.DAKLOOS,
    Aandachtsgroep.UITSTROOM_INSTELLING,
    Aandachtsgroep.UITSTROOM_DETENTIE,
    Aandachtsgroep.SOCIALE_URGENTIE,
    Aandachtsgroep.MEDISCHE_URGENTIE,
)
