"""The import log records the organisation of the account that imported.

Revision ID: 0010_import_organisatie
Revises: 0009_login_rate
"""

from __future__ import annotations

from alembic import op

revision = "0010_import_organisatie"
down_revision = "0009_login_rate"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE import_log ADD COLUMN organisatie VARCHAR(12)")
