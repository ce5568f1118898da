"""Evidence documents: what an uploaded file really is, judged by its bytes, never by its name.

A status of a qualitative commitment may carry a document as evidence: PDF, ODT (OpenDocument text)
or DOCX (Office Open XML). The content type is taken from the magic bytes: ``%PDF-`` for PDF; for
ODT a ZIP archive whose first entry is ``mimetype`` holding the OpenDocument text type (the
OpenDocument rule); for DOCX a ZIP archive with ``[Content_Types].xml`` and ``word/document.xml``.
Only the ZIP directory is read, nothing is unpacked. The caller stores the bytes with their SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum


class DocumentSoort(StrEnum):
    """The accepted kinds of evidence document, with their media type as value."""

    PDF = "application/pdf"
    ODT = "application/vnd.oasis.opendocument.text"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


#: The extension a stored document is offered with (downloads), per kind.
EXTENSIE = {DocumentSoort.PDF: ".pdf", DocumentSoort.ODT: ".odt", DocumentSoort.DOCX: ".docx"}

_ZIP = b"PK\x03\x04"
_ODT_MIMETYPE = b"mimetype" + DocumentSoort.ODT.value.encode()


@dataclass(frozen=True)
class CheckedDocument:
    """An accepted document: its kind, size and SHA-256 (hex)."""

    soort: DocumentSoort
    grootte: int
    sha256: str


class DocumentRefused(ValueError):
    """The file is not an accepted document (message in Dutch)."""


def sniff(data: bytes) -> DocumentSoort | None:
    """The kind of document the bytes are, or None when they are none of PDF, ODT and DOCX."""
    if data.startswith(b"%PDF-"):
        return DocumentSoort.PDF
    if not data.startswith(_ZIP):
        return None
    # OpenDocument: the first entry is the uncompressed file "mimetype" (name at offset 30).
    if data[30 : 30 + len(_ODT_MIMETYPE)] == _ODT_MIMETYPE:
        return DocumentSoort.ODT
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if {"[Content_Types].xml", "word/document.xml"} <= names:
        return DocumentSoort.DOCX
    return None


def check_document(data: bytes, max_bytes: int) -> CheckedDocument:
    """Accept the bytes as evidence or raise :class:`DocumentRefused` saying why."""
    if not data:
        raise DocumentRefused("het bestand is leeg")
    if len(data) > max_bytes:
        raise DocumentRefused(f"het bestand is groter dan {_omvang(max_bytes)} (het is {_omvang(len(data))})")
    soort = sniff(data)
    if soort is None:
        raise DocumentRefused(
            "het bestand is geen PDF-, ODT- of DOCX-document (Leefbaar kijkt naar de inhoud, niet naar de naam)"
        )
    return CheckedDocument(soort, len(data), hashlib.sha256(data).hexdigest())


def _omvang(size: int) -> str:
    """A size in Dutch: kB below a megabyte, MB (one decimal below ten) above."""
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} kB"
    mb = size / (1024 * 1024)
    return f"{mb:.1f} MB".replace(".", ",") if mb < 10 else f"{round(mb)} MB"
