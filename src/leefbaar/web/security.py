"""Web security: server-side sessions, CSRF on every form, login and policy checks for pages.

For page authors (see docs/security.md, "Protecting a page"):

- ``account: Account = Depends(login_vereist)``: the page needs a logged-in account; a visitor is
  sent to ``/inloggen`` and back afterwards.
- ``toegang: Toegang = Depends(beleid(Resource.AGGREGATEN_PER_PARTIJ, eigenaar="code"))``: the
  page needs an allowed ``privacy.policy`` decision; ``eigenaar="code"`` takes the owner from the
  path parameter ``code``. A refusal is a 403 page with the policy's Dutch reason.
- ``beslis(request, Verzoek(...))``: the same decision inside a handler, for parameters that are
  only known there.
- Every ``<form method="post">`` contains ``{{ csrf_input(request) }}``; htmx requests send the
  token in the ``X-CSRF-Token`` header (``csrf_token(request)``). :class:`CsrfMiddleware` refuses
  every POST, PUT, PATCH and DELETE without a valid token with 403, before any route runs.

The CSRF token is an HMAC (secret ``secret_key``) over a random per-browser cookie and the session
cookie: it cannot be forged without the secret, and it changes when the session id changes at
login (OWASP "signed double-submit cookie"). Cookies are HttpOnly, SameSite=Lax and Secure
(setting ``cookie_secure``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import IO, Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leefbaar.config import get_settings
from leefbaar.privacy.policy import Decision, Resource, Verzoek
from leefbaar.privacy.sharing import Gegevenscategorie
from leefbaar.services import accounts, datasets, processing_log, sharing
from leefbaar.services.accounts import Account
from leefbaar.web.templating import render, templates

SESSION_COOKIE = "leefbaar_sessie"
CSRF_COOKIE = "leefbaar_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOGIN_PATH = "/inloggen"
#: Where a login without a destination lands: the user's home ("Mijn organisatie", web.pages.mijn).
HOME_PATH = "/mijn"


def database_url() -> str:
    return get_settings().database_url


# ----------------------------------------------------------------------------------------------
# Cookies


def cookie_header(name: str, value: str, *, max_age: int | None = None) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure unless switched off for local http."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if get_settings().cookie_secure:
        parts.append("Secure")
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    return "; ".join(parts)


def set_session_cookie(response: Any, session_id: str) -> None:
    # No Max-Age: the cookie ends with the browser; the server enforces idle and absolute limits.
    response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, session_id))


def clear_session_cookie(response: Any) -> None:
    response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, "", max_age=0))


def _cookies(scope: Scope) -> dict[str, str]:
    raw = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie").decode("latin-1")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed cookie header: treat as no cookies
        return {}
    return {k: m.value for k, m in jar.items()}


# ----------------------------------------------------------------------------------------------
# CSRF


def _token_for(csrf_cookie: str, session_cookie: str) -> str:
    key = get_settings().secret_key.encode("utf-8")
    message = f"csrf|{csrf_cookie}|{session_cookie}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The CSRF token for forms on this page (bound to this browser's cookies)."""
    csrf_cookie = request.scope.get("leefbaar.csrf") or request.cookies.get(CSRF_COOKIE, "")
    return _token_for(csrf_cookie, request.cookies.get(SESSION_COOKIE, ""))


def csrf_input(request: Request) -> Markup:
    """The hidden form field with the CSRF token, for ``{{ csrf_input(request) }}`` in a template."""
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(csrf_token(request))}">')


templates.env.globals["csrf_input"] = csrf_input
templates.env.globals["csrf_token"] = csrf_token


def _valid(token: str | None, csrf_cookie: str | None, session_cookie: str) -> bool:
    if not token or not csrf_cookie:
        return False
    # Compare bytes: compare_digest refuses non-ASCII str, and a token is attacker input.
    return hmac.compare_digest(token.encode("utf-8"), _token_for(csrf_cookie, session_cookie).encode("ascii"))


#: Largest body of a request without a live session: the login form and logout are a few hundred bytes.
ANONYMOUS_BODY_BYTES = 64 * 1024
#: Largest body of an ordinary form or htmx request of a logged-in user.
FORM_BODY_BYTES = 2 * 1024 * 1024
#: Paths that take a file, with their largest body (the file's limit plus room for the other fields).
UPLOAD_BODY_BYTES: dict[str, int] = {"/gegevens": datasets.MAX_UPLOAD_BYTES + 1024 * 1024}
#: The evidence form of a qualitative commitment takes a document of at most ``evidence_max_mb``.
_EVIDENCE_PATH = re.compile(r"^/afspraken/[^/]+/toezeggingen/[^/]+/status$")
#: Bodies are kept in memory up to this size and spooled to a temporary file above it.
_SPOOL_BYTES = 1024 * 1024
_REPLAY_CHUNK = 256 * 1024


class CsrfMiddleware:
    """Gives every browser a CSRF cookie and refuses unsafe methods without a valid token (403).

    The body of an unsafe request is read only after the session is known and its announced size
    fits: a visitor without a session may send ANONYMOUS_BODY_BYTES, a logged-in user FORM_BODY_BYTES
    or, on an upload path, UPLOAD_BODY_BYTES. A larger Content-Length is refused (413) before a
    byte is read; a body that grows past its limit is refused when it does. The body is spooled to
    a temporary file above _SPOOL_BYTES, so memory stays small whatever is uploaded.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = _cookies(scope)
        csrf_cookie = cookies.get(CSRF_COOKIE)
        new_cookie = None
        if not csrf_cookie or len(csrf_cookie) > 100:
            csrf_cookie = new_cookie = secrets.token_urlsafe(32)
        scope["leefbaar.csrf"] = csrf_cookie

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and new_cookie is not None:
                MutableHeaders(scope=message).append("set-cookie", cookie_header(CSRF_COOKIE, new_cookie))
            await send(message)

        if scope["method"] not in UNSAFE_METHODS:
            await self.app(scope, receive, send_with_cookie)
            return
        session_cookie = cookies.get(SESSION_COOKIE, "")
        # A cookie we just made cannot match any token: the browser never had it. Refused before
        # the session lookup and before the body.
        if new_cookie is not None:
            await _refuse_csrf(scope, receive, send_with_cookie)
            return
        account = None
        if session_cookie:
            account = await run_in_threadpool(accounts.session_account, database_url(), session_cookie)
        scope["leefbaar.account"] = account
        limit = _body_limit(scope, account is not None)
        announced = _header(scope, "content-length")
        if announced is not None and (not announced.isdigit() or int(announced) > limit):
            await _refuse(scope, receive, send_with_cookie, 413, _too_large(limit))
            return
        header_token = _header(scope, CSRF_HEADER)
        if header_token is not None and not _valid(header_token, csrf_cookie, session_cookie):
            await _refuse_csrf(scope, receive, send_with_cookie)
            return
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as body:
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    await _refuse(scope, receive, send_with_cookie, 413, _too_large(limit))
                    return
                if size > _SPOOL_BYTES:  # on disk by now: keep the file write off the event loop
                    await run_in_threadpool(body.write, chunk)
                else:
                    body.write(chunk)
                more = message.get("more_body", False)
            if header_token is None:
                token = await _form_token(scope, body)
                if not _valid(token, csrf_cookie, session_cookie):
                    await _refuse_csrf(scope, receive, send_with_cookie)
                    return
            body.seek(0)
            done = False

            async def replay() -> Message:
                nonlocal done
                if done:
                    return await receive()
                chunk = await run_in_threadpool(body.read, _REPLAY_CHUNK)
                done = len(chunk) < _REPLAY_CHUNK
                return {"type": "http.request", "body": chunk, "more_body": not done}

            await self.app(scope, replay, send_with_cookie)


def _body_limit(scope: Scope, logged_in: bool) -> int:
    if not logged_in:
        return ANONYMOUS_BODY_BYTES
    path = scope.get("path", "")
    if _EVIDENCE_PATH.match(path):
        return get_settings().evidence_max_mb * 1024 * 1024 + 1024 * 1024
    return UPLOAD_BODY_BYTES.get(path, FORM_BODY_BYTES)


def _too_large(limit: int) -> str:
    if limit <= ANONYMOUS_BODY_BYTES:
        return "Het verzoek is te groot. Log in als u een bestand wilt versturen."
    return f"Het verzoek is te groot (ten hoogste {limit // (1024 * 1024)} MB)."


async def _refuse_csrf(scope: Scope, receive: Receive, send: Send) -> None:
    await _refuse(
        scope,
        receive,
        send,
        403,
        "Het formulier is verlopen of niet door deze site verstuurd (CSRF-controle). "
        "Laad de pagina opnieuw en probeer het nog eens.",
    )


def _header(scope: Scope, name: str) -> str | None:
    for k, v in scope.get("headers", []):
        if k.decode("latin-1").lower() == name:
            return str(v.decode("latin-1"))
    return None


async def _form_token(scope: Scope, body: IO[bytes]) -> str | None:
    """The CSRF field of a form body (read from the spooled body; files are spooled by the parser)."""
    content_type = (_header(scope, "content-type") or "").split(";")[0].strip().lower()
    if content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None
    body.seek(0)
    sent = False

    async def stream() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        chunk = await run_in_threadpool(body.read, _REPLAY_CHUNK)
        sent = len(chunk) < _REPLAY_CHUNK
        return {"type": "http.request", "body": chunk, "more_body": not sent}

    request = Request(scope, stream)
    try:
        form = await request.form()
    except Exception:  # an unreadable form has no token
        return None
    try:
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, melding: str) -> None:
    response = render(
        Request(scope, receive),
        "auth/geweigerd.html",
        {"status": status, "melding": melding},
        status_code=status,
    )
    await response(scope, receive, send)


# ----------------------------------------------------------------------------------------------
# Who is logged in; login and policy dependencies


class LoginVereist(Exception):
    """Raised by :func:`login_vereist` for a visitor; answered with a redirect to the login page."""

    def __init__(self, volgende: str) -> None:
        super().__init__(volgende)
        self.volgende = volgende


def huidig_account(request: Request) -> Account | None:
    """The account of this request's session, or None (cached per request)."""
    if "leefbaar.account" in request.scope:
        return request.scope["leefbaar.account"]  # type: ignore[no-any-return]
    session_id = request.cookies.get(SESSION_COOKIE, "")
    account = accounts.session_account(database_url(), session_id) if session_id else None
    request.scope["leefbaar.account"] = account
    return account


templates.env.globals["huidig_account"] = huidig_account


def login_vereist(request: Request) -> Account:
    """Dependency: the logged-in account; a visitor is redirected to the login page."""
    account = huidig_account(request)
    if account is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginVereist(path)
    return account


class GeenToegang(Exception):
    """The policy refuses this page to this account; answered with a 403 page giving the reason."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden


@dataclass(frozen=True)
class Toegang:
    """What a protected page gets: the account (None on public pages) and the allowed decision."""

    account: Account | None
    decision: Decision


def beslis(request: Request, verzoek: Verzoek) -> Decision:
    """``privacy.policy.decide`` for the current user (a visitor when not logged in)."""
    return sharing.authorize(database_url(), huidig_account(request), verzoek)


def beleid(
    resource: Resource,
    *,
    eigenaar: str | None = None,
    gemeente: str | None = None,
    categorie: Gegevenscategorie | None = None,
    doel: str | None = None,
) -> Callable[[Request], Toegang]:
    """A dependency that allows the page only when the policy allows ``resource``.

    ``eigenaar`` and ``gemeente`` name path (or query) parameters whose value is the owner party
    or the municipality; ``doel`` is a fixed purpose, or ``"?doel"`` to take it from the query.
    """

    def _param(request: Request, name: str | None) -> str | None:
        if name is None:
            return None
        return request.path_params.get(name) or request.query_params.get(name)

    def dependency(request: Request) -> Toegang:
        purpose = request.query_params.get("doel") if doel == "?doel" else doel
        verzoek = Verzoek(resource, _param(request, eigenaar), _param(request, gemeente), categorie, purpose)
        account = huidig_account(request)
        decision = beslis(request, verzoek)
        if not decision:
            if account is None:
                raise LoginVereist(request.url.path)
            raise GeenToegang(decision.reason)
        return Toegang(account, decision)

    return dependency


def safe_next(value: str | None) -> str:
    """A local path to go to after login; anything else (another site, //host, \\host) gives '/'."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(c) < 32 for c in value):
        return "/"
    return value


def install(web: FastAPI) -> None:
    """Install CSRF checking and the login redirect on the web application (one call in create_web)."""

    @web.exception_handler(LoginVereist)
    async def _login(request: Request, exc: LoginVereist) -> RedirectResponse:
        return RedirectResponse(
            f"{LOGIN_PATH}?volgende={quote(safe_next(exc.volgende), safe='/')}", status_code=303
        )

    @web.exception_handler(GeenToegang)
    async def _forbidden(request: Request, exc: GeenToegang) -> HTMLResponse:
        account = request.scope.get("leefbaar.account")
        if account is not None:  # every refusal of a logged-in account is in the audit log
            await run_in_threadpool(
                processing_log.record_refusal,
                database_url(),
                account,
                f"{request.method} {request.url.path}",
                exc.reden,
            )
        return render(request, "auth/geweigerd.html", {"status": 403, "melding": exc.reden}, status_code=403)

    web.add_middleware(CsrfMiddleware)
