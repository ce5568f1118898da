"""The indicator catalogue: every measurable quantity a commitment (toezegging) may point at.

An agreement file names an indicator; this catalogue says what it means, in which unit it is
measured, for which scopes it can be computed and which direction is good. The computations
themselves live next to the data (storage/services); here is only their definition, as data.
Adding an indicator is one entry in :data:`CATALOGUS` plus its computation; an agreement that uses
existing indicators needs no code at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.domain.housing import R2_THEMAS, R5_THEMAS, InvesteringThema
from leefbaar.rules.model import Commitment


class Eenheid(StrEnum):
    """Unit of an indicator; decides how values are written in explanations."""

    WONINGEN = "woningen"
    EURO = "euro"
    EURO_PER_JAAR = "euro per jaar"
    PROCENT = "procent"  # values are percentages 0-100, not fractions
    AANTAL = "aantal"


class Richting(StrEnum):
    """Which way is better for an indicator."""

    HOGER = "hoger is beter"
    LAGER = "lager is beter"


class R1Regel(StrEnum):
    """The three ways to derive a dwelling's NEN 2767 condition from complex data (R1)."""

    COMPLEXSCORE = "complexscore"  # the score VERA records for the complex (cluster)
    SLECHTSTE_ELEMENT = "slechtste_element"  # the worst building element of the complex
    HERBOUWWAARDE_GEWOGEN = "herbouwwaarde_gewogen"  # element scores weighted by replacement value


ALLE_SCOPES = tuple(ScopeSoort)
_BOVENLOKAAL = (ScopeSoort.NATIONAAL, ScopeSoort.PROVINCIE, ScopeSoort.GEMEENTE)


@dataclass(frozen=True)
class Indicator:
    """One entry of the catalogue."""

    naam: str
    omschrijving: str
    eenheid: Eenheid
    scopes: tuple[ScopeSoort, ...]
    richting: Richting
    #: The requirements (R1..R16) this indicator is meant to monitor; informative.
    requirements: tuple[str, ...]
    #: Named calculation variants; a commitment may pick one, else all are reported side by side.
    varianten: tuple[str, ...] = ()
    #: Investment themes a commitment may restrict the indicator to.
    themas: tuple[InvesteringThema, ...] = field(default=())
    #: A retired indicator: the one computed in its place (stored agreement versions stay readable).
    vervangen_door: str | None = None


CATALOGUS: tuple[Indicator, ...] = (
    Indicator(
        naam="woningen_conditie_5_6_zonder_sloopplan",
        omschrijving="Corporatiewoningen met NEN 2767-conditie 5 of 6 waarvoor geen concreet sloopplan "
        "bestaat (een voornemen telt niet). Drie rekenregels naast elkaar: complexscore, slechtste "
        "element en herbouwwaarde-gewogen.",
        eenheid=Eenheid.WONINGEN,
        scopes=ALLE_SCOPES,
        richting=Richting.LAGER,
        requirements=("R1",),
        varianten=tuple(R1Regel),
    ),
    Indicator(
        naam="extra_investering_verbetering",
        omschrijving="Extra investering van corporaties in woningverbetering per kalenderjaar "
        "(vocht en schimmel, loden leidingen, asbest, brandveiligheid).",
        eenheid=Eenheid.EURO_PER_JAAR,
        scopes=ALLE_SCOPES,
        richting=Richting.HOGER,
        requirements=("R2",),
        themas=R2_THEMAS,
    ),
    Indicator(
        naam="extra_investering_leefbaarheid",
        omschrijving="Extra uitgaven van corporaties aan buurtkamers en activiteiten voor sociale "
        "cohesie en ontmoeting per kalenderjaar.",
        eenheid=Eenheid.EURO_PER_JAAR,
        scopes=(ScopeSoort.NATIONAAL, ScopeSoort.PROVINCIE, ScopeSoort.GEMEENTE, ScopeSoort.CORPORATIE),
        richting=Richting.HOGER,
        requirements=("R5",),
        themas=R5_THEMAS,
    ),
    Indicator(
        naam="vhf_toegekend",
        omschrijving="Toegekende bijdragen uit het Volkshuisvestingsfonds (cumulatief, rondes tot en met het "
        "jaar van de peildatum), te vergelijken met het budget en per ronde met het bedrag dat de ronde "
        "beschikbaar stelde; met de besteding en de uitvoeringsplannen met en zonder adressen per complex.",
        eenheid=Eenheid.EURO,
        scopes=(ScopeSoort.NATIONAAL,),
        richting=Richting.HOGER,
        requirements=("R7",),
    ),
    Indicator(
        naam="vhf_bijdragen_met_uitvoeringsplan",
        omschrijving="Vervallen: gebruik vhf_toegekend met vergelijking budget. Blijft bestaan zodat eerder "
        "vastgelegde versies van een afspraak leesbaar blijven; de monitor rekent het als vhf_toegekend.",
        eenheid=Eenheid.EURO,
        scopes=_BOVENLOKAAL,
        richting=Richting.HOGER,
        requirements=("R7",),
        vervangen_door="vhf_toegekend",
    ),
    Indicator(
        naam="herstructurering_renovatie_met_verduurzaming",
        omschrijving="Percentage van de woningen die in vastgestelde herstructureringsplannen worden "
        "gerenoveerd, dat tegelijk naar energielabel B of beter gaat (renovatie en herstructurering samen "
        "met de verduurzaming).",
        eenheid=Eenheid.PROCENT,
        scopes=_BOVENLOKAAL,
        richting=Richting.HOGER,
        requirements=("R3",),
    ),
    Indicator(
        naam="herstructureringsplannen_gemengde_voorraad",
        omschrijving="Percentage van de vastgestelde herstructureringsplannen onder regie van de gemeente "
        "dat corporatievoorraad en particuliere voorraad samen aanpakt (ten minste één complex en één "
        "particuliere woning in het plan).",
        eenheid=Eenheid.PROCENT,
        scopes=_BOVENLOKAAL,
        richting=Richting.HOGER,
        requirements=("R8",),
    ),
    Indicator(
        naam="aandeel_sociale_huur",
        omschrijving="Sociale huurwoningen (corporatie en overige sociale huur) als percentage van alle "
        "woningen.",
        eenheid=Eenheid.PROCENT,
        scopes=_BOVENLOKAAL,
        richting=Richting.HOGER,
        requirements=("R10",),
    ),
    Indicator(
        naam="urgentieverordening_dekking",
        omschrijving="Percentage van de verplichte urgentiegroepen (dakloos, uitstroom instelling, uitstroom "
        "detentie, sociale en medische urgentie) dat de vastgestelde urgentieverordening dekt; boven "
        "gemeenteniveau het percentage gemeenten met volledige dekking.",
        eenheid=Eenheid.PROCENT,
        scopes=_BOVENLOKAAL,
        richting=Richting.HOGER,
        requirements=("R11",),
    ),
    Indicator(
        naam="woonzorgvisie_actueel",
        omschrijving="Percentage gemeenten met een vastgestelde, actuele woonzorgvisie; voor één gemeente "
        "100 (ja) of 0 (nee).",
        eenheid=Eenheid.PROCENT,
        scopes=_BOVENLOKAAL,
        richting=Richting.HOGER,
        requirements=("R12",),
    ),
    Indicator(
        naam="lokale_afspraken_met_zorgpartner",
        omschrijving="Percentage lokale prestatieafspraken waarbij een zorg- of welzijnspartij partij is.",
        eenheid=Eenheid.PROCENT,
        scopes=_BOVENLOKAAL,
        richting=Richting.HOGER,
        requirements=("R13",),
    ),
    Indicator(
        naam="aantal_buurtkamers",
        omschrijving="Buurtkamers en ontmoetingsruimten die corporaties beschikbaar stellen.",
        eenheid=Eenheid.AANTAL,
        scopes=(ScopeSoort.GEMEENTE, ScopeSoort.CORPORATIE),
        richting=Richting.HOGER,
        requirements=("R5",),
    ),
    Indicator(
        naam="woningen_met_open_vochtgebrek",
        omschrijving="Corporatiewoningen met een gemeld, nog niet verholpen vocht- of schimmelgebrek.",
        eenheid=Eenheid.WONINGEN,
        scopes=ALLE_SCOPES,
        richting=Richting.LAGER,
        requirements=("R2",),
    ),
    Indicator(
        naam="woningen_met_loden_leidingen",
        omschrijving="Corporatiewoningen waarin nog loden waterleidingen aanwezig zijn.",
        eenheid=Eenheid.WONINGEN,
        scopes=ALLE_SCOPES,
        richting=Richting.LAGER,
        requirements=("R2",),
    ),
    Indicator(
        naam="energielabel_efg_aandeel",
        omschrijving="Percentage corporatiewoningen met energielabel E, F of G.",
        eenheid=Eenheid.PROCENT,
        scopes=ALLE_SCOPES,
        richting=Richting.LAGER,
        requirements=("R3",),
    ),
)

#: The catalogue by name.
INDICATOREN: dict[str, Indicator] = {indicator.naam: indicator for indicator in CATALOGUS}


def indicator(naam: str) -> Indicator:
    """The indicator with this name; raises KeyError with the known names for an unknown one."""
    try:
        return INDICATOREN[naam]
    except KeyError:
        raise KeyError(
            f"onbekende indicator '{naam}'; bekende indicatoren: {', '.join(INDICATOREN)}"
        ) from None


def variants_for(toezegging: Commitment) -> tuple[str, ...]:
    """The calculation variants to report: the one the commitment names, else all side by side (R1)."""
    if toezegging.variant is not None:
        return (toezegging.variant,)
    return INDICATOREN[toezegging.indicator].varianten


def themes_for(toezegging: Commitment) -> tuple[InvesteringThema, ...]:
    """The investment themes that count: those the commitment names, else all of the indicator's."""
    return toezegging.themas or INDICATOREN[toezegging.indicator].themas
