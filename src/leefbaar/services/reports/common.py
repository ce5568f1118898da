"""What every report shares: its formats and media types, the Dutch error, the data sources with
their reference years, the data version and the synthetic-data label."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from leefbaar import __version__
from leefbaar.reports import Bron, Rapport, render_pdf, render_xlsx
from leefbaar.services import cache, datasets, demo

Formaat = Literal["pdf", "xlsx"]
FORMATEN: tuple[Formaat, ...] = ("pdf", "xlsx")
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class RapportFout(ValueError):
    """A report cannot be made (message in Dutch): an unknown scope or format."""


@dataclass(frozen=True)
class Rendered:
    """A rendered report: its bytes, file name (with extension) and media type."""

    inhoud: bytes
    bestandsnaam: str
    media_type: str


def controleer_formaat(formaat: str) -> Formaat:
    if formaat not in FORMATEN:
        raise RapportFout(f"Onbekend formaat '{formaat}': kies pdf of xlsx.")
    return formaat


def bronnen(url: str) -> tuple[Bron, ...]:
    """Every imported source with its reference year, newest import date and row count (kept per data
    version: the same for every report)."""
    rows = cache.memo("reports.bronnen", url, (), lambda: datasets.volledigheid(url)["imports"])
    return tuple(
        Bron(
            naam=str(r["bron"] or r["soort"]),
            soort=str(r["soort"]),
            jaar=int(r["jaar"]) if r.get("jaar") is not None else None,
            rijen=int(r["rijen"]) if r.get("rijen") is not None else None,
            geimporteerd=_as_datetime(r.get("laatste_import")),
        )
        for r in rows
    )


def _as_datetime(value: Any) -> datetime | date | None:
    if value is None or isinstance(value, datetime | date):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def colofon(url: str) -> dict[str, Any]:
    """The colophon's facts: when, which Leefbaar version, which data version, synthetic or not."""
    return {
        "gemaakt_op": datetime.now(UTC).replace(microsecond=0, tzinfo=None),  # written as UTC
        "leefbaar_versie": __version__,
        "data_versie": cache.version(url).token,
        "synthetisch": demo.is_synthetisch_cached(url),
    }


def render(rapport: Rapport, formaat: Formaat) -> Rendered:
    inhoud = render_pdf(rapport) if formaat == "pdf" else render_xlsx(rapport)
    return Rendered(inhoud, f"{rapport.bestandsnaam}.{formaat}", MEDIA_TYPES[formaat])
