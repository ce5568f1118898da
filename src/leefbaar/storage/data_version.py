"""The data version: read from the append-only tables, so every write in every process bumps it.

Leefbaar never edits history: imports, monitor runs and liveability index runs are appended with a
growing id. The newest id of each of those tables, read together, is therefore a version of
everything pages and API answers show; nobody has to remember to bump it, and every server process
(or the command line) sees the same version on PostgreSQL. One query reads it, each part through
its primary key (an index lookup on PostgreSQL, min/max statistics on DuckDB).

A new append-only table that cached answers read belongs in :data:`SOURCES` (one line).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from leefbaar.storage.engine import probe_engine


@dataclass(frozen=True)
class Source:
    """An append-only table: its growing id and the time each row was written."""

    table: str
    id_column: str
    time_column: str
    #: The table has no single growing id (a composite key): its row count grows instead. Only for
    #: small tables (the count reads them all).
    by_count: bool = False


#: Every append-only table whose rows change what a cached answer shows, in a fixed order.
SOURCES: tuple[Source, ...] = (
    Source("import_log", "import_id", "voltooid_op"),
    Source("evaluatie_run", "run_id", "gestart_op"),
    Source("leefbaarheid_run", "run_id", "berekend_op"),
    Source("afspraak_versie", "versie", "vastgelegd_op", by_count=True),
    Source("toezegging_melding", "melding_id", "gemeld_op"),
    # Not append-only: the queue of re-evaluations, whose every change takes a new number (the
    # pages say "Herberekening loopt" or "mislukt" from it).
    Source("herberekening", "wijziging", "gewijzigd_op"),
)


@dataclass(frozen=True)
class DataVersion:
    """The newest id per source (0: none yet) and when the newest of them was written."""

    ids: tuple[int, ...]
    changed_at: datetime | None

    @property
    def imports(self) -> int:
        """The newest import id (what the derived summary tables and the search index follow)."""
        return self.ids[0]

    @property
    def token(self) -> str:
        """A short text naming this version, e.g. ``12.3.2`` (import, monitor run, index run)."""
        return ".".join(str(i) for i in self.ids)


def _part(index: int, source: Source) -> str:
    if source.by_count:
        return (
            f"SELECT {index} AS deel, count(*) AS id, max({source.time_column}) AS tijd FROM {source.table}"
        )
    # ORDER BY the primary key with LIMIT 1 reads one index entry; max(time) would scan the table.
    return (
        f"SELECT {index} AS deel, {source.id_column} AS id, {source.time_column} AS tijd FROM "
        f"(SELECT {source.id_column}, {source.time_column} FROM {source.table} "
        f"ORDER BY {source.id_column} DESC LIMIT 1) AS t{index}"
    )


_SQL = " UNION ALL ".join(_part(i, s) for i, s in enumerate(SOURCES))


def read(url: str) -> DataVersion:
    """The current data version of the database at ``url`` (one query, one round trip)."""
    try:
        rows = _rows(url)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
        rows = _rows(url)  # a pooled connection the server had closed: once more, on a new one
    ids = [0] * len(SOURCES)
    times: list[datetime] = []
    for deel, ident, tijd in rows:
        ids[int(deel)] = int(ident)
        if tijd is not None:
            times.append(tijd)
    return DataVersion(tuple(ids), max(times) if times else None)


def _rows(url: str) -> list[tuple[int, int, datetime | None]]:
    with probe_engine(url).connect() as conn:
        return [(int(r[0]), int(r[1]), r[2]) for r in conn.execute(text(_SQL)).all()]
