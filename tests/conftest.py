"""Shared fixtures. Storage-touching tests run on DuckDB and on PostgreSQL (see tests/storage_fixtures.py)."""

pytest_plugins = ["tests.storage_fixtures"]
