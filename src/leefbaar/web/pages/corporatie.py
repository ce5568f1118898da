"""``/corporaties``, ``/corporaties/{id}``, ``/complexen/{id}`` and ``/complexen/{id}/woningen``: housing
associations, their complexes, and a complex's dwellings (in detail only for whom the policy allows)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from leefbaar.domain.housing import R1_MAX_MEETLEEFTIJD_JAREN
from leefbaar.services import areas, dwellings, reports
from leefbaar.web import charts, sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.downloads import rapport_download
from leefbaar.web.lists import Kolom, sort_and_filter
from leefbaar.web.pages.bijhouden import kan_bijhouden
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


@router.get("/corporaties/{partij_id}", response_class=HTMLResponse, dependencies=[Depends(voorwaardelijk)])
def corporatie(request: Request, partij_id: str) -> HTMLResponse:
    c = areas.corporatie(None, partij_id.upper()[:12])
    if c is None:
        return not_found(request, f"Corporatie {partij_id} bestaat niet.")
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
        },
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
