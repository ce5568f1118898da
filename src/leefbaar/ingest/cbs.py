"""Converters for official CBS files into Leefbaar's import kinds.

- CBS code lists (``Gemeente2025;Gemeentenaam2025``, ``Wijk2025;...``, ``Buurt2025;...``) -> ``gebieden``
- "Kerncijfers wijken en buurten" and other wide CBS tables -> ``gebiedsindicatoren`` (long format).
  Columns are matched by name without the numeric suffix (``Koopwoningen_40`` -> ``Koopwoningen``);
  StatLine exports with label headers (``Bevolking/Aantal inwoners (aantal)``) become the same names
  (``AantalInwoners``). Columns on migration background are skipped on purpose (see below).

All conversions are vectorised with Arrow compute: one operation per column, never per row.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pyarrow as pa
import pyarrow.compute as pc

from leefbaar.domain.regions import BUITENLAND
from leefbaar.ingest.readers import ROW_COLUMN, ReadFile
from leefbaar.ingest.vocabulary import FileError, RowError

_CODELIST_HEADER = re.compile(r"(gemeente|wijk|buurt)(\d{4})")
_PREFIX = {"gemeente": "GM", "wijk": "WK", "buurt": "BU"}

#: Column names that identify the area in CBS tables, in order of preference (lower case).
CODE_COLUMNS = ("codering", "wijkenenbuurten", "gwb_code", "regios", "regiocode", "gemeentecode", "code")
#: Columns that are labels, not indicators.
LABEL_COLUMNS = {
    "id",
    "wijkenenbuurten",
    "gemeentenaam",
    "soortregio",
    "codering",
    "indelingswijzigingwijkenenbuurten",
    "indelingswijzigingGemeenteWijkBuurt".lower(),
    "meestvoorkomendepostcode",
    "dekkingspercentage",
    "regioaanduiding",
    "gwb_code",
    "regios",
    "regiocode",
    "code",
    "naam",
    "regionaam",
    "gemeentecode",
    "provinciecode",
}
#: Leefbaar does not use indicators on migration background, ethnicity or benefit dependency: the
#: Leefbaarometer 3.0 dropped them as stigmatising. Columns whose name contains these are skipped.
EXCLUDED_TERMS = (
    "herkomst",
    "migratie",
    "westers",
    "nederlandseachtergrond",
    "geborenin",
    "nationaliteit",
    "bijstand",
    "uitkering",
    "etnic",
    "allochto",
    "autochto",
    "europa",
    "buiteneuropa",
)


def indicator_name(header: str) -> str:
    """The indicator name of a CBS column header, independent of table numbering and label style."""
    name = header.strip()
    if "/" in name or "(" in name or " " in name:
        last = name.split("/")[-1]
        last = re.sub(r"\([^)]*\)", "", last).strip()
        words = re.split(r"[^0-9A-Za-zÀ-ÿ]+", last)
        return "".join(w[:1].upper() + w[1:] for w in words if w)
    name = re.sub(r"_\d+$", "", name)
    return re.sub(r"^k_", "", name)


def codelist_to_gebieden(read: ReadFile, provincies: dict[str, str] | None = None) -> tuple[ReadFile, int]:
    """A CBS code list file (one level) as a ``gebieden`` file; returns it and the year of the division."""
    columns = [c for c in read.table.column_names if c != ROW_COLUMN]
    match = _CODELIST_HEADER.fullmatch(columns[0]) if columns else None
    if match is None or len(columns) < 2:
        raise FileError(
            RowError(
                read.name,
                1,
                columns[0] if columns else None,
                None,
                "geen CBS-codelijst: verwacht kolommen zoals Gemeente2025;Gemeentenaam2025",
            )
        )
    level, year = match.group(1), int(match.group(2))
    prefix = _PREFIX[level]
    codes = pc.binary_join_element_wise(
        pa.scalar(prefix), pc.utf8_trim_whitespace(read.table.column(columns[0])), ""
    )
    keep = pc.invert(pc.is_in(codes, value_set=pa.array(sorted(BUITENLAND))))
    codes = pc.filter(codes, keep)
    names = pc.filter(pc.utf8_trim_whitespace(read.table.column(columns[1])), keep)
    rows = pc.filter(read.table.column(ROW_COLUMN), keep)
    if level == "gemeente" and provincies:
        index = pc.index_in(codes, value_set=pa.array(list(provincies), pa.string()))
        province = pc.fill_null(pc.take(pa.array(list(provincies.values()), pa.string()), index), "")
    else:
        province = pa.array([""] * len(codes), pa.string())
    table = pa.table({"code": codes, "naam": names, "provinciecode": province, ROW_COLUMN: rows})
    return replace(read, table=table), year


def kwb_regions(read: ReadFile) -> ReadFile:
    """The areas listed in a Kerncijfers file (code + name) as a ``gebieden`` file."""
    code_column = _code_column(read)
    name_column = next((c for c in read.table.column_names if c not in (code_column, ROW_COLUMN)), None)
    if name_column is None:
        raise FileError(RowError(read.name, 1, None, None, "geen kolom met gebiedsnamen gevonden"))
    codes = pc.utf8_upper(pc.utf8_trim_whitespace(read.table.column(code_column)))
    names = pc.utf8_trim_whitespace(read.table.column(name_column))
    table = pa.table(
        {
            "code": codes,
            "naam": names,
            "provinciecode": pa.array([""] * len(codes), pa.string()),
            ROW_COLUMN: read.table.column(ROW_COLUMN),
        }
    )
    return replace(read, table=table)


def _code_column(read: ReadFile) -> str:
    by_key = {indicator_name(c).lower(): c for c in read.table.column_names if c != ROW_COLUMN}
    for key in CODE_COLUMNS:
        if key in by_key:
            return str(by_key[key])
    raise FileError(
        RowError(
            read.name,
            1,
            None,
            None,
            "geen kolom met gebiedscodes gevonden (verwacht Codering, WijkenEnBuurten of gwb_code)",
        )
    )


def kwb_indicators(read: ReadFile, jaar: int, bron: str) -> tuple[ReadFile, list[str]]:
    """A wide CBS table as long ``gebiedsindicatoren``; returns it and notes on skipped columns."""
    code_column = _code_column(read)
    codes = pc.utf8_upper(pc.utf8_trim_whitespace(read.table.column(code_column)))
    rows = read.table.column(ROW_COLUMN)
    parts: list[pa.Table] = []
    notes: list[str] = []
    seen: set[str] = set()
    # The indicator's name comes from the header as written (the table's names are lowercased).
    data_columns = [c for c in read.table.column_names if c != ROW_COLUMN]
    written = dict(zip(data_columns, read.headers, strict=False))
    for column in data_columns:
        if column == code_column:
            continue
        header = written.get(column, column)
        name = indicator_name(header)
        if name.lower() in LABEL_COLUMNS or name.lower().startswith("regioaanduiding"):
            continue
        if any(term in column.lower().replace(" ", "") for term in EXCLUDED_TERMS):
            notes.append(f"kolom '{header}' overgeslagen: herkomst en uitkeringen gebruikt Leefbaar niet")
            continue
        values = _numbers(read.table.column(column))
        if pc.sum(pc.is_valid(values)).as_py() == 0:
            notes.append(f"kolom '{header}' overgeslagen: geen getallen")
            continue
        if name.lower() in seen:  # names differing only in case are one indicator (see normalised_name)
            notes.append(f"kolom '{header}' overgeslagen: indicator '{name}' komt al eerder voor")
            continue
        seen.add(name.lower())
        n = len(codes)
        parts.append(
            pa.table(
                {
                    "regiocode": codes,
                    "jaar": pa.array([str(jaar)] * n, pa.string()),
                    "indicator": pa.array([name] * n, pa.string()),
                    "waarde": pc.fill_null(pc.cast(values, pa.string()), ""),
                    "bron": pa.array([bron] * n, pa.string()),
                    ROW_COLUMN: rows,
                }
            )
        )
    if not parts:
        raise FileError(RowError(read.name, 1, None, None, "geen kolommen met getallen gevonden"))
    return replace(read, table=pa.concat_tables(parts)), notes


def _numbers(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """CBS text values as numbers: '.' and empty are unknown, a decimal comma becomes a point."""
    text = pc.replace_substring(pc.utf8_trim_whitespace(column), ",", ".")
    numeric = pc.match_substring_regex(text, r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
    return pc.if_else(
        numeric, pc.cast(pc.if_else(numeric, text, "0"), pa.float64()), pa.scalar(None, pa.float64())
    )
