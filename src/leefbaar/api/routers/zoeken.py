"""``/zoeken?q=``: find gemeenten, wijken, buurten and corporaties by name or code."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from leefbaar.services import search

router = APIRouter(tags=["zoeken"])


class Zoekresultaat(BaseModel):
    soort: str = Field(description="gemeente, wijk, buurt of corporatie.")
    code: str
    naam: str
    gemeentenaam: str | None = None
    pagina: str = Field(description="Pad van de webpagina van dit resultaat.")


class Zoekresultaten(BaseModel):
    resultaten: list[Zoekresultaat]


@router.get(
    "/zoeken",
    summary="Zoeken op naam of code",
    description="Hoogstens 25 gemeenten, wijken, buurten en corporaties; eerst exacte codes, dan namen die "
    "met de zoekterm beginnen.",
    response_model=Zoekresultaten,
    response_model_exclude_none=True,
    operation_id="zoeken",
)
def zoeken(
    q: Annotated[str, Query(min_length=2, max_length=search.MAX_TERM_LENGTH, description="Naam of code.")],
) -> dict[str, Any]:
    hits = search.zoek(q)
    return {
        "resultaten": [
            {
                "soort": h["soort"],
                "code": h["code"],
                "naam": h["naam"],
                "gemeentenaam": h["gemeentenaam"],
                "pagina": h["url"],
            }
            for h in hits
        ]
    }
