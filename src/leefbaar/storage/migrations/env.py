"""Alembic environment: runs migrations on the connection handed over by leefbaar.storage.migrate."""

from __future__ import annotations

from alembic import context

from leefbaar.storage import migrate  # noqa: F401 - registers the DuckDB dialect with Alembic
from leefbaar.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=False)
with context.begin_transaction():
    context.run_migrations()
