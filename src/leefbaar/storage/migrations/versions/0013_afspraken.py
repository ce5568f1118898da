"""Agreements as records: versions (append-only), the current version's parties and commitments
(derived), status reports and reactions (append-only, with toezegging_melding_seq) and evidence
documents. ``storage/agreement_tables.py`` describes them.

The ``prestatieafspraak`` table of the retired ``prestatieafspraken`` import kind stays as it was: it
is no longer read or written (docs/agreement-format.md, "Where agreements live").

Revision ID: 0013_afspraken
Revises: 0012_sleutelversie
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_afspraken"
down_revision = "0012_sleutelversie"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "afspraak_versie",
        sa.Column("afspraak_id", sa.String(length=80), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=12), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=True),
        sa.Column("titel", sa.Text(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=True),
        sa.Column("organisatie", sa.String(length=20), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("vastgelegd_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("afspraak_id", "versie", name="pk_afspraak_versie"),
    )
    op.create_table(
        "afspraak",
        sa.Column("afspraak_id", sa.String(length=80), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=12), nullable=False),
        sa.Column("titel", sa.Text(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=True),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=True),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=False),
        sa.Column("vastgelegd_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("afspraak_id", "versie", name="pk_afspraak"),
    )
    op.create_table(
        "afspraak_partij",
        sa.Column("afspraak_id", sa.String(length=80), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("partij_id", sa.String(length=24), nullable=False),
        sa.Column("soort", sa.String(length=24), nullable=False),
        sa.Column("naam", sa.Text(), nullable=False),
        sa.Column("collectief", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("afspraak_id", "versie", "partij_id", name="pk_afspraak_partij"),
    )
    op.create_table(
        "afspraak_toezegging",
        sa.Column("afspraak_id", sa.String(length=80), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("toezegging_id", sa.String(length=80), nullable=False),
        sa.Column("volgorde", sa.SmallInteger(), nullable=False),
        sa.Column("soort", sa.String(length=12), nullable=False),
        sa.Column("requirement", sa.String(length=4), nullable=False),
        sa.Column("titel", sa.Text(), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=True),
        sa.Column("resultaat", sa.Text(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("verantwoordelijke", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("afspraak_id", "versie", "toezegging_id", name="pk_afspraak_toezegging"),
    )
    op.execute(sa.schema.CreateSequence(sa.Sequence("toezegging_melding_seq")))
    op.create_table(
        "toezegging_melding",
        sa.Column("melding_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("afspraak_id", sa.String(length=80), nullable=False),
        sa.Column("afspraak_versie", sa.Integer(), nullable=False),
        sa.Column("toezegging_id", sa.String(length=80), nullable=False),
        sa.Column("partij_id", sa.String(length=24), nullable=False),
        sa.Column("soort", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("reactie", sa.String(length=12), nullable=True),
        sa.Column("op_melding", sa.BigInteger(), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("document_id", sa.String(length=32), nullable=True),
        sa.Column("account_id", sa.String(length=32), nullable=True),
        sa.Column("organisatie", sa.String(length=20), nullable=False),
        sa.Column("gemeld_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("melding_id"),
    )
    op.create_index("ix_toezegging_melding_afspraak", "toezegging_melding", ["afspraak_id", "toezegging_id"])
    op.create_table(
        "afspraak_document",
        sa.Column("document_id", sa.String(length=32), autoincrement=False, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("naam", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=80), nullable=False),
        sa.Column("grootte", sa.Integer(), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=True),
        sa.Column("organisatie", sa.String(length=20), nullable=False),
        sa.Column("geupload_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("document_id"),
    )


def downgrade() -> None:
    op.drop_table("afspraak_document")
    op.drop_index("ix_toezegging_melding_afspraak", table_name="toezegging_melding")
    op.drop_table("toezegging_melding")
    op.execute(sa.schema.DropSequence(sa.Sequence("toezegging_melding_seq")))
    op.drop_table("afspraak_toezegging")
    op.drop_table("afspraak_partij")
    op.drop_table("afspraak")
    op.drop_table("afspraak_versie")
