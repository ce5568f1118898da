"""``/buurten/{code}``: one neighbourhood with inhabitants, registered crimes and dwellings; its buurtkamers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.models import BUURTCODE, INDELINGSJAAR, Buurt, BuurtkamersPagina, buurtkamer, gebied
from leefbaar.api.pagination import Paginering, hal_page, paginering
from leefbaar.api.problems import problem_response
from leefbaar.services import areas, buurtkamers

router = APIRouter(
    prefix="/buurten", tags=["gebieden"], dependencies=[Depends(voorwaardelijk)], responses=NOT_MODIFIED
)


@router.get(
    "/{code}",
    summary="Eén buurt",
    response_model=Buurt,
    response_model_exclude_none=True,
    operation_id="getBuurt",
)
def get_buurt(code: BUURTCODE, indelingsjaar: INDELINGSJAAR = None) -> Any:
    row = areas.buurt(None, code, indelingsjaar)
    if row is None:
        return problem_response(404, f"Buurt {code} bestaat niet in dit indelingsjaar.")
    return gebied(row)


@router.get(
    "/{code}/buurtkamers",
    summary="Buurtkamers van een buurt",
    description="De buurtkamers en ontmoetingsplekken in een buurt (R5), op naam, per pagina (zonder totaal); "
    "dezelfde gegevens als bij de gemeente.",
    response_model=BuurtkamersPagina,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    operation_id="listBuurtBuurtkamers",
)
def list_buurtkamers(request: Request, code: BUURTCODE, page: Paginering = Depends(paginering)) -> Any:
    rows = buurtkamers.van_buurt(None, code, page.offset, page.limit)
    if rows is None:
        return problem_response(404, f"Buurt {code} bestaat niet in de nieuwste gebiedsindeling.")
    return hal_page(request, "buurtkamers", [buurtkamer(r) for r in rows], page)
