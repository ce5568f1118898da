"""``/gemeenten``: municipalities per CBS division year, their buurten, boundaries and buurtkamers,
and the Volkshuisvestingsfonds grants of one municipality."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.downloads import FORMAAT, PEILDATUM, RESPONSES, rapport_response
from leefbaar.api.geo import CRS84, crs_keuze, geojson_response
from leefbaar.api.models import (
    GEMEENTECODE,
    INDELINGSJAAR,
    Buurt,
    BuurtkamersPagina,
    GeldEnResultaat,
    Gemeente,
    GemeenteDetail,
    Partij,
    buurtkamer,
    corporatie_kort,
    gebied,
    geld_en_resultaat,
)
from leefbaar.api.pagination import HalPage, Paginering, hal_page, paginering
from leefbaar.api.problems import problem_response
from leefbaar.api.restructuring_models import HerstructureringsplannenPagina, herstructureringsplan
from leefbaar.services import areas, buurtkamers, investments, reports, restructuring, vhf

router = APIRouter(
    prefix="/gemeenten", tags=["gebieden"], dependencies=[Depends(voorwaardelijk)], responses=NOT_MODIFIED
)


class GemeentenPagina(HalPage[Gemeente]):
    """One page of gemeenten: ``_embedded.gemeenten`` and ``_links``."""


class BuurtenPagina(HalPage[Buurt]):
    """One page of buurten: ``_embedded.buurten`` and ``_links``."""


@router.get(
    "",
    summary="Gemeenten",
    description="Alle gemeenten van een indelingsjaar met inwoners en woningvoorraad, per pagina (zonder totaal).",
    response_model=GemeentenPagina,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    operation_id="listGemeenten",
)
def list_gemeenten(
    request: Request,
    indelingsjaar: INDELINGSJAAR = None,
    page: Paginering = Depends(paginering),
) -> dict[str, Any]:
    rows = areas.gemeenten(jaar=indelingsjaar, offset=page.offset, limit=page.limit)
    return hal_page(request, "gemeenten", [gebied(r) for r in rows], page)


@router.get(
    "/{code}",
    summary="Eén gemeente",
    description="Een gemeente met kerncijfers, haar wijken, de corporaties die er werken en de lokale "
    "prestatieafspraken.",
    response_model=GemeenteDetail,
    response_model_exclude_none=True,
    operation_id="getGemeente",
)
def get_gemeente(code: GEMEENTECODE, indelingsjaar: INDELINGSJAAR = None) -> Any:
    row = areas.gemeente(None, code, indelingsjaar)
    if row is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in dit indelingsjaar.")
    return {
        **gebied(row),
        "wijken": [gebied(w) for w in row["wijken"]],
        "corporaties": [corporatie_kort(c) for c in row["corporaties"]],
        "prestatieafspraken": [
            {
                "id": a["afspraak_id"],
                "startjaar": a["startjaar"],
                "eindjaar": a["eindjaar"],
                "partijen": a["partijen"],
            }
            for a in row["prestatieafspraken"]
        ],
    }


@router.get(
    "/{code}/buurten",
    summary="Buurten van een gemeente",
    description="De buurten van een gemeente met inwoners en woningvoorraad, per pagina (zonder totaal).",
    response_model=BuurtenPagina,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    operation_id="listGemeenteBuurten",
)
def list_buurten(
    request: Request,
    code: GEMEENTECODE,
    indelingsjaar: INDELINGSJAAR = None,
    page: Paginering = Depends(paginering),
) -> Any:
    rows = areas.buurten_van_gemeente(None, code, indelingsjaar, page.offset, page.limit)
    if rows is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in dit indelingsjaar.")
    return hal_page(request, "buurten", [gebied(r) for r in rows], page)


@router.get(
    "/{code}/buurtkamers",
    summary="Buurtkamers van een gemeente",
    description="De buurtkamers en ontmoetingsplekken in een gemeente (R5), op naam, per pagina (zonder "
    "totaal): buurt en adres, geopend en gesloten, of ze vandaag open zijn, jaarkosten en wie betaalt, bereik "
    "(bezoekers en activiteiten per jaar, als gemeld) en partners met wat ze inbrengen. Ook gesloten "
    "buurtkamers staan erin.",
    response_model=BuurtkamersPagina,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    operation_id="listGemeenteBuurtkamers",
)
def list_buurtkamers(request: Request, code: GEMEENTECODE, page: Paginering = Depends(paginering)) -> Any:
    rows = buurtkamers.van_gemeente(None, code, page.offset, page.limit)
    if rows is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    return hal_page(request, "buurtkamers", [buurtkamer(r) for r in rows], page)


@router.get(
    "/{code}/grenzen",
    summary="Grenzen van de wijken of buurten van een gemeente",
    description="GeoJSON FeatureCollection van de wijken (standaard) of buurten van een gemeente, met "
    "kerncijfers als properties. CRS84, of RD (EPSG:28992) op verzoek.",
    response_class=JSONResponse,
    responses={200: {"content": {"application/geo+json": {}}, "description": "GeoJSON FeatureCollection."}},
    operation_id="getGemeenteGrenzen",
)
def get_grenzen(
    code: GEMEENTECODE,
    niveau: Annotated[
        Literal["wijk", "buurt"], Query(description="Welke deelgebieden: wijk of buurt.")
    ] = "wijk",
    indelingsjaar: INDELINGSJAAR = None,
    crs: str = Depends(crs_keuze),
) -> Any:
    data = areas.deelgebied_grenzen(None, code, niveau, indelingsjaar)
    if data is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in dit indelingsjaar.")
    return geojson_response(
        data, source_crs=CRS84, target_crs=crs, key=("grenzen", code, niveau, indelingsjaar)
    )


class Besteding(BaseModel):
    jaar: int
    besteed: float = Field(description="In dat jaar besteed deel van de rijksbijdrage, in euro.")


class Uitvoeringsplan(BaseModel):
    particulier: int = Field(description="Adressen in particuliere voorraad in het plan.")
    corporatie: int = Field(description="Adressen in corporatievoorraad in het plan.")
    complexen: int = Field(description="Corporatiecomplexen waarin die adressen liggen.")
    metAdressen: bool = Field(description="Het plan noemt zijn adressen (concreet tot op complexniveau).")
    soort: str = Field(description="Het plan zoals de gemeente het opgaf: per_complex, per_gebied of geen.")


class VhfBijdrage(BaseModel):
    kenmerk: str = Field(examples=["VHF-2023-017"])
    ronde: int = Field(description="Jaar van de aanvraagronde.")
    rondeBeschikbaar: float | None = Field(
        None, description="Wat de ronde landelijk beschikbaar stelde (euro)."
    )
    gebied: str
    rijksbijdrage: float = Field(description="Toegekende rijksbijdrage in euro.")
    cofinanciering: float = Field(description="Cofinanciering in euro.")
    aantalWoningen: int | None = Field(None, description="Aantal woningen dat wordt aangepakt.")
    besteed: float = Field(description="Besteed tot en met het jaar van de peildatum, in euro.")
    bestedingen: list[Besteding]
    uitvoeringsplan: Uitvoeringsplan
    betrokkenPartijen: list[Partij]


class VhfTotaal(BaseModel):
    rijksbijdrage: float
    cofinanciering: float
    besteed: float
    plannenMetAdressen: int
    plannenZonderAdressen: int
    adressenParticulier: int
    adressenCorporatie: int
    complexen: int


class Volkshuisvestingsfonds(BaseModel):
    gemeentecode: str = Field(examples=["GM0363"])
    peildatum: date
    totaal: VhfTotaal
    bijdragen: list[VhfBijdrage]
    bestedingPerJaar: list[Besteding]


@router.get(
    "/{code}/volkshuisvestingsfonds",
    summary="Volkshuisvestingsfonds van een gemeente",
    description="De bijdragen die de gemeente uit het Volkshuisvestingsfonds kreeg, per ronde (met wat de "
    "ronde landelijk beschikbaar stelde): rijksbijdrage, cofinanciering, besteding per jaar, het "
    "uitvoeringsplan (adressen in particuliere en corporatievoorraad, complexen) en de betrokken partijen. "
    "Zelfde cijfers als de pagina van de gemeente; de landelijke beoordeling (R7) staat onder /monitor.",
    response_model=Volkshuisvestingsfonds,
    response_model_exclude_none=True,
    operation_id="getGemeenteVolkshuisvestingsfonds",
)
def get_volkshuisvestingsfonds(code: GEMEENTECODE) -> Any:
    found = vhf.gemeente(None, code)
    if found is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    t = found["totaal"]
    return {
        "gemeentecode": found["gemeentecode"],
        "peildatum": found["peildatum"],
        "totaal": {
            "rijksbijdrage": t["bedrag"],
            "cofinanciering": t["cofinanciering"],
            "besteed": t["besteed"],
            "plannenMetAdressen": t["plannen_met_adressen"],
            "plannenZonderAdressen": t["plannen_zonder_adressen"],
            "adressenParticulier": t["particulier"],
            "adressenCorporatie": t["corporatie"],
            "complexen": t["complexen"],
        },
        "bijdragen": [
            {
                "kenmerk": b["bijdrage_id"],
                "ronde": b["ronde"],
                "rondeBeschikbaar": b["ronde_beschikbaar"],
                "gebied": b["gebied"],
                "rijksbijdrage": b["bedrag"],
                "cofinanciering": b["cofinanciering"],
                "aantalWoningen": b["aantal_woningen"],
                "besteed": b["besteed"],
                "bestedingen": b["bestedingen"],
                "uitvoeringsplan": {
                    "particulier": b["plan"]["particulier"],
                    "corporatie": b["plan"]["corporatie"],
                    "complexen": b["plan"]["complexen"],
                    "metAdressen": b["plan"]["met_adressen"],
                    "soort": b["uitvoeringsplan"],
                },
                "betrokkenPartijen": b["partijen"],
            }
            for b in found["bijdragen"]
        ],
        "bestedingPerJaar": found["per_jaar"],
    }


@router.get(
    "/{code}/geld-en-resultaat",
    summary="Geld en resultaat in een gemeente (R2, R5)",
    description="Per thema het extra geld dat de corporaties in het nieuwste jaar met investeringen in deze "
    "gemeente besteedden (hun extra, verdeeld naar waar zij het geld besteedden), naast wat de gemeente zelf "
    "investeerde (telt niet mee voor de landelijke afspraken). Voor de risico's van R2 ook hoeveel woningen "
    "met dat risico het binnen het jaar opgelost kregen.",
    response_model=GeldEnResultaat,
    operation_id="getGemeenteGeldEnResultaat",
)
def get_geld_en_resultaat(code: GEMEENTECODE) -> Any:
    if areas.gemeente(None, code) is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    return geld_en_resultaat(investments.gemeente(None, code))


@router.get(
    "/{code}/herstructureringsplannen",
    summary="Herstructureringsplannen van een gemeente (R3, R8)",
    description="De herstructureringsplannen onder regie van de gemeente, per pagina: gebied, jaren en "
    "status, de aantallen woningen die worden gesloopt, gerenoveerd en gebouwd, de woningmix (sociale huur, "
    "middenhuur, koop) voor en na, de verduurzaming, en per voorraad de complexen van corporaties en de "
    "particuliere woningen in het plan.",
    response_model=HerstructureringsplannenPagina,
    response_model_by_alias=True,
    operation_id="listGemeenteHerstructureringsplannen",
)
def list_herstructureringsplannen(
    request: Request, code: GEMEENTECODE, page: Paginering = Depends(paginering)
) -> Any:
    if areas.gemeente(None, code) is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    plans = restructuring.gemeente(None, code)[page.offset : page.offset + page.limit]
    return hal_page(request, "herstructureringsplannen", [herstructureringsplan(p) for p in plans], page)


@router.get(
    "/{code}/rapport",
    summary="Rapport van een gemeente (PDF of XLSX)",
    description='Het rapport "Stand van de afspraken" van een gemeente: de beoordelingen met hun toelichting, '
    'de tabellen van "Een thuis voor iedereen" (kleine aantallen onderdrukt, net als op de website), de '
    "bronnen met hun peiljaar en een colofon. Als toegankelijke PDF (PDF/UA-1, A4) of als Excel-werkmap "
    "(XLSX, een blad per onderwerp). Zelfde cijfers als de pagina van de gemeente.",
    response_class=Response,
    responses=RESPONSES,
    operation_id="getGemeenteRapport",
)
def get_rapport(code: GEMEENTECODE, formaat: FORMAAT = "pdf", peildatum: PEILDATUM = None) -> Any:
    # A plain def: rendering takes seconds and runs in the thread pool, never on the event loop.
    return rapport_response(lambda: reports.gemeente_rapport(None, code, formaat, peildatum))
