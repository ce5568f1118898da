"""Housing vocabulary: ownership, rent segment, NEN 2767 condition, defects, plans, investments, stock.

Words follow VERA (the housing-association data standard) where it has one: a *complex* is VERA's
cluster, a dwelling (*woning*) is a VERA eenheid linked to a BAG verblijfsobject.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Eigendom(StrEnum):
    """Who owns a dwelling (CBS owner kinds)."""

    CORPORATIE = "corporatie"
    OVERIGE_HUUR = "overige_huur"
    KOOP = "koop"


class Huursegment(StrEnum):
    """Rent segment of a rental dwelling."""

    SOCIAAL = "sociaal"
    MIDDEN = "midden"
    VRIJ = "vrij"


def is_sociale_huur(eigendom: str, huursegment: str | None) -> bool:
    """Social rent (R10), the one definition: an association dwelling unless its segment says otherwise
    (midden, vrij), another rented dwelling only when its segment is sociaal, an owner-occupied one never.

    ``storage.rule_sql.sociale_huur`` is its SQL form; the key figures, the 30% block and the monitor
    all count with that, over all dwellings (``SOCIALE_HUUR_DEFINITIE`` says so on the pages).
    """
    if eigendom == Eigendom.CORPORATIE:
        return huursegment is None or huursegment == Huursegment.SOCIAAL
    if eigendom == Eigendom.OVERIGE_HUUR:
        return huursegment == Huursegment.SOCIAAL
    return False


#: :func:`is_sociale_huur` and the share, as the pages state them.
SOCIALE_HUUR_DEFINITIE = (
    "Als sociale huur tellen corporatiewoningen in het sociale huursegment (of zonder opgegeven segment) "
    "en andere huurwoningen met huursegment sociaal; middenhuur, vrije sector en koopwoningen niet. "
    "Het aandeel is het aantal sociale huurwoningen gedeeld door alle woningen in de gemeente."
)


#: NEN 2767 condition scores: 1 excellent ... 6 very poor. 3 is the usual acceptable level.
NEN2767: dict[int, str] = {
    1: "uitstekend",
    2: "goed",
    3: "redelijk",
    4: "matig",
    5: "slecht",
    6: "zeer slecht",
}
#: The scores the 2026 rule (R1) forbids for association dwellings.
SLECHTE_CONDITIE = (5, 6)
#: The lowest of them. They are the top of the scale, so a score is in SLECHTE_CONDITIE exactly when it
#: is at least this (how the SQL of the monitor and the index tests it).
SLECHTE_CONDITIE_VANAF = min(SLECHTE_CONDITIE)
#: R1's completeness counts a complex's score as known only when it was measured at most this many
#: years before the reference date.
R1_MAX_MEETLEEFTIJD_JAREN = 5


def recent_na(peildatum: date) -> date:
    """The day ``R1_MAX_MEETLEEFTIJD_JAREN`` years before ``peildatum`` (29 February becomes 28
    February): a condition measurement after it is recent; one on or before it is an old measurement
    ("oude meting"), flagged on the pages and not counted as known by R1's completeness."""
    jaar = peildatum.year - R1_MAX_MEETLEEFTIJD_JAREN
    try:
        return peildatum.replace(year=jaar)
    except ValueError:
        return peildatum.replace(year=jaar, day=28)


def is_oude_meting(meetdatum: date, peildatum: date) -> bool:
    """True when a condition measurement is too old to count on ``peildatum`` (see :func:`recent_na`)."""
    return meetdatum <= recent_na(peildatum)


#: Energy labels as registered (EP-online), best first.
ENERGIELABELS = ("A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G")
#: The labels R3 counts as poor (the share of association dwellings with one of them).
SLECHTE_LABELS = ("E", "F", "G")


class GebrekSoort(StrEnum):
    """The four hazards the agreements name (R2)."""

    VOCHT_SCHIMMEL = "vocht_schimmel"
    LOOD = "lood"
    ASBEST = "asbest"
    BRANDVEILIGHEID = "brandveiligheid"


class PlanSoort(StrEnum):
    SLOOP = "sloop"
    RENOVATIE = "renovatie"
    HERSTRUCTURERING = "herstructurering"


class PlanStatus(StrEnum):
    """How firm a plan is. Only a *concreet* demolition plan exempts a dwelling from R1.

    *ingetrokken*: the association withdrew the plan (a new version, the plan's history stays); it
    counts nowhere: no exemption, no demolition in the pipeline, no demolition phase.
    """

    VOORNEMEN = "voornemen"
    BESLUIT = "besluit"
    CONCREET = "concreet"
    INGETROKKEN = "ingetrokken"


class InvesteringThema(StrEnum):
    """Themes of association investments: the R2 dwelling-improvement themes and the R5 themes."""

    VOCHT_SCHIMMEL = "vocht_schimmel"
    LOOD = "lood"
    ASBEST = "asbest"
    BRANDVEILIGHEID = "brandveiligheid"
    BUURTKAMERS = "buurtkamers"
    SOCIALE_COHESIE = "sociale_cohesie"
    VERDUURZAMING = "verduurzaming"
    OVERIG = "overig"


#: R2: dwelling improvement, €200 million extra per year through 2030.
R2_THEMAS = (
    InvesteringThema.VOCHT_SCHIMMEL,
    InvesteringThema.LOOD,
    InvesteringThema.ASBEST,
    InvesteringThema.BRANDVEILIGHEID,
)
#: R5: neighbourhood rooms and social cohesion, €75 million extra per year through 2030.
R5_THEMAS = (InvesteringThema.BUURTKAMERS, InvesteringThema.SOCIALE_COHESIE)


class Voorraad(StrEnum):
    """Whose stock a dwelling or complex belongs to: an association's (with the association and its
    complex), or private (owner-occupiers, private landlords; a BAG verblijfsobject). Used by the
    objects of a restructuring plan and the addresses of a VHF implementation plan."""

    CORPORATIE = "corporatie"
    PARTICULIER = "particulier"


class InvesteringSoort(StrEnum):
    REGULIER = "regulier"
    EXTRA = "extra"
