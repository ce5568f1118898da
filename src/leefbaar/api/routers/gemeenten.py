"""``/gemeenten``: municipalities per CBS division year (indelingsjaar).

The data comes from the services layer, which is being built; until then the collection is empty
and every single gemeente is a 404. The service calls to wire are marked ``WIRE:``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from leefbaar.api.pagination import HalPage, Paginering, hal_page, paginering
from leefbaar.api.problems import problem_response
from leefbaar.domain.regions import CODE_PATTERNS, Niveau

router = APIRouter(prefix="/gemeenten", tags=["gebieden"])

GEMEENTECODE = Annotated[
    str,
    Path(
        pattern=f"^{CODE_PATTERNS[Niveau.GEMEENTE]}$",
        description="CBS-gemeentecode, bijvoorbeeld GM0363.",
        examples=["GM0363"],
    ),
]
INDELINGSJAAR = Annotated[
    int | None,
    Query(ge=1900, le=2100, description="Jaar van de CBS-gebiedsindeling; standaard het nieuwste jaar."),
]


class Gemeente(BaseModel):
    code: str = Field(description="CBS-gemeentecode.", examples=["GM0363"])
    naam: str = Field(description="Naam van de gemeente.", examples=["Amsterdam"])
    indelingsjaar: int = Field(description="Jaar van de CBS-gebiedsindeling.", examples=[2024])


class GemeentenPagina(HalPage[Gemeente]):
    """One page of gemeenten: ``_embedded.gemeenten`` and ``_links``."""


def _gemeenten(indelingsjaar: int | None, page: Paginering) -> list[dict[str, Any]]:
    # WIRE: leefbaar.services.gebieden.gemeenten(indelingsjaar=..., offset=page.offset, limit=page.limit)
    return []


def _gemeente(code: str, indelingsjaar: int | None) -> dict[str, Any] | None:
    # WIRE: leefbaar.services.gebieden.gemeente(code, indelingsjaar=...)
    return None


@router.get(
    "",
    summary="Gemeenten",
    description="Alle gemeenten van een indelingsjaar, per pagina (zonder totaal).",
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
    return hal_page(request, "gemeenten", _gemeenten(indelingsjaar, page), page)


@router.get(
    "/{code}",
    summary="Eén gemeente",
    response_model=Gemeente,
    operation_id="getGemeente",
)
def get_gemeente(code: GEMEENTECODE, indelingsjaar: INDELINGSJAAR = None) -> Any:
    gemeente = _gemeente(code, indelingsjaar)
    if gemeente is None:
        return problem_response(404, f"Gemeente {code} bestaat niet in dit indelingsjaar.")
    return gemeente
