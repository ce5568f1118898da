"""Build the ASGI application: the API under /api/v1 and the web pages at /.

``uvicorn --factory leefbaar.app:create_app`` (or ``leefbaar serve``) runs it. Each face is its own
sub-application with its own error handling and headers: the API answers problem+json, the web
answers HTML pages. The API is mounted first, so /api/v1/... never reaches the web pages.
"""

from __future__ import annotations

from fastapi import FastAPI

from leefbaar import __version__


def create_app() -> FastAPI:
    from leefbaar.api import BASE_PATH, create_api
    from leefbaar.web import create_web

    app = FastAPI(title="Leefbaar", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount(BASE_PATH, create_api())
    app.mount("/", create_web())
    return app
