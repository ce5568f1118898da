"""The Volkshuisvestingsfonds as a budget (R7): its rounds with the amount each made available
(``vhf_ronde``), the spending of a grant per year (``vhf_besteding``), the implementation plan as
records, one per address it tackles, association or private stock (``vhf_planadres``), and the
parties involved in a grant (``vhf_bijdrage.betrokken_partijen``).

A verdict's target may now be a budget (``evaluatie.vergelijking`` ``budget``): the column grows
from two characters to eight. DuckDB does not enforce a VARCHAR length (and cannot alter a column
of a table with an index), so only PostgreSQL changes it.

Revision ID: 0019_vhf_begroting
Revises: 0018_herstructurering
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_vhf_begroting"
down_revision = "0018_herstructurering"
branch_labels = None
depends_on = None


def _provenance() -> list[sa.Column[object]]:
    return [
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    ]


def upgrade() -> None:
    op.execute("ALTER TABLE vhf_bijdrage ADD COLUMN betrokken_partijen TEXT")
    op.create_table(
        "vhf_ronde",
        sa.Column("ronde", sa.SmallInteger(), nullable=False, comment="year of the application round"),
        sa.Column(
            "beschikbaar_eur",
            sa.Numeric(14, 2),
            nullable=False,
            comment="the amount the round made available",
        ),
        *_provenance(),
    )
    op.create_table(
        "vhf_besteding",
        sa.Column(
            "gemeentecode", sa.String(length=6), nullable=False, comment="the municipality of the grant"
        ),
        sa.Column("bijdrage_id", sa.String(length=40), nullable=False),
        sa.Column("jaar", sa.SmallInteger(), nullable=False),
        sa.Column("besteed_eur", sa.Numeric(14, 2), nullable=False, comment="grant money spent in that year"),
        *_provenance(),
    )
    op.create_table(
        "vhf_planadres",
        sa.Column(
            "gemeentecode", sa.String(length=6), nullable=False, comment="the municipality of the grant"
        ),
        sa.Column("bijdrage_id", sa.String(length=40), nullable=False),
        sa.Column("verblijfsobject_id", sa.String(length=16), nullable=False, comment="BAG verblijfsobject"),
        sa.Column("voorraad", sa.String(length=12), nullable=False, comment="corporatie | particulier"),
        sa.Column(
            "corporatie_id", sa.String(length=12), nullable=True, comment="association stock: the association"
        ),
        sa.Column(
            "complexnummer", sa.String(length=20), nullable=True, comment="association stock: its complex"
        ),
        sa.Column("status", sa.String(length=12), nullable=False, comment="opgenomen | ingetrokken"),
        *_provenance(),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE evaluatie ALTER COLUMN vergelijking TYPE VARCHAR(8)")


def downgrade() -> None:
    op.drop_table("vhf_planadres")
    op.drop_table("vhf_besteding")
    op.drop_table("vhf_ronde")
    op.execute("ALTER TABLE vhf_bijdrage DROP COLUMN betrokken_partijen")
