"""``/toegankelijkheid``: the accessibility statement (toegankelijkheidsverklaring)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from leefbaar.web.templating import render

router = APIRouter()


@router.get("/toegankelijkheid", response_class=HTMLResponse)
def toegankelijkheid(request: Request) -> HTMLResponse:
    return render(request, "toegankelijkheid.html")
