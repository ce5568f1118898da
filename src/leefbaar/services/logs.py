"""Structured logs: one JSON object per line, with the id of the request that wrote it.

``leefbaar serve`` hands :func:`log_config` to uvicorn, so every server process (and uvicorn's own
messages) logs this way. The request id comes from the ``X-Request-ID`` header when a reverse
proxy sends a sensible one, else it is made here; the application echoes it in its answer
(``leefbaar.app_middleware``), so a line in the log can be found from what the client saw.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

#: The request being answered in this context ("-" outside a request).
request_id: ContextVar[str] = ContextVar("leefbaar_request_id", default="-")

_SENSIBLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

#: Attributes every LogRecord has; anything else passed with ``extra=`` is written as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def new_request_id(offered: str | None) -> str:
    """The id for this request: the one a proxy offered when it is short and plain, else a new one."""
    if offered and _SENSIBLE_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line: time, level, logger, message, request id, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
            "request_id": request_id.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["uitzondering"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the server: JSON lines on stderr for Leefbaar and uvicorn.

    uvicorn's own access log is switched off: ``leefbaar.toegang`` writes one line per request
    with its route, status, duration and request id.
    """
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {"json": handler},
        "root": {"handlers": ["json"], "level": "WARNING"},
        "loggers": {
            "leefbaar": {"level": level},
            "uvicorn": {"level": "INFO"},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"level": "WARNING", "propagate": False},
        },
    }
