"""``/bijhouden``: the forms with which a party keeps its records, in a real browser and by request.

The browser path (Chromium, axe-core on every page and state): the corporatie opens its forms from
its own page, sends a plan with errors (the form is replaced in place by htmx, every message is
beside its field and in the summary, which takes the focus and links to the fields), corrects it,
changes it, withdraws it; opens and closes a defect; the gemeente keeps an urgentieverordening
(a list of choices as checkboxes). By request: the form refuses a stale version and says so.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.services.accounts import DEMO_ACCOUNTS
from tests.browser_fixtures import axe_violations, describe_violations
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts

DEMO = {rol.value: (email, password) for email, rol, _org, password in DEMO_ACCOUNTS}


def _login(page: Any, base: str, rol: str, volgende: str) -> None:
    email, password = DEMO[rol]
    page.context.clear_cookies()
    page.goto(f"{base}/inloggen?volgende={volgende}")
    page.fill("#email", email)
    page.fill("#wachtwoord", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.browser
def test_a_corporatie_keeps_a_plan_and_a_defect(page: Any, live_server: str) -> None:
    plan_id = f"P-E2E-{uuid.uuid4().hex[:6].upper()}"
    _login(page, live_server, "corporatie", "/corporaties/L0001")
    page.get_by_role("link", name="Gegevens bijhouden").click()
    page.wait_for_url("**/bijhouden/L0001")
    _accessible(page)  # the kinds the association keeps
    page.get_by_role("link", name="Plannen", exact=True).click()
    _accessible(page)  # its plans
    page.get_by_role("link", name="Nieuw plan vastleggen").click()
    _accessible(page)  # the empty form

    # With errors: htmx replaces only the form (the page is not reloaded: the marker survives).
    page.evaluate("window.nietHerladen = true")
    page.fill("#veld-plan_id", plan_id)
    page.fill("#veld-complexnummer", "9999")
    page.fill("#veld-aantal_woningen", "veel")
    page.get_by_role("button", name="Plan vastleggen").click()
    page.wait_for_selector("#formulierfouten")
    assert page.evaluate("window.nietHerladen === true")
    assert page.title().startswith("Fout: Nieuw plan")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'formulierfouten'")
    summary = page.locator("#formulierfouten li")
    assert summary.count() == 4  # complex unknown, soort and status empty, a number that is none
    for field in ("complexnummer", "soort", "status", "aantal_woningen"):
        control = page.locator(f"#veld-{field}")
        assert control.get_attribute("aria-invalid") == "true", field
        assert f"veld-{field}-fout" in (control.get_attribute("aria-describedby") or ""), field
    assert (
        page.locator("#veld-complexnummer-fout")
        .inner_text()
        .endswith("Onbekend complex: importeer eerst de complexen van deze corporatie.")
    )
    assert page.locator("#veld-plan_id").input_value() == plan_id  # what was typed stays
    _accessible(page)  # the form in error
    page.locator("#formulierfouten a", has_text="Complexnummer").click()
    assert page.evaluate("document.activeElement.id") == "veld-complexnummer"

    # Corrected: saved, and the browser goes to the new record with a message.
    page.fill("#veld-complexnummer", "1001")
    page.select_option("#veld-soort", "sloop")
    page.select_option("#veld-status", "voornemen")
    page.fill("#veld-aantal_woningen", "12")
    with page.expect_navigation():
        page.get_by_role("button", name="Plan vastleggen").click()
    assert page.url.endswith(f"/bijhouden/L0001/plannen/L0001,{plan_id}?melding=aangemaakt")
    assert "Het record is vastgelegd." in page.locator("main").inner_text()
    _accessible(page)  # an existing plan, with the form to withdraw it

    page.select_option("#veld-status", "besluit")
    with page.expect_navigation():
        page.get_by_role("button", name="Wijziging opslaan").click()
    assert "opgeslagen als nieuwe versie" in page.locator("main").inner_text()
    assert page.locator("#veld-status").input_value() == "besluit"
    with page.expect_navigation():
        page.get_by_role("button", name="Plan intrekken").click()
    assert page.locator("#veld-status").input_value() == "ingetrokken"

    # A defect: opened with the form, closed with its own button.
    gebrek_id = f"M-E2E-{uuid.uuid4().hex[:6].upper()}"
    page.goto(live_server + "/bijhouden/L0001/gebreken/nieuw")
    page.fill("#veld-gebrek_id", gebrek_id)
    page.fill("#veld-complexnummer", "1001")
    page.select_option("#veld-soort", "vocht_schimmel")
    page.fill("#veld-geconstateerd_op", "2026-01-10")
    with page.expect_navigation():
        page.get_by_role("button", name="Gebrek vastleggen").click()
    _accessible(page)  # an open defect, with the form to close it
    with page.expect_navigation():
        page.get_by_role("button", name="Gebrek sluiten").click()
    assert "Het gebrek is gesloten." in page.locator("main").inner_text()
    assert page.locator("#veld-opgelost_op").input_value() != ""
    assert page.get_by_role("button", name="Gebrek sluiten").count() == 0


@pytest.mark.browser
def test_a_gemeente_keeps_an_ordinance_with_checkboxes(page: Any, live_server: str) -> None:
    _login(page, live_server, "gemeente", "/gemeenten/GM0363")
    page.get_by_role("link", name="Gegevens bijhouden").click()
    page.get_by_role("link", name="Urgentieverordeningen").click()
    page.get_by_role("link", name="Nieuwe urgentieverordening vastleggen").click()
    page.get_by_role("button", name="Urgentieverordening vastleggen").click()
    page.wait_for_selector("#formulierfouten")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'formulierfouten'")
    _accessible(page)  # every field in error, including the checkbox group
    page.locator("#formulierfouten a", has_text="Gedekte aandachtsgroepen").click()
    assert page.evaluate("document.activeElement.id") == "veld-groepen-0"
    page.fill("#veld-vastgesteld_op", f"2026-0{uuid.uuid4().int % 9 + 1}-1{uuid.uuid4().int % 9}")
    page.get_by_label("dakloos").check()
    page.get_by_label("statushouder").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Urgentieverordening vastleggen").click()
    assert "Het record is vastgelegd." in page.locator("main").inner_text()
    assert (
        page.get_by_label("dakloos").is_checked() and not page.get_by_label("medische urgentie").is_checked()
    )
    _accessible(page)


@pytest.mark.browser
def test_the_pages_of_others_offer_no_forms(page: Any, live_server: str) -> None:
    _login(page, live_server, "corporatie", "/corporaties/L0002")
    assert page.get_by_role("link", name="Gegevens bijhouden").count() == 0
    answer = page.goto(live_server + "/bijhouden/L0002/plannen/nieuw")
    assert answer is not None and answer.status == 403
    _accessible(page)


# ----------------------------------------------------------------------------------------------
# By request (no browser)


@pytest.fixture
def client(tiny_duckdb: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_duckdb)
    get_settings.cache_clear()
    make_accounts(tiny_duckdb)
    with TestClient(create_app(), base_url="https://testserver", raise_server_exceptions=False) as c:
        token = _csrf(c.get("/inloggen").text)
        login = {
            "email": ACCOUNTS["corporatie"][0],
            "wachtwoord": PASSWORD,
            "volgende": "/",
            "csrf_token": token,
        }
        assert c.post("/inloggen", data=login, follow_redirects=False).status_code == 303
        yield c
    get_settings.cache_clear()


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page)
    assert found is not None
    return found.group(1)


def _version(page: str) -> str:
    found = re.search(r'name="versie" value="&#34;([0-9]+)&#34;"', page)
    assert found is not None
    return f'"{found.group(1)}"'


def test_a_stale_form_is_refused_and_shows_the_new_version(client: TestClient) -> None:
    path = "/bijhouden/L0001/plannen/L0001,P-1015"
    shown = client.get(path).text
    token, version = _csrf(shown), _version(shown)
    form = {"csrf_token": token, "versie": version, "complexnummer": "1015", "soort": "renovatie"}
    first = client.post(path, data={**form, "status": "besluit"}, follow_redirects=False)
    assert first.status_code == 303
    stale = client.post(path, data={**form, "status": "concreet"}, follow_redirects=False)
    assert stale.status_code == 409
    assert "intussen door iemand anders gewijzigd" in stale.text
    assert 'value="besluit" selected' in stale.text  # the new version is shown, not the stale input
    assert _version(stale.text) != version


def test_the_list_links_each_record_and_pages(client: TestClient) -> None:
    first = client.get("/bijhouden/L0001/conditiemetingen")
    assert first.status_code == 200
    links = re.findall(r'href="(/bijhouden/L0001/conditiemetingen/L0001,[^"]+)"', first.text)
    assert len(links) == 50 and 'rel="next"' in first.text
    opened = client.get(links[0].replace("&amp;", "&"))
    assert opened.status_code == 200 and "Conditiescore (NEN 2767)" in opened.text
    assert client.get("/bijhouden/L0001/conditiemetingen?pagina=2").status_code == 200
