"""Background re-evaluation benchmark: from a single edit to its scoped verdict stored (national, DuckDB).

Prints figures (no pass/fail). On the national demo (8.1 million dwellings) with the worker thread
running as in a server process (``services.jobs``), it times

- a record edit: an association records a condition score 5 for one of its complexes through
  ``services.records`` (what the form and the write API call): the write itself, and the moment the
  association's re-evaluated verdicts are stored (its job ``klaar``); then the moment the full
  re-evaluation that follows is stored too (every scope consistent again);
- a status report on a qualitative commitment of the Amsterdam example agreement: until the
  municipality's verdicts are stored again.

Target (issue 14): a single status update or record edit reflected in its verdict within 5 s.
The R1 count of the association is checked against the edit by hand: it grows by the complex's
dwellings.

    .venv/bin/python benchmarks/reevaluation_bench.py [NATIONAL_DUCKDB]

NATIONAL_DUCKDB as in monitor_bench.py (built when missing). The database is written to: give a copy.
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from datetime import date
from typing import Any

from monitor_bench import national_db

EDITS = 3
R1 = "r1-geen-conditie-5-6"
AMSTERDAM = "lokaal-GM0363-amsterdam-2024-2027"
PLAN = "ams-plan-vocht-en-schimmel"  # qualitative, L0001 responsible


def _rows(url: str, sql: str, **params: Any) -> list[Any]:
    from sqlalchemy import text

    from leefbaar.storage.engine import get_engine

    with get_engine(url).connect() as conn:
        return list(conn.execute(text(sql), params))


def _wait_for(url: str, opdracht_ids: list[int], timeout: float = 120.0) -> float:
    """Seconds until every job in ``opdracht_ids`` has ended (klaar or mislukt)."""
    from leefbaar.storage import job_queries

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        rows = [job_queries.job(url, i) for i in opdracht_ids]
        if all(r is not None and r["status"] in ("klaar", "mislukt") for r in rows):
            failed = [r for r in rows if r is not None and r["status"] == "mislukt"]
            if failed:
                raise SystemExit(f"herberekening mislukt: {failed[0]['fout']}")
            return time.perf_counter() - started
        time.sleep(0.01)
    raise SystemExit(f"herberekening niet klaar binnen {timeout:.0f} s")


def _queued_after(url: str, last_id: int) -> list[dict[str, Any]]:
    from leefbaar.storage import job_queries

    return [r for r in job_queries.recent(url, 20) if int(r["opdracht_id"]) > last_id]


def _last_job(url: str) -> int:
    found = _rows(url, "SELECT max(opdracht_id) FROM herberekening")[0][0]
    return int(found or 0)


def _complex_count(url: str, corporatie: str) -> float | None:
    from leefbaar.services import monitor

    run = monitor.latest_evaluation(url, monitor.parse_scope(f"corporatie:{corporatie}"))
    assert run is not None
    found = [b for b in run.beoordelingen if b.toezegging_id == R1 and b.variant == "complexscore"]
    return found[0].waarde if found else None


def record_edits(url: str, corporatie: str) -> None:
    from leefbaar.services import accounts, records

    account = accounts.create_account(
        url, f"bench-{uuid.uuid4().hex[:8]}@example.nl", "corporatie", corporatie, None
    )
    # Complexes of the association whose whole-complex score is below 5 today, with their dwellings.
    complexes = _rows(
        url,
        """SELECT c.complexnummer, count(*) AS woningen FROM conditiemeting c
           JOIN woning w ON w.corporatie_id = c.corporatie_id AND w.complexnummer = c.complexnummer
           WHERE c.corporatie_id = :corp AND c.element IS NULL AND c.score < 5
             AND c.complexnummer NOT IN (SELECT complexnummer FROM conditiemeting
                                         WHERE corporatie_id = :corp AND score >= 5)
             AND c.complexnummer NOT IN (SELECT complexnummer FROM plan WHERE corporatie_id = :corp)
           GROUP BY c.complexnummer ORDER BY c.complexnummer LIMIT :n""",
        corp=corporatie,
        n=EDITS,
    )
    writes, verdicts, full = [], [], []
    for complexnummer, woningen in complexes:
        before = _complex_count(url, corporatie)
        last = _last_job(url)
        started = time.perf_counter()
        records.create_record(
            url,
            account,
            records.BY_NAME["conditiemetingen"],
            {"complexnummer": complexnummer, "score": "5", "meetdatum": date.today().isoformat()},
            channel="benchmark",
        )
        writes.append(time.perf_counter() - started)
        queued = _queued_after(url, last)
        own = [int(r["opdracht_id"]) for r in queued if r["scope"] == f"corporatie:{corporatie}"]
        everything = [int(r["opdracht_id"]) for r in queued]
        verdicts.append(writes[-1] + _wait_for(url, own))
        full.append(time.perf_counter() - started + _wait_for(url, everything))
        after = _complex_count(url, corporatie)
        expected = None if before is None else before + int(woningen)
        check = "as computed by hand" if after == expected else f"EXPECTED {expected}"
        print(
            f"  complex {complexnummer} ({woningen} dwellings) to condition 5: R1 complex score count "
            f"{before:.0f} -> {after:.0f} ({check}); write {writes[-1] * 1000:.0f} ms, "
            f"verdict stored after {verdicts[-1]:.2f} s, full re-evaluation after {full[-1]:.2f} s"
        )
    print(
        f"DuckDB: record edit -> its association's verdict stored: median {statistics.median(verdicts):.2f} s "
        f"(max {max(verdicts):.2f} s; target <= 5 s); the write itself median "
        f"{statistics.median(writes) * 1000:.0f} ms; every scope re-evaluated after median "
        f"{statistics.median(full):.2f} s"
    )


def status_report(url: str) -> None:
    from leefbaar.domain.agreements import Status
    from leefbaar.services import accounts, agreements

    account = accounts.create_account(
        url, f"bench-{uuid.uuid4().hex[:8]}@example.nl", "corporatie", "L0001", None
    )
    last = _last_job(url)
    started = time.perf_counter()
    agreements.report_status(url, account, AMSTERDAM, PLAN, Status.OP_KOERS, toelichting="benchmark")
    write = time.perf_counter() - started
    queued = _queued_after(url, last)
    own = [int(r["opdracht_id"]) for r in queued if r["scope"] == "gemeente:GM0363"]
    verdict = write + _wait_for(url, own)
    everything = time.perf_counter() - started + _wait_for(url, [int(r["opdracht_id"]) for r in queued])
    print(
        f"DuckDB: status report -> the municipality's verdicts stored after {verdict:.2f} s (target <= 5 s; "
        f"the report itself {write * 1000:.0f} ms); every scope re-evaluated after {everything:.2f} s"
    )


def main() -> None:
    print(f"## Background re-evaluation ({date.today().isoformat()}, {os.cpu_count()} cores)\n")
    db = national_db()
    url = f"duckdb:///{db}"
    from leefbaar.services import jobs, monitor

    largest = _rows(
        url,
        "SELECT corporatie_id FROM woning WHERE corporatie_id IS NOT NULL GROUP BY corporatie_id "
        "ORDER BY count(*) DESC LIMIT 1",
    )[0][0]
    # Verdicts to start from (not timed), and an empty queue.
    monitor.run_evaluation(url, date.today())
    jobs.make_all_due(url)
    jobs.run_pending(url)
    jobs.start(url, 5.0)
    try:
        print(f"The association with the most dwellings: {largest}")
        record_edits(url, str(largest))
        status_report(url)
    finally:
        jobs.stop(url)
    print(f"  load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
