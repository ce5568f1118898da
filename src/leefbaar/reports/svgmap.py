"""A static SVG map of a GeoJSON FeatureCollection (CRS84 polygons), drawn server-side without a
browser: each area a path with its name as a title, scaled to a fixed width with the aspect ratio
of the Dutch latitude (longitude shortened by cos(latitude))."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

Ring = Sequence[Sequence[float]]


def _polygons(geometry: dict[str, Any]) -> Iterator[Sequence[Ring]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        yield geometry["coordinates"]
    elif kind == "MultiPolygon":
        yield from geometry["coordinates"]
    elif kind == "GeometryCollection":
        for g in geometry.get("geometries", []):
            yield from _polygons(g)


def render_svg_map(collection: dict[str, Any], titel: str, breedte: float = 600.0) -> str | None:
    """The features as an SVG document fragment (role="img" with a title); None without polygons."""
    features = [f for f in collection.get("features", []) if f.get("geometry")]
    points = [
        (float(x), float(y))
        for f in features
        for poly in _polygons(f["geometry"])
        for ring in poly
        for x, y, *_ in ring
    ]
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    factor = math.cos(math.radians((min_y + max_y) / 2))
    span_x = max((max_x - min_x) * factor, 1e-9)
    span_y = max(max_y - min_y, 1e-9)
    scale = breedte / span_x
    hoogte = span_y * scale

    def ring_path(ring: Ring) -> str:
        # A point less than a pixel (about 0.3 mm on A4) from the last one kept adds nothing to the
        # drawing; detailed boundaries have thousands, and leaving them out halves the PDF's render time.
        points: list[tuple[float, float]] = []
        for i, p in enumerate(ring):
            x, y = (float(p[0]) - min_x) * factor * scale, (max_y - float(p[1])) * scale
            last = i == len(ring) - 1
            if not points or last or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= 1.0:
                points.append((x, y))
        return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"

    paths = []
    for f in features:
        d = " ".join(ring_path(ring) for poly in _polygons(f["geometry"]) for ring in poly if len(ring) > 2)
        props = f.get("properties") or {}
        naam = str(props.get("naam") or props.get("code") or f.get("id") or "")
        paths.append(
            f'<path class="gebied" fill="#d8e6f3" stroke="#1f4e79" stroke-width="0.6" d="{d}"><title>{escape(naam)}</title></path>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breedte:.0f} {hoogte:.0f}" '
        f'role="img" aria-label={quoteattr(titel)}><title>{escape(titel)}</title>' + "".join(paths) + "</svg>"
    )
