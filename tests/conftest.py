"""Shared fixtures, registered once for the whole suite.

Storage-touching tests run on DuckDB and on PostgreSQL (tests/storage_fixtures.py); the browser
harness (tests/browser_fixtures.py) is session-wide: one server and one Chromium for all page tests
(two Playwright sessions in one process would clash).
"""

pytest_plugins = ["tests.storage_fixtures", "tests.browser_fixtures"]
