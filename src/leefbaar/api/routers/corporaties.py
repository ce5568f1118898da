"""``/corporaties``: housing associations, their stock by condition and the 5/6 list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.downloads import FORMAAT, PEILDATUM, RESPONSES, rapport_response
from leefbaar.api.models import (
    Corporatie,
    CorporatieKort,
    GeldEnResultaat,
    corporatie,
    corporatie_kort,
    geld_en_resultaat,
)
from leefbaar.api.pagination import HalPage, Paginering, hal_page, paginering
from leefbaar.api.problems import problem_response
from leefbaar.services import areas, investments, reports

router = APIRouter(
    prefix="/corporaties",
    tags=["corporaties"],
    dependencies=[Depends(voorwaardelijk)],
    responses=NOT_MODIFIED,
)

CORPORATIE_ID = Annotated[
    str, Path(pattern="^[A-Za-z0-9]{1,12}$", description="Kenmerk van de corporatie.", examples=["L0001"])
]


class CorporatiesPagina(HalPage[CorporatieKort]):
    """One page of corporaties: ``_embedded.corporaties`` and ``_links``."""


@router.get(
    "",
    summary="Corporaties",
    description="Alle woningcorporaties met hun voorraad, per pagina (zonder totaal).",
    response_model=CorporatiesPagina,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    operation_id="listCorporaties",
)
def list_corporaties(request: Request, page: Paginering = Depends(paginering)) -> dict[str, Any]:
    rows = areas.corporaties(offset=page.offset, limit=page.limit)
    return hal_page(request, "corporaties", [corporatie_kort(r) for r in rows], page)


@router.get(
    "/{id}",
    summary="Eén corporatie",
    description="Voorraad naar NEN 2767-conditie, de complexen met conditie 5 of 6 (met de uitzondering "
    "voor een concreet sloopplan) en de investeringen per jaar en thema.",
    response_model=Corporatie,
    response_model_exclude_none=True,
    operation_id="getCorporatie",
)
def get_corporatie(id: CORPORATIE_ID) -> Any:
    row = areas.corporatie(None, id)
    if row is None:
        return problem_response(404, f"Corporatie {id} bestaat niet.")
    return corporatie(row)


@router.get(
    "/{id}/geld-en-resultaat",
    summary="Geld en resultaat van een corporatie (R2, R5)",
    description="Per thema het extra geld van de corporatie in het nieuwste jaar met investeringen: wat zij "
    "besteedde, haar basislijn (reguliere uitgaven in een referentiejaar) en het extra daarboven; zonder "
    "basislijn het extra dat zij zelf opgaf. Voor de risico's van R2 ook hoeveel woningen met dat risico "
    "het binnen het jaar opgelost kregen (uit het gebrekenregister).",
    response_model=GeldEnResultaat,
    operation_id="getCorporatieGeldEnResultaat",
)
def get_geld_en_resultaat(id: CORPORATIE_ID) -> Any:
    if areas.corporatie(None, id) is None:
        return problem_response(404, f"Corporatie {id} bestaat niet.")
    return geld_en_resultaat(investments.corporatie(None, id))


@router.get(
    "/{id}/rapport",
    summary="Rapport van een corporatie (PDF of XLSX)",
    description='Het rapport "Stand van de afspraken" van een corporatie: voorraad en NEN 2767-conditie, de '
    "complexen in conditie 5 of 6, de beoordelingen met hun toelichting, de investeringen, de bronnen en "
    "een colofon. Als toegankelijke PDF (PDF/UA-1, A4) of als Excel-werkmap (XLSX).",
    response_class=Response,
    responses=RESPONSES,
    operation_id="getCorporatieRapport",
)
def get_rapport(id: CORPORATIE_ID, formaat: FORMAAT = "pdf", peildatum: PEILDATUM = None) -> Any:
    # A plain def: rendering takes seconds and runs in the thread pool, never on the event loop.
    return rapport_response(lambda: reports.corporatie_rapport(None, id, formaat, peildatum))
