"""Vocabulary of the agreements: commitment statuses and kinds, evaluation scopes, co-signers'
reactions, and the collective parties a national agreement may name.

A national agreement is signed for whole kinds of party ("de corporaties", "de gemeenten"): such a
*collective party* stands for every party of its kind, each answering for its own part. A local
agreement names its parties one by one.
"""

from __future__ import annotations

from enum import StrEnum

from leefbaar.domain.parties import PartijSoort, soort_van_id


class Status(StrEnum):
    """The status of a commitment for a scope on a reference date."""

    GEHAALD = "gehaald"
    OP_KOERS = "op koers"
    RISICO = "risico"
    NIET_GEHAALD = "niet gehaald"
    GEEN_GEGEVENS = "geen gegevens"


class ScopeSoort(StrEnum):
    NATIONAAL = "nationaal"
    PROVINCIE = "provincie"
    GEMEENTE = "gemeente"
    CORPORATIE = "corporatie"
    COMPLEX = "complex"


class ToezeggingSoort(StrEnum):
    """Measured: a catalogue indicator against a target. Qualitative: a described deliverable whose
    status the responsible party reports with evidence."""

    GEMETEN = "gemeten"
    KWALITATIEF = "kwalitatief"


class Reactie(StrEnum):
    """What a co-signing party says about a reported status."""

    BEVESTIGD = "bevestigd"
    BETWIST = "betwist"


#: The id of the collective party of each kind: every party of that kind, each for its own part.
#: The ministry is one party and has none.
COLLECTIEVE_PARTIJ: dict[PartijSoort, str] = {
    PartijSoort.GEMEENTE: "gemeenten",
    PartijSoort.CORPORATIE: "corporaties",
    PartijSoort.HUURDERSORGANISATIE: "huurdersorganisaties",
    PartijSoort.ZORGPARTNER: "zorgpartners",
    PartijSoort.VEILIGHEIDSPARTNER: "veiligheidspartners",
    PartijSoort.BEWONERSORGANISATIE: "bewonersorganisaties",
    PartijSoort.PROVINCIE: "provincies",
}

_SOORT_VAN_COLLECTIEF = {naam: soort for soort, naam in COLLECTIEVE_PARTIJ.items()}

#: Any collective party id, as a regular expression.
COLLECTIEVE_PARTIJ_PATTERN = "(" + "|".join(COLLECTIEVE_PARTIJ.values()) + ")"


def is_collectief(partij_id: str) -> bool:
    """True for a collective party id such as ``corporaties``."""
    return partij_id in _SOORT_VAN_COLLECTIEF


def soort_van_partij(partij_id: str) -> PartijSoort | None:
    """The kind of a party of an agreement: from a single party's id shape, or the collective's kind."""
    return _SOORT_VAN_COLLECTIEF.get(partij_id) or soort_van_id(partij_id)


def hoort_bij(organisatie: str, partij_id: str) -> bool:
    """Whether ``organisatie`` is (one of) the party ``partij_id``: itself, or a member of its collective."""
    if organisatie == partij_id:
        return True
    soort = soort_van_id(organisatie)
    return soort is not None and COLLECTIEVE_PARTIJ.get(soort) == partij_id
