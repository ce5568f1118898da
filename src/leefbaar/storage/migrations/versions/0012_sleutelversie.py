"""Pseudonym key versions: every stored pseudonym keeps the version of the key it was made with.

``sleutelversie`` beside the allocation pseudonym (``toewijzing``), the signal's two pseudonyms
(``signaal``) and the processing log's subjects (``verwerkt_object``); rows from before this
migration were made with the only key there was, version 1. ``pseudoniemsleutel`` records each key
version that ``leefbaar audit sleutel-roteren`` handed out, with its fingerprint: never the key,
which stays in configuration (docs/privacy.md, "Key rotation").

DuckDB cannot add a NOT NULL column to a table with an index, so there the column is added with
its default only; every write path fills it.

Revision ID: 0012_sleutelversie
Revises: 0011_zoeken
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_sleutelversie"
down_revision = "0011_zoeken"
branch_labels = None
depends_on = None

TABLES = ("toewijzing", "signaal", "verwerkt_object")


def upgrade() -> None:
    not_null = " NOT NULL" if op.get_bind().dialect.name == "postgresql" else ""
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ADD COLUMN sleutelversie SMALLINT DEFAULT 1{not_null}")
    op.create_table(
        "pseudoniemsleutel",
        sa.Column("versie", sa.SmallInteger(), nullable=False, autoincrement=False),
        sa.Column(
            "vingerafdruk",
            sa.String(length=64),
            nullable=False,
            comment="keyed hash of the key, never the key",
        ),
        sa.Column("vastgelegd_op", sa.DateTime(), nullable=False, comment="UTC"),
        sa.Column("vastgelegd_door", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("versie", name="pk_pseudoniemsleutel"),
    )


def downgrade() -> None:
    op.drop_table("pseudoniemsleutel")
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN sleutelversie")
