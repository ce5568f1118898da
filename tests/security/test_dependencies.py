"""The one-call protections page and endpoint authors use: ``web.security.beleid`` /
``login_vereist`` and ``api.security.api_beleid`` / ``scope_vereist``, on a small app of their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import Depends, FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from leefbaar.api.problems import install_problem_handlers
from leefbaar.api.security import ApiToegang, api_beleid
from leefbaar.config import get_settings
from leefbaar.privacy.policy import Resource
from leefbaar.services import accounts
from leefbaar.web.security import SESSION_COOKIE, Toegang, beleid, install
from tests.security.helpers import ACCOUNTS, make_accounts


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/corporaties/{code}/voorraad", response_class=PlainTextResponse)
    def voorraad(
        code: str, toegang: Toegang = Depends(beleid(Resource.VOORRAAD_DETAIL, eigenaar="code"))
    ) -> str:
        return f"voorraad {code} voor {toegang.account.email if toegang.account else '-'}"

    @app.get("/api/corporaties/{code}/voorraad")
    def api_voorraad(
        code: str, toegang: ApiToegang = Depends(api_beleid(Resource.VOORRAAD_DETAIL, eigenaar="code"))
    ) -> dict[str, str]:
        return {"code": code, "reden": toegang.decision.reason}

    install(app)
    install_problem_handlers(app)
    return app


@pytest.fixture
def setup(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, str]]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", empty_db)
    get_settings.cache_clear()
    make_accounts(empty_db)
    try:
        with TestClient(_app(), base_url="https://testserver") as client:
            yield client, empty_db
    finally:
        get_settings.cache_clear()


def _as(client: TestClient, url: str, who: str) -> None:
    account = accounts.get_account(url, ACCOUNTS[who][0])
    assert account is not None
    client.cookies.set(SESSION_COOKIE, accounts.start_session(url, account))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 303),  # a visitor is sent to the login page
        ("corporatie", 200),  # L0001 sees its own stock
        ("andere_corporatie", 403),  # L0003 does not see L0001's stock
        ("gemeente", 403),  # a municipality sees aggregates only
        ("beheerder", 403),  # not even the beheerder
    ],
)
def test_web_page_protected_with_one_dependency(
    setup: tuple[TestClient, str], who: str | None, status: int
) -> None:
    client, url = setup
    if who:
        _as(client, url, who)
    answer = client.get("/corporaties/L0001/voorraad", follow_redirects=False)
    assert answer.status_code == status
    if status == 303:
        assert answer.headers["location"] == "/inloggen?volgende=/corporaties/L0001/voorraad"
    if status == 403:
        assert "Geen toegang" in answer.text and "ziet" in answer.text  # the policy's Dutch reason
    if status == 200:
        assert answer.text == "voorraad L0001 voor l@x.nl"


@pytest.mark.parametrize(
    ("who", "scope", "status"),
    [
        (None, None, 401),  # no token
        ("corporatie", "lezen", 200),  # own stock, scope lezen
        ("corporatie", "signalen", 403),  # the right account, but a token without 'lezen'
        ("andere_corporatie", "lezen", 403),  # another association
        ("ministerie", "lezen", 403),  # aggregates only
    ],
)
def test_api_endpoint_protected_with_one_dependency(
    setup: tuple[TestClient, str], who: str | None, scope: str | None, status: int
) -> None:
    client, url = setup
    headers = {}
    if who and scope:
        token, _ = accounts.create_token(url, ACCOUNTS[who][0], scope)
        headers["Authorization"] = f"Bearer {token}"
    answer = client.get("/api/corporaties/L0001/voorraad", headers=headers)
    assert answer.status_code == status
    if status != 200:
        assert answer.headers["content-type"].startswith("application/problem+json")
    else:
        assert answer.json() == {"code": "L0001", "reden": "eigen woningvoorraad in detail"}
