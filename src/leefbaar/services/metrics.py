"""Prometheus metrics (``GET /metrics``): request latency per route, imports, the answer cache and
the background-job queue.

Uses the official client library ``prometheus-client``. With several server processes
(``leefbaar serve --workers N``) the serve command sets ``PROMETHEUS_MULTIPROC_DIR`` before the
workers start: each process writes its samples there and :func:`exposition` adds them up, so any
worker answers for all of them. The library is imported on first use, so commands that record
nothing do not pay for it.

Hooks for other parts of Leefbaar: :func:`count_import` (services.imports calls it for every
import), :func:`set_queue` (the job queue reports its length and failures),
:func:`count_cache_lookup` (services.cache, through its ``on_lookup`` hook).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any

#: Latency buckets in seconds: the page target is 0.15 s; imports of whole files take seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

#: The environment variable of prometheus-client's multi-process mode (a writable, empty folder).
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


@dataclass(frozen=True)
class _Metrics:
    requests: Any
    imports: Any
    import_rows: Any
    cache_lookups: Any
    queue_length: Any
    queue_failed: Any


@functools.cache
def _metrics() -> _Metrics:
    from prometheus_client import Counter, Gauge, Histogram

    cache_lookups = Counter(
        "leefbaar_cache_lookups", "Lookups in the answer cache (services.cache) by result.", ["result"]
    )
    # Pre-create both series so a rate can be computed from the first scrape on.
    cache_lookups.labels("hit")
    cache_lookups.labels("miss")
    return _Metrics(
        requests=Histogram(
            "leefbaar_http_request_duration_seconds",
            "Time from request to the end of the answer, per route template, method and status.",
            ["route", "method", "status"],
            buckets=LATENCY_BUCKETS,
        ),
        imports=Counter(
            "leefbaar_imports",
            "Imports by kind and outcome (imported, already imported, rejected).",
            ["kind", "status"],
        ),
        import_rows=Counter("leefbaar_import_rows", "Rows loaded by imports, by kind.", ["kind"]),
        cache_lookups=cache_lookups,
        # A queue is one for all processes: the newest report wins, whichever process made it.
        queue_length=Gauge(
            "leefbaar_job_queue_length",
            "Background jobs waiting or running (as last reported).",
            multiprocess_mode="mostrecent",
        ),
        queue_failed=Gauge(
            "leefbaar_job_queue_failed",
            "Background jobs that failed (as last reported).",
            multiprocess_mode="mostrecent",
        ),
    )


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    """Record one answered request under its route template (``/gemeenten/{code}``, not the path)."""
    _metrics().requests.labels(route, method, str(status)).observe(seconds)


def count_import(kind: str, status: str, rows: int) -> None:
    """Record one import (``status``: the ImportStatus value) and the rows it loaded."""
    found = _metrics()
    found.imports.labels(kind, status).inc()
    if rows:
        found.import_rows.labels(kind).inc(rows)


def set_queue(length: int, failed: int) -> None:
    """The background-job queue's current length and its number of failed jobs."""
    found = _metrics()
    found.queue_length.set(length)
    found.queue_failed.set(failed)


def count_cache_lookup(result: str) -> None:
    """One lookup in the answer cache: ``hit`` or ``miss``."""
    _metrics().cache_lookups.labels(result).inc()


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus's text format and its content type (all processes together in
    multi-process mode)."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    _metrics()  # the series exist before the first scrape
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
