"""``/zoeken?q=``: search areas, parties and agreements by name or code."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from leefbaar.web.templating import render

router = APIRouter()

MAX_QUERY_LENGTH = 100


@router.get("/zoeken", response_class=HTMLResponse)
def zoeken(request: Request, q: str = Query("", max_length=MAX_QUERY_LENGTH)) -> HTMLResponse:
    term = q.strip()
    # WIRE: leefbaar.services.zoeken.zoek(term) -> [(soort, naam, code, url)]
    resultaten: list[dict[str, str]] = []
    return render(request, "zoeken.html", {"q": term, "resultaten": resultaten})
