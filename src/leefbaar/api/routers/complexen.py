"""``/complexen/{id}``: one complex of a housing association (id ``<corporatie>-<complexnummer>``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from leefbaar.api.models import Complex, complex_
from leefbaar.api.problems import problem_response
from leefbaar.services import areas

router = APIRouter(prefix="/complexen", tags=["corporaties"])

COMPLEX_ID = Annotated[
    str,
    Path(
        pattern="^[A-Za-z0-9]{1,12}-[A-Za-z0-9._-]{1,20}$",
        description="Corporatie en complexnummer, gescheiden door een streepje.",
        examples=["L0001-1001"],
    ),
]


@router.get(
    "/{id}",
    summary="Eén complex",
    description="Woningen, de laatste conditiescore per bouwdeel, plannen en gebreken van een complex.",
    response_model=Complex,
    response_model_exclude_none=True,
    operation_id="getComplex",
)
def get_complex(id: COMPLEX_ID) -> Any:
    row = areas.complex_(None, id)
    if row is None:
        return problem_response(404, f"Complex {id} bestaat niet.")
    return complex_(row)
