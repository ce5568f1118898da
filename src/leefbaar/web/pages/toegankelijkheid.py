"""``/toegankelijkheid``: the accessibility statement (toegankelijkheidsverklaring)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.templating import render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])


@router.get("/toegankelijkheid", response_class=HTMLResponse)
def toegankelijkheid(request: Request) -> HTMLResponse:
    return render(request, "toegankelijkheid.html")
