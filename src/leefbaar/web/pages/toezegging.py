"""A qualitative commitment at work, evidence documents and activity feeds.

- ``GET /afspraken/{id}/toezeggingen/{tid}``: the commitment's status per responsible party, its
  evidence and contests, its full history, and the forms the logged-in account may use;
- ``POST .../status`` (multipart: status, toelichting, link, document): the responsible party reports;
- ``POST .../reactie`` (melding_id, reactie, toelichting-<melding_id>): a co-signer confirms or contests;
- ``GET /afspraken/documenten/{document_id}``: an evidence document (logged-in accounts only);
- ``GET /afspraken/activiteit/{organisatie}``: what an organisation changed.

Who may do what is ``privacy.ownership`` as applied by ``services.agreements``; this module parses
the form, calls one service function and renders (Post/Redirect/Get after a write).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from leefbaar.config import get_settings
from leefbaar.domain.agreements import Reactie, Status
from leefbaar.services import agreements
from leefbaar.services.accounts import Account
from leefbaar.services.sharing.fields import Invoerfouten, Veldfout
from leefbaar.web.security import GeenToegang, database_url, huidig_account, login_vereist
from leefbaar.web.templating import not_found, render

router = APIRouter()

MELDINGEN = {
    "status-gemeld": "De status is gemeld. Partijen die de afspraak mede ondertekenden kunnen hem bevestigen of betwisten.",
    "reactie-vastgelegd": "Uw reactie is vastgelegd.",
}


def _page(
    request: Request,
    afspraak_id: str,
    toezegging_id: str,
    *,
    fouten: tuple[Veldfout, ...] = (),
    invoer: dict[str, str] | None = None,
    melding: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    account = huidig_account(request)
    try:
        overzicht = agreements.commitment_overview(
            database_url(), afspraak_id[:80], toezegging_id[:80], account
        )
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, f"{_zin(str(exc))}.")
    veldfout: dict[str, str] = {}
    for fout in fouten:
        veldfout[fout.veld] = f"{veldfout[fout.veld]} {fout.tekst}" if fout.veld in veldfout else fout.tekst
    context: dict[str, Any] = {
        "o": overzicht,
        "t": overzicht.stand.toezegging,
        "account": account,
        "statussen": [s.value for s in Status],
        "max_mb": get_settings().evidence_max_mb,
        "fouten": fouten,
        "veldfout": veldfout,
        "invoer": invoer or {"status": "", "toelichting": "", "link": ""},
        "melding": MELDINGEN.get(melding, ""),
        "mag_wijzigen": _may_change(account, overzicht.stored.agreement),
    }
    return render(request, "afspraak_toezegging.html", context, status_code=status_code)


def _may_change(account: Account | None, agreement: Any) -> bool:
    """Whether the account may change the agreement (a link to the commitment's form)."""
    return agreements.may_write(
        account,
        nationaal=agreement.gemeente is None,
        gemeentecode=agreement.gemeente.code if agreement.gemeente else None,
    )


def _back(afspraak_id: str, toezegging_id: str, melding: str) -> RedirectResponse:
    path = f"/afspraken/{quote(afspraak_id, safe='')}/toezeggingen/{quote(toezegging_id, safe='')}"
    return RedirectResponse(f"{path}?melding={melding}", status_code=303)


def _zin(text: str) -> str:
    """A Dutch message as a sentence: its first letter upper case (codes such as L0001 stay as they are)."""
    return text[:1].upper() + text[1:]


@router.get("/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}", response_class=HTMLResponse)
def toezegging(request: Request, afspraak_id: str, toezegging_id: str, melding: str = "") -> HTMLResponse:
    return _page(request, afspraak_id, toezegging_id, melding=melding)


@router.post("/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}/status", response_class=HTMLResponse)
async def status_melden(
    request: Request,
    afspraak_id: str,
    toezegging_id: str,
    status: str = Form(""),
    toelichting: str = Form(""),
    link: str = Form(""),
    document: UploadFile | None = File(None),
    account: Account = Depends(login_vereist),
) -> Response:
    invoer = {"status": status, "toelichting": toelichting, "link": link}
    upload = None
    if document is not None and document.filename:
        upload = agreements.Upload(document.filename, await document.read())
    try:
        gekozen = Status(status)
    except ValueError:
        fouten = (Veldfout("status", "Kies een status uit de lijst."),)
        return _page(request, afspraak_id, toezegging_id, fouten=fouten, invoer=invoer, status_code=400)
    try:
        agreements.report_status(
            database_url(),
            account,
            afspraak_id,
            toezegging_id,
            gekozen,
            toelichting=toelichting,
            link=link,
            document=upload,
        )
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, f"{_zin(str(exc))}.")
    except agreements.ToezeggingGeweigerd as exc:
        raise GeenToegang(f"{_zin(str(exc))}.") from exc
    except Invoerfouten as exc:
        return _page(request, afspraak_id, toezegging_id, fouten=exc.fouten, invoer=invoer, status_code=400)
    return _back(afspraak_id, toezegging_id, "status-gemeld")


@router.post("/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}/reactie", response_class=HTMLResponse)
async def reageren(
    request: Request,
    afspraak_id: str,
    toezegging_id: str,
    melding_id: str = Form(""),
    reactie: str = Form(""),
    account: Account = Depends(login_vereist),
) -> Response:
    form = await request.form()
    tekst = form.get(f"toelichting-{melding_id}") if melding_id.isdigit() else None
    toelichting = tekst if isinstance(tekst, str) else ""
    if not melding_id.isdigit() or reactie not in {r.value for r in Reactie}:
        fouten = (Veldfout("reactie", "Kies bevestigen of betwisten bij een gemelde status."),)
        return _page(request, afspraak_id, toezegging_id, fouten=fouten, status_code=400)
    try:
        agreements.react_to_status(
            database_url(),
            account,
            afspraak_id,
            toezegging_id,
            int(melding_id),
            Reactie(reactie),
            toelichting=toelichting,
        )
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, f"{_zin(str(exc))}.")
    except agreements.ToezeggingGeweigerd as exc:
        raise GeenToegang(f"{_zin(str(exc))}.") from exc
    except Invoerfouten as exc:
        per_form = tuple(Veldfout(f"toelichting-{melding_id}", f.tekst) for f in exc.fouten)
        return _page(request, afspraak_id, toezegging_id, fouten=per_form, status_code=400)
    return _back(afspraak_id, toezegging_id, "reactie-vastgelegd")


@router.get("/afspraken/documenten/{document_id}")
def document(request: Request, document_id: str, account: Account = Depends(login_vereist)) -> Response:
    try:
        found = agreements.evidence_document(database_url(), document_id[:40])
    except agreements.AfspraakNietGevonden:
        return not_found(request, "Dit document bestaat niet.")
    return Response(
        found.inhoud,
        media_type=found.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(found.naam, safe='')}",
            "X-Content-Type-Options": "nosniff",
            "Digest": f"sha-256={found.sha256}",
        },
    )


@router.get("/afspraken/activiteit/{organisatie}", response_class=HTMLResponse)
def activiteit(request: Request, organisatie: str) -> HTMLResponse:
    code = organisatie[:20]
    feed = agreements.organisation_activity(database_url(), code)
    naam = feed[0].organisatie_naam if feed else code
    return render(request, "afspraken_activiteit.html", {"activiteit": feed, "naam": naam, "titel": naam})
