"""The direction of a verdict's target (``evaluatie.vergelijking``: ``<=``, ``>=`` or ``==``).

Verdicts were stored without it, so a table read back from the history wrote every target as
"ten minste", also for a target "ten hoogste 0 woningen". Rows stored before this migration recorded
the direction only in their explanation ("doel ten hoogste ..."), which every explanation contains;
the new column is filled from there, once. Every write path fills it from then on.

DuckDB cannot add a NOT NULL column to a table with an index, so the column stays nullable.

Revision ID: 0014_evaluatie_vergelijking
Revises: 0013_afspraken
"""

from __future__ import annotations

from alembic import op

revision = "0014_evaluatie_vergelijking"
down_revision = "0013_afspraken"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE evaluatie ADD COLUMN vergelijking VARCHAR(2)")
    op.execute(
        "UPDATE evaluatie SET vergelijking = CASE "
        "WHEN uitleg LIKE '%doel ten hoogste %' THEN '<=' "
        "WHEN uitleg LIKE '%doel precies %' THEN '==' "
        "ELSE '>=' END"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE evaluatie DROP COLUMN vergelijking")
