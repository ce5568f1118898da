"""XLSX and Parquet files go through the same validation as CSV (both backends)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import text

from leefbaar.domain.imports import ImportOptions, ImportStatus
from leefbaar.services.imports import import_file
from leefbaar.storage.engine import get_engine

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"
OPTIONS = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025)


def _base(url: str) -> None:
    for kind in ("gebieden", "partijen", "complexen"):
        assert import_file(url, kind, EXAMPLES / f"{kind}.csv", OPTIONS).status is ImportStatus.IMPORTED


def test_xlsx_conditiemetingen_with_real_dates_and_numbers(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["corporatie_id", "complexnummer", "element", "score", "vervangingswaarde_eur", "meetdatum"])
    sheet.append(["L0001", "1043", None, 4, None, date(2025, 3, 14)])
    sheet.append(["L0001", "1043", "dak", 5, 125000.5, date(2025, 3, 14)])
    path = tmp_path / "metingen.xlsx"
    book.save(path)
    result = import_file(empty_db, "conditiemetingen", path, OPTIONS)
    assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
    with get_engine(empty_db).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT element, score, vervangingswaarde_eur, meetdatum, methode "
                "FROM conditiemeting ORDER BY score"
            )
        ).all()
    assert [(r[0], r[1], None if r[2] is None else float(r[2]), r[3], r[4]) for r in rows] == [
        (None, 4, None, date(2025, 3, 14), "NEN 2767"),
        ("dak", 5, 125000.5, date(2025, 3, 14), "NEN 2767"),
    ]


def test_xlsx_with_an_error_names_the_sheet_row(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["corporatie_id", "complexnummer", "element", "score", "vervangingswaarde_eur", "meetdatum"])
    sheet.append(["L0001", "1043", None, 3, None, date(2025, 3, 14)])
    sheet.append(["L0001", "1043", "gevel", 9, None, date(2025, 3, 14)])
    path = tmp_path / "metingen.xlsx"
    book.save(path)
    result = import_file(empty_db, "conditiemetingen", path, OPTIONS)
    assert result.status is ImportStatus.REJECTED
    assert (result.errors[0].row, result.errors[0].column) == (3, "score")


def test_parquet_investeringen(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    path = tmp_path / "investeringen.parquet"
    pq.write_table(
        pa.table(
            {
                "partij_id": ["L0001", "L0001"],
                "jaar": pa.array([2024, 2025], pa.int32()),
                "thema": ["lood", "asbest"],
                "soort": ["extra", "regulier"],
                "bedrag_eur": [1500.25, 320000.0],
            }
        ),
        path,
    )
    result = import_file(empty_db, "investeringen", path, OPTIONS)
    assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
    with get_engine(empty_db).connect() as conn:
        total = conn.execute(text("SELECT sum(bedrag_eur) FROM investering")).scalar_one()
    assert float(total) == 321500.25
