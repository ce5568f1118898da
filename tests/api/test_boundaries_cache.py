"""Boundary answers are built once per data version: no query per request, an ETag, 304, gzip when
accepted, and a new answer (and ETag) as soon as an import changes the data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.api import geo
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import areas
from leefbaar.services.imports import import_file
from leefbaar.storage import area_queries

GRENZEN = "/api/v1/gemeentegrenzen"
BUURTGRENZEN = "/api/v1/gemeenten/GM0363/grenzen?niveau=buurt"


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count the calls of one storage query (the counter is the list's length)."""
    calls: list[int] = []
    real: Callable[..., Any] = getattr(area_queries, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(area_queries, name, counted)
    return calls


def test_repeated_boundary_requests_run_no_query(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    exists = _counting(monkeypatch, "region_name")
    year = _counting(monkeypatch, "latest_indelingsjaar")
    shapes = _counting(monkeypatch, "deelgebied_geometrieen")
    first = client.get(BUURTGRENZEN)
    assert first.status_code == 200
    built = (len(exists), len(shapes))
    assert built == (1, 1)  # the first answer checks the gemeente and reads its shapes once
    for _ in range(3):
        again = client.get(BUURTGRENZEN)
        assert again.content == first.content
    assert (len(exists), len(shapes)) == built  # later answers come from the cache
    assert len(year) <= 1  # the newest indelingsjaar is looked up once per data version
    assert client.get("/api/v1/gemeenten/GM9999/grenzen").status_code == 404  # unknown: still a 404


def test_boundaries_carry_an_etag_and_answer_304_when_unchanged(client: TestClient) -> None:
    r = client.get(GRENZEN)
    etag = r.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert r.headers["Cache-Control"] == "no-cache"  # public data: keep it, but revalidate
    assert "Accept-Crs" in r.headers["Vary"]
    same = client.get(GRENZEN, headers={"If-None-Match": etag})
    assert same.status_code == 304
    assert same.content == b""
    assert same.headers["ETag"] == etag and same.headers["API-Version"]
    assert client.get(GRENZEN, headers={"If-None-Match": f'"oud", W/{etag}'}).status_code == 304
    assert client.get(GRENZEN, headers={"If-None-Match": '"iets-anders"'}).status_code == 200
    rd = client.get(GRENZEN + "?crs=EPSG:28992")
    assert rd.headers["ETag"] != etag  # another representation, another tag
    assert client.get(GRENZEN + "?crs=EPSG:28992", headers={"If-None-Match": etag}).status_code == 200


def _amsterdam(body: dict[str, Any]) -> dict[str, Any]:
    return next(f["properties"] for f in body["features"] if f["id"] == "GM0363")


def test_an_import_gives_new_boundaries_answer_and_etag(
    client: TestClient, tiny_duckdb: str, tmp_path: Path
) -> None:
    before = client.get(GRENZEN)
    woningen = _amsterdam(before.json())["woningen"]
    csv = tmp_path / "extra.csv"
    csv.write_text(
        "verblijfsobject_id;buurtcode;eigendom\n0363010000900001;BU0363AA01;koop\n"
        "0363010000900002;BU0363AA01;koop\n0363010000900003;BU0363AA01;koop\n",
        encoding="utf-8",
    )
    result = import_file(
        tiny_duckdb, "woningen", csv, ImportOptions(peildatum=date(2025, 2, 1), indelingsjaar=2025)
    )
    assert result.status is ImportStatus.IMPORTED, result
    areas.refresh(tiny_duckdb)  # what the upload page does; otherwise within 2 s anyway
    after = client.get(GRENZEN, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200  # the old tag no longer matches
    assert after.headers["ETag"] != before.headers["ETag"]
    assert _amsterdam(after.json())["woningen"] == woningen + 3


def test_gzip_when_accepted_with_its_own_etag_and_the_same_content(client: TestClient) -> None:
    plain = client.get(BUURTGRENZEN, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    zipped = client.get(BUURTGRENZEN, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert int(zipped.headers["Content-Length"]) < len(plain.content) / 2  # what goes over the wire
    assert zipped.content == plain.content  # the client unpacks it to the same bytes
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    assert "Accept-Encoding" in zipped.headers["Vary"]
    # Either tag means "unchanged": both representations come from the same data.
    for etag in (plain.headers["ETag"], zipped.headers["ETag"]):
        again = client.get(BUURTGRENZEN, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert again.status_code == 304 and again.headers["ETag"] == zipped.headers["ETag"]


@pytest.mark.parametrize(
    ("accept_encoding", "gzip"),
    [
        ("gzip, deflate", True),  # what httpx and browsers send
        ("br;q=1.0, gzip;q=0.8", True),  # a lower but positive weight
        ("x-gzip", True),  # the old name
        ("*", True),  # anything
        ("identity", False),  # explicitly plain
        ("gzip;q=0", False),  # gzip refused
        ("*, gzip;q=0", False),  # anything but gzip
        ("deflate", False),  # only another coding
        (None, False),  # no header: plain (RFC 9110 allows any, plain is the safe choice)
        ("gzip;q=abc", False),  # a broken weight counts as refused
    ],
)
def test_accepts_gzip(accept_encoding: str | None, gzip: bool) -> None:
    assert geo.accepts_gzip(accept_encoding) is gzip
