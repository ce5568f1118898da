"""Login, logout, "my account", and the processing-log page for the privacy officer (beheerder).

``/inloggen`` (GET form, POST check), ``/inloggen/oidc`` and ``/inloggen/oidc/terug`` (login via
the organisation's OpenID Connect provider when ``oidc_issuer`` is set; protocol in ``web.oidc``),
``/uitloggen`` (POST only, with CSRF), ``/account``
(login required), ``/verwerkingenlog`` (beheerder only: "who saw this household's data, when and
why"; the lookup is a POST so the household id never appears in a URL or an access log),
``/signalen?doel=`` (the signals an organisation received for a purpose; every read is logged).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from leefbaar.config import get_settings
from leefbaar.privacy.policy import ONTVANGENDE_ROLLEN, Resource
from leefbaar.services import accounts, processing_log, sharing
from leefbaar.services.accounts import Account
from leefbaar.web import oidc
from leefbaar.web.security import (
    HOME_PATH,
    SESSION_COOKIE,
    Toegang,
    beleid,
    clear_session_cookie,
    cookie_header,
    database_url,
    huidig_account,
    login_vereist,
    safe_next,
    set_session_cookie,
)
from leefbaar.web.templating import render

router = APIRouter()

#: The processing-log page itself reads nothing until a lookup: the GET only needs the role.
_LOG_PAGINA = beleid(Resource.VERWERKINGENLOG, doel="verwerkingenlog openen")


def _login_page(
    request: Request,
    volgende: str,
    email: str = "",
    fout: str = "",
    status: int = 200,
    *,
    velden_fout: bool = True,
) -> HTMLResponse:
    """The login form; ``velden_fout`` False: the error is not about the typed fields (an OIDC login)."""
    context = {
        "volgende": safe_next(volgende),
        "email": email,
        "fout": fout,
        "velden_fout": bool(fout) and velden_fout,
        "oidc": bool(get_settings().oidc_issuer),
    }
    return render(request, "auth/inloggen.html", context, status_code=status)


@router.get("/inloggen", response_class=HTMLResponse)
def inloggen_form(request: Request, volgende: str = "/") -> HTMLResponse:
    return _login_page(request, volgende)


@router.post("/inloggen", response_class=HTMLResponse, response_model=None)
def inloggen(
    request: Request,
    email: str = Form(""),
    wachtwoord: str = Form(""),
    volgende: str = Form("/"),
) -> HTMLResponse | RedirectResponse:
    url = database_url()
    # Checked here rather than with Form(max_length=...): the form must answer with the page, not JSON.
    if not email.strip() or not wachtwoord:
        return _login_page(request, volgende, email[:254], "Vul uw e-mailadres en wachtwoord in.", 400)
    if len(email) > 254 or len(wachtwoord) > accounts.MAX_PASSWORD_LENGTH:
        return _login_page(request, volgende, "", "Het e-mailadres of het wachtwoord is te lang.", 400)
    client = request.client.host if request.client else None
    result = accounts.authenticate(url, email, wachtwoord, client=client)
    known = accounts.get_account(url, email)
    processing_log.record_login(url, known, known is not None, result.account is not None, result.intern)
    if result.account is None:
        status = 429 if result.geblokkeerd_tot is not None or result.te_druk else 400
        tekst = result.reden[0].upper() + result.reden[1:] + "."
        return _login_page(request, volgende, email, tekst, status)
    # A new session id at every login; the old one (if any) is deleted: no session fixation.
    session_id = accounts.start_session(url, result.account, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(_destination(volgende), status_code=303)
    set_session_cookie(response, session_id)
    return response


def _destination(volgende: str | None) -> str:
    """Where a login goes: the page asked for, else the user's home ("Mijn organisatie")."""
    target = safe_next(volgende)
    return HOME_PATH if target == "/" else target


_NIET_INGESTELD = "Inloggen via een identiteitsaanbieder is niet ingesteld."


def _zin(reden: str) -> str:
    """A reason from a service ("de code is verlopen") as a sentence for the page."""
    return reden[0].upper() + reden[1:] + "."


@router.get("/inloggen/oidc", response_class=HTMLResponse, response_model=None)
def inloggen_oidc(request: Request, volgende: str = "/") -> HTMLResponse | RedirectResponse:
    """Start a login at the identity provider: a redirect there, and a cookie to check the return."""
    settings = get_settings()
    if not settings.oidc_issuer:
        return _login_page(request, volgende, fout=_NIET_INGESTELD, status=404, velden_fout=False)
    try:
        address, cookie = oidc.begin(
            settings, oidc.redirect_url(settings, str(request.base_url)), safe_next(volgende)
        )
    except oidc.OidcFout as exc:
        processing_log.record_login(database_url(), None, False, False, f"OpenID Connect: {exc.reden}")
        return _login_page(request, volgende, fout=_zin(exc.reden), status=exc.status, velden_fout=False)
    response = RedirectResponse(address, status_code=303)
    response.headers.append("set-cookie", cookie_header(oidc.COOKIE, cookie, max_age=oidc.COOKIE_SECONDS))
    return response


@router.get(oidc.CALLBACK_PATH, response_class=HTMLResponse, response_model=None)
def inloggen_oidc_terug(request: Request) -> HTMLResponse | RedirectResponse:
    """The provider's answer: check it, map the identity to an account, then log in as with a password."""
    settings = get_settings()
    if not settings.oidc_issuer:
        return _login_page(request, "/", fout=_NIET_INGESTELD, status=404, velden_fout=False)
    url = database_url()
    response: HTMLResponse | RedirectResponse
    try:
        volgende, claims = oidc.finish(
            settings,
            oidc.redirect_url(settings, str(request.base_url)),
            request.cookies.get(oidc.COOKIE, ""),
            dict(request.query_params),
        )
    except oidc.OidcFout as exc:
        processing_log.record_login(url, None, False, False, f"OpenID Connect: {exc.reden}")
        response = _login_page(request, "/", fout=_zin(exc.reden), status=exc.status, velden_fout=False)
    else:
        result, known = accounts.oidc_account(url, claims)
        ok = result.account is not None
        processing_log.record_login(url, known, known is not None, ok, f"OpenID Connect: {result.reden}")
        if result.account is None:
            response = _login_page(request, "/", fout=_zin(result.reden), status=403, velden_fout=False)
        else:
            # The same rotation as a password login: a new id, the session of the old cookie ends.
            session_id = accounts.start_session(url, result.account, request.cookies.get(SESSION_COOKIE))
            response = RedirectResponse(_destination(volgende), status_code=303)
            set_session_cookie(response, session_id)
    # One attempt per cookie, whatever the outcome.
    response.headers.append("set-cookie", cookie_header(oidc.COOKIE, "", max_age=0))
    return response


@router.post("/uitloggen", response_model=None)
def uitloggen(request: Request) -> RedirectResponse:
    accounts.end_session(database_url(), request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(response)
    return response


@router.get("/account", response_class=HTMLResponse)
def account_pagina(request: Request, account: Account = Depends(login_vereist)) -> HTMLResponse:
    return render(request, "auth/account.html", {"account": account})


@router.get("/verwerkingenlog", response_class=HTMLResponse)
def verwerkingenlog_form(request: Request, toegang: Toegang = Depends(_LOG_PAGINA)) -> HTMLResponse:
    return render(request, "auth/verwerkingenlog.html", {"huishouden": "", "doel": "", "resultaten": None})


@router.post("/verwerkingenlog", response_class=HTMLResponse)
def verwerkingenlog(
    request: Request,
    toegang: Toegang = Depends(_LOG_PAGINA),
    huishouden: str = Form(""),
    doel: str = Form(""),
) -> HTMLResponse:
    account = huidig_account(request)
    assert account is not None  # the policy allowed the page, so someone is logged in
    context: dict[str, Any] = {"huishouden": huishouden, "doel": doel, "resultaten": None, "fout": ""}
    if not huishouden.strip() or not doel.strip():
        context["fout"] = "Vul het huishouden en het doel van de inzage in."
        return render(request, "auth/verwerkingenlog.html", context, status_code=400)
    if len(huishouden) > 100 or len(doel) > 200 or any(ord(c) < 32 for c in huishouden + doel):
        context.update(
            huishouden="", doel="", fout="Huishouden (max. 100 tekens) of doel (max. 200) is ongeldig."
        )
        return render(request, "auth/verwerkingenlog.html", context, status_code=400)
    try:
        context["resultaten"] = processing_log.who_saw(database_url(), account, huishouden, doel.strip())
    except (processing_log.Geweigerd, ValueError) as exc:
        context["fout"] = str(exc)
        return render(request, "auth/verwerkingenlog.html", context, status_code=400)
    return render(request, "auth/verwerkingenlog.html", context)


@router.get("/signalen", response_class=HTMLResponse)
def signalen(
    request: Request,
    doel: str = "",
    account: Account = Depends(login_vereist),
) -> HTMLResponse:
    url = database_url()
    doelen = sharing.receiving_purposes(url, account)
    context: dict[str, Any] = {"doelen": doelen, "doel": doel, "signalen": None, "fout": ""}
    if not doel:
        return render(request, "auth/signalen.html", context)
    if doel not in doelen and account.rol in ONTVANGENDE_ROLLEN:
        context.update(
            doel="", fout="Kies een doel uit de lijst: uw organisatie ontvangt geen signalen voor dat doel."
        )
        return render(request, "auth/signalen.html", context, status_code=400)
    try:
        context["signalen"] = sharing.signals_for(url, account, doel)
    except processing_log.Geweigerd as exc:
        context["fout"] = str(exc)[0].upper() + str(exc)[1:] + "."
        return render(request, "auth/signalen.html", context, status_code=403)
    return render(request, "auth/signalen.html", context)
