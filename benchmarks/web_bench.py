"""Load benchmark of the gemeente page and its API endpoints against a running ``leefbaar serve``.

DuckDB: the national demo (8.1 million dwellings), built into ``--database`` (default: the file in
LEEFBAAR_BENCH_DUCKDB or /tmp/leefbaar-web-bench.duckdb) when that file does not exist yet (about 25 s,
not timed). PostgreSQL, when LEEFBAAR_TEST_POSTGRES_URL is set: a fresh database with the demo at
scale ``gemeente`` (loading the national demo into PostgreSQL takes minutes; the figures say so).

The server runs in its own process(es) on 127.0.0.1 (``leefbaar serve``; on PostgreSQL once per
worker count in ``--pg-workers``, default 1 and 2); 16 concurrent clients (asyncio + httpx, one
process) cycle through the gemeente page and its API endpoints for a bounded time and request
count. Printed: p50/p95/p99 latency per endpoint and overall, throughput, errors, and the hit rate of
the answer cache during the measurement (from the server's /metrics, all workers together). Target
(issue 6): p95 <= 150 ms at 16 clients on 2 cores, 0 errors. Figures only: nothing passes or fails on
timing.

Run: ``.venv/bin/python benchmarks/web_bench.py [--database URL] [--seconds 20] [--clients 16]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LEEFBAAR = ROOT / ".venv" / "bin" / "leefbaar"
DEFAULT_DUCKDB = os.environ.get("LEEFBAAR_BENCH_DUCKDB", "/tmp/leefbaar-web-bench.duckdb")
GEMEENTE = "GM0363"  # Amsterdam: the largest page (519 buurten, the only buurt map)


def paths(code: str) -> list[str]:
    return [
        f"/gemeenten/{code}",
        f"/api/v1/gemeenten/{code}",
        f"/api/v1/gemeenten/{code}/buurten?paginagrootte=100",
        f"/api/v1/gemeenten/{code}/grenzen?niveau=buurt",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_demo(url: str, scale: str) -> None:
    print(f"demo bouwen ({scale}) in {url} ...", flush=True)
    subprocess.run(
        [str(LEEFBAAR), "demo", "--scale", scale, "--database", url], check=True, capture_output=True
    )


def start_server(url: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    cmd = [str(LEEFBAAR), "serve", "--host", "127.0.0.1", "--port", str(port), "--database", url]
    cmd += ["--workers", str(workers)]
    # Also in the environment: `serve` reads the settings before it sets the variable from --database.
    env = {**os.environ, "LEEFBAAR_DATABASE_URL": url}
    # The JSON access log (one line per request, as in production) goes to a file: a pipe that nobody
    # reads would fill up and stop the server.
    with open(log, "wb") as output:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=output, env=env)


def wait_ready(base: str, server: subprocess.Popen[bytes], log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server stopte: {log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(base + "/api/v1/health/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server startte niet binnen de tijd")


async def load(
    base: str, targets: list[str], clients: int, seconds: float, max_requests: int
) -> tuple[dict[str, list[float]], int, float]:
    latencies: dict[str, list[float]] = {t: [] for t in targets}
    errors = 0
    issued = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def worker(index: int, client: httpx.AsyncClient) -> None:
        nonlocal errors, issued
        i = index
        while time.monotonic() < stop_at and issued < max_requests:
            issued += 1
            target = targets[i % len(targets)]
            i += 1
            start = time.perf_counter()
            try:
                response = await client.get(base + target)
                await response.aread()
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies[target].append(time.perf_counter() - start)
            errors += 0 if ok else 1

    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await asyncio.gather(*(worker(n, client) for n in range(clients)))
    return latencies, errors, time.perf_counter() - started


def cache_lookups(base: str) -> tuple[float, float]:
    """(hits, misses) of the answer cache so far, from the server's Prometheus metrics."""
    text = httpx.get(base + "/metrics", timeout=30).text
    found = dict(re.findall(r'^leefbaar_cache_lookups_total\{result="(\w+)"\} ([0-9.e+]+)$', text, re.M))
    return float(found.get("hit", 0)), float(found.get("miss", 0))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def report(
    label: str,
    latencies: dict[str, list[float]],
    errors: int,
    elapsed: float,
    clients: int,
    hit_rate: tuple[float, float],
) -> None:
    everything = [v for vs in latencies.values() for v in vs]
    print(f"\n{label}: {clients} gelijktijdige clients, {elapsed:.1f} s, {len(everything)} verzoeken")
    print(f"{'endpoint':58} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for target, values in latencies.items():
        if values:
            print(
                f"{target:58} {len(values):6d} {pct(values, 50):8.1f} {pct(values, 95):8.1f} {pct(values, 99):8.1f}"
            )
    if everything:
        print(
            f"{'totaal':58} {len(everything):6d} {pct(everything, 50):8.1f} {pct(everything, 95):8.1f} "
            f"{pct(everything, 99):8.1f}"
        )
        print(
            f"doorvoer {len(everything) / elapsed:.1f} verzoeken/s, gemiddeld {statistics.mean(everything) * 1000:.1f} ms"
        )
    hits, misses = hit_rate
    if hits + misses:
        share = 100 * hits / (hits + misses)
        print(f"cache: {share:.1f}% treffers ({hits:,.0f} treffers, {misses:,.0f} missers tijdens de meting)")
    print(f"load average (1 min) aan het eind: {os.getloadavg()[0]:.1f} op {os.cpu_count()} cores")
    print(f"fouten {errors}  (doel: p95 <= 150 ms, 0 fouten)")


def run(label: str, url: str, args: argparse.Namespace, workers: int) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.gettempdir()) / f"leefbaar-web-bench-{port}.log"
    server = start_server(url, port, workers, log)
    try:
        wait_ready(base, server, log)
        targets = paths(args.gemeente)
        # Warm-up (not measured): the first request builds the per-buurt summaries after the demo import.
        for target in targets:
            t = time.perf_counter()
            httpx.get(base + target, timeout=300).raise_for_status()
            print(f"opwarmen {target}: {(time.perf_counter() - t) * 1000:.0f} ms", flush=True)
        hits_before, misses_before = cache_lookups(base)
        latencies, errors, elapsed = asyncio.run(
            load(base, targets, args.clients, args.seconds, args.max_requests)
        )
        hits_after, misses_after = cache_lookups(base)
        hit_rate = (hits_after - hits_before, misses_after - misses_before)
        report(label, latencies, errors, elapsed, args.clients, hit_rate)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.unlink(missing_ok=True)


def postgres(args: argparse.Namespace) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    server_url = os.environ["LEEFBAAR_TEST_POSTGRES_URL"]
    u = make_url(server_url)
    name = f"lb_web_bench_{uuid.uuid4().hex[:8]}"
    dsn = f"host={u.host} port={u.port} user={u.username} dbname={u.database or 'postgres'}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = u.set(database=name).render_as_string(hide_password=False)
    try:
        build_demo(url, "gemeente")
        for workers in args.pg_workers:
            processes = "1 proces" if workers == 1 else f"{workers} processen"
            label = f"PostgreSQL 15, demo schaal 'gemeente' (niet landelijk: dat laden duurt minuten), {processes}"
            run(label, url, args, workers=workers)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", default=f"duckdb:///{DEFAULT_DUCKDB}", help="DuckDB-URL van de landelijke demo"
    )
    parser.add_argument("--gemeente", default=GEMEENTE)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0, help="duur van de meting per database")
    parser.add_argument(
        "--max-requests", type=int, default=20_000, help="bovengrens van het aantal verzoeken"
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--pg-workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="aantallen serverprocessen op PostgreSQL, bijvoorbeeld 1,2,4",
    )
    parser.add_argument("--no-duckdb", action="store_true")
    args = parser.parse_args()
    path = args.database.removeprefix("duckdb:///")
    if not args.no_duckdb:
        if args.database.startswith("duckdb") and not Path(path).exists():
            build_demo(args.database, "national")
        run("DuckDB, landelijke demo (8,1 mln woningen), 1 proces", args.database, args, workers=1)
    if os.environ.get("LEEFBAAR_TEST_POSTGRES_URL") and not args.no_postgres:
        postgres(args)
    elif not args.no_postgres:
        print("\nPostgreSQL: overgeslagen (LEEFBAAR_TEST_POSTGRES_URL niet gezet)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
