"""Single records parties keep by hand (issue 14): plannen, investeringen, buurtkamers,
vhf-bijdragen, vhf-bestedingen, vhf-planadressen, herstructureringsplannen, urgentieverordeningen,
woonzorgvisies, conditiemetingen and gebreken.

The forms (web) and the write API (``/api/v1``) use ``services.records`` as one thing; its rooms:

- ``kinds``: the record kinds (an import kind each), Dutch labels, record ids, text values
- ``writing``: list, get, create, replace, patch, close a defect, withdraw: every write through
  the import pipeline as a one-row file, with versions (ETag / If-Match) and ownership
"""

from __future__ import annotations

from leefbaar.services.imports import GeenSchrijfrecht
from leefbaar.services.records.kinds import ALL, BY_NAME, LIST_TYPES, RecordKind, as_text, number_text
from leefbaar.services.records.writing import (
    MAX_PAGE,
    AlreadyExists,
    InvalidRecord,
    NotFound,
    Record,
    RecordError,
    Veldfout,
    VersionConflict,
    VersionRequired,
    close_defect,
    create_record,
    get_record,
    kinds_for,
    list_records,
    organisation_name,
    patch_record,
    replace_record,
    withdraw_record,
)

__all__ = [
    "ALL",
    "BY_NAME",
    "LIST_TYPES",
    "MAX_PAGE",
    "AlreadyExists",
    "GeenSchrijfrecht",
    "InvalidRecord",
    "NotFound",
    "Record",
    "RecordError",
    "RecordKind",
    "Veldfout",
    "VersionConflict",
    "VersionRequired",
    "as_text",
    "close_defect",
    "create_record",
    "get_record",
    "kinds_for",
    "list_records",
    "number_text",
    "organisation_name",
    "patch_record",
    "replace_record",
    "withdraw_record",
]
