"""Dutch writing of report values: 1.234, 12,5%, 1 juni 2025. The same as the web pages' filters."""

from __future__ import annotations

from datetime import date, datetime

from leefbaar.reports.model import VOETNOOTTEKEN, Cel, Onderdrukt, Soort
from leefbaar.rules import formatting

ONBEKEND = "–"


def getal(value: float, decimalen: int = 0) -> str:
    """1234567 -> 1.234.567; 12.5 with one decimal -> 12,5 (as the pages write it)."""
    text = f"{float(value):,.{decimalen}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def datum(value: date | datetime) -> str:
    """1 juni 2025."""
    return formatting.datum(value.date() if isinstance(value, datetime) else value)


def cel(value: Cel, soort: Soort) -> str:
    """One table cell as text; a suppressed cell is written "niet getoond" with the footnote marker."""
    if isinstance(value, Onderdrukt):
        return f"niet getoond{VOETNOOTTEKEN}"
    if value is None:
        return ONBEKEND
    if isinstance(value, str):
        return value
    if soort is Soort.DATUM and isinstance(value, date):
        return datum(value)
    if soort is Soort.AANDEEL and isinstance(value, int | float):
        return f"{getal(100 * value, 1)}%"
    if soort is Soort.PROCENT and isinstance(value, int | float):
        return f"{getal(value, 1)}%"
    if soort is Soort.JAAR and isinstance(value, int | float):
        return str(int(value))
    if soort is Soort.DECIMAAL and isinstance(value, int | float):
        return formatting.getal(float(value), 1)  # trailing zeros dropped, as the verdicts write it
    if isinstance(value, int | float):
        return getal(value)
    return str(value)
