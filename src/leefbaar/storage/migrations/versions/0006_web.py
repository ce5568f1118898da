"""Web summaries: small per-buurt and per-complex dwelling counts, rebuilt after imports.

These two tables are derived data (a cache), not history: ``storage.area_queries.refresh_summaries``
replaces their contents in one transaction whenever ``import_log`` has grown. No keys or indexes:
the tables are small (one row per buurt or complex), and DuckDB refuses to delete and re-insert the
same key in one transaction. Pages and API
endpoints read them instead of scanning the 8 million dwellings per request.

Revision ID: 0006_web
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_web"
down_revision = "0001"
branch_labels = None
depends_on = None

_COUNTS = (
    "woningen",
    "corporatie",
    "overige_huur",
    "koop",
    "sociaal",
    "midden",
    "vrij",
    "corporatie_sociaal",
    "label_ab",
    "label_efg",
    "label_onbekend",
)


def _counts() -> list[sa.Column[int]]:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS]


def upgrade() -> None:
    op.create_table(
        "web_buurt_woningen",
        sa.Column("buurtcode", sa.String(length=10), nullable=False),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("wijkcode", sa.String(length=8), nullable=False),
        *_counts(),
    )
    op.create_table(
        "web_complex_woningen",
        sa.Column("corporatie_id", sa.String(length=12), nullable=False),
        sa.Column("complexnummer", sa.String(length=20), nullable=False),
        sa.Column("buurten", sa.Integer(), nullable=False),
        sa.Column("eerste_buurtcode", sa.String(length=10)),
        *_counts(),
    )
    op.create_table(
        "web_samenvatting_stand",
        sa.Column("sleutel", sa.String(length=40), nullable=False),
        sa.Column("laatste_import_id", sa.BigInteger(), nullable=False),
        sa.Column("gebouwd_op", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("web_samenvatting_stand")
    op.drop_table("web_complex_woningen")
    op.drop_table("web_buurt_woningen")
