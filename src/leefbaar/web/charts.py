"""Small server-side SVG charts (bar and line) that satisfy the page's Content-Security-Policy.

The SVG uses presentation attributes only (no ``style`` attributes, no scripts), so it renders under
``default-src 'self'``. Every chart is ``role="img"`` with a title and description; the page shows
the same numbers in a table next to it (the text alternative that WCAG asks for).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Colour-blind-safe series colours with at least 3:1 contrast against white.
SERIES = ("#1f5f8b", "#b3541e", "#2f7d32", "#6a3d9a")
AXIS = "#4a4a4a"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], unit: str = "") -> Markup:
    """A horizontal bar chart; values written at the end of each bar."""
    row, label_w, bar_w, pad = 28, 170, 300, 8
    height = pad * 2 + row * max(len(bars), 1)
    width = label_w + bar_w + 90
    top = max((b.value for b in bars), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="leefbaar-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-titel">',
        f'<title id="{escape(chart_id)}-titel">{escape(title)}</title>',
    ]
    for i, bar in enumerate(bars):
        y = pad + i * row
        w = max(bar.value / top * bar_w, 0 if bar.value == 0 else 1)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + row / 2 + 5}" text-anchor="end" font-size="14" '
            f'fill="{AXIS}">{escape(bar.label)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{SERIES[0]}"></rect>'
        )
        parts.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + row / 2 + 5}" font-size="14" fill="{AXIS}">'
            f"{escape(_fmt(bar.value))}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[str, float | None]]  # (x label, value); None = no value


def line_chart(chart_id: str, title: str, series: Sequence[Series], unit: str = "") -> Markup:
    """A line chart over shared x labels (e.g. reference dates); gaps where a value is missing."""
    width, height, left, right, top_pad, bottom = 560, 260, 70, 20, 20, 50
    labels: list[str] = []
    for s in series:
        for label, _ in s.points:
            if label not in labels:
                labels.append(label)
    values = [v for s in series for _, v in s.points if v is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    lo = min(lo, 0.0)
    if hi == lo:
        hi = lo + 1
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    def x(label: str) -> float:
        i = labels.index(label)
        return left + (plot_w * i / (len(labels) - 1) if len(labels) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top_pad + plot_h * (1 - (value - lo) / (hi - lo))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="leefbaar-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-titel">',
        f'<title id="{escape(chart_id)}-titel">{escape(title)}</title>',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" '
        f'stroke="{AXIS}"></line>',
        f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}" stroke="{AXIS}"></line>',
    ]
    for tick in (lo, (lo + hi) / 2, hi):
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 5:.1f}" text-anchor="end" font-size="13" fill="{AXIS}">'
            f"{escape(_fmt(round(tick, 1)))}{escape(unit)}</text>"
        )
    for label in labels:
        parts.append(
            f'<text x="{x(label):.1f}" y="{height - bottom + 20}" text-anchor="middle" font-size="13" '
            f'fill="{AXIS}">{escape(label)}</text>'
        )
    for i, s in enumerate(series):
        colour = SERIES[i % len(SERIES)]
        coords = [(x(label), y(v)) for label, v in s.points if v is not None]
        if len(coords) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"></polyline>'
            )
        for px, py in coords:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"></circle>')
        parts.append(
            f'<text x="{left + 10 + 150 * i}" y="{height - 8}" font-size="13" fill="{colour}">'
            f"■ {escape(s.name)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
