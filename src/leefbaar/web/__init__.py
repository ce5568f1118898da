"""Server-rendered Dutch web pages (Jinja2 + htmx + NL Design System CSS); see docs/web.md."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from leefbaar.web import conditional
from leefbaar.web.headers import WebHeadersMiddleware
from leefbaar.web.pages import ROUTERS
from leefbaar.web.security import install as install_security
from leefbaar.web.templating import STATIC_DIR, render


def create_web() -> FastAPI:
    """Build the web sub-application; :func:`leefbaar.app.create_app` mounts it at /."""
    web = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    web.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    for router in ROUTERS:
        web.include_router(router)

    @web.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        template = "404.html" if exc.status_code == 404 else "fout.html"
        return render(request, template, {"status": exc.status_code}, status_code=exc.status_code)

    install_security(web)
    conditional.install(web)
    web.add_middleware(WebHeadersMiddleware)
    return web
