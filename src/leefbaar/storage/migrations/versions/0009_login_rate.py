"""Login attempts are also counted per client address, in a fixed window (rate limit).

Revision ID: 0009_login_rate
Revises: 0008_buurtkamer_adres
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_login_rate"
down_revision = "0008_buurtkamer_adres"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inlogpoging_client",
        sa.Column(
            "client", sa.String(64), primary_key=True, autoincrement=False, comment="client address as seen"
        ),
        sa.Column(
            "venster_start", sa.DateTime, nullable=False, comment="start of the current counting window"
        ),
        sa.Column("pogingen", sa.Integer, nullable=False, comment="login attempts in the current window"),
    )
