#!/usr/bin/env bash
# Run every benchmark and write their figures to docs/benchmarks.md. Benchmarks print figures;
# they never pass or fail on timing. The national demo is built once (its build time is the first
# figure) and each benchmark works on its own copy. PostgreSQL figures need a server: a throwaway
# one is started here when LEEFBAAR_TEST_POSTGRES_URL is not set.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${LEEFBAAR_TEST_POSTGRES_URL:-}" ] && eval "$(scripts/pg-throwaway.sh start)"; then
  trap 'scripts/pg-throwaway.sh stop "$PG_TMPDIR"' EXIT
fi
export LEEFBAAR_TEST_POSTGRES_URL
work=.cache/bench
mkdir -p "$work"
rm -f "$work/national.duckdb" "$work/national.duckdb.wal"   # measure the build every time
# A copy of the national demo; a write-ahead log left by an earlier run must not be replayed onto it.
copy() {
  rm -f "$work/$1.duckdb.wal"
  cp "$work/national.duckdb" "$work/$1.duckdb"
  echo "duckdb:///$PWD/$work/$1.duckdb"
}
run() {
  echo "### $1"
  echo
  echo '```'
  shift
  .venv/bin/python "$@" 2>&1 || echo "(benchmark failed: exit $?)"
  echo '```'
  echo
}
out=docs/benchmarks.md
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "load average at the start: $(cut -d' ' -f1 /proc/loadavg)). Figures, not tests: each script prints what it measured."
  echo
  run "Foundation: national demo build and import" benchmarks/foundation_bench.py "$work"
  copy monitor >/dev/null
  run "Agreements monitor" benchmarks/monitor_bench.py "$work/monitor.duckdb"
  copy reevaluation >/dev/null
  run "Background re-evaluation" benchmarks/reevaluation_bench.py "$work/reevaluation.duckdb"
  run "Liveability index" benchmarks/liveability_bench.py --end-to-end --database "$(copy liveability)"
  run "Liveability index against the Leefbaarometer" benchmarks/liveability_validation_bench.py
  run "Web application and API under load" benchmarks/web_bench.py --database "$(copy web)"
  run "Reports per gemeente (PDF, XLSX)" benchmarks/reports_bench.py --database "$(copy reports)"
  run "Improvement scenario (optimiser)" benchmarks/scenario_bench.py 300 5
  rm -f "$work"/{monitor,reevaluation,liveability,web,reports}.duckdb "$work"/{monitor,reevaluation,liveability,web,reports}.duckdb.wal
} | tee "$out.tmp"
mv "$out.tmp" "$out"
