"""``/zoeken?q=``: search gemeenten, wijken, buurten and corporaties by name, alternative name or code.

When exactly one hit matches exactly (a code, a name, "Den Haag"), the page opens it straight away
(303 to its page); otherwise it lists the hits, best first.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from leefbaar.services import search
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.templating import render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])

MAX_QUERY_LENGTH = search.MAX_TERM_LENGTH


@router.get("/zoeken", response_class=HTMLResponse)
def zoeken(request: Request, q: str = Query("", max_length=MAX_QUERY_LENGTH)) -> Response:
    term = q.strip()
    resultaten = search.zoek(term) if term else []
    pagina = search.enige_exacte_pagina(resultaten)
    if pagina is not None:
        return RedirectResponse(pagina, status_code=303)
    context = {
        "q": term,
        "resultaten": resultaten,
        "alleen_gelijkend": bool(resultaten) and all(r["overeenkomst"] == "gelijkend" for r in resultaten),
        "voorbeeld": search.voorbeeldcode(),
    }
    return render(request, "zoeken.html", context)
