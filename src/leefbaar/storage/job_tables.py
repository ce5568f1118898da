"""The queue of background re-evaluations (``herberekening``): one row per job, its state kept in place.

After a committed write the services enqueue a job per affected scope (``services.jobs``); a worker
thread in every server process (and ``leefbaar herberekening uitvoeren``) claims and runs them. Unlike
the fact tables this is a work queue, not history: a job's ``status`` moves wachtend -> bezig ->
klaar (or back to wachtend for a retry, or mislukt after the last attempt). What a job produced is
history elsewhere: ``run_id`` names the appended ``evaluatie_run`` or ``leefbaarheid_run``.

Every change of a job takes a new ``wijziging`` from ``herberekening_wijziging_seq``: the newest one
is part of the data version (``storage.data_version``), so pages that say "Herberekening loopt" are
never served from a cache after the job ended.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Sequence,
    SmallInteger,
    String,
    Table,
    Text,
)

from leefbaar.storage.tables import metadata

herberekening_seq = Sequence("herberekening_seq", metadata=metadata)
herberekening_wijziging_seq = Sequence("herberekening_wijziging_seq", metadata=metadata)

herberekening = Table(
    "herberekening",
    metadata,
    Column("opdracht_id", BigInteger, primary_key=True, autoincrement=False),
    Column("soort", String(12), nullable=False, comment="monitor or index"),
    Column(
        "scope",
        String(60),
        nullable=False,
        comment="monitor: alles, nationaal or soort:code (corporatie:L0001); index: alles",
    ),
    Column("jaar", SmallInteger, comment="index: the year computed; empty for the monitor"),
    Column("prioriteit", SmallInteger, nullable=False, comment="higher first (a writer's own scope)"),
    Column("reden", Text, nullable=False, comment="what was written, in Dutch"),
    Column("aangevraagd_door", String(200), nullable=False, comment="who wrote (e-mail or process)"),
    Column("aangevraagd_op", DateTime, nullable=False),
    Column("niet_voor", DateTime, nullable=False, comment="not run before (a retry waits)"),
    Column("status", String(10), nullable=False, comment="wachtend, bezig, klaar or mislukt"),
    Column("pogingen", SmallInteger, nullable=False, comment="failed attempts so far"),
    Column("fout", Text, comment="the last failure, in Dutch"),
    Column("gestart_op", DateTime, comment="when the last attempt started"),
    Column("uitgevoerd_door", String(120), comment="the process that ran the last attempt (host:pid)"),
    Column("klaar_op", DateTime, comment="when the job ended (klaar or mislukt)"),
    Column("run_id", BigInteger, comment="the evaluatie_run or leefbaarheid_run it appended"),
    Column("wijziging", BigInteger, nullable=False, comment="from herberekening_wijziging_seq, per change"),
    Column("gewijzigd_op", DateTime, nullable=False),
    Index("ix_herberekening_wijziging", "wijziging"),
    # The newest job of a scope (what a page says) is one index lookup however long the history grows.
    Index("ix_herberekening_scope", "soort", "scope", "opdracht_id"),
    # Claims and counts look at the few waiting or running jobs, not the finished history.
    Index("ix_herberekening_status", "status"),
)
