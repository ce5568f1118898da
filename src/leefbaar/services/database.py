"""Database set-up use cases: upgrade the schema (and load the packaged national agreement), report
its state, check readiness.

A server process checks the schema once, at start-up (:func:`prepare_once`); a readiness probe
asks :func:`readiness` whether the database answers and has the schema this version expects.
"""

from __future__ import annotations

import logging
import threading

from leefbaar.services.agreements import ensure_shipped
from leefbaar.storage import migrate

log = logging.getLogger(__name__)


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


def _outdated(current: str, head: str) -> str:
    return (
        f"De database heeft schemaversie {current}, deze versie van Leefbaar verwacht {head}: "
        "voer eerst 'leefbaar db upgrade' uit (gegevens blijven behouden)."
    )


def ensure_schema(url: str) -> None:
    """Create the schema in an empty database; refuse to work on an outdated one."""
    current, head = status(url)
    if current is None:
        upgrade(url)
    elif set(current.split(",")) != set(head.split(",")):
        raise SchemaOutdated(_outdated(current, head))


_prepared: set[str] = set()
_prepared_lock = threading.Lock()


def prepare_once(url: str) -> None:
    """:func:`ensure_schema`, once per database per process (at start-up, or on first use)."""
    if url in _prepared:
        return
    with _prepared_lock:
        if url not in _prepared:
            ensure_schema(url)
            _prepared.add(url)


def readiness(url: str) -> list[str]:
    """Why this database cannot serve yet, in Dutch (empty: ready): unreachable, or not at the head."""
    try:
        current, head = status(url)
    except Exception as exc:  # any driver error means the same to a probe: not reachable
        log.warning("database niet bereikbaar: %s", type(exc).__name__)
        return ["De database is niet bereikbaar."]
    if current is None:
        return [f"De database heeft nog geen schema; voer 'leefbaar db upgrade' uit (verwacht {head})."]
    if set(current.split(",")) != set(head.split(",")):
        return [_outdated(current, head)]
    return []
