"""Conditional GET: public API resources and pages carry an ETag and Last-Modified derived from the
data version, answer 304 while it is unchanged, and a new tag as soon as a write lands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import monitor
from leefbaar.services.imports import import_file

GEMEENTE = "/api/v1/gemeenten/GM0363"
PAGINA = "/gemeenten/GM0363"


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch, tiny_duckdb: str) -> Iterator[TestClient]:
    """A client on https: the CSRF cookie is Secure, and the page's ETag follows that cookie."""
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_duckdb)
    get_settings.cache_clear()
    with TestClient(create_app(), base_url="https://testserver") as client:
        yield client
    get_settings.cache_clear()


def _import_a_dwelling(url: str, tmp_path: Path) -> None:
    csv = tmp_path / "extra.csv"
    csv.write_text(
        "verblijfsobject_id;buurtcode;eigendom\n0363010000900001;BU0363AA01;koop\n", encoding="utf-8"
    )
    result = import_file(url, "woningen", csv, ImportOptions(peildatum=date(2025, 2, 1), indelingsjaar=2025))
    assert result.status is ImportStatus.IMPORTED, result


def test_api_resource_answers_304_until_an_import_lands(
    browser: TestClient, tiny_duckdb: str, tmp_path: Path
) -> None:
    first = browser.get(GEMEENTE)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and first.headers["Last-Modified"].endswith("GMT")
    assert first.headers["Cache-Control"] == "no-cache"
    same = browser.get(GEMEENTE, headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b""
    assert same.headers["ETag"] == etag and same.headers["API-Version"]
    since = browser.get(GEMEENTE, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    assert browser.get(GEMEENTE + "?indelingsjaar=2025", headers={"If-None-Match": etag}).status_code == 200
    koop = first.json()["woningen"]["koop"]
    _import_a_dwelling(tiny_duckdb, tmp_path)
    after = browser.get(GEMEENTE, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag
    assert after.json()["woningen"]["koop"] == koop + 1


def test_a_new_monitor_run_changes_the_monitor_etag(browser: TestClient, tiny_duckdb: str) -> None:
    monitor.run_evaluation(tiny_duckdb, date(2025, 1, 1))
    first = browser.get("/api/v1/monitor?scope=nationaal")
    assert first.status_code == 200
    monitor.run_evaluation(tiny_duckdb, date(2025, 6, 1))
    after = browser.get("/api/v1/monitor?scope=nationaal", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200
    assert after.json()["peildatum"] == "2025-06-01"


def test_a_page_answers_304_for_a_visitor_until_the_data_changes(
    browser: TestClient, tiny_duckdb: str, tmp_path: Path
) -> None:
    browser.get("/")  # the first visit sets the CSRF cookie that the page's tag follows
    first = browser.get(PAGINA)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in first.headers["Vary"]
    same = browser.get(PAGINA, headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b""
    assert same.headers["ETag"] == etag
    assert same.headers["Content-Security-Policy"]  # the security headers on a 304 too
    other_browser = TestClient(browser.app, base_url="https://testserver")
    other_browser.get("/")
    assert other_browser.get(PAGINA, headers={"If-None-Match": etag}).status_code == 200  # its own cookie
    _import_a_dwelling(tiny_duckdb, tmp_path)
    assert browser.get(PAGINA, headers={"If-None-Match": etag}).status_code == 200


def test_unknown_codes_get_no_etag(browser: TestClient) -> None:
    assert "ETag" not in browser.get("/api/v1/gemeenten/GM9999").headers
    assert "ETag" not in browser.get("/gemeenten/GM9999").headers


def test_pages_for_a_logged_in_account_are_not_kept(browser: TestClient) -> None:
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/inloggen").text)
    assert found is not None
    answer = browser.post(
        "/inloggen",
        data={
            "email": "corporatie@demo.leefbaar.nl",
            "wachtwoord": "demo-corporatie-2026",
            "volgende": "/",
            "csrf_token": found.group(1),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = browser.get(PAGINA)
    assert page.headers["Cache-Control"] == "no-store" and "ETag" not in page.headers
