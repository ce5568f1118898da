"""Response models shared by the routers, and the conversion from service dicts to API JSON.

JSON member names are Dutch camelCase (``overigeHuur``, ``aandeelSociaal``). Shares are percentages
with one decimal; counts are whole numbers. A member without a value is left out.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import BaseModel, Field

from leefbaar.api.pagination import HalPage
from leefbaar.domain.regions import CODE_PATTERNS, Niveau
from leefbaar.services import dwellings

GEMEENTECODE = Annotated[
    str,
    Path(
        pattern=f"^{CODE_PATTERNS[Niveau.GEMEENTE]}$",
        description="CBS-gemeentecode, bijvoorbeeld GM0363.",
        examples=["GM0363"],
    ),
]
BUURTCODE = Annotated[
    str,
    Path(
        pattern=f"^{CODE_PATTERNS[Niveau.BUURT]}$",
        description="CBS-buurtcode, bijvoorbeeld BU0363AA01.",
        examples=["BU0363AA01"],
    ),
]
INDELINGSJAAR = Annotated[
    int | None,
    Query(ge=1900, le=2100, description="Jaar van de CBS-gebiedsindeling; standaard het nieuwste jaar."),
]


class Woningvoorraad(BaseModel):
    totaal: int = Field(description="Aantal woningen.")
    corporatie: int = Field(description="Woningen in eigendom van een corporatie.")
    overigeHuur: int = Field(description="Huurwoningen van overige verhuurders.")
    koop: int = Field(description="Koopwoningen.")
    sociaal: int = Field(
        description="Sociale huurwoningen: corporatiewoningen in het sociale segment (of zonder segment) en "
        "overige huurwoningen in het sociale segment; dezelfde telling als het 30%-overzicht en de monitor."
    )
    midden: int = Field(description="Huurwoningen in het middensegment.")
    vrij: int = Field(description="Huurwoningen in de vrije sector.")
    aandeelSociaal: float | None = Field(None, description="Aandeel sociale huur in de voorraad (%).")
    aandeelCorporatie: float | None = Field(None, description="Aandeel corporatiewoningen (%).")


class Gebied(BaseModel):
    code: str = Field(description="CBS-code.", examples=["GM0363"])
    naam: str = Field(description="Naam.", examples=["Amsterdam"])
    indelingsjaar: int = Field(description="Jaar van de CBS-gebiedsindeling.", examples=[2025])
    inwoners: int | None = Field(None, description="Aantal inwoners (laatst bekende CBS-cijfer).")
    inwonersJaar: int | None = Field(None, description="Jaar van het inwonertal.")
    woningen: Woningvoorraad


class Gemeente(Gebied):
    provinciecode: str | None = Field(None, description="CBS-provinciecode.", examples=["PV27"])
    provincie: str | None = Field(None, description="Naam van de provincie.")


class Wijk(Gebied):
    pass


class Buurt(Gebied):
    gemeentecode: str = Field(description="Gemeente van de buurt.")
    wijkcode: str | None = Field(None, description="Wijk van de buurt.")
    gemeentenaam: str | None = None
    wijknaam: str | None = None
    misdrijven: int | None = Field(None, description="Geregistreerde misdrijven (Politie/CBS).")
    misdrijvenJaar: int | None = None


class Partij(BaseModel):
    id: str
    naam: str


class Prestatieafspraak(BaseModel):
    id: str = Field(description="Kenmerk van de afspraak.")
    startjaar: int
    eindjaar: int
    partijen: list[Partij]


class CorporatieKort(BaseModel):
    id: str = Field(description="Kenmerk van de corporatie.", examples=["L0001"])
    naam: str
    gemeentecode: str | None = Field(None, description="Vestigingsgemeente.")
    complexen: int = Field(description="Aantal complexen.")
    woningen: int = Field(description="Aantal woningen.")


class GemeenteDetail(Gemeente):
    wijken: list[Wijk]
    corporaties: list[CorporatieKort]
    prestatieafspraken: list[Prestatieafspraak]


def woningvoorraad(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "totaal": int(row.get("woningen") or 0),
        "corporatie": int(row.get("corporatie") or 0),
        "overigeHuur": int(row.get("overige_huur") or 0),
        "koop": int(row.get("koop") or 0),
        "sociaal": int(row.get("sociaal") or 0),
        "midden": int(row.get("midden") or 0),
        "vrij": int(row.get("vrij") or 0),
        "aandeelSociaal": row.get("sociaal_pct"),
        "aandeelCorporatie": row.get("corporatie_pct"),
    }


def gebied(row: dict[str, Any]) -> dict[str, Any]:
    out = {
        "code": row["code"],
        "naam": row["naam"],
        "indelingsjaar": int(row["indelingsjaar"]),
        "inwoners": row.get("inwoners"),
        "inwonersJaar": row.get("inwoners_jaar"),
        "woningen": woningvoorraad(row),
    }
    for key, name in (
        ("provinciecode", "provinciecode"),
        ("provincie", "provincie"),
        ("gemeentecode", "gemeentecode"),
        ("wijkcode", "wijkcode"),
        ("gemeentenaam", "gemeentenaam"),
        ("wijknaam", "wijknaam"),
        ("misdrijven", "misdrijven"),
        ("misdrijven_jaar", "misdrijvenJaar"),
    ):
        if key in row:
            out[name] = row[key]
    return out


def corporatie_kort(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "naam": row["naam"],
        "gemeentecode": row.get("gemeentecode"),
        "complexen": int(row.get("complexen") or 0),
        "woningen": int(row.get("woningen") or 0),
    }


class ConditieRegel(BaseModel):
    score: int | None = Field(
        None, description="NEN 2767-score 1 (uitstekend) tot 6 (zeer slecht); leeg: geen meting."
    )
    oordeel: str
    complexen: int
    woningen: int


class SlechteConditie(BaseModel):
    complex: str = Field(
        description="Kenmerk van het complex (corporatie-complexnummer).", examples=["L0001-1021"]
    )
    naam: str | None = None
    gemeentecode: str
    score: int
    meetdatum: date | None = None
    woningen: int
    sloopplan: str | None = Field(None, description="Fase van een sloopplan: voornemen, besluit of concreet.")
    uitzondering: bool = Field(
        description="Alleen een concreet sloopplan is een uitzondering op de 5/6-regel."
    )


class Investering(BaseModel):
    jaar: int
    thema: str
    soort: str
    bedragEur: float = Field(description="Opgeteld over de gemeenten waar het geld is besteed.")
    gemeenten: int = Field(0, description="In hoeveel gemeenten het geld is besteed.")


class GeldThema(BaseModel):
    """One theme of money and outcomes (R2, R5); null is "geen gegevens"."""

    thema: str
    naam: str
    requirement: str
    extraEur: float | None = Field(None, description="Extra besteed in het jaar (boven de basislijn).")
    besteedEur: float | None = Field(None, description="Alles wat in het jaar aan het thema is besteed.")
    basislijnEur: float | None = Field(None, description="Reguliere uitgaven in het referentiejaar.")
    basislijnJaar: int | None = None
    gemeenteZelfEur: float | None = Field(
        None, description="Wat de gemeente zelf investeerde (telt niet mee)."
    )
    woningenMetRisico: int | None = Field(
        None, description="R2: woningen met het risico in het resultaatjaar."
    )
    opgelost: int | None = Field(None, description="R2: daarvan binnen het jaar opgelost.")


class GeldEnResultaat(BaseModel):
    """Money and outcomes per theme in the newest year with investments."""

    jaar: int | None
    resultaatjaar: int | None = Field(
        None, description="Jaar van de opgeloste risico's (het gebrekenregister)."
    )
    gemetenTegenBasislijn: bool
    themas: list[GeldThema]


def geld_en_resultaat(overzicht: Any) -> GeldEnResultaat:
    return GeldEnResultaat(
        jaar=overzicht.jaar,
        resultaatjaar=overzicht.resultaatjaar,
        gemetenTegenBasislijn=overzicht.gemeten,
        themas=[
            GeldThema(
                thema=r.thema,
                naam=r.naam,
                requirement=r.requirement,
                extraEur=r.extra_eur,
                besteedEur=r.besteed_eur,
                basislijnEur=r.basislijn_eur,
                basislijnJaar=r.basislijn_jaar,
                gemeenteZelfEur=r.gemeente_zelf_eur,
                woningenMetRisico=r.met_risico,
                opgelost=r.opgelost,
            )
            for r in overzicht.regels
        ],
    )


class Corporatie(CorporatieKort):
    gemeentenaam: str | None = None
    voorraad: Woningvoorraad
    conditie: list[ConditieRegel]
    slechteConditie: list[SlechteConditie]
    investeringen: list[Investering]


class Element(BaseModel):
    element: str
    score: int
    oordeel: str | None = None
    meetdatum: date


class Plan(BaseModel):
    id: str
    soort: str
    status: str
    geplandeDatum: date | None = None
    aantalWoningen: int | None = None


class Gebrekken(BaseModel):
    soort: str
    aantal: int
    open: int


class Complex(BaseModel):
    id: str = Field(description="Corporatie-complexnummer.", examples=["L0001-1001"])
    corporatieId: str
    corporatienaam: str | None = None
    complexnummer: str
    naam: str | None = None
    gemeentecode: str
    gemeentenaam: str | None = None
    bouwjaar: int | None = None
    score: int | None = Field(None, description="Laatste NEN 2767-score van het hele complex.")
    oordeel: str | None = None
    meetdatum: date | None = None
    woningen: Woningvoorraad
    elementen: list[Element]
    plannen: list[Plan]
    gebreken: list[Gebrekken]
    gebrekenOnderdrukt: str | None = Field(
        None,
        description="Waarom de gebreken niet worden getoond: bij een complex met minder woningen dan de "
        "onthullingsdrempel gaan de aantallen over afzonderlijke huishoudens.",
    )


def corporatie(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **corporatie_kort(row),
        "gemeentenaam": row.get("gemeentenaam"),
        "voorraad": woningvoorraad(row),
        "conditie": row["conditie"],
        "slechteConditie": [
            {
                "complex": c["id"],
                "naam": c["naam"],
                "gemeentecode": c["gemeentecode"],
                "score": c["score"],
                "meetdatum": c["meetdatum"],
                "woningen": c["woningen"],
                "sloopplan": c["sloopplan"],
                "uitzondering": c["uitzondering"],
            }
            for c in row["slechte_conditie"]
        ],
        "investeringen": [
            {
                "jaar": i["jaar"],
                "thema": i["thema"],
                "soort": i["soort"],
                "bedragEur": i["bedrag_eur"],
                "gemeenten": i.get("gemeenten") or 0,
            }
            for i in row["investeringen"]
        ],
    }


def complex_(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "corporatieId": row["corporatie_id"],
        "corporatienaam": row.get("corporatienaam"),
        "complexnummer": row["complexnummer"],
        "naam": row.get("naam"),
        "gemeentecode": row["gemeentecode"],
        "gemeentenaam": row.get("gemeentenaam"),
        "bouwjaar": row.get("bouwjaar"),
        "score": row.get("score"),
        "oordeel": row.get("oordeel"),
        "meetdatum": row.get("meetdatum"),
        "woningen": woningvoorraad(row),
        "elementen": row["elementen"],
        "plannen": [
            {
                "id": p["plan_id"],
                "soort": p["soort"],
                "status": p["status"],
                "geplandeDatum": p["geplande_datum"],
                "aantalWoningen": p["aantal_woningen"],
            }
            for p in row["plannen"]
        ],
        "gebreken": row["gebreken"],
        "gebrekenOnderdrukt": row.get("gebreken_onderdrukt"),
    }


class Woning(BaseModel):
    """Eén woning van een complex (alleen voor de eigenaar, of een gemeente onder een deelovereenkomst)."""

    verblijfsobjectId: str = Field(description="BAG-verblijfsobject-id.", examples=["0363010000000527"])
    adres: str = Field(description="Postcode en huisnummer.", examples=["3329 AA 1"])
    postcode: str | None = None
    huisnummer: int | None = None
    huisletter: str | None = None
    toevoeging: str | None = Field(None, description="Huisnummertoevoeging.")
    buurtcode: str = Field(examples=["BU0363EB04"])
    eigendom: str = Field(description="corporatie, overige_huur of koop.")
    huursegment: str | None = Field(None, description="sociaal, midden of vrij.")
    energielabel: str | None = Field(None, examples=["B"])
    bouwjaar: int | None = None
    oppervlakteM2: int | None = None
    openGebreken: list[str] = Field(
        description="Soorten gebreken die geconstateerd en nog niet verholpen zijn."
    )
    peildatum: date = Field(description="Peildatum van de gegevens van deze woning.")


def woning(w: dwellings.Woning) -> dict[str, Any]:
    """A dwelling of ``services.dwellings`` as API JSON."""
    return {
        "verblijfsobjectId": w.verblijfsobject_id,
        "adres": w.adres,
        "postcode": w.postcode,
        "huisnummer": w.huisnummer,
        "huisletter": w.huisletter,
        "toevoeging": w.toevoeging,
        "buurtcode": w.buurtcode,
        "eigendom": w.eigendom,
        "huursegment": w.huursegment,
        "energielabel": w.energielabel,
        "bouwjaar": w.bouwjaar,
        "oppervlakteM2": w.oppervlakte_m2,
        "openGebreken": list(w.open_gebreken),
        "peildatum": w.peildatum,
    }


class BuurtkamerPartij(BaseModel):
    id: str = Field(description="Partij-id.", examples=["ZP0001"])
    naam: str
    soort: str | None = Field(None, description="Soort partij, bijvoorbeeld zorgpartner.")
    rol: str | None = Field(
        None,
        description="Wat de partij inbrengt: gemeente, corporatie, huurders, zorg en welzijn, veiligheid, "
        "bewoners, provincie of rijk.",
    )


class Buurtkamer(BaseModel):
    """Een buurtkamer of ontmoetingsplek (R5), zoals op de pagina's van gemeente en buurt."""

    id: str = Field(description="Kenmerk van de buurtkamer.", examples=["BK-0363AA01"])
    naam: str
    buurtcode: str = Field(examples=["BU0363AA01"])
    buurtnaam: str | None = None
    gemeentecode: str = Field(examples=["GM0363"])
    adres: str | None = Field(None, description="Straat, huisnummer en plaats.")
    corporatie: BuurtkamerPartij | None = Field(
        None, description="Corporatie die de buurtkamer beheert of steunt."
    )
    geopendOp: date
    geslotenOp: date | None = Field(
        None, description="Datum gesloten; ontbreekt zolang de buurtkamer open is."
    )
    status: str = Field(
        description="open, gesloten of nog niet geopend, vandaag. Een buurtkamer telt voor R5 mee vanaf "
        "geopendOp tot (niet tot en met) geslotenOp.",
        examples=["open"],
    )
    jaarkostenEur: float | None = Field(None, description="Kosten per jaar in euro, als gemeld.")
    betaaldDoor: list[BuurtkamerPartij] = Field(description="Wie de jaarkosten betaalt (leeg: niet gemeld).")
    bezoekersPerJaar: int | None = Field(None, description="Bezoekers per jaar, als gemeld.")
    activiteitenPerJaar: int | None = Field(None, description="Activiteiten per jaar, als gemeld.")
    activiteiten: str | None = Field(None, description="Wat er te doen is.")
    partners: list[BuurtkamerPartij]
    peildatum: date = Field(description="Peildatum van de gegevens van deze buurtkamer.")


class BuurtkamersPagina(HalPage[Buurtkamer]):
    """One page of buurtkamers: ``_embedded.buurtkamers`` and ``_links``."""


def buurtkamer(row: dict[str, Any]) -> dict[str, Any]:
    """A buurtkamer of ``services.buurtkamers`` as API JSON."""
    return {
        "id": row["id"],
        "naam": row["naam"],
        "buurtcode": row["buurtcode"],
        "buurtnaam": row["buurtnaam"],
        "gemeentecode": row["gemeentecode"],
        "adres": row["adres"],
        "corporatie": row["corporatie"],
        "geopendOp": row["geopend_op"],
        "geslotenOp": row["gesloten_op"],
        "status": row["status"],
        "jaarkostenEur": row["jaarkosten_eur"],
        "betaaldDoor": row["betaald_door"],
        "bezoekersPerJaar": row["bezoekers_per_jaar"],
        "activiteitenPerJaar": row["activiteiten_per_jaar"],
        "activiteiten": row["activiteiten"],
        "partners": row["partners"],
        "peildatum": row["peildatum"],
    }
