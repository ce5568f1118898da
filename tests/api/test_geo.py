"""GeoJSON in CRS84 by default, RD (EPSG:28992) on request, Content-Crs header, 400 for other CRSs."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from leefbaar.api.geo import CRS84, GEOJSON, RD, choose_crs, crs_keuze, geojson_response, transform_geometry
from leefbaar.api.problems import InvalidInput, install_problem_handlers

# The RD reference point "Amersfoort" (155000, 463000) lies at 52.15517440 N, 5.38720621 E in
# ETRS89 (RDNAPTRANS). pyproj without the correction grid is within about a metre: 1e-5 degrees.
AMERSFOORT_RD = (155000.0, 463000.0)
AMERSFOORT_CRS84 = (5.38720621, 52.15517440)


@pytest.mark.parametrize(
    ("crs", "accept_crs", "expected"),
    [
        (None, None, CRS84),  # nothing asked: the default
        (RD, None, RD),  # the OGC URI in the query
        ("EPSG:28992", None, RD),  # short form
        (None, RD, RD),  # the Accept-Crs header
        (None, f"<{RD}>", RD),  # header with angle brackets
        ("crs84", RD, CRS84),  # the query key wins over the header
        (None, "http://www.opengis.net/def/crs/OGC/1.3/CRS84", CRS84),  # CRS84 URI
    ],
)
def test_choose_crs(crs: str | None, accept_crs: str | None, expected: str) -> None:
    assert choose_crs(crs, accept_crs) == expected


@pytest.mark.parametrize(
    ("crs", "accept_crs", "param"),
    [
        ("EPSG:3857", None, "crs"),  # web mercator: not for analysis, not offered
        (None, "EPSG:4326", "Accept-Crs"),  # lat/lon axis order: we offer CRS84 instead
    ],
)
def test_unsupported_crs_is_invalid_input(crs: str | None, accept_crs: str | None, param: str) -> None:
    with pytest.raises(InvalidInput) as err:
        choose_crs(crs, accept_crs)
    assert [p.name for p in err.value.params] == [param]


def test_rd_to_crs84_matches_the_reference_point() -> None:
    geom = transform_geometry({"type": "Point", "coordinates": list(AMERSFOORT_RD)}, RD, CRS84)
    assert geom is not None
    lon, lat = geom["coordinates"]
    assert lon == pytest.approx(AMERSFOORT_CRS84[0], abs=1e-5)
    assert lat == pytest.approx(AMERSFOORT_CRS84[1], abs=1e-5)


def test_rounding_to_3_decimals_in_rd_and_8_in_degrees() -> None:
    point = {"type": "Point", "coordinates": [5.123456789123, 52.987654321987]}
    assert transform_geometry(point, CRS84, CRS84) == {
        "type": "Point",
        "coordinates": [5.12345679, 52.98765432],
    }
    rd = transform_geometry(point, CRS84, RD)
    assert rd is not None
    assert all(round(c, 3) == c for c in rd["coordinates"])


def test_round_trip_keeps_a_polygon_within_a_millimetre() -> None:
    ring = [[155000.0, 463000.0], [156000.0, 463000.0], [156000.0, 464000.0], [155000.0, 463000.0]]
    polygon = {"type": "Polygon", "coordinates": [ring]}
    there = transform_geometry(polygon, RD, CRS84)
    back = transform_geometry(there, CRS84, RD)
    assert back is not None
    for (x, y), (x0, y0) in zip(back["coordinates"][0], ring, strict=True):
        assert x == pytest.approx(x0, abs=0.002)
        assert y == pytest.approx(y0, abs=0.002)


def _geo_app() -> TestClient:
    app = FastAPI()

    @app.get("/buurten-kaart")
    def kaart(crs: str = Depends(crs_keuze)) -> Any:
        feature = {
            "type": "Feature",
            "properties": {"code": "BU03630001"},
            "geometry": {"type": "Point", "coordinates": list(AMERSFOORT_RD)},
        }
        return geojson_response(
            {"type": "FeatureCollection", "features": [feature]}, source_crs=RD, target_crs=crs
        )

    install_problem_handlers(app)
    return TestClient(app)


def test_response_defaults_to_crs84_with_content_crs() -> None:
    r = _geo_app().get("/buurten-kaart")
    assert r.headers["Content-Type"] == GEOJSON
    assert r.headers["Content-Crs"] == CRS84
    lon, lat = r.json()["features"][0]["geometry"]["coordinates"]
    assert (lon, lat) == pytest.approx(AMERSFOORT_CRS84, abs=1e-5)


def test_response_in_rd_on_request() -> None:
    r = _geo_app().get("/buurten-kaart", headers={"Accept-Crs": "EPSG:28992"})
    assert r.headers["Content-Crs"] == RD
    assert r.json()["features"][0]["geometry"]["coordinates"] == list(AMERSFOORT_RD)
    assert r.json()["features"][0]["properties"] == {"code": "BU03630001"}


def test_unsupported_crs_answers_400_problem() -> None:
    r = _geo_app().get("/buurten-kaart?crs=EPSG:3857")
    assert r.status_code == 400
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json()["invalidParams"][0]["name"] == "crs"
