"""``/zoeken?q=``: search gemeenten, wijken, buurten and corporaties by name or code."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from leefbaar.services import search
from leefbaar.web.templating import render

router = APIRouter()

MAX_QUERY_LENGTH = search.MAX_TERM_LENGTH


@router.get("/zoeken", response_class=HTMLResponse)
def zoeken(request: Request, q: str = Query("", max_length=MAX_QUERY_LENGTH)) -> HTMLResponse:
    term = q.strip()
    return render(request, "zoeken.html", {"q": term, "resultaten": search.zoek(term) if term else []})
