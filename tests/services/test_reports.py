"""The per-gemeente report (PDF and XLSX) on the tiny demo, on DuckDB and PostgreSQL.

The figures must be the gemeente page's: the same services feed both (``homes.gemeente_overzicht``,
``monitor.latest_evaluation``, ``areas.gemeente``). Hand-checked figures of Almere (GM0034) in the
tiny demo: 954 dwellings, 236 of them social rent (229 of the association plus 7 other), 236 / 954 =
24,7%; the target of 30% needs 0.3 * 954 - 236 = 50.2, so 51 more.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from leefbaar.services import areas, buurtkamers, homes, investments, monitor, reports, restructuring, vhf
from tests.storage_fixtures import BACKENDS, Templates, postgres_server_url

PEILDATUM = date(2025, 6, 1)


@pytest.fixture(scope="module", params=BACKENDS)
def evaluated(
    request: pytest.FixtureRequest, templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The tiny demo with one stored monitor run on 1 June 2025; the reports only read it."""
    backend = request.param
    if backend == "postgres" and postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    url = templates.fresh(backend, "tiny", tmp_path_factory.mktemp("reports"))
    monitor.run_evaluation(url, date(2025, 1, 1))
    monitor.run_evaluation(url, PEILDATUM)
    yield url
    templates.drop(backend, url)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext ontbreekt: installeer poppler-utils (scripts/system-deps.sh)")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    # One space for every run of white space: a table cell may wrap over lines.
    return " ".join(out.stdout.decode("utf-8").split())


def pdf_objects(data: bytes) -> bytes:
    """The PDF's bytes with every compressed stream inflated (object streams hold the catalog)."""
    parts = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_pdf_holds_the_page_figures(evaluated: str, tmp_path: Path) -> None:
    rendered = reports.gemeente_rapport(evaluated, "GM0034", "pdf")
    assert rendered.media_type == "application/pdf"
    assert rendered.bestandsnaam == "stand-van-de-afspraken-GM0034-2025-06-01.pdf"
    text = pdf_text(rendered.inhoud, tmp_path)
    assert "Stand van de afspraken — gemeente Almere, peildatum 1 juni 2025" in text
    assert "deze database bevat synthetische demonstratiegegevens" in text
    # The 30% table: the sentence of the gemeente page, with the hand-checked figures.
    assert "236 van de 954 woningen zijn sociale huur: 24,7% (doel 30%, peildatum 1 januari 2025)" in text
    assert "Tekort: 51 woningen" in text
    # The same figures as the services that feed the page.
    page = homes.gemeente_overzicht(evaluated, "GM0034", "PV24")
    assert page["sociaal"]["sociale_huur"] == 236 and page["sociaal"]["woningen"] == 954
    run = monitor.latest_evaluation(evaluated, monitor.parse_scope("gemeente:GM0034"))
    assert run is not None and run.peildatum == PEILDATUM
    # A long code may break over two lines of its cell, and pdftotext drops the hyphen at a line's end.
    bare = "".join(text.split()).replace("-", "")
    for b in run.beoordelingen:
        assert "".join(b.uitleg.split()).replace("-", "") in bare  # every Dutch explanation, whole
    g = areas.gemeente(evaluated, "GM0034")
    assert g is not None and f"{g['inwoners']:,}".replace(",", ".") in text
    assert "Gegevensversie" in text and "Leefbaar-versie" in text
    assert re.search(r"Pagina 1 van \d+", text)
    # The verdicts table runs over several pages; its header row is repeated on each of them.
    assert text.count("Afspraak Status") >= 2


def test_pdf_is_tagged_dutch_with_its_title(evaluated: str) -> None:
    data = reports.gemeente_rapport(evaluated, "GM0034", "pdf").inhoud
    objects = pdf_objects(data)
    assert b"/Lang (nl)" in objects
    assert b'pdfuaid:part="1"' in objects  # PDF/UA-1
    assert b"/StructTreeRoot" in objects  # tagged: selectable, structured text
    title = "Stand van de afspraken — gemeente Almere, peildatum 1 juni 2025"
    assert f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}'.encode() in objects or (
        title.encode("utf-16-be") in objects
    )


def test_peildatum_picks_the_run_on_or_before_it(evaluated: str) -> None:
    model = reports.gemeente_model(evaluated, "GM0034", date(2025, 3, 1))
    assert model.peildatum == date(2025, 1, 1)
    assert model.bestandsnaam == "stand-van-de-afspraken-GM0034-2025-01-01"


def test_xlsx_cells_equal_the_service_figures(evaluated: str) -> None:
    rendered = reports.gemeente_rapport(evaluated, "gm0034", "xlsx")
    assert rendered.bestandsnaam == "stand-van-de-afspraken-GM0034-2025-06-01.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(rendered.inhoud))
    assert book.sheetnames[-2:] == ["Bronnen", "Colofon"]
    assert {"Kerncijfers", "Afspraken", "Sociale huur", "Eerlijke verdeling", "Instrumenten"} <= set(
        book.sheetnames
    )

    kern = book["Kerncijfers"]
    g = areas.gemeente(evaluated, "GM0034")
    assert g is not None
    assert [c.value for c in kern[4]] == ["Almere", g["inwoners"], 954, 24.7, g["corporatie_pct"]]

    sociaal = book["Sociale huur"]
    assert [c.value for c in sociaal[3]] == [
        "Jaar",
        "Sociale huur (woningen)",
        "Woningen (aantal)",
        "Aandeel (%)",
    ]
    assert sociaal["A4"].value == 2025 and sociaal["B4"].value == 236 and sociaal["C4"].value == 954
    assert sociaal["D4"].value == pytest.approx(236 / 954) and sociaal["D4"].number_format == "0.0%"

    afspraken = book["Afspraken"]
    run = monitor.latest_evaluation(evaluated, monitor.parse_scope("gemeente:GM0034"))
    assert run is not None
    for row, b in zip(
        afspraken.iter_rows(min_row=4, max_row=3 + len(run.beoordelingen)), run.beoordelingen, strict=True
    ):
        titel, status, waarde, eenheid, doel, volledigheid, deadline, uitleg = (c.value for c in row)
        assert (titel, status, eenheid, uitleg) == (b.titel, b.status.value, b.eenheid, b.uitleg)
        for got, want in ((waarde, b.waarde), (doel, b.doel), (volledigheid, b.volledigheid)):
            # Equal to the 15 significant digits a spreadsheet keeps; unknown stays empty.
            assert got == (None if want is None else pytest.approx(want, rel=1e-14))
        assert deadline == datetime(b.deadline.year, b.deadline.month, b.deadline.day)
        for cell in (row[2], row[4]):
            assert cell.value is None or cell.data_type == "n"  # real numbers, never text
    assert afspraken.freeze_panes == "B4"


def test_money_and_outcomes_sheet_equals_the_page_section(evaluated: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(reports.gemeente_rapport(evaluated, "GM0363", "xlsx").inhoud))
    sheet = book["Geld en resultaat"]
    overview = investments.gemeente(evaluated, "GM0363")
    assert overview.jaar is not None and len(overview.regels) == 6
    for row, r in zip(sheet.iter_rows(min_row=4, max_row=9), overview.regels, strict=True):
        got = [c.value for c in row]
        assert got[:2] == [r.naam, r.requirement]
        assert got[2] == pytest.approx(r.extra_eur) and got[3] == (
            None if r.gemeente_zelf_eur is None else pytest.approx(r.gemeente_zelf_eur)
        )
        assert got[4:6] == [r.met_risico, r.opgelost]
    # The fund, the buurtkamers and the restructuring plans: the page's rows, one per grant, room, plan.
    fonds = vhf.gemeente(evaluated, "GM0363")
    kamers = buurtkamers.van_gemeente(evaluated, "GM0363")
    plannen = restructuring.gemeente(evaluated, "GM0363")
    assert fonds is not None and kamers and plannen
    for blad, want in (
        ("Volkshuisvestingsfonds", [b["gebied"] for b in fonds["bijdragen"]]),
        ("Buurtkamers", [k["naam"] for k in kamers]),
        ("Herstructurering", [p.naam for p in plannen]),
    ):
        assert [row[0] for row in book[blad].iter_rows(min_row=4, values_only=True) if row[0]] == want, blad


def test_suppressed_cells_never_carry_a_figure(evaluated: str, tmp_path: Path) -> None:
    page = homes.gemeente_overzicht(evaluated, "GM0034", "PV24")
    rijen = page["verdeling"]["rijen"]
    hidden = [
        (i, k) for i, r in enumerate(rijen) for k in ("doel", "gerealiseerd", "afwijking") if r[k] is None
    ]
    assert hidden  # Almere's allocations in the tiny demo are small counts: they are withheld
    book = openpyxl.load_workbook(io.BytesIO(reports.gemeente_rapport(evaluated, "GM0034", "xlsx").inhoud))
    sheet = book["Eerlijke verdeling"]
    columns = {"doel": 2, "gerealiseerd": 3, "afwijking": 4}
    for i, key in hidden:
        assert sheet.cell(row=4 + i, column=columns[key]).value == "*"
    footnotes = [sheet.cell(row=r, column=1).value for r in range(4 + len(rijen), 12 + len(rijen))]
    assert any(str(f).startswith("* Niet getoond") for f in footnotes if f)
    text = pdf_text(reports.gemeente_rapport(evaluated, "GM0034", "pdf").inhoud, tmp_path)
    assert text.count("niet getoond*") == len(hidden)


@pytest.mark.parametrize(
    ("code", "formaat", "message"),
    [
        ("GM9999", "pdf", "Gemeente GM9999 bestaat niet"),  # a well-formed code of no gemeente
        ("buurt", "pdf", "Gemeente BUURT bestaat niet"),  # not a gemeente code at all
        ("GM0034", "docx", "Onbekend formaat 'docx'"),
    ],
)
def test_refusals_are_dutch(evaluated: str, code: str, formaat: str, message: str) -> None:
    with pytest.raises(reports.RapportFout, match=message):
        reports.gemeente_rapport(evaluated, code, formaat)
