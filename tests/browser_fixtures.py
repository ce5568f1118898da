"""Browser test harness: a live Leefbaar server, Debian's Chromium driven by Playwright, and axe-core.

Import the fixtures in a conftest (``from browser_fixtures import *``-style, by name). Chromium is
Debian's /usr/bin/chromium (never ``playwright install``). When Chromium, Playwright, axe-core or
the vendored assets are missing the browser tests are skipped locally, but FAIL when ``CI=true``:
nothing may be skipped in CI.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("LEEFBAAR_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VENDOR = ROOT / "src" / "leefbaar" / "web" / "static" / "vendor"

#: Chromium flags for a headless run without network side effects (ECOSYSTEM.md §1.4).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: The axe-core rule tags for WCAG 2.1 level A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail in CI, where nothing may be skipped."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: overslaan is niet toegestaan)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_vendor_assets() -> None:
    """The pages load CSS/JS from /static/vendor; copy them from node_modules when missing."""
    if (VENDOR / "utrecht" / "component-library.css").exists():
        return
    if not (ROOT / "node_modules").exists() or shutil.which("bash") is None:
        skip_or_fail("front-end bestanden ontbreken: draai scripts/assets.sh")
    subprocess.run(["bash", str(ROOT / "scripts" / "assets.sh"), "copy"], check=True, cwd=ROOT)


#: Reference dates of the two monitor runs stored in the web test database (a status history of two points).
MONITOR_PEILDATA = (date(2025, 1, 1), date(2025, 6, 1))
#: Years of the liveability index computed in that database (a trend of two points).
LIVEABILITY_YEARS = (2023, 2024)


@pytest.fixture(scope="session")
def web_db(templates: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny demo on DuckDB with two monitor runs and two index years, as the app's database.

    Sets LEEFBAAR_DATABASE_URL for the whole session (the live server runs in this process) and
    restores it afterwards.
    """
    from leefbaar.config import get_settings
    from leefbaar.services import liveability, monitor

    url = templates.fresh("duckdb", "tiny", tmp_path_factory.mktemp("web-db"))
    for peildatum in MONITOR_PEILDATA:
        monitor.run_evaluation(url, peildatum)
    for jaar in LIVEABILITY_YEARS:
        liveability.compute(url, jaar, gebruiker="test")
    previous = os.environ.get("LEEFBAAR_DATABASE_URL")
    os.environ["LEEFBAAR_DATABASE_URL"] = url
    get_settings.cache_clear()
    yield url
    if previous is None:
        os.environ.pop("LEEFBAAR_DATABASE_URL", None)
    else:
        os.environ["LEEFBAAR_DATABASE_URL"] = previous
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def live_server(web_db: str) -> Iterator[str]:
    """Run ``leefbaar.app:create_app`` with uvicorn on a free port in a thread; yields the base URL."""
    import uvicorn

    ensure_vendor_assets()
    port = free_port()
    config = uvicorn.Config(
        "leefbaar.app:create_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="leefbaar-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("de testserver startte niet")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, via Playwright."""
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium niet gevonden op {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Python-pakket playwright ontbreekt")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own context: no cookies or storage shared between tests) in Dutch."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the current page for WCAG 2.1 A/AA; returns the violations (empty is good)."""
    if not AXE_JS.exists():
        skip_or_fail(f"axe-core ontbreekt ({AXE_JS}); draai scripts/assets.sh")
    # Evaluated through the DevTools protocol rather than as a <script> tag: our Content-Security-Policy
    # (rightly) blocks inline scripts, and the tests must run with that policy in force.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags or WCAG_TAGS
    )
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Readable summary for an assertion message: rule, impact, and the offending elements."""
    lines = []
    for v in violations:
        targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)
