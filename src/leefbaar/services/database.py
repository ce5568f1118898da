"""Database set-up use cases: upgrade the schema (and load the packaged national agreement), report
its state."""

from __future__ import annotations

from leefbaar.services.agreements import ensure_shipped
from leefbaar.storage import migrate


def upgrade(url: str) -> str:
    """Apply all migrations (existing data is kept) and load the national agreement that ships with
    Leefbaar when the database does not hold it yet. Returns the revision reached."""
    revision = migrate.upgrade(url)
    ensure_shipped(url)
    return revision


def status(url: str) -> tuple[str | None, str]:
    """(current revision of the database, newest revision Leefbaar knows)."""
    return migrate.current_revision(url), migrate.head_revision()


class SchemaOutdated(RuntimeError):
    """The database has an older schema than this version of Leefbaar (message in Dutch)."""


def ensure_schema(url: str) -> None:
    """Create the schema in an empty database; refuse to work on an outdated one."""
    current, head = status(url)
    if current is None:
        upgrade(url)
    elif set(current.split(",")) != set(head.split(",")):
        raise SchemaOutdated(
            f"De database heeft schemaversie {current}, deze versie van Leefbaar verwacht {head}: "
            "voer eerst 'leefbaar db upgrade' uit (gegevens blijven behouden)."
        )
