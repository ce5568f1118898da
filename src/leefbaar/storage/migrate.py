"""Apply the versioned Alembic migrations to a database (``leefbaar db upgrade``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from leefbaar.storage.engine import Backend, backend_of, get_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


@cache
def _register_duckdb() -> None:
    """Teach Alembic that DuckDB speaks enough PostgreSQL DDL for our migrations.

    Alembic is imported here, when a migration step runs, not when the command line starts: it
    takes a second to import and most commands only need to know the schema is current.
    """
    from alembic.ddl.postgresql import PostgresqlImpl

    class DuckDBImpl(PostgresqlImpl):  # registered with Alembic by being defined
        __dialect__ = "duckdb"
        transactional_ddl = True


def _config() -> Config:
    from alembic.config import Config

    _register_duckdb()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(url: str, revision: str = "heads") -> str:
    """Bring the database at ``url`` to ``revision`` keeping its data; returns the new revision(s).

    ``heads``: feature areas may add migrations on their own branch from a common base; all are applied.
    """
    from alembic import command

    config = _config()
    with get_engine(url).begin() as connection:
        if backend_of(url) is Backend.POSTGRES:
            # Several server processes may start on an empty database at once: one migrates, the
            # others wait and then find nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(606062)"))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return current_revision(url) or ""


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    _register_duckdb()
    with get_engine(url).connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) if heads else None


@cache
def head_revision() -> str:
    """The newest revision(s) this version of Leefbaar knows (read once: they ship with the code)."""
    from alembic.script import ScriptDirectory

    return ",".join(sorted(ScriptDirectory.from_config(_config()).get_heads()))


def revision(url: str, message: str) -> None:
    """Autogenerate a new migration from the difference between ``tables.py`` and the database (developers)."""
    from alembic import command

    config = _config()
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
