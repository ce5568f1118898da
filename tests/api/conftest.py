"""Fixtures for the API tests: a TestClient on the whole app over the tiny demo, with a CORS allowlist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings

ALLOWED_ORIGIN = "https://gemeente.example.nl"


def make_client(monkeypatch: pytest.MonkeyPatch, url: str) -> Iterator[TestClient]:
    monkeypatch.setenv("LEEFBAAR_CORS_ORIGINS", f"{ALLOWED_ORIGIN}, https://corporatie.example.nl/")
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        # raise_server_exceptions=False: a 500 must come back as a problem answer, as in production.
        with TestClient(create_app(), raise_server_exceptions=False) as c:
            yield c
    finally:
        get_settings.cache_clear()


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, tiny_duckdb: str) -> Iterator[TestClient]:
    """The API on the tiny demo (DuckDB)."""
    yield from make_client(monkeypatch, tiny_duckdb)


@pytest.fixture
def client_both(monkeypatch: pytest.MonkeyPatch, tiny_db: str) -> Iterator[TestClient]:
    """The API on the tiny demo, on DuckDB and on PostgreSQL."""
    yield from make_client(monkeypatch, tiny_db)
