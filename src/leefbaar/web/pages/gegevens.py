"""``/gegevens``: data sources, completeness per source and year, and (later) file upload."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from leefbaar.web.templating import render

router = APIRouter()


@router.get("/gegevens", response_class=HTMLResponse)
def gegevens(request: Request) -> HTMLResponse:
    # WIRE: leefbaar.services.gegevens.volledigheid() -> completeness per source and year.
    return render(request, "gegevens.html", {"bronnen": []})
