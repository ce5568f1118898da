"""The queue of background re-evaluations (services.jobs, storage.job_queries), on DuckDB and PostgreSQL.

Enqueueing with coalescing, the order of claims, retries with their waits, ``mislukt`` after the last
attempt, abandoned jobs taken back, two workers that never claim the same job, and what a page is
told about a scope. Times come from a clock the test sets, so every expected moment is computed here.
"""

from __future__ import annotations

import os
import socket
import threading
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from leefbaar.services import jobs
from leefbaar.storage import data_version
from leefbaar.storage import job_queries as q
from leefbaar.storage.engine import get_engine

T0 = datetime(2026, 3, 2, 10, 0, 0)


def _jobs(url: str) -> list[dict[str, Any]]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT * FROM herberekening ORDER BY opdracht_id")).mappings().all()
    return [dict(r) for r in rows]


def _at(moment: datetime) -> Any:
    return lambda: moment


def _enqueue(url: str, scope: str, now: datetime = T0, **extra: Any) -> tuple[int, bool]:
    values: dict[str, Any] = {
        "soort": jobs.MONITOR,
        "scope": scope,
        "jaar": None,
        "prioriteit": jobs.PRIORITEIT_EIGEN,
        "reden": "test",
        "door": "test",
        "now": now,
        **extra,
    }
    return q.enqueue(url, **values)


# ---------------------------------------------------------------- enqueue and coalesce


def test_a_write_queues_its_own_scope_first_and_one_full_run(empty_db: str) -> None:
    new = jobs.enqueue_after_write(
        empty_db, scopes=["corporatie:L0001"], door="l@x.nl", reden="conditiemeting", now=T0
    )
    rows = _jobs(empty_db)
    assert [(r["soort"], r["scope"], r["prioriteit"], r["status"], r["pogingen"]) for r in rows] == [
        ("monitor", "corporatie:L0001", 10, "wachtend", 0),
        ("monitor", "alles", 0, "wachtend", 0),
    ]
    assert new == [r["opdracht_id"] for r in rows]
    assert all(
        r["aangevraagd_op"] == T0 == r["niet_voor"] and r["aangevraagd_door"] == "l@x.nl" for r in rows
    )
    # The same write again while both wait: nothing is added.
    assert jobs.enqueue_after_write(empty_db, scopes=["corporatie:L0001"], door="x", reden="r", now=T0) == []
    # Another association's write adds its own scope; the full run is still the one waiting.
    again = jobs.enqueue_after_write(empty_db, scopes=["corporatie:L0002"], door="x", reden="r", now=T0)
    assert [r["scope"] for r in _jobs(empty_db)] == ["corporatie:L0001", "alles", "corporatie:L0002"]
    assert len(again) == 1


def test_a_job_that_runs_does_not_absorb_a_new_write(empty_db: str) -> None:
    """Coalescing is with waiting jobs only: a running one may not have seen the new write."""
    _enqueue(empty_db, "alles")
    assert q.claim(empty_db, T0) is not None
    assert _enqueue(empty_db, "alles")[1] is True
    assert [r["status"] for r in _jobs(empty_db)] == ["bezig", "wachtend"]


@pytest.mark.parametrize(
    ("organisatie", "scope"),
    [
        ("L0001", "corporatie:L0001"),  # an association: its own verdicts
        ("GM0363", "gemeente:GM0363"),  # a municipality
        ("PV27", "provincie:PV27"),  # a province
        ("HO0001", None),  # a tenants' organisation has no verdicts of its own
        ("LEEFBAAR", None),  # the beheerder
        (None, None),  # the command line
    ],
)
def test_the_writers_own_scope(organisatie: str | None, scope: str | None) -> None:
    assert jobs.own_scope(organisatie) == scope


def test_index_inputs_queue_the_index_of_their_years(empty_db: str) -> None:
    jobs.enqueue_after_write(
        empty_db, kind="gebiedsindicatoren", jaren=[2023, 2024], door="beheer", reden="kwb", now=T0
    )
    rows = _jobs(empty_db)
    assert [(r["soort"], r["scope"], r["jaar"]) for r in rows] == [
        ("monitor", "alles", None),
        ("index", "alles", 2023),
        ("index", "alles", 2024),
    ]
    # One year again: coalesced, per year.
    assert (
        jobs.enqueue_after_write(empty_db, kind="gebiedsindicatoren", jaren=[2024], door="b", reden="r") == []
    )
    # A kind that is no index input queues no index job.
    jobs.enqueue_after_write(empty_db, kind="plannen", door="b", reden="r", now=T0)
    assert len(_jobs(empty_db)) == 3


def test_two_identical_enqueues_at_once_add_one_job(empty_db: str) -> None:
    barrier = threading.Barrier(2)
    results: list[tuple[int, bool]] = []

    def enqueue() -> None:
        barrier.wait()
        results.append(_enqueue(empty_db, "gemeente:GM0363"))

    threads = [threading.Thread(target=enqueue) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(added for _, added in results) == [False, True]
    assert len({opdracht_id for opdracht_id, _ in results}) == 1
    assert len(_jobs(empty_db)) == 1


# ---------------------------------------------------------------- claiming


def test_claims_take_the_highest_priority_then_the_oldest_due_job(empty_db: str) -> None:
    first_full, _ = _enqueue(empty_db, "alles", prioriteit=0)
    scoped, _ = _enqueue(empty_db, "corporatie:L0001")
    later, _ = _enqueue(empty_db, "gemeente:GM0363", niet_voor=T0 + timedelta(minutes=1))
    second_scoped, _ = _enqueue(empty_db, "gemeente:GM0599")
    claimed = [q.claim(empty_db, T0) for _ in range(4)]
    # The job waiting until T0 + 1 min is not due yet.
    assert [c["opdracht_id"] if c else None for c in claimed] == [scoped, second_scoped, first_full, None]
    assert claimed[0] is not None and claimed[0]["status"] == "bezig" and claimed[0]["gestart_op"] == T0
    assert claimed[0]["uitgevoerd_door"] is None  # claimed here without a name
    found = q.claim(empty_db, T0 + timedelta(minutes=1))
    assert found is not None and found["opdracht_id"] == later


def test_two_workers_never_claim_the_same_job(empty_db: str) -> None:
    """Two threads with their own connections claim from one queue (SKIP LOCKED on PostgreSQL, the
    process lock on DuckDB): every job is claimed exactly once."""
    ids = [_enqueue(empty_db, f"gemeente:GM{i:04d}")[0] for i in range(40)]
    barrier = threading.Barrier(2)
    claimed: dict[str, list[int]] = {"a": [], "b": []}

    def worker(name: str) -> None:
        barrier.wait()
        while (job := q.claim(empty_db, T0)) is not None:
            claimed[name].append(int(job["opdracht_id"]))

    threads = [threading.Thread(target=worker, args=(n,)) for n in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not set(claimed["a"]) & set(claimed["b"])
    assert sorted(claimed["a"] + claimed["b"]) == ids
    assert {r["status"] for r in _jobs(empty_db)} == {"bezig"}


# ---------------------------------------------------------------- running, retrying, giving up


def test_a_job_runs_and_names_its_run(empty_db: str) -> None:
    _enqueue(empty_db, "alles")
    done = jobs.run_pending(empty_db, clock=_at(T0), today=lambda: date(2026, 3, 2))
    assert [(d.status, d.scope) for d in done] == [("klaar", "alles")]
    row = _jobs(empty_db)[0]
    assert row["status"] == "klaar" and row["klaar_op"] == T0 and row["run_id"] == done[0].run_id
    assert row["uitgevoerd_door"] == f"{socket.gethostname()}:{os.getpid()}"
    with get_engine(empty_db).connect() as conn:
        peildatum = conn.execute(
            text("SELECT peildatum FROM evaluatie_run WHERE run_id = :r"), {"r": row["run_id"]}
        ).scalar()
    assert peildatum == date(2026, 3, 2)  # the injected today


def test_a_failing_job_is_retried_after_30_s_and_2_min_then_mislukt(empty_db: str) -> None:
    # An unknown municipality: the monitor refuses the scope, every time.
    opdracht_id, _ = _enqueue(empty_db, "gemeente:GM9999")
    first = jobs.run_pending(empty_db, clock=_at(T0))
    assert [(d.opdracht_id, d.status) for d in first] == [(opdracht_id, "wachtend")]
    row = _jobs(empty_db)[0]
    assert (row["status"], row["pogingen"], row["niet_voor"]) == ("wachtend", 1, T0 + timedelta(seconds=30))
    assert row["fout"] == "Onbekende gemeente 'GM9999': niet in de gegevens gevonden."
    # Not due 29 s later; due at 30 s.
    assert jobs.run_pending(empty_db, clock=_at(T0 + timedelta(seconds=29))) == []
    second_try = T0 + timedelta(seconds=30)
    assert [d.status for d in jobs.run_pending(empty_db, clock=_at(second_try))] == ["wachtend"]
    row = _jobs(empty_db)[0]
    assert (row["pogingen"], row["niet_voor"]) == (2, second_try + timedelta(minutes=2))
    third_try = second_try + timedelta(minutes=2)
    assert [d.status for d in jobs.run_pending(empty_db, clock=_at(third_try))] == ["mislukt"]
    row = _jobs(empty_db)[0]
    assert (row["status"], row["pogingen"], row["klaar_op"]) == ("mislukt", 3, third_try)
    # It is never claimed again.
    assert jobs.run_pending(empty_db, clock=_at(third_try + timedelta(days=1))) == []


@pytest.mark.parametrize(
    ("failed", "expected"),
    [
        (1, T0 + timedelta(seconds=30)),  # after the first failure: 30 s
        (2, T0 + timedelta(minutes=2)),  # after the second: 2 min
        (3, None),  # after the third: mislukt
    ],
)
def test_retry_waits(failed: int, expected: datetime | None) -> None:
    assert jobs.retry_at(failed, T0) == expected


def test_an_abandoned_job_is_taken_back_and_run(empty_db: str) -> None:
    """A job ``bezig`` longer than the timeout (30 min): its process died. The attempt counts."""
    _enqueue(empty_db, "alles")
    assert q.claim(empty_db, T0) is not None
    # 29 minutes on, it may still be running: left alone, and nothing else is due.
    assert jobs.run_pending(empty_db, clock=_at(T0 + timedelta(minutes=29))) == []
    assert _jobs(empty_db)[0]["status"] == "bezig"
    later = T0 + timedelta(minutes=31)
    done = jobs.run_pending(empty_db, clock=_at(later))
    assert [d.status for d in done] == ["klaar"]
    row = _jobs(empty_db)[0]
    assert (row["status"], row["pogingen"], row["gestart_op"]) == ("klaar", 1, later)
    assert row["fout"] == "Onderbroken: na 30 minuten niet klaar (het proces is waarschijnlijk gestopt)"


def test_an_abandoned_last_attempt_is_mislukt(empty_db: str) -> None:
    opdracht_id, _ = _enqueue(empty_db, "alles")
    with get_engine(empty_db).begin() as conn:
        conn.execute(text("UPDATE herberekening SET pogingen = 2 WHERE opdracht_id = :i"), {"i": opdracht_id})
    assert q.claim(empty_db, T0) is not None
    assert q.reclaim_stale(empty_db, T0 + timedelta(seconds=1), T0 + timedelta(minutes=31), "weg", 3) == 1
    row = _jobs(empty_db)[0]
    assert (row["status"], row["pogingen"], row["klaar_op"]) == ("mislukt", 3, T0 + timedelta(minutes=31))


def test_a_finished_job_taken_back_meanwhile_is_left_alone(empty_db: str) -> None:
    _enqueue(empty_db, "alles")
    job = q.claim(empty_db, T0)
    assert job is not None
    q.reclaim_stale(empty_db, T0 + timedelta(seconds=1), T0 + timedelta(minutes=31), "weg", 3)
    again = q.claim(empty_db, T0 + timedelta(minutes=31))
    assert again is not None
    # The first worker comes back late: its claim is no longer the job's.
    assert q.finish(empty_db, job, 99, T0 + timedelta(minutes=32)) is False
    assert q.finish(empty_db, again, 7, T0 + timedelta(minutes=32)) is True
    assert _jobs(empty_db)[0]["run_id"] == 7


# ---------------------------------------------------------------- what a page is told


def test_the_state_of_a_scope(empty_db: str) -> None:
    assert jobs.scope_state(empty_db, "gemeente:GM0363") is None
    scoped, _ = _enqueue(empty_db, "gemeente:GM0363")
    assert jobs.scope_state(empty_db, "gemeente:GM0363") == jobs.Stand(True)
    assert jobs.scope_state(empty_db, "gemeente:GM0599") is None  # another scope's job
    job = q.claim(empty_db, T0)
    assert job is not None and job["opdracht_id"] == scoped
    failed_at = T0 + timedelta(seconds=5)
    q.fail(empty_db, job, "Database niet bereikbaar", failed_at, failed_at + timedelta(seconds=30))
    assert jobs.scope_state(empty_db, "gemeente:GM0363") == jobs.Stand(
        False, failed_at, "Database niet bereikbaar", True
    )
    # A full run waits: it covers every scope.
    _enqueue(empty_db, "alles", prioriteit=0)
    assert jobs.scope_state(empty_db, "gemeente:GM0599") == jobs.Stand(True)
    state = jobs.scope_state(empty_db, "gemeente:GM0363")
    assert state is not None and state.loopt and state.opnieuw and state.fout == "Database niet bereikbaar"


def test_make_all_due(empty_db: str) -> None:
    _enqueue(empty_db, "alles", niet_voor=T0 + timedelta(hours=1))
    assert q.claim(empty_db, T0) is None
    assert q.make_due(empty_db, T0) == 1
    assert q.claim(empty_db, T0) is not None


def test_every_change_of_the_queue_bumps_the_data_version(empty_db: str) -> None:
    """Pages that say "Herberekening loopt" are cached per data version: the queue is part of it."""
    tokens = [data_version.read(empty_db).token]
    _enqueue(empty_db, "alles")
    tokens.append(data_version.read(empty_db).token)
    job = q.claim(empty_db, T0)
    assert job is not None
    tokens.append(data_version.read(empty_db).token)
    q.fail(empty_db, job, "fout", T0, T0)
    tokens.append(data_version.read(empty_db).token)
    assert len(set(tokens)) == 4
    assert data_version.read(empty_db).ids[-1] == 3  # three changes: queued, claimed, failed


def _gauge(name: str) -> float:
    from leefbaar.services import metrics

    body, _ = metrics.exposition()
    line = next(x for x in body.decode().splitlines() if x.startswith(name + " "))
    return float(line.split()[1])


def test_the_queue_in_the_metrics(empty_db: str) -> None:
    _enqueue(empty_db, "gemeente:GM0001")  # will fail for good
    _enqueue(empty_db, "gemeente:GM0002", prioriteit=5)  # will be running
    _enqueue(empty_db, "gemeente:GM0003", prioriteit=0)  # stays waiting
    failing = q.claim(empty_db, T0)
    assert failing is not None and failing["scope"] == "gemeente:GM0001"
    q.fail(empty_db, failing, "kapot", T0, None)
    assert q.claim(empty_db, T0) is not None
    jobs.report_metrics(empty_db)
    assert (_gauge("leefbaar_job_queue_length"), _gauge("leefbaar_job_queue_failed")) == (2.0, 1.0)


def test_a_queue_that_cannot_be_reached_does_not_fail_the_write(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    """The write has landed: queueing after it logs a failure instead of raising (here a database
    still at the schema before the queue)."""
    from leefbaar.storage import migrate

    url = f"duckdb:///{tmp_path / 'oud.duckdb'}"
    migrate.upgrade(url, "0013_afspraken")
    assert jobs.enqueue_after_write(url, scopes=["corporatie:L0001"], door="x", reden="proef") == []
    assert "Herberekening na 'proef' kon niet worden ingepland." in caplog.text
