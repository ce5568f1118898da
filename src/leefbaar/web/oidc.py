"""OpenID Connect login: the protocol client (authorization code flow with PKCE, ID-token checks).

Used by ``web/pages/auth.py`` for ``GET /inloggen/oidc`` and ``GET /inloggen/oidc/terug``:

1. :func:`begin` reads the provider's discovery document, draws a random ``state``, ``nonce`` and
   PKCE ``code_verifier``, and returns the provider's authorization URL (with the S256
   ``code_challenge``) and the value of a short-lived cookie that remembers the three secrets and
   the page to return to. The visitor has no Leefbaar session yet, so the cookie takes the place of
   a server-side store: it is HMAC-signed with ``secret_key``, HttpOnly, and valid for 10 minutes.
2. :func:`finish` checks the callback: the cookie's signature and age, ``state`` (constant time),
   the ``iss`` parameter when the provider sends one (RFC 9207); it redeems the code with the
   verifier at the token endpoint and verifies the ID token: the signature against the provider's
   JWKS (RS256, PS256 or ES256 only: never ``none`` or a shared-secret algorithm), ``iss`` equal to
   the configured issuer, ``aud`` containing the client id (and ``azp`` equal to it when there are
   more audiences), ``exp`` in the future and ``iat`` not (60 s leeway for clock skew), ``sub``
   present, and ``nonce`` equal to the cookie's. It returns the verified claims.

Every failure raises :class:`OidcFout` with a Dutch reason for the page and the audit log, and an
HTTP status (502 when the provider cannot be reached or answers nonsense). The discovery document
and the JWKS are fetched at every login: logins are rare, and a rotated key is picked up at once.
Which account the claims belong to is not decided here but in ``services.accounts.oidc_account``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote_plus

import httpx
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError, MissingClaimError
from joserfc.jwk import KeySet

from leefbaar.config import Settings

COOKIE = "leefbaar_oidc"
COOKIE_SECONDS = 600
CALLBACK_PATH = "/inloggen/oidc/terug"
TIMEOUT_SECONDS = 10.0
LEEWAY_SECONDS = 60
#: Asymmetric algorithms only: the key must come from the provider's JWKS, never from a shared secret.
ALGORITHMS = ("RS256", "PS256", "ES256")
#: A return path longer than this is replaced by "/": the cookie must stay well under 4 kB.
MAX_VOLGENDE = 1000

NIET_BEREIKBAAR = "de identiteitsaanbieder is niet bereikbaar of gaf een onbruikbaar antwoord"
NIET_BEGONNEN = "deze inlogpoging is niet in deze browser begonnen of is verlopen; probeer het opnieuw"


class OidcFout(Exception):
    """An OIDC login that cannot go on; ``reden`` is Dutch (for the page and the audit log)."""

    def __init__(self, reden: str, status: int = 400) -> None:
        super().__init__(reden)
        self.reden = reden
        self.status = status


@dataclass(frozen=True)
class Provider:
    """The parts of the provider's discovery document this client uses."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class Aanvraag:
    """What the browser's OIDC cookie remembers between the redirect and the callback."""

    state: str
    nonce: str
    verifier: str
    volgende: str
    begonnen: int


def redirect_url(settings: Settings, base_url: str) -> str:
    """The callback URL: the configured one, or this site's own address plus the callback path."""
    return settings.oidc_redirect_url or base_url.rstrip("/") + CALLBACK_PATH


def scopes(settings: Settings) -> str:
    """The configured scopes with ``openid`` first (without it there is no ID token)."""
    found = ["openid"]
    for scope in settings.oidc_scopes.split():
        if scope not in found:
            found.append(scope)
    return " ".join(found)


# ----------------------------------------------------------------------------------------------
# The two steps


def begin(settings: Settings, redirect_uri: str, volgende: str) -> tuple[str, str]:
    """The provider's authorization URL and the signed cookie value for this login attempt."""
    if not settings.oidc_issuer or not settings.oidc_client_id:
        raise OidcFout("inloggen via een identiteitsaanbieder is niet (volledig) ingesteld", 404)
    with httpx.Client(timeout=TIMEOUT_SECONDS) as client:
        provider = discover(client, settings.oidc_issuer)
    aanvraag = Aanvraag(
        state=secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        verifier=secrets.token_urlsafe(48),  # 64 characters, within RFC 7636's 43 to 128
        volgende=volgende if len(volgende) <= MAX_VOLGENDE else "/",
        begonnen=int(time.time()),
    )
    address = prepare_grant_uri(
        provider.authorization_endpoint,
        client_id=settings.oidc_client_id,
        response_type="code",
        redirect_uri=redirect_uri,
        scope=scopes(settings),
        state=aanvraag.state,
        nonce=aanvraag.nonce,
        code_challenge=create_s256_code_challenge(aanvraag.verifier),
        code_challenge_method="S256",
    )
    return str(address), seal(aanvraag, settings.secret_key)


def finish(
    settings: Settings, redirect_uri: str, cookie: str, params: Mapping[str, str]
) -> tuple[str, dict[str, Any]]:
    """Check the callback and the ID token; the page to return to and the verified claims."""
    if not settings.oidc_issuer or not settings.oidc_client_id:
        raise OidcFout("inloggen via een identiteitsaanbieder is niet (volledig) ingesteld", 404)
    aanvraag = unseal(cookie, settings.secret_key, int(time.time()))
    if not hmac.compare_digest(params.get("state", "").encode("utf-8"), aanvraag.state.encode("ascii")):
        raise OidcFout("het antwoord van de identiteitsaanbieder hoort niet bij deze inlogpoging (state)")
    if "error" in params:
        raise OidcFout("de identiteitsaanbieder heeft het inloggen geweigerd of afgebroken")
    if "iss" in params and params["iss"] != settings.oidc_issuer:
        raise OidcFout("het antwoord komt van een andere identiteitsaanbieder dan ingesteld (iss)")
    code = params.get("code", "")
    if not code:
        raise OidcFout("het antwoord van de identiteitsaanbieder bevat geen code")
    with httpx.Client(timeout=TIMEOUT_SECONDS) as client:
        provider = discover(client, settings.oidc_issuer)
        id_token = redeem(client, provider, settings, code, redirect_uri, aanvraag.verifier)
        jwks = _get_json(client, provider.jwks_uri)
    claims = verify_id_token(id_token, jwks, settings.oidc_issuer, settings.oidc_client_id, aanvraag.nonce)
    return aanvraag.volgende, claims


# ----------------------------------------------------------------------------------------------
# Talking to the provider


def _get_json(client: httpx.Client, address: str) -> dict[str, Any]:
    try:
        answer = client.get(address, headers={"Accept": "application/json"})
        answer.raise_for_status()
        body = answer.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise OidcFout(NIET_BEREIKBAAR, 502) from exc
    if not isinstance(body, dict):
        raise OidcFout(NIET_BEREIKBAAR, 502)
    return body


def discover(client: httpx.Client, issuer: str) -> Provider:
    """The provider's endpoints from ``{issuer}/.well-known/openid-configuration``."""
    document = _get_json(client, issuer.rstrip("/") + "/.well-known/openid-configuration")
    # OpenID Connect Discovery 1.0 §4.3: the document must name exactly the issuer asked for.
    if document.get("issuer") != issuer:
        raise OidcFout("de identiteitsaanbieder noemt zich anders dan de ingestelde issuer", 502)
    fields = ("authorization_endpoint", "token_endpoint", "jwks_uri")
    if not all(isinstance(document.get(f), str) and document[f] for f in fields):
        raise OidcFout(NIET_BEREIKBAAR, 502)
    return Provider(issuer, *(str(document[f]) for f in fields))


def redeem(
    client: httpx.Client, provider: Provider, settings: Settings, code: str, redirect_uri: str, verifier: str
) -> str:
    """Exchange the code (with the PKCE verifier) for an ID token at the token endpoint."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    auth = httpx.Auth()  # the base class sends the request as it is
    if settings.oidc_client_secret:
        # RFC 6749 §2.3.1: id and secret are form-encoded before they go into the Basic header.
        auth = httpx.BasicAuth(
            quote_plus(settings.oidc_client_id, safe=""), quote_plus(settings.oidc_client_secret, safe="")
        )
    else:
        form["client_id"] = settings.oidc_client_id  # a public client identifies itself in the body
    try:
        answer = client.post(
            provider.token_endpoint, data=form, auth=auth, headers={"Accept": "application/json"}
        )
    except httpx.HTTPError as exc:
        raise OidcFout(NIET_BEREIKBAAR, 502) from exc
    if answer.status_code >= 500:
        raise OidcFout(NIET_BEREIKBAAR, 502)
    try:
        body = answer.json()
    except ValueError:
        body = None
    if answer.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("id_token"), str):
        raise OidcFout("de identiteitsaanbieder gaf geen ID-token: de code is ongeldig of verlopen")
    return str(body["id_token"])


# ----------------------------------------------------------------------------------------------
# The ID token


def verify_id_token(
    id_token: str, jwks: Mapping[str, Any], issuer: str, client_id: str, nonce: str
) -> dict[str, Any]:
    """The claims of a correctly signed, current ID token for this client and this login attempt."""
    try:
        keys = KeySet.import_key_set({"keys": list(jwks.get("keys", []))})
    except (JoseError, KeyError, TypeError, ValueError) as exc:
        raise OidcFout("de sleutels van de identiteitsaanbieder (JWKS) zijn onbruikbaar", 502) from exc
    try:
        token = jwt.decode(id_token, keys, algorithms=list(ALGORITHMS))
    except (JoseError, ValueError, TypeError) as exc:
        raise OidcFout("de handtekening van het ID-token is ongeldig") from exc
    registry = jwt.JWTClaimsRegistry(
        leeway=LEEWAY_SECONDS,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": client_id},
        exp={"essential": True},
        iat={"essential": True},
        sub={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(token.claims)
    except ExpiredTokenError as exc:
        raise OidcFout("het ID-token is verlopen") from exc
    except MissingClaimError as exc:
        raise OidcFout(f"het ID-token mist verplichte gegevens ({exc.claim})") from exc
    except ClaimError as exc:
        raise OidcFout(_claim_reason(exc.claim)) from exc
    audience = token.claims["aud"]
    # OIDC Core §3.1.3.7: with several audiences, the token must have been issued to this client.
    if isinstance(audience, list) and len(audience) > 1 and token.claims.get("azp") != client_id:
        raise OidcFout(_claim_reason("aud"))
    return dict(token.claims)


def _claim_reason(claim: str) -> str:
    reasons = {
        "iss": "het ID-token is niet door de ingestelde identiteitsaanbieder uitgegeven (iss)",
        "aud": "het ID-token is niet voor Leefbaar bestemd (aud)",
        "nonce": "het ID-token hoort niet bij deze inlogpoging (nonce)",
    }
    return reasons.get(claim, f"het ID-token heeft een ongeldige waarde voor {claim}")


# ----------------------------------------------------------------------------------------------
# The signed cookie


def _mac(body: str, secret: str) -> str:
    # The "oidc|" label keeps these MACs apart from the CSRF tokens made with the same secret.
    return hmac.new(secret.encode("utf-8"), f"oidc|{body}".encode("ascii"), hashlib.sha256).hexdigest()


def seal(aanvraag: Aanvraag, secret: str) -> str:
    """The cookie value: base64url JSON of the attempt, a dot, and its HMAC-SHA256."""
    data = json.dumps(asdict(aanvraag), separators=(",", ":")).encode("utf-8")
    body = base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
    return f"{body}.{_mac(body, secret)}"


def unseal(value: str, secret: str, now: int) -> Aanvraag:
    """The attempt from a cookie value made by :func:`seal`, if genuine and not older than 10 minutes."""
    body, _, mac = value.rpartition(".")
    if (
        not body
        or not body.isascii()
        or not hmac.compare_digest(mac.encode("utf-8"), _mac(body, secret).encode())
    ):
        raise OidcFout(NIET_BEGONNEN)
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        aanvraag = Aanvraag(**data)
    except (ValueError, TypeError) as exc:  # signed by us, so only after a change of format
        raise OidcFout(NIET_BEGONNEN) from exc
    if not 0 <= now - aanvraag.begonnen <= COOKIE_SECONDS:
        raise OidcFout(NIET_BEGONNEN)
    return aanvraag
