"""``/delen``: sharing agreements and signals of the logged-in organisation (R14, R15).

- ``GET /delen``: its agreements (as provider and as receiver, with status), the signals it sent
  (no household, no text), and the signals it received for a purpose it picks
  (``?doel=``; every signal shown is a logged read).
- ``/delen/overeenkomsten/nieuw``: register an agreement (beheerder, or the providing party).
- ``/delen/overeenkomsten/{id}``: one agreement; ``POST .../beeindigen`` ends it early.
- ``/delen/signalen/nieuw``: share a signal about a household under an agreement.

Who may do what is decided in ``services.sharing`` (docs/sharing.md); this module parses the form,
calls one service function and renders. Every form carries the CSRF token (``web.security``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from leefbaar.domain.parties import Rol
from leefbaar.privacy.policy import ONTVANGENDE_ROLLEN
from leefbaar.privacy.sharing import Gegevenscategorie
from leefbaar.services import sharing
from leefbaar.services.accounts import Account
from leefbaar.services.processing_log import Geweigerd
from leefbaar.web.security import GeenToegang, database_url, huidig_account, login_vereist
from leefbaar.web.templating import not_found, render, templates

router = APIRouter()

#: Messages after a successful POST (Post/Redirect/Get): only these codes are shown.
MELDINGEN = {
    "overeenkomst-geregistreerd": "De overeenkomst is geregistreerd.",
    "overeenkomst-beeindigd": "De einddatum van de overeenkomst is vastgelegd.",
    "signaal-gedeeld": "Het signaal is gedeeld. De ontvanger ziet het huishouden alleen als pseudoniem.",
}
CATEGORIE_UITLEG = {
    Gegevenscategorie.BETALINGSACHTERSTAND: "betalingsachterstand (persoonsgegeven)",
    Gegevenscategorie.OVERLAST: "overlast (persoonsgegeven)",
    Gegevenscategorie.ZORGSIGNAAL: "zorgsignaal (bijzonder persoonsgegeven: gezondheid)",
    Gegevenscategorie.TOEWIJZING: "toewijzing (persoonsgegeven)",
    Gegevenscategorie.WONINGGEGEVENS: "woninggegevens (geen persoonsgegeven; alleen corporatie naar gemeente)",
}


def delen_toegang(account: Account = Depends(login_vereist)) -> Account:
    """Dependency: a logged-in account whose role shares, receives or administers agreements."""
    decision = sharing.may_use_sharing(account)
    if not decision:
        raise GeenToegang(decision.reason[0].upper() + decision.reason[1:] + ".")
    return account


def in_menu(request: Request) -> bool:
    """Whether base.html shows the "Delen" link: only to logged-in accounts that may use the pages."""
    try:
        account = huidig_account(request)
    except Exception:  # the error pages render base.html too, also when the database is down
        return False
    return account is not None and bool(sharing.may_use_sharing(account))


templates.env.globals["delen_in_menu"] = in_menu


def _today() -> date:
    return datetime.now(UTC).date()


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


def _field_errors(fouten: tuple[sharing.Veldfout, ...]) -> dict[str, str]:
    """One text per field (several problems with one field are joined), for the message beside it."""
    per_field: dict[str, str] = {}
    for fout in fouten:
        per_field[fout.veld] = (
            f"{per_field[fout.veld]} {fout.tekst}" if fout.veld in per_field else fout.tekst
        )
    return per_field


# ----------------------------------------------------------------------------------------------
# Overview


@router.get("/delen", response_class=HTMLResponse)
def overzicht(
    request: Request, doel: str = "", melding: str = "", account: Account = Depends(delen_toegang)
) -> HTMLResponse:
    url = database_url()
    ontvangt = account.rol in ONTVANGENDE_ROLLEN
    regels = sharing.agreements_for(url, account)
    context: dict[str, Any] = {
        "account": account,
        "beheerder": account.rol is Rol.BEHEERDER,
        "als_verstrekker": [r for r in regels if r.rol == "verstrekker"],
        "als_ontvanger": [r for r in regels if r.rol == "ontvanger"],
        "alle": regels if account.rol is Rol.BEHEERDER else [],
        "verstuurd": sharing.sent_signals(url, account),
        "doelen": sharing.receiving_purposes(url, account) if ontvangt else [],
        "kan_delen": bool(sharing.signal_agreements(url, account)),
        "doel": "",
        "ontvangen": None,
        "melding": MELDINGEN.get(melding, ""),
        "fout": "",
    }
    if not doel or not ontvangt:
        return render(request, "delen.html", context)
    if doel not in context["doelen"]:
        context["fout"] = "Kies een doel uit de lijst: uw organisatie ontvangt geen signalen voor dat doel."
        return render(request, "delen.html", context, status_code=400)
    try:
        context["ontvangen"] = sharing.signals_for(url, account, doel)
    except Geweigerd as exc:
        context["fout"] = _sentence(str(exc))
        return render(request, "delen.html", context, status_code=403)
    context["doel"] = doel
    return render(request, "delen.html", context)


# ----------------------------------------------------------------------------------------------
# Registering an agreement


def _agreement_form(
    request: Request,
    account: Account,
    invoer: sharing.AfspraakInvoer,
    fouten: tuple[sharing.Veldfout, ...] = (),
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "account": account,
        "beheerder": account.rol is Rol.BEHEERDER,
        "invoer": invoer,
        "categorieen": CATEGORIE_UITLEG,
        "fouten": fouten,
        "veldfout": _field_errors(fouten),
        "vandaag": _today().isoformat(),
    }
    return render(request, "delen_overeenkomst.html", context, status_code=status_code)


@router.get("/delen/overeenkomsten/nieuw", response_class=HTMLResponse)
def overeenkomst_formulier(request: Request, account: Account = Depends(delen_toegang)) -> HTMLResponse:
    return _agreement_form(request, account, sharing.AfspraakInvoer(begindatum=_today().isoformat()))


@router.post("/delen/overeenkomsten/nieuw", response_class=HTMLResponse, response_model=None)
def overeenkomst_registreren(
    request: Request,
    account: Account = Depends(delen_toegang),
    verstrekker: str = Form(""),
    ontvanger: str = Form(""),
    doel: str = Form(""),
    doel_omschrijving: str = Form(""),
    grondslag: str = Form(""),
    categorieen: list[str] = Form([]),
    bewaartermijn: str = Form(""),
    begindatum: str = Form(""),
    einddatum: str = Form(""),
    overeenkomst_id: str = Form(""),
) -> HTMLResponse | RedirectResponse:
    invoer = sharing.AfspraakInvoer(
        verstrekker=verstrekker if account.rol is Rol.BEHEERDER else (verstrekker or account.organisatie),
        ontvanger=ontvanger,
        doel=doel,
        doel_omschrijving=doel_omschrijving,
        grondslag=grondslag,
        categorieen=tuple(categorieen[:10]),
        bewaartermijn=bewaartermijn,
        begindatum=begindatum,
        einddatum=einddatum,
        overeenkomst_id=overeenkomst_id,
    )
    try:
        agreement = sharing.register_agreement_from_input(database_url(), account, invoer)
    except Geweigerd as exc:
        raise GeenToegang(_sentence(str(exc))) from None
    except sharing.Invoerfouten as exc:
        return _agreement_form(request, account, invoer, exc.fouten, status_code=400)
    target = f"/delen/overeenkomsten/{quote(agreement.id, safe='')}?melding=overeenkomst-geregistreerd"
    return RedirectResponse(target, status_code=303)


# ----------------------------------------------------------------------------------------------
# One agreement; ending it early


def _detail(
    request: Request,
    account: Account,
    agreement_id: str,
    *,
    melding: str = "",
    einddatum: str = "",
    fouten: tuple[sharing.Veldfout, ...] = (),
    status_code: int = 200,
) -> HTMLResponse:
    try:
        regel = sharing.agreement_for(database_url(), account, agreement_id)
    except sharing.NietGevonden:
        return not_found(request, "Deze overeenkomst bestaat niet of uw organisatie is er geen partij bij.")
    context = {
        "account": account,
        "regel": regel,
        "a": regel.overeenkomst,
        "melding": MELDINGEN.get(melding, ""),
        "einddatum": einddatum or _today().isoformat(),
        "fouten": fouten,
        "veldfout": _field_errors(fouten),
    }
    return render(request, "delen_overeenkomst_detail.html", context, status_code=status_code)


@router.get("/delen/overeenkomsten/{overeenkomst_id}", response_class=HTMLResponse)
def overeenkomst(
    request: Request, overeenkomst_id: str, melding: str = "", account: Account = Depends(delen_toegang)
) -> HTMLResponse:
    return _detail(request, account, overeenkomst_id, melding=melding)


@router.post(
    "/delen/overeenkomsten/{overeenkomst_id}/beeindigen", response_class=HTMLResponse, response_model=None
)
def overeenkomst_beeindigen(
    request: Request,
    overeenkomst_id: str,
    account: Account = Depends(delen_toegang),
    einddatum: str = Form(""),
) -> HTMLResponse | RedirectResponse:
    problem = None
    try:
        end = date.fromisoformat(einddatum.strip())
    except ValueError:
        problem = sharing.Veldfout("einddatum", "Vul de einddatum in als datum (jjjj-mm-dd).")
    if problem is None:
        try:
            sharing.end_agreement(database_url(), account, overeenkomst_id, end)
        except sharing.NietGevonden:
            return not_found(
                request, "Deze overeenkomst bestaat niet of uw organisatie is er geen partij bij."
            )
        except sharing.Invoerfouten as exc:
            return _detail(
                request, account, overeenkomst_id, einddatum=einddatum, fouten=exc.fouten, status_code=400
            )
        target = f"/delen/overeenkomsten/{quote(overeenkomst_id, safe='')}?melding=overeenkomst-beeindigd"
        return RedirectResponse(target, status_code=303)
    return _detail(
        request, account, overeenkomst_id, einddatum=einddatum[:20], fouten=(problem,), status_code=400
    )


# ----------------------------------------------------------------------------------------------
# Sharing a signal


def _signal_form(
    request: Request,
    account: Account,
    invoer: sharing.SignaalInvoer,
    fouten: tuple[sharing.Veldfout, ...] = (),
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "account": account,
        "overeenkomsten": sharing.signal_agreements(database_url(), account),
        "soorten": [CATEGORIE_UITLEG[c] for c in sharing.SIGNAALCATEGORIEEN],
        "signaalcategorieen": sharing.SIGNAALCATEGORIEEN,
        "invoer": invoer,
        "fouten": fouten,
        "veldfout": _field_errors(fouten),
        "vandaag": _today().isoformat(),
    }
    return render(request, "delen_signaal.html", context, status_code=status_code)


def _signal_sender(account: Account = Depends(delen_toegang)) -> Account:
    if account.rol not in ONTVANGENDE_ROLLEN:
        raise GeenToegang("De beheerder deelt geen signalen; dat doet de organisatie die het signaal heeft.")
    return account


@router.get("/delen/signalen/nieuw", response_class=HTMLResponse)
def signaal_formulier(request: Request, account: Account = Depends(_signal_sender)) -> HTMLResponse:
    return _signal_form(request, account, sharing.SignaalInvoer())


@router.post("/delen/signalen/nieuw", response_class=HTMLResponse, response_model=None)
def signaal_delen(
    request: Request,
    account: Account = Depends(_signal_sender),
    overeenkomst_id: str = Form(""),
    categorie: str = Form(""),
    huishouden: str = Form(""),
    omschrijving: str = Form(""),
    signaaldatum: str = Form(""),
) -> HTMLResponse | RedirectResponse:
    invoer = sharing.SignaalInvoer(overeenkomst_id, categorie, huishouden, omschrijving, signaaldatum)
    if not overeenkomst_id.strip():
        fout = sharing.Veldfout("overeenkomst_id", "Kies de overeenkomst waaronder u het signaal deelt.")
        return _signal_form(request, account, invoer, (fout,), status_code=400)
    try:
        sharing.share_signal_from_input(database_url(), account, invoer)
    except sharing.NietGevonden:
        return not_found(request, "Deze overeenkomst bestaat niet of uw organisatie is er geen partij bij.")
    except Geweigerd as exc:
        raise GeenToegang(_sentence(str(exc))) from None
    except sharing.Invoerfouten as exc:
        return _signal_form(request, account, invoer, exc.fouten, status_code=400)
    return RedirectResponse("/delen?melding=signaal-gedeeld", status_code=303)
