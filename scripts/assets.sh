#!/usr/bin/env bash
# Install the front-end assets (NL Design System CSS, htmx, Leaflet, axe-core, Spectral) from the npm
# registry, exactly as package-lock.json pins them, and copy what the pages use into
# src/leefbaar/web/static/vendor/ (gitignored). Leefbaar serves them itself: no CDN at run time.
#   scripts/assets.sh        npm ci, then copy
#   scripts/assets.sh copy   copy only (node_modules must exist)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "copy" ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
NM=node_modules
VENDOR=src/leefbaar/web/static/vendor
rm -rf "$VENDOR"
mkdir -p "$VENDOR/utrecht" "$VENDOR/htmx" "$VENDOR/leaflet"
cp "$NM/@utrecht/component-library-css/dist/index.css" "$VENDOR/utrecht/component-library.css"
cp "$NM/@utrecht/component-library-css/LICENSE.md" "$VENDOR/utrecht/LICENSE.md" 2>/dev/null \
  || cp "$NM/@utrecht/component-library-css/LICENSE" "$VENDOR/utrecht/LICENSE" 2>/dev/null || true
cp "$NM/htmx.org/dist/htmx.min.js" "$VENDOR/htmx/htmx.min.js"
cp "$NM/htmx.org/LICENSE" "$VENDOR/htmx/LICENSE" 2>/dev/null || true
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$VENDOR/leaflet/"
cp -r "$NM/leaflet/dist/images" "$VENDOR/leaflet/images"
cp "$NM/leaflet/LICENSE" "$VENDOR/leaflet/LICENSE" 2>/dev/null || true
echo "Front-end bestanden gekopieerd naar $VENDOR"
