"""``/corporaties``, ``/corporaties/{id}`` and ``/complexen/{id}``: housing associations and their complexes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from leefbaar.services import areas
from leefbaar.web import charts, sections
from leefbaar.web.templating import not_found, render

router = APIRouter()


@router.get("/corporaties", response_class=HTMLResponse)
def corporaties(request: Request) -> HTMLResponse:
    return render(request, "corporaties.html", {"corporaties": areas.corporaties()})


@router.get("/corporaties/{partij_id}", response_class=HTMLResponse)
def corporatie(request: Request, partij_id: str) -> HTMLResponse:
    c = areas.corporatie(None, partij_id.upper()[:12])
    if c is None:
        return not_found(request, f"Corporatie {partij_id} bestaat niet.")
    bars = [charts.Bar(f"{r['score'] or '–'} {r['oordeel']}", float(r["woningen"])) for r in c["conditie"]]
    grafiek = charts.bar_chart("grafiek-conditie", "Woningen naar NEN 2767-conditie van hun complex", bars)
    return render(
        request,
        "corporatie.html",
        {"c": c, "grafiek": grafiek, "monitor": sections.monitor_run(f"corporatie:{c['id']}")},
    )


@router.get("/complexen/{complex_id}", response_class=HTMLResponse)
def complex_(request: Request, complex_id: str) -> HTMLResponse:
    c = areas.complex_(None, complex_id[:40])
    if c is None:
        return not_found(request, f"Complex {complex_id} bestaat niet.")
    return render(request, "complex.html", {"c": c})
