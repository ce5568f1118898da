"""Liveability index results: runs, indicators per run, scores, contributions (append-only).

Revision ID: 0003_liveability
Revises: 0001
Create Date: 2026-11-25 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_liveability"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("leefbaarheid_run_id_seq")))
    op.create_table(
        "leefbaarheid_run",
        sa.Column("run_id", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("jaar", sa.SmallInteger(), nullable=False, comment="year the index is about"),
        sa.Column(
            "indelingsjaar", sa.SmallInteger(), nullable=False, comment="CBS division the codes belong to"
        ),
        sa.Column("gewichten_naam", sa.Text(), nullable=False),
        sa.Column("gewichten", sa.Text(), nullable=False, comment="the weights file used, as YAML"),
        sa.Column(
            "min_inwoners", sa.Double(), nullable=False, comment="population threshold for suppression"
        ),
        sa.Column("berekend_op", sa.DateTime(), nullable=False),
        sa.Column("gebruiker", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("run_id", name="pk_leefbaarheid_run"),
    )
    op.create_table(
        "leefbaarheid_indicator",
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("niveau", sa.String(length=10), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False, comment="registry key"),
        sa.Column("gebruikt", sa.Boolean(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=True, comment="why it was not used"),
        sa.Column("gewicht", sa.Double(), nullable=True, comment="weight within its dimension"),
        sa.Column(
            "mediaan", sa.Double(), nullable=True, comment="national median of the level (normalisation)"
        ),
        sa.Column("schaal", sa.Double(), nullable=True, comment="robust scale of the normalisation"),
        sa.Column("aantal_gebieden", sa.Integer(), nullable=False, comment="areas with a value"),
        sa.Column("jaar_van", sa.SmallInteger(), nullable=True, comment="oldest data year used"),
        sa.Column("jaar_tot", sa.SmallInteger(), nullable=True, comment="newest data year used"),
        sa.PrimaryKeyConstraint("run_id", "niveau", "indicator", name="pk_leefbaarheid_indicator"),
    )
    op.create_table(
        "leefbaarheid_score",
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("jaar", sa.SmallInteger(), nullable=False),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("niveau", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column(
            "regio",
            sa.String(length=10),
            nullable=True,
            comment="region for the within-region percentile (gemeente/provincie)",
        ),
        sa.Column("soort", sa.String(length=12), nullable=False, comment="objectief | subjectief"),
        sa.Column("onderdeel", sa.String(length=24), nullable=False, comment="a dimension or totaal"),
        sa.Column("inwoners", sa.Double(), nullable=True),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("gestandaardiseerd", sa.Double(), nullable=True),
        sa.Column("percentiel_landelijk", sa.Double(), nullable=True),
        sa.Column("percentiel_regio", sa.Double(), nullable=True),
        sa.Column("klasse", sa.String(length=20), nullable=True),
        sa.Column("onderdrukt", sa.Boolean(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=True, comment="why the area is suppressed"),
        sa.Column(
            "aantal_indicatoren",
            sa.SmallInteger(),
            nullable=False,
            comment="indicators present for this part",
        ),
    )
    op.create_table(
        "leefbaarheid_bijdrage",
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("niveau", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("waarde", sa.Double(), nullable=True),
        sa.Column("genormaliseerd", sa.Double(), nullable=True),
        sa.Column("bijdrage_dimensie", sa.Double(), nullable=True),
        sa.Column("bijdrage_totaal", sa.Double(), nullable=True),
    )


def downgrade() -> None:
    for table in (
        "leefbaarheid_bijdrage",
        "leefbaarheid_score",
        "leefbaarheid_indicator",
        "leefbaarheid_run",
    ):
        op.drop_table(table)
    op.execute(sa.schema.DropSequence(sa.Sequence("leefbaarheid_run_id_seq")))
