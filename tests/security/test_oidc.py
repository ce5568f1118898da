"""OpenID Connect login against a real provider: a small OpenID provider on 127.0.0.1 (an HTTP
server in a thread, with its own RSA key) serves discovery, JWKS, authorization and token endpoints;
the browser's part is played by the TestClient, one redirect at a time.

The provider checks what Leefbaar sends (client id and secret, redirect URI, PKCE S256 verifier
against the challenge), so a login only succeeds when the client side of the protocol is right.
Every refusal must leave no session and one failed login in the audit log.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote_plus, unquote_plus, urlencode, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import text

from leefbaar.config import Settings, get_settings
from leefbaar.services import accounts
from leefbaar.storage.engine import get_engine
from leefbaar.web import oidc
from tests.browser_fixtures import axe_violations, describe_violations
from tests.security.conftest import Omgeving
from tests.security.helpers import ACCOUNTS

SESSION = "leefbaar_sessie"
CLIENT_ID = "leefbaar-test"
#: A secret with characters that RFC 6749 §2.3.1 form-encodes before the Basic header.
CLIENT_SECRET = "geheim:met+vreemde/tekens"
CALLBACK = "https://testserver/inloggen/oidc/terug"


# ----------------------------------------------------------------------------------------------
# The fake OpenID provider


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


@dataclass
class Provider:
    """An OpenID provider for one test; the attributes steer what it answers."""

    client_secret: str = CLIENT_SECRET
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"}))
    signing_key: RSAKey | None = None  # None: sign with ``key`` (the one in the JWKS)
    email: str = ACCOUNTS["gemeente"][0]
    edit: Callable[[dict[str, Any]], None] | None = None  # changes the claims before signing
    after: Callable[[str], str] | None = None  # changes the signed token
    deny: bool = False  # answer the authorization request with error=access_denied
    advertised_issuer: str | None = None  # None: the true issuer in the discovery document
    authorizations: list[dict[str, str]] = field(default_factory=list)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def issuer(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": "onderwerp-" + self.email,
            "aud": CLIENT_ID,
            "exp": now + 300,
            "iat": now,
            "nonce": nonce,
            "email": self.email,
            "email_verified": True,
        }
        if self.edit is not None:
            self.edit(claims)
        key = self.signing_key or self.key
        token = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
        return self.after(token) if self.after is not None else token


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
            pass

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = urlsplit(self.path)
            if path.path == "/.well-known/openid-configuration":
                base = provider.issuer
                self._json(
                    200,
                    {
                        "issuer": provider.advertised_issuer or base,
                        "authorization_endpoint": base + "/authorize",
                        "token_endpoint": base + "/token",
                        "jwks_uri": base + "/jwks",
                    },
                )
            elif path.path == "/jwks":
                self._json(200, {"keys": [provider.key.as_dict(private=False)]})
            elif path.path == "/authorize":
                self._authorize({k: v[0] for k, v in parse_qs(path.query).items()})
            else:
                self._json(404, {"error": "not_found"})

        def _authorize(self, query: dict[str, str]) -> None:
            provider.authorizations.append(query)
            well_formed = (
                query.get("client_id") == CLIENT_ID
                and query.get("response_type") == "code"
                and query.get("code_challenge_method") == "S256"
                and bool(query.get("code_challenge"))
                and bool(query.get("redirect_uri"))
            )
            if not well_formed:
                self._json(400, {"error": "invalid_request"})
                return
            if provider.deny:
                answer = {"error": "access_denied", "state": query.get("state", "")}
            else:
                code = secrets.token_urlsafe(16)
                provider.codes[code] = query
                answer = {"code": code, "state": query.get("state", ""), "iss": provider.issuer}
            self.send_response(302)
            self.send_header("Location", query["redirect_uri"] + "?" + urlencode(answer))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            if urlsplit(self.path).path != "/token":
                self._json(404, {"error": "not_found"})
                return
            size = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(size).decode("ascii")).items()}
            if not self._client_ok(form):
                self._json(401, {"error": "invalid_client"})
                return
            asked = provider.codes.pop(form.get("code", ""), None)  # a code works once
            verifier = form.get("code_verifier", "")
            if (
                asked is None
                or form.get("grant_type") != "authorization_code"
                or form.get("redirect_uri") != asked["redirect_uri"]
                or _b64url(hashlib.sha256(verifier.encode("ascii")).digest()) != asked["code_challenge"]
            ):
                self._json(400, {"error": "invalid_grant"})
                return
            token = provider.id_token(asked.get("nonce", ""))
            self._json(200, {"access_token": "at", "token_type": "Bearer", "id_token": token})

        def _client_ok(self, form: dict[str, str]) -> bool:
            header = self.headers.get("Authorization", "")
            if not provider.client_secret:  # a public client: its id in the body, no secret
                return not header and form.get("client_id") == CLIENT_ID
            if not header.startswith("Basic "):
                return False
            user, _, password = base64.b64decode(header[6:]).decode("ascii").partition(":")
            return (unquote_plus(user), unquote_plus(password)) == (CLIENT_ID, provider.client_secret)

    return Handler


# ----------------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture
def provider() -> Iterator[Provider]:
    found = Provider()
    found.start()
    yield found
    if found.server is not None and found.server.socket.fileno() != -1:
        found.stop()


def _configure(
    monkeypatch: pytest.MonkeyPatch, issuer: str, secret: str = CLIENT_SECRET, **extra: str
) -> None:
    monkeypatch.setenv("LEEFBAAR_OIDC_ISSUER", issuer)
    monkeypatch.setenv("LEEFBAAR_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("LEEFBAAR_OIDC_CLIENT_SECRET", secret)
    for name, value in extra.items():
        monkeypatch.setenv(f"LEEFBAAR_{name.upper()}", value)
    get_settings.cache_clear()


@pytest.fixture
def met_oidc(omgeving: Omgeving, provider: Provider, monkeypatch: pytest.MonkeyPatch) -> Omgeving:
    _configure(monkeypatch, provider.issuer)
    return omgeving


def _start(client: Any, volgende: str = "/account") -> str:
    """The browser asks Leefbaar to log in via OIDC: the provider's authorization URL."""
    answer = client.get("/inloggen/oidc", params={"volgende": volgende}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


def _authorize(address: str) -> str:
    """The browser at the provider (the user logs in there): the callback URL it is sent back to."""
    answer = httpx.get(address, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    return str(answer.headers["location"])


def _login(client: Any, volgende: str = "/account") -> httpx.Response:
    return client.get(_authorize(_start(client, volgende)), follow_redirects=False)


def _sessions(url: str) -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM sessie")).scalar_one())


def _logins(url: str) -> list[dict[str, Any]]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT inhoud FROM auditregel ORDER BY volgnummer")).scalars().all()
    return [e for e in (json.loads(r) for r in rows) if e["handeling"] == "inloggen"]


def _session_cookie_set(answer: httpx.Response) -> bool:
    return any(c.startswith(f"{SESSION}=") for c in answer.headers.get_list("set-cookie"))


def _assert_refused(omgeving: Omgeving, answer: httpx.Response, status: int, reden: str) -> dict[str, Any]:
    """No session, the reason on the page, one failed login in the audit log (returned)."""
    assert answer.status_code == status, answer.text
    assert reden in answer.text
    # The message is announced, but the e-mail and password fields were not the problem.
    assert 'id="inlog-fout"' in answer.text and 'aria-invalid="true"' not in answer.text
    assert not _session_cookie_set(answer)
    assert _sessions(omgeving.url) == 0
    last = _logins(omgeving.url)[-1]
    assert last["resultaat"] == "geweigerd"
    assert last["reden"].startswith("OpenID Connect: ") and reden.lower() in last["reden"].lower()
    return last


# ----------------------------------------------------------------------------------------------
# Logging in


@pytest.mark.parametrize(
    "secret",
    [
        CLIENT_SECRET,  # a confidential client: id and secret form-encoded in the Basic header
        "",  # a public client: the client id in the body, PKCE alone protects the code
    ],
)
def test_oidc_login_logs_in_the_mapped_account_and_rotates_the_session(
    met_oidc: Omgeving, provider: Provider, monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    provider.client_secret = secret
    _configure(monkeypatch, provider.issuer, secret)
    client, url = met_oidc.client, met_oidc.url
    # The browser already has a session (of another account): it must end, not be reused.
    old = accounts.start_session(url, met_oidc.accounts["corporatie"])
    client.cookies.set(SESSION, old, domain="testserver.local")
    answer = _login(client)
    assert answer.status_code == 303 and answer.headers["location"] == "/account"
    new = client.cookies.get(SESSION)
    assert new and new != old
    assert accounts.session_account(url, old) is None
    assert accounts.session_account(url, new) == met_oidc.accounts["gemeente"]
    assert _sessions(url) == 1
    page = client.get("/account", follow_redirects=False)
    assert page.status_code == 200 and ACCOUNTS["gemeente"][0] in page.text
    # What the provider was asked: the callback, openid + email, a nonce, PKCE with S256.
    asked = provider.authorizations[-1]
    assert asked["redirect_uri"] == CALLBACK
    assert asked["scope"].split() == ["openid", "email"]
    assert len(asked["nonce"]) >= 20 and asked["code_challenge_method"] == "S256"
    last = _logins(url)[-1]
    assert (last["resultaat"], last["gebruiker"]) == ("toegestaan", met_oidc.accounts["gemeente"].account_id)
    assert last["reden"] == "OpenID Connect: aangemeld"
    assert f"{oidc.COOKIE}=;" in ";".join(answer.headers.get_list("set-cookie"))  # the attempt is used up


def test_oidc_login_works_for_an_account_without_password(met_oidc: Omgeving, provider: Provider) -> None:
    created = accounts.create_account(met_oidc.url, "alleen-oidc@x.nl", "zorgpartner", "ZP0003", None)
    provider.email = "Alleen-OIDC@x.nl"  # the provider's spelling; addresses compare without case
    answer = _login(met_oidc.client, "/signalen")
    assert answer.status_code == 303 and answer.headers["location"] == "/signalen"
    assert accounts.session_account(met_oidc.url, met_oidc.client.cookies.get(SESSION)) == created


def test_the_claim_to_match_is_configurable(
    met_oidc: Omgeving, provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(monkeypatch, provider.issuer, oidc_claim="preferred_username")

    def as_upn(claims: dict[str, Any]) -> None:
        claims["preferred_username"] = ACCOUNTS["corporatie"][0]
        claims["email_verified"] = False  # only checked when the claim is `email`

    provider.edit = as_upn  # e-mail stays the gemeente's: it must not be the one used
    assert _login(met_oidc.client).status_code == 303
    found = accounts.session_account(met_oidc.url, met_oidc.client.cookies.get(SESSION))
    assert found == met_oidc.accounts["corporatie"]


def test_several_audiences_need_azp_equal_to_the_client(met_oidc: Omgeving, provider: Provider) -> None:
    provider.edit = lambda c: c.update(aud=[CLIENT_ID, "ander-systeem"], azp=CLIENT_ID)
    assert _login(met_oidc.client).status_code == 303
    assert _sessions(met_oidc.url) == 1


def test_no_open_redirect_after_an_oidc_login(met_oidc: Omgeving) -> None:
    answer = _login(met_oidc.client, "//kwaadwillend.example/pad")
    assert answer.status_code == 303 and answer.headers["location"] == "/mijn"


# ----------------------------------------------------------------------------------------------
# Refusals: identity and account


def test_unknown_identity_is_refused(met_oidc: Omgeving, provider: Provider) -> None:
    provider.email = "niemand@x.nl"
    last = _assert_refused(met_oidc, _login(met_oidc.client), 403, "geen Leefbaar-account")
    assert last["gebruiker"] == "onbekend"


def test_blocked_account_is_refused(met_oidc: Omgeving) -> None:
    accounts.deactivate(met_oidc.url, ACCOUNTS["gemeente"][0])
    last = _assert_refused(met_oidc, _login(met_oidc.client), 403, "niet actief")
    assert last["gebruiker"] == met_oidc.accounts["gemeente"].account_id


def test_unverified_email_is_refused(met_oidc: Omgeving, provider: Provider) -> None:
    provider.edit = lambda c: c.update(email_verified=False)
    _assert_refused(met_oidc, _login(met_oidc.client), 403, "niet bevestigd")


# ----------------------------------------------------------------------------------------------
# Refusals: the ID token


def _swap_payload(token: str) -> str:
    """The same header and signature around a payload that names the beheerder instead."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["email"] = ACCOUNTS["beheerder"][0]
    return ".".join((header, _b64url(json.dumps(claims).encode()), signature))


def _unsigned(token: str) -> str:
    """The token re-issued with ``alg: none`` and no signature."""
    _, payload, _ = token.split(".")
    return ".".join((_b64url(b'{"alg":"none","typ":"JWT"}'), payload, ""))


@pytest.mark.parametrize(
    ("signing", "after"),
    [
        ("foreign", None),  # another RSA key under the provider's key id
        ("unknown-kid", None),  # another RSA key with a key id not in the JWKS
        ("own", _swap_payload),  # a genuine signature over a payload changed afterwards
        ("own", _unsigned),  # no signature at all
        ("own", lambda token: "geen.jwt"),  # not a JWT
    ],
)
def test_bad_signature_is_refused(
    met_oidc: Omgeving, provider: Provider, signing: str, after: Callable[[str], str] | None
) -> None:
    if signing == "foreign":
        provider.signing_key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"})
    elif signing == "unknown-kid":
        provider.signing_key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-x"})
    provider.after = after
    _assert_refused(met_oidc, _login(met_oidc.client), 400, "handtekening van het ID-token is ongeldig")


def _expired(claims: dict[str, Any]) -> None:
    claims["exp"] = int(time.time()) - 120  # past the 60 s leeway
    claims["iat"] = int(time.time()) - 420


@pytest.mark.parametrize(
    ("edit", "reden"),
    [
        (lambda c: c.update(nonce="een-andere-nonce"), "(nonce)"),  # a token for another attempt
        (_expired, "is verlopen"),  # exp in the past
        (lambda c: c.update(aud="ander-systeem"), "(aud)"),  # issued to another client
        (lambda c: c.update(aud=[CLIENT_ID, "ander-systeem"]), "(aud)"),  # several audiences, no azp
        (lambda c: c.update(iss="https://kwaadwillend.example"), "(iss)"),  # another issuer
        (lambda c: c.pop("nonce"), "mist verplichte gegevens"),  # no nonce at all
    ],
)
def test_wrong_claims_are_refused(
    met_oidc: Omgeving, provider: Provider, edit: Callable[[dict[str, Any]], None], reden: str
) -> None:
    provider.edit = edit
    _assert_refused(met_oidc, _login(met_oidc.client), 400, reden)


# ----------------------------------------------------------------------------------------------
# Refusals: state, cookie, provider


def test_callback_with_another_attempts_state_is_refused(met_oidc: Omgeving) -> None:
    # Login CSRF: the attacker's code and state arrive in a browser that started its own attempt.
    attacker = TestClient(met_oidc.client.app, base_url="https://testserver")
    theirs = _authorize(_start(attacker))
    _start(met_oidc.client)
    answer = met_oidc.client.get(theirs, follow_redirects=False)
    _assert_refused(met_oidc, answer, 400, "hoort niet bij deze inlogpoging (state)")


def test_callback_with_a_changed_state_is_refused(met_oidc: Omgeving) -> None:
    back = _authorize(_start(met_oidc.client))
    state = parse_qs(urlsplit(back).query)["state"][0]
    answer = met_oidc.client.get(back.replace(quote_plus(state), "anders"), follow_redirects=False)
    _assert_refused(met_oidc, answer, 400, "(state)")


def test_callback_without_the_cookie_or_twice_is_refused(met_oidc: Omgeving) -> None:
    back = _authorize(_start(met_oidc.client))
    stranger = TestClient(met_oidc.client.app, base_url="https://testserver")
    _assert_refused(
        met_oidc, stranger.get(back, follow_redirects=False), 400, "niet in deze browser begonnen"
    )
    assert met_oidc.client.get(back, follow_redirects=False).status_code == 303
    # Replayed in the browser that used it: the cookie was cleared, so Leefbaar refuses before
    # even asking the provider (which would refuse the used code as well).
    again = met_oidc.client.get(back, follow_redirects=False)
    assert again.status_code == 400 and "niet in deze browser begonnen" in again.text
    assert not _session_cookie_set(again)
    assert _sessions(met_oidc.url) == 1


def test_provider_refusing_the_login_is_shown(met_oidc: Omgeving, provider: Provider) -> None:
    provider.deny = True
    _assert_refused(met_oidc, _login(met_oidc.client), 400, "geweigerd of afgebroken")


def test_wrong_client_secret_gives_no_token(
    met_oidc: Omgeving, provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(monkeypatch, provider.issuer, "een-verkeerd-geheim")
    _assert_refused(met_oidc, _login(met_oidc.client), 400, "gaf geen ID-token")


def test_provider_unreachable_at_the_start(met_oidc: Omgeving, provider: Provider) -> None:
    provider.stop()
    answer = met_oidc.client.get("/inloggen/oidc", follow_redirects=False)
    _assert_refused(met_oidc, answer, 502, "niet bereikbaar")
    assert oidc.COOKIE not in ";".join(answer.headers.get_list("set-cookie"))


def test_provider_unreachable_at_the_callback(met_oidc: Omgeving, provider: Provider) -> None:
    back = _authorize(_start(met_oidc.client))
    provider.stop()
    _assert_refused(met_oidc, met_oidc.client.get(back, follow_redirects=False), 502, "niet bereikbaar")


def test_discovery_naming_another_issuer_is_refused(met_oidc: Omgeving, provider: Provider) -> None:
    provider.advertised_issuer = "https://kwaadwillend.example"
    answer = met_oidc.client.get("/inloggen/oidc", follow_redirects=False)
    _assert_refused(met_oidc, answer, 502, "noemt zich anders")


# ----------------------------------------------------------------------------------------------
# Not configured


def test_button_and_routes_only_when_configured(
    omgeving: Omgeving, provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = omgeving.client
    page = client.get("/inloggen", params={"volgende": "/account"})
    assert page.status_code == 200 and "/inloggen/oidc" not in page.text
    assert client.get("/inloggen/oidc", follow_redirects=False).status_code == 404
    assert client.get("/inloggen/oidc/terug", params={"code": "x", "state": "y"}).status_code == 404
    assert provider.authorizations == [] and _sessions(omgeving.url) == 0 and _logins(omgeving.url) == []
    _configure(monkeypatch, provider.issuer)
    page = client.get("/inloggen", params={"volgende": "/account"})
    assert 'href="/inloggen/oidc?volgende=/account"' in page.text


@pytest.mark.browser
def test_oidc_login_in_a_real_browser_with_the_keyboard(
    page: Any, live_server: str, provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The live server runs in this process, so it reads these settings; they are undone below.
    _configure(monkeypatch, provider.issuer)
    provider.email = accounts.DEMO_ACCOUNTS[3][0]  # the gemeente demo account of the web database
    try:
        page.goto(live_server + "/inloggen?volgende=/account")
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)
        page.focus("#inloggen-oidc")
        with page.expect_navigation(url=live_server + "/account"):
            page.keyboard.press("Enter")
        assert accounts.DEMO_ACCOUNTS[3][0] in page.content()
        assert provider.authorizations[-1]["redirect_uri"] == live_server + oidc.CALLBACK_PATH
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


# ----------------------------------------------------------------------------------------------
# Without a database: the cookie and the production checks


def _attempt(begonnen: int) -> oidc.Aanvraag:
    return oidc.Aanvraag(
        state="s" * 32, nonce="n" * 32, verifier="v" * 64, volgende="/account", begonnen=begonnen
    )


def test_cookie_round_trip_and_tampering() -> None:
    now = 1_800_000_000
    sealed = oidc.seal(_attempt(now), "geheim-1")
    assert oidc.unseal(sealed, "geheim-1", now + 599) == _attempt(now)
    body, mac = sealed.split(".")
    changed = oidc.seal(oidc.Aanvraag("t" * 32, "n" * 32, "v" * 64, "/", now), "geheim-1").split(".")[0]
    for value in (
        sealed.replace(body, changed),  # another attempt's body under this MAC
        oidc.seal(_attempt(now), "geheim-2"),  # made with another secret
        f"{body}.{'0' * 64}",  # a made-up MAC
        "",  # no cookie
        f"{body}.{mac}é",  # non-ASCII
    ):
        with pytest.raises(oidc.OidcFout):
            oidc.unseal(value, "geheim-1", now)
    with pytest.raises(oidc.OidcFout):
        oidc.unseal(sealed, "geheim-1", now + 601)  # older than 10 minutes
    with pytest.raises(oidc.OidcFout):
        oidc.unseal(sealed, "geheim-1", now - 5)  # from the future


@pytest.mark.parametrize(
    ("issuer", "client_id", "redirect", "problem"),
    [
        ("http://idp.example.nl", CLIENT_ID, CALLBACK, "LEEFBAAR_OIDC_ISSUER"),  # no TLS to the provider
        ("https://idp.example.nl", "", CALLBACK, "LEEFBAAR_OIDC_CLIENT_ID"),  # issuer without client
        ("https://idp.example.nl", CLIENT_ID, "http://leefbaar.example.nl/cb", "LEEFBAAR_OIDC_REDIRECT_URL"),
        # without a fixed callback the redirect URI would follow the request's Host header
        ("https://idp.example.nl", CLIENT_ID, "", "LEEFBAAR_OIDC_REDIRECT_URL ontbreekt"),
        ("https://idp.example.nl", CLIENT_ID, CALLBACK, None),  # a correct configuration
        ("", "", "", None),  # OIDC off
    ],
)
def test_production_refuses_an_unsafe_oidc_configuration(
    issuer: str, client_id: str, redirect: str, problem: str | None
) -> None:
    settings = Settings(
        environment="production",
        secret_key="echt-geheim",
        pseudonym_key="ook-echt-geheim",
        cookie_secure=True,
        oidc_issuer=issuer,
        oidc_client_id=client_id,
        oidc_redirect_url=redirect,
    )
    problems = settings.check_safe()
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]
