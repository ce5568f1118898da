#!/usr/bin/env bash
# The whole test suite, on DuckDB and on a throwaway PostgreSQL. `make test` runs this; so does CI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${LEEFBAAR_TEST_POSTGRES_URL:-}" ]; then
  if eval "$(scripts/pg-throwaway.sh start)"; then
    trap 'scripts/pg-throwaway.sh stop "$PG_TMPDIR"' EXIT
  elif [ "${CI:-}" = "true" ]; then
    echo "Kon geen PostgreSQL starten; in CI mag niets worden overgeslagen." >&2
    exit 1
  fi
fi
export LEEFBAAR_TEST_POSTGRES_URL
# Byte-code for the sources as they are now: the suite starts the command many times (see install.sh).
.venv/bin/python -m compileall -q src >/dev/null
# Two workers by default (our machines have two cores; many tests wait on PostgreSQL, a browser or a
# subprocess). Tests of one module share a worker, so module-scoped databases are built once, and the
# tests on the web database (pages, browser) share one worker (tests/conftest.py); the template
# databases are built once per run (tests/storage_fixtures.py).
# The 30 slowest tests are listed at the end, to keep an eye on the suite's time.
.venv/bin/python -m pytest -n "${LEEFBAAR_TEST_WORKERS:-2}" --dist loadgroup --durations=30 "$@"
