"""Investments with a place and a baseline: ``investering`` gets its location (gemeente required in
new files; wijk, buurt or complex optional) and ``investering_basislijn`` holds the regular spending
each party declares for a reference year, against which "extra" is measured (docs/monitor.md, R2/R5).

Revision ID: 0016_investering_locatie
Revises: 0015_opdrachten
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_investering_locatie"
down_revision = "0015_opdrachten"
branch_labels = None
depends_on = None


_LOCATION = (
    ("gemeentecode", "VARCHAR(6)"),
    ("wijkcode", "VARCHAR(8)"),
    ("buurtcode", "VARCHAR(10)"),
    ("complexnummer", "VARCHAR(20)"),
    ("indelingsjaar", "SMALLINT"),
)


def upgrade() -> None:
    for column, sql_type in _LOCATION:
        op.execute(f"ALTER TABLE investering ADD COLUMN {column} {sql_type}")
    op.create_table(
        "investering_basislijn",
        sa.Column("partij_id", sa.String(length=12), nullable=False),
        sa.Column("thema", sa.String(length=20), nullable=False),
        sa.Column("referentiejaar", sa.SmallInteger(), nullable=False),
        sa.Column(
            "bedrag_eur",
            sa.Numeric(precision=14, scale=2),
            nullable=False,
            comment="regular spending on the theme in the reference year",
        ),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )


def downgrade() -> None:
    op.drop_table("investering_basislijn")
    for column, _ in reversed(_LOCATION):
        op.execute(f"ALTER TABLE investering DROP COLUMN {column}")
