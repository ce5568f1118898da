"""Privacy and security: accounts, sessions, API tokens, login attempts, sharing agreements,
signals, and the hash-chained processing log (verwerking, verwerkt_object, auditregel, loganker).

Revision ID: 0005_privacy
Revises: 0001
Create Date: 2026-11-25 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_privacy"
down_revision = "0001"
branch_labels = None
depends_on = None


def _chain_columns() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "volgnummer",
            sa.BigInteger(),
            nullable=False,
            autoincrement=False,
            comment="position in the chain, from 0",
        ),
        sa.Column("tijdstip", sa.DateTime(), nullable=False, comment="UTC"),
        sa.Column("trace_id", sa.String(length=32), nullable=False),
        sa.Column("operation_id", sa.String(length=16), nullable=True),
        sa.Column(
            "inhoud", sa.Text(), nullable=False, comment="canonical bytes (UTF-8 JSON) that were hashed"
        ),
        sa.Column("hash", sa.String(length=64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("account_id", sa.String(length=32), nullable=False, comment="random hex id"),
        sa.Column("email", sa.String(length=254), nullable=False, comment="lower case; the login name"),
        sa.Column("rol", sa.String(length=24), nullable=False),
        sa.Column(
            "organisatie",
            sa.String(length=12),
            nullable=False,
            comment="party id (partij_id) of the organisation",
        ),
        sa.Column(
            "wachtwoord_hash",
            sa.Text(),
            nullable=True,
            comment="argon2id; empty for an account that logs in via OIDC only",
        ),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column(
            "demo", sa.Boolean(), nullable=False, comment="a documented demo account (development only)"
        ),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("wachtwoord_gewijzigd_op", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("account_id"),
        sa.UniqueConstraint("email", name="uq_account_email"),
    )
    op.create_table(
        "sessie",
        sa.Column("sessie_hash", sa.String(length=64), nullable=False, comment="SHA-256 of the cookie"),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("laatst_gebruikt_op", sa.DateTime(), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(), nullable=False, comment="absolute end of the session"),
        sa.PrimaryKeyConstraint("sessie_hash"),
    )
    op.create_table(
        "api_token",
        sa.Column("token_hash", sa.String(length=64), nullable=False, comment="SHA-256 of the token"),
        sa.Column("token_id", sa.String(length=16), nullable=False, comment="public prefix, shown in lists"),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("scopes", sa.Text(), nullable=False, comment="scopes separated by spaces"),
        sa.Column("naam", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(), nullable=False),
        sa.Column("ingetrokken_op", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("token_hash"),
        sa.UniqueConstraint("token_id", name="uq_api_token_id"),
    )
    op.create_table(
        "inlogpoging",
        sa.Column("email", sa.String(length=254), nullable=False, comment="as typed, lower case"),
        sa.Column(
            "mislukt", sa.Integer(), nullable=False, comment="failures since the last success or lockout"
        ),
        sa.Column("laatste_poging_op", sa.DateTime(), nullable=False),
        sa.Column("geblokkeerd_tot", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("email"),
    )
    op.create_table(
        "gegevensdelingsovereenkomst",
        sa.Column("overeenkomst_id", sa.String(length=40), nullable=False),
        sa.Column("verstrekker", sa.String(length=12), nullable=False),
        sa.Column("ontvanger", sa.String(length=12), nullable=False),
        sa.Column("doel", sa.String(length=80), nullable=False),
        sa.Column("doel_omschrijving", sa.Text(), nullable=False),
        sa.Column("grondslag", sa.Text(), nullable=False),
        sa.Column("categorieen", sa.Text(), nullable=False, comment="categories separated by ;"),
        sa.Column(
            "bewaartermijn", sa.String(length=20), nullable=False, comment="ISO 8601 duration, e.g. P6M"
        ),
        sa.Column("begindatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("geregistreerd_door", sa.String(length=32), nullable=False),
        sa.Column("geregistreerd_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("overeenkomst_id"),
    )
    op.create_table(
        "signaal",
        sa.Column("signaal_id", sa.String(length=32), nullable=False, comment="random, unguessable"),
        sa.Column("verstrekker", sa.String(length=12), nullable=False),
        sa.Column("ontvanger", sa.String(length=12), nullable=False),
        sa.Column("overeenkomst_id", sa.String(length=40), nullable=False),
        sa.Column("categorie", sa.String(length=40), nullable=False),
        sa.Column("doel", sa.String(length=80), nullable=False),
        sa.Column(
            "pseudoniem", sa.String(length=32), nullable=False, comment="household pseudonym for the receiver"
        ),
        sa.Column(
            "log_pseudoniem",
            sa.String(length=32),
            nullable=False,
            comment="household pseudonym of the processing log",
        ),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("signaaldatum", sa.Date(), nullable=False),
        sa.Column("verwijderdatum", sa.Date(), nullable=False, comment="first day it may no longer be kept"),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("signaal_id"),
    )
    op.create_index("ix_signaal_ontvanger", "signaal", ["ontvanger"])
    op.create_table(
        "verwerking",
        *_chain_columns(),
        sa.Column("organisatie", sa.String(length=12), nullable=False),
        sa.PrimaryKeyConstraint("volgnummer", name="pk_verwerking"),
    )
    op.create_table(
        "verwerkt_object",
        sa.Column(
            "volgnummer", sa.BigInteger(), nullable=False, comment="the verwerking this subject belongs to"
        ),
        sa.Column("pseudoniem", sa.String(length=32), nullable=False, comment="log pseudonym of the subject"),
        sa.PrimaryKeyConstraint("volgnummer", "pseudoniem", name="pk_verwerkt_object"),
    )
    op.create_index("ix_verwerkt_object_pseudoniem", "verwerkt_object", ["pseudoniem"])
    op.create_table(
        "auditregel",
        *_chain_columns(),
        sa.Column(
            "gebruiker", sa.String(length=64), nullable=False, comment="account id (never a name or e-mail)"
        ),
        sa.PrimaryKeyConstraint("volgnummer", name="pk_auditregel"),
    )
    op.create_index("ix_auditregel_operation", "auditregel", ["operation_id"])
    op.create_table(
        "loganker",
        sa.Column("keten", sa.String(length=20), nullable=False, comment="verwerking or audit"),
        sa.Column("volgnummer", sa.BigInteger(), nullable=False, comment="position of the head"),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("keten"),
    )


def downgrade() -> None:
    for index, table in (
        ("ix_auditregel_operation", "auditregel"),
        ("ix_verwerkt_object_pseudoniem", "verwerkt_object"),
        ("ix_signaal_ontvanger", "signaal"),
    ):
        op.drop_index(index, table_name=table)
    for table in (
        "loganker",
        "auditregel",
        "verwerkt_object",
        "verwerking",
        "signaal",
        "gegevensdelingsovereenkomst",
        "inlogpoging",
        "api_token",
        "sessie",
        "account",
    ):
        op.drop_table(table)
