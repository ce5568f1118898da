"""The pure renderers on a hand-made report: formula-like text neutralised, numbers and dates typed,
suppressed cells empty but for the marker, the SVG map's geometry, Dutch writing of values."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from leefbaar.reports import (
    Bron,
    Kolom,
    Onderdrukt,
    Rapport,
    Sectie,
    Soort,
    Tabel,
    neutralise,
    render_svg_map,
    render_xlsx,
)
from leefbaar.reports.text import cel


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),  # a formula
        ("+31 20 123", "'+31 20 123"),  # a plus sign starts a formula too
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("Woonstichting Merhof", "Woonstichting Merhof"),  # ordinary text stays as it is
        ("", ""),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@pytest.mark.parametrize(
    ("value", "soort", "expected"),
    [
        (1234567, Soort.GETAL, "1.234.567"),
        (0.24737945, Soort.AANDEEL, "24,7%"),  # a fraction, as the 30% table gives it
        (24.7, Soort.PROCENT, "24,7%"),  # already a percentage, as the API gives it
        (27.1, Soort.DECIMAAL, "27,1"),
        (20.0, Soort.DECIMAAL, "20"),  # trailing zeros dropped, as the verdicts write values
        (2025, Soort.JAAR, "2025"),  # no thousands separator in a year
        (date(2025, 6, 1), Soort.DATUM, "1 juni 2025"),
        (None, Soort.GETAL, "–"),
        (Onderdrukt("primair: minder dan 5"), Soort.GETAL, "niet getoond*"),
    ],
)
def test_cel(value: object, soort: Soort, expected: str) -> None:
    assert cel(value, soort) == expected  # type: ignore[arg-type]


def _rapport() -> Rapport:
    tabel = Tabel(
        "Toewijzingen",
        "Toewijzingen",
        (Kolom("Partij"), Kolom("Aantal", Soort.GETAL, "toewijzingen"), Kolom("Sinds", Soort.DATUM)),
        (
            ("=1+2", 12, date(2024, 3, 1)),  # a formula-like name in the data
            ("Gewone naam", Onderdrukt("primair: minder dan 5"), None),
        ),
    )
    return Rapport(
        titel="Proef",
        onderwerp="Proef",
        bestandsnaam="proef",
        peildatum=date(2025, 6, 1),
        synthetisch=True,
        secties=(Sectie("Eerste", tabellen=(tabel,)),),
        bronnen=(Bron("CBS", "gebieden", 2024, 10, datetime(2025, 1, 2, 3, 4)),),
        gemaakt_op=datetime(2026, 12, 7, 20, 0),
        leefbaar_versie="0.1.0",
        data_versie="1.2.3",
    )


def test_xlsx_types_neutralised_text_and_suppressed_cells() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(_rapport())))
    assert book.sheetnames == ["Toewijzingen", "Bronnen", "Colofon"]
    sheet = book["Toewijzingen"]
    assert sheet["A3"].value == "Partij"
    assert sheet["B3"].value == "Aantal (toewijzingen)"  # the unit in the header
    assert sheet.freeze_panes == "B4"  # header rows frozen (and the first column)
    # The formula-like name is text, shown with its apostrophe; no cell holds a formula.
    assert sheet["A4"].value == "'=1+2" and sheet["A4"].data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet["B4"].value == 12 and sheet["B4"].data_type == "n"
    assert sheet["C4"].value == datetime(2024, 3, 1) and sheet["C4"].is_date
    # The suppressed cell holds the marker only; the footnote under the table explains it.
    assert sheet["B5"].value == "*"
    assert sheet["C5"].value is None
    assert sheet["A7"].value.startswith("* Niet getoond")
    bronnen = book["Bronnen"]
    assert [c.value for c in bronnen[4]] == ["CBS", "gebieden", 2024, 10, datetime(2025, 1, 2, 3, 4)]
    assert book.properties.title == "Proef"


def test_svg_map_scales_to_width_and_names_each_area() -> None:
    # A square of 1 by 1 degree at latitude 60 (cos 60° = 0.5): 600 wide becomes 1200 high.
    square = {"type": "Polygon", "coordinates": [[[5, 59.5], [6, 59.5], [6, 60.5], [5, 60.5], [5, 59.5]]]}
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": square, "properties": {"naam": "A & B"}}],
    }
    svg = render_svg_map(collection, "Kaart van <test>")
    assert svg is not None
    assert 'viewBox="0 0 600 1200"' in svg
    assert "M0.0,1200.0 L600.0,1200.0 L600.0,0.0 L0.0,0.0 L0.0,1200.0 Z" in svg
    assert "<title>A &amp; B</title>" in svg and 'aria-label="Kaart van &lt;test&gt;"' in svg
    assert render_svg_map({"type": "FeatureCollection", "features": []}, "leeg") is None


def test_csv_semicolon_bom_decimal_comma_and_neutralised_text() -> None:
    from leefbaar.reports import render_csv

    data = render_csv(
        ["naam", "waarde", "datum", "aantal"],
        [("=1+2", 27.148847579956055, date(2025, 6, 1), Onderdrukt()), ("a;b", 20.0, None, 3)],
    )
    assert data.decode("utf-8") == (
        "\ufeffnaam;waarde;datum;aantal\r\n"
        "'=1+2;27,148847579956055;2025-06-01;\r\n"  # the withheld count leaves an empty field
        '"a;b";20;;3\r\n'  # a separator inside a text is quoted
    )
