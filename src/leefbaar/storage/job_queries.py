"""The queue of background re-evaluations (``herberekening``): enqueue, claim, finish, fail, reclaim.

Policy (which scopes, how many attempts, how long to wait) is the caller's (``services.jobs``); this
module only makes each step safe with several workers:

- **enqueue** coalesces: a job identical to one still ``wachtend`` (same soort, scope and jaar) is not
  added again. The check and the insert are serialised: a process lock, and on PostgreSQL a
  transaction-level advisory lock, so server processes do not add twins either;
- **claim** takes the waiting job with the highest priority (then the oldest) whose ``niet_voor`` has
  passed. PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so workers in several processes each get a
  different job and never wait for each other. DuckDB is embedded in one process: a process lock
  makes claiming (and every other change of the queue) one at a time;
- **finish** / **fail** change only a job that is still ``bezig`` since the claim that returned it
  (a job taken back by :func:`reclaim_stale` meanwhile is left alone);
- every change takes a new ``wijziging`` (the data version follows the queue).

Portable SQL for DuckDB and PostgreSQL 15.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from leefbaar.storage.engine import Backend, backend_of, get_engine

Row = dict[str, Any]

#: PostgreSQL advisory lock (transaction level) around coalescing enqueues.
_ENQUEUE_LOCK = 7_055_140
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()

_NEXT_CHANGE = "nextval('herberekening_wijziging_seq')"


def _process_lock(url: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(url, threading.Lock())


@contextmanager
def _changing(url: str) -> Iterator[Connection]:
    """One transaction that changes the queue; on DuckDB one at a time in this process."""
    engine = get_engine(url)
    if backend_of(url) is Backend.POSTGRES:
        with engine.begin() as conn:
            yield conn
        return
    with _process_lock(url), engine.begin() as conn:
        yield conn


def _rows(conn: Connection, sql: str, params: dict[str, Any]) -> list[Row]:
    return [dict(r) for r in conn.execute(text(sql), params).mappings().all()]


def enqueue(
    url: str,
    *,
    soort: str,
    scope: str,
    jaar: int | None,
    prioriteit: int,
    reden: str,
    door: str,
    now: datetime,
    niet_voor: datetime | None = None,
) -> tuple[int, bool]:
    """Add a waiting job, unless an identical one is waiting: returns (its id, whether it is new)."""
    with _changing(url) as conn:
        if backend_of(url) is Backend.POSTGRES:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ENQUEUE_LOCK})
        found = conn.execute(
            text(
                "SELECT opdracht_id FROM herberekening WHERE status = 'wachtend' AND soort = :soort "
                "AND scope = :scope AND coalesce(jaar, 0) = :jaar ORDER BY opdracht_id LIMIT 1"
            ),
            {"soort": soort, "scope": scope, "jaar": jaar or 0},
        ).scalar()
        if found is not None:
            return int(found), False
        opdracht_id = int(conn.execute(text("SELECT nextval('herberekening_seq')")).scalar_one())
        conn.execute(
            text(
                "INSERT INTO herberekening (opdracht_id, soort, scope, jaar, prioriteit, reden, "
                "aangevraagd_door, aangevraagd_op, niet_voor, status, pogingen, wijziging, gewijzigd_op) "
                "VALUES (:id, :soort, :scope, :jaar, :prioriteit, :reden, :door, :now, :niet_voor, "
                f"'wachtend', 0, {_NEXT_CHANGE}, :now)"
            ),
            {
                "id": opdracht_id,
                "soort": soort,
                "scope": scope,
                "jaar": jaar,
                "prioriteit": prioriteit,
                "reden": reden[:2000],
                "door": door[:200],
                "now": now,
                "niet_voor": niet_voor or now,
            },
        )
    return opdracht_id, True


def claim(url: str, now: datetime, door: str | None = None) -> Row | None:
    """Take the next due job (highest priority, then oldest) and mark it ``bezig`` by ``door`` (the
    process: host:pid); None when none is due."""
    order = "ORDER BY prioriteit DESC, opdracht_id LIMIT 1"
    update = (
        f"UPDATE herberekening SET status = 'bezig', gestart_op = :now, uitgevoerd_door = :door, "
        f"wijziging = {_NEXT_CHANGE}, gewijzigd_op = :now"
    )
    with _changing(url) as conn:
        if backend_of(url) is Backend.POSTGRES:
            found = _rows(
                conn,
                f"""{update} WHERE opdracht_id = (
                    SELECT opdracht_id FROM herberekening WHERE status = 'wachtend' AND niet_voor <= :now
                    {order} FOR UPDATE SKIP LOCKED)
                RETURNING *""",
                {"now": now, "door": door},
            )
            return found[0] if found else None
        candidate = conn.execute(
            text(
                f"SELECT opdracht_id FROM herberekening WHERE status = 'wachtend' AND niet_voor <= :now {order}"
            ),
            {"now": now},
        ).scalar()
        if candidate is None:
            return None
        found = _rows(
            conn,
            f"{update} WHERE opdracht_id = :id AND status = 'wachtend' RETURNING *",
            {"now": now, "id": candidate, "door": door},
        )
        return found[0] if found else None


def make_due(url: str, now: datetime) -> int:
    """Every waiting job due now (an operator's "run now": a retry need not wait); returns how many."""
    with _changing(url) as conn:
        done = conn.execute(
            text(
                f"UPDATE herberekening SET niet_voor = :now, wijziging = {_NEXT_CHANGE}, gewijzigd_op = :now "
                "WHERE status = 'wachtend' AND niet_voor > :now"
            ),
            {"now": now},
        )
        return int(done.rowcount or 0)


def finish(url: str, job: Row, run_id: int | None, now: datetime) -> bool:
    """Mark a claimed job ``klaar`` with the run it appended; False when it was no longer ours."""
    with _changing(url) as conn:
        done = conn.execute(
            text(
                f"UPDATE herberekening SET status = 'klaar', klaar_op = :now, run_id = :run_id, "
                f"wijziging = {_NEXT_CHANGE}, gewijzigd_op = :now "
                "WHERE opdracht_id = :id AND status = 'bezig' AND gestart_op = :gestart"
            ),
            {"now": now, "run_id": run_id, "id": job["opdracht_id"], "gestart": job["gestart_op"]},
        )
        return bool(done.rowcount)


def fail(url: str, job: Row, fout: str, now: datetime, retry_at: datetime | None) -> bool:
    """Count a failed attempt of a claimed job: waiting again until ``retry_at``, or ``mislukt`` when
    that is None (the last attempt). False when the job was no longer ours."""
    status = "wachtend" if retry_at is not None else "mislukt"
    with _changing(url) as conn:
        done = conn.execute(
            text(
                "UPDATE herberekening SET status = :status, pogingen = pogingen + 1, fout = :fout, "
                "niet_voor = :niet_voor, klaar_op = :klaar_op, "
                f"wijziging = {_NEXT_CHANGE}, gewijzigd_op = :now "
                "WHERE opdracht_id = :id AND status = 'bezig' AND gestart_op = :gestart"
            ),
            {
                "status": status,
                "fout": fout[:2000],
                "niet_voor": retry_at or job["niet_voor"],
                "klaar_op": None if retry_at is not None else now,
                "now": now,
                "id": job["opdracht_id"],
                "gestart": job["gestart_op"],
            },
        )
        return bool(done.rowcount)


def reclaim_stale(url: str, started_before: datetime, now: datetime, fout: str, max_pogingen: int) -> int:
    """Jobs ``bezig`` since before ``started_before`` (their process died): the attempt counts as
    failed; waiting again at once, or ``mislukt`` when it was the last one. Returns how many."""
    with _changing(url) as conn:
        done = conn.execute(
            text(
                "UPDATE herberekening SET "
                "status = CASE WHEN pogingen + 1 >= :max THEN 'mislukt' ELSE 'wachtend' END, "
                "klaar_op = CASE WHEN pogingen + 1 >= :max THEN CAST(:now AS TIMESTAMP) ELSE NULL END, "
                "pogingen = pogingen + 1, fout = :fout, niet_voor = :now, "
                f"wijziging = {_NEXT_CHANGE}, gewijzigd_op = :now "
                "WHERE status = 'bezig' AND gestart_op < :before"
            ),
            {"max": max_pogingen, "now": now, "fout": fout, "before": started_before},
        )
        return int(done.rowcount or 0)


def job(url: str, opdracht_id: int) -> Row | None:
    """One job by id."""
    with get_engine(url).connect() as conn:
        found = _rows(conn, "SELECT * FROM herberekening WHERE opdracht_id = :id", {"id": opdracht_id})
    return found[0] if found else None


def recent(url: str, limit: int = 50, status: str | None = None) -> list[Row]:
    """The newest jobs first (optionally of one status)."""
    where = "WHERE status = :status" if status else ""
    with get_engine(url).connect() as conn:
        return _rows(
            conn,
            f"SELECT * FROM herberekening {where} ORDER BY opdracht_id DESC LIMIT :limit",
            {"status": status, "limit": limit},
        )


def newest_per_scope(url: str, soort: str, scopes: Sequence[str]) -> list[Row]:
    """Per scope in ``scopes`` the newest job of ``soort`` (none for a scope without jobs)."""
    if not scopes:
        return []
    names = {f"s{i}": s for i, s in enumerate(scopes)}
    # One LIMIT 1 per scope: an index lookup on (soort, scope, opdracht_id), never the whole history.
    parts = [
        f"(SELECT * FROM herberekening WHERE soort = :soort AND scope = :{n} ORDER BY opdracht_id DESC LIMIT 1)"
        for n in names
    ]
    sql = f"SELECT * FROM ({' UNION ALL '.join(parts)}) x ORDER BY opdracht_id DESC"
    with get_engine(url).connect() as conn:
        return _rows(conn, sql, {"soort": soort, **names})


def count_waiting(url: str, now: datetime | None = None) -> int:
    """Jobs waiting (due by ``now`` when given)."""
    due = " AND niet_voor <= :now" if now is not None else ""
    with get_engine(url).connect() as conn:
        found = conn.execute(
            text(f"SELECT count(*) FROM herberekening WHERE status = 'wachtend'{due}"), {"now": now}
        ).scalar_one()
    return int(found)


def count_per_status(url: str) -> dict[str, int]:
    """How many jobs have each status (a status without jobs is absent)."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT status, count(*) FROM herberekening GROUP BY status")).all()
    return {str(r[0]): int(r[1]) for r in rows}
