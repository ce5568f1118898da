"""The queue of background re-evaluations: ``herberekening`` with its two sequences (job ids, and a
change number per change for the data version). ``storage/job_tables.py`` describes it.

Revision ID: 0015_opdrachten
Revises: 0014_evaluatie_vergelijking
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_opdrachten"
down_revision = "0014_evaluatie_vergelijking"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("herberekening_seq")))
    op.execute(sa.schema.CreateSequence(sa.Sequence("herberekening_wijziging_seq")))
    op.create_table(
        "herberekening",
        sa.Column("opdracht_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("soort", sa.String(length=12), nullable=False),
        sa.Column("scope", sa.String(length=60), nullable=False),
        sa.Column("jaar", sa.SmallInteger(), nullable=True),
        sa.Column("prioriteit", sa.SmallInteger(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("aangevraagd_door", sa.String(length=200), nullable=False),
        sa.Column("aangevraagd_op", sa.DateTime(), nullable=False),
        sa.Column("niet_voor", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("pogingen", sa.SmallInteger(), nullable=False),
        sa.Column("fout", sa.Text(), nullable=True),
        sa.Column("gestart_op", sa.DateTime(), nullable=True),
        sa.Column("uitgevoerd_door", sa.String(length=120), nullable=True),
        sa.Column("klaar_op", sa.DateTime(), nullable=True),
        sa.Column("run_id", sa.BigInteger(), nullable=True),
        sa.Column("wijziging", sa.BigInteger(), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("opdracht_id"),
    )
    op.create_index("ix_herberekening_wijziging", "herberekening", ["wijziging"])
    op.create_index("ix_herberekening_scope", "herberekening", ["soort", "scope", "opdracht_id"])
    op.create_index("ix_herberekening_status", "herberekening", ["status"])


def downgrade() -> None:
    op.drop_index("ix_herberekening_status", table_name="herberekening")
    op.drop_index("ix_herberekening_scope", table_name="herberekening")
    op.drop_index("ix_herberekening_wijziging", table_name="herberekening")
    op.drop_table("herberekening")
    op.execute(sa.schema.DropSequence(sa.Sequence("herberekening_wijziging_seq")))
    op.execute(sa.schema.DropSequence(sa.Sequence("herberekening_seq")))
