"""The report as an accessible PDF: HTML from a Jinja2 template, a dedicated print stylesheet,
WeasyPrint to PDF/UA-1 (tagged, document language ``nl``, the title in the metadata).

The Utrecht component CSS is not used here: WeasyPrint's ``calc()`` handling fails on it (see
docs/reports.md); ``templates/print.css`` is a small A4 stylesheet with page numbers and table
headers repeated on every page.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup
from weasyprint import HTML

from leefbaar.reports import text
from leefbaar.reports.model import VOETNOOTTEKEN, Kolom, Rapport, Soort

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("leefbaar.reports", "templates"),
    autoescape=jinja2.select_autoescape(("html",)),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters.update(datum=text.datum, getal=text.getal)


def _cel(value: Any, kolom: Kolom) -> str:
    return text.cel(value, kolom.soort)


def _numeriek(kolom: Kolom) -> bool:
    return kolom.soort in (Soort.GETAL, Soort.DECIMAAL, Soort.AANDEEL, Soort.PROCENT, Soort.JAAR)


def _breedtes(kolommen: tuple[Kolom, ...]) -> list[str]:
    """Column widths in percent, in proportion to each column's width in characters (10 when unset)."""
    weights = [k.breedte or 10 for k in kolommen]
    return [f"{100 * w / sum(weights):.1f}%" for w in weights]


_ENV.globals.update(cel=_cel, numeriek=_numeriek, breedtes=_breedtes, voetnootteken=VOETNOOTTEKEN)


def _stylesheet() -> str:
    return resources.files("leefbaar.reports").joinpath("templates/print.css").read_text(encoding="utf-8")


def render_html(rapport: Rapport) -> str:
    """The report as one HTML document (what the PDF is made of)."""
    kaart = Markup(rapport.kaart_svg) if rapport.kaart_svg else None  # drawn by svgmap, escaped there
    return _ENV.get_template("rapport.html").render(r=rapport, css=Markup(_stylesheet()), kaart=kaart)


def render_pdf(rapport: Rapport) -> bytes:
    """The report as PDF/UA-1 bytes."""
    html = HTML(string=render_html(rapport))
    pdf: bytes = html.write_pdf(pdf_variant="pdf/ua-1")
    return pdf
