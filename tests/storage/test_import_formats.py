"""XLSX and Parquet files go through the same validation as CSV (both backends)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import text

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services.imports import import_file, import_source_file
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
                "gemeentecode": ["GM0363", "GM0363"],
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


def test_parquet_doubles_are_read_as_numbers_not_as_notations(empty_db: str, tmp_path: Path) -> None:
    # As text 12.345 reads like "12 thousand 345" and 2.5e10 is no amount at all; as doubles they are
    # plain numbers: 12.35 euro (to the cent) and 25 billion.
    _base(empty_db)
    path = tmp_path / "investeringen.parquet"
    amounts = [12.345, 2.5e10, 0.5]
    pq.write_table(
        pa.table(
            {
                "partij_id": ["L0001"] * 3,
                "gemeentecode": ["GM0363"] * 3,
                "jaar": [2023, 2024, 2025],  # int64
                "thema": ["lood"] * 3,
                "soort": ["extra"] * 3,
                "bedrag_eur": amounts,
            }
        ),
        path,
    )
    result = import_file(empty_db, "investeringen", path, OPTIONS)
    assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
    with get_engine(empty_db).connect() as conn:
        stored = conn.execute(text("SELECT bedrag_eur FROM investering ORDER BY jaar")).scalars().all()
    assert [f"{v:.2f}" for v in stored] == ["12.35", "25000000000.00", "0.50"]


KWB_ODATA = "ID;WijkenEnBuurten;Codering_3;AantalInwoners_5;Koopwoningen_40\n1;x;BU0363AA01;1234;45\n2;y;GM0363;       .;12,5\n"
KWB_STATLINE = (
    "Wijken en buurten;Regioaanduiding/Codering (code);Bevolking/Aantal inwoners (aantal);"
    "Wonen/Koopwoningen (%)\nx;BU0363AA01;1234;45\ny;GM0363;.;12,5\n"
)


def _indicators(url: str, jaar: int) -> list[tuple[str, str, float | None]]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT regiocode, indicator, waarde FROM gebiedsindicator WHERE jaar = :j "
                "ORDER BY regiocode, indicator"
            ),
            {"j": jaar},
        ).all()
    return [(r[0], r[1], None if r[2] is None else float(r[2])) for r in rows]


def test_cbs_kwb_names_indicators_alike_for_odata_statline_and_parquet(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    odata, statline = tmp_path / "kwb_odata.csv", tmp_path / "kwb_statline.csv"
    odata.write_text(KWB_ODATA, encoding="utf-8")
    statline.write_text(KWB_STATLINE, encoding="utf-8")
    parquet = tmp_path / "kwb.parquet"
    pq.write_table(
        pa.table(
            {
                "Codering_3": ["BU0363AA01", "GM0363"],
                "AantalInwoners_5": [1234, None],
                "Koopwoningen_40": [45.0, 12.5],
            }
        ),
        parquet,
    )
    # CBS's names without the numeric suffix, in CBS's spelling: the names other parts look up.
    expected = [
        ("BU0363AA01", "AantalInwoners", 1234.0),
        ("BU0363AA01", "Koopwoningen", 45.0),
        ("GM0363", "AantalInwoners", None),
        ("GM0363", "Koopwoningen", 12.5),
    ]
    for jaar, path in ((2022, odata), (2023, statline), (2024, parquet)):
        result = import_source_file(empty_db, "cbs-kwb", path, OPTIONS, jaar=jaar)
        assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
        assert _indicators(empty_db, jaar) == expected, path.name


def test_the_converter_example_files_import(empty_db: str) -> None:
    """The official-file examples in examples/import, in the order a user would load them."""

    def load(kind: str, name: str, indelingsjaar: int | None, jaar: int | None = None) -> int:
        options = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=indelingsjaar)
        result = import_source_file(empty_db, kind, EXAMPLES / name, options, jaar=jaar)
        assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
        return result.rows

    assert load("cbs-gebiedscodes", "cbs-gebiedscodes.csv", None) == 2  # the year comes from the header
    assert load("cbs-kwb-gebieden", "cbs-kwb.csv", 2024) == 4
    load("cbs-kwb", "cbs-kwb.csv", 2024, jaar=2024)
    assert load("pdok-grenzen", "pdok-grenzen.geojson", 2024) == 2  # codes without BU get it by length
    # Inhabitants straight from the example file (an independent route: the csv module).
    with open(EXAMPLES / "cbs-kwb.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    expected = {
        r["Regioaanduiding/Codering (code)"].strip(): float(r["Bevolking/Aantal inwoners (aantal)"])
        for r in rows
    }
    with get_engine(empty_db).connect() as conn:
        regions = conn.execute(
            text("SELECT code, naam, indelingsjaar FROM regio ORDER BY indelingsjaar, code")
        ).all()
        inwoners = dict(
            conn.execute(
                text("SELECT regiocode, waarde FROM gebiedsindicator WHERE indicator = 'AantalInwoners'")
            ).all()
        )
        grenzen = conn.execute(text("SELECT code FROM regio_geometrie ORDER BY code")).scalars().all()
    assert [tuple(r) for r in regions] == [
        ("BU0363AA01", "Planciusbuurt-Noord", 2024),
        ("BU0363AA02", "Westelijke eilanden", 2024),
        ("GM0363", "Amsterdam", 2024),
        ("WK0363AA", "Haarlemmerbuurt", 2024),
        ("GM0363", "Amsterdam", 2025),
        ("GM0599", "Rotterdam", 2025),
    ]
    assert {code: float(v) for code, v in inwoners.items()} == expected
    assert grenzen == ["BU0363AA01", "BU0363AA02"]


def test_cbs_kwb_keeps_the_first_of_two_columns_that_differ_only_in_case(
    empty_db: str, tmp_path: Path
) -> None:
    _base(empty_db)
    path = tmp_path / "kwb.csv"
    path.write_text("Codering_3;Koopwoningen_40;koopwoningen_41\nBU0363AA01;45;99\n", encoding="utf-8")
    result = import_source_file(empty_db, "cbs-kwb", path, OPTIONS, jaar=2024)
    assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
    assert _indicators(empty_db, 2024) == [("BU0363AA01", "Koopwoningen", 45.0)]
    assert any("koopwoningen_41" in note and "komt al eerder voor" in note for note in result.notes)
