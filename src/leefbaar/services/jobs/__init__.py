"""The monitor follows the data: background re-evaluation after every committed write.

- :mod:`.queue`   which jobs a write needs (:func:`enqueue_after_write`, :func:`after_import`,
  :func:`after_agreement`), running them with retries (:func:`run_pending`), and what a page says
  about them (:func:`scope_state`);
- :mod:`.worker`  the thread in each server process that runs them.

The queue lives in the database (``storage.job_queries``, table ``herberekening``): it works on
DuckDB (one process) and on PostgreSQL with several server processes. docs/monitor.md,
"Background re-evaluation".
"""

from __future__ import annotations

from leefbaar.services.jobs.queue import (
    ALLES,
    BACKOFF,
    INDEX,
    MAX_POGINGEN,
    MONITOR,
    PRIORITEIT_ALLES,
    PRIORITEIT_EIGEN,
    Stand,
    Uitkomst,
    after_agreement,
    after_import,
    enqueue_after_write,
    make_all_due,
    own_scope,
    recent_jobs,
    report_metrics,
    retry_at,
    run_pending,
    scope_state,
    waiting,
)
from leefbaar.services.jobs.worker import Worker, running, start, stop

__all__ = [
    "ALLES",
    "BACKOFF",
    "INDEX",
    "MAX_POGINGEN",
    "MONITOR",
    "PRIORITEIT_ALLES",
    "PRIORITEIT_EIGEN",
    "Stand",
    "Uitkomst",
    "Worker",
    "after_agreement",
    "after_import",
    "enqueue_after_write",
    "make_all_due",
    "own_scope",
    "recent_jobs",
    "report_metrics",
    "retry_at",
    "run_pending",
    "running",
    "scope_state",
    "start",
    "stop",
    "waiting",
]
