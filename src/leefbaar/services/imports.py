"""Import a file of a given kind: read it, check its header, validate and load it set-based."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

from leefbaar.domain.imports import FileError, ImportOptions, ImportResult, ImportStatus
from leefbaar.ingest import kinds
from leefbaar.ingest.columns import header_errors
from leefbaar.ingest.readers import ReadFile, read_table_file
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
        return ImportResult(kind.name, name, ImportStatus.REJECTED, 0, errors=(exc.error,), error_count=1)
    return import_read_file(url, kind_name, read, options, max_errors, report)


def import_read_file(
    url: str,
    kind_name: str,
    read: ReadFile,
    options: ImportOptions,
    max_errors: int = 20,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a file that was already read into text columns (used by converters such as CBS files)."""
    kind = kinds.BY_NAME[kind_name]
    problems = header_errors(kind, read) + list(read.invalid_rows)
    if problems:
        count = len(problems) - len(read.invalid_rows) + read.invalid_row_count
        return ImportResult(
            kind.name,
            read.name,
            ImportStatus.REJECTED,
            read.table.num_rows,
            errors=tuple(problems[:max_errors]),
            error_count=count,
        )
    return run_import(
        url, kind, read.name, read.sha256, read.table, options, max_errors, progress or (lambda _: None)
    )
