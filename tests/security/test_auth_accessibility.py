"""WCAG 2.1 AA for the login, account, processing-log and refusal pages (axe-core in Chromium),
and a login with the keyboard in a real browser (cookies, CSRF and redirect as users get them)."""

from __future__ import annotations

from typing import Any

import pytest

from leefbaar.services import accounts
from tests.browser_fixtures import axe_violations, describe_violations

pytestmark = pytest.mark.browser

BEHEERDER = accounts.DEMO_ACCOUNTS[0]
GEMEENTE = accounts.DEMO_ACCOUNTS[3]


@pytest.fixture
def demo_accounts(web_db: str) -> None:
    # `leefbaar demo` (and so the tiny demo behind web_db) creates the demo accounts and sharing.
    for account in (BEHEERDER, GEMEENTE):
        assert accounts.get_account(web_db, account[0]) is not None


def _login(page: Any, base: str, email: str, password: str, volgende: str = "/account") -> None:
    page.goto(f"{base}/inloggen?volgende={volgende}")
    page.fill("#email", email)
    page.fill("#wachtwoord", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_login_page_is_accessible(page: Any, live_server: str) -> None:
    page.goto(live_server + "/inloggen")
    _assert_accessible(page)


def test_login_error_state_is_accessible(page: Any, live_server: str, demo_accounts: None) -> None:
    _login(page, live_server, GEMEENTE[0], "fout-wachtwoord-x")
    assert page.locator("#inlog-fout").is_visible()
    _assert_accessible(page)


def test_account_and_processing_log_pages_are_accessible(
    page: Any, live_server: str, demo_accounts: None
) -> None:
    _login(page, live_server, BEHEERDER[0], BEHEERDER[3])
    assert page.url.endswith("/account")
    _assert_accessible(page)
    page.goto(live_server + "/verwerkingenlog")
    _assert_accessible(page)
    page.fill("#huishouden", "HH-BESTAAT-NIET")
    page.fill("#doel", "toegankelijkheidstest")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "geen verwerkingen" in page.content()
    _assert_accessible(page)


def test_refusal_page_is_accessible(page: Any, live_server: str, demo_accounts: None) -> None:
    _login(page, live_server, GEMEENTE[0], GEMEENTE[3])
    answer = page.goto(live_server + "/verwerkingenlog")
    assert answer is not None and answer.status == 403
    _assert_accessible(page)


def test_signals_page_is_accessible(page: Any, live_server: str, demo_accounts: None) -> None:
    _login(page, live_server, GEMEENTE[0], GEMEENTE[3], volgende="/signalen")
    _assert_accessible(page)
    page.goto(live_server + "/signalen?doel=vroegsignalering_schulden")
    assert "Betalingsregeling niet nagekomen." in page.content()
    _assert_accessible(page)
