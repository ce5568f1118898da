#!/usr/bin/env bash
# Run every benchmark (benchmarks/*_bench.py) and write their figures to docs/benchmarks.md.
# Benchmarks print figures; they never pass or fail on timing. PostgreSQL figures need a server:
# a throwaway one is started here when LEEFBAAR_TEST_POSTGRES_URL is not set.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${LEEFBAAR_TEST_POSTGRES_URL:-}" ] && eval "$(scripts/pg-throwaway.sh start)"; then
  trap 'scripts/pg-throwaway.sh stop "$PG_TMPDIR"' EXIT
fi
export LEEFBAAR_TEST_POSTGRES_URL
out=docs/benchmarks.md
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB)."
  echo "Figures, not tests: each script prints what it measured."
  echo
  for script in benchmarks/*_bench.py; do
    echo "### $(basename "$script")"
    echo
    echo '```'
    .venv/bin/python "$script" 2>&1 || echo "(benchmark failed: exit $?)"
    echo '```'
    echo
  done
} | tee "$out.tmp"
mv "$out.tmp" "$out"
