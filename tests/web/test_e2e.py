"""End to end in Chromium against a live server on the tiny demo: the paths people take.

National map -> gemeente -> buurt by clicking polygons; the same by search; an upload with an error;
a chart's table alternative; keyboard-only use.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def click_polygon(page: Any, code: str) -> None:
    """A real mouse click on a point that lies on the polygon of ``code`` (not just its bounding box)."""
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    path = page.locator(f'path[data-code="{code}"]')
    path.scroll_into_view_if_needed()
    point = page.evaluate(
        """(code) => {
            const el = document.querySelector(`path[data-code="${code}"]`);
            const r = el.getBoundingClientRect();
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
                if (document.elementFromPoint(x, y) === el) return [x, y];
            }
            return null;
        }""",
        code,
    )
    assert point is not None, f"polygon {code} is not visible on the map"
    page.mouse.click(point[0], point[1])


def test_national_to_gemeente_to_buurt_via_the_map(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    click_polygon(page, "GM0363")
    page.wait_for_url("**/gemeenten/GM0363")
    assert page.text_content("h1") == "Gemeente Amsterdam"
    click_polygon(page, "BU0363AA04")
    page.wait_for_url("**/buurten/BU0363AA04")
    assert page.text_content("h1") == "Buurt Planciusbuurt-Zuid"


def test_map_indicator_choice_recolours_and_updates_the_legend(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    before = page.text_content("#kaart-legenda")
    page.select_option("#kaart-indicator", "inwoners")
    after = page.text_content("#kaart-legenda")
    assert before != after
    assert "%" in before and "%" not in after


def test_national_to_gemeente_to_buurt_via_search(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.fill("#zoek-kop", "Amsterdm")  # a typo: the list of similar names
    page.press("#zoek-kop", "Enter")
    page.wait_for_url("**/zoeken?q=Amsterdm")
    page.click("main >> a:text-is('Amsterdam')")
    page.wait_for_url("**/gemeenten/GM0363")
    page.fill("#zoek-kop", "Planciusbuurt-Zuid")  # one exact hit: its page opens straight away
    page.press("#zoek-kop", "Enter")
    page.wait_for_url("**/buurten/BU0363AA04")
    assert page.text_content("h1") == "Buurt Planciusbuurt-Zuid"


def test_alternative_name_opens_the_municipality(page: Any, live_server: str) -> None:
    page.goto(live_server + "/zoeken")
    page.fill("#zoekterm", "Den Haag")
    page.press("#zoekterm", "Enter")
    page.wait_for_url("**/gemeenten/GM0518")
    assert page.text_content("h1") == "Gemeente 's-Gravenhage"


def test_upload_with_an_error_shows_the_reason(page: Any, live_server: str) -> None:
    page.goto(live_server + "/gegevens")
    page.click("#importeren-inloggen a")
    page.fill("#email", "corporatie@demo.leefbaar.nl")
    page.fill("#wachtwoord", "demo-corporatie-2026")
    page.click("main >> button[type=submit]")
    page.wait_for_url("**/gegevens")
    page.select_option("#soort", "woningen")
    page.set_input_files(
        "#bestand",
        {
            "name": "woningen.csv",
            "mimeType": "text/csv",
            # Its own dwelling (corporatie_id L0001) with an ownership value that does not exist.
            "buffer": b"verblijfsobject_id;buurtcode;eigendom;corporatie_id\n0363010000900001;BU0363AA01;huur;L0001\n",
        },
    )
    page.fill("#peildatum", "2025-02-01")
    page.click("main >> button:text-is('Controleren en importeren')")
    report = page.wait_for_selector("#importverslag")
    text = report.text_content()
    assert "woningen.csv is afgekeurd: er is niets opgeslagen" in text
    assert "eigendom" in text and "huur" in text
    assert page.get_attribute("#importverslag", "role") == "alert"


def test_chart_has_a_table_alternative(page: Any, live_server: str) -> None:
    page.goto(live_server + "/corporaties/L0001")
    assert page.get_attribute("#grafiek-conditie", "role") == "img"
    table = page.locator("#grafiek-conditie-tabel table")
    assert not table.is_visible()
    page.click("#grafiek-conditie-tabel summary")
    assert table.is_visible()
    rows = table.locator("tbody tr").all_text_contents()
    assert len(rows) == 7  # scores 1-6 and "geen meting"
    assert re.search(r"5 – slecht", rows[4])


def test_keyboard_only_reaches_main_content_and_opens_a_table(page: Any, live_server: str) -> None:
    page.goto(live_server + "/gemeenten/GM0363")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Tab on from <main> until the chart's table toggle has focus, then open it with the keyboard.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#grafiek-woningen-tabel') !== null"):
            break
    else:
        pytest.fail("de knop 'Tabel bij de grafiek' is niet met Tab te bereiken")
    page.keyboard.press("Enter")
    assert page.locator("#grafiek-woningen-tabel table").is_visible()
