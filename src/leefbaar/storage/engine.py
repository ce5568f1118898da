"""Database engines for the two supported backends: an embedded DuckDB file and PostgreSQL.

URLs are SQLAlchemy style: ``duckdb:///path/file.duckdb`` or ``postgresql+psycopg://user@host:port/db``.
"""

from __future__ import annotations

import re
import threading
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from leefbaar.domain.errors import DatabaseInGebruik


class Backend(StrEnum):
    DUCKDB = "duckdb"
    POSTGRES = "postgresql"


class DatabaseUrlError(ValueError):
    """A database URL that Leefbaar cannot use (message in Dutch)."""


# DuckDB must not try to download extensions: the machines that run Leefbaar may be offline.
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

_engines: dict[str, Engine] = {}
#: Small autocommit pools for the one-query reads made on every request (the data version).
_probe_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def backend_of(url: str) -> Backend:
    try:
        name = make_url(url).get_backend_name()
    except Exception as exc:
        raise DatabaseUrlError(f"Ongeldige database-URL '{url}'.") from exc
    if name == "duckdb":
        return Backend.DUCKDB
    if name == "postgresql":
        return Backend.POSTGRES
    raise DatabaseUrlError(
        f"Database '{name}' wordt niet ondersteund: gebruik duckdb:///bestand.duckdb of postgresql+psycopg://..."
    )


def duckdb_path(url: str) -> str:
    database = make_url(url).database
    return database or ":memory:"


def get_engine(url: str) -> Engine:
    """One engine per URL per process (engines hold connection pools)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url)
            _engines[url] = engine
        return engine


def _create(url: str) -> Engine:
    backend = backend_of(url)
    if backend is Backend.DUCKDB:
        path = duckdb_path(url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"config": dict(DUCKDB_CONFIG)}, pool_size=8, max_overflow=8)
        event.listen(engine, "connect", _quiet_duckdb)
        event.listen(engine, "handle_error", _file_in_use)
        return engine
    if make_url(url).drivername == "postgresql":
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    # A connect timeout: a server that does not answer must fail a readiness probe, not hang it.
    return create_engine(
        url, pool_size=8, max_overflow=8, pool_pre_ping=True, connect_args={"connect_timeout": 10}
    )


def probe_engine(url: str) -> Engine:
    """An engine for a single read made on every request (the data version).

    On PostgreSQL a small pool in autocommit without a ping on checkout: one round trip per read
    instead of four (ping, BEGIN, the query, ROLLBACK). The caller retries once on a connection
    lost meanwhile (SQLAlchemy then replaces it). DuckDB runs in this process: its own engine.
    """
    if backend_of(url) is Backend.DUCKDB:
        return get_engine(url)
    with _lock:
        engine = _probe_engines.get(url)
        if engine is None:
            target = (
                url.replace("postgresql://", "postgresql+psycopg://", 1)
                if url.startswith("postgresql://")
                else url
            )
            engine = create_engine(
                target,
                pool_size=2,
                max_overflow=2,  # a read takes a fraction of a millisecond: few connections suffice
                isolation_level="AUTOCOMMIT",
                connect_args={"connect_timeout": 10},
            )
            _probe_engines[url] = engine
        return engine


def _quiet_duckdb(dbapi_connection: Any, _record: Any) -> None:
    """Leefbaar shows its own progress (Rich); DuckDB's progress bar would print through it."""
    dbapi_connection.execute("SET enable_progress_bar = false")


_LOCK_HELD = re.compile(r"Could not set lock on file \"?(?P<file>[^\"]+)\"?.*?PID (?P<pid>\d+)", re.S)


def _file_in_use(context: Any) -> None:
    """A DuckDB file locked by another process becomes a Dutch error that says what to do."""
    found = _LOCK_HELD.search(str(context.original_exception))
    if found is None:
        return
    raise DatabaseInGebruik(
        f"het databasebestand {found['file']} is in gebruik door een ander proces (PID {found['pid']}), "
        "waarschijnlijk een draaiende 'leefbaar serve'. Een DuckDB-bestand kan maar door één proces "
        "tegelijk worden beschreven: stop de server (Ctrl+C) en probeer het opnieuw, of importeer via de "
        "website (/gegevens). Met PostgreSQL kunnen server en opdrachten tegelijk werken."
    ) from context.original_exception


def dispose(url: str | None = None) -> None:
    """Close pooled connections (all engines, or the one for ``url``); needed before a DuckDB file moves."""
    with _lock:
        for pools in (_engines, _probe_engines):
            for key in [url] if url else list(pools):
                engine = pools.pop(key, None) if key else None
                if engine is not None:
                    engine.dispose()


def driver(raw: Any) -> Any:
    """The DBAPI driver connection (DuckDB or psycopg) under a pooled SQLAlchemy raw connection."""
    connection = raw.driver_connection
    if connection is None:
        raise RuntimeError("de databaseverbinding is al gesloten")
    return connection
