"""``/gemeenten/{code}``: a municipality: key figures, map of its wijken/buurten, agreements, housing."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from leefbaar.domain.housing import SOCIALE_HUUR_DEFINITIE
from leefbaar.domain.regions import Niveau, is_valid_code
from leefbaar.services import agreements, areas, buurtkamers, reports, vhf
from leefbaar.web import charts, sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.downloads import rapport_download
from leefbaar.web.lists import Kolom, sort_and_filter
from leefbaar.web.pages.bijhouden import kan_bijhouden
from leefbaar.web.security import huidig_account
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
            "vhf": vhf.gemeente(None, code),
            "inv": sections.geld_en_resultaat("gemeente", code),
            "buurtkamers": buurtkamers.overzicht(buurtkamers.van_gemeente(None, code) or []),
            "herstructurering": sections.herstructurering(code),
            "kan_bijhouden": kan_bijhouden(request, code),
            "sociale_huur_definitie": SOCIALE_HUUR_DEFINITIE,
            "kan_opstellen": agreements.may_write(
                huidig_account(request), nationaal=False, gemeentecode=code
            ),
        },
    )


BUURT_KOLOMMEN = (
    Kolom("naam", "Buurt"),
    Kolom("code", "Code"),
    Kolom("inwoners", "Inwoners", numeriek=True),
    Kolom("woningen", "Woningen", numeriek=True),
    Kolom("sociaal_pct", "Aandeel sociale huur", numeriek=True),
    Kolom("leefbaarheid", "Leefbaarheid", numeriek=True),
)


@router.get("/gemeenten/{code}/buurten", response_class=HTMLResponse)
def gemeente_buurten(
    request: Request,
    code: str,
    sorteer: str | None = Query(None, max_length=20),
    richting: str | None = Query(None, max_length=2),
    zoek: str | None = Query(None, max_length=200),
) -> HTMLResponse:
    code = code.upper()
    g = areas.gemeente(None, code) if is_valid_code(Niveau.GEMEENTE, code) else None
    if g is None:
        return not_found(request, f"Gemeente {code} bestaat niet in de nieuwste gebiedsindeling.")
    scores = areas.leefbaarheid(None, [b["code"] for b in g["buurten"]])
    rows = [{**b, "leefbaarheid": scores.get(b["code"])} for b in g["buurten"]]
    pad = f"/gemeenten/{code}/buurten"
    lijst = sort_and_filter(rows, BUURT_KOLOMMEN, pad, sorteer, richting, zoek, ("naam", "code"))
    return render(
        request, "gemeente_buurten.html", {"g": g, "lijst": lijst, "met_leefbaarheid": bool(scores)}
    )


@router.get("/gemeenten/{code}/rapport.pdf", response_class=Response)
def gemeente_rapport_pdf(request: Request, code: str) -> Response:
    return rapport_download(request, lambda: reports.gemeente_rapport(None, code, "pdf"))


@router.get("/gemeenten/{code}/rapport.xlsx", response_class=Response)
def gemeente_rapport_xlsx(request: Request, code: str) -> Response:
    return rapport_download(request, lambda: reports.gemeente_rapport(None, code, "xlsx"))
