"""Shared fixtures, registered once for the whole suite.

Storage-touching tests run on DuckDB and on PostgreSQL (tests/storage_fixtures.py); the browser
harness (tests/browser_fixtures.py) is session-wide: one server and one Chromium for all page tests
(two Playwright sessions in one process would clash).

The suite runs as an explicit development environment with its own secrets (Leefbaar's default is
production, which refuses placeholder secrets; with the placeholders it would answer only on a
loopback address, and the in-process test client has none). Tests of those refusals set the
settings they need themselves.
"""

import os

os.environ.setdefault("LEEFBAAR_ENVIRONMENT", "development")
os.environ.setdefault("LEEFBAAR_SECRET_KEY", "test-geheim-" + "0" * 40)
os.environ.setdefault("LEEFBAAR_PSEUDONYM_KEY", "1f" * 32)

pytest_plugins = ["tests.storage_fixtures", "tests.browser_fixtures"]
