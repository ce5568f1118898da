"""The report as an XLSX workbook (XlsxWriter): one sheet per table, then "Bronnen" and "Colofon".

Numbers and dates are real number and date cells with a number format (a share is a fraction shown as
a percentage), header rows are frozen, the unit is in the header, widths fit the content. A cell
withheld by disclosure control is left empty but for the footnote marker, explained under the table.
Every text is written with ``write_string`` and neutralised first (:func:`neutralise`), so a name that
looks like a formula stays text in every spreadsheet program.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import xlsxwriter

from leefbaar.reports.model import VOETNOOTTEKEN, Cel, Kolom, Onderdrukt, Rapport, Soort, Tabel

#: Characters that make a spreadsheet program read a text as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_FORMATS = {
    Soort.GETAL: "#,##0",
    Soort.DECIMAAL: "#,##0.0",
    Soort.AANDEEL: "0.0%",
    Soort.PROCENT: '0.0"%"',
    Soort.JAAR: "0",
    Soort.DATUM: "dd-mm-yyyy",
}


def neutralise(value: str) -> str:
    """A text that starts like a formula gets a leading apostrophe, so it is shown, never run."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _width(kolom: Kolom, rijen: tuple[tuple[Cel, ...], ...], index: int) -> int:
    if kolom.breedte:
        return kolom.breedte
    longest = max([len(kolom.kop_met_eenheid)] + [len(str(r[index])) for r in rijen if r[index] is not None])
    return max(8, min(60, longest + 2))


class _Writer:
    def __init__(self, book: Any) -> None:
        self.book = book
        self.kop = book.add_format({"bold": True, "bg_color": "#F0F0F0", "bottom": 1, "text_wrap": True})
        self.titel = book.add_format({"bold": True, "font_size": 13})
        self.tekst = book.add_format({"text_wrap": False, "valign": "top"})
        self.voetnoot = book.add_format({"italic": True, "font_color": "#333333"})
        self.onderdrukt = book.add_format({"bg_color": "#EEEEEE", "align": "center"})
        self.getal = {s: book.add_format({"num_format": f}) for s, f in _FORMATS.items()}

    def cel(self, sheet: Any, row: int, col: int, value: Cel, kolom: Kolom) -> None:
        if isinstance(value, Onderdrukt):
            # Empty of any figure: only the marker, which the footnote explains.
            sheet.write_string(row, col, VOETNOOTTEKEN, self.onderdrukt)
        elif value is None:
            sheet.write_blank(row, col, None)
        elif isinstance(value, str):
            sheet.write_string(row, col, neutralise(value), self.tekst)
        elif isinstance(value, datetime):
            sheet.write_datetime(row, col, value.replace(tzinfo=None), self.getal[Soort.DATUM])
        elif isinstance(value, date):
            sheet.write_datetime(
                row, col, datetime(value.year, value.month, value.day), self.getal[Soort.DATUM]
            )
        else:
            fmt = self.getal.get(kolom.soort, self.getal[Soort.DECIMAAL])
            sheet.write_number(row, col, float(value), fmt)

    def tabel(self, tabel: Tabel, namen: set[str]) -> None:
        naam = _sheet_name(tabel.blad, namen)
        sheet = self.book.add_worksheet(naam)
        sheet.write_string(0, 0, neutralise(tabel.titel), self.titel)
        header = 2
        for c, kolom in enumerate(tabel.kolommen):
            sheet.write_string(header, c, neutralise(kolom.kop_met_eenheid), self.kop)
            sheet.set_column(c, c, _width(kolom, tabel.rijen, c))
        for r, rij in enumerate(tabel.rijen, start=header + 1):
            for c, kolom in enumerate(tabel.kolommen):
                self.cel(sheet, r, c, rij[c], kolom)
        sheet.freeze_panes(header + 1, 1)
        if tabel.rijen:
            sheet.autofilter(header, 0, header + len(tabel.rijen), len(tabel.kolommen) - 1)
        noten = list(tabel.voetnoten)
        if tabel.heeft_onderdrukt:
            noten.insert(
                0,
                f"{VOETNOOTTEKEN} Niet getoond: een klein aantal, of een cijfer waaruit een klein "
                "aantal af te leiden is (onthullingscontrole, net als op de website).",
            )
        for i, noot in enumerate(noten):
            sheet.write_string(header + len(tabel.rijen) + 2 + i, 0, neutralise(noot), self.voetnoot)


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """At most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = "".join(ch for ch in wanted if ch not in "[]:*?/\\")[:31] or "Blad"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def render_xlsx(rapport: Rapport) -> bytes:
    """The report's tables, its sources and its colophon as XLSX bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties(
        {
            "title": rapport.titel,
            "subject": rapport.onderwerp,
            "author": "Leefbaar",
            "comments": f"Leefbaar {rapport.leefbaar_versie}, gegevensversie {rapport.data_versie}",
            "created": rapport.gemaakt_op.replace(tzinfo=None),
        }
    )
    writer = _Writer(book)
    namen: set[str] = set()
    for tabel in rapport.tabellen:
        writer.tabel(tabel, namen)
    writer.tabel(_bronnen(rapport), namen)
    writer.tabel(_colofon(rapport), namen)
    book.close()
    return buffer.getvalue()


def _bronnen(rapport: Rapport) -> Tabel:
    kolommen = (
        Kolom("Bron", breedte=60),
        Kolom("Soort", breedte=24),
        Kolom("Jaar", Soort.GETAL, breedte=8),
        Kolom("Rijen", Soort.GETAL, "aantal", breedte=14),
        Kolom("Geïmporteerd", Soort.DATUM, breedte=14),
    )
    rijen = tuple((b.naam, b.soort, b.jaar, b.rijen, b.geimporteerd) for b in rapport.bronnen)
    return Tabel("Gegevensbronnen en hun peiljaar", "Bronnen", kolommen, rijen)


def _colofon(rapport: Rapport) -> Tabel:
    kolommen = (Kolom("Gegeven", breedte=22), Kolom("Waarde", breedte=70))
    rijen: tuple[tuple[Cel, ...], ...] = (
        ("Titel", rapport.titel),
        ("Gemaakt op (UTC)", rapport.gemaakt_op.strftime("%Y-%m-%d %H:%M")),
        ("Peildatum", rapport.peildatum),
        ("Leefbaar-versie", rapport.leefbaar_versie),
        ("Gegevensversie", rapport.data_versie),
        ("Synthetische gegevens", "ja" if rapport.synthetisch else "nee"),
    )
    return Tabel("Colofon", "Colofon", kolommen, rijen)
