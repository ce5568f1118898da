"""``/afspraken/{id}?scope=...``: a commitment's status history (chart + table) and evidence drill-down."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from leefbaar.web import charts, sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.templating import datum, not_found, render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])


@router.get("/afspraken/{toezegging_id}", response_class=HTMLResponse)
def afspraak(
    request: Request,
    toezegging_id: str,
    scope: str = Query("nationaal", max_length=60),
    variant: str | None = Query(None, max_length=60),
) -> HTMLResponse:
    try:
        data = sections.afspraak(toezegging_id[:80], scope, variant)
    except ValueError as exc:  # an unknown scope: the monitor's message is Dutch
        return not_found(request, str(exc))
    if data["beoordeling"] is None:
        return not_found(
            request, f"Voor afspraak {toezegging_id} is geen beoordeling voor {scope} opgeslagen."
        )
    b = data["beoordeling"]
    grafiek = None
    if data["historie"]:
        labels = [datum(p.peildatum) for p in data["historie"]]
        grafiek = charts.line_chart(
            "grafiek-verloop",
            f"Verloop van {b.titel}",
            [
                charts.Series("Waarde", list(zip(labels, [p.waarde for p in data["historie"]], strict=True))),
                charts.Series("Doel", list(zip(labels, [p.doel for p in data["historie"]], strict=True))),
            ],
        )
    return render(request, "afspraak.html", {"a": data, "b": b, "grafiek": grafiek, "titel": b.titel})
