"""Tables of the agreements monitor's history (R16): evaluation runs and their verdicts, append-only.

``evaluatie_run`` is one run of the monitor: its reference date (peildatum), the data version it saw
(the highest ``import_id`` at the time) and when it started. ``evaluatie`` holds one verdict per
commitment x scope x rule variant of a run. Neither table is ever updated or deleted from: a later
run is a new run, so trends and status changes stay visible. Ids come from ``evaluatie_run_seq``.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    PrimaryKeyConstraint,
    Sequence,
    String,
    Table,
    Text,
)

from leefbaar.storage.tables import metadata

evaluatie_run_seq = Sequence("evaluatie_run_seq", metadata=metadata)

evaluatie_run = Table(
    "evaluatie_run",
    metadata,
    Column("run_id", BigInteger, primary_key=True, autoincrement=False),
    Column("peildatum", Date, nullable=False, comment="reference date the commitments were judged on"),
    Column("data_versie", BigInteger, comment="max(import_log.import_id) when the run started"),
    Column("gestart_op", DateTime, nullable=False),
    Column("scope", String(40), comment="the one scope evaluated (soort:code), empty for a full run"),
    Column("aantal", Integer, nullable=False, comment="number of evaluatie rows of this run"),
)

evaluatie = Table(
    "evaluatie",
    metadata,
    Column("run_id", BigInteger, nullable=False),
    Column("afspraak_id", String(80), nullable=False),
    Column("toezegging_id", String(80), nullable=False),
    Column("requirement", String(4), nullable=False),
    Column("indicator", String(80), nullable=False),
    Column("titel", Text, nullable=False, comment="the commitment's title when it was judged"),
    Column("eenheid", String(16), nullable=False, comment="unit of waarde, doel and afstand"),
    Column("scope_soort", String(12), nullable=False),
    Column("scope_code", String(40), nullable=False),
    Column("variant", String(40), nullable=False, comment="rule variant (R1), empty when none"),
    Column("status", String(16), nullable=False),
    Column("waarde", Float),
    Column("doel", Float, nullable=False),
    Column("afstand", Float),
    Column("volledigheid", Float),
    Column("deadline", Date, nullable=False),
    Column("uitleg", Text, nullable=False),
    Column("bewijs", Text, comment="JSON: the top evidence rows and the count of the rest"),
    Column("vergelijking", String(8), comment="direction of the target: <=, >=, == or budget (0016)"),
    PrimaryKeyConstraint(
        "run_id", "afspraak_id", "toezegging_id", "scope_soort", "scope_code", "variant", name="pk_evaluatie"
    ),
)
