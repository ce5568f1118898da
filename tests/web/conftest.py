"""Fixtures for the web tests: the tiny demo as the app's database, and the browser harness."""

from tests.browser_fixtures import browser, live_server, page, web_db  # noqa: F401 - pytest fixtures by name
