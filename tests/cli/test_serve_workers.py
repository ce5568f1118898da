"""Several server processes on one PostgreSQL database: a write through one is seen through the other
on its next request; ``serve --workers 2`` answers and adds up its workers' metrics; on DuckDB
``serve`` starts one process and says so in Dutch."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.browser_fixtures import free_port
from tests.storage_fixtures import Templates, _database

LEEFBAAR = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "leefbaar"
#: Seconds a request may take: on a loaded 2-core machine a first page on a fresh database is slow.
TIMEOUT = 60.0


@pytest.fixture(params=("postgres",))
def tiny_pg(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """The tiny demo (with its demo accounts) on PostgreSQL only: the set-up for several processes."""
    yield from _database(request, templates, tmp_path, "tiny")


def _start(url: str, log: Path, workers: int) -> tuple[str, subprocess.Popen[bytes]]:
    """``leefbaar serve`` in its own process on a free port (not waited for)."""
    port = free_port()
    env = {
        **os.environ,
        "LEEFBAAR_ENVIRONMENT": "development",
        "LEEFBAAR_DATABASE_URL": url,
        "LEEFBAAR_COOKIE_SECURE": "false",  # plain http on 127.0.0.1: the cookies must come back
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = [str(LEEFBAAR), "serve", "--port", str(port), "--workers", str(workers), "--database", url]
    with open(log, "wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    return f"http://127.0.0.1:{port}", process


def _wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    # Generous: on a loaded 2-core machine two workers importing the app take tens of seconds.
    deadline = time.monotonic() + 180
    while True:
        assert process.poll() is None, log.read_text(errors="replace")[-2000:]
        try:
            if httpx.get(base + "/api/v1/health/ready", timeout=10).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-2000:]
        time.sleep(0.2)


@contextmanager
def servers(url: str, logs: list[Path], workers: int = 1) -> Iterator[list[str]]:
    """One server per log, started together (they import the app at the same time); yields their
    base URLs once every one is ready."""
    started = [(_start(url, log, workers), log) for log in logs]
    try:
        for (base, process), log in started:
            _wait_ready(base, process, log)
        yield [base for (base, _), _ in started]
    finally:
        for (_, process), _ in started:
            process.terminate()
        for (_, process), _ in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _upload_dwellings(client: httpx.Client) -> None:
    """Log in as the demo beheerder (who may import any rows) and import two dwellings through the upload page."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/inloggen").text)
    assert token is not None
    login = client.post(
        "/inloggen",
        data={
            "email": "beheerder@demo.leefbaar.nl",
            "wachtwoord": "demo-beheerder-2026",
            "volgende": "/gegevens",
            "csrf_token": token.group(1),
        },
    )
    assert login.status_code == 303, login.text[:300]
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/gegevens").text)
    assert token is not None
    csv = "verblijfsobject_id;buurtcode;eigendom\n0363010000900001;BU0363AA01;koop\n0363010000900002;BU0363AA01;koop\n"
    answer = client.post(
        "/gegevens",
        data={
            "soort": "woningen",
            "peildatum": "2025-02-01",
            "indelingsjaar": "2025",
            "csrf_token": token.group(1),
        },
        files={"bestand": ("extra.csv", csv.encode(), "text/csv")},
    )
    report = answer.text.split('id="importverslag"')[-1].split('id="formulierfouten"')[-1]
    assert answer.status_code == 200 and "extra.csv: geïmporteerd" in answer.text, report[:1500]


@pytest.mark.postgres
@pytest.mark.slow
def test_a_write_through_one_process_is_seen_by_the_other_on_its_next_request(
    tiny_pg: str, tmp_path: Path
) -> None:
    with servers(tiny_pg, [tmp_path / "a.log", tmp_path / "b.log"]) as (a, b):
        gemeente = b + "/api/v1/gemeenten/GM0363"
        before = httpx.get(gemeente, timeout=TIMEOUT)
        koop = before.json()["woningen"]["koop"]
        assert httpx.get(gemeente, timeout=TIMEOUT).json()["woningen"]["koop"] == koop  # B has it cached now
        page_before = httpx.get(b + "/gemeenten/GM0363", timeout=TIMEOUT)
        with httpx.Client(base_url=a, follow_redirects=False, timeout=TIMEOUT) as client:
            _upload_dwellings(client)
        after = httpx.get(gemeente, headers={"If-None-Match": before.headers["ETag"]}, timeout=TIMEOUT)
        assert after.status_code == 200  # B's cached answer and its tag are stale at once
        assert after.json()["woningen"]["koop"] == koop + 2
        assert (
            httpx.get(b + "/gemeenten/GM0363", timeout=TIMEOUT).headers["ETag"] != page_before.headers["ETag"]
        )


@pytest.mark.postgres
@pytest.mark.slow
def test_serve_with_two_workers_answers_and_adds_up_their_metrics(tiny_pg: str, tmp_path: Path) -> None:
    with servers(tiny_pg, [tmp_path / "w.log"], workers=2) as (base,):
        with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
            for _ in range(20):
                assert client.get("/api/v1/gemeenten/GM0363").status_code == 200
        text = httpx.get(base + "/metrics", timeout=TIMEOUT).text
    count = re.search(
        r'leefbaar_http_request_duration_seconds_count\{method="GET",route="/api/v1/gemeenten/\{code\}",'
        r'status="200"\} ([0-9.]+)',
        text,
    )
    assert count is not None and float(count.group(1)) == 20  # whichever worker answered
    log = (tmp_path / "w.log").read_text(errors="replace")
    assert "2 processen" in log
    assert '"logger": "leefbaar.toegang"' in log  # JSON log lines


@pytest.mark.parametrize(
    ("database", "asked", "started", "note"),
    [
        ("duckdb:///{tmp}/leefbaar.duckdb", 3, 1, True),  # DuckDB: one process, said in Dutch
        ("duckdb:///{tmp}/leefbaar.duckdb", 1, 1, False),  # one asked: nothing to say
        ("postgresql+psycopg://leefbaar@127.0.0.1:9/db", 3, 3, False),  # PostgreSQL: as many as asked
    ],
)
def test_serve_starts_the_workers_asked_for_except_on_duckdb(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database: str, asked: int, started: int, note: bool
) -> None:
    """What ``serve`` hands uvicorn (which is not started here), and what it says."""
    import uvicorn
    from typer.testing import CliRunner

    from leefbaar.cli import app
    from leefbaar.config import get_settings

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    monkeypatch.setenv("LEEFBAAR_ENVIRONMENT", "development")
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", "duckdb:///:memory:")  # serve sets it from --database
    url = database.format(tmp=tmp_path)
    result = CliRunner().invoke(app, ["serve", "--workers", str(asked), "--database", url])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert calls[0]["workers"] == started
    said = "DuckDB is een ingebed bestand dat maar één proces tegelijk mag gebruiken" in result.output
    assert said is note
    if note:
        assert f"1 proces in plaats van {asked}" in result.output
    assert calls[0]["access_log"] is False and calls[0]["log_config"]  # JSON logs of our own
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ  # a folder of its own, removed afterwards
