"""The agreement pages: a party reports a status with a document, a co-signer contests it, the page
shows both; who may see which form, who may download a document (TestClient, both backends), and the
same flow in a real browser with axe-core (DuckDB)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.services import agreements
from leefbaar.services.accounts import DEMO_ACCOUNTS
from tests.browser_fixtures import axe_violations, describe_violations
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts

AMSTERDAM = "lokaal-GM0363-amsterdam-2024-2027"
PLAN = "ams-plan-vocht-en-schimmel"
PLAN_PAGE = f"/afspraken/{AMSTERDAM}/toezeggingen/{PLAN}"
PDF = b"%PDF-1.7\n%bewijs: plan van aanpak\n%%EOF\n"


@pytest.fixture
def site(tiny_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, str]]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    get_settings.cache_clear()
    make_accounts(tiny_db)
    try:
        with TestClient(create_app(), base_url="https://testserver", raise_server_exceptions=False) as client:
            yield client, tiny_db
    finally:
        get_settings.cache_clear()


def _token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', client.get(path).text)
    assert found is not None
    return found.group(1)


def _login(client: TestClient, who: str) -> None:
    client.cookies.clear()
    answer = client.post(
        "/inloggen",
        data={
            "email": ACCOUNTS[who][0],
            "wachtwoord": PASSWORD,
            "volgende": "/",
            "csrf_token": _token(client, "/inloggen"),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303


def test_the_agreement_pages_read_the_records(site: tuple[TestClient, str]) -> None:
    client, _ = site
    listing = client.get("/afspraken").text
    assert "Nationale prestatieafspraken leefbare en veilige wijken 2022-2030" in listing
    assert f'href="/afspraken/{AMSTERDAM}"' in listing
    page = client.get("/afspraken/nationaal-leefbaarheid-2022-2030").text
    assert "De woningcorporaties (vertegenwoordigd door Aedes)" in page
    assert "Wetsvoorstel over het delen van bijzondere persoonsgegevens door corporaties" in page
    assert "meegeleverd met Leefbaar (leefbaar db upgrade)" in page  # the version's reason
    # a measured commitment still opens its verdict page
    assert 'href="/afspraken/r1-geen-conditie-5-6?scope=nationaal"' in page
    amsterdam = client.get(f"/afspraken/{AMSTERDAM}").text
    # past its deadline (30 June 2025) without delivery: niet gehaald, computed
    assert "niet gehaald</span> (automatisch: de deadline is verstreken)" in amsterdam
    yaml_answer = client.get(f"/afspraken/{AMSTERDAM}/yaml?versie=1")
    assert yaml_answer.status_code == 200 and yaml_answer.text.count(f"id: {AMSTERDAM}") == 1
    assert client.get("/afspraken/bestaat-niet").status_code == 404


def test_report_with_a_document_then_contest(site: tuple[TestClient, str]) -> None:
    client, url = site
    # a visitor sees no form; the association responsible for it does
    assert 'action="' + PLAN_PAGE + '/status"' not in client.get(PLAN_PAGE).text
    _login(client, "huurders")
    assert "Status melden" not in client.get(PLAN_PAGE).text
    _login(client, "corporatie")
    token = _token(client, PLAN_PAGE)
    # a text file named .pdf is refused, nothing stored, the reason beside the field
    bad = client.post(
        f"{PLAN_PAGE}/status",
        data={"csrf_token": token, "status": "gehaald", "toelichting": ""},
        files={"document": ("plan.pdf", b"geen pdf", "application/pdf")},
    )
    assert bad.status_code == 400 and "geen PDF-, ODT- of DOCX-document" in bad.text
    good = client.post(
        f"{PLAN_PAGE}/status",
        data={"csrf_token": token, "status": "gehaald", "toelichting": "Plan per complex opgeleverd."},
        files={"document": ("plan.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert good.status_code == 303 and good.headers["location"].endswith("?melding=status-gemeld")
    page = client.get(PLAN_PAGE).text
    assert "Plan per complex opgeleverd." in page and "plan.pdf" in page
    document_link = re.search(r'href="(/afspraken/documenten/[0-9a-f]{32})"', page)
    assert document_link is not None
    download = client.get(document_link.group(1))
    assert (download.status_code, download.content, download.headers["content-type"]) == (
        200,
        PDF,
        "application/pdf",
    )
    assert "attachment" in download.headers["content-disposition"]
    # the tenants contest it; the reporter has no reaction form on its own status
    assert "Bevestigen of betwisten" not in page
    _login(client, "huurders")
    page = client.get(PLAN_PAGE).text
    melding = re.search(r'name="melding_id" value="(\d+)"', page)
    assert melding is not None
    token = _token(client, PLAN_PAGE)
    no_reason = client.post(
        f"{PLAN_PAGE}/reactie",
        data={"csrf_token": token, "melding_id": melding.group(1), "reactie": "betwist"},
    )
    assert no_reason.status_code == 400 and "Leg uit waarom u de status betwist." in no_reason.text
    contest = client.post(
        f"{PLAN_PAGE}/reactie",
        data={
            "csrf_token": token,
            "melding_id": melding.group(1),
            "reactie": "betwist",
            f"toelichting-{melding.group(1)}": "Twee complexen hebben nog geen plan.",
        },
        follow_redirects=False,
    )
    assert contest.status_code == 303
    page = client.get(f"/afspraken/{AMSTERDAM}").text
    assert "betwist</strong>" in page
    assert "Plan per complex opgeleverd." in page and "Twee complexen hebben nog geen plan." in page
    # the history and the activity feed say who did what
    history = client.get(PLAN_PAGE).text
    assert history.count('<tr class="utrecht-table__row" id="melding-') == 2
    feed = agreements.organisation_activity(url, "HO0001")
    assert [x.wat for x in feed] == [f"betwistte de status die L0001 meldde voor {PLAN}"]
    assert "betwistte de status" in client.get("/afspraken/activiteit/HO0001").text


def test_forbidden_writes_and_downloads(site: tuple[TestClient, str]) -> None:
    client, _ = site
    # a visitor is sent to the login page, not allowed to report
    token = _token(client, "/inloggen")
    answer = client.post(
        f"{PLAN_PAGE}/status",
        data={"csrf_token": token, "status": "gehaald", "toelichting": "x"},
        follow_redirects=False,
    )
    assert answer.status_code in (303, 413)  # anonymous bodies are small; a form this size is a redirect
    # another association is refused with the reason
    _login(client, "andere_corporatie")
    token = _token(client, "/account")
    refused = client.post(
        f"{PLAN_PAGE}/status", data={"csrf_token": token, "status": "gehaald", "toelichting": "x"}
    )
    assert refused.status_code == 403 and "verantwoordelijke partij (L0001)" in refused.text
    client.cookies.clear()
    assert client.get("/afspraken/documenten/" + "0" * 32, follow_redirects=False).status_code == 303


# --- in a real browser (the pages' axe checks are in test_accessibility.PAGES) ---------------------


def _browser_login(page: Any, live_server: str, rol_index: int, volgende: str) -> None:
    email, _rol, _organisatie, password = DEMO_ACCOUNTS[rol_index]
    page.context.clear_cookies()
    page.goto(f"{live_server}/inloggen?volgende={volgende}")
    page.fill("#email", email)
    page.fill("#wachtwoord", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.browser
def test_association_reports_with_a_pdf_and_tenants_contest(page: Any, live_server: str) -> None:
    # as the association (demo account L0001): the form, with 0 axe violations, then a report
    _browser_login(page, live_server, 4, PLAN_PAGE)
    assert page.locator("#status").count() == 1
    assert axe_violations(page) == []
    page.select_option("#status", "gehaald")
    page.fill("#toelichting", "Plan per complex opgeleverd (browser).")
    page.set_input_files("#document", {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.click("main >> button:text-is('Status melden')")
    page.wait_for_selector("#melding")
    # as the tenants (demo account HO0001): contest it
    _browser_login(page, live_server, 5, PLAN_PAGE)
    form = page.locator("form[action$='/reactie']").last
    form.locator("input[value='betwist']").check()
    form.locator("textarea").fill("Twee complexen hebben nog geen plan (browser).")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    form.locator("button").click()
    page.wait_for_selector("#melding")
    page.goto(f"{live_server}/afspraken/{AMSTERDAM}")
    text = page.text_content("#toezegging-" + PLAN)
    assert "betwist" in text and "(browser)" in text
    assert axe_violations(page) == []
