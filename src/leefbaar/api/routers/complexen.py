"""``/complexen/{id}``: one complex of a housing association (id ``<corporatie>-<complexnummer>``), and
``/complexen/{id}/woningen``: its dwellings, for those the access policy allows (docs/privacy.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.models import Complex, Woning, complex_, woning
from leefbaar.api.pagination import HalPage, Paginering, hal_page, paginering
from leefbaar.api.problems import problem_response
from leefbaar.api.security import AUTH_RESPONSES, ApiIdentiteit, scope_vereist
from leefbaar.services import areas, dwellings
from leefbaar.services.accounts import Scope

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
    dependencies=[Depends(voorwaardelijk)],
    responses=NOT_MODIFIED,
)
def get_complex(id: COMPLEX_ID) -> Any:
    row = areas.complex_(None, id)
    if row is None:
        return problem_response(404, f"Complex {id} bestaat niet.")
    return complex_(row)


class WoningenPagina(HalPage[Woning]):
    """One page of dwellings: ``_embedded.woningen`` and ``_links``."""


@router.get(
    "/{id}/woningen",
    summary="Woningen van een complex",
    description="De huidige woningen van een complex met BAG-id, adres, huursegment, energielabel, bouwjaar "
    "en open gebreken, per pagina (zonder totaal), op adres. Niet openbaar: de corporatie die eigenaar is "
    "ziet haar eigen woningen; een gemeente ziet de woningen in haar eigen grondgebied, alleen onder een "
    "deelovereenkomst met de eigenaar voor woninggegevens. Anderen krijgen 403; de aantallen per "
    "huursegment en energielabel staan openbaar bij /complexen/{id}.",
    response_model=WoningenPagina,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    responses=AUTH_RESPONSES,
    operation_id="listComplexWoningen",
)
def list_complex_woningen(
    request: Request,
    id: COMPLEX_ID,
    page: Paginering = Depends(paginering),
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.LEZEN)),
) -> Any:
    found = dwellings.complex_woningen(None, identiteit.account, id, offset=page.offset, limit=page.limit)
    if found is None:
        return problem_response(404, f"Complex {id} bestaat niet.")
    if not found.detail:
        reden = found.reden[0].upper() + found.reden[1:]
        return problem_response(
            403,
            f"{reden}. De woningen zelf: {dwellings.ALLEEN_AANTALLEN}; de aantallen staan bij "
            f"/complexen/{id}.",
        )
    return hal_page(request, "woningen", [woning(w) for w in found.woningen], page)
