"""Fixtures for the web tests: the browser harness from tests/browser_fixtures.py."""

from tests.browser_fixtures import browser, live_server, page  # noqa: F401 - pytest fixtures by name
