#!/usr/bin/env bash
# Debian packages the test suite needs: PostgreSQL 15 with PostGIS, Chromium, fonts, poppler.
# Installs them when run as root and something is missing; otherwise only reports.
set -euo pipefail
PKGS=(postgresql postgresql-15-postgis-3 chromium chromium-driver fonts-noto-core fonts-liberation2 poppler-utils)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "Installeren van systeempakketten: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Ontbrekende systeempakketten (installeer als root): ${missing[*]}" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
