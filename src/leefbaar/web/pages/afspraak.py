"""``/afspraken``: the stored agreements, one agreement, and a measured commitment's verdicts.

- ``GET /afspraken``: every stored agreement (current version), national first;
- ``GET /afspraken/{id}``: an agreement: parties, measured commitments (linked to their verdicts),
  qualitative commitments with status, evidence and contests, versions and activity; for an account
  that may change it, links to its forms (``afspraak_bewerken``). When ``id``
  is no agreement, or a ``scope`` is given, it is a measured commitment (``toezegging_id``): its
  newest verdict for the scope, status history (chart + table) and evidence drill-down;
- ``GET /afspraken/{id}/yaml?versie=N``: a version as YAML (the agreement file format).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from leefbaar.domain.parties import Rol
from leefbaar.rules.model import AfspraakSoort
from leefbaar.services import agreements
from leefbaar.web import charts, sections
from leefbaar.web.conditional import voorwaardelijk
from leefbaar.web.pages.afspraak_bewerken import MELDINGEN
from leefbaar.web.security import database_url, huidig_account
from leefbaar.web.templating import datum, not_found, render

router = APIRouter(dependencies=[Depends(voorwaardelijk)])


def _zin(text: str) -> str:
    """A Dutch message as a sentence: its first letter upper case (codes such as L0001 stay as they are)."""
    return text[:1].upper() + text[1:]


@router.get("/afspraken", response_class=HTMLResponse)
def afspraken(request: Request) -> HTMLResponse:
    rows = agreements.agreement_list(database_url())
    account = huidig_account(request)
    # a municipality draws up the local agreements it directs; the beheerder any
    opstellen = account is not None and account.rol in (Rol.GEMEENTE, Rol.BEHEERDER)
    return render(
        request, "afspraken.html", {"afspraken": rows, "titel": "Afspraken", "mag_opstellen": opstellen}
    )


@router.get("/afspraken/{toezegging_id}", response_class=HTMLResponse)
def afspraak(
    request: Request,
    toezegging_id: str,
    scope: str | None = Query(None, max_length=60),
    variant: str | None = Query(None, max_length=60),
    melding: str = Query("", max_length=40),
) -> HTMLResponse:
    if scope is None:
        try:
            overzicht = agreements.agreement_overview(database_url(), toezegging_id[:80])
        except agreements.AfspraakNietGevonden:
            pass
        else:
            return _agreement_page(request, overzicht, MELDINGEN.get(melding, ""))
    return _commitment_page(request, toezegging_id, scope or "nationaal", variant)


def _agreement_page(request: Request, overzicht: agreements.AfspraakOverzicht, melding: str) -> HTMLResponse:
    a = overzicht.stored.agreement
    scope = f"gemeente:{a.gemeente.code}" if a.gemeente else "nationaal"
    wijzigen = agreements.may_write(
        huidig_account(request),
        nationaal=a.soort is AfspraakSoort.NATIONAAL,
        gemeentecode=a.gemeente.code if a.gemeente else None,
    )
    return render(
        request,
        "afspraak_detail.html",
        {
            "o": overzicht,
            "a": a,
            "scope": scope,
            "titel": a.titel,
            "melding": melding,
            "mag_wijzigen": wijzigen,
            "herberekening": sections.herberekening(scope),
        },
    )


def _commitment_page(request: Request, toezegging_id: str, scope: str, variant: str | None) -> HTMLResponse:
    try:
        data = sections.afspraak(toezegging_id[:80], scope, variant)
    except ValueError as exc:  # an unknown scope: the monitor's message is Dutch
        return not_found(request, str(exc))
    if data["beoordeling"] is None and data.get("per_gemeente") is not None:
        p = data["per_gemeente"]
        return render(request, "afspraak_gemeenten.html", {"p": p, "titel": p.titel})
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


@router.get("/afspraken/{afspraak_id}/yaml")
def afspraak_yaml(request: Request, afspraak_id: str, versie: int | None = Query(None, ge=1)) -> Response:
    try:
        text = agreements.export_agreement(database_url(), afspraak_id[:80], versie)
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, f"{_zin(str(exc))}.")
    naam = afspraak_id + (f"-versie-{versie}" if versie else "") + ".yaml"
    return Response(
        text,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )
