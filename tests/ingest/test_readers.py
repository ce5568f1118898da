"""Reading import files into text columns: separators, encodings, damaged files (no database)."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from leefbaar.ingest.readers import ROW_COLUMN, read_table_file
from leefbaar.ingest.vocabulary import FileError


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        b"a;b\n1;2\n3;4\n",  # semicolon, LF
        b"a,b\r\n1,2\r\n3,4\r\n",  # comma, CRLF
        b"\xef\xbb\xbfa;b\n1;2\n3;4\n",  # UTF-8 with BOM
        b"a;b\n1;2\n3;4\n\n\n",  # trailing empty lines are not rows
        b"A ; B\n1;2\n3;4",  # header case and spaces, no final newline
    ],
)
def test_csv_variants_read_the_same(tmp_path: Path, data: bytes) -> None:
    read = read_table_file(_write(tmp_path, "f.csv", data))
    assert read.table.column_names == ["a", "b", ROW_COLUMN]
    assert read.table.column("a").to_pylist() == ["1", "3"]
    assert read.table.column("b").to_pylist() == ["2", "4"]
    # Row numbers are file lines: header is line 1.
    assert read.table.column(ROW_COLUMN).to_pylist() == [2, 3]
    assert read.invalid_row_count == 0


def test_quoted_separator_stays_in_value(tmp_path: Path) -> None:
    read = read_table_file(_write(tmp_path, "f.csv", b'groepen;b\n"dakloos;statushouder";2\n'))
    assert read.table.column("groepen").to_pylist() == ["dakloos;statushouder"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "leeg"),  # empty file
        (b"   \n", "leeg"),  # only white space
        (b"a;b\n", "alleen een kopregel"),  # header only
        (b"a;b\n1;2\nCaf\xe9;3\n", "geen UTF-8"),  # Latin-1 byte in row 3
        (b"a;a\n1;2\n", "twee keer"),  # duplicate column name
        (b"a;;c\n1;2;3\n", "geen naam"),  # empty column name
        ("a;b\n1;2\n".encode("utf-16"), "UTF-16"),  # Excel's 'Unicode text' (with its byte order mark)
        ("a;b\n1;2\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "UTF-16"),  # big-endian
    ],
)
def test_unreadable_files_give_one_clear_error(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(FileError) as caught:
        read_table_file(_write(tmp_path, "f.csv", data))
    assert reason in caught.value.error.reason
    assert caught.value.error.file == "f.csv"


def test_latin1_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(FileError) as caught:
        read_table_file(_write(tmp_path, "f.csv", b"a;b\n1;2\nCaf\xe9;3\n"))
    assert caught.value.error.row == 3


def test_a_closed_value_over_two_lines_with_a_column_too_many(tmp_path: Path) -> None:
    read = read_table_file(_write(tmp_path, "f.csv", b'a;b\n1;"x\ny";9\n2;3\n'))
    assert read.invalid_row_count == 1
    error = read.invalid_rows[0]
    assert (error.row, error.value) == (2, '1;"x')
    assert (
        error.reason
        == "een waarde tussen aanhalingstekens loopt over 2 regels; 2 kolommen verwacht, 3 gevonden"
    )


def test_truncated_file_names_row_and_column_counts(tmp_path: Path) -> None:
    read = read_table_file(_write(tmp_path, "f.csv", b"a;b;c\n1;2;3\n4;5;6\n7;8"))
    assert read.invalid_row_count == 1
    error = read.invalid_rows[0]
    assert error.row == 4
    assert "3 kolommen verwacht, 2 gevonden" in error.reason


def test_empty_line_in_the_middle_keeps_row_numbers(tmp_path: Path) -> None:
    # An empty line is an empty row (the required-column checks name it); later rows keep their line number.
    read = read_table_file(_write(tmp_path, "f.csv", b"a;b\n1;2\n\n3;4\n"))
    assert read.table.column("a").to_pylist() == ["1", "", "3"]
    assert read.table.column(ROW_COLUMN).to_pylist() == [2, 3, 4]


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="wordt niet ondersteund"):
        read_table_file(_write(tmp_path, "f.ods", b"x"))


def test_xlsx_first_sheet_as_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Code", "Datum", "Aantal"])
    sheet.append(["GM0363", datetime.date(2025, 1, 5), 3])
    sheet.append(["GM0599", "2025-02-01", 4.5])
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    read = read_table_file(path)
    assert read.table.column_names == ["code", "datum", "aantal", ROW_COLUMN]
    assert read.table.column("code").to_pylist() == ["GM0363", "GM0599"]
    assert read.table.column("datum").to_pylist()[1] == "2025-02-01"
    assert read.table.column("datum").to_pylist()[0].startswith("2025-01-05")
    assert read.table.column("aantal").to_pylist() == ["3", "4.5"]
    assert read.table.column(ROW_COLUMN).to_pylist() == [2, 3]


def test_parquet_typed_columns_become_text(tmp_path: Path) -> None:
    path = tmp_path / "f.parquet"
    pq.write_table(
        pa.table({"code": ["GM0363"], "datum": pa.array([datetime.date(2025, 3, 1)]), "n": pa.array([7])}),
        path,
    )
    read = read_table_file(path)
    assert read.table.column("datum").to_pylist() == ["2025-03-01"]
    assert read.table.column("n").to_pylist() == ["7"]


def test_hash_identifies_the_file_bytes(tmp_path: Path) -> None:
    first = read_table_file(_write(tmp_path, "a.csv", b"a;b\n1;2\n"))
    same = read_table_file(_write(tmp_path, "b.csv", b"a;b\n1;2\n"))
    other = read_table_file(_write(tmp_path, "c.csv", b"a;b\n1;3\n"))
    assert first.sha256 == same.sha256 != other.sha256
