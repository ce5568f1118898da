# Leefbaar: `make demo` builds and starts the national demo; `make check` runs what CI runs (lint, types,
# layering contracts, the whole suite); `make test` runs the suite alone.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= leefbaar.duckdb
PORT ?= 8000
# The Makefile is the developer's and newcomer's entry point: an explicit development environment
# (demo accounts, placeholder secrets answering on 127.0.0.1 only). Leefbaar itself defaults to
# production, which refuses both; see docs/settings.md and docs/deployment notes in docs/security.md.
export LEEFBAAR_ENVIRONMENT ?= development

.PHONY: install system-deps assets demo demo-db serve test check lint types bench clean

$(BIN)/leefbaar: pyproject.toml uv.lock
	scripts/install.sh
	@touch $@

install: $(BIN)/leefbaar assets

# npm ci when the lock changes; the copy into the package's static folder runs every time (cheap).
assets: node_modules/.package-lock.json
	scripts/assets.sh copy
node_modules/.package-lock.json: package.json package-lock.json
	scripts/assets.sh

system-deps:
	scripts/system-deps.sh

demo: install demo-db
	$(BIN)/leefbaar serve --host 127.0.0.1 --port $(PORT) --database duckdb:///$(DEMO_DB)

demo-db: install
	@if [ -f "$(DEMO_DB)" ]; then echo "Demodatabase $(DEMO_DB) bestaat al (verwijder het bestand om opnieuw te bouwen)."; \
	  $(BIN)/leefbaar db upgrade --database duckdb:///$(DEMO_DB); \
	else $(BIN)/leefbaar demo --scale national --database duckdb:///$(DEMO_DB) \
	  && $(BIN)/leefbaar monitor --scope alles --date 2025-12-31 --database duckdb:///$(DEMO_DB) >/dev/null \
	  && $(BIN)/leefbaar index compute --year 2024 --database duckdb:///$(DEMO_DB); fi

serve: install
	$(BIN)/leefbaar serve --host 127.0.0.1 --port $(PORT)

test: system-deps install
	scripts/test.sh

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports

types: install
	$(BIN)/mypy

check: lint types test

bench: install
	scripts/bench.sh

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
