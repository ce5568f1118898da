"""Tables of the agreements as records: versions (append-only), the current version's parties and
commitments (derived), status reports and reactions (append-only) and evidence documents.

- ``afspraak_versie`` is the truth: every version of every agreement, the validated document (the
  structure of the YAML format, as JSON text) with who recorded it, for which organisation, why
  and when. A change is a new version; rows are never updated or deleted.
- ``afspraak``, ``afspraak_partij`` and ``afspraak_toezegging`` hold the *current* version of each
  agreement in relational form for querying (R13, linked parties, pages). They are rewritten from
  the document in the same transaction that appends a version; their keys include ``versie``, so
  replacing a version's rows never re-inserts a deleted key (DuckDB refuses that in one transaction).
- ``toezegging_melding``: the statuses reported for qualitative commitments and the co-signers'
  confirmations and contests of them, append-only, ids from ``toezegging_melding_seq``.
- ``afspraak_document``: uploaded evidence (PDF, ODT, DOCX) with its SHA-256 and the media type its
  bytes showed; never changed once stored.
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
    LargeBinary,
    PrimaryKeyConstraint,
    Sequence,
    SmallInteger,
    String,
    Table,
    Text,
)

from leefbaar.storage.tables import metadata

toezegging_melding_seq = Sequence("toezegging_melding_seq", metadata=metadata)

afspraak_versie = Table(
    "afspraak_versie",
    metadata,
    Column("afspraak_id", String(80), nullable=False),
    Column("versie", Integer, nullable=False, comment="1, 2, 3 ... per agreement"),
    Column("soort", String(12), nullable=False, comment="nationaal or lokaal"),
    Column("gemeentecode", String(6), comment="the directing municipality of a local agreement"),
    Column("titel", Text, nullable=False),
    Column("document", Text, nullable=False, comment="the validated agreement document as JSON"),
    Column("sha256", String(64), nullable=False, comment="of the canonical JSON of the document"),
    Column("account_id", String(32), comment="the author's account; empty for the system (db upgrade, CLI)"),
    Column("organisatie", String(20), nullable=False, comment="the organisation the author wrote for"),
    Column("reden", Text, nullable=False, comment="why this version was recorded"),
    Column("vastgelegd_op", DateTime, nullable=False, comment="UTC"),
    PrimaryKeyConstraint("afspraak_id", "versie", name="pk_afspraak_versie"),
)

afspraak = Table(
    "afspraak",
    metadata,
    Column("afspraak_id", String(80), nullable=False),
    Column("versie", Integer, nullable=False, comment="the current version"),
    Column("soort", String(12), nullable=False),
    Column("titel", Text, nullable=False),
    Column("gemeentecode", String(6)),
    Column("indelingsjaar", SmallInteger),
    Column("startdatum", Date, nullable=False),
    Column("einddatum", Date, nullable=False),
    Column("vastgelegd_op", DateTime, nullable=False),
    PrimaryKeyConstraint("afspraak_id", "versie", name="pk_afspraak"),
)

afspraak_partij = Table(
    "afspraak_partij",
    metadata,
    Column("afspraak_id", String(80), nullable=False),
    Column("versie", Integer, nullable=False),
    Column("partij_id", String(24), nullable=False, comment="a party id or a collective (corporaties)"),
    Column("soort", String(24), nullable=False),
    Column("naam", Text, nullable=False),
    Column("collectief", Boolean, nullable=False),
    PrimaryKeyConstraint("afspraak_id", "versie", "partij_id", name="pk_afspraak_partij"),
)

afspraak_toezegging = Table(
    "afspraak_toezegging",
    metadata,
    Column("afspraak_id", String(80), nullable=False),
    Column("versie", Integer, nullable=False),
    Column("toezegging_id", String(80), nullable=False),
    Column("volgorde", SmallInteger, nullable=False, comment="position in the document"),
    Column("soort", String(12), nullable=False, comment="gemeten or kwalitatief"),
    Column("requirement", String(4), nullable=False),
    Column("titel", Text, nullable=False),
    Column("indicator", String(80), comment="measured commitments"),
    Column("resultaat", Text, comment="qualitative commitments: the deliverable"),
    Column("deadline", Date, nullable=False),
    Column("verantwoordelijke", String(24), nullable=False),
    PrimaryKeyConstraint("afspraak_id", "versie", "toezegging_id", name="pk_afspraak_toezegging"),
)

toezegging_melding = Table(
    "toezegging_melding",
    metadata,
    Column("melding_id", BigInteger, primary_key=True, autoincrement=False),
    Column("afspraak_id", String(80), nullable=False),
    Column("afspraak_versie", Integer, nullable=False, comment="the agreement's version at the time"),
    Column("toezegging_id", String(80), nullable=False),
    Column("partij_id", String(24), nullable=False, comment="whose part: the reporting responsible party"),
    Column("soort", String(8), nullable=False, comment="status or reactie"),
    Column("status", String(16), comment="the reported status (soort status)"),
    Column("reactie", String(12), comment="bevestigd or betwist (soort reactie)"),
    Column("op_melding", BigInteger, comment="the status report a reaction answers"),
    Column("toelichting", Text),
    Column("link", Text),
    Column("document_id", String(32)),
    Column("account_id", String(32)),
    Column("organisatie", String(20), nullable=False, comment="the organisation that reported or reacted"),
    Column("gemeld_op", DateTime, nullable=False, comment="UTC"),
    Index("ix_toezegging_melding_afspraak", "afspraak_id", "toezegging_id"),
)

afspraak_document = Table(
    "afspraak_document",
    metadata,
    Column("document_id", String(32), primary_key=True, autoincrement=False, comment="random hex id"),
    Column("sha256", String(64), nullable=False),
    Column("naam", Text, nullable=False, comment="the uploaded file name (shown, never trusted)"),
    Column("content_type", String(80), nullable=False, comment="from the magic bytes"),
    Column("grootte", Integer, nullable=False),
    Column("inhoud", LargeBinary, nullable=False),
    Column("account_id", String(32)),
    Column("organisatie", String(20), nullable=False),
    Column("geupload_op", DateTime, nullable=False, comment="UTC"),
)
