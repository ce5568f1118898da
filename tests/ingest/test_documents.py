"""Evidence documents are judged by their bytes: PDF, ODT and DOCX pass, anything else is refused."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from leefbaar.ingest.documents import DocumentRefused, DocumentSoort, check_document, sniff


def pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def odt(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # the OpenDocument rule: "mimetype" first and uncompressed
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx(parts: tuple[str, ...] = ("[Content_Types].xml", "word/document.xml")) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in parts:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "soort"),
    [
        (pdf(), DocumentSoort.PDF),  # the %PDF- header
        (odt(), DocumentSoort.ODT),  # a ZIP whose first entry says OpenDocument text
        (docx(), DocumentSoort.DOCX),  # a ZIP with the Word main part
        (odt("application/vnd.oasis.opendocument.spreadsheet"), None),  # a spreadsheet is no text document
        (docx(("[Content_Types].xml", "xl/workbook.xml")), None),  # an Excel workbook is no DOCX
        (docx(("readme.txt",)), None),  # any other ZIP
        (b"PK\x03\x04 but no archive", None),  # a ZIP header alone
        (b"<html><script>alert(1)</script></html>", None),  # HTML, whatever its name
        (b"MZ\x90\x00", None),  # an executable
        (b" %PDF-1.7", None),  # the magic bytes must come first
    ],
)
def test_the_bytes_decide(data: bytes, soort: DocumentSoort | None) -> None:
    assert sniff(data) is soort


def test_an_accepted_document_has_its_hash_and_size() -> None:
    data = pdf()
    checked = check_document(data, max_bytes=1024)
    assert (checked.soort, checked.grootte, checked.sha256) == (
        DocumentSoort.PDF,
        len(data),
        hashlib.sha256(data).hexdigest(),
    )


@pytest.mark.parametrize(
    ("data", "max_bytes", "reden"),
    [
        (b"", 1024, "het bestand is leeg"),
        (
            pdf() + b"0" * 2048,
            1024,
            "het bestand is groter dan 1 kB \\(het is 3 kB\\)",
        ),  # over the limit, before sniffing
        (b"Gewoon tekst met de naam bewijs.pdf", 1024, "geen PDF-, ODT- of DOCX-document"),
    ],
)
def test_refusals_say_why(data: bytes, max_bytes: int, reden: str) -> None:
    with pytest.raises(DocumentRefused, match=reden):
        check_document(data, max_bytes)
