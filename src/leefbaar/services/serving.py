"""What a server process does once, at start-up, before its first request.

``leefbaar.app`` calls :func:`start` from its lifespan: the schema is checked (and created in an
empty database) and the summary tables are made to follow the data. With several workers on
PostgreSQL every process does this once; advisory locks make one of them do the work and the others
find it done. A database that cannot serve yet (unreachable, an older schema) does not stop the
process: the readiness probe (``/api/v1/health/ready``) says why until ``leefbaar db upgrade`` has run.
"""

from __future__ import annotations

import logging

from leefbaar.services import areas, cache, metrics
from leefbaar.services.database import SchemaOutdated

log = logging.getLogger(__name__)


def start(url: str) -> None:
    """Check the schema and make the summaries current for ``url`` (failures are logged, not raised)."""
    try:
        areas.prepare(url)
    except SchemaOutdated as exc:
        log.warning("%s", exc)
    except Exception:
        log.exception("De database kon bij het starten niet worden voorbereid; zie /api/v1/health/ready.")


def register_metrics() -> None:
    """Count the answer cache's hits and misses in the Prometheus metrics (once per process)."""
    if metrics.count_cache_lookup not in cache.on_lookup:
        cache.on_lookup.append(metrics.count_cache_lookup)
