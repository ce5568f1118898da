"""The national map coloured by commitment status, and its table alternative.

The statuses shown are compared with each municipality's own newest verdicts, read through the
monitor's per-scope route (``latest_evaluation``), not the map's query.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.services import monitor

CODES = ("GM0363", "GM0599", "GM0344", "GM0014")


def _own_statuses(url: str, code: str) -> dict[str, str]:
    run = monitor.latest_evaluation(url, monitor.parse_scope(f"gemeente:{code}"))
    assert run is not None
    return {b.titel: b.status.value for b in run.beoordelingen}


def _status_cells(html: str, code: str) -> list[str]:
    row = re.search(rf'<tr class="utrecht-table__row" data-code="{code}">(.*?)</tr>', html, re.S)
    assert row is not None, code
    cells = re.findall(r'<td class="utrecht-table__cell">(.*?)</td>', row.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]


def test_status_table_gives_each_municipalitys_own_verdicts(web_db: str) -> None:
    html = TestClient(create_app()).get("/").text
    header = re.search(r'id="statussen-tabel".*?<thead.*?</thead>', html, re.S)
    assert header is not None
    titles = [t.strip() for t in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', header.group(0), re.S)][1:]
    assert "Elke gemeente heeft een urgentieverordening die alle verplichte urgentiegroepen dekt" in titles
    for code in CODES:
        own = _own_statuses(web_db, code)
        # Every column is a commitment judged for all municipalities: each has its own verdict.
        assert _status_cells(html, code) == [own[t.replace("&#39;", "'")] for t in titles], code


def test_map_options_name_every_commitment_of_the_table(web_db: str) -> None:
    html = TestClient(create_app()).get("/").text
    options = re.findall(r'<option value="status:([^"]+)">', html)
    kaart = monitor.status_map(web_db)
    assert kaart is not None
    assert options == [t.sleutel for t in kaart.toezeggingen]
    assert "r11-urgentieverordening" in options
    assert {"r1-geen-conditie-5-6:complexscore", "r1-geen-conditie-5-6:slechtste_element"} <= set(options)


@pytest.mark.browser
def test_map_coloured_by_status_matches_the_table(page: Any, live_server: str, web_db: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    page.select_option("#kaart-indicator", "status:r11-urgentieverordening")
    legend = page.text_content("#kaart-legenda")
    kaart = monitor.status_map(web_db)
    assert kaart is not None
    for status, count in kaart.telling("r11-urgentieverordening").items():
        assert f"{status} ({count})" in legend
    for code in CODES:
        shown = page.get_attribute(f'path[data-code="{code}"]', "data-status")
        assert (
            shown
            == _own_statuses(web_db, code)[
                "Elke gemeente heeft een urgentieverordening die alle verplichte urgentiegroepen dekt"
            ]
        )
    # Back to an indicator: the legend shows classes again, not statuses.
    page.select_option("#kaart-indicator", "inwoners")
    assert "gehaald" not in page.text_content("#kaart-legenda")


@pytest.mark.browser
def test_a_municipality_without_a_verdict_is_hatched_counted_and_named(
    page: Any, live_server: str, web_db: str
) -> None:
    """Serve the page with Groningen (GM0014) left out of the statuses, as for a municipality that the
    newest full run did not judge: it must be hatched, counted as "geen oordeel" and named so."""

    def without_groningen(route: Any) -> None:
        answer = route.fetch()
        html = answer.text()
        cut = re.sub(r'"GM0014": ?"[^"]+", ?', "", html)
        assert cut != html  # the statuses did name Groningen
        route.fulfill(response=answer, body=cut)

    page.route(live_server + "/", without_groningen)
    page.goto(live_server + "/")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    page.select_option("#kaart-indicator", "status:r11-urgentieverordening")
    groningen = page.locator('path[data-code="GM0014"]')
    assert groningen.get_attribute("data-status") == "geen oordeel"
    assert groningen.get_attribute("fill") == "url(#kaart-geen-oordeel)"
    assert page.locator("#kaart-geen-oordeel").count() == 1  # the hatch pattern
    legend = page.text_content("#kaart-legenda")
    assert "geen oordeel (1)" in legend
    kaart = monitor.status_map(web_db)
    assert kaart is not None
    counts = kaart.telling("r11-urgentieverordening")
    assert sum(counts.values()) == 342
    status = kaart.status("r11-urgentieverordening", "GM0014")
    assert status is not None
    for name, count in counts.items():  # Groningen's own status has one municipality less
        assert f"{name} ({count - (name == status)})" in legend
    # The tooltip names the status in words (not colour alone).
    groningen.scroll_into_view_if_needed()
    point = page.evaluate(
        """() => {
            const el = document.querySelector('path[data-code="GM0014"]');
            const r = el.getBoundingClientRect();
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
                if (document.elementFromPoint(x, y) === el) return [x, y];
            }
            return null;
        }"""
    )
    assert point is not None
    page.mouse.move(point[0], point[1])
    page.wait_for_selector(".leaflet-tooltip")
    assert page.text_content(".leaflet-tooltip") == "Groningen: geen oordeel"
    page.select_option("#kaart-indicator", "inwoners")
    assert groningen.get_attribute("data-status") is None  # back to an indicator: no status left behind


NASTY = '<img src="x" onerror="window.__xss = 1"><script>window.__xss = 2</script>Amsterdam'


@pytest.mark.browser
def test_an_area_name_with_html_is_shown_as_text_in_the_tooltip(page: Any, live_server: str) -> None:
    """Area names come from imported files: a name holding <script> or an <img onerror> must reach
    the map tooltip as text, never as HTML (Leaflet puts a string tooltip into innerHTML)."""

    def nasty_names(route: Any) -> None:
        answer = route.fetch()
        data = answer.json()
        for feature in data["features"]:
            if feature["properties"].get("code") == "GM0363":
                feature["properties"]["naam"] = NASTY
        route.fulfill(response=answer, json=data)

    page.route(re.compile(r".*/api/v1/.*"), nasty_names)
    page.goto(live_server + "/")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    for option in ("inwoners", "status:r11-urgentieverordening"):  # both ways the tooltip is (re)set
        page.select_option("#kaart-indicator", option)
        page.hover('path[data-code="GM0363"]', force=True)
        tooltip = page.wait_for_selector(".leaflet-tooltip", timeout=10_000)
        assert tooltip is not None
        assert NASTY in tooltip.text_content()
        assert page.locator(".leaflet-tooltip img, .leaflet-tooltip script").count() == 0
        assert page.evaluate("window.__xss") is None
        page.mouse.move(0, 0)
