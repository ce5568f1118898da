"""A buurtkamer gets an optional address beside its buurt code: where people can actually go.

Revision ID: 0008_buurtkamer_adres
Revises: 0007_merge_double
"""

from __future__ import annotations

from alembic import op

revision = "0008_buurtkamer_adres"
down_revision = "0007_merge_double"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE buurtkamer ADD COLUMN adres VARCHAR(200)")
