"""The fields of a record form (/bijhouden), from the record's import kind, and reading them back.

Each column of the import kind becomes one field: a choice a ``<select>``, a list of choices
checkboxes, a date ``type="date"``, a number a text box with a numeric keyboard, long text a text
area. The owner column is never a field (it is the organisation whose records the page keeps), nor
is the key of an existing record (it does not change). The values travel as the text an import file
would hold; the import pipeline checks them (services.records).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from leefbaar.ingest.vocabulary import Column, ColumnType
from leefbaar.services import records
from leefbaar.services.records import RecordKind

T = ColumnType

#: Text columns at least this long get a text area.
_LONG_TEXT = 1000


@dataclass(frozen=True)
class Veld:
    """One field of a record form."""

    naam: str
    label: str
    uitleg: str
    #: tekst, getal, bedrag, datum, keuze, keuzes, tekstvak, or vast (shown, not editable)
    soort: str
    verplicht: bool
    waarde: str
    waarden: tuple[str, ...] = ()
    keuzes: tuple[tuple[str, str], ...] = ()
    maxlength: int | None = None
    fout: str | None = None

    @property
    def id(self) -> str:
        return f"veld-{self.naam}"

    @property
    def anker(self) -> str:
        """The element an error in the summary links to (a checkbox list: its first box)."""
        return f"{self.id}-0" if self.soort == "keuzes" else self.id


def choice_label(value: str) -> str:
    """A stored choice as words: ``vocht_schimmel`` -> ``vocht schimmel``."""
    return value.replace("_", " ")


def _soort(column: Column) -> str:
    if column.type is T.CHOICE:
        return "keuze"
    if column.type is T.CHOICE_LIST:
        return "keuzes"
    if column.type is T.DATE:
        return "datum"
    if column.type is T.INTEGER:
        return "getal"
    if column.type in (T.AMOUNT, T.NUMBER):
        return "bedrag"
    if column.type is T.TEXT and (column.max_length or _LONG_TEXT) >= _LONG_TEXT:
        return "tekstvak"
    return "tekst"


def fields(
    kind: RecordKind,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    *,
    existing: bool,
) -> list[Veld]:
    """The fields of the form for ``kind`` with ``values`` (import text) and an error per field."""
    out = []
    for column in kind.columns:
        if column.name == kind.owner_column:
            continue
        fixed = existing and column.name in kind.key
        value = values.get(column.name, "")
        hint = kind.hints.get(column.name, "")
        # A description that only repeats the label says nothing.
        description = (
            "" if column.description.lower() == kind.label(column.name).lower() else column.description + "."
        )
        out.append(
            Veld(
                naam=column.name,
                label=kind.label(column.name),
                uitleg=" ".join(part for part in (description, hint) if part),
                soort="vast" if fixed else _soort(column),
                verplicht=column.required and column.default is None,
                waarde=value,
                waarden=tuple(v for v in value.split(";") if v) if column.type is T.CHOICE_LIST else (),
                keuzes=tuple((c, choice_label(c)) for c in column.choices),
                maxlength=column.max_length,
                fout=errors.get(column.name),
            )
        )
    return out


def form_values(kind: RecordKind, form: FormData) -> dict[str, str]:
    """The import text of every editable field the form sent (a list of choices joined by ``;``)."""
    out: dict[str, str] = {}
    for column in kind.columns:
        if column.name == kind.owner_column or column.name not in form:
            continue
        if column.type is T.CHOICE_LIST:
            out[column.name] = ";".join(str(v) for v in form.getlist(column.name))[:4000]
        else:
            out[column.name] = str(form.get(column.name) or "")[:4000]
    return out


def display(kind: RecordKind, column_name: str, value: Any) -> str:
    """A stored value as a list of records shows it (dates as 25-11-2026, choices in words)."""
    if value is None or value == "":
        return "–"
    column = kind.kind.column(column_name)
    text = records.as_text(value)
    if column.type is T.DATE and hasattr(value, "strftime"):
        return str(value.strftime("%d-%m-%Y"))
    if column.type in (T.CHOICE, T.CHOICE_LIST):
        return ", ".join(choice_label(v) for v in text.split(";") if v)
    if column.type is T.PARTY_LIST:
        return ", ".join(v for v in text.split(";") if v)
    if column.type is T.AMOUNT:
        whole = f"{float(text):,.0f}".replace(",", ".")
        return f"€ {whole}"
    return text


def error_texts(errors: tuple[records.Veldfout, ...]) -> dict[str, str]:
    """One text per field (several problems with one field joined) for the message beside it."""
    per_field: dict[str, str] = {}
    for error in errors:
        if error.field is None:
            continue
        per_field[error.field] = (
            f"{per_field[error.field]} {error.reason}" if error.field in per_field else error.reason
        )
    return per_field
