"""Build the ASGI application: the API under /api/v1 and the web pages at /.

``uvicorn --factory leefbaar.app:create_app`` (or ``leefbaar serve``) runs it. Each face is its own
sub-application with its own error handling and headers: the API answers problem+json, the web
answers HTML pages. The API is mounted first, so /api/v1/... never reaches the web pages.

The application fails closed: outside an explicit development environment it does not start with
a placeholder secret, and in development with a placeholder secret it answers only when the server
listens on a loopback address (the address comes from the ASGI scope, so this holds however the
server was started).

Each server process does its start-up work once, before the first request (``services.serving``):
the schema check and the summary tables; then it runs the background re-evaluation worker
(``services.jobs``) until shutdown. ``GET /metrics`` answers Prometheus (``services.metrics``);
:class:`leefbaar.app_middleware.RequestContext` wraps every request (request id, access log, latency).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from leefbaar import __version__
from leefbaar.app_middleware import RequestContext
from leefbaar.config import Settings, get_settings
from leefbaar.services import jobs, metrics, serving

#: Where Prometheus scrapes; keep it off the public internet at the reverse proxy (docs/deployment.md).
METRICS_PATH = "/metrics"


class UnsafeSettings(RuntimeError):
    """The configuration may not serve anyone (message in Dutch, names every problem)."""


class LoopbackOnly:
    """Refuses every request that reached a server listening on a non-loopback address (503)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            server = scope.get("server")
            problems = self.settings.bind_problems(server[0] if server else None)
            if problems:
                if scope["type"] == "http":
                    body = ("Leefbaar weigert dit verzoek: " + " ".join(problems)).encode("utf-8")
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 503,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                        }
                    )
                    await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


async def metrics_endpoint(_request: Request) -> Response:
    """Prometheus's text format: this process, or all workers in multi-process mode."""
    body, content_type = await run_in_threadpool(metrics.exposition)
    return Response(body, media_type=content_type, headers={"Cache-Control": "no-store"})


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """Start-up work of this process, once, before the first request; the background re-evaluation
    worker (a thread, off the event loop) from start-up to shutdown when the setting is on."""
    settings = get_settings()
    await run_in_threadpool(serving.start, settings.database_url)
    worker = (
        jobs.start(settings.database_url, settings.herberekening_interval_seconden)
        if settings.herberekening
        else None
    )
    try:
        yield
    finally:
        if worker is not None:
            await run_in_threadpool(jobs.stop, settings.database_url)


def create_app() -> FastAPI:
    """The whole application; raises :class:`UnsafeSettings` for a configuration that fails closed."""
    from leefbaar.api import BASE_PATH, create_api
    from leefbaar.web import create_web

    settings = get_settings()
    problems = settings.check_safe()
    if problems:
        raise UnsafeSettings("Leefbaar start niet met onveilige instellingen: " + " ".join(problems))
    serving.register_metrics()
    app = FastAPI(
        title="Leefbaar",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    # Before the web pages' mount at "/", which would answer every path.
    app.add_route(METRICS_PATH, metrics_endpoint, methods=["GET"], include_in_schema=False)
    app.mount(BASE_PATH, create_api())
    app.mount("/", create_web())
    if settings.uses_placeholder_secret:
        app.add_middleware(LoopbackOnly, settings=settings)
    app.add_middleware(RequestContext)  # outermost: its latency and request id cover everything
    return app
