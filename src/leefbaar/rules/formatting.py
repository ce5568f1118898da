"""Numbers, amounts and dates written the Dutch way for explanations: 1.234 woningen, 12,5%, € 200 mln."""

from __future__ import annotations

from datetime import date

from leefbaar.rules.indicators import Eenheid

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def getal(value: float, decimalen: int = 0) -> str:
    """Dot for thousands, comma for decimals; trailing decimal zeros dropped: 1234.5 -> ``1.234,5``."""
    text = f"{value:,.{decimalen}f}"
    if decimalen:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return "0" if text == "-0" else text


def euro(value: float) -> str:
    """Amounts of a million or more in ``mln`` (``mld`` from a billion), with at most one decimal."""
    size = abs(value)
    if size >= 1e9:
        return f"€ {getal(value / 1e9, 1)} mld"
    if size >= 1e6:
        return f"€ {getal(value / 1e6, 1)} mln"
    return f"€ {getal(value)}"


def procent(value: float) -> str:
    """``value`` is a percentage (30 means 30%), written with at most one decimal."""
    return f"{getal(value, 1)}%"


def aandeel(value: float) -> str:
    """``value`` is a share between 0 and 1, written as a percentage."""
    return procent(value * 100)


def woningen(value: float) -> str:
    return f"{getal(value)} {'woning' if round(value) == 1 else 'woningen'}"


def waarde(value: float, eenheid: Eenheid) -> str:
    """A measured or target value in the unit of its indicator."""
    if eenheid is Eenheid.WONINGEN:
        return woningen(value)
    if eenheid is Eenheid.EURO:
        return euro(value)
    if eenheid is Eenheid.EURO_PER_JAAR:
        return f"{euro(value)} per jaar"
    if eenheid is Eenheid.PROCENT:
        return procent(value)
    return getal(value, 1)


def verschil(value: float, eenheid: Eenheid) -> str:
    """A gap: like :func:`waarde`, but a percentage gap is in percentage points."""
    if eenheid is Eenheid.PROCENT:
        return f"{getal(value, 1)} procentpunt"
    if eenheid is Eenheid.EURO_PER_JAAR:
        return euro(value)
    return waarde(value, eenheid)


def datum(day: date) -> str:
    """``date(2026, 1, 1)`` -> ``1 januari 2026``."""
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
