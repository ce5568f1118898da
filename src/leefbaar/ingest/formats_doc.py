"""The column tables of docs/import-formats.md, generated from the import kinds (one source of truth).

``python -m leefbaar.ingest.formats_doc > docs/import-formats.md`` rewrites the reference part; a test
checks that the committed document matches the kinds.
"""

from __future__ import annotations

from leefbaar.ingest import kinds
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind

INTRO = """# Import formats

Every kind of data enters Leefbaar through `leefbaar import KIND FILE` (or the upload page). Files
may be CSV (separator `;` or `,`, UTF-8 with or without BOM), XLSX (first sheet) or Parquet; the
first row names the columns (case does not matter). Values that contain the separator are quoted
(`"dakloos;statushouder"`). Dates are `JJJJ-MM-DD` or `DD-MM-JJJJ`. Amounts may use a decimal comma
with or without thousands dots (`1.250.000,50`, `1250000,50`), thousands dots alone when there are
at least two groups (`1.250.000`), or a decimal point (`1250000.50`); `85.000` is refused because it
could mean either 85 or 85,000. Whole numbers may be written `3` or `3.0`; `3.5` is refused, not
rounded.

Every row is checked before anything is written; a file lands whole or not at all. The report names
file, row (the line in the file, header = row 1), column and reason, shows the first errors (20 by
default, `--max-fouten`) and the total count, and the command exits with code 1. Importing the same
file again changes nothing (it is recognised by its SHA-256). Every import is recorded in
`import_log` with file name, hash, rows, reference date (`--peildatum`), source (`--bron`), user and
time. A newer version of the same facts is a new import with a later `--peildatum`: history is
appended, never overwritten.

Codes are checked against the CBS division of `--indelingsjaar` (default: the newest division in
the database); a code that exists only in another year is refused with the year it belongs to. The
division year is stored with the rows where the table has an `indelingsjaar` column, and with every
import in `import_log`.
Text cells that start with `=`, `+`, `-` or `@` are refused (spreadsheet formulas). Free-text
columns (names, descriptions, the allocation's reference) refuse a BSN (a nine-digit number that
passes the elfproef), an e-mail address, a phone number and a postcode with house number; the
report names the row and column but never shows the value (docs/privacy.md, "Personal data at the
door").

Allocations (`toewijzingen`) carry the supplier's own household number (`huishouden_id`, for
example the tenant number), never a pseudonym made by the supplier: Leefbaar computes its own keyed
pseudonym (HMAC-SHA256 under the current pseudonym key) during the import and stores only that,
with its key version. The household number itself is never stored and never shown in an error.
Files with the former column `huishouden_pseudoniem` are refused: rename the column and supply the
household number instead.

Import order: `gebieden` first (or the CBS converters), then `partijen`, then `complexen`, then the
rest; for the Volkshuisvestingsfonds `vhf-bijdragen` before their `vhf-bestedingen` and
`vhf-planadressen` (which name a stored grant of the same municipality). One example file per kind is in `examples/import/`, and one per converter: `cbs-gebiedscodes.csv`,
`cbs-kwb.csv` (for `cbs-kwb` and `cbs-kwb-gebieden`; real CBS figures for four Amsterdam areas, 2024)
and `pdok-grenzen.geojson` (two Amsterdam buurten, 2025 boundaries); see
[data-sources.md](data-sources.md) for their origin and licence.

Agreements (national and local prestatieafspraken, their parties and commitments) are no import
kind: they are records, imported and exported as YAML with `leefbaar agreements import FILE` and
`leefbaar agreements export ID` ([agreement-format.md](agreement-format.md)). The former
`prestatieafspraken` kind (gemeente, partijen, looptijd) is retired.

## Converters for official files

| kind | file | lands as |
| --- | --- | --- |
| `cbs-gebiedscodes` | CBS code list of one level (`Gemeente2025;Gemeentenaam2025`, `Wijk2025;…`, `Buurt2025;…`); the year comes from the header | `gebieden` |
| `cbs-kwb-gebieden` | the areas (code and name) of a *Kerncijfers wijken en buurten* file | `gebieden` |
| `cbs-kwb` | a wide CBS table such as *Kerncijfers wijken en buurten* (StatLine CSV or OData columns); columns are matched by name without the numeric suffix (`Koopwoningen_40` → `Koopwoningen`, `Bevolking/Aantal inwoners (aantal)` → `AantalInwoners`); needs `--jaar`; columns on migration background or benefits are skipped on purpose | `gebiedsindicatoren` |
| `pdok-grenzen` | GeoJSON FeatureCollection in CRS84 with a `statcode` (or `buurtcode`, `wijkcode`, `code`) property; codes without prefix get one by length | `grenzen` |

## Kinds and their columns
"""

_TYPE_TEXT = {
    ColumnType.TEXT: "tekst",
    ColumnType.GEMEENTECODE: "gemeentecode (GM + 4 cijfers)",
    ColumnType.WIJKCODE: "wijkcode (WK + 6 tekens)",
    ColumnType.BUURTCODE: "buurtcode (BU + 8 tekens)",
    ColumnType.REGIOCODE: "CBS-code (NL, PV, GM, WK, BU)",
    ColumnType.VERBLIJFSOBJECT: "BAG-verblijfsobject-id (16 cijfers)",
    ColumnType.POSTCODE: "postcode (1234AB)",
    ColumnType.INTEGER: "geheel getal",
    ColumnType.NUMBER: "getal",
    ColumnType.AMOUNT: "bedrag in euro (≥ 0)",
    ColumnType.DATE: "datum",
    ColumnType.CHOICE: "keuze",
    ColumnType.CHOICE_LIST: "keuzes gescheiden door ;",
    ColumnType.BOOLEAN: "ja/nee",
    ColumnType.PARTY: "partij-id (bestaande partij)",
    ColumnType.PARTY_LIST: "partij-id's gescheiden door ;",
    ColumnType.HOUSEHOLD_ID: "huishouden-id (1-64 tekens; alleen het pseudoniem wordt opgeslagen)",
    ColumnType.GEOMETRY: "GeoJSON-geometrie (CRS84)",
}


def _rules(column: Column) -> str:
    parts = []
    if column.choices:
        parts.append("keuzes: " + ", ".join(f"`{c}`" for c in column.choices))
    if column.minimum is not None or column.maximum is not None:
        parts.append(f"van {_n(column.minimum)} t/m {_n(column.maximum)}")
    if column.max_length:
        parts.append(f"hoogstens {column.max_length} tekens")
    if column.pattern_hint:
        parts.append(column.pattern_hint)
    if column.required_when:
        parts.append(f"verplicht bij {column.required_when[0]} = {' of '.join(column.required_when[1])}")
    if column.forbidden_when:
        parts.append(f"leeg bij {column.forbidden_when[0]} = {' of '.join(column.forbidden_when[1])}")
    if column.default:
        parts.append(f"standaard `{column.default}`")
    if column.party_kinds:
        parts.append("soort partij: " + " of ".join(column.party_kinds))
    if column.free_text:
        parts.append("geen BSN, e-mailadres, telefoonnummer of postcode met huisnummer")
    if column.pseudonymised_as:
        parts.append(f"opgeslagen als pseudoniem in `{column.pseudonymised_as}`")
    return "; ".join(parts)


def _n(value: float | None) -> str:
    if value is None:
        return "…"
    return str(int(value)) if float(value).is_integer() else str(value)


def column_rows(kind: ImportKind) -> list[dict[str, str]]:
    """The columns of a kind as rows (name, required, type, meaning, rules, example): the one source
    for the reference document and the upload page."""
    return [
        {
            "naam": column.name,
            "verplicht": "ja" if column.required and column.default is None else "nee",
            "type": _TYPE_TEXT[column.type],
            "betekenis": column.description,
            "regels": _rules(column),
            "voorbeeld": column.example,
        }
        for column in kind.columns
    ]


def template_csv(kind: ImportKind) -> str:
    """A CSV file to fill in: the header and one example row (separator ``;``, values quoted where
    they hold the separator or a quote)."""

    def cell(value: str) -> str:
        return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(c in value for c in ';"\n') else value

    header = ";".join(c.name for c in kind.columns)
    example = ";".join(cell(c.example) for c in kind.columns)
    return header + "\n" + example + "\n"


def kind_section(kind: ImportKind) -> str:
    lines = [
        f"### `{kind.name}`",
        "",
        f"{kind.description}. Table `{kind.table}`; unique key: "
        + ", ".join(f"`{k}`" for k in kind.key)
        + (" (with the peildatum)" if kind.stamps_peildatum else "")
        + f". Example: `examples/import/{kind.name}.csv`.",
        "",
    ]
    lines += [
        "| column | required | type | meaning | rules | example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in column_rows(kind):
        example = f"`{row['voorbeeld']}`" if row["voorbeeld"] else ""
        lines.append(
            f"| `{row['naam']}` | {row['verplicht']} | {row['type']} | {row['betekenis']} | "
            f"{row['regels']} | {example} |"
        )
    for ref in kind.references:
        lines.append("")
        lines.append(f"Reference: {', '.join(ref.columns)} must exist in `{ref.table}` ({ref.message}).")
    for earlier, later, reason in kind.ordered:
        lines.append("")
        lines.append(f"Order: `{later}` may not be before `{earlier}` ({reason}).")
    for area, gemeente in kind.within:
        lines.append("")
        lines.append(f"Place: `{area}` must lie in the municipality of `{gemeente}`.")
    return "\n".join(lines) + "\n"


def document() -> str:
    return INTRO + "\n" + "\n".join(kind_section(kind) for kind in kinds.ALL)


if __name__ == "__main__":
    print(document(), end="")
