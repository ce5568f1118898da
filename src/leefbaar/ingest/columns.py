"""Match a file's header with an import kind: missing and unknown columns are named in Dutch."""

from __future__ import annotations

from leefbaar.ingest.readers import ROW_COLUMN, ReadFile
from leefbaar.ingest.vocabulary import ImportKind, RowError


def header_errors(kind: ImportKind, read: ReadFile) -> list[RowError]:
    """Errors for required columns the file lacks and for columns the kind does not know."""
    present = [name for name in read.table.column_names if name != ROW_COLUMN]
    known = set(kind.column_names)
    errors = []
    missing = [c.name for c in kind.columns if c.required and c.name not in present]
    for name in missing:
        errors.append(RowError(read.name, 1, name, None, "verplichte kolom ontbreekt in de kopregel"))
    stored_as = {c.pseudonymised_as: c.name for c in kind.columns if c.pseudonymised_as}
    for name in present:
        if name in stored_as:
            errors.append(
                RowError(
                    read.name,
                    1,
                    name,
                    None,
                    f"Leefbaar maakt het pseudoniem zelf: lever in kolom {stored_as[name]} het eigen nummer "
                    "van het huishouden aan (het wordt niet opgeslagen)",
                )
            )
        elif name not in known:
            errors.append(
                RowError(
                    read.name,
                    1,
                    name,
                    None,
                    f"onbekende kolom; verwacht voor '{kind.name}': {', '.join(kind.column_names)}",
                )
            )
    if missing and len(present) == 1 and any(sep in present[0] for sep in "|:\t,;"):
        errors.append(
            RowError(
                read.name,
                1,
                None,
                present[0],
                "scheidingsteken niet herkend: gebruik ; of , tussen de kolommen",
            )
        )
    return errors
