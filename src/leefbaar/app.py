"""Build the ASGI application: the API under /api/v1 and the web pages at /."""

from __future__ import annotations

from fastapi import FastAPI

from leefbaar import __version__


def create_app() -> FastAPI:
    from leefbaar.api import create_api
    from leefbaar.web import create_web

    app = FastAPI(title="Leefbaar", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/api/v1", create_api())
    create_web(app)
    return app
