"""The data behind Leefbaar: completeness per source and year, and importing an uploaded file."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from leefbaar.domain.parties import Rol
from leefbaar.ingest import formats_doc, kinds
from leefbaar.ingest.vocabulary import ImportOptions, ImportResult
from leefbaar.services import areas, imports
from leefbaar.services.accounts import Account
from leefbaar.storage import area_queries as q

#: Largest upload the web form accepts (bytes): a municipality's dwelling file fits easily.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

NIVEAU_LABELS = {"gemeente": "Gemeenten", "wijk": "Wijken", "buurt": "Buurten"}


def volledigheid(url: str | None = None, jaar: int | None = None) -> dict[str, Any]:
    """Imports per kind, source and year, and coverage per area level of the newest division year."""
    url = areas.database_url(url)
    areas.prepare(url)
    year = areas.indelingsjaar(url, jaar)
    imported = [
        {**r, "imports": int(r["imports"]), "rijen": int(r["rijen"] or 0), "jaar": int(r["jaar"])}
        for r in q.imports_per_source(url)
    ]
    dekking = []
    if year is not None:
        by_level = {r["niveau"]: r for r in q.coverage(url, year)}
        for niveau, label in NIVEAU_LABELS.items():
            r = by_level.get(niveau)
            if r is None:
                continue
            totaal = int(r["totaal"])
            row = {"niveau": niveau, "label": label, "totaal": totaal}
            for key in ("met_grens", "met_inwoners", "met_woningen"):
                row[key] = int(r[key])
                row[key.replace("met_", "") + "_pct"] = (
                    round(100.0 * int(r[key]) / totaal, 1) if totaal else None
                )
            dekking.append(row)
    return {"indelingsjaar": year, "imports": imported, "dekking": dekking}


def importsoorten() -> dict[str, str]:
    """Every kind a file can be imported as (table kinds and converters), with its Dutch description."""
    return imports.all_kinds()


def _safe_name(name: str) -> str:
    """The base name of an uploaded file, without path parts or odd characters."""
    base = Path(name.replace("\\", "/")).name or "bestand"
    return re.sub(r"[^A-Za-z0-9._-]", "_", base)[:120]


def importsoorten_voor(rol: Rol) -> dict[str, str]:
    """The kinds an account of this role may upload (privacy.ownership), with their descriptions."""
    return imports.kinds_for(rol)


def kolommen(soort: str) -> list[dict[str, str]]:
    """The columns of a table kind (name, required, type, meaning, rules, example) as on
    docs/import-formats.md; empty for a converter of an official file, which has its own format."""
    kind = kinds.BY_NAME.get(soort)
    return formats_doc.column_rows(kind) if kind is not None else []


def sjabloon(soort: str) -> str | None:
    """A CSV to fill in for a table kind (header and one example row); None for other kinds."""
    kind = kinds.BY_NAME.get(soort)
    return formats_doc.template_csv(kind) if kind is not None else None


def controleer_schrijfrecht(account: Account, soort: str, url: str | None = None) -> None:
    """Refuse (and audit) a kind the account may not write: :class:`imports.GeenSchrijfrecht`."""
    imports.check_may_write(areas.database_url(url), account, soort)


def mag_importeren(rol: Rol | None) -> bool:
    """Whether an account with this role may upload any kind of file."""
    return rol is not None and bool(importsoorten_voor(rol))


class TeGrootBestand(ValueError):
    """An uploaded file over MAX_UPLOAD_BYTES (message in Dutch)."""


_COPY_CHUNK = 1024 * 1024


def importeer_upload(
    account: Account,
    soort: str,
    bestandsnaam: str,
    inhoud: BinaryIO,
    peildatum: date,
    indelingsjaar: int | None = None,
    bron: str = "upload",
    url: str | None = None,
    jaar: int | None = None,
    alleen_controleren: bool = False,
) -> ImportResult:
    """Import an uploaded file (read from ``inhoud`` in blocks into a temporary file) through the
    ordinary pipeline; on any error nothing is written.

    Runs for seconds on a large file: call it from a worker thread, never on the event loop.
    Raises :class:`imports.UnknownKind` for a kind that does not exist,
    :class:`imports.GeenSchrijfrecht` for a kind the account may not write (before the file is
    read) and :class:`TeGrootBestand` for a file over MAX_UPLOAD_BYTES. Every row must belong to
    the account's organisation (privacy.ownership), else nothing is written. With
    ``alleen_controleren`` every check runs and nothing is written (the report says so).
    """
    url = areas.database_url(url)
    if soort not in importsoorten():
        raise imports.UnknownKind(f"onbekende importsoort '{soort}'")
    controleer_schrijfrecht(account, soort, url)
    name = _safe_name(bestandsnaam)
    options = ImportOptions(
        peildatum=peildatum, indelingsjaar=indelingsjaar, bron=bron, check_only=alleen_controleren
    )
    with tempfile.TemporaryDirectory(prefix="leefbaar-upload-") as folder:
        path = Path(folder) / name
        _copy_limited(inhoud, path)
        result = imports.import_source_file(url, soort, path, options, jaar=jaar, account=account)
    if result.ok and not alleen_controleren:
        areas.refresh(url)
    return result


def _copy_limited(source: BinaryIO, target: Path) -> None:
    written = 0
    with open(target, "wb") as out:
        while chunk := source.read(_COPY_CHUNK):
            written += len(chunk)
            if written > MAX_UPLOAD_BYTES:
                raise TeGrootBestand(f"het bestand is groter dan {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
            out.write(chunk)
