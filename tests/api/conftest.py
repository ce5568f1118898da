"""Fixtures for the API tests: a TestClient on the whole app, with a known CORS allowlist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings

ALLOWED_ORIGIN = "https://gemeente.example.nl"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("LEEFBAAR_CORS_ORIGINS", f"{ALLOWED_ORIGIN}, https://corporatie.example.nl/")
    get_settings.cache_clear()
    try:
        # raise_server_exceptions=False: a 500 must come back as a problem answer, as in production.
        with TestClient(create_app(), raise_server_exceptions=False) as c:
            yield c
    finally:
        get_settings.cache_clear()
