"""The public API under /api/v1, following the Logius API Design Rules."""

from __future__ import annotations

from fastapi import FastAPI

from leefbaar import __version__


def create_api() -> FastAPI:
    api = FastAPI(title="Leefbaar API", version="1.0.0", openapi_url="/openapi.json", docs_url=None,
                  redoc_url=None)

    @api.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "versie": __version__}

    return api
