"""API security: bearer tokens with scopes and policy checks per endpoint.

For endpoint authors (see docs/security.md, "Protecting an endpoint"):

- ``identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.LEZEN))``: a valid bearer token with
  that scope. Without a token or with an invalid one: 401 problem+json with
  ``WWW-Authenticate: Bearer``; without the scope: 403 with ``error="insufficient_scope"``.
- ``toegang: ApiToegang = Depends(api_beleid(Resource.AGGREGATEN_PER_PARTIJ, eigenaar="code"))``:
  additionally an allowed ``privacy.policy`` decision, owner taken from the path parameter
  ``code``; a refusal is a 403 problem with the policy's Dutch reason. Public aggregates need no
  token: do not protect them.

Tokens are made with ``leefbaar accounts token`` and sent as ``Authorization: Bearer lb_...``.
The API keeps no session (ADR /core/stateless); it sets no cookies, so it needs no CSRF check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from leefbaar.config import get_settings
from leefbaar.privacy.policy import Decision, Resource, Verzoek
from leefbaar.services import accounts, processing_log, sharing
from leefbaar.services.accounts import Account, Scope

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiToken",
    description="API-token van een account (leefbaar accounts token), als 'Authorization: Bearer lb_...'.",
)


#: Documented answers for a protected operation: ``@router.get(..., responses=AUTH_RESPONSES)``
#: (api/openapi.py gives them the problem+json schema).
AUTH_RESPONSES: dict[int | str, dict[str, str]] = {
    401: {"description": "Niet aangemeld: geen, een onbekend, verlopen of ingetrokken API-token."},
    403: {"description": "Geen toegang: het token mist de scope, of het beleid staat dit niet toe."},
}


def _challenge(error: str | None = None, scope: Scope | None = None) -> dict[str, str]:
    value = 'Bearer realm="leefbaar"'
    if error:
        value += f', error="{error}"'
    if scope:
        value += f', scope="{scope.value}"'
    return {"WWW-Authenticate": value}


@dataclass(frozen=True)
class ApiIdentiteit:
    account: Account
    scopes: frozenset[Scope]


@dataclass(frozen=True)
class ApiToegang:
    account: Account
    decision: Decision


def api_identiteit(
    credentials: HTTPAuthorizationCredentials | None = Security(_bearer),
) -> ApiIdentiteit:
    """Dependency: the account behind the bearer token; 401 problem when missing or invalid."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401, "Geef een API-token mee: Authorization: Bearer <token>.", headers=_challenge()
        )
    found = accounts.token_account(get_settings().database_url, credentials.credentials)
    if found is None:
        raise HTTPException(
            401, "Het API-token is onbekend, verlopen of ingetrokken.", headers=_challenge("invalid_token")
        )
    return ApiIdentiteit(*found)


def scope_vereist(scope: Scope) -> Callable[[ApiIdentiteit], ApiIdentiteit]:
    """Dependency factory: a token that carries ``scope``; 403 problem otherwise."""

    def dependency(identiteit: ApiIdentiteit = Depends(api_identiteit)) -> ApiIdentiteit:
        if scope not in identiteit.scopes:
            raise HTTPException(
                403,
                f"Dit API-token heeft niet de scope '{scope.value}'.",
                headers=_challenge("insufficient_scope", scope),
            )
        return identiteit

    return dependency


def api_beleid(
    resource: Resource,
    *,
    eigenaar: str | None = None,
    gemeente: str | None = None,
    doel: str | None = None,
    scope: Scope = Scope.LEZEN,
) -> Callable[..., ApiToegang]:
    """Dependency factory: token with ``scope`` and an allowed policy decision for ``resource``.

    ``eigenaar`` / ``gemeente`` name path or query parameters holding the owner party and the
    municipality; ``doel`` is a fixed purpose, or ``"?doel"`` to take the ``doel`` query key.
    """

    def dependency(request: Request, identiteit: ApiIdentiteit = Depends(scope_vereist(scope))) -> ApiToegang:
        def param(name: str | None) -> str | None:
            return None if name is None else request.path_params.get(name) or request.query_params.get(name)

        purpose = request.query_params.get("doel") if doel == "?doel" else doel
        verzoek = Verzoek(resource, param(eigenaar), param(gemeente), None, purpose)
        url = get_settings().database_url
        decision = sharing.authorize(url, identiteit.account, verzoek)
        if not decision:
            processing_log.record_refusal(
                url, identiteit.account, f"{request.method} {request.url.path}", decision.reason
            )
            raise HTTPException(403, decision.reason[0].upper() + decision.reason[1:] + ".")
        return ApiToegang(identiteit.account, decision)

    return dependency
