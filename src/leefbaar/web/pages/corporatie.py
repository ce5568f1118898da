"""``/corporaties``, ``/corporaties/{id}``, ``/complexen/{id}`` and ``/complexen/{id}/woningen``: housing
associations, their complexes, and a complex's dwellings (in detail only for whom the policy allows).

The association page carries the improvement scenario (what-if for R1 and R2, never a verdict): a GET
form whose fields (``budget``, ``jaren``, ``kostenPerWoning``, ``regel``) are query keys of the page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from leefbaar.domain.housing import R1_MAX_MEETLEEFTIJD_JAREN
from leefbaar.services import areas, dwellings, monitor, reports
from leefbaar.web import charts, sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.downloads import rapport_download
from leefbaar.web.lists import Kolom, sort_and_filter
from leefbaar.web.pages.bijhouden import kan_bijhouden
from leefbaar.web.record_forms import Veld
from leefbaar.web.security import huidig_account
from leefbaar.web.templating import not_found, render

router = APIRouter()

#: Dwellings per page on /complexen/{id}/woningen.
WONINGEN_PER_PAGINA = 50


CORPORATIE_KOLOMMEN = (
    Kolom("naam", "Corporatie"),
    Kolom("id", "Kenmerk"),
    Kolom("complexen", "Complexen", numeriek=True),
    Kolom("woningen", "Woningen", numeriek=True),
)


@router.get("/corporaties", response_class=HTMLResponse, dependencies=[Depends(voorwaardelijk)])
def corporaties(
    request: Request,
    sorteer: str | None = Query(None, max_length=20),
    richting: str | None = Query(None, max_length=2),
    zoek: str | None = Query(None, max_length=200),
) -> HTMLResponse:
    lijst = sort_and_filter(
        areas.corporaties(), CORPORATIE_KOLOMMEN, "/corporaties", sorteer, richting, zoek, ("naam", "id")
    )
    return render(request, "corporaties.html", {"lijst": lijst})


def _scenario(corporatie_id: str, invoer: dict[str, str | None]) -> dict[str, Any]:
    """The scenario section: its form fields (with the visitor's input and a Dutch message per bad field)
    and the scenario, or None when the input is bad."""
    fouten: dict[str, str] = {}
    budget = kosten = jaren = None
    try:
        budget = monitor.parse_amount(invoer["budget"], "budget", "Het budget per jaar")
    except monitor.ScenarioFout as fout:
        fouten.update(fout.fouten)
    try:
        kosten = monitor.parse_amount(invoer["kostenPerWoning"], "kostenPerWoning", "De kosten per woning")
    except monitor.ScenarioFout as fout:
        fouten.update(fout.fouten)
    tekst = (invoer["jaren"] or "").strip()
    if tekst and not tekst.isdigit():
        fouten["jaren"] = "Het aantal jaren moet een geheel getal zijn."
    elif tekst:
        jaren = int(tekst)
    regel = invoer["regel"] or None
    kosten = monitor.STANDAARD_KOSTEN_PER_WONING if kosten is None else kosten
    fouten = {**monitor.input_errors(budget, jaren, kosten, regel), **fouten}
    fouten = {
        veld: fouten[veld] for veld in ("budget", "jaren", "kostenPerWoning", "regel") if veld in fouten
    }
    s = None if fouten else sections.verbeterscenario(corporatie_id, budget, jaren, kosten, regel)

    def veld(naam: str, label: str, uitleg: str, soort: str) -> Veld:
        return Veld(naam, label, uitleg, soort, False, invoer[naam] or "", fout=fouten.get(naam))

    return {
        "s": s,
        "velden": [
            veld(
                "budget",
                "Budget per jaar in euro",
                "Leeg: het eerlijke R2-aandeel van de corporatie in het eerste jaar.",
                "bedrag",
            ),
            veld(
                "jaren",
                "Aantal jaren",
                f"1 tot en met {monitor.SCENARIO_MAX_JAREN}; leeg: tot en met 2030.",
                "getal",
            ),
            veld(
                "kostenPerWoning",
                "Kosten per woning in euro",
                f"Voor complexen zonder vervangingswaarde van bouwdelen in conditie 5 of 6; leeg: "
                f"€ {monitor.STANDAARD_KOSTEN_PER_WONING:,}".replace(",", ".")
                + ".",
                "bedrag",
            ),
        ],
        "regel": regel,
        "regel_fout": fouten.get("regel"),
        "regels": list(monitor.REGEL_NAMEN.items()),
        "fouten": fouten,
    }


@router.get("/corporaties/{partij_id}", response_class=HTMLResponse, dependencies=[Depends(voorwaardelijk)])
def corporatie(
    request: Request,
    partij_id: str,
    budget: str | None = Query(None, max_length=30),
    jaren: str | None = Query(None, max_length=5),
    kosten_per_woning: str | None = Query(None, alias="kostenPerWoning", max_length=30),
    regel: str | None = Query(None, max_length=40),
) -> HTMLResponse:
    c = areas.corporatie(None, partij_id.upper()[:12])
    if c is None:
        return not_found(request, f"Corporatie {partij_id} bestaat niet.")
    scenario = _scenario(
        c["id"], {"budget": budget, "jaren": jaren, "kostenPerWoning": kosten_per_woning, "regel": regel}
    )
    bars = [charts.Bar(f"{r['score'] or '–'} {r['oordeel']}", float(r["woningen"])) for r in c["conditie"]]
    grafiek = charts.bar_chart("grafiek-conditie", "Woningen naar NEN 2767-conditie van hun complex", bars)
    return render(
        request,
        "corporatie.html",
        {
            "c": c,
            "grafiek": grafiek,
            "monitor": sections.monitor_run(f"corporatie:{c['id']}"),
            "r1": sections.r1_complexen(c["id"]),
            "inv": sections.geld_en_resultaat("corporatie", c["id"]),
            "max_meetleeftijd": R1_MAX_MEETLEEFTIJD_JAREN,
            "kan_bijhouden": kan_bijhouden(request, c["id"]),
            "scenario": scenario,
            "scenario_tekst": {
                "geen_oordeel": monitor.SCENARIO_GEEN_OORDEEL,
                "kostenaanname": monitor.SCENARIO_KOSTENAANNAME,
                "r2": monitor.SCENARIO_R2_TOELICHTING,
            },
        },
        status_code=400 if scenario["fouten"] else 200,
    )


@router.get(
    "/corporaties/{partij_id}/rapport.pdf", response_class=Response, dependencies=[Depends(voorwaardelijk)]
)
def corporatie_rapport_pdf(request: Request, partij_id: str) -> Response:
    return rapport_download(request, lambda: reports.corporatie_rapport(None, partij_id, "pdf"))


@router.get(
    "/corporaties/{partij_id}/rapport.xlsx", response_class=Response, dependencies=[Depends(voorwaardelijk)]
)
def corporatie_rapport_xlsx(request: Request, partij_id: str) -> Response:
    return rapport_download(request, lambda: reports.corporatie_rapport(None, partij_id, "xlsx"))


@router.get("/complexen/{complex_id}", response_class=HTMLResponse, dependencies=[Depends(voorwaardelijk)])
def complex_(request: Request, complex_id: str) -> HTMLResponse:
    c = areas.complex_(None, complex_id[:40])
    if c is None:
        return not_found(request, f"Complex {complex_id} bestaat niet.")
    return render(request, "complex.html", {"c": c})


def _pagina(value: str) -> int:
    """The page number from the query; anything that is not a sensible number is page 1."""
    return int(value) if value.isdigit() and 1 <= int(value) <= 100_000 else 1


@router.get("/complexen/{complex_id}/woningen", response_class=HTMLResponse)
def complex_woningen(request: Request, complex_id: str, pagina: str = "1") -> HTMLResponse:
    nummer = _pagina(pagina[:8])
    found = dwellings.complex_woningen(
        None,
        huidig_account(request),
        complex_id[:40],
        offset=(nummer - 1) * WONINGEN_PER_PAGINA,
        limit=WONINGEN_PER_PAGINA + 1,
    )
    if found is None:
        return not_found(request, f"Complex {complex_id} bestaat niet.")
    return render(
        request,
        "complex_woningen.html",
        {
            "w": found,
            "c": found.complex,
            "woningen": found.woningen[:WONINGEN_PER_PAGINA],
            "pagina": nummer,
            "eerste": (nummer - 1) * WONINGEN_PER_PAGINA + 1,
            "volgende": len(found.woningen) > WONINGEN_PER_PAGINA,
            "alleen_aantallen": dwellings.ALLEEN_AANTALLEN,
        },
    )
