"""``/leefbaarheid``: how the liveability index is read (its scale, classes, dimensions, indicators)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from leefbaar.services import liveability
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.templating import render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])


@router.get("/leefbaarheid", response_class=HTMLResponse)
def leefbaarheid(request: Request) -> HTMLResponse:
    return render(request, "leefbaarheid.html", {"m": liveability.method()})
