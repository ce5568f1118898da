"""Shared fixtures, registered once for the whole suite.

Storage-touching tests run on DuckDB and on PostgreSQL (tests/storage_fixtures.py); the browser
harness (tests/browser_fixtures.py) is session-wide: one server and one Chromium for all page tests
(two Playwright sessions in one process would clash).

The suite runs as an explicit development environment with its own secrets (Leefbaar's default is
production, which refuses placeholder secrets; with the placeholders it would answer only on a
loopback address, and the in-process test client has none). Tests of those refusals set the
settings they need themselves. The background re-evaluation worker is off unless a test turns it on.
"""

import os

os.environ.setdefault("LEEFBAAR_ENVIRONMENT", "development")
os.environ.setdefault("LEEFBAAR_SECRET_KEY", "test-geheim-" + "0" * 40)
os.environ.setdefault("LEEFBAAR_PSEUDONYM_KEY", "1f" * 32)
# No background re-evaluation unless a test asks for it (tests/services/test_jobs*.py): runs appearing
# on their own would make other tests' counts depend on timing.
os.environ.setdefault("LEEFBAAR_HERBEREKENING", "false")

pytest_plugins = ["tests.storage_fixtures", "tests.browser_fixtures"]


def pytest_collection_modifyitems(config: object, items: list[object]) -> None:
    """Groups for pytest-xdist's ``--dist loadgroup`` (scripts/test.sh): each module stays on one
    worker (its module-scoped databases are built once), and every module with a test that uses the
    session's web database or Chromium (``web_db``, ``browser``: the page tests and the browser tests
    with their live server) runs on one worker, so the database, the server and the browser start
    once per run."""
    import pytest

    def module(item: object) -> str:
        return str(item.nodeid).split("::", 1)[0]  # type: ignore[attr-defined]

    web = {module(item) for item in items if {"web_db", "browser"} & set(getattr(item, "fixturenames", ()))}
    for item in items:
        if item.get_closest_marker("xdist_group") is None:  # type: ignore[attr-defined]
            name = "web" if module(item) in web else module(item)
            item.add_marker(pytest.mark.xdist_group(name=name))  # type: ignore[attr-defined]
