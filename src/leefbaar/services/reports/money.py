"""The section "Geld en resultaat" of the gemeente and corporatie reports: the page's table of the
same name (services.investments), one row per theme."""

from __future__ import annotations

from leefbaar.reports import Kolom, Sectie, Soort, Tabel
from leefbaar.services import investments


def geld_sectie(overzicht: investments.Overzicht, voor: str) -> Sectie:
    """``voor`` is "gemeente" (with what the municipality invested itself) or "corporatie" (with the
    association's baseline)."""
    if overzicht.jaar is None:
        return Sectie("Geld en resultaat", meldingen=("Er zijn nog geen investeringen geladen.",))
    if voor == "gemeente":
        uitleg = (
            f"Het extra geld dat de corporaties in {overzicht.jaar} in deze gemeente besteedden, naar de plaats "
            "waar zij het besteedden, naast wat de gemeente zelf investeerde (dat telt niet mee voor de "
            "landelijke afspraken)."
        )
        naast = Kolom("Gemeente zelf", Soort.GETAL, "euro", breedte=16)
    else:
        uitleg = (
            f"Het extra geld dat de corporatie in {overzicht.jaar} besteedde: wat boven haar basislijn (de "
            "reguliere uitgaven in een referentiejaar) uitkomt, of zonder basislijn wat zij zelf als extra opgaf."
        )
        naast = Kolom("Basislijn", Soort.GETAL, "euro", breedte=16)
    jaar = overzicht.resultaatjaar
    rijen = tuple(
        (
            r.naam,
            r.requirement,
            r.extra_eur,
            r.gemeente_zelf_eur if voor == "gemeente" else r.basislijn_eur,
            r.met_risico,
            r.opgelost,
            r.opgelost_aandeel,
        )
        for r in overzicht.regels
    )
    risico = f"Woningen met risico in {jaar}" if jaar else "Woningen met risico"
    tabel = Tabel(
        f"Geld en resultaat per thema, {overzicht.jaar}",
        "Geld en resultaat",
        (
            Kolom("Thema", breedte=20),
            Kolom("Afspraak", breedte=9),
            Kolom("Extra", Soort.GETAL, "euro", breedte=16),
            naast,
            Kolom(risico, Soort.GETAL, breedte=14),
            Kolom("Binnen dat jaar opgelost", Soort.GETAL, breedte=14),
            Kolom("Opgelost", Soort.AANDEEL, breedte=10),
        ),
        rijen,
        voetnoten=(
            "Een leeg vak is geen gegevens; de risico's horen alleen bij R2 (bron: het gebrekenregister).",
        ),
    )
    return Sectie("Geld en resultaat", alineas=(uitleg,), tabellen=(tabel,))
