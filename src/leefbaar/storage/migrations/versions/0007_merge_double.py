"""Merge the feature-area branches into one head; area indicator values become double precision.

``gebiedsindicator.waarde`` was declared as Float, which DuckDB stores as a 4-byte REAL and
PostgreSQL as DOUBLE PRECISION: the same import gave different values in the sixth digit. Both
now store 8-byte doubles. New migrations continue from this revision.

Revision ID: 0007_merge_double
Revises: 0002_monitor, 0003_liveability, 0005_privacy, 0006_web
"""

from __future__ import annotations

from alembic import op

revision = "0007_merge_double"
down_revision = ("0002_monitor", "0003_liveability", "0005_privacy", "0006_web")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE gebiedsindicator ALTER COLUMN waarde TYPE DOUBLE PRECISION")
