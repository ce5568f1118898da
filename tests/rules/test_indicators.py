"""The indicator catalogue: required entries, and which variants and themes a commitment reports."""

from __future__ import annotations

from datetime import date

import pytest

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.domain.housing import InvesteringThema
from leefbaar.rules import (
    CATALOGUS,
    INDICATOREN,
    Commitment,
    Eenheid,
    R1Regel,
    Richting,
    Target,
    Vergelijking,
    themes_for,
    variants_for,
)
from leefbaar.rules.indicators import indicator


@pytest.mark.parametrize(
    ("naam", "requirement", "eenheid", "richting"),
    [
        ("woningen_conditie_5_6_zonder_sloopplan", "R1", Eenheid.WONINGEN, Richting.LAGER),
        ("extra_investering_verbetering", "R2", Eenheid.EURO_PER_JAAR, Richting.HOGER),
        ("extra_investering_leefbaarheid", "R5", Eenheid.EURO_PER_JAAR, Richting.HOGER),
        ("vhf_toegekend", "R7", Eenheid.EURO, Richting.HOGER),
        ("vhf_bijdragen_met_uitvoeringsplan", "R7", Eenheid.EURO, Richting.HOGER),  # retired, still readable
        ("aandeel_sociale_huur", "R10", Eenheid.PROCENT, Richting.HOGER),
        ("urgentieverordening_dekking", "R11", Eenheid.PROCENT, Richting.HOGER),
        ("woonzorgvisie_actueel", "R12", Eenheid.PROCENT, Richting.HOGER),
        ("lokale_afspraken_met_zorgpartner", "R13", Eenheid.PROCENT, Richting.HOGER),
        ("aantal_buurtkamers", "R5", Eenheid.AANTAL, Richting.HOGER),
        ("woningen_met_open_vochtgebrek", "R2", Eenheid.WONINGEN, Richting.LAGER),
        ("energielabel_efg_aandeel", "R3", Eenheid.PROCENT, Richting.LAGER),
        ("herstructurering_renovatie_met_verduurzaming", "R3", Eenheid.PROCENT, Richting.HOGER),
        ("herstructureringsplannen_gemengde_voorraad", "R8", Eenheid.PROCENT, Richting.HOGER),
    ],
)
def test_required_indicators(naam: str, requirement: str, eenheid: Eenheid, richting: Richting) -> None:
    entry = INDICATOREN[naam]
    assert requirement in entry.requirements
    assert (entry.eenheid, entry.richting) == (eenheid, richting)
    assert entry.omschrijving and entry.scopes


def test_names_are_unique_snake_case() -> None:
    names = [i.naam for i in CATALOGUS]
    assert len(names) == len(set(names)) == len(INDICATOREN)
    assert all(n.replace("_", "").isalnum() and n == n.lower() for n in names)


def test_unknown_indicator_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="onbekende indicator 'x'; bekende indicatoren: woningen_conditie"):
        indicator("x")


def _commitment(
    naam: str, variant: str | None = None, themas: tuple[InvesteringThema, ...] = ()
) -> Commitment:
    return Commitment(
        id="t",
        requirement="R1",
        titel="t",
        indicator=naam,
        doel=Target(Vergelijking.TEN_HOOGSTE, 0.0),
        deadline=date(2026, 1, 1),
        verantwoordelijke="MINBZK",
        scopes=(ScopeSoort.NATIONAAL,),
        variant=variant,
        themas=themas,
    )


def test_r1_reports_all_three_rules_unless_one_is_named() -> None:
    assert variants_for(_commitment("woningen_conditie_5_6_zonder_sloopplan")) == (
        R1Regel.COMPLEXSCORE,
        R1Regel.SLECHTSTE_ELEMENT,
        R1Regel.HERBOUWWAARDE_GEWOGEN,
    )
    assert variants_for(_commitment("woningen_conditie_5_6_zonder_sloopplan", "complexscore")) == (
        "complexscore",
    )
    assert variants_for(_commitment("aandeel_sociale_huur")) == ()


def test_themes_default_to_all_of_the_indicator() -> None:
    assert themes_for(_commitment("extra_investering_leefbaarheid")) == (
        InvesteringThema.BUURTKAMERS,
        InvesteringThema.SOCIALE_COHESIE,
    )
    lood = (InvesteringThema.LOOD,)
    assert themes_for(_commitment("extra_investering_verbetering", themas=lood)) == lood
