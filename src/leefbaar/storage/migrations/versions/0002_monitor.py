"""Agreements monitor history: evaluatie_run and evaluatie (append-only), with evaluatie_run_seq.

Revision ID: 0002_monitor
Revises: 0001
Create Date: 2026-11-25 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_monitor"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("evaluatie_run_seq")))
    op.create_table(
        "evaluatie_run",
        sa.Column("run_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("data_versie", sa.BigInteger(), nullable=True),
        sa.Column("gestart_op", sa.DateTime(), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=True),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("run_id"),
    )
    op.create_table(
        "evaluatie",
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("afspraak_id", sa.String(length=80), nullable=False),
        sa.Column("toezegging_id", sa.String(length=80), nullable=False),
        sa.Column("requirement", sa.String(length=4), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("titel", sa.Text(), nullable=False),
        sa.Column("eenheid", sa.String(length=16), nullable=False),
        sa.Column("scope_soort", sa.String(length=12), nullable=False),
        sa.Column("scope_code", sa.String(length=40), nullable=False),
        sa.Column("variant", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("waarde", sa.Float(), nullable=True),
        sa.Column("doel", sa.Float(), nullable=False),
        sa.Column("afstand", sa.Float(), nullable=True),
        sa.Column("volledigheid", sa.Float(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("uitleg", sa.Text(), nullable=False),
        sa.Column("bewijs", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint(
            "run_id",
            "afspraak_id",
            "toezegging_id",
            "scope_soort",
            "scope_code",
            "variant",
            name="pk_evaluatie",
        ),
    )


def downgrade() -> None:
    op.drop_table("evaluatie")
    op.drop_table("evaluatie_run")
    op.execute(sa.schema.DropSequence(sa.Sequence("evaluatie_run_seq")))
