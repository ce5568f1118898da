"""Reading and writing single records: list, get, create, replace, patch, close a defect, withdraw.

Every write goes THROUGH THE IMPORT PIPELINE as a one-row file of the record's import kind
(``services.imports.import_read_file`` with ``account=``): the same validation and Dutch errors,
the same ownership rule (``privacy.ownership`` via the kind's ``Ownership``), an append-only new
version with its peildatum and import-log row, and the same audit event as an uploaded file. On top
of that this module adds what editing one record needs:

- the current version and its ``ETag`` (the import id of that version); a change must name the
  version it changes (``If-Match``), else it is refused: no version named (428), or another
  (412: someone else changed it in between). Checking the version and writing the new one happen
  under one lock per table (``storage.record_queries.record_lock``), across server processes too;
- the peildatum of a new version is today, or the current version's when that is later, so the
  write is always the current version; two edits on one day are two versions with one peildatum,
  the later import winning (``storage.tables.SAME_DAY_VERSIONS``);
- the key of an existing record does not change (a new key is a new record);
- a record of another party is refused before anything is read into the pipeline (403), with the
  reason ``privacy.ownership`` gives, and audited like a refused import.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pyarrow as pa

from leefbaar.domain.parties import Rol, soort_van_id
from leefbaar.ingest.readers import ROW_COLUMN, ReadFile
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus, RowError
from leefbaar.privacy.ownership import Writer, foreign_row_reason, refusal, restricted_to, taken_over_reason
from leefbaar.services import database, imports, processing_log
from leefbaar.services.accounts import Account
from leefbaar.services.imports import GeenSchrijfrecht
from leefbaar.services.records.kinds import ALL, RecordKind, as_text, normalised, parse_record_id, record_id
from leefbaar.storage import record_queries as q

#: At most this many records per page of a list.
MAX_PAGE = 100

#: Databases whose schema was checked in this process (an empty one is created, an old one refused).
_schema_checked: set[str] = set()


def ensure_schema(url: str) -> None:
    if url not in _schema_checked:
        database.ensure_schema(url)
        _schema_checked.add(url)


@dataclass(frozen=True)
class Record:
    """The current version of one record."""

    kind: RecordKind
    id: str
    #: Import column -> stored value (dates, whole numbers, decimals, text; lists as "a;b").
    values: dict[str, object]
    peildatum: date
    #: The import that wrote this version: the record's version number.
    version: int
    changed_at: datetime | None = None
    #: The division year its codes are in (kinds that stamp one), else None.
    indelingsjaar: int | None = None

    @property
    def etag(self) -> str:
        """The strong entity tag of this version (RFC 9110), quotes included."""
        return f'"{self.version}"'

    @property
    def owner(self) -> str | None:
        value = self.values.get(self.kind.owner_column)
        return None if value is None else str(value)


@dataclass(frozen=True)
class Veldfout:
    """One problem with one field (an import column; None: the record as a whole), in Dutch."""

    field: str | None
    reason: str
    code: str = "ongeldig"


class RecordError(Exception):
    """A record write or read that cannot be done; the message is Dutch."""


class NotFound(RecordError):
    """No record of this kind with this id (404)."""


class AlreadyExists(RecordError):
    """A record with this key exists already (409): change it with PUT or PATCH."""


class VersionRequired(RecordError):
    """A change without ``If-Match`` (428): name the version you change."""


class VersionConflict(RecordError):
    """A change of a version that is no longer current (412)."""

    def __init__(self, message: str, current: Record) -> None:
        super().__init__(message)
        self.current = current


class InvalidRecord(RecordError):
    """The record is not valid; ``errors`` holds every problem, nothing was written (400)."""

    def __init__(self, errors: Sequence[Veldfout]) -> None:
        super().__init__("; ".join(e.reason for e in errors))
        self.errors = tuple(errors)


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


# --- who may write what ---------------------------------------------------------------------------


def _writer(account: Account) -> Writer:
    return Writer(account.rol, account.organisatie)


def kinds_for(account: Account | None, organisatie: str) -> list[RecordKind]:
    """The record kinds ``account`` may keep for ``organisatie`` (in the order of ``ALL``): kinds the
    organisation's kind of party writes, which the account's role may write, for its own
    organisation (the beheerder: for every organisation)."""
    soort = soort_van_id(organisatie)
    if account is None or soort is None:
        return []
    if account.rol is not Rol.BEHEERDER and account.organisatie != organisatie:
        return []
    party_role = Rol(soort.value)
    writer = _writer(account)
    return [
        k
        for k in ALL
        if party_role in k.kind.ownership.writers and refusal(writer, k.kind.ownership, k.name) is None
    ]


def _check_kind(url: str, account: Account, kind: RecordKind, *, audit: bool) -> None:
    """Refuse a role that may not write the kind at all; a write attempt is audited."""
    if audit:
        imports.check_may_write(url, account, kind.name)
        return
    reason = refusal(_writer(account), kind.kind.ownership, kind.name)
    if reason is not None:
        raise GeenSchrijfrecht(_sentence(reason))


def _check_owner(url: str, account: Account, record: Record, *, audit: bool, new: bool = False) -> None:
    """Refuse a record of another party (privacy.ownership); a write attempt is audited."""
    limit = restricted_to(_writer(account), record.kind.kind.ownership)
    if limit is None or record.owner == limit:
        return
    if new and record.owner and record.kind.owner_column not in record.kind.key:
        # A key shared by all parties (a buurtkamer id) that another party holds already.
        reason = taken_over_reason(record.owner, limit)
    else:
        reason = foreign_row_reason(record.owner, limit)
    if audit:
        processing_log.record_import(url, account, record.kind.name, None, reason)
    raise GeenSchrijfrecht(_sentence(reason))


# --- reading ----------------------------------------------------------------------------------------


def organisation_name(url: str, organisatie: str) -> str | None:
    """The name of a party (for the pages that keep its records), None when unknown."""
    return q.party_name(url, organisatie)


def _record(kind: RecordKind, row: Mapping[str, object]) -> Record:
    values = {c: row.get(c) for c in kind.kind.column_names}
    return Record(
        kind,
        record_id(kind, values),
        values,
        row["peildatum"],  # type: ignore[arg-type]
        int(row["import_id"]),  # type: ignore[call-overload]
        row.get("gewijzigd_op"),  # type: ignore[arg-type]
        None if row.get("indelingsjaar") is None else int(row["indelingsjaar"]),  # type: ignore[call-overload]
    )


def _current(url: str, kind: RecordKind, id_: str) -> Record | None:
    key = parse_record_id(kind, id_)
    if key is None:
        return None
    found = q.current_record(url, kind.table, key)
    return None if found is None else _record(kind, found)


def _existing(url: str, kind: RecordKind, id_: str) -> Record:
    found = _current(url, kind, id_)
    if found is None:
        raise NotFound(f"Er is geen {kind.enkelvoud} met id {id_[:120]}.")
    return found


def list_records(
    url: str,
    account: Account,
    kind: RecordKind,
    *,
    organisatie: str | None = None,
    offset: int = 0,
    limit: int = 21,
) -> list[Record]:
    """The current records the account keeps: those of its own organisation (the beheerder: of every
    organisation, or of ``organisatie``), ordered by key. Ask for one more than a page."""
    ensure_schema(url)
    _check_kind(url, account, kind, audit=False)
    own = restricted_to(_writer(account), kind.kind.ownership)
    if own is not None and organisatie not in (None, own):
        raise GeenSchrijfrecht(_sentence(foreign_row_reason(organisatie, own)))
    rows = q.current_records(
        url, kind.table, kind.key, kind.owner_column, own or organisatie, offset, min(limit, MAX_PAGE + 1)
    )
    return [_record(kind, row) for row in rows]


def get_record(url: str, account: Account, kind: RecordKind, id_: str) -> Record:
    """The current version of one record the account keeps (NotFound, GeenSchrijfrecht)."""
    ensure_schema(url)
    _check_kind(url, account, kind, audit=False)
    found = _existing(url, kind, id_)
    _check_owner(url, account, found, audit=False)
    return found


# --- writing -----------------------------------------------------------------------------------------


def create_record(
    url: str,
    account: Account,
    kind: RecordKind,
    values: Mapping[str, str | None],
    *,
    channel: str,
    input_errors: Sequence[Veldfout] = (),
) -> Record:
    """A new record (AlreadyExists when its key exists). ``values``: import column -> text as typed
    (the owner column may be left out: the account's own organisation). ``input_errors``: problems
    the face found already (an unknown field); all are reported together with the pipeline's."""
    ensure_schema(url)
    _check_kind(url, account, kind, audit=True)
    row = _row(kind, values)
    if not row.get(kind.owner_column) and account.rol is not Rol.BEHEERDER:
        row[kind.owner_column] = account.organisatie
    with q.record_lock(url, kind.table):
        current = _current(url, kind, record_id(kind, row)) if _key_complete(kind, row) else None
        if current is not None:
            _check_owner(url, account, current, audit=True, new=True)
            raise AlreadyExists(
                f"Er is al een {kind.enkelvoud} met id {current.id}; wijzig die met PUT of PATCH."
            )
        return _write(url, account, kind, row, None, channel, input_errors)


def replace_record(
    url: str,
    account: Account,
    kind: RecordKind,
    id_: str,
    values: Mapping[str, str | None],
    expected: Collection[str] | None,
    *,
    channel: str,
    input_errors: Sequence[Veldfout] = (),
) -> Record:
    """A new version with exactly ``values`` (a column left out is emptied); the key comes from the
    id and cannot change, the owner column left out stays as it is."""
    ensure_schema(url)
    _check_kind(url, account, kind, audit=True)
    with q.record_lock(url, kind.table):
        current = _changeable(url, account, kind, id_, expected)
        row = _row(kind, values)
        if not row.get(kind.owner_column):
            row[kind.owner_column] = as_text(current.values.get(kind.owner_column))
        errors = _key_kept(kind, current, row)
        return _write(url, account, kind, row, current, channel, [*input_errors, *errors])


def patch_record(
    url: str,
    account: Account,
    kind: RecordKind,
    id_: str,
    changes: Mapping[str, str | None],
    expected: Collection[str] | None,
    *,
    channel: str,
    input_errors: Sequence[Veldfout] = (),
) -> Record:
    """A new version: the current one with ``changes`` merged onto it (None or "" empties a field)."""
    ensure_schema(url)
    _check_kind(url, account, kind, audit=True)
    with q.record_lock(url, kind.table):
        current = _changeable(url, account, kind, id_, expected)
        row = {c: as_text(v) for c, v in current.values.items()}
        row.update({c: v or "" for c, v in changes.items() if c in row})
        errors = _key_kept(kind, current, row)
        return _write(url, account, kind, row, current, channel, [*input_errors, *errors])


def close_defect(
    url: str,
    account: Account,
    id_: str,
    opgelost_op: str | None,
    expected: Collection[str] | None,
    *,
    channel: str,
    today: date | None = None,
) -> Record:
    """Close an open defect on ``opgelost_op`` (today when None); AlreadyExists when it is closed."""
    kind = _kind("gebreken")
    ensure_schema(url)
    _check_kind(url, account, kind, audit=True)
    with q.record_lock(url, kind.table):
        current = _changeable(url, account, kind, id_, expected)
        if current.values.get("opgelost_op") is not None:
            raise AlreadyExists(
                f"Dit gebrek is al opgelost op {as_text(current.values['opgelost_op'])}; "
                "wijzig die datum met PATCH (opgelostOp), of maak hem leeg om het gebrek te heropenen."
            )
        row = {c: as_text(v) for c, v in current.values.items()}
        row["opgelost_op"] = opgelost_op or (today or date.today()).isoformat()
        return _write(url, account, kind, row, current, channel, ())


def withdraw_record(
    url: str,
    account: Account,
    kind: RecordKind,
    id_: str,
    expected: Collection[str] | None,
    *,
    channel: str,
) -> Record:
    """Withdraw a record as a new version (only kinds with ``withdrawn``: a plan gets status
    ``ingetrokken``); a record that is withdrawn already stays as it is."""
    if kind.withdrawn is None:
        raise RecordError(f"Een {kind.enkelvoud} kan niet worden ingetrokken.")
    column, value = kind.withdrawn
    ensure_schema(url)
    _check_kind(url, account, kind, audit=True)
    with q.record_lock(url, kind.table):
        current = _changeable(url, account, kind, id_, expected)
        if current.values.get(column) == value:
            return current
        row = {c: as_text(v) for c, v in current.values.items()}
        row[column] = value
        return _write(url, account, kind, row, current, channel, ())


def _kind(name: str) -> RecordKind:
    return next(k for k in ALL if k.name == name)


def _row(kind: RecordKind, values: Mapping[str, str | None]) -> dict[str, str]:
    return {c: (values.get(c) or "") for c in kind.kind.column_names}


def _key_complete(kind: RecordKind, row: Mapping[str, str]) -> bool:
    return all(row.get(c) or not kind.kind.column(c).required for c in kind.key)


def _changeable(
    url: str, account: Account, kind: RecordKind, id_: str, expected: Collection[str] | None
) -> Record:
    """The current version, when the account may change it and names it (If-Match)."""
    current = _existing(url, kind, id_)
    _check_owner(url, account, current, audit=True)
    if expected is None:
        raise VersionRequired(
            f"Geef met If-Match de versie (ETag) van {kind.the} {kind.which} u wijzigt; de huidige is {current.etag}."
        )
    if "*" not in expected and current.etag not in expected:
        raise VersionConflict(
            f"{_sentence(kind.the)[:-1]} is intussen gewijzigd: de huidige versie is {current.etag}. "
            "Haal die op en breng uw wijziging daarin opnieuw aan.",
            current,
        )
    return current


def _key_kept(kind: RecordKind, current: Record, row: dict[str, str]) -> list[Veldfout]:
    """Errors for key fields that differ from the record's key; empty key fields get the key."""
    errors = []
    for column in kind.key:
        stored = as_text(current.values.get(column))
        given = row.get(column, "")
        if not given:
            row[column] = stored
        elif normalised(kind.kind.column(column), given) != stored:
            errors.append(
                Veldfout(
                    column,
                    f"{kind.label(column)} hoort bij de sleutel van {kind.the} en verandert niet "
                    f"(nu {stored or 'leeg'}); maak een {kind.new} aan.",
                    "onveranderlijk",
                )
            )
    return errors


def _write(
    url: str,
    account: Account,
    kind: RecordKind,
    row: Mapping[str, str],
    current: Record | None,
    channel: str,
    input_errors: Sequence[Veldfout],
) -> Record:
    """Write ``row`` as a one-row import; raise for every problem at once, else the new version."""
    today = date.today()
    peildatum = max(today, current.peildatum) if current is not None else today
    table = pa.table(
        {**{c: pa.array([row.get(c, "")], pa.string()) for c in kind.kind.column_names}},
    ).append_column(ROW_COLUMN, pa.array([1], pa.int64()))
    id_ = record_id(kind, row)
    fingerprint = json.dumps(
        [kind.name, dict(row), account.account_id, time.time_ns(), uuid.uuid4().hex], sort_keys=True
    )
    read = ReadFile(
        name=f"{channel}: {kind.enkelvoud} {id_}"[:200],
        sha256=hashlib.sha256(fingerprint.encode()).hexdigest(),
        table=table,
    )
    options = ImportOptions(
        peildatum=peildatum,
        indelingsjaar=None if current is None else current.indelingsjaar,
        bron=channel,
        single_record=True,
        check_only=bool(input_errors),
    )
    result = imports.import_read_file(url, kind.name, read, options, max_errors=100, account=account)
    if result.refused_for_ownership:
        raise GeenSchrijfrecht(_sentence(result.errors[0].reason))
    if input_errors or result.status is ImportStatus.REJECTED:
        given = {e.field for e in input_errors}
        raise InvalidRecord(
            [*input_errors, *(e for e in map(_field_error, result.errors) if e.field not in given)]
        )
    assert result.import_id is not None
    return _record(kind, q.record_of_import(url, kind.table, result.import_id))


def _field_error(error: RowError) -> Veldfout:
    """An import error as a field error: the column (for a reference to several columns, the last:
    the complex number of corporatie + complexnummer), a Dutch sentence."""
    column = error.column.split("+")[-1] if error.column else None
    code = "verplicht" if error.reason == "verplicht veld is leeg" else "ongeldig"
    return Veldfout(column, _sentence(error.reason), code)
