"""GeoJSON answers in CRS84 by default and in RD (EPSG:28992) on request (ADR module geospatial).

A client picks the coordinate reference system with the ``crs`` query key (OGC API Features part 2)
or the ``Accept-Crs`` request header; the query key wins when both are given. The answer says
which CRS it uses in the ``Content-Crs`` header. An unsupported CRS is a 400 problem. Coordinates
are rounded to 3 decimals in RD (millimetres) and 8 in degrees (about a millimetre too).

Boundaries are public and change only with an import, so a GeoJSON answer carries an ``ETag`` and
``Last-Modified`` derived from the data version (``services.cache.validators``) and
``Cache-Control: no-cache``: a browser may keep it but asks again with ``If-None-Match``, and gets a
bodiless 304 while the data is unchanged. The encoded body is kept in the one cache per data version;
a client that accepts gzip gets it compressed (a fifth to a third of the bytes), compressed once per
body and kept with it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

from fastapi import Header, Query
from fastapi.responses import Response
from pyproj import Transformer
from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

from leefbaar.api.problems import InvalidInput, InvalidParam
from leefbaar.services import cache
from leefbaar.services.cache import etag_matches

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
GEOJSON = "application/geo+json"

#: Supported CRS URIs with the pyproj name and the number of decimals to keep.
SUPPORTED: dict[str, tuple[str, int]] = {
    CRS84: ("OGC:CRS84", 8),
    RD: ("EPSG:28992", 3),
}

# Short spellings clients commonly send, mapped to the canonical URI.
ALIASES: dict[str, str] = {
    "crs84": CRS84,
    "ogc:crs84": CRS84,
    "[ogc:crs84]": CRS84,
    "http://www.opengis.net/def/crs/ogc/1.3/crs84": CRS84,
    "epsg:28992": RD,
    "[epsg:28992]": RD,
    "http://www.opengis.net/def/crs/epsg/0/28992": RD,
}


def canonical_crs(value: str) -> str | None:
    """The canonical URI for a CRS spelling, or None when we do not support it."""
    cleaned = value.strip().strip("<>").strip()
    return ALIASES.get(cleaned.lower())


def choose_crs(crs: str | None, accept_crs: str | None) -> str:
    """The CRS to answer in; raises :class:`InvalidInput` (400) for an unsupported one."""
    if crs is not None:
        name, value = "crs", crs
    elif accept_crs is not None:
        name, value = "Accept-Crs", accept_crs
    else:
        return CRS84
    uri = canonical_crs(value)
    if uri is None:
        supported = ", ".join(SUPPORTED)
        raise InvalidInput(
            [
                InvalidParam(
                    name=name, code="crs", reason=f"Niet-ondersteund CRS; gebruik een van: {supported}."
                )
            ],
            detail=f"Het coördinatenstelsel '{value}' wordt niet ondersteund.",
        )
    return uri


#: Every spelling the API accepts, documented as an enumeration in the OpenAPI description.
ACCEPTED_SPELLINGS = list(dict.fromkeys([*SUPPORTED, *ALIASES]))


def crs_keuze(
    crs: str | None = Query(
        None,
        description=f"Coördinatenstelsel van het antwoord: {CRS84} (standaard) of {RD}.",
        json_schema_extra={"enum": ACCEPTED_SPELLINGS},
    ),
    accept_crs: str | None = Header(
        None,
        alias="Accept-Crs",
        description="Alternatief voor de query-parameter crs (die voorgaat).",
        json_schema_extra={"enum": ACCEPTED_SPELLINGS},
    ),
) -> str:
    """FastAPI dependency for routes that answer with geometry."""
    return choose_crs(crs, accept_crs)


@lru_cache(maxsize=8)
def _transformer(source: str, target: str) -> Transformer:
    # always_xy: GeoJSON order is x/lon first, whatever axis order the EPSG definition has.
    return Transformer.from_crs(SUPPORTED[source][0], SUPPORTED[target][0], always_xy=True)


def _convert(coords: Any, transformer: Transformer | None, decimals: int) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        x, y = coords[0], coords[1]
        if transformer is not None:
            x, y = transformer.transform(x, y)
        return [round(x, decimals), round(y, decimals), *coords[2:]]
    return [_convert(c, transformer, decimals) for c in coords]


def transform_geometry(geometry: dict[str, Any] | None, source: str, target: str) -> dict[str, Any] | None:
    """A copy of a GeoJSON geometry in ``target`` CRS, rounded to its number of decimals."""
    if geometry is None:
        return None
    transformer = None if source == target else _transformer(source, target)
    decimals = SUPPORTED[target][1]
    if geometry["type"] == "GeometryCollection":
        parts = [transform_geometry(g, source, target) for g in geometry["geometries"]]
        return {"type": "GeometryCollection", "geometries": parts}
    return {**geometry, "coordinates": _convert(geometry["coordinates"], transformer, decimals)}


def transform_features(collection: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    """A copy of a GeoJSON FeatureCollection (or Feature) with every geometry in ``target`` CRS."""
    if collection.get("type") == "Feature":
        return {**collection, "geometry": transform_geometry(collection.get("geometry"), source, target)}
    features = [transform_features(f, source, target) for f in collection.get("features", [])]
    return {**collection, "features": features}


class _Body:
    """One encoded GeoJSON body with its validators, and its gzip form (made once, on first demand)."""

    def __init__(self, body: bytes, etag: str | None = None, last_modified: str | None = None) -> None:
        self.body = body
        # Without a data version (a collection not from the database) the tag is a hash of the bytes.
        self.etag = etag or '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        self.etag_gzip = self.etag[:-1] + '-gzip"'  # another representation, another strong tag
        self.last_modified = last_modified
        self._gzip: bytes | None = None

    def gzip(self) -> bytes:
        if self._gzip is None:  # two threads may both compress once; the result is the same
            self._gzip = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzip


#: Public data that changes only with an import: keep it, but check with the ETag before reuse.
GEO_CACHE_CONTROL = "no-cache"


def _encode(data: dict[str, Any], source_crs: str, target_crs: str) -> bytes:
    return json.dumps(transform_features(data, source_crs, target_crs), separators=(",", ":")).encode()


def _encoded(
    data: dict[str, Any], source_crs: str, target_crs: str, key: tuple[Hashable, ...] | None
) -> _Body:
    """The transformed, encoded body of a collection; with a ``key`` (what the collection is, e.g.
    the gemeente and level) kept in the one cache per data version, with validators from it."""
    if key is None:
        return _Body(_encode(data, source_crs, target_crs))

    def build() -> _Body:
        found = cache.validators(None, "geojson", *(str(k) for k in key), source_crs, target_crs, weak=False)
        return _Body(_encode(data, source_crs, target_crs), found.etag, found.last_modified)

    body: _Body = cache.memo("api.geojson", None, (*key, source_crs, target_crs), build)
    return body


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an ``Accept-Encoding`` value allows gzip (``gzip``, ``x-gzip`` or ``*``, not with q=0)."""
    weights: dict[str, float] = {}
    for part in (accept_encoding or "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        weight = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                weight = float(value)
            except ValueError:
                weight = 0.0
        weights[coding.strip()] = weight
    for coding in ("gzip", "x-gzip"):
        if coding in weights:
            return weights[coding] > 0
    return weights.get("*", 0.0) > 0


class GeoJsonResponse(Response):
    """A GeoJSON answer that settles, when it is sent, what the client has and accepts.

    The request's ``If-None-Match`` naming the current ETag (of either representation) gives a
    bodiless 304; an ``Accept-Encoding`` with gzip gets the gzip body (compressed once per body,
    not per request). Every route that returns geometry gets both without reading the headers.
    """

    media_type = GEOJSON

    def __init__(self, body: _Body, target_crs: str) -> None:
        self._encoded = body
        self._crs = target_crs
        super().__init__(body.body, media_type=GEOJSON, headers=self._geo_headers(body.etag))

    def _geo_headers(self, etag: str) -> dict[str, str]:
        # Vary: the headers Accept-Crs and Accept-Encoding choose the answer, so caches keep them apart.
        headers = {
            "Content-Crs": self._crs,
            "ETag": etag,
            "Cache-Control": GEO_CACHE_CONTROL,
            "Vary": "Accept-Crs, Accept-Encoding",
        }
        if self._encoded.last_modified:
            headers["Last-Modified"] = self._encoded.last_modified
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        asked = Headers(scope=scope)
        body = self._encoded
        zipped = accepts_gzip(asked.get("accept-encoding"))
        etag = body.etag_gzip if zipped else body.etag
        answer: Response
        if etag_matches(asked.get("if-none-match"), body.etag, body.etag_gzip):
            answer = Response(status_code=304, headers=self._geo_headers(etag))
        elif zipped:
            answer = Response(
                body.gzip(),
                media_type=GEOJSON,
                headers={**self._geo_headers(etag), "Content-Encoding": "gzip"},
            )
        else:
            answer = Response(body.body, media_type=GEOJSON, headers=self._geo_headers(etag))
        await answer(scope, receive, send)


def geojson_response(
    data: dict[str, Any], *, source_crs: str, target_crs: str, key: tuple[Hashable, ...] | None = None
) -> Response:
    """A GeoJSON answer in ``target_crs`` with ``Content-Crs`` and ``ETag``; 304 and gzip as asked.

    ``key`` names the collection (e.g. ``("grenzen", code, niveau, jaar)``) when it comes from the
    database: its body is then kept per data version and its validators come from that version.
    """
    return GeoJsonResponse(_encoded(data, source_crs, target_crs, key), target_crs)
