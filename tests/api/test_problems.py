"""Errors are problem details with Dutch texts; invalid input is a 400 listing all errors."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from leefbaar.api.middleware import ApiHeadersMiddleware
from leefbaar.api.problems import install_problem_handlers


def test_unknown_path_is_a_problem_404(client: TestClient) -> None:
    r = client.get("/api/v1/bestaat-niet")
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 404
    assert body["title"] == "Niet gevonden"
    assert body["detail"] == "De opgevraagde bron bestaat niet."
    assert body["instance"] == "/api/v1/bestaat-niet"


def test_unknown_resource_is_a_problem_404_naming_it(client: TestClient) -> None:
    r = client.get("/api/v1/gemeenten/GM9999")
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"
    assert "GM9999" in r.json()["detail"]


def test_invalid_query_is_400_not_422_and_lists_every_error(client: TestClient) -> None:
    r = client.get("/api/v1/gemeenten?indelingsjaar=abc&pagina=0&paginagrootte=1000")
    assert r.status_code == 400
    assert r.headers["Content-Type"] == "application/problem+json"
    body = r.json()
    assert body["title"] == "Ongeldige invoer"
    assert body["status"] == 400
    by_name = {p["name"]: p for p in body["invalidParams"]}
    assert set(by_name) == {"indelingsjaar", "pagina", "paginagrootte"}
    assert by_name["indelingsjaar"]["reason"] == "Moet een geheel getal zijn."
    assert by_name["pagina"]["reason"] == "Is te klein."
    assert by_name["paginagrootte"]["reason"] == "Is te groot."
    assert body["detail"].startswith("De invoer bevat 3 fouten")


def test_invalid_path_parameter_is_400(client: TestClient) -> None:
    r = client.get("/api/v1/gemeenten/amsterdam")
    assert r.status_code == 400
    assert r.json()["invalidParams"] == [
        {"name": "code", "code": "string_pattern_mismatch", "reason": "Heeft niet de verwachte vorm."}
    ]


def test_wrong_method_is_a_problem_405(client: TestClient) -> None:
    r = client.post("/api/v1/health")
    assert r.status_code == 405
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json()["title"] == "Methode niet toegestaan"


def test_unexpected_exception_is_a_problem_500_with_headers() -> None:
    api = FastAPI()

    @api.get("/stuk")
    def stuk() -> None:
        raise RuntimeError("geheime interne details")

    install_problem_handlers(api)
    api.add_middleware(ApiHeadersMiddleware, api_version="1.0.0", cors_origins=[])
    r = TestClient(api, raise_server_exceptions=False).get("/stuk")
    assert r.status_code == 500
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.headers["API-Version"] == "1.0.0"
    assert "geheime" not in r.text  # /core/hide-implementation
    assert r.json()["title"] == "Interne fout"
