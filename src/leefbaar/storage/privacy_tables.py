"""Tables for accounts, sessions, API tokens, sharing agreements, signals and the processing log.

Security choices that show in the schema (docs/security.md explains them):

- Secrets are never stored as they are: passwords as argon2id hashes, session ids and API tokens
  as SHA-256 of a high-entropy random value (a database dump gives no live session or token).
- ``verwerking`` (processing events, no user) and ``auditregel`` (who did it) are append-only and
  hash-chained: ``volgnummer`` is the position in the chain, ``inhoud`` the exact canonical bytes
  that were hashed (UTF-8 JSON), ``hash`` the chain hash. They are never updated or deleted.
- ``loganker`` holds the head of each chain (position and hash), written in the same transaction
  as the entries; an exported copy outside the database is the stronger anchor (docs/security.md).
- Signals carry only pseudonyms: one for the receiver (``pseudoniem``) and one for the log
  (``log_pseudoniem``, the same value the processing log records), never the household id.
- Every stored pseudonym keeps the version of the key it was made with (``sleutelversie``);
  ``pseudoniemsleutel`` knows each key version only by its fingerprint, never the key.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from leefbaar.storage.tables import metadata

account = Table(
    "account",
    metadata,
    Column("account_id", String(32), primary_key=True, autoincrement=False, comment="random hex id"),
    Column("email", String(254), nullable=False, comment="lower case; the login name"),
    Column("rol", String(24), nullable=False),
    Column("organisatie", String(12), nullable=False, comment="party id (partij_id) of the organisation"),
    Column("wachtwoord_hash", Text, comment="argon2id; empty for an account that logs in via OIDC only"),
    Column("actief", Boolean, nullable=False),
    Column("demo", Boolean, nullable=False, comment="a documented demo account (development only)"),
    Column("aangemaakt_op", DateTime, nullable=False),
    Column("wachtwoord_gewijzigd_op", DateTime),
    UniqueConstraint("email", name="uq_account_email"),
)

sessie = Table(
    "sessie",
    metadata,
    Column("sessie_hash", String(64), primary_key=True, autoincrement=False, comment="SHA-256 of the cookie"),
    Column("account_id", String(32), nullable=False),
    Column("aangemaakt_op", DateTime, nullable=False),
    Column("laatst_gebruikt_op", DateTime, nullable=False),
    Column("verloopt_op", DateTime, nullable=False, comment="absolute end of the session"),
)

api_token = Table(
    "api_token",
    metadata,
    Column("token_hash", String(64), primary_key=True, autoincrement=False, comment="SHA-256 of the token"),
    Column("token_id", String(16), nullable=False, comment="public prefix, shown in lists"),
    Column("account_id", String(32), nullable=False),
    Column("scopes", Text, nullable=False, comment="scopes separated by spaces"),
    Column("naam", Text, nullable=False),
    Column("aangemaakt_op", DateTime, nullable=False),
    Column("verloopt_op", DateTime, nullable=False),
    Column("ingetrokken_op", DateTime),
    UniqueConstraint("token_id", name="uq_api_token_id"),
)

inlogpoging = Table(
    "inlogpoging",
    metadata,
    Column("email", String(254), primary_key=True, autoincrement=False, comment="as typed, lower case"),
    Column("mislukt", Integer, nullable=False, comment="failures since the last success or lockout"),
    Column("laatste_poging_op", DateTime, nullable=False),
    Column("geblokkeerd_tot", DateTime),
)

inlogpoging_client = Table(
    "inlogpoging_client",
    metadata,
    Column("client", String(64), primary_key=True, autoincrement=False, comment="client address as seen"),
    Column("venster_start", DateTime, nullable=False, comment="start of the current counting window"),
    Column("pogingen", Integer, nullable=False, comment="login attempts in the current window"),
)

gegevensdelingsovereenkomst = Table(
    "gegevensdelingsovereenkomst",
    metadata,
    Column("overeenkomst_id", String(40), primary_key=True, autoincrement=False),
    Column("verstrekker", String(12), nullable=False),
    Column("ontvanger", String(12), nullable=False),
    Column("doel", String(80), nullable=False),
    Column("doel_omschrijving", Text, nullable=False),
    Column("grondslag", Text, nullable=False),
    Column("categorieen", Text, nullable=False, comment="categories separated by ;"),
    Column("bewaartermijn", String(20), nullable=False, comment="ISO 8601 duration, e.g. P6M"),
    Column("begindatum", Date, nullable=False),
    Column("einddatum", Date),
    Column("geregistreerd_door", String(32), nullable=False),
    Column("geregistreerd_op", DateTime, nullable=False),
)

signaal = Table(
    "signaal",
    metadata,
    Column("signaal_id", String(32), primary_key=True, autoincrement=False, comment="random, unguessable"),
    Column("verstrekker", String(12), nullable=False),
    Column("ontvanger", String(12), nullable=False),
    Column("overeenkomst_id", String(40), nullable=False),
    Column("categorie", String(40), nullable=False),
    Column("doel", String(80), nullable=False),
    Column("pseudoniem", String(32), nullable=False, comment="household pseudonym for the receiver"),
    Column("log_pseudoniem", String(32), nullable=False, comment="household pseudonym of the processing log"),
    Column("omschrijving", Text, nullable=False),
    Column("signaaldatum", Date, nullable=False),
    Column(
        "sleutelversie",
        SmallInteger,
        nullable=False,
        server_default="1",
        comment="version of the pseudonym key both pseudonyms were made with",
    ),
    Column("verwijderdatum", Date, nullable=False, comment="first day it may no longer be kept"),
    Column("aangemaakt_op", DateTime, nullable=False),
    Index("ix_signaal_ontvanger", "ontvanger"),
)


def _chain_columns() -> list[Column[object]]:
    return [
        Column(
            "volgnummer",
            BigInteger,
            nullable=False,
            autoincrement=False,
            comment="position in the chain, from 0",
        ),
        Column("tijdstip", DateTime, nullable=False, comment="UTC"),
        Column("trace_id", String(32), nullable=False),
        Column("operation_id", String(16)),
        Column("inhoud", Text, nullable=False, comment="canonical bytes (UTF-8 JSON) that were hashed"),
        Column("hash", String(64), nullable=False),
    ]


verwerking = Table(
    "verwerking",
    metadata,
    *_chain_columns(),
    Column("organisatie", String(12), nullable=False),
    PrimaryKeyConstraint("volgnummer", name="pk_verwerking"),
)

verwerkt_object = Table(
    "verwerkt_object",
    metadata,
    Column(
        "volgnummer",
        BigInteger,
        nullable=False,
        autoincrement=False,
        comment="the verwerking this subject belongs to",
    ),
    Column("pseudoniem", String(32), nullable=False, comment="log pseudonym of the subject"),
    Column(
        "sleutelversie",
        SmallInteger,
        nullable=False,
        server_default="1",
        comment="version of the pseudonym key the pseudonym was made with",
    ),
    PrimaryKeyConstraint("volgnummer", "pseudoniem", name="pk_verwerkt_object"),
    Index("ix_verwerkt_object_pseudoniem", "pseudoniem"),
)

auditregel = Table(
    "auditregel",
    metadata,
    *_chain_columns(),
    Column("gebruiker", String(64), nullable=False, comment="account id (never a name or e-mail)"),
    PrimaryKeyConstraint("volgnummer", name="pk_auditregel"),
    Index("ix_auditregel_operation", "operation_id"),
)

loganker = Table(
    "loganker",
    metadata,
    Column("keten", String(20), primary_key=True, autoincrement=False, comment="verwerking or audit"),
    Column("volgnummer", BigInteger, nullable=False, autoincrement=False, comment="position of the head"),
    Column("hash", String(64), nullable=False),
    Column("bijgewerkt_op", DateTime, nullable=False),
)

pseudoniemsleutel = Table(
    "pseudoniemsleutel",
    metadata,
    Column("versie", SmallInteger, nullable=False, autoincrement=False),
    Column("vingerafdruk", String(64), nullable=False, comment="keyed hash of the key, never the key"),
    Column("vastgelegd_op", DateTime, nullable=False, comment="UTC"),
    Column("vastgelegd_door", String(64), nullable=False),
    PrimaryKeyConstraint("versie", name="pk_pseudoniemsleutel"),
)

#: The chained log tables by chain name.
CHAINS = {"verwerking": verwerking, "audit": auditregel}
