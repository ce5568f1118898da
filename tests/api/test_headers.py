"""API-Version, security headers and CORS on every API answer (ADR version-header, security-headers, cors)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import make_client

ALLOWED_ORIGIN = "https://gemeente.example.nl"  # in the allowlist set by the client fixture (conftest.py)

# (method, path, expected status, Cache-Control) - every kind of answer must carry the headers
ANSWERS = [
    ("GET", "/api/v1/health", 200, "no-store"),  # success
    ("GET", "/api/v1/openapi.json", 200, "no-store"),  # the published spec
    ("GET", "/api/v1/gemeenten", 200, "no-cache"),  # a collection of public data: revalidate (ETag)
    ("GET", "/api/v1/bestaat-niet", 404, "no-store"),  # unknown path
    ("GET", "/api/v1/gemeenten/GM9999", 404, "no-store"),  # unknown resource
    ("GET", "/api/v1/gemeenten?indelingsjaar=abc", 400, "no-store"),  # invalid input
    ("DELETE", "/api/v1/health", 405, "no-store"),  # method not allowed
]


@pytest.mark.parametrize(("method", "path", "status", "cache_control"), ANSWERS)
def test_every_answer_has_api_version_and_security_headers(
    client: TestClient, method: str, path: str, status: int, cache_control: str
) -> None:
    r = client.request(method, path)
    assert r.status_code == status
    assert r.headers["API-Version"] == "1.13.0"
    assert r.headers["Cache-Control"] == cache_control
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")


def test_api_version_header_matches_the_spec_version(client: TestClient) -> None:
    r = client.get("/api/v1/openapi.json")
    assert r.json()["info"]["version"] == r.headers["API-Version"]


def test_allowed_origin_is_echoed(client: TestClient) -> None:
    r = client.get("/api/v1/health", headers={"Origin": ALLOWED_ORIGIN})
    assert r.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "Origin" in r.headers["Vary"]
    assert "API-Version" in r.headers["Access-Control-Expose-Headers"]


def test_allowlist_entry_with_trailing_slash_matches_origin_without(client: TestClient) -> None:
    r = client.get("/api/v1/health", headers={"Origin": "https://corporatie.example.nl"})
    assert r.headers["Access-Control-Allow-Origin"] == "https://corporatie.example.nl"


def test_other_origin_gets_no_cors_header(client: TestClient) -> None:
    r = client.get("/api/v1/health", headers={"Origin": "https://kwaadwillend.example.com"})
    assert r.status_code == 200
    assert "Access-Control-Allow-Origin" not in r.headers


def test_openapi_json_is_open_to_every_origin(client: TestClient) -> None:
    r = client.get("/api/v1/openapi.json", headers={"Origin": "https://kwaadwillend.example.com"})
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_star_is_only_for_openapi_json(client: TestClient) -> None:
    r = client.get("/api/v1/gemeenten", headers={"Origin": "https://kwaadwillend.example.com"})
    assert r.headers.get("Access-Control-Allow-Origin") != "*"


def test_preflight_from_allowed_origin(client: TestClient) -> None:
    r = client.options(
        "/api/v1/gemeenten",
        headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "GET"},
    )
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "GET" in r.headers["Access-Control-Allow-Methods"]
    assert r.headers["API-Version"] == "1.13.0"


def test_preflight_from_other_origin_is_refused(client: TestClient) -> None:
    r = client.options(
        "/api/v1/gemeenten",
        headers={"Origin": "https://kwaadwillend.example.com", "Access-Control-Request-Method": "GET"},
    )
    assert r.status_code == 403
    assert r.headers["Content-Type"] == "application/problem+json"
    assert "Access-Control-Allow-Origin" not in r.headers


def test_no_cors_header_without_origin(client: TestClient) -> None:
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/health").headers


def test_synthetic_demo_data_is_flagged_on_every_answer(client: TestClient) -> None:
    # The tiny demo is synthetic: a client that only reads JSON still learns so.
    for _method, path, _status, _cache_control in ANSWERS:
        assert client.get(path).headers.get("Leefbaar-Synthetisch") == "ja", path


def test_no_synthetic_flag_without_demo_data(monkeypatch: pytest.MonkeyPatch, empty_db: str) -> None:
    for empty_client in make_client(monkeypatch, empty_db):
        r = empty_client.get("/api/v1/health")
        assert r.status_code == 200
        assert "Leefbaar-Synthetisch" not in r.headers
