"""What an import kind is: its columns, their types and checks, its natural key and references.

Import kinds are declared as data (``leefbaar.ingest.kinds``) and executed set-based by the storage
layer, which sits above ingest and imports this vocabulary from here; the error and result types of
an import are here too. Nothing in this module reads a file or touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from leefbaar.privacy.ownership import REFERENTIEGEGEVENS, Ownership
from leefbaar.privacy.pseudonymise import Pseudonymiser


class ColumnType(StrEnum):
    TEXT = "tekst"
    GEMEENTECODE = "gemeentecode"
    WIJKCODE = "wijkcode"
    BUURTCODE = "buurtcode"
    REGIOCODE = "regiocode"  # any level: NL, PV, GM, WK, BU
    VERBLIJFSOBJECT = "verblijfsobject"
    POSTCODE = "postcode"
    INTEGER = "geheel getal"
    NUMBER = "getal"
    AMOUNT = "bedrag"
    DATE = "datum"
    CHOICE = "keuze"
    CHOICE_LIST = "keuzelijst"
    BOOLEAN = "ja/nee"
    PARTY = "partij"
    PARTY_LIST = "partijlijst"
    #: A household's own id at the supplier: only Leefbaar's keyed pseudonym of it is stored.
    HOUSEHOLD_ID = "huishouden-id"
    GEOMETRY = "geometrie"


@dataclass(frozen=True)
class Column:
    """One column of an import file."""

    name: str
    type: ColumnType
    description: str
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    #: For party columns: the kinds of party allowed (empty: any kind).
    party_kinds: tuple[str, ...] = ()
    #: This column must be filled when ``required_when[0]`` has one of the values ``required_when[1]``.
    required_when: tuple[str, tuple[str, ...]] | None = None
    #: This column must be empty when ``forbidden_when[0]`` has one of the values ``forbidden_when[1]``.
    forbidden_when: tuple[str, tuple[str, ...]] | None = None
    #: A regular expression (full match) the value must satisfy, with the hint shown when it does not.
    pattern: str | None = None
    pattern_hint: str = ""
    #: Patterns that depend on another column: (other column, ((its value, pattern, hint), ...)).
    pattern_when: tuple[str, tuple[tuple[str, str, str], ...]] | None = None
    #: For code and party columns: the value must exist (in the division year / as a party).
    must_exist: bool = True
    #: Value stored when the cell is empty.
    default: str | None = None
    example: str = ""
    #: Text a person typed (a name, a description): refused when it carries a BSN, an e-mail
    #: address, a phone number or a postcode with house number (privacy.personal_text).
    free_text: bool = False
    #: An identifier that never reaches the database: Leefbaar stores only its keyed pseudonym
    #: (privacy.pseudonymise, under the kind's ``pseudonym_receiver``), in this target column.
    pseudonymised_as: str | None = None


@dataclass(frozen=True)
class Reference:
    """Columns of a row that must name an existing row of another table (e.g. a complex)."""

    columns: tuple[str, ...]
    table: str
    table_columns: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class ImportKind:
    """An import kind: which file shape lands in which table."""

    name: str
    table: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    #: The table has an ``indelingsjaar`` column filled from the import's division year.
    stamps_indelingsjaar: bool = False
    #: The table has a ``peildatum`` column filled from the import's reference date.
    stamps_peildatum: bool = True
    #: Extra target columns computed from others (name -> derivation understood by storage).
    derived: tuple[tuple[str, str], ...] = ()
    #: Pairs (earlier, later, reason): when both are filled, later must not be before earlier.
    ordered: tuple[tuple[str, str, str], ...] = ()
    #: Pairs (area code column, gemeentecode column): when both are filled, the wijk or buurt must lie
    #: in that municipality (its code carries the municipality's four digits).
    within: tuple[tuple[str, str], ...] = ()
    #: Who may write rows of this kind and which column names a row's party (privacy.ownership).
    ownership: Ownership = REFERENTIEGEGEVENS
    #: The receiving party under which the ids of ``pseudonymised_as`` columns are pseudonymised.
    pseudonym_receiver: str = ""

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def pseudonymises(self) -> bool:
        """Some column is stored only as Leefbaar's pseudonym (the import needs the key)."""
        return any(column.pseudonymised_as for column in self.columns)

    @property
    def key_names_owner(self) -> bool:
        """The natural key holds the owner column: no party can write a key of another party."""
        return not self.ownership.owner_columns or self.ownership.owner_columns[0] in self.key

    @property
    def needs_indelingsjaar(self) -> bool:
        """The import needs a division year: it stamps one, or checks that its codes exist in one."""
        return self.stamps_indelingsjaar or any(
            column.must_exist and column.type in _REGION_CODE_TYPES for column in self.columns
        )


_REGION_CODE_TYPES = frozenset(
    {ColumnType.GEMEENTECODE, ColumnType.WIJKCODE, ColumnType.BUURTCODE, ColumnType.REGIOCODE}
)


@dataclass(frozen=True)
class ImportOptions:
    """What the person importing states about the file."""

    peildatum: date
    indelingsjaar: int | None = None
    bron: str = "onbekend"
    gebruiker: str = "onbekend"
    #: The organisation of the account that imports (recorded in the import log); None: the operator
    #: of the command line, or the demo.
    organisatie: str | None = None
    #: The organisation every row must belong to (privacy.ownership.restricted_to); None: any row.
    beperkt_tot: str | None = None
    #: How the kind's ``pseudonymised_as`` columns are pseudonymised: the current key version for
    #: the kind's receiver (set by the import service from configuration; the key is kept out of
    #: ``repr``). Required for such a kind.
    pseudonymiser: Pseudonymiser | None = None
    #: One record written on its own (a form or the write API, services.records): a new version of
    #: a key may have the same peildatum as the stored one; the later import is the newer version.
    single_record: bool = False
    #: Only validate: nothing is written, a valid file ends with status ``gecontroleerd``.
    check_only: bool = False


@dataclass(frozen=True)
class RowError:
    """One reason a file cannot be imported, pinned to file, row and column where possible."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        shown = "" if self.value is None else f" (waarde '{_clip(self.value)}')"
        return f"{', '.join(where)}: {self.reason}{shown}"


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class ImportStatus(StrEnum):
    IMPORTED = "geïmporteerd"
    ALREADY_IMPORTED = "al geïmporteerd"
    REJECTED = "afgekeurd"
    #: Valid, and not written because only a check was asked for (ImportOptions.check_only).
    CHECKED = "gecontroleerd"


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file: str
    status: ImportStatus
    rows: int
    import_id: int | None = None
    errors: tuple[RowError, ...] = ()
    error_count: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Rejected because a row belongs to another party, or its key does (privacy.ownership), not
    #: because a value is invalid.
    refused_for_ownership: bool = False

    @property
    def ok(self) -> bool:
        return self.status is not ImportStatus.REJECTED


class FileError(Exception):
    """A file that cannot be read at all (empty, not UTF-8, not a table ...): one clear Dutch error."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error

    @classmethod
    def whole_file(cls, file: str, reason: str) -> FileError:
        """An error about the file as a whole: no row, column or value."""
        return cls(RowError(file, None, None, None, reason))
