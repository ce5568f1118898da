"""The generated OpenAPI document follows the API Design Rules (see also test_spectral.py)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture
def spec(client: TestClient) -> dict[str, Any]:
    return dict(client.get("/api/v1/openapi.json").json())


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, item[m]) for p, item in spec["paths"].items() for m in METHODS if m in item]


def test_openapi_is_served_under_the_versioned_base_path_without_auth(client: TestClient) -> None:
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    assert r.json()["openapi"].startswith("3.")


def test_no_422_and_no_validation_schemas(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        assert "422" not in op["responses"], (path, method)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert "ValidationError" not in spec["components"]["schemas"]


def test_operations_with_input_document_400_with_problem_schema(spec: dict[str, Any]) -> None:
    with_input = [(p, m, op) for p, m, op in operations(spec) if op.get("parameters")]
    assert with_input, "expected at least one operation with parameters"
    for path, method, op in with_input:
        content = op["responses"]["400"]["content"]
        assert content == {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        }, (
            path,
            method,
        )


def test_operations_with_path_parameter_document_404(spec: dict[str, Any]) -> None:
    assert "404" in spec["paths"]["/gemeenten/{code}"]["get"]["responses"]


def test_every_2xx_documents_the_api_version_header(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        for code, response in op["responses"].items():
            if code.startswith("2"):
                assert "API-Version" in response["headers"], (path, method, code)
                assert "Leefbaar-Synthetisch" in response["headers"], (path, method, code)
    assert spec["components"]["headers"]["Leefbaar-Synthetisch"]["schema"]["enum"] == ["ja"]


def test_problem_schema_requires_status_title_detail(spec: dict[str, Any]) -> None:
    problem = spec["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"status", "title", "detail"}
    assert "invalidParams" in problem["properties"]


def test_info_contact_servers_and_semver(spec: dict[str, Any]) -> None:
    assert set(spec["info"]["contact"]) >= {"name", "url", "email"}
    assert spec["info"]["version"] == "1.13.0"
    assert [s["url"] for s in spec["servers"]] == ["https://leefbaar.example.nl/api/v1"]


def test_paths_have_no_trailing_slash_and_are_kebab_case(spec: dict[str, Any]) -> None:
    import re

    # An operation that is no resource may be the last segment, starting with _ (docs/api.md).
    for path in spec["paths"]:
        assert re.fullmatch(r"(/([a-z0-9]+(-[a-z0-9]+)*|\{[A-Za-z]+\}))+(/_[a-z]+)?", path), path


def test_health_still_answers(client: TestClient) -> None:
    r = client.get("/api/v1/health")
    assert r.json()["status"] == "ok"
    assert r.json()["versie"]
