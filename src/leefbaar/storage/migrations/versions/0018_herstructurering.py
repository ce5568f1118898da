"""Restructuring plans under municipal direction (R3, R8): ``herstructureringsplan`` (a plan per area
with numbers, tenure mix before and after, energy-label improvement, years and status) and
``herstructureringsplan_object`` (its association complexes and private dwellings).

Revision ID: 0018_herstructurering
Revises: 0017_buurtkamer_details
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_herstructurering"
down_revision = "0017_buurtkamer_details"
branch_labels = None
depends_on = None


def _provenance() -> list[sa.Column[object]]:
    return [
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    ]


def upgrade() -> None:
    op.create_table(
        "herstructureringsplan",
        sa.Column("plan_id", sa.String(length=40), nullable=False),
        sa.Column(
            "gemeentecode",
            sa.String(length=6),
            nullable=False,
            comment="the municipality that directs the plan",
        ),
        sa.Column("naam", sa.Text(), nullable=False),
        sa.Column("gebied", sa.Text(), comment="wijk and buurt codes of the area separated by ;"),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("startjaar", sa.SmallInteger(), nullable=False),
        sa.Column("eindjaar", sa.SmallInteger(), nullable=False),
        sa.Column(
            "status",
            sa.String(length=14),
            nullable=False,
            comment="verkenning | vastgesteld | in_uitvoering | afgerond",
        ),
        sa.Column("woningen_sloop", sa.Integer(), nullable=False),
        sa.Column("woningen_renovatie", sa.Integer(), nullable=False),
        sa.Column("woningen_nieuwbouw", sa.Integer(), nullable=False),
        sa.Column(
            "woningen_verduurzaamd",
            sa.Integer(),
            comment="renovated dwellings brought to energy label B or better",
        ),
        sa.Column("sociale_huur_voor", sa.Integer()),
        sa.Column("middenhuur_voor", sa.Integer()),
        sa.Column("koop_voor", sa.Integer()),
        sa.Column("sociale_huur_na", sa.Integer()),
        sa.Column("middenhuur_na", sa.Integer()),
        sa.Column("koop_na", sa.Integer()),
        sa.Column("partijen", sa.Text(), comment="party ids of the parties involved separated by ;"),
        *_provenance(),
    )
    op.create_table(
        "herstructureringsplan_object",
        sa.Column("plan_id", sa.String(length=40), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("voorraad", sa.String(length=12), nullable=False, comment="corporatie | particulier"),
        sa.Column(
            "corporatie_id", sa.String(length=12), comment="association stock: the complex's association"
        ),
        sa.Column("complexnummer", sa.String(length=20)),
        sa.Column(
            "verblijfsobject_id", sa.String(length=16), comment="private stock: the BAG verblijfsobject"
        ),
        sa.Column("vervallen", sa.Boolean(), nullable=False, comment="true: no longer part of the plan"),
        *_provenance(),
    )


def downgrade() -> None:
    op.drop_table("herstructureringsplan_object")
    op.drop_table("herstructureringsplan")
