"""``/``: the national overview (Landelijk overzicht): map of municipalities and national commitments."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from leefbaar.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def landelijk(request: Request) -> HTMLResponse:
    # WIRE: leefbaar.services.monitor.landelijk_overzicht(peildatum=...) -> commitments with status/trend,
    # and a GeoJSON URL for the municipality map; until then the page shows its empty states.
    return render(request, "landelijk.html", {"afspraken": [], "kaart_geojson_url": None})
