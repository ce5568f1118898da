"""Every buurt page has a map (issue 16): the buurt outlined among the buurten of its municipality, or,
where the buurt has no boundary, its wijk outlined, saying so; without either, a sentence instead."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.storage.arrow_io import scalar
from tests.browser_fixtures import axe_violations, describe_violations


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    return TestClient(create_app(), base_url="https://testserver")


def _buurt_without_boundary_in_a_mapped_wijk(url: str) -> tuple[str, str]:
    """A buurt of the newest division without a boundary whose wijk has one (independent query)."""
    sql = """SELECT b.code || '|' || b.wijkcode FROM regio b
             JOIN regio_geometrie wg ON wg.code = b.wijkcode AND wg.indelingsjaar = b.indelingsjaar
             WHERE b.niveau = 'buurt' AND b.indelingsjaar = (SELECT max(indelingsjaar) FROM regio)
               AND NOT EXISTS (SELECT 1 FROM regio_geometrie bg
                               WHERE bg.code = b.code AND bg.indelingsjaar = b.indelingsjaar)
             ORDER BY b.code LIMIT 1"""
    buurt, wijk = str(scalar(url, sql)).split("|")
    return buurt, wijk


def test_a_buurt_with_a_boundary_is_outlined_among_its_neighbours(client: TestClient) -> None:
    html = client.get("/buurten/BU0363AA04").text
    assert 'data-geojson-url="/api/v1/gemeenten/GM0363/grenzen?niveau=buurt"' in html
    assert 'data-markeer="BU0363AA04"' in html
    features = client.get("/api/v1/gemeenten/GM0363/grenzen?niveau=buurt").json()["features"]
    assert any(f["properties"]["code"] == "BU0363AA04" for f in features)  # the outlined one is drawn


def test_a_buurt_without_a_boundary_outlines_its_wijk_and_says_so(client: TestClient, web_db: str) -> None:
    buurt, wijk = _buurt_without_boundary_in_a_mapped_wijk(web_db)
    gemeente = "GM" + wijk[2:6]
    html = client.get(f"/buurten/{buurt}").text
    assert "Voor deze buurt is (nog) geen grens geladen" in html
    assert f'data-geojson-url="/api/v1/gemeenten/{gemeente}/grenzen?niveau=wijk"' in html
    assert f'data-markeer="{wijk}"' in html


@pytest.mark.browser
def test_the_map_outlines_the_buurt_with_dutch_zoom_buttons(page: Any, live_server: str) -> None:
    page.goto(live_server + "/buurten/BU0363AA04")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    assert page.locator("path[data-code='BU0363AA04'][data-gemarkeerd='ja']").count() == 1
    assert page.locator("path[data-gemarkeerd='ja']").count() == 1
    assert (
        page.locator("a[title='Inzoomen']").count() == 1 and page.locator("a[title='Uitzoomen']").count() == 1
    )
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
