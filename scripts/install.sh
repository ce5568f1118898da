#!/usr/bin/env bash
# Create .venv at the repository root with the locked Python dependencies and Leefbaar itself.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip install --quiet "uv==0.13.9"
fi
# --frozen: install exactly what uv.lock says; the dev group (uv itself included) stays installed.
# --compile-bytecode: write the .pyc files now. Where PYTHONDONTWRITEBYTECODE is set (as on our CI
# machines) Python would otherwise compile every imported module again at each start (~2 s a command).
.venv/bin/uv sync --frozen --quiet --compile-bytecode
.venv/bin/python -m compileall -q src >/dev/null
