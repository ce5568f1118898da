"""Database set-up use cases: upgrade the schema, report its state."""

from __future__ import annotations

from leefbaar.storage import migrate


def upgrade(url: str) -> str:
    """Apply all migrations; existing data is kept. Returns the revision reached."""
    return migrate.upgrade(url)


def status(url: str) -> tuple[str | None, str]:
    """(current revision of the database, newest revision Leefbaar knows)."""
    return migrate.current_revision(url), migrate.head_revision()
