"""The middleware around the whole application (API and web pages alike).

For every HTTP request :class:`RequestContext`

* takes the request id from ``X-Request-ID`` (or makes one), echoes it in the answer and puts it in
  every log line written while answering (``services.logs``);
* reads the data version at most once for a GET or HEAD (``services.cache.request_scope``);
* records the latency under the route template in ``leefbaar_http_request_duration_seconds``
  (``services.metrics``) and writes one access-log line (logger ``leefbaar.toegang``).
"""

from __future__ import annotations

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leefbaar.services import cache, logs, metrics

access_log = logging.getLogger("leefbaar.toegang")

REQUEST_ID_HEADER = "X-Request-ID"


def route_label(scope: Scope) -> str:
    """The route template that answered (``/api/v1/gemeenten/{code}``), never the raw path: one time
    series per route, however many codes are asked for."""
    root = str(scope.get("root_path", ""))[len(str(scope.get("app_root_path", ""))) :]
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return root + path
    if root:  # a mounted app without routes of its own (the static files)
        return root + "/{pad}"
    return "onbekend"


class RequestContext:
    """Request id, per-request data version, latency histogram and access log (see the module)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = logs.new_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER))
        token = logs.request_id.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            with cache.request_scope(scope["method"]):
                await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_label(scope)
            metrics.observe_request(route, scope["method"], status, seconds)
            access_log.info(
                "%s %s %s",
                scope["method"],
                scope.get("path", ""),
                status,
                extra={
                    "methode": scope["method"],
                    "pad": scope.get("path", ""),  # without the query: it may hold search terms
                    "route": route,
                    "status": status,
                    "duur_ms": round(seconds * 1000, 1),
                },
            )
            logs.request_id.reset(token)
