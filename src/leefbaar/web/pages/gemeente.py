"""``/gemeenten/{code}``: a municipality: key figures, map of its wijken/buurten, agreements, housing."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from leefbaar.domain.regions import Niveau, is_valid_code
from leefbaar.services import areas, reports
from leefbaar.web import charts, sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.downloads import rapport_download
from leefbaar.web.pages.bijhouden import kan_bijhouden
from leefbaar.web.templating import not_found, render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])


def woningen_grafiek(chart_id: str, w: dict[str, object]) -> Markup:
    bars = [
        charts.Bar("Corporatie", float(w["corporatie"])),  # type: ignore[arg-type]
        charts.Bar("Overige huur", float(w["overige_huur"])),  # type: ignore[arg-type]
        charts.Bar("Koop", float(w["koop"])),  # type: ignore[arg-type]
        charts.Bar("Sociale huur", float(w["sociaal"])),  # type: ignore[arg-type]
        charts.Bar("Middenhuur", float(w["midden"])),  # type: ignore[arg-type]
        charts.Bar("Vrije sector", float(w["vrij"])),  # type: ignore[arg-type]
    ]
    return charts.bar_chart(chart_id, "Woningvoorraad naar eigendom en huursegment (aantal woningen)", bars)


@router.get("/gemeenten/{code}", response_class=HTMLResponse)
def gemeente(request: Request, code: str) -> HTMLResponse:
    code = code.upper()
    g = areas.gemeente(None, code) if is_valid_code(Niveau.GEMEENTE, code) else None
    if g is None:
        return not_found(request, f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    kaart_url = None
    if g["kaartniveau"]:
        kaart_url = f"/api/v1/gemeenten/{code}/grenzen?niveau={g['kaartniveau']}"
    return render(
        request,
        "gemeente.html",
        {
            "g": g,
            "kaart_geojson_url": kaart_url,
            "grafiek": woningen_grafiek("grafiek-woningen", g),
            "monitor": sections.monitor_run(f"gemeente:{code}"),
            "thuis": sections.thuis(code, g.get("provinciecode")),
            "kan_bijhouden": kan_bijhouden(request, code),
        },
    )


@router.get("/gemeenten/{code}/buurten", response_class=HTMLResponse)
def gemeente_buurten(request: Request, code: str) -> HTMLResponse:
    code = code.upper()
    g = areas.gemeente(None, code) if is_valid_code(Niveau.GEMEENTE, code) else None
    if g is None:
        return not_found(request, f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    return render(request, "gemeente_buurten.html", {"g": g})


@router.get("/gemeenten/{code}/rapport.pdf", response_class=Response)
def gemeente_rapport_pdf(request: Request, code: str) -> Response:
    return rapport_download(request, lambda: reports.gemeente_rapport(None, code, "pdf"))


@router.get("/gemeenten/{code}/rapport.xlsx", response_class=Response)
def gemeente_rapport_xlsx(request: Request, code: str) -> Response:
    return rapport_download(request, lambda: reports.gemeente_rapport(None, code, "xlsx"))
