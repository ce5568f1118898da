"""Monitor benchmark: a full national evaluation (every commitment x every municipality and association).

Prints figures (no pass/fail): seconds and peak memory of ``services.monitor.run_evaluation`` on the
national demo (8.1 million dwellings), including appending the run to the history. Target on DuckDB:
<= 5 s and <= 2 GB on 2 cores. With LEEFBAAR_TEST_POSTGRES_URL set, the same evaluation on PostgreSQL
is reported beside it (the national tables are copied over with COPY first; not timed).

    .venv/bin/python benchmarks/monitor_bench.py [NATIONAL_DUCKDB]

NATIONAL_DUCKDB (or LEEFBAAR_MONITOR_BENCH_DB; default .cache/bench/national.duckdb, shared with the
foundation benchmark) is built with ``leefbaar demo --scale national`` when it does not exist yet.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from _scratch import copy_tables, scratch_postgres

ROOT = Path(__file__).parents[1]
LEEFBAAR = str(ROOT / ".venv" / "bin" / "leefbaar")
PEILDATUM = date(2026, 1, 1)
TABLES = (
    "import_log",
    "regio",
    "partij",
    "complex",
    "woning",
    "conditiemeting",
    "gebrek",
    "plan",
    "investering",
    "buurtkamer",
    "vhf_bijdrage",
    "urgentieverordening",
    "woonzorgvisie",
    "afspraak_versie",
    "afspraak",
    "afspraak_partij",
    "afspraak_toezegging",
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def national_db() -> Path:
    given = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LEEFBAAR_MONITOR_BENCH_DB")
    db = Path(given) if given else ROOT / ".cache" / "bench" / "national.duckdb"
    url = f"duckdb:///{db}"
    if db.exists():
        print(f"Nationale demo hergebruikt: {db}")
    else:
        db.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        subprocess.run(
            [LEEFBAAR, "demo", "--scale", "national", "--database", url],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"Nationale demo gebouwd in {time.perf_counter() - started:.1f} s: {db}")
    # the history tables (0002_monitor) and the agreement records (0012_afspraken, with the national
    # agreement) may be newer than the cached database
    subprocess.run([LEEFBAAR, "db", "upgrade", "--database", url], check=True, stdout=subprocess.DEVNULL)
    return db


def evaluate(url: str, label: str, repeats: int = 1) -> None:
    """Time ``repeats`` full runs (each appended to the history) and print each and the median."""
    from leefbaar.services import monitor
    from leefbaar.storage import monitor_queries

    monitor_queries.data_version(url)  # opens the engine: start-up is not part of the figure
    seconds: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        run = monitor.run_evaluation(url, PEILDATUM)
        seconds.append(time.perf_counter() - started)
    statuses = Counter(b.status.value for b in run.beoordelingen)
    scopes = Counter(b.scope.soort.value for b in run.beoordelingen)
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    print(
        f"{label}: full national evaluation on {PEILDATUM.isoformat()}: median {statistics.median(seconds):.2f} s "
        f"(runs: {runs} s), peak memory {_peak_mb():,.0f} MB (target <= 5 s, <= 2 GB); "
        f"{len(run.beoordelingen)} verdicts per run, last stored as run {run.run_id}"
    )
    print(f"  per scope: {dict(sorted(scopes.items()))}")
    print(f"  per status: {dict(sorted(statuses.items()))}")
    print(f"  load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def postgres(db: Path) -> None:
    server = os.environ.get("LEEFBAAR_TEST_POSTGRES_URL")
    if not server:
        print("PostgreSQL: overgeslagen (LEEFBAAR_TEST_POSTGRES_URL niet gezet)")
        return
    from sqlalchemy import text

    from leefbaar.storage.engine import get_engine

    with scratch_postgres(server, "lb_monitor_bench") as url:
        started = time.perf_counter()
        copy_tables(db, url, TABLES)
        with get_engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
        print(
            f"PostgreSQL: national tables copied in {time.perf_counter() - started:.0f} s (not part of the figure)"
        )
        evaluate(url, "PostgreSQL 15")


def main() -> None:
    print(f"## Monitor ({date.today().isoformat()}, {os.cpu_count()} cores)\n")
    db = national_db()
    import leefbaar.services.monitor  # noqa: F401 - imports are not part of the figure
    from leefbaar.storage import engine as storage_engine

    evaluate(f"duckdb:///{db}", "DuckDB", repeats=3)
    storage_engine.dispose(f"duckdb:///{db}")  # release the file before reading it for the copy
    postgres(db)


if __name__ == "__main__":
    main()
