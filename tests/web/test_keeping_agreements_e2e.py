"""Keeping an agreement in Leefbaar, end to end in Chromium against a running server with its
background worker (issue 14), on DuckDB and PostgreSQL:

a municipality draws up a local agreement with an association, a tenants' organisation, a care
partner and a safety partner, with one measured and one qualitative commitment; the association
reports delivery with a PDF; the tenants contest it; the agreement page shows the contested status
at once, and the measured commitment's verdict appears within seconds, computed in the background
(the same verdict the monitor gives). Every page on the way has 0 axe violations.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from leefbaar.config import get_settings
from leefbaar.services import agreements, monitor
from tests.browser_fixtures import axe_violations, describe_violations, ensure_vendor_assets, free_port
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts

pytestmark = pytest.mark.browser

ID = "lokaal-GM0363-wijkaanpak-noord-2025-2028"
PAGE = f"/afspraken/{ID}"
PLAN = "een-wijkplan-voor-noord"
MEASURED = "naar-35-sociale-huur"
PDF = b"%PDF-1.7\n%bewijs: wijkplan Noord\n%%EOF\n"


@pytest.fixture
def server(tiny_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """Leefbaar on the tiny demo with its background worker on, in a thread; yields (base URL, db)."""
    import uvicorn

    make_accounts(tiny_db)
    ensure_vendor_assets()
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    monkeypatch.setenv("LEEFBAAR_HERBEREKENING", "true")
    monkeypatch.setenv("LEEFBAAR_HERBEREKENING_INTERVAL_SECONDEN", "0.5")
    get_settings.cache_clear()
    port = free_port()
    config = uvicorn.Config(
        "leefbaar.app:create_app", factory=True, host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="leefbaar-e2e-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "de testserver startte niet"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", tiny_db
    finally:
        uv.should_exit = True
        thread.join(timeout=15)
        get_settings.cache_clear()


def _login(page: Any, base: str, who: str, volgende: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/inloggen?volgende={volgende}")
    page.fill("#email", ACCOUNTS[who][0])
    page.fill("#wachtwoord", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _set(page: Any, name: str, value: str) -> None:
    """Fill a form field by name, whatever kind of control it is."""
    kind = page.evaluate(
        "n => { const e = document.querySelector(`[name='${n}']`); return e.tagName + ':' + (e.type || '') }",
        name,
    )
    if kind.startswith("SELECT"):
        page.select_option(f"[name='{name}']", value)
    elif kind.endswith(":radio") or kind.endswith(":checkbox"):
        page.check(f"[name='{name}'][value='{value}']")
    else:
        page.fill(f"[name='{name}']", value)


def _submit(page: Any, landing: str) -> None:
    """Send the agreement form (htmx) and wait for the page it leads to; its errors if it does not."""
    page.click("#afspraakformulier button[type='submit']")
    try:
        page.wait_for_url(f"**{landing}*", timeout=20_000)
    except Exception:
        errors = page.locator("#formulierfouten").all_text_contents()
        raise AssertionError(f"het formulier kwam terug met: {errors}") from None


def _no_axe(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_a_local_agreement_is_drawn_up_kept_and_judged(page: Any, server: tuple[str, str]) -> None:
    base, url = server
    # 1. the municipality draws up the agreement with its partners and a qualitative commitment
    _login(page, base, "gemeente", "/afspraken/nieuw")
    if page.locator("[name='titel']").count() == 0:  # a first step asks for the municipality
        page.click("main >> button[type='submit']")
    _no_axe(page)
    for name, value in (
        ("titel", "Wijkaanpak Noord 2025-2028"),
        ("start", "2025-01-01"),
        ("eind", "2028-12-31"),
        ("andere_partijen", "ZP0001 VP0001"),
        ("t_soort", "kwalitatief"),
        ("t_requirement", "R4"),
        ("t_titel", "Een wijkplan voor Noord"),
        ("t_resultaat", "Een wijkplan met de partners, besproken met de bewoners."),
        ("t_deadline", "2028-06-30"),
        ("t_verantwoordelijke", "L0001"),
    ):
        _set(page, name, value)
    for partij in ("L0001", "HO0001"):
        page.check(f"[name='partijen'][value='{partij}']")
    _submit(page, "melding=aangemaakt")
    assert page.url.endswith(f"{PAGE}?melding=aangemaakt"), page.url
    stored = agreements.stored_agreement(url, ID)
    assert {p.id for p in stored.agreement.partijen} == {"GM0363", "L0001", "HO0001", "ZP0001", "VP0001"}
    # 2. a measured commitment: 35% social rent by the end of 2028, the municipality responsible
    page.goto(f"{base}{PAGE}/nieuwe-toezegging")
    for name, value in (
        ("t_soort", "gemeten"),
        ("t_requirement", "R10"),
        ("t_titel", "Naar 35% sociale huur"),
        ("t_indicator", "aandeel_sociale_huur"),
        ("t_vergelijking", ">="),
        ("t_waarde", "35"),
        ("t_deadline", "2028-12-31"),
        ("t_verantwoordelijke", "GM0363"),
    ):
        _set(page, name, value)
    _no_axe(page)
    written = time.monotonic()
    _submit(page, "melding=toezegging-toegevoegd")
    # 3. the association reports delivery with a PDF
    plan_page = f"{PAGE}/toezeggingen/{PLAN}"
    _login(page, base, "corporatie", plan_page)
    page.select_option("#status", "gehaald")
    page.fill("#toelichting", "Wijkplan Noord opgeleverd.")
    page.set_input_files("#document", {"name": "wijkplan.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.click("main >> button:text-is('Status melden')")
    page.wait_for_selector("#melding")
    # 4. the tenants contest it
    _login(page, base, "huurders", plan_page)
    form = page.locator("form[action$='/reactie']").last
    form.locator("input[value='betwist']").check()
    form.locator("textarea").fill("De bewoners zijn niet gehoord.")
    _no_axe(page)
    form.locator("button").click()
    page.wait_for_selector("#melding")
    # 5. the agreement page shows the contested status with both explanations, at once
    page.goto(f"{base}{PAGE}")
    part = page.text_content(f"#toezegging-{PLAN}")
    assert (
        "betwist" in part
        and "Wijkplan Noord opgeleverd." in part
        and "De bewoners zijn niet gehoord." in part
    )
    _no_axe(page)
    # 6. the measured commitment's verdict, computed in the background, within seconds
    verdict_page = f"{base}/afspraken/{MEASURED}?scope=gemeente:GM0363"
    expected = next(
        b
        for b in monitor.run_evaluation(
            url, date.today(), monitor.parse_scope("gemeente:GM0363"), opslaan=False
        ).beoordelingen
        if b.toezegging_id == MEASURED
    )
    status = None
    while time.monotonic() - written < 30:
        answer = page.goto(verdict_page)
        if answer is not None and answer.status == 200 and page.locator(".leefbaar-status").count():
            status = page.text_content(".leefbaar-status")
            break
        time.sleep(0.5)
    waited = time.monotonic() - written
    assert status == expected.status.value, (status, expected.status)
    assert waited < 30
    stored_run = monitor.latest_evaluation(url, monitor.parse_scope("gemeente:GM0363"))
    assert stored_run is not None
    found = next(b for b in stored_run.beoordelingen if b.toezegging_id == MEASURED)
    assert found.status == expected.status
    assert found.waarde == pytest.approx(expected.waarde, rel=1e-6)  # stored as a single-precision REAL
    _no_axe(page)
