"""Search index: every searchable name, normalised, with its character trigrams (derived data).

``storage.search_queries.ensure_index`` fills these tables from the newest division year's areas,
the current housing associations and the known alternative names of municipalities, and rebuilds
them when imports have landed (or the list of alternative names or the matching rule changed). Like
the web summaries of ``0006_web`` they are a cache, not history: replaced whole in one transaction,
so no primary keys (DuckDB refuses to delete and re-insert the same key in one transaction). The
index on ``trigram`` lets PostgreSQL find the names that share a trigram with the search term
without reading all of them.

Revision ID: 0011_zoeken
Revises: 0010_import_organisatie
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_zoeken"
down_revision = "0010_import_organisatie"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_zoeknaam",
        sa.Column("id", sa.Integer(), nullable=False, comment="row number, referred to by web_zoektrigram"),
        sa.Column(
            "soort", sa.String(length=12), nullable=False, comment="gemeente, wijk, buurt or corporatie"
        ),
        sa.Column("code", sa.String(length=12), nullable=False, comment="CBS code or partij_id"),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False, comment="division year indexed"),
        sa.Column("naam", sa.String(), nullable=False, comment="the official name"),
        sa.Column(
            "zoeknaam", sa.String(), nullable=False, comment="the name matched: naam or an alternative"
        ),
        sa.Column("alternatief", sa.Boolean(), nullable=False, comment="zoeknaam is an alternative name"),
        sa.Column("gemeentecode", sa.String(length=6)),
        sa.Column("gemeentenaam", sa.String()),
        sa.Column("inwoners", sa.BigInteger(), comment="latest CBS inhabitants of the code (ranking)"),
        sa.Column("genormaliseerd", sa.String(), nullable=False, comment="zoeknaam normalised for matching"),
        sa.Column("trigrammen", sa.Integer(), nullable=False, comment="distinct trigrams of genormaliseerd"),
    )
    op.create_table(
        "web_zoektrigram",
        sa.Column("naam_id", sa.Integer(), nullable=False),
        sa.Column("trigram", sa.String(length=3), nullable=False),
    )
    op.create_index("ix_web_zoektrigram_trigram", "web_zoektrigram", ["trigram"])


def downgrade() -> None:
    op.drop_index("ix_web_zoektrigram_trigram", table_name="web_zoektrigram")
    op.drop_table("web_zoektrigram")
    op.drop_table("web_zoeknaam")
