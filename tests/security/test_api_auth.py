"""API authentication: bearer tokens with scopes, 401/403 as problem+json, /signalen per role,
guessing another organisation's signal ids."""

from __future__ import annotations

import secrets

import pytest

from leefbaar.services import accounts, sharing
from tests.security.conftest import Omgeving
from tests.security.helpers import ACCOUNTS, DOEL

PROBLEM = "application/problem+json"


def _token(o: Omgeving, who: str, scopes: str = "lezen signalen") -> dict[str, str]:
    token, _ = accounts.create_token(o.url, ACCOUNTS[who][0], scopes)
    return {"Authorization": f"Bearer {token}"}


def test_no_token_is_401_problem_with_challenge(omgeving: Omgeving) -> None:
    answer = omgeving.client.get("/api/v1/signalen", params={"doel": DOEL})
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith(PROBLEM)
    assert answer.headers["www-authenticate"].startswith("Bearer")
    body = answer.json()
    assert body["status"] == 401 and body["title"] == "Niet aangemeld" and "Bearer" in body["detail"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer lb_000000000000_nep",  # unknown token
        "Bearer niet-eens-de-vorm",  # not our format
        "Basic Z206eA==",  # another scheme
    ],
)
def test_invalid_token_is_401(omgeving: Omgeving, header: str) -> None:
    answer = omgeving.client.get("/api/v1/signalen", params={"doel": DOEL}, headers={"Authorization": header})
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith(PROBLEM)


def test_missing_scope_is_403_insufficient_scope(omgeving: Omgeving) -> None:
    answer = omgeving.client.get(
        "/api/v1/signalen", params={"doel": DOEL}, headers=_token(omgeving, "gemeente", "lezen")
    )
    assert answer.status_code == 403
    assert 'error="insufficient_scope"' in answer.headers["www-authenticate"]
    assert "scope 'signalen'" in answer.json()["detail"]


def test_revoked_token_is_401(omgeving: Omgeving) -> None:
    token, info = accounts.create_token(omgeving.url, ACCOUNTS["gemeente"][0], "signalen")
    accounts.revoke_token(omgeving.url, info.token_id)
    answer = omgeving.client.get(
        "/api/v1/signalen", params={"doel": DOEL}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 401


@pytest.mark.parametrize(
    ("rol", "status", "aantal"),
    [
        ("gemeente", 200, 1),  # the receiver under the agreement
        ("andere_gemeente", 200, 0),  # may receive signals, but none were shared with it
        ("corporatie", 200, 0),  # the provider: received none itself
        ("zorgpartner", 200, 0),  # another purpose's agreement
        ("ministerie", 403, None),  # never personal data
        ("provincie", 403, None),
        ("huurders", 403, None),
        ("beheerder", 403, None),
    ],
)
def test_signals_per_role(omgeving: Omgeving, rol: str, status: int, aantal: int | None) -> None:
    sharing.share_signal(
        omgeving.url, omgeving.accounts["corporatie"], "HH-1", "GM0363", "betalingsachterstand", DOEL, "x"
    )
    answer = omgeving.client.get("/api/v1/signalen", params={"doel": DOEL}, headers=_token(omgeving, rol))
    assert answer.status_code == status, answer.text
    if aantal is not None:
        assert len(answer.json()["_embedded"]["signalen"]) == aantal
    else:
        assert answer.headers["content-type"].startswith(PROBLEM)


def test_guessing_signal_ids_through_the_api(omgeving: Omgeving) -> None:
    s = sharing.share_signal(
        omgeving.url, omgeving.accounts["corporatie"], "HH-1", "GM0363", "betalingsachterstand", DOEL, "x"
    )
    own = omgeving.client.get(
        f"/api/v1/signalen/{s.signaal_id}", params={"doel": DOEL}, headers=_token(omgeving, "gemeente")
    )
    assert own.status_code == 200 and own.json()["pseudoniem"] == s.pseudoniem
    for rol in ("andere_gemeente", "andere_corporatie", "zorgpartner"):
        headers = _token(omgeving, rol)
        for guess in (s.signaal_id, secrets.token_hex(16)):
            answer = omgeving.client.get(f"/api/v1/signalen/{guess}", params={"doel": DOEL}, headers=headers)
            assert answer.status_code == 404, (rol, guess)
            assert answer.json()["detail"] == "Dit signaal bestaat niet of is niet voor uw organisatie."
    # An id that cannot be one is a 400, not a database error.
    bad = omgeving.client.get(
        "/api/v1/signalen/1%20OR%201=1", params={"doel": DOEL}, headers=_token(omgeving, "gemeente")
    )
    assert bad.status_code == 400


def test_api_sets_no_cookies(omgeving: Omgeving) -> None:
    answer = omgeving.client.get(
        "/api/v1/signalen", params={"doel": DOEL}, headers=_token(omgeving, "gemeente")
    )
    assert "set-cookie" not in answer.headers
