"""Conditional GET for public API resources: ``ETag`` and ``Last-Modified`` from the data version.

A resource whose answer depends only on the data (every public read) declares the dependency
:func:`voorwaardelijk`. The validators come from ``services.cache.validators``: the data version,
the path and query, the headers that choose the representation (``Accept-Crs``) and today's date
(some answers are judged against today: whether a buurtkamer is open). A request
whose ``If-None-Match`` (or, without it, ``If-Modified-Since``) shows the client's copy is current
gets a bodiless 304 before any work is done; other answers carry the validators and
``Cache-Control: no-cache`` (keep it, but revalidate). Answers behind a token (signals, dwellings)
do not use it: they stay ``no-store``.
"""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI, Request, Response

from leefbaar.services import cache
from leefbaar.services.cache import Validators

#: Public data that changes only with a write: a client or proxy may keep it but must revalidate.
CACHE_CONTROL = "no-cache"

#: Documented answer of every conditional resource (``responses=NOT_MODIFIED``).
NOT_MODIFIED: dict[int | str, dict[str, str]] = {
    304: {"description": "Niet gewijzigd: de versie met deze ETag (of van deze datum) is nog actueel."}
}


class NotModified(Exception):
    """The client's copy is current; answered with a bodiless 304."""

    def __init__(self, found: Validators) -> None:
        super().__init__(found.etag)
        self.found = found


def _headers(found: Validators) -> dict[str, str]:
    headers = {"ETag": found.etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Crs"}
    if found.last_modified:
        headers["Last-Modified"] = found.last_modified
    return headers


def voorwaardelijk(request: Request, response: Response) -> None:
    """Dependency: answer 304 when the client's copy is current, else add the validators."""
    if request.method not in ("GET", "HEAD"):
        return
    found = cache.validators(
        None,
        "api",
        request.url.path,
        request.url.query,
        request.headers.get("accept-crs", ""),
        date.today().isoformat(),
    )
    if cache.not_modified(
        found, request.headers.get("if-none-match"), request.headers.get("if-modified-since")
    ):
        raise NotModified(found)
    response.headers.update(_headers(found))


def install(api: FastAPI) -> None:
    """Answer :class:`NotModified` with a bodiless 304 carrying the validators."""

    @api.exception_handler(NotModified)
    async def _not_modified(_request: Request, exc: NotModified) -> Response:
        return Response(status_code=304, headers=_headers(exc.found))
