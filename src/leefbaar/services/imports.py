"""Import a file of a given kind: read it, check its header, validate and load it set-based."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from leefbaar.config import get_settings
from leefbaar.domain.parties import Rol
from leefbaar.ingest import kinds
from leefbaar.ingest.columns import header_errors
from leefbaar.ingest.readers import ReadFile, read_table_file
from leefbaar.ingest.vocabulary import (
    FileError,
    ImportKind,
    ImportOptions,
    ImportResult,
    ImportStatus,
    RowError,
)
from leefbaar.privacy.ownership import Writer, refusal, restricted_to
from leefbaar.services import metrics, processing_log
from leefbaar.services.accounts import Account
from leefbaar.services.database import ensure_schema
from leefbaar.storage.importer import run_import

Progress = Callable[[str], None]


class UnknownKind(ValueError):
    """An import kind that does not exist (message in Dutch, lists the known kinds)."""


def kind_names() -> list[str]:
    return [kind.name for kind in kinds.ALL]


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "onbekend"


def import_file(
    url: str,
    kind_name: str,
    path: Path,
    options: ImportOptions,
    max_errors: int = 20,
    progress: Progress | None = None,
    display_name: str | None = None,
) -> ImportResult:
    """Import one file; the result says imported, already imported, or rejected with its errors."""
    kind = kinds.BY_NAME.get(kind_name)
    if kind is None:
        raise UnknownKind(f"onbekende importsoort '{kind_name}'; kies uit: {', '.join(kind_names())}")
    report = progress or (lambda _: None)
    report("lezen")
    name = display_name or path.name
    try:
        read = read_table_file(path, name)
    except FileError as exc:
        return _counted(
            ImportResult(kind.name, name, ImportStatus.REJECTED, 0, errors=(exc.error,), error_count=1)
        )
    return _read_file(url, kind_name, read, options, max_errors, report)


def _counted(result: ImportResult) -> ImportResult:
    """Count the import in the metrics (``leefbaar_imports_total``); every import path ends here."""
    rows = result.rows if result.status is ImportStatus.IMPORTED else 0
    metrics.count_import(result.kind, result.status.value, rows)
    return result


def future_peildatum_error(file: str, peildatum: date, today: date | None = None) -> RowError | None:
    """A peildatum later than today plus ``import_future_days`` is refused: the newest version of a
    record wins, so a future date would outrank every correction until that day."""
    limit = (today or date.today()) + timedelta(days=get_settings().import_future_days)
    if peildatum <= limit:
        return None
    return RowError(
        file,
        None,
        "peildatum",
        peildatum.isoformat(),
        f"de peildatum ligt in de toekomst (na {limit.isoformat()}); kies de datum waarop de gegevens golden",
    )


def import_read_file(
    url: str,
    kind_name: str,
    read: ReadFile,
    options: ImportOptions,
    max_errors: int = 20,
    progress: Progress | None = None,
    account: Account | None = None,
    herberekenen: bool = True,
) -> ImportResult:
    """Import a file that was already read into text columns (converters such as CBS files, and the
    one-row tables of services.records). ``account``: who writes, as in :func:`import_source_file`;
    ``herberekenen``: queue the re-evaluation of the verdicts after a successful import (services.jobs)."""
    if account is not None:
        result = _as_account(
            url,
            account,
            kind_name,
            options,
            lambda own: _read_file(url, kind_name, read, own, max_errors, progress),
        )
    else:
        result = _read_file(url, kind_name, read, options, max_errors, progress)
    if herberekenen:
        _queue_after(url, result, account, options)
    return result


def _queue_after(url: str, result: ImportResult, account: Account | None, options: ImportOptions) -> None:
    """After a committed import: queue the re-evaluation of what it may change (services.jobs)."""
    if result.status is not ImportStatus.IMPORTED:
        return
    from leefbaar.services import jobs

    door = account.email if account is not None else options.gebruiker or default_user()
    jobs.after_import(
        url,
        result.kind,
        result.import_id,
        account.organisatie if account is not None else None,
        door,
        f"{result.kind} geïmporteerd: {result.file}",
    )


def _read_file(
    url: str,
    kind_name: str,
    read: ReadFile,
    options: ImportOptions,
    max_errors: int,
    progress: Progress | None,
) -> ImportResult:
    kind = kinds.BY_NAME[kind_name]
    future = future_peildatum_error(read.name, options.peildatum)
    if future is not None:
        return _counted(
            ImportResult(
                kind.name,
                read.name,
                ImportStatus.REJECTED,
                read.table.num_rows,
                errors=(future,),
                error_count=1,
            )
        )
    problems = header_errors(kind, read) + list(read.invalid_rows)
    if problems:
        count = len(problems) - len(read.invalid_rows) + read.invalid_row_count
        return _counted(
            ImportResult(
                kind.name,
                read.name,
                ImportStatus.REJECTED,
                read.table.num_rows,
                errors=tuple(problems[:max_errors]),
                error_count=count,
            )
        )
    if kind.pseudonymises and options.pseudonymiser is None:
        # Pseudonymised at the door, with Leefbaar's own current key: a supplier's "pseudonym" is
        # never trusted, and the supplier's id never stored.
        try:
            ring = processing_log.checked_keyring(url)
        except processing_log.SleutelFout as exc:
            error = RowError(read.name, None, None, None, f"pseudonimiseren kan niet: {exc}")
            return ImportResult(
                kind.name,
                read.name,
                ImportStatus.REJECTED,
                read.table.num_rows,
                errors=(error,),
                error_count=1,
            )
        options = replace(options, pseudonymiser=ring.pseudonymiser(kind.pseudonym_receiver))
    return _counted(
        run_import(
            url, kind, read.name, read.sha256, read.table, options, max_errors, progress or (lambda _: None)
        )
    )


#: Converters for official source files: CLI kind -> (target kind, description).
CONVERTERS: dict[str, tuple[str, str]] = {
    "cbs-gebiedscodes": ("gebieden", "CBS-codelijst van één niveau (Gemeente2025;Gemeentenaam2025 enz.)"),
    "cbs-kwb": ("gebiedsindicatoren", "CBS Kerncijfers wijken en buurten of een andere brede CBS-tabel"),
    "cbs-kwb-gebieden": ("gebieden", "de gebieden (code en naam) uit een Kerncijfers-bestand"),
    "pdok-grenzen": ("grenzen", "PDOK/CBS-gebiedsgrenzen als GeoJSON (CRS84)"),
}


def all_kinds() -> dict[str, str]:
    """Every kind the ``import`` command accepts, with its description."""
    out = {kind.name: kind.description for kind in kinds.ALL}
    out.update({name: f"{description} -> {target}" for name, (target, description) in CONVERTERS.items()})
    return out


class GeenSchrijfrecht(PermissionError):
    """The account may not write this kind of data at all (message in Dutch, from privacy.ownership)."""


def target_kind(kind_name: str) -> ImportKind:
    """The table kind a file of ``kind_name`` (a table kind or a converter) lands in."""
    name = CONVERTERS[kind_name][0] if kind_name in CONVERTERS else kind_name
    kind = kinds.BY_NAME.get(name)
    if kind is None:
        raise UnknownKind(f"onbekende importsoort '{kind_name}'; kies uit: {', '.join(all_kinds())}")
    return kind


def kinds_for(rol: Rol) -> dict[str, str]:
    """The kinds (table kinds and converters) an account of ``rol`` may import, with descriptions."""
    writer = Writer(rol, "")
    return {
        name: description
        for name, description in all_kinds().items()
        if refusal(writer, target_kind(name).ownership, name) is None
    }


def check_may_write(url: str, account: Account, kind_name: str) -> None:
    """Refuse (and audit) an account that may not write ``kind_name`` at all: :class:`GeenSchrijfrecht`."""
    reason = refusal(Writer(account.rol, account.organisatie), target_kind(kind_name).ownership, kind_name)
    if reason is not None:
        processing_log.record_import(url, account, kind_name, None, reason)
        raise GeenSchrijfrecht(reason[0].upper() + reason[1:] + ".")


def import_source_file(
    url: str,
    kind_name: str,
    path: Path,
    options: ImportOptions,
    jaar: int | None = None,
    provincies: dict[str, str] | None = None,
    max_errors: int = 20,
    progress: Progress | None = None,
    account: Account | None = None,
    herberekenen: bool = True,
) -> ImportResult:
    """Import a file of any kind, table kind or converter (``all_kinds``).

    ``account``: who imports. Its role must be allowed to write the kind (else
    :class:`GeenSchrijfrecht`) and, unless it is the beheerder, every row must belong to its own
    organisation (privacy.ownership); the import and any refusal are in the audit log. None: the
    operator of the command line or the demo, who may import anything.
    ``herberekenen``: queue the re-evaluation of the verdicts after a successful import
    (services.jobs; the demo, which runs the monitor itself, does not).
    """
    if account is not None:
        result = _as_account(
            url,
            account,
            kind_name,
            options,
            lambda own: _import_source_file(
                url, kind_name, path, own, jaar, provincies, max_errors, progress
            ),
        )
    else:
        result = _import_source_file(url, kind_name, path, options, jaar, provincies, max_errors, progress)
    if herberekenen:
        _queue_after(url, result, account, options)
    return result


def _as_account(
    url: str,
    account: Account,
    kind_name: str,
    options: ImportOptions,
    run: Callable[[ImportOptions], ImportResult],
) -> ImportResult:
    """Run an import as ``account``: refused (and audited) when its role may not write the kind;
    otherwise every row must belong to its organisation (privacy.ownership), the import log names
    it, and the import is audited."""
    kind = target_kind(kind_name)
    check_may_write(url, account, kind_name)
    writer = Writer(account.rol, account.organisatie)
    options = replace(
        options,
        gebruiker=account.email,
        organisatie=account.organisatie,
        beperkt_tot=restricted_to(writer, kind.ownership),
    )
    result = run(options)
    processing_log.record_import(url, account, kind_name, result, None, personal=kind.ownership.personal)
    return result


def _import_source_file(
    url: str,
    kind_name: str,
    path: Path,
    options: ImportOptions,
    jaar: int | None,
    provincies: dict[str, str] | None,
    max_errors: int,
    progress: Progress | None,
) -> ImportResult:
    from leefbaar.ingest import cbs
    from leefbaar.ingest.geojson import read_geojson

    ensure_schema(url)
    if kind_name not in CONVERTERS:
        return import_file(url, kind_name, path, options, max_errors, progress)
    target = CONVERTERS[kind_name][0]
    notes: list[str] = []
    try:
        read = read_geojson(path) if kind_name == "pdok-grenzen" else read_table_file(path)
        if kind_name == "cbs-gebiedscodes":
            read, year = cbs.codelist_to_gebieden(read, provincies)
            options = replace(options, indelingsjaar=options.indelingsjaar or year)
        elif kind_name == "cbs-kwb-gebieden":
            read = cbs.kwb_regions(read)
        elif kind_name == "cbs-kwb":
            if jaar is None:
                raise UnknownKind("geef bij cbs-kwb het jaar van de cijfers op (--jaar)")
            read, notes = cbs.kwb_indicators(read, jaar, options.bron)
    except FileError as exc:
        return _counted(
            ImportResult(target, path.name, ImportStatus.REJECTED, 0, errors=(exc.error,), error_count=1)
        )
    result = _read_file(url, target, read, options, max_errors, progress)
    return replace(result, notes=tuple(result.notes) + tuple(notes)) if notes else result
