"""Dutch labels of the priority groups (aandachtsgroepen), for reasons and tables shown to users."""

from __future__ import annotations

from leefbaar.domain.allocation import Aandachtsgroep

#: Wording follows the national agreements ("dak- en thuisloze mensen, mensen die uitstromen uit een
#: intramurale (zorg)instelling of detentie en mensen met sociale of medische urgentie").
AANDACHTSGROEP_LABELS: dict[Aandachtsgroep, str] = {
    Aandachtsgroep.DAKLOOS: "dak- en thuisloze mensen",
    Aandachtsgroep.UITSTROOM_INSTELLING: "uitstroom uit een intramurale (zorg)instelling",
    Aandachtsgroep.UITSTROOM_DETENTIE: "uitstroom uit detentie",
    Aandachtsgroep.MEDISCHE_URGENTIE: "medische urgentie",
    Aandachtsgroep.SOCIALE_URGENTIE: "sociale urgentie",
    Aandachtsgroep.STATUSHOUDER: "statushouders",
    Aandachtsgroep.ARBEIDSMIGRANT: "arbeidsmigranten",
    Aandachtsgroep.STUDENT: "studenten",
    Aandachtsgroep.OVERIG: "overige aandachtsgroepen",
}


def percentage_nl(fraction: float, decimals: int = 1) -> str:
    """A fraction as a Dutch percentage with a decimal comma: 0.2415 -> '24,2%'."""
    return f"{fraction * 100:.{decimals}f}".replace(".", ",") + "%"


def number_nl(value: float, decimals: int = 1) -> str:
    """A number with a Dutch decimal comma: 1.5 -> '1,5'."""
    return f"{value:.{decimals}f}".replace(".", ",")
