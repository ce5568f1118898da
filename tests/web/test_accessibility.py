"""WCAG 2.1 AA in a real browser: axe-core finds 0 violations on every page; keyboard use works."""

from __future__ import annotations

from typing import Any

import pytest

from leefbaar.services import accounts
from tests.browser_fixtures import axe_violations, describe_violations

pytestmark = pytest.mark.browser

# Every page template, including the states a template can be in.
PAGES = [
    "/",  # landelijk.html: map, indicator choice, national commitments
    "/zoeken",  # zoeken.html, empty form
    "/zoeken?q=Xyzzyq",  # zoeken.html, no results
    "/zoeken?q=amster",  # zoeken.html, results
    "/zoeken?q=haag",  # zoeken.html, results with one found by an alternative name (Den Haag)
    "/zoeken?q=Amsterdm",  # zoeken.html, only similar results ("Bedoelde u")
    "/zoeken?q=BU07530001",  # zoeken.html, a code of an older division: no page, no link
    "/gegevens",  # gegevens.html: upload form and completeness
    "/toegankelijkheid",  # toegankelijkheid.html
    "/open-data",  # open_data.html: the open datasets
    "/bestaat-niet",  # 404.html
    "/gemeenten/GM0363",  # gemeente.html with buurt map, charts, commitments
    "/gemeenten/GM0518",  # gemeente.html without dwellings
    "/gemeenten/GM0014",  # gemeente.html with a wijk map and the buurten table on the page
    "/gemeenten/GM0363/buurten",  # gemeente_buurten.html
    "/buurten/BU0363AA04",  # buurt.html
    "/corporaties",  # corporaties.html
    "/corporaties/L0001",  # corporatie.html with the 5/6 list
    "/complexen/L0001-1021",  # complex.html
    "/complexen/L0001-1034",  # complex.html of 3 dwellings: defects withheld with the reason
    "/complexen/L0001-1021/woningen",  # complex_woningen.html for a visitor: counts and the note
    "/afspraken/r1-geen-conditie-5-6?scope=nationaal&variant=complexscore",  # afspraak.html: chart, evidence
    "/afspraken",  # afspraken.html: the stored agreements
    "/afspraken/nationaal-leefbaarheid-2022-2030",  # afspraak_detail.html with collective parties
    "/afspraken/lokaal-GM0363-amsterdam-2024-2027",  # afspraak_detail.html, measured and qualitative
    "/afspraken/lokaal-GM0363-amsterdam-2024-2027/toezeggingen/ams-wijkaanpak",  # afspraak_toezegging.html
    "/afspraken/activiteit/LEEFBAAR",  # afspraken_activiteit.html
]


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page: Any, live_server: str, path: str) -> None:
    page.goto(live_server + path)
    if page.locator(".leefbaar-map[data-geojson-url]").count():
        # Check the page as people use it: with the map drawn (polygons, zoom buttons, legend).
        page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_map_in_status_mode_has_no_axe_violations(page: Any, live_server: str) -> None:
    """The national map coloured by a commitment's status, with its status legend."""
    page.goto(live_server + "/")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    page.select_option("#kaart-indicator", "status:r11-urgentieverordening")
    assert "gehaald (" in page.text_content("#kaart-legenda")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_dwelling_table_of_the_owner_has_no_axe_violations(page: Any, live_server: str) -> None:
    """complex_woningen.html with the dwelling table (the demo association owns complex 1021)."""
    email, _rol, _organisatie, password = accounts.DEMO_ACCOUNTS[4]  # corporatie L0001
    page.goto(f"{live_server}/inloggen?volgende=/complexen/L0001-1021/woningen")
    page.fill("#email", email)
    page.fill("#wachtwoord", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#woningen-tabel").count() == 1
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_signed_in_home_and_upload_form_have_no_axe_violations(page: Any, live_server: str) -> None:
    """mijn.html (where the login lands) and gegevens.html with a kind's columns opened, signed in as the
    demo association, at desktop width and at 390 px without sideways scrolling of the page."""
    email, _rol, _organisatie, password = accounts.DEMO_ACCOUNTS[4]  # corporatie L0001
    page.goto(f"{live_server}/inloggen")
    page.fill("#email", email)
    page.fill("#wachtwoord", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/mijn")
    assert page.locator("header >> text=Uitloggen").count() == 1
    assert axe_violations(page) == []
    page.goto(f"{live_server}/gegevens")
    page.click("#kolommen-investeringen > summary")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/mijn", "/gegevens"):
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_blocked_assets(page: Any, live_server: str, path: str) -> None:
    """Every asset loads from our own server and the CSP blocks nothing we ship."""
    problems: list[str] = []

    def on_console(message: Any) -> None:
        # HTTP failures are checked below per asset (the 404 page itself is a 404 on purpose).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            bad.append(f"{response.status} {response.url}")

    bad: list[str] = []
    page.on("console", on_console)
    page.on("requestfailed", lambda req: problems.append(f"mislukt: {req.url}"))
    page.on("response", on_response)
    page.goto(live_server + path, wait_until="load")
    assert problems == []
    assert bad == []
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans"')


def test_first_tab_reaches_skip_link_which_moves_focus_to_main(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Naar de inhoud", "#main"]
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 0  # visible on focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_works_with_the_keyboard_only(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # logo link
    page.keyboard.press("Tab")  # search field
    assert page.evaluate("document.activeElement.id") == "zoek-kop"
    page.keyboard.type("Xyzzyq")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken?q=Xyzzyq")
    assert "Geen resultaten gevonden" in page.text_content("main")
