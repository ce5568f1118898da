"""``/buurten/{code}``: a neighbourhood: key figures, dwellings, liveability index and its trend, buurtkamers."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from leefbaar.domain.regions import Niveau, is_valid_code
from leefbaar.services import areas, buurtkamers
from leefbaar.web import charts, sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.pages.gemeente import woningen_grafiek
from leefbaar.web.templating import not_found, render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])


@router.get("/buurten/{code}", response_class=HTMLResponse)
def buurt(request: Request, code: str) -> HTMLResponse:
    code = code.upper()
    b = areas.buurt(None, code) if is_valid_code(Niveau.BUURT, code) else None
    if b is None:
        return not_found(request, f"Buurt {code} bestaat niet in de nieuwste gebiedsindeling.")
    leefbaarheid = sections.leefbaarheid(code, b["indelingsjaar"])
    if leefbaarheid and leefbaarheid.get("trend"):
        points = [(str(jaar), score) for jaar, score in leefbaarheid["trend"]]
        leefbaarheid = {
            **leefbaarheid,
            "trendgrafiek": charts.line_chart(
                "grafiek-trend",
                f"Leefbaarheidsindex van {b['naam']} per jaar",
                [charts.Series("Index", points)],
            ),
        }
    return render(
        request,
        "buurt.html",
        {
            "b": b,
            "grafiek": woningen_grafiek("grafiek-woningen", b),
            "leefbaarheid": leefbaarheid,
            "buurtkamers": buurtkamers.overzicht(buurtkamers.van_buurt(None, code) or []),
        },
    )
