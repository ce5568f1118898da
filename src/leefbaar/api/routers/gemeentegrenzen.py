"""``/gemeentegrenzen``: the boundaries of all municipalities as GeoJSON (for the national map)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
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
    "(EPSG:28992) op verzoek.",
    response_class=JSONResponse,
    responses={200: {"content": {"application/geo+json": {}}, "description": "GeoJSON FeatureCollection."}},
    operation_id="getGemeentegrenzen",
)
def get_gemeentegrenzen(indelingsjaar: INDELINGSJAAR = None, crs: str = Depends(crs_keuze)) -> Any:
    return geojson_response(areas.gemeente_grenzen(jaar=indelingsjaar), source_crs=CRS84, target_crs=crs)
