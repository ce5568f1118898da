"""Area boundaries from a GeoJSON FeatureCollection (PDOK/CBS style) as a ``grenzen`` file.

The area code is taken from the first property of ``statcode``, ``buurtcode``, ``wijkcode``,
``gemeentecode`` or ``code``; codes without prefix get one by their length (4 GM, 6 WK, 8 BU).
Geometries must be in CRS84 (longitude, latitude), as PDOK serves them for web maps.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa

from leefbaar.ingest.readers import ROW_COLUMN, ReadFile
from leefbaar.ingest.vocabulary import FileError

CODE_PROPERTIES = ("statcode", "buurtcode", "wijkcode", "gemeentecode", "code")
_PREFIX_BY_LENGTH = {4: "GM", 6: "WK", 8: "BU"}
_RD_NAMES = ("28992", "rd")


def read_geojson(path: Path, display_name: str | None = None) -> ReadFile:
    name = display_name or path.name
    data = path.read_bytes()
    if not data.strip():
        raise FileError.whole_file(name, "het bestand is leeg")
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FileError.whole_file(name, f"geen geldige GeoJSON: {exc}") from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise FileError.whole_file(name, "verwacht een GeoJSON FeatureCollection")
    crs = json.dumps(document.get("crs", "")).lower()
    if any(rd in crs for rd in _RD_NAMES):
        raise FileError.whole_file(
            name, "geometrie in RD (EPSG:28992) wordt niet ingelezen: lever CRS84 (lengte/breedte)"
        )
    features = document.get("features") or []
    if not features:
        raise FileError.whole_file(name, "de FeatureCollection bevat geen features")
    # Feature count is the number of areas (at most ~15,000 buurten), not national row data.
    codes = [_code_of(feature.get("properties") or {}) for feature in features]
    geometries = [json.dumps(feature.get("geometry"), separators=(",", ":")) for feature in features]
    table = pa.table(
        {
            "code": pa.array(codes, pa.string()),
            "geometrie": pa.array(geometries, pa.string()),
            ROW_COLUMN: pa.array(range(1, len(features) + 1), pa.int64()),
        }
    )
    return ReadFile(name, hashlib.sha256(data).hexdigest(), table)


def _code_of(properties: dict[str, object]) -> str:
    for key in CODE_PROPERTIES:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            code = value.strip().upper()
            prefix = _PREFIX_BY_LENGTH.get(len(code))
            return prefix + code if prefix and code.isalnum() and code[:2].isdigit() else code
    return ""
