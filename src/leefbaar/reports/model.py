"""The report model every renderer reads: a title, sections of paragraphs and typed tables, sources.

A table column has a kind (text, number, share, date) and a unit that goes in its header; a cell holds
the value as the services gave it: a number stays a number (a share is a fraction between 0 and 1), a
date stays a date, unknown is ``None``, and a cell hidden by disclosure control is :class:`Onderdrukt`
with its Dutch reason. Renderers never compute a figure; they only write these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Soort(StrEnum):
    """How a column's values are written."""

    TEKST = "tekst"
    GETAL = "getal"  # a count or amount, whole numbers
    DECIMAAL = "decimaal"  # a number with at most one decimal
    AANDEEL = "aandeel"  # a fraction between 0 and 1, written as a percentage
    PROCENT = "procent"  # already a percentage (24.7 means 24,7%), as the API gives it
    JAAR = "jaar"  # a year: a whole number written without a thousands separator
    DATUM = "datum"


@dataclass(frozen=True)
class Onderdrukt:
    """A cell withheld by disclosure control; ``reden`` is the Dutch reason the page gives too."""

    reden: str = "niet getoond"


Cel = str | int | float | date | None | Onderdrukt

#: The marker a suppressed cell gets, explained in the table's footnote.
VOETNOOTTEKEN = "*"


@dataclass(frozen=True)
class Kolom:
    kop: str
    soort: Soort = Soort.TEKST
    eenheid: str | None = None  # written in the header: "Woningen (aantal)"
    breedte: int | None = None  # a sensible width in characters for spreadsheets

    @property
    def kop_met_eenheid(self) -> str:
        return f"{self.kop} ({self.eenheid})" if self.eenheid else self.kop


@dataclass(frozen=True)
class Tabel:
    """A table; ``blad`` names its spreadsheet sheet (at most 31 characters)."""

    titel: str
    blad: str
    kolommen: tuple[Kolom, ...]
    rijen: tuple[tuple[Cel, ...], ...]
    voetnoten: tuple[str, ...] = ()

    @property
    def heeft_onderdrukt(self) -> bool:
        return any(isinstance(c, Onderdrukt) for r in self.rijen for c in r)


@dataclass(frozen=True)
class Sectie:
    titel: str
    alineas: tuple[str, ...] = ()
    tabellen: tuple[Tabel, ...] = ()
    meldingen: tuple[str, ...] = ()  # notes on what could not be computed


@dataclass(frozen=True)
class Bron:
    """A data source and its reference date (or year)."""

    naam: str
    soort: str
    jaar: int | None
    rijen: int | None
    geimporteerd: datetime | date | None


@dataclass(frozen=True)
class Rapport:
    titel: str  # "Stand van de afspraken — gemeente Almere, peildatum 1 juni 2025"
    onderwerp: str  # the scope's name, for the file name and the metadata
    bestandsnaam: str  # without extension: "stand-van-de-afspraken-GM0034-2025-06-01"
    peildatum: date | None
    synthetisch: bool
    secties: tuple[Sectie, ...]
    bronnen: tuple[Bron, ...]
    gemaakt_op: datetime
    leefbaar_versie: str
    data_versie: str
    kaart_svg: str | None = None  # a static map, drawn by svgmap
    kaart_titel: str | None = None
    inleiding: tuple[str, ...] = field(default=())

    @property
    def tabellen(self) -> tuple[Tabel, ...]:
        return tuple(t for s in self.secties for t in s.tabellen)
