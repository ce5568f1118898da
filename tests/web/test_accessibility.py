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
    "/leefbaarheid",  # leefbaarheid.html: how the index is read
    "/corporaties",  # corporaties.html
    "/corporaties/L0001",  # corporatie.html with the 5/6 list
    "/corporaties/L0001?budget=100000&jaren=3",  # corporatie.html, a scenario that leaves complexes out
    "/complexen/L0001-1021",  # complex.html
    "/complexen/L0001-1034",  # complex.html of 3 dwellings: defects withheld with the reason
    "/complexen/L0001-1021/woningen",  # complex_woningen.html for a visitor: counts and the note
    "/afspraken/r1-geen-conditie-5-6?scope=nationaal&variant=complexscore",  # afspraak.html: chart, evidence
    "/afspraken/r10-dertig-procent-sociale-huur?scope=nationaal",  # afspraak_gemeenten.html: per gemeente
    "/afspraken",  # afspraken.html: the stored agreements
    "/afspraken/nationaal-leefbaarheid-2022-2030",  # afspraak_detail.html with collective parties
    "/afspraken/lokaal-GM0363-amsterdam-2024-2027",  # afspraak_detail.html, measured and qualitative
    "/afspraken/lokaal-GM0363-amsterdam-2024-2027/toezeggingen/ams-wijkaanpak",  # afspraak_toezegging.html
    "/afspraken/activiteit/LEEFBAAR",  # afspraken_activiteit.html
]


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_and_every_asset_our_own(page: Any, live_server: str, path: str) -> None:
    """axe-core finds 0 violations on the page as people use it, and in the same load every asset
    comes from our own server and the CSP blocks nothing we ship (one page load for both checks)."""
    problems: list[str] = []
    bad: list[str] = []

    def on_console(message: Any) -> None:
        # HTTP failures are checked below per asset (the 404 page itself is a 404 on purpose).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            bad.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("requestfailed", lambda req: problems.append(f"mislukt: {req.url}"))
    page.on("response", on_response)
    page.goto(live_server + path, wait_until="load")
    if page.locator(".leefbaar-map[data-geojson-url]").count():
        # Check the page as people use it: with the map drawn (polygons, zoom buttons, legend).
        page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert problems == []
    assert bad == []
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans"')


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


# Pages with wide tables, maps and long words: none may be wider than a 390 px phone screen.
NARROW_PAGES = [
    "/",
    "/gemeenten/GM0363",
    "/corporaties/L0001",
    "/afspraken",
    "/gemeenten/GM0363/buurten",
    "/buurten/BU0363AA04",
    "/toegankelijkheid",
    "/afspraken/nationaal-leefbaarheid-2022-2030",  # last: axe checks its wrapped tables
]


def test_no_page_is_wider_than_a_phone(page: Any, live_server: str) -> None:
    """At 390 px every table and chart scrolls inside its own box (static/js/tabellen.js adds one where
    a template has none), charts keep their natural size and long words break; the page itself never
    scrolls sideways."""
    page.set_viewport_size({"width": 390, "height": 844})
    too_wide = {}
    for path in NARROW_PAGES:
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
        # every table is in a named, focusable scroll region
        assert (
            page.locator("main table").count()
            == page.locator("main .leefbaar-table-scroll[tabindex='0'][role='region'] table").count()
        ), path
        # every chart keeps its natural size (legible text) in its own scroll region
        charts = page.evaluate(
            """() => Array.from(document.querySelectorAll('main svg.leefbaar-chart')).map(s =>
                [s.parentNode.matches(".leefbaar-chart-scroll[tabindex='0'][role='region']"),
                 Math.round(s.getBoundingClientRect().width), s.viewBox.baseVal.width])"""
        )
        assert all(wrapped and shown == natural for wrapped, shown, natural in charts), (path, charts)
    assert too_wide == {}
    violations = axe_violations(page)  # the last page, with its wrapped tables
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


#: The agreement forms, as the municipality that directs Amsterdam's agreement sees them.
AGREEMENT_FORMS = [
    "/afspraken/nieuw",  # afspraak_formulier.html: a new local agreement with its first commitment
    "/afspraken/lokaal-GM0363-amsterdam-2024-2027/wijzigen",  # the agreement's own fields
    "/afspraken/lokaal-GM0363-amsterdam-2024-2027/nieuwe-toezegging",  # a commitment's fields
    "/afspraken/lokaal-GM0363-amsterdam-2024-2027/toezeggingen/ams-wijkaanpak/wijzigen",
]


def test_agreement_forms_have_no_axe_violations(page: Any, live_server: str) -> None:
    """The agreement forms, empty and (sent with htmx) with every error beside its field; nothing
    is stored, so the shared demo stays as it was."""
    email, _rol, _organisatie, password = accounts.DEMO_ACCOUNTS[3]  # gemeente GM0363
    page.goto(f"{live_server}/inloggen?volgende=/afspraken/nieuw")
    page.fill("#email", email)
    page.fill("#wachtwoord", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for path in AGREEMENT_FORMS:
        page.goto(live_server + path)
        assert page.locator("form.leefbaar-form").count() == 1, path
        violations = axe_violations(page)
        assert violations == [], f"{path}: {describe_violations(violations)}"
    # a new agreement without a title and with the period the wrong way round, sent with htmx
    page.goto(live_server + "/afspraken/nieuw")
    page.fill("#veld-start", "2025-01-01")
    page.fill("#veld-eind", "2024-12-31")
    page.click("main >> button:text-is('Afspraak vastleggen')")
    page.wait_for_selector("#formulierfouten")
    assert page.evaluate("document.activeElement.id") == "formulierfouten"
    assert page.locator("#veld-titel-fout").count() == 1 and page.locator("#veld-eind-fout").count() == 1
    assert page.title().startswith("Fout: ")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
