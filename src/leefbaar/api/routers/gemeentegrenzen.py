"""``/gemeentegrenzen``: the boundaries of all municipalities as GeoJSON (for the national map).

The collection is the same for every visitor until an import lands, so the service keeps it and the
encoded body (and its gzip form) per data version, and the answer carries an ETag and Last-Modified
derived from that version: a browser that has it gets a 304.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse

from leefbaar.api.geo import CRS84, crs_keuze, geojson_response
from leefbaar.api.models import INDELINGSJAAR
from leefbaar.services import areas

router = APIRouter(tags=["gebieden"])


@router.get(
    "/gemeentegrenzen",
    summary="Grenzen van alle gemeenten",
    description="GeoJSON FeatureCollection van de gemeenten van een indelingsjaar (gegeneraliseerd), met "
    "inwoners, woningen, aandeel sociale huur en aandeel corporatiewoningen als properties. CRS84, of RD "
    "(EPSG:28992) op verzoek. Het antwoord heeft een ETag; stuur die terug in If-None-Match en u krijgt "
    "304 zolang de gegevens niet veranderd zijn.",
    response_class=JSONResponse,
    responses={
        200: {"content": {"application/geo+json": {}}, "description": "GeoJSON FeatureCollection."},
        304: {"description": "Niet gewijzigd: de versie met deze ETag is nog actueel."},
    },
    operation_id="getGemeentegrenzen",
)
def get_gemeentegrenzen(
    indelingsjaar: INDELINGSJAAR = None,
    crs: str = Depends(crs_keuze),
    if_none_match: Annotated[
        str | None,
        Header(alias="If-None-Match", description="ETag van een eerder antwoord (voorwaardelijk verzoek)."),
    ] = None,
) -> Any:
    # If-None-Match is named above for the OpenAPI document; the GeoJSON response reads it (and
    # Accept-Encoding) from the request itself, as it does for every route that returns geometry.
    data = areas.gemeente_grenzen(jaar=indelingsjaar)
    return geojson_response(data, source_crs=CRS84, target_crs=crs, key=("gemeentegrenzen", indelingsjaar))
