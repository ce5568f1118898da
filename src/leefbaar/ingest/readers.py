"""Read an import file into an Arrow table of text columns, or say in Dutch why it cannot be read.

Supported: CSV with ``;`` or ``,`` (or tab) as separator, UTF-8 with or without BOM; XLSX (first
sheet); Parquet. Every value arrives as text: typing and checking is the import executor's job, so
that one set of rules applies whatever the file format. The data row that was line N of the file
(header = line 1) is row N in every message.
"""

from __future__ import annotations

import csv
import hashlib
import io
import mmap
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from leefbaar.ingest.vocabulary import FileError, RowError

ROW_COLUMN = "__rij"
_DELIMITERS = (";", ",", "\t")
_MAX_SHOWN = 20

#: Limits checked before a file is parsed, so a small file cannot take the server's memory: the widest
#: CBS table has a few hundred columns, the national dwelling file 8.1 million rows.
MAX_COLUMNS = 1_000
MAX_ROWS = 10_000_000
#: An XLSX is a zip archive: its unpacked size, not its file size, is what reading it costs.
MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_PARQUET_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024


def _too_many_columns(name: str, count: int) -> FileError:
    return FileError.whole_file(
        name,
        f"het bestand heeft {count:,} kolommen; ten hoogste {MAX_COLUMNS:,} zijn toegestaan".replace(
            ",", "."
        ),
    )


def _too_many_rows(name: str, count: int) -> FileError:
    return FileError.whole_file(
        name,
        f"het bestand heeft meer dan {MAX_ROWS:,} rijen ({count:,}); splits het bestand".replace(",", "."),
    )


@dataclass(frozen=True)
class ReadFile:
    """A file read into text columns, plus what the import log records about it."""

    name: str
    sha256: str
    table: pa.Table  # all columns pa.string(), plus ROW_COLUMN (int64): the row number users see
    invalid_rows: tuple[RowError, ...] = ()
    invalid_row_count: int = 0
    #: The column names as written in the file, in table order (the table's names are lowercased).
    headers: tuple[str, ...] = ()


#: File contents: bytes, or a read-only memory map of the file (CSV, see ``_map_csv``).
Contents = bytes | mmap.mmap


def sha256_of(data: Contents) -> str:
    return hashlib.sha256(data).hexdigest()


def read_table_file(path: Path, display_name: str | None = None) -> ReadFile:
    """Read CSV, XLSX or Parquet by extension."""
    name = display_name or path.name
    suffix = path.suffix.lower()
    readers: dict[str, Callable[[Path], ReadFile]] = {
        ".csv": lambda p: read_csv_bytes(_map_csv(p), name),
        ".txt": lambda p: read_csv_bytes(_map_csv(p), name),
        ".tsv": lambda p: read_csv_bytes(_map_csv(p), name),
        ".xlsx": lambda p: read_xlsx_bytes(p.read_bytes(), name),
        ".xlsm": lambda p: read_xlsx_bytes(p.read_bytes(), name),
        ".parquet": lambda p: read_parquet_bytes(p.read_bytes(), name),
    }
    if suffix not in readers:
        raise FileError.whole_file(
            name, f"bestandstype '{suffix}' wordt niet ondersteund: gebruik CSV, XLSX of Parquet"
        )
    try:
        return readers[suffix](path)
    except OSError as exc:
        raise FileError.whole_file(name, f"bestand kan niet worden gelezen: {exc.strerror}") from exc


def _map_csv(path: Path) -> Contents:
    """The file mapped into memory: no copy of a national file (0.2 s for 190 MB) before parsing.

    The parser copies every value into its own arrays; the map is released with its last reference.
    """
    with open(path, "rb") as handle:
        if path.stat().st_size == 0:
            return b""  # an empty file cannot be mapped
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def read_csv_bytes(data: Contents, name: str) -> ReadFile:
    # Hashing and counting quotes release the GIL: they run beside the (multi-threaded) parse.
    with ThreadPoolExecutor(max_workers=2) as pool:
        digest = pool.submit(sha256_of, data)
        quotes = pool.submit(_quote_count, data)
        try:
            table, invalid, written, delimiter, body = _parse_csv(data, name)
        except FileError:
            _require_closed_quotes(data, quotes.result(), name)
            raise
        _require_closed_quotes(data, quotes.result(), name)
    errors = _invalid_row_errors(body, invalid, len(written), delimiter, name) if invalid else ()
    return ReadFile(name, digest.result(), _with_row_numbers(table), errors, len(invalid), written)


def _quote_count(data: Contents) -> int:
    """The number of double quotes in the file (numpy over the bytes, in blocks: no copy of the file)."""
    values = np.frombuffer(data, dtype=np.uint8)
    block = 1 << 24
    return sum(int(np.count_nonzero(values[i : i + block] == 0x22)) for i in range(0, values.size, block))


def _require_closed_quotes(data: Contents, quotes: int, name: str) -> None:
    """An odd number of quotes means one is never closed: the parser would take the rest of the file
    (or the next lines) as one value, possibly without a column count to give it away."""
    if quotes % 2 == 0:
        return
    opened, parity = 1, 0
    lines = bytes(data).split(b"\n")
    for number, line in enumerate(lines, start=1):  # only on this error path
        if line.count(b'"') % 2:
            parity ^= 1
            if parity:
                opened = number
    text = lines[opened - 1].rstrip(b"\r").decode("utf-8", errors="replace")
    raise FileError(
        RowError(
            name,
            opened,
            None,
            text[:80] or None,
            'een aanhalingsteken (") wordt niet gesloten: de rest van het bestand zou één waarde worden',
        )
    )


def _parse_csv(data: Contents, name: str) -> tuple[pa.Table, list[str], tuple[str, ...], str, bytes]:
    # The BOM and final line breaks (not an empty data row) are cut off by position: slicing a
    # national file would copy it. ``body`` is made (a copy) only on the error path.
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FileError.whole_file(
            name,
            "het bestand is UTF-16 ('Unicode-tekst' uit Excel); sla het op als 'CSV UTF-8' en probeer opnieuw",
        )
    start = 3 if data[:3] == b"\xef\xbb\xbf" else 0
    end = len(data)
    while end > start and data[end - 1] in b"\r\n":
        end -= 1
    first_break = data.find(b"\n", start, end)
    header_end = end if first_break < 0 else first_break
    if not data[start:header_end].strip() and not data[start:end].strip():
        raise FileError.whole_file(name, "het bestand is leeg")
    try:
        header_line = data[start:header_end].rstrip(b"\r").decode("utf-8")
    except UnicodeDecodeError:
        _require_utf8(data[start:end], name)
        raise
    delimiter = _sniff_delimiter(header_line)
    columns = _count_fields(header_line, delimiter)
    if columns > MAX_COLUMNS:
        raise _too_many_columns(name, columns)
    header = next(csv.reader([header_line], delimiter=delimiter))
    names = _clean_header(header, name)
    if first_break < 0:
        raise FileError.whole_file(name, "het bestand bevat alleen een kopregel en geen gegevens")
    lines = _line_count(data, start, end)
    if lines - 1 > MAX_ROWS:
        raise _too_many_rows(name, lines - 1)
    content = pa.py_buffer(data).slice(start, end - start)
    invalid: list[str] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append(row.text)
        return "skip"

    # The common case first: a well-formed file parses fastest without a Python row handler. Only
    # when Arrow reports a damaged row is the file read again, collecting every such row.
    try:
        table = _arrow_read(content, names, delimiter, None)
    except pa.ArrowInvalid as first:
        if "UTF8" in str(first) or "utf8" in str(first).lower():
            _require_utf8(data[start:end], name)
        try:
            table = _arrow_read(content, names, delimiter, on_invalid)
        except pa.ArrowInvalid as exc:
            raise FileError.whole_file(
                name, f"het bestand is geen geldige CSV (afgebroken of verkeerd aangehaald?): {exc}"
            ) from exc
    body = data[start:end] if invalid else b""
    return table, invalid, _written(header), delimiter, body


def _arrow_read(
    data: pa.Buffer, names: list[str], delimiter: str, handler: Callable[[pacsv.InvalidRow], str] | None
) -> pa.Table:
    return pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(skip_rows=1, column_names=names, block_size=1 << 24),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, invalid_row_handler=handler, ignore_empty_lines=False
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _require_utf8(data: bytes, name: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileError(
            RowError(
                name,
                line,
                None,
                None,
                "het bestand is geen UTF-8 (waarschijnlijk Latin-1 of Windows-1252); "
                "sla het op als 'CSV UTF-8' en probeer opnieuw",
            )
        ) from exc


def _count_fields(header_line: str, delimiter: str) -> int:
    """An upper bound of the header's field count without parsing it (quoted separators count too)."""
    return header_line.count(delimiter) + 1


def _line_count(data: Contents, start: int, end: int) -> int:
    """Lines between ``start`` and ``end`` (numpy over the bytes, in blocks: no copy of the file)."""
    values = np.frombuffer(data, dtype=np.uint8)[start:end]
    block = 1 << 24
    breaks = sum(int(np.count_nonzero(values[i : i + block] == 0x0A)) for i in range(0, values.size, block))
    return breaks + 1


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ";"


def _written(header: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(h).strip() for h in header)


def _clean_header(header: list[str], name: str) -> list[str]:
    names = [h.strip().lower() for h in header]
    for index, column in enumerate(names):
        if not column:
            raise FileError(
                RowError(name, 1, None, None, f"kolom {index + 1} in de kopregel heeft geen naam")
            )
    seen: set[str] = set()
    for column in names:
        if column in seen:
            raise FileError(RowError(name, 1, column, None, "kolomnaam komt twee keer voor in de kopregel"))
        seen.add(column)
    return names


def _invalid_row_errors(
    data: bytes, texts: list[str], expected: int, delimiter: str, name: str
) -> tuple[RowError, ...]:
    # Only on the error path: locate the first few bad rows in the file to name their line numbers.
    lines = [line.rstrip(b"\r") for line in data.split(b"\n")]
    errors = []
    position = 0
    for text in texts[:_MAX_SHOWN]:
        # A quote that is never closed makes one "row" of several lines: find its first line.
        first, *more = text.split("\n")
        target = first.encode("utf-8").rstrip(b"\r")
        try:
            position = lines.index(target, position)
        except ValueError:
            line_number = None
        else:
            line_number = position + 1
            position += 1 + len(more)
        found = len(next(csv.reader([text], delimiter=delimiter)))
        if more:
            reason = (
                f"een waarde tussen aanhalingstekens loopt over {len(more) + 1} regels; "
                f"{expected} kolommen verwacht, {found} gevonden"
            )
        else:
            reason = (
                f"{expected} kolommen verwacht, {found} gevonden "
                "(scheidingsteken in een waarde, of is het bestand afgebroken?)"
            )
        errors.append(RowError(name, line_number, None, first.rstrip("\r") or None, reason))
    return tuple(errors)


def _with_row_numbers(table: pa.Table) -> pa.Table:
    """Add the row number users see: the line in the file, the header being line 1."""
    numbers = np.arange(2, table.num_rows + 2, dtype=np.int64)
    # From the buffer itself: pa.array(ndarray) first asks whether it is a pandas object, which
    # imports pandas (a second or more) wherever pandas happens to be installed.
    column = pa.Array.from_buffers(pa.int64(), table.num_rows, [None, pa.py_buffer(numbers)])
    return table.append_column(ROW_COLUMN, column)


def read_xlsx_bytes(data: bytes, name: str) -> ReadFile:
    import fastexcel

    if not data:
        raise FileError.whole_file(name, "het bestand is leeg")
    _check_xlsx_size(data, name)
    try:
        sheet = fastexcel.read_excel(data).load_sheet(0, dtypes="string", eager=True)
    except Exception as exc:  # fastexcel raises its own error classes for damaged workbooks
        raise FileError.whole_file(name, f"het Excel-bestand kan niet worden gelezen: {exc}") from exc
    table = pa.Table.from_batches([sheet]) if isinstance(sheet, pa.RecordBatch) else pa.table(sheet)
    if table.num_columns > MAX_COLUMNS:
        raise _too_many_columns(name, table.num_columns)
    written = _written(table.column_names)
    names = _clean_header([str(c) for c in table.column_names], name)
    columns = [pc.fill_null(table.column(i).cast(pa.string()), "") for i in range(table.num_columns)]
    table = pa.table(columns, names=names)
    if table.num_rows == 0:
        raise FileError.whole_file(name, "het werkblad bevat geen gegevens")
    return ReadFile(name, sha256_of(data), _with_row_numbers(table), headers=written)


def _check_xlsx_size(data: bytes, name: str) -> None:
    """Refuse a workbook whose unpacked parts exceed MAX_XLSX_UNPACKED_BYTES (a "zip bomb") before
    any of it is unpacked: the sizes are read from the archive's directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise FileError.whole_file(
            name, "het Excel-bestand kan niet worden gelezen: het is geen XLSX"
        ) from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise FileError.whole_file(
            name,
            f"het Excel-bestand is uitgepakt {unpacked // (1024 * 1024)} MB; ten hoogste "
            f"{MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)} MB: lever grote bestanden als CSV aan",
        )


def _plain_decimals(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Floating-point numbers as text with ten decimals: never an exponent (2.5e+10) and never three
    decimals that read like thousands (12.345 -> 12.3450000000). NaN becomes empty."""
    column = pc.if_else(pc.is_nan(column), pa.scalar(None, column.type), column)
    largest = pc.max(pc.abs(column)).as_py()
    if (
        largest is not None and largest >= 1e27
    ):  # beyond the decimal: no amount is that large, the checks say so
        return column
    return pc.cast(column, pa.decimal128(38, 10), safe=False)


def _check_parquet_size(data: bytes, name: str) -> None:
    """Refuse a Parquet file by the sizes in its footer, before any column is decompressed."""
    meta = pq.ParquetFile(io.BytesIO(data)).metadata
    if meta.num_columns > MAX_COLUMNS:
        raise _too_many_columns(name, meta.num_columns)
    if meta.num_rows > MAX_ROWS:
        raise _too_many_rows(name, meta.num_rows)
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if unpacked > MAX_PARQUET_UNPACKED_BYTES:
        raise FileError.whole_file(
            name,
            f"het Parquet-bestand is uitgepakt {unpacked // (1024 * 1024)} MB; ten hoogste "
            f"{MAX_PARQUET_UNPACKED_BYTES // (1024 * 1024)} MB",
        )


def read_parquet_bytes(data: bytes, name: str) -> ReadFile:
    try:
        _check_parquet_size(data, name)
        table = pq.read_table(io.BytesIO(data))
    except FileError:
        raise
    except Exception as exc:  # pyarrow raises several error kinds for damaged files
        raise FileError.whole_file(name, f"het Parquet-bestand kan niet worden gelezen: {exc}") from exc
    written = _written(table.column_names)
    names = _clean_header(list(table.column_names), name)
    columns = []
    for column in table.columns:
        if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
            column = pc.strftime(column, format="%Y-%m-%d")
        elif pa.types.is_floating(column.type):
            column = _plain_decimals(column)
        columns.append(pc.fill_null(column.cast(pa.string()), ""))
    table = pa.table(columns, names=names)
    if table.num_rows == 0:
        raise FileError.whole_file(name, "het bestand bevat geen gegevens")
    return ReadFile(name, sha256_of(data), _with_row_numbers(table), headers=written)
