"""Conditional GET for the public data pages: ETag and Last-Modified from the data version; 304.

A page whose content depends only on the data (the national overview, gemeente, buurt, corporatie,
complex, afspraak, search and the accessibility statement) declares the dependency
:func:`voorwaardelijk`. For a visitor who is not logged in its validators come from
``services.cache.validators``: the data version, the path and query, the CSRF token its forms
carry (bound to the browser's cookies), whether htmx asked, and today's date (some figures are
judged against today). A request whose ``If-None-Match`` (or, without it, ``If-Modified-Since``)
shows the browser's copy is current gets a bodiless 304 before any work is done.

Pages for a logged-in account show its name and may show what only it may see: they get no
validators and stay ``no-store``.
"""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI, Request
from starlette.responses import Response

from leefbaar.services import cache
from leefbaar.services.cache import Validators
from leefbaar.web.headers import VALIDATORS_SCOPE_KEY, set_validators
from leefbaar.web.security import csrf_token, huidig_account


class NotModified(Exception):
    """The browser's copy of the page is current; answered with a bodiless 304."""

    def __init__(self, found: Validators) -> None:
        super().__init__(found.etag)
        self.found = found


def voorwaardelijk(request: Request) -> None:
    """Dependency: answer 304 when the visitor's copy is current, else have the page carry validators."""
    if request.method not in ("GET", "HEAD") or huidig_account(request) is not None:
        return
    found = cache.validators(
        None,
        "web",
        request.url.path,
        request.url.query,
        csrf_token(request),
        request.headers.get("hx-request", ""),
        date.today().isoformat(),
    )
    if cache.not_modified(
        found, request.headers.get("if-none-match"), request.headers.get("if-modified-since")
    ):
        raise NotModified(found)
    request.scope[VALIDATORS_SCOPE_KEY] = found


def install(web: FastAPI) -> None:
    """Answer :class:`NotModified` with a bodiless 304 carrying the validators."""

    @web.exception_handler(NotModified)
    async def _not_modified(_request: Request, exc: NotModified) -> Response:
        response = Response(status_code=304)
        set_validators(response.headers, exc.found)
        return response
