"""Request bodies and uploads (issue 13, items 5 and 6) replayed: nothing is read before the session
and the announced size are checked, an anonymous request cannot make the server buffer megabytes,
uploads are capped in columns, rows and unpacked size, and an import does not stop the site."""

from __future__ import annotations

import asyncio
import io
import threading
import zipfile
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from leefbaar.ingest import readers
from leefbaar.ingest.vocabulary import FileError
from leefbaar.web.security import ANONYMOUS_BODY_BYTES, CsrfMiddleware
from tests.security.conftest import Omgeving
from tests.security.test_web_auth import _login, _token


class _Probe:
    """An ASGI run of one request whose body arrives in chunks; records how much was pulled."""

    def __init__(self, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> None:
        self.headers = headers
        self.chunks = chunks
        self.pulled = 0
        self.status: int | None = None
        self.app_called = False

    async def _receive(self) -> dict:  # type: ignore[type-arg]
        if self.pulled < len(self.chunks):
            self.pulled += 1
            return {
                "type": "http.request",
                "body": self.chunks[self.pulled - 1],
                "more_body": self.pulled < len(self.chunks),
            }
        await asyncio.sleep(3600)  # a client that never sends the rest
        return {"type": "http.disconnect"}

    async def _send(self, message: dict) -> None:  # type: ignore[type-arg]
        if message["type"] == "http.response.start":
            self.status = message["status"]

    async def _app(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        self.app_called = True

    def run(self, path: str = "/inloggen") -> _Probe:
        scope = {
            "type": "http",
            "method": "POST",
            "path": path,
            "headers": [(b"cookie", b"leefbaar_csrf=abc"), *self.headers],
            "query_string": b"",
            "server": ("127.0.0.1", 8000),
            "client": ("127.0.0.1", 5000),
            "scheme": "https",
            "root_path": "",
        }
        # In a thread of its own: the suite may already run an event loop in this one.
        worker = threading.Thread(
            target=lambda: asyncio.run(
                asyncio.wait_for(CsrfMiddleware(self._app)(scope, self._receive, self._send), timeout=10)
            )
        )
        worker.start()
        worker.join()
        return self


def test_anonymous_post_announcing_ten_gigabytes_is_refused_before_reading(web_env: str) -> None:
    # Before: a request announcing 10 GB with a 3-byte body held its connection open.
    probe = _Probe(
        [(b"content-length", b"10000000000"), (b"content-type", b"multipart/form-data")], [b"abc"]
    ).run()
    assert probe.status == 413 and probe.pulled == 0 and not probe.app_called


def test_anonymous_post_of_sixty_megabytes_is_cut_off_at_the_anonymous_limit(web_env: str) -> None:
    # Before: the CSRF middleware read up to 64 MiB of any anonymous POST to any path.
    chunk = b"x" * (1024 * 1024)
    probe = _Probe([(b"content-type", b"application/x-www-form-urlencoded")], [chunk] * 60).run("/elders")
    assert probe.status == 413
    assert probe.pulled == 1  # one chunk of 1 MiB already exceeds the 64 KiB an anonymous request may send
    assert not probe.app_called
    assert ANONYMOUS_BODY_BYTES == 64 * 1024


def test_a_bad_content_length_is_refused(web_env: str) -> None:
    probe = _Probe([(b"content-length", b"12abc")], [b"abc"]).run()
    assert probe.status == 413 and probe.pulled == 0


def test_a_logged_in_upload_over_the_limit_is_refused_by_size(omgeving: Omgeving) -> None:
    client = omgeving.client
    _login(client, "beheerder")
    token = _token(client, "/gegevens")
    big = io.BytesIO(b"0" * (51 * 1024 * 1024))
    answer = client.post(
        "/gegevens",
        data={"csrf_token": token, "soort": "gebieden", "peildatum": "2025-01-01"},
        files={"bestand": ("groot.csv", big, "text/csv")},
    )
    assert answer.status_code == 413
    assert "te groot" in answer.text


@pytest.fixture
def web_env(monkeypatch: pytest.MonkeyPatch, empty_duckdb: str) -> Iterator[str]:
    from leefbaar.config import get_settings

    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", empty_duckdb)
    get_settings.cache_clear()
    yield empty_duckdb
    get_settings.cache_clear()


# -- file caps -----------------------------------------------------------------------------------


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("the file was parsed although its size should have refused it first")


def test_two_hundred_thousand_header_columns_are_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(readers, "_arrow_read", _never)
    header = ";".join(f"k{i}" for i in range(200_000)).encode()
    with pytest.raises(FileError) as refused:
        readers.read_csv_bytes(header + b"\n" + b"1" * 10 + b"\n", "breed.csv")
    assert "200.000 kolommen; ten hoogste 1.000" in str(refused.value)


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    with pytest.raises(FileError, match="meer dan 3 rijen"):
        readers.read_csv_bytes(b"a;b\n1;2\n3;4\n5;6\n7;8\n", "lang.csv")
    assert readers.read_csv_bytes(b"a;b\n1;2\n3;4\n5;6\n", "net.csv").table.num_rows == 3


def _xlsx_bomb(rows: int) -> bytes:
    """A real workbook of ``rows`` rows of three cells: a few MB packed, far more unpacked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            block = b"".join(
                b'<row><c t="inlineStr"><is><t>waarde</t></is></c><c><v>1</v></c><c><v>2</v></c></row>'
                for _ in range(10_000)
            )
            for _ in range(rows // 10_000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def test_an_xlsx_that_unpacks_to_a_million_rows_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    import fastexcel

    bomb = _xlsx_bomb(1_000_000)
    assert len(bomb) < 8 * 1024 * 1024  # small packed, as in the reported attack
    monkeypatch.setattr(fastexcel, "read_excel", _never)  # only the archive's directory may be read
    with pytest.raises(FileError, match=r"uitgepakt \d+ MB; ten hoogste 64 MB"):
        readers.read_xlsx_bytes(bomb, "bom.xlsx")


def test_a_small_real_xlsx_is_still_read() -> None:
    read = readers.read_xlsx_bytes(_xlsx_bomb(10_000), "klein.xlsx")
    assert read.table.num_rows == 9_999  # the first row is the header


def test_a_parquet_file_is_refused_by_its_footer() -> None:
    wide = pa.table({f"k{i}": [1] for i in range(readers.MAX_COLUMNS + 1)})
    out = io.BytesIO()
    pq.write_table(wide, out)
    with pytest.raises(FileError, match=r"1\.001 kolommen"):
        readers.read_parquet_bytes(out.getvalue(), "breed.parquet")
