"""JSON bodies of the record resources (``/plannen``, ``/gebreken`` ...): members, schemas, parsing.

Every member is a column of the record's import kind in camelCase (``plan_id`` -> ``planId``,
``geplande_datum`` -> ``geplandeDatum``); lists separated by ``;`` in a file are JSON arrays. The
representation adds ``id`` (the record id, a path segment), ``peildatum``, ``versie`` (the ETag's
number) and ``gewijzigdOp``; a client may send those back unchanged: they are read-only and ignored.

Parsing checks only what is JSON-specific (an unknown member, a boolean or object where a value
belongs) and turns every value into the text an import file would hold: the import pipeline then
validates the record, and all problems come back together in one 400 (``invalidParams``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from leefbaar.api.pagination import HalPage, Link
from leefbaar.api.problems import InvalidParam
from leefbaar.ingest.vocabulary import Column, ColumnType
from leefbaar.services import records
from leefbaar.services.records import RecordKind, Veldfout

T = ColumnType

#: Members of the representation that a body may carry but that are never written.
READ_ONLY = frozenset({"id", "peildatum", "versie", "gewijzigdOp", "_links"})


def camel(column: str) -> str:
    """``geplande_datum`` -> ``geplandeDatum``."""
    first, *rest = column.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def pascal(name: str) -> str:
    """``vhf-bijdragen`` -> ``VhfBijdragen``, ``VHF-bijdrage`` -> ``VhfBijdrage``."""
    return "".join(part[:1].upper() + part[1:] for part in name.lower().replace("_", "-").split("-"))


def param_name(kind: RecordKind, field: str | None) -> str:
    """The ``invalidParams`` name of a field error: the member, or ``body`` for the whole record."""
    if field is None:
        return "body"
    return camel(field) if field in kind.kind.column_names else field


def invalid_params(kind: RecordKind, errors: tuple[Veldfout, ...]) -> list[InvalidParam]:
    return [InvalidParam(name=param_name(kind, e.field), code=e.code, reason=e.reason) for e in errors]


# --- parsing a body ------------------------------------------------------------------------------------


_TYPE_REASONS = {
    T.INTEGER: "Moet een geheel getal zijn.",
    T.NUMBER: "Moet een getal zijn.",
    T.AMOUNT: "Moet een getal zijn (een bedrag in euro).",
    T.DATE: "Moet een datum zijn in de vorm JJJJ-MM-DD.",
}


def _type_reason(column: Column) -> str:
    if column.type in records.LIST_TYPES:
        return "Moet een lijst van teksten zijn."
    return _TYPE_REASONS.get(column.type, "Moet een tekst zijn.")


def parse_fields(kind: RecordKind, body: object) -> tuple[dict[str, str | None], list[Veldfout]]:
    """The import columns a JSON body sets (as import text; None: emptied), and its JSON problems.

    Raises ValueError when the body is not a JSON object at all.
    """
    if not isinstance(body, dict):
        raise ValueError("Moet een JSON-object zijn.")
    by_member = {camel(c.name): c for c in kind.columns}
    values: dict[str, str | None] = {}
    errors: list[Veldfout] = []
    for member, value in body.items():
        column = by_member.get(member)
        if column is None:
            if member not in READ_ONLY:
                errors.append(Veldfout(member, "Dit veld is niet toegestaan.", "extra_forbidden"))
            continue
        text = _text(column, value)
        if text is _WRONG:
            errors.append(Veldfout(column.name, _type_reason(column), "type"))
        else:
            values[column.name] = text  # type: ignore[assignment]
    return values, errors


_WRONG = object()


def _text(column: Column, value: object) -> object:
    """The import text of a JSON value, ``None`` for null, ``_WRONG`` for a value of the wrong shape."""
    if value is None:
        return None
    if isinstance(value, bool | dict):
        return _WRONG
    if isinstance(value, list):
        if column.type in records.LIST_TYPES and all(isinstance(item, str) for item in value):
            return ";".join(value)
        return _WRONG
    if isinstance(value, int | float):
        return records.number_text(value) if column.type in (T.INTEGER, T.NUMBER, T.AMOUNT) else str(value)
    if isinstance(value, str):
        return value
    return _WRONG


# --- the representation ------------------------------------------------------------------------------


def representation(record: records.Record, href: str) -> dict[str, Any]:
    """The JSON of a record's current version (members without a value left out)."""
    out: dict[str, Any] = {"id": record.id}
    for column in record.kind.columns:
        value = record.values.get(column.name)
        if value is None:
            continue
        if column.type in records.LIST_TYPES:
            value = [item for item in str(value).split(";") if item]
        elif isinstance(value, Decimal):
            value = float(value)
        elif isinstance(value, date | datetime):
            value = value.isoformat()
        out[camel(column.name)] = value
    out["peildatum"] = record.peildatum.isoformat()
    out["versie"] = record.version
    if record.changed_at is not None:
        out["gewijzigdOp"] = record.changed_at.isoformat() + ("Z" if record.changed_at.tzinfo is None else "")
    out["_links"] = {"self": {"href": href}}
    return out


def _python_type(column: Column) -> Any:
    if column.type in records.LIST_TYPES:
        return list[str]
    if column.type is T.INTEGER:
        return int
    if column.type in (T.NUMBER, T.AMOUNT):
        return float
    if column.type is T.DATE:
        return date
    if column.type is T.CHOICE:
        return Literal[column.choices]
    return str


class RecordLinks(BaseModel):
    self: Link


def response_model(kind: RecordKind) -> type[BaseModel]:
    """The pydantic model of a record's representation (documentation and the schema's name)."""
    fields: dict[str, Any] = {
        "id": (str, Field(description=f"Id van {kind.the}: de sleutel als één padsegment.")),
    }
    for column in kind.columns:
        kind_type = _python_type(column)
        if column.required:
            fields[camel(column.name)] = (kind_type, Field(description=column.description))
        else:
            fields[camel(column.name)] = (kind_type | None, Field(None, description=column.description))
    fields["peildatum"] = (date, Field(description="Peildatum van deze versie."))
    fields["versie"] = (int, Field(description="Versienummer; de ETag is dit getal tussen aanhalingstekens."))
    fields["gewijzigdOp"] = (
        datetime | None,
        Field(None, description="Wanneer deze versie is vastgelegd (UTC)."),
    )
    fields["links"] = (RecordLinks, Field(alias="_links"))
    return create_model(
        f"{pascal(kind.enkelvoud)}Gegevens",
        __config__=ConfigDict(populate_by_name=True),
        __doc__=f"De huidige versie van {kind.the}.",
        **fields,
    )


def page_model(kind: RecordKind, item: type[BaseModel]) -> type[BaseModel]:
    """A HAL page of records, named after the kind."""
    return type(f"{pascal(kind.name)}Pagina", (HalPage[item],), {"__doc__": f"{kind.titel}, per pagina."})  # type: ignore[valid-type]


def _member_schema(column: Column, *, nullable: bool) -> dict[str, Any]:
    schema: dict[str, Any]
    if column.type in records.LIST_TYPES:
        items: dict[str, Any] = {"type": "string"}
        if column.choices:
            items["enum"] = list(column.choices)
        schema = {"type": "array", "items": items}
    elif column.type is T.INTEGER:
        schema = {"type": "integer"}
    elif column.type in (T.NUMBER, T.AMOUNT):
        schema = {"type": "number"}
    elif column.type is T.DATE:
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "string"}
        if column.choices:
            schema["enum"] = list(column.choices)
        if column.max_length:
            schema["maxLength"] = column.max_length
    if column.minimum is not None and schema["type"] in ("integer", "number"):
        schema["minimum"] = column.minimum
    if column.maximum is not None and schema["type"] in ("integer", "number"):
        schema["maximum"] = column.maximum
    schema["description"] = column.description
    if column.example and column.type not in records.LIST_TYPES:
        schema["examples"] = [_example(column)]
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def _example(column: Column) -> Any:
    if column.type is T.INTEGER:
        return int(column.example)
    if column.type in (T.NUMBER, T.AMOUNT):
        return float(column.example)
    return column.example


def body_schema(kind: RecordKind, *, patch: bool) -> dict[str, Any]:
    """The JSON schema of a request body: the full record (POST, PUT), or the members to change
    (PATCH, each may be null to empty it). The owner member may be left out: it is the token's
    organisation (the beheerder names it)."""
    owner = kind.owner_column
    properties = {camel(c.name): _member_schema(c, nullable=patch or not c.required) for c in kind.columns}
    schema: dict[str, Any] = {
        "type": "object",
        "description": (
            f"De velden van {kind.the} die u wijzigt; null maakt een veld leeg."
            if patch
            else f"Alle velden van {kind.the}; een veld dat ontbreekt is leeg."
        ),
        "properties": properties,
    }
    if not patch:
        schema["required"] = [camel(c.name) for c in kind.columns if c.required and c.name != owner]
    return schema
