"""Build the ASGI application: the API under /api/v1 and the web pages at /.

``uvicorn --factory leefbaar.app:create_app`` (or ``leefbaar serve``) runs it. Each face is its own
sub-application with its own error handling and headers: the API answers problem+json, the web
answers HTML pages. The API is mounted first, so /api/v1/... never reaches the web pages.

The application fails closed: outside an explicit development environment it does not start with
a placeholder secret, and in development with a placeholder secret it answers only when the server
listens on a loopback address (the address comes from the ASGI scope, so this holds however the
server was started).
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from leefbaar import __version__
from leefbaar.config import Settings, get_settings


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


def create_app() -> FastAPI:
    """The whole application; raises :class:`UnsafeSettings` for a configuration that fails closed."""
    from leefbaar.api import BASE_PATH, create_api
    from leefbaar.web import create_web

    settings = get_settings()
    problems = settings.check_safe()
    if problems:
        raise UnsafeSettings("Leefbaar start niet met onveilige instellingen: " + " ".join(problems))
    app = FastAPI(title="Leefbaar", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount(BASE_PATH, create_api())
    app.mount("/", create_web())
    if settings.uses_placeholder_secret:
        app.add_middleware(LoopbackOnly, settings=settings)
    return app
