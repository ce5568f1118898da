"""Reports benchmark: the per-gemeente report as PDF and as XLSX on the national demo.

Prints figures (no pass/fail): the median seconds per gemeente PDF and XLSX over a sample of gemeenten
spread over the code list (every one with ``--alle``), each rendered without the answer cache, the
total extrapolated to all gemeenten, and the peak memory. Targets (issue 19): all 342 gemeente PDFs in
<= 2 minutes on 2 cores, one gemeente XLSX <= 1 s, memory <= 1 GB. A monitor run is stored first when
the database has none (on the copy given; not timed).

    .venv/bin/python benchmarks/reports_bench.py --database duckdb:///.cache/bench/reports.duckdb [--aantal 20] [--alle]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from datetime import date


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument(
        "--aantal", type=int, default=20, help="How many gemeenten to time (spread over the list)."
    )
    parser.add_argument("--alle", action="store_true", help="Time every gemeente.")
    args = parser.parse_args()
    url = args.database

    from leefbaar.services import monitor, reports

    print(f"## Reports ({date.today().isoformat()}, {os.cpu_count()} cores)\n")
    if not monitor.list_runs(url):
        started = time.perf_counter()
        monitor.run_evaluation(url, date(2026, 1, 1))
        print(f"Monitor run stored first in {time.perf_counter() - started:.1f} s (not part of the figures)")
    codes = reports.gemeentecodes(url)
    sample = codes if args.alle else codes[:: max(1, len(codes) // args.aantal)][: args.aantal]
    # Warm-up (fonts, templates, the engine, the division's names): not part of the figures.
    reports.gemeente_rapport(url, sample[0], "pdf", bewaren=False)
    timings: dict[str, list[float]] = {"pdf": [], "xlsx": []}
    sizes: dict[str, list[int]] = {"pdf": [], "xlsx": []}
    for code in sample:
        for formaat in ("pdf", "xlsx"):
            started = time.perf_counter()
            rendered = reports.gemeente_rapport(url, code, formaat, bewaren=False)
            timings[formaat].append(time.perf_counter() - started)
            sizes[formaat].append(len(rendered.inhoud))
    for formaat, target in (("pdf", "all 342 <= 120 s"), ("xlsx", "one <= 1 s")):
        t = timings[formaat]
        print(
            f"{formaat.upper()}: median {statistics.median(t):.2f} s per gemeente (min {min(t):.2f}, max {max(t):.2f}) "
            f"over {len(t)} gemeenten; {len(codes)} gemeenten would take {statistics.median(t) * len(codes):.0f} s "
            f"in one process (target: {target}); median size {statistics.median(sizes[formaat]) / 1024:.0f} KiB"
        )
    print(f"Peak memory {_peak_mb():,.0f} MB (target <= 1 GB)")
    print(f"Load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
