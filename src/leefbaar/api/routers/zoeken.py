"""``/zoeken?q=``: find gemeenten, wijken, buurten and corporaties by name, alternative name or code."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.services import search

router = APIRouter(tags=["zoeken"], dependencies=[Depends(voorwaardelijk)], responses=NOT_MODIFIED)


class Zoekresultaat(BaseModel):
    soort: Literal["gemeente", "wijk", "buurt", "corporatie"]
    code: str = Field(description="CBS-code (GM, WK, BU) of corporatie-id.")
    naam: str = Field(description="De officiële naam.")
    gemeentenaam: str | None = None
    indelingsjaar: int = Field(description="Gebiedsindeling waarin de code bestaat.")
    overeenkomst: Literal["exact", "begin", "bevat", "gelijkend"] = Field(
        description="exact: code of naam gelijk; begin: code, naam of een woord ervan begint met de zoekterm; "
        "bevat: de naam bevat de zoekterm; gelijkend: de naam lijkt erop (trigramgelijkenis)."
    )
    gevondenOp: str | None = Field(
        None, description="De alternatieve naam waarop gevonden werd (Den Haag voor 's-Gravenhage)."
    )
    gelijkenis: float | None = Field(
        None, description="Alleen bij overeenkomst gelijkend: trigramgelijkenis van 0 tot 1 (twee decimalen)."
    )
    pagina: str | None = Field(
        None,
        description="Pad van de webpagina van dit resultaat; ontbreekt bij een code die alleen in een oudere "
        "gebiedsindeling bestaat.",
    )


class Zoekresultaten(BaseModel):
    resultaten: list[Zoekresultaat]


@router.get(
    "/zoeken",
    summary="Zoeken op naam of code",
    description="Hoogstens 25 gemeenten, wijken, buurten en corporaties op naam, bekende andere naam (Den Haag) "
    "of code (GM, WK, BU, met of zonder voorvoegsel, hoofdletters of niet). Eerst exacte treffers, dan namen "
    "die met de zoekterm beginnen, die hem bevatten, en namen die erop lijken (tikfouten); binnen elke groep "
    "gemeenten, corporaties, wijken en buurten, en meer inwoners eerst. Ook bij één exacte treffer komt de "
    "lijst terug.",
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
                "indelingsjaar": h["indelingsjaar"],
                "overeenkomst": h["overeenkomst"],
                "gevondenOp": h["gevonden_op"],
                "gelijkenis": h["gelijkenis"],
                "pagina": h["url"],
            }
            for h in hits
        ]
    }
