"""Fixtures: the whole app on a fresh database (both backends), with accounts for every role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.services.accounts import Account
from tests.security.helpers import make_accounts, standard_agreements


@dataclass
class Omgeving:
    client: TestClient
    url: str
    accounts: dict[str, Account]


@pytest.fixture
def omgeving(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Omgeving]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", empty_db)
    monkeypatch.setenv("LEEFBAAR_ENVIRONMENT", "development")
    get_settings.cache_clear()
    accs = make_accounts(empty_db)
    standard_agreements(empty_db, accs["beheerder"])
    try:
        # https: the cookies are Secure, so a client on http would (rightly) not send them back.
        with TestClient(create_app(), base_url="https://testserver", raise_server_exceptions=False) as client:
            yield Omgeving(client, empty_db, accs)
    finally:
        get_settings.cache_clear()
