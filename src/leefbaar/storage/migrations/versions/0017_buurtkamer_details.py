"""A buurtkamer gets what R5 asks about it: when it closed, what it costs a year and who pays, and
its reach (visitors and activities per year) when reported. All nullable: files without these
columns keep importing, and rows stored before keep their meaning (open, nothing reported).

Revision ID: 0017_buurtkamer_details
Revises: 0016_investering_locatie
"""

from __future__ import annotations

from alembic import op

revision = "0017_buurtkamer_details"
down_revision = "0016_investering_locatie"
branch_labels = None
depends_on = None

#: (column, SQL type) in the order tables.buurtkamer declares them.
_COLUMNS = (
    ("gesloten_op", "DATE"),
    ("jaarkosten_eur", "NUMERIC(14, 2)"),
    ("betaald_door", "TEXT"),
    ("bezoekers_per_jaar", "INTEGER"),
    ("activiteiten_per_jaar", "INTEGER"),
)


def upgrade() -> None:
    for name, sql_type in _COLUMNS:
        op.execute(f"ALTER TABLE buurtkamer ADD COLUMN {name} {sql_type}")


def downgrade() -> None:
    for name, _ in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE buurtkamer DROP COLUMN {name}")
