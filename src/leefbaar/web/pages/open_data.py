"""``/open-data``: the open datasets with their version and reference date, the files themselves and
their DCAT-AP-NL description (``/open-data/catalogus.jsonld``); see docs/reports.md."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from leefbaar.services import cache, open_data
from leefbaar.services.areas import database_url
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.templating import not_found, render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])


def _basis(request: Request) -> str:
    return str(request.url_for("open_data_pagina")).rstrip("/")


@router.get("/open-data", response_class=HTMLResponse, name="open_data_pagina")
def open_data_pagina(request: Request) -> HTMLResponse:
    url = database_url()
    return render(
        request,
        "open_data.html",
        {"datasets": open_data.datasets(url), "versie": cache.version(url).token},
    )


@router.get("/open-data/catalogus.jsonld")
def catalogus(request: Request) -> Response:
    data = open_data.catalogus(None, _basis(request))
    return Response(json.dumps(data, ensure_ascii=False, indent=2), media_type="application/ld+json")


@router.get("/open-data/{bestand}")
def bestand(request: Request, bestand: str) -> Response:
    d = open_data.dataset(None, bestand)
    if d is None:
        return not_found(request, f"Er is geen open dataset '{bestand}'.")
    return Response(
        d.inhoud,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{d.bestand}"'},
    )
