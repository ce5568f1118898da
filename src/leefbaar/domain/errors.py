"""Errors every layer may raise and every face may show as they are (their message is Dutch)."""

from __future__ import annotations


class DatabaseInGebruik(RuntimeError):
    """The embedded database file is held by another process (a running ``leefbaar serve``).

    DuckDB allows one writing process per file; the message says which process and what to do.
    """
