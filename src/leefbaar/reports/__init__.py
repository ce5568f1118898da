"""Reports: a report model and its renderers (PDF, XLSX, a static SVG map). Pure rendering.

Data in, bytes out: ``services.reports`` gathers the figures through the other services (already
suppressed where disclosure control applies) and builds a :class:`Rapport`; the renderers here only
lay it out. Every renderer reads the same model, so a figure is the same in every format.

- :mod:`.model`   the report: sections, typed tables (units in the header), suppressed cells, sources;
- :mod:`.text`    Dutch number and date writing, shared by the renderers;
- :mod:`.pdf`     HTML from templates with a dedicated print stylesheet, WeasyPrint to PDF/UA-1;
- :mod:`.xlsx`    XlsxWriter: one sheet per table, real number and date cells, "Bronnen";
- :mod:`.csv`     open-data CSV: ``;``, UTF-8 with BOM, decimal comma, text neutralised;
- :mod:`.svgmap`  a GeoJSON FeatureCollection (CRS84) drawn as an SVG map, server-side.
"""

from __future__ import annotations

from leefbaar.reports.csv import render_csv
from leefbaar.reports.model import Bron, Kolom, Onderdrukt, Rapport, Sectie, Soort, Tabel
from leefbaar.reports.pdf import render_pdf
from leefbaar.reports.svgmap import render_svg_map
from leefbaar.reports.xlsx import neutralise, render_xlsx

__all__ = [
    "Bron",
    "Kolom",
    "Onderdrukt",
    "Rapport",
    "Sectie",
    "Soort",
    "Tabel",
    "neutralise",
    "render_csv",
    "render_pdf",
    "render_svg_map",
    "render_xlsx",
]
