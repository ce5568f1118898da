"""Headers on every API response: ``API-Version``, the ADR security headers, CORS, and
``Leefbaar-Synthetisch: ja`` while the database holds synthetic demo data.

ADR /core/version-header, /core/transport/security-headers and /core/transport/cors. Written as
plain ASGI middleware so the headers are also set on errors, including an unexpected exception
(answered here as a 500 problem, because Starlette's outermost error handler would skip them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leefbaar.api.problems import problem_response

log = logging.getLogger(__name__)

# Paths (inside the API) that anyone may read from any origin: ADR /core/publish-openapi.
OPEN_PATHS = frozenset({"/openapi.json"})
# Probes answer without asking the database for the synthetic flag: a liveness probe must not wait
# on a database that hangs, and readiness asks the database itself.
PROBE_PATHS = frozenset({"/health/live", "/health/ready"})

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}

ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE"
ALLOWED_HEADERS = (
    "Accept, Accept-Crs, Content-Crs, Content-Type, Authorization, If-Match, If-None-Match, "
    "If-Modified-Since, X-Request-ID"
)
EXPOSED_HEADERS = (
    "API-Version, Content-Crs, Link, Leefbaar-Synthetisch, ETag, Last-Modified, Location, X-Request-ID"
)
#: Set to "ja" on every response while the database holds synthetic demo data.
SYNTHETIC_HEADER = "Leefbaar-Synthetisch"


def parse_origins(value: str) -> frozenset[str]:
    """The CORS allowlist from the comma-separated ``cors_origins`` setting (trailing slashes ignored)."""
    return frozenset(o.strip().rstrip("/") for o in value.split(",") if o.strip())


class ApiHeadersMiddleware:
    """Sets the API-Version, security and CORS headers; answers CORS preflight requests."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        api_version: str,
        cors_origins: Iterable[str],
        synthetic: Callable[[], bool] | None = None,
    ) -> None:
        self.app = app
        self.api_version = api_version
        self.cors_origins = frozenset(cors_origins)
        self.synthetic = synthetic

    def _cors_origin(self, path: str, origin: str | None) -> str | None:
        """The value for Access-Control-Allow-Origin, or None when this origin gets no CORS access."""
        if origin is None:
            return None
        if path in OPEN_PATHS:
            return "*"
        return origin if origin in self.cors_origins else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        allow_origin = self._cors_origin(path, request_headers.get("origin"))
        # The flag may need a database query (cached for seconds): in a worker thread, never on the loop.
        synthetic = (
            self.synthetic is not None and path not in PROBE_PATHS and await run_in_threadpool(self.synthetic)
        )

        def decorate(headers: MutableHeaders) -> None:
            headers["API-Version"] = self.api_version
            if synthetic:
                headers[SYNTHETIC_HEADER] = "ja"
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
            if allow_origin is not None:
                headers["Access-Control-Allow-Origin"] = allow_origin
                headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            if allow_origin != "*":
                # The answer differs per Origin, so caches must keep them apart.
                headers.append("Vary", "Origin")

        if scope["method"] == "OPTIONS" and "access-control-request-method" in request_headers:
            await self._preflight(allow_origin, decorate, scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                decorate(MutableHeaders(scope=message))
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            log.exception("Onverwachte fout bij %s", path)
            response = problem_response(500, instance=path)
            decorate(response.headers)
            await response(scope, receive, send)

    @staticmethod
    async def _preflight(
        allow_origin: str | None,
        decorate: Callable[[MutableHeaders], None],
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> None:
        response: Response
        if allow_origin is None:
            response = problem_response(
                403, "Deze herkomst (Origin) mag de API niet vanuit een browser gebruiken."
            )
        else:
            response = Response(status_code=204)
            response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = "600"
        decorate(response.headers)
        await response(scope, receive, send)
