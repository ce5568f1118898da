"""Security headers on every web response (ADR /core/transport/security-headers, HTML variant).

The Content-Security-Policy allows only our own assets: no inline scripts or styles, no CDN,
no framing. Pages are not stored (``no-store``), except the public data pages for a visitor who is
not logged in: those carry an ETag and Last-Modified from the data version (``web.conditional``)
and ``private, no-cache``, so the browser may keep them but revalidates, and gets a 304 while the
data is unchanged. Static files may be kept for an hour.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leefbaar.services.cache import Validators

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}

STATIC_CACHE = "public, max-age=3600"
#: A public data page for a visitor: the browser (not a shared proxy) may keep it, and revalidates.
CONDITIONAL_PAGE_CACHE = "private, no-cache"
#: The request headers besides the URL that choose a page: its cookies (CSRF token, session) and htmx.
CONDITIONAL_PAGE_VARY = "Cookie, HX-Request"
#: Where a page's validators wait in the request scope until the page is rendered.
VALIDATORS_SCOPE_KEY = "leefbaar.validators"


def set_validators(headers: MutableHeaders, found: Validators) -> None:
    """The validator and caching headers of a conditional page (its 200 and its 304 alike)."""
    headers["ETag"] = found.etag
    if found.last_modified:
        headers["Last-Modified"] = found.last_modified
    headers["Cache-Control"] = CONDITIONAL_PAGE_CACHE
    headers["Vary"] = CONDITIONAL_PAGE_VARY


class WebHeadersMiddleware:
    """Adds the security headers, and Cache-Control (no-store for pages, an hour for /static)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Cache-Control", STATIC_CACHE if is_static else "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)
