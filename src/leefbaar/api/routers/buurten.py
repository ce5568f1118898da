"""``/buurten/{code}``: one neighbourhood with inhabitants, registered crimes and dwellings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.models import BUURTCODE, INDELINGSJAAR, Buurt, gebied
from leefbaar.api.problems import problem_response
from leefbaar.services import areas

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
