"""Post-process FastAPI's generated OpenAPI document so it follows the API Design Rules.

FastAPI documents a 422 with ``HTTPValidationError`` for every operation with input; we answer
400 with a problem instead. This module removes the 422s and their schemas, documents 400 (for
every operation with input), 404 (for every operation with a path parameter) and 500 as
``application/problem+json`` with the ``Problem`` schema, and puts the ``API-Version`` header
on every 2xx/3xx answer. The linter (tools/adr-linter/linter.yaml) checks the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from leefbaar.api.problems import PROBLEM_JSON, TITLES, InvalidParam, Problem

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
VERSION_HEADER_REF = {"$ref": "#/components/headers/API-Version"}
SYNTHETIC_HEADER_REF = {"$ref": "#/components/headers/Leefbaar-Synthetisch"}


def _headers() -> dict[str, Any]:
    return {"API-Version": VERSION_HEADER_REF, "Leefbaar-Synthetisch": SYNTHETIC_HEADER_REF}


def _problem_response(status: int) -> dict[str, Any]:
    return {
        "description": TITLES[status],
        "headers": _headers(),
        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
    }


def _has_input(operation: dict[str, Any]) -> bool:
    return bool(operation.get("parameters")) or "requestBody" in operation


def _has_path_parameter(operation: dict[str, Any]) -> bool:
    return any(p.get("in") == "path" for p in operation.get("parameters", []))


def fix_operation(operation: dict[str, Any]) -> None:
    """Rewrite one operation's responses in place (see the module docstring)."""
    responses: dict[str, Any] = operation.setdefault("responses", {})
    responses.pop("422", None)
    for code, response in responses.items():
        if code[0] in "23":
            response.setdefault("headers", {}).update(_headers())
            if response.get("description") == "Successful Response":
                response["description"] = "Gelukt"
    if _has_input(operation):
        responses.setdefault("400", _problem_response(400))
    if _has_path_parameter(operation):
        responses.setdefault("404", _problem_response(404))
    responses.setdefault("500", _problem_response(500))
    for code, response in responses.items():
        # A route may document its own 4xx/5xx; make sure it uses the problem media type too.
        if code[0] in "45" and PROBLEM_JSON not in response.get("content", {}):
            response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}


def fix_document(doc: dict[str, Any], api_version: str) -> dict[str, Any]:
    """Apply the ADR post-processing to a whole generated document (returns the same dict)."""
    for path_item in doc.get("paths", {}).values():
        for method in HTTP_METHODS:
            if method in path_item:
                fix_operation(path_item[method])
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["InvalidParam"] = InvalidParam.model_json_schema()
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    problem.pop("$defs", None)
    problem["required"] = ["status", "title", "detail"]
    schemas["Problem"] = problem
    components.setdefault("headers", {})["API-Version"] = {
        "description": "De volledige versie van de API (semver), bij elk antwoord.",
        "schema": {"type": "string", "example": api_version},
    }
    components["headers"]["Leefbaar-Synthetisch"] = {
        "description": "'ja' zolang de database synthetische demogegevens bevat; anders ontbreekt de header.",
        "schema": {"type": "string", "enum": ["ja"]},
    }
    if not components["schemas"]:
        del components["schemas"]
    return doc


def install_openapi(api: FastAPI) -> Callable[[], dict[str, Any]]:
    """Replace ``api.openapi`` with a cached, post-processed version."""

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            doc = get_openapi(
                title=api.title,
                version=api.version,
                openapi_version=api.openapi_version,
                summary=api.summary,
                description=api.description,
                routes=api.routes,
                tags=api.openapi_tags,
                servers=api.servers,
                contact=api.contact,
                license_info=api.license_info,
            )
            api.openapi_schema = fix_document(doc, api.version)
        return api.openapi_schema

    api.openapi = openapi  # type: ignore[method-assign]
    return openapi
