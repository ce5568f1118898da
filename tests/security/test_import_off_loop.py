"""An upload's import runs in a worker thread (issue 13, item 6 replayed): while a large file is
imported through ``/gegevens`` on a real server, other visitors' pages keep answering."""

from __future__ import annotations

import re
import statistics
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from sqlalchemy import text

from leefbaar.config import get_settings
from leefbaar.services import accounts
from leefbaar.storage.engine import get_engine
from tests.browser_fixtures import free_port
from tests.security.helpers import PASSWORD

ROWS = 600_000


@pytest.fixture
def server(tiny_duckdb: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_duckdb)
    monkeypatch.setenv("LEEFBAAR_COOKIE_SECURE", "false")  # plain http on loopback, development only
    get_settings.cache_clear()
    accounts.create_account(tiny_duckdb, "beheer@x.nl", "beheerder", "LEEFBAAR", PASSWORD)
    port = free_port()
    config = uvicorn.Config(
        "leefbaar.app:create_app", factory=True, host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "de testserver startte niet"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    get_settings.cache_clear()


def _token(client: httpx.Client, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', client.get(path).text)
    assert found is not None
    return found.group(1)


def test_pages_answer_while_a_large_upload_is_imported(server: str, tiny_duckdb: str) -> None:
    with get_engine(tiny_duckdb).connect() as conn:
        codes = (
            conn.execute(
                text("SELECT code FROM regio WHERE niveau = 'buurt' AND indelingsjaar = 2025 ORDER BY code")
            )
            .scalars()
            .all()
        )
    lines = ["regiocode;jaar;indicator;waarde;bron"]
    n = len(codes)
    assert ROWS // n // 20 <= 100  # every (code, year, indicator) once, years 2000-2100
    lines += [f"{codes[i % n]};{2000 + i // n // 20};i{i // n % 20};{i};test" for i in range(ROWS)]
    content = ("\n".join(lines) + "\n").encode()

    uploader = httpx.Client(base_url=server, timeout=120)
    token = _token(uploader, "/inloggen")
    login = uploader.post(
        "/inloggen",
        data={"email": "beheer@x.nl", "wachtwoord": PASSWORD, "volgende": "/", "csrf_token": token},
    )
    assert login.status_code == 303, login.text
    token = _token(uploader, "/gegevens")
    outcome: dict[str, object] = {}

    def upload() -> None:
        outcome["started"] = time.monotonic()
        answer = uploader.post(
            "/gegevens",
            data={
                "csrf_token": token,
                "soort": "gebiedsindicatoren",
                "peildatum": "2024-01-01",
                "indelingsjaar": "2025",
            },
            files={"bestand": ("groot.csv", content, "text/csv")},
        )
        outcome["status"] = answer.status_code
        outcome["text"] = answer.text
        outcome["ended"] = time.monotonic()

    worker = threading.Thread(target=upload)
    visitor = httpx.Client(base_url=server, timeout=30)
    visitor.get("/toegankelijkheid")  # warm
    worker.start()
    times: list[float] = []
    while worker.is_alive():
        begin = time.monotonic()
        assert visitor.get("/toegankelijkheid").status_code == 200
        times.append(time.monotonic() - begin)
        time.sleep(0.02)
    worker.join()
    assert outcome["status"] == 200, outcome["text"]
    took = float(outcome["ended"]) - float(outcome["started"])  # type: ignore[arg-type]
    assert took > 1.0, "the import must take long enough to prove anything"
    # Before: one upload blocked every other request for the whole import.
    assert len(times) >= 5
    assert statistics.median(times) < 0.2, times
    with get_engine(tiny_duckdb).connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM gebiedsindicator WHERE bron = 'test'")).scalar_one()
    assert stored == ROWS
