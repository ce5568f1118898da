"""``/``: the national overview (Landelijk overzicht): map of municipalities and national commitments."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from leefbaar.services import areas, reports
from leefbaar.web import sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.downloads import rapport_download
from leefbaar.web.templating import render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])

#: Where the map gets its GeoJSON: the public API (same origin, so allowed by the page's CSP).
GEMEENTEGRENZEN_URL = "/api/v1/gemeentegrenzen"


@router.get("/", response_class=HTMLResponse)
def landelijk(request: Request) -> HTMLResponse:
    gemeenten = areas.gemeenten()
    return render(
        request,
        "landelijk.html",
        {
            "gemeenten": gemeenten,
            "indicatoren": areas.KAART_INDICATOREN,
            "kaart_geojson_url": GEMEENTEGRENZEN_URL if gemeenten else None,
            "monitor": sections.monitor_run("nationaal"),
            "status_kaart": sections.status_kaart() if gemeenten else None,
        },
    )


@router.get("/rapport.pdf", response_class=Response)
def nationaal_rapport_pdf(request: Request) -> Response:
    return rapport_download(request, lambda: reports.nationaal_rapport(None, "pdf"))


@router.get("/rapport.xlsx", response_class=Response)
def nationaal_rapport_xlsx(request: Request) -> Response:
    return rapport_download(request, lambda: reports.nationaal_rapport(None, "xlsx"))
