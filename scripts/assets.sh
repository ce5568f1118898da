#!/usr/bin/env bash
# Install the front-end assets (NL Design System CSS, htmx, Leaflet, axe-core) from the npm registry,
# exactly as package-lock.json pins them. Leefbaar serves them itself: no CDN at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
