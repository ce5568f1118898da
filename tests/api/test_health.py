"""Liveness and readiness: the process answers without the database; it is ready only when the
database answers and its schema is at the head, else 503 with a problem that says why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from leefbaar.api.routers import health
from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.services import database, demo
from leefbaar.storage import migrate


def _client(monkeypatch: pytest.MonkeyPatch, url: str) -> Iterator[TestClient]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", url)
    get_settings.cache_clear()
    # No lifespan: start-up would create the schema of an empty database, and these tests look at
    # databases that are not ready.
    yield TestClient(create_app(), raise_server_exceptions=False)
    get_settings.cache_clear()


@pytest.fixture
def ready(monkeypatch: pytest.MonkeyPatch, empty_db: str) -> Iterator[TestClient]:
    yield from _client(monkeypatch, empty_db)


@pytest.fixture
def behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[TestClient]:
    """A database whose schema stopped at the first migration (``leefbaar db upgrade`` not run)."""
    url = f"duckdb:///{tmp_path / 'oud.duckdb'}"
    migrate.upgrade(url, "0001")
    yield from _client(monkeypatch, url)


def test_liveness_needs_no_database(monkeypatch: pytest.MonkeyPatch) -> None:
    for client in _client(monkeypatch, "postgresql+psycopg://leefbaar@127.0.0.1:9/bestaat_niet"):
        for path in ("/api/v1/health", "/api/v1/health/live"):
            r = client.get(path)
            assert r.status_code == 200 and r.json()["status"] == "ok"


def test_probes_do_not_ask_the_database_for_the_synthetic_flag(
    monkeypatch: pytest.MonkeyPatch, ready: TestClient
) -> None:
    """A liveness probe must not wait on a database that hangs (the flag would ask it)."""
    asked: list[str] = []
    monkeypatch.setattr(demo, "is_synthetisch_cached", lambda url: asked.append(url) or False)
    assert ready.get("/api/v1/health/live").status_code == 200
    assert ready.get("/api/v1/health/ready").status_code == 200
    assert asked == []
    ready.get("/api/v1/health")  # the old path keeps its flag, as every other answer
    assert len(asked) == 1


def test_ready_when_the_schema_is_at_the_head(ready: TestClient) -> None:
    r = ready.get("/api/v1/health/ready")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    assert set(r.json()["schemaversie"].split(",")) == set(migrate.head_revision().split(","))


def test_not_ready_when_migrations_are_behind(behind: TestClient) -> None:
    r = behind.get("/api/v1/health/ready")
    assert r.status_code == 503
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.headers["Retry-After"] == "10"
    problem = r.json()
    assert problem["status"] == 503 and problem["title"] == "Dienst niet beschikbaar"
    assert "schemaversie 0001" in problem["detail"] and "leefbaar db upgrade" in problem["detail"]
    assert behind.get("/api/v1/health/live").status_code == 200  # alive all the same


def test_not_ready_when_the_database_does_not_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    for client in _client(monkeypatch, "postgresql+psycopg://leefbaar@127.0.0.1:9/bestaat_niet"):
        r = client.get("/api/v1/health/ready")
        assert r.status_code == 503
        assert r.json()["detail"] == "De database is niet bereikbaar."
        assert "127.0.0.1" not in r.text  # nothing about where the database is


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (None, "nog geen schema"),  # an empty database
        ("0001", "schemaversie 0001"),  # behind
    ],
)
def test_readiness_reasons(monkeypatch: pytest.MonkeyPatch, current: str | None, expected: str) -> None:
    monkeypatch.setattr(database, "status", lambda _url: (current, "0011_zoeken"))
    (reason,) = database.readiness("duckdb:///niet-gebruikt.duckdb")
    assert expected in reason


def test_start_up_does_not_fail_on_an_outdated_schema(behind: TestClient) -> None:
    with behind:  # the lifespan runs: it logs the problem, the process keeps answering
        assert behind.get("/api/v1/health/ready").status_code == 503
        assert behind.get("/api/v1/health").status_code == 200


def test_health_router_documents_both_probes() -> None:
    paths = {route.path for route in health.router.routes}  # type: ignore[attr-defined]
    assert {"/health", "/health/live", "/health/ready"} <= paths
