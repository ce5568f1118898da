"""Apply the versioned Alembic migrations to a database (``leefbaar db upgrade``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.ddl.postgresql import PostgresqlImpl
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from leefbaar.storage.engine import get_engine

MIGRATIONS = Path(__file__).parent / "migrations"


class DuckDBImpl(PostgresqlImpl):
    """DuckDB speaks enough PostgreSQL DDL for our migrations (registered with Alembic on import)."""

    __dialect__ = "duckdb"
    transactional_ddl = True


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(url: str, revision: str = "heads") -> str:
    """Bring the database at ``url`` to ``revision`` keeping its data; returns the new revision(s).

    ``heads``: feature areas may add migrations on their own branch from a common base; all are applied.
    """
    config = _config()
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return current_revision(url) or ""


def current_revision(url: str) -> str | None:
    with get_engine(url).connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) if heads else None


def head_revision() -> str:
    return ",".join(sorted(ScriptDirectory.from_config(_config()).get_heads()))


def revision(url: str, message: str) -> None:
    """Autogenerate a new migration from the difference between ``tables.py`` and the database (developers)."""
    config = _config()
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
