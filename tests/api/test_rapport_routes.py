"""The report downloads through the API and the web pages, on DuckDB and PostgreSQL: media types,
Content-Disposition, Dutch refusals, and the XLSX read back equal to the API's JSON cell for cell
(the gemeente and national workbooks on both backends; the PDF and the corporatie report on DuckDB)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from leefbaar.services import monitor
from tests.services.test_reports import pdf_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_xlsx_equals_the_api_cell_for_cell(client_both: TestClient, tiny_db: str) -> None:
    monitor.run_evaluation(tiny_db, date(2025, 6, 1))
    r = client_both.get("/api/v1/gemeenten/GM0034/rapport?formaat=xlsx")
    assert r.status_code == 200
    assert r.headers["content-type"] == XLSX
    assert (
        r.headers["content-disposition"]
        == 'attachment; filename="stand-van-de-afspraken-GM0034-2025-06-01.xlsx"'
    )
    assert r.headers["API-Version"] == "1.13.0"
    book = openpyxl.load_workbook(io.BytesIO(r.content))

    g = client_both.get("/api/v1/gemeenten/GM0034").json()
    kern = [c.value for c in book["Kerncijfers"][4]]
    w = g["woningen"]
    assert kern == [g["naam"], g["inwoners"], w["totaal"], w["aandeelSociaal"], w["aandeelCorporatie"]]
    assert kern[2:4] == [954, 24.7]  # hand-checked: 236 social rent of 954 dwellings
    assert all(isinstance(v, int | float) for v in kern[1:])

    stand = client_both.get("/api/v1/monitor?scope=gemeente:GM0034").json()
    sheet = book["Afspraken"]
    rows = list(sheet.iter_rows(min_row=4, max_row=3 + len(stand["beoordelingen"]), values_only=True))
    for row, b in zip(rows, stand["beoordelingen"], strict=True):
        assert (row[0], row[1], row[3], row[7]) == (b["titel"], b["status"], b["eenheid"], b["uitleg"])
        for got, want in ((row[2], b.get("waarde")), (row[4], b["doel"]), (row[5], b.get("volledigheid"))):
            assert got == (None if want is None else pytest.approx(want, rel=1e-14))
        assert row[6].date().isoformat() == b["deadline"]  # a real date cell


def test_pdf_through_the_api_and_the_page(client: TestClient) -> None:
    """DuckDB only: the PDF is rendered from the same report model on both backends (the XLSX test
    below proves the model equal to the API on PostgreSQL too); rendering it twice costs the suite."""
    client_both = client
    r = client_both.get("/api/v1/gemeenten/GM0034/rapport")  # pdf is the default
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == 'attachment; filename="stand-van-de-afspraken-GM0034.pdf"'
    assert r.content.startswith(b"%PDF-")
    page = client_both.get("/gemeenten/GM0034/rapport.pdf")
    assert page.status_code == 200 and page.headers["content-type"] == "application/pdf"
    assert page.content == r.content  # one rendering per data version, kept by services.cache
    xlsx = client_both.get("/gemeenten/GM0034/rapport.xlsx")
    assert xlsx.status_code == 200 and xlsx.headers["content-type"] == XLSX


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/api/v1/gemeenten/GM9999/rapport", 404, "Gemeente GM9999 bestaat niet"),  # no such gemeente
        ("/api/v1/gemeenten/GM0034/rapport?formaat=docx", 400, "formaat"),  # 400, not 422 (ADR)
        ("/api/v1/gemeenten/GM0034/rapport?peildatum=gisteren", 400, "peildatum"),
        ("/gemeenten/GM9999/rapport.xlsx", 404, "Gemeente GM9999 bestaat niet"),  # the page's 404
    ],
)
def test_refusals(client_both: TestClient, path: str, status: int, text: str) -> None:
    r = client_both.get(path)
    assert r.status_code == status
    assert text in r.text


def test_gemeente_page_links_the_downloads(client_both: TestClient) -> None:
    html = client_both.get("/gemeenten/GM0034").text
    assert 'id="downloaden-titel">Downloaden</h2>' in html
    assert 'href="/gemeenten/GM0034/rapport.pdf"' in html and 'href="/gemeenten/GM0034/rapport.xlsx"' in html


def test_corporatie_report_equals_the_api(client: TestClient, tiny_duckdb: str, tmp_path: Path) -> None:
    """DuckDB only, as the PDF test: the gemeente and national workbooks are compared on both backends."""
    client_both, tiny_db = client, tiny_duckdb
    monitor.run_evaluation(tiny_db, date(2025, 6, 1))
    r = client_both.get("/api/v1/corporaties/L0001/rapport?formaat=xlsx")
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    assert (
        r.headers["content-disposition"]
        == 'attachment; filename="stand-van-de-afspraken-L0001-2025-06-01.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    c = client_both.get("/api/v1/corporaties/L0001").json()
    v = c["voorraad"]
    assert [x.value for x in book["Voorraad"][4]] == [
        c["naam"],
        c["complexen"],
        v["totaal"],
        v["sociaal"],
        v["midden"],
        v["vrij"],
        v["aandeelSociaal"],
    ]
    slecht = list(
        book["Conditie 5 of 6"].iter_rows(min_row=4, max_row=3 + len(c["slechteConditie"]), values_only=True)
    )
    for row, s in zip(slecht, c["slechteConditie"], strict=True):
        assert row[0] == f"{s['naam']} ({s['complex']})" and row[2] == s["score"] and row[4] == s["woningen"]
        assert row[3].date().isoformat() == s["meetdatum"]
    stand = client_both.get("/api/v1/monitor?scope=corporatie:L0001").json()
    afspraken = list(
        book["Afspraken"].iter_rows(min_row=4, max_row=3 + len(stand["beoordelingen"]), values_only=True)
    )
    assert [(a[0], a[1]) for a in afspraken] == [(b["titel"], b["status"]) for b in stand["beoordelingen"]]

    pdf = client_both.get("/corporaties/L0001/rapport.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.content, tmp_path)
    assert f"Stand van de afspraken — {c['naam']}, peildatum 1 juni 2025" in text
    assert f"{v['aandeelSociaal']:.1f}%".replace(".", ",") in text
    assert client_both.get("/api/v1/corporaties/X1/rapport").status_code == 404
    assert 'href="/corporaties/L0001/rapport.xlsx"' in client_both.get("/corporaties/L0001").text


def test_national_report_counts_every_gemeente(client_both: TestClient, tiny_db: str) -> None:
    monitor.run_evaluation(tiny_db, date(2025, 6, 1))
    r = client_both.get("/api/v1/nederland/rapport?formaat=xlsx")
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    assert (
        r.headers["content-disposition"]
        == 'attachment; filename="stand-van-de-afspraken-nederland-2025-06-01.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    kaart = monitor.status_map(tiny_db)
    assert kaart is not None
    telling = list(
        book["Aantal per status"].iter_rows(min_row=4, max_row=3 + len(kaart.toezeggingen), values_only=True)
    )
    for row, t in zip(telling, kaart.toezeggingen, strict=True):
        assert list(row[1:]) == list(kaart.telling(t.sleutel).values())
        assert sum(row[1:]) == 342  # every gemeente of the 2025 division has one status per commitment
    per_gemeente = {
        row[1]: row[2:] for row in book["Status per gemeente"].iter_rows(min_row=4, values_only=True)
    }
    assert len(per_gemeente) == 342
    assert per_gemeente["GM0034"] == tuple(kaart.status(t.sleutel, "GM0034") for t in kaart.toezeggingen)
    stand = client_both.get("/api/v1/monitor?scope=nationaal").json()
    afspraken = list(
        book["Afspraken"].iter_rows(min_row=4, max_row=3 + len(stand["beoordelingen"]), values_only=True)
    )
    assert [(a[0], a[1]) for a in afspraken] == [(b["titel"], b["status"]) for b in stand["beoordelingen"]]
    assert 'href="/rapport.xlsx"' in client_both.get("/").text
    if tiny_db.startswith("duckdb"):  # the PDF renders the same model: once is enough (about 40 s)
        pdf = client_both.get("/rapport.pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
