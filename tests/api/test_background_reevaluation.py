"""The monitor follows the data: a record written through the API on a running app changes the stored
verdict of its scope in the background (DuckDB and PostgreSQL); a refused write queues nothing.

The worker thread runs as in production (setting ``herberekening`` on, started by the app's lifespan):
woken at once by a write in its own process, and finding jobs that another process queued by polling.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.services import accounts, jobs, monitor
from leefbaar.storage import job_queries as q
from leefbaar.storage.engine import get_engine
from tests.api.conftest import make_client
from tests.security.helpers import ACCOUNTS, make_accounts

CORPORATIE = monitor.parse_scope("corporatie:L0001")
R1 = "r1-geen-conditie-5-6"


def _app(
    monkeypatch: pytest.MonkeyPatch, url: str, interval: float
) -> Iterator[tuple[TestClient, dict[str, str], str]]:
    make_accounts(url)
    token, _ = accounts.create_token(url, ACCOUNTS["corporatie"][0], "lezen schrijven")
    monkeypatch.setenv("LEEFBAAR_HERBEREKENING", "true")
    monkeypatch.setenv("LEEFBAAR_HERBEREKENING_INTERVAL_SECONDEN", str(interval))
    for client in make_client(monkeypatch, url):
        assert jobs.running(url) is not None
        yield client, {"Authorization": f"Bearer {token}"}, url
    assert jobs.running(url) is None  # stopped on shutdown


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch, tiny_db: str) -> Iterator[tuple[TestClient, dict[str, str], str]]:
    """The app with its worker looking at the queue only every 5 minutes: a write in this process
    must wake it at once."""
    yield from _app(monkeypatch, tiny_db, 300)


@pytest.fixture
def polling(
    monkeypatch: pytest.MonkeyPatch, tiny_db: str
) -> Iterator[tuple[TestClient, dict[str, str], str]]:
    """The app with its worker looking at the queue every half second."""
    yield from _app(monkeypatch, tiny_db, 0.5)


def _scalar(url: str, sql: str, **params: object) -> object:
    with get_engine(url).connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _complex_score(url: str) -> float | None:
    run = monitor.latest_evaluation(url, CORPORATIE)
    assert run is not None
    found = [b for b in run.beoordelingen if b.toezegging_id == R1 and b.variant == "complexscore"]
    return found[0].waarde


def _wait_for_run_after(url: str, run_id: int, seconds: float = 20.0) -> monitor.MonitorRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run = monitor.latest_evaluation(url, CORPORATIE)
        if run is not None and run.run_id is not None and run.run_id > run_id:
            return run
        time.sleep(0.1)
    raise AssertionError(f"geen nieuwe beoordeling voor {CORPORATIE} binnen {seconds} s")


def test_a_record_written_through_the_api_changes_its_verdict_in_the_background(api) -> None:  # type: ignore[no-untyped-def]
    client, h, url = api
    before = monitor.run_evaluation(url, date.today(), CORPORATIE)
    assert before.run_id is not None
    score_before = _complex_score(url)
    assert score_before is not None
    # Complex 1002 of L0001: scored 1 as a whole in the demo (so not counted under R1), 9 dwellings.
    assert (
        _scalar(
            url,
            "SELECT score FROM conditiemeting WHERE corporatie_id = 'L0001' AND complexnummer = '1002' "
            "AND element IS NULL",
        )
        == 1
    )
    dwellings = _scalar(
        url, "SELECT count(*) FROM woning WHERE corporatie_id = 'L0001' AND complexnummer = '1002'"
    )
    assert dwellings == 9
    answer = client.post(
        "/api/v1/conditiemetingen",
        json={
            "complexnummer": "1002",
            "score": 5,
            "meetdatum": date.today().isoformat(),
            "methode": "NEN 2767",
        },
        headers=h,
    )
    assert answer.status_code == 201, answer.text
    after = _wait_for_run_after(url, before.run_id)
    # The whole complex now in condition 5: its 9 dwellings count under the complex-score rule.
    assert _complex_score(url) == score_before + 9
    assert after.scope == CORPORATIE and after.peildatum == date.today()
    scoped = _scalar(
        url,
        "SELECT status FROM herberekening WHERE scope = 'corporatie:L0001' AND run_id = :r",
        r=after.run_id,
    )
    assert scoped == "klaar"


def test_a_refused_write_queues_nothing(api) -> None:  # type: ignore[no-untyped-def]
    client, h, url = api
    refused = client.post(
        "/api/v1/conditiemetingen",
        json={"corporatieId": "L0002", "complexnummer": "1002", "score": 5, "meetdatum": "2026-01-02"},
        headers=h,
    )
    assert refused.status_code == 403, refused.text
    invalid = client.post(
        "/api/v1/conditiemetingen",
        json={"complexnummer": "1002", "score": 7, "meetdatum": "2026-01-02"},
        headers=h,
    )
    assert invalid.status_code == 400, invalid.text
    assert _scalar(url, "SELECT count(*) FROM herberekening") == 0


def test_a_job_queued_by_another_process_is_found_by_polling(polling) -> None:  # type: ignore[no-untyped-def]
    """Another server process or the command line queues straight into the table: no wake-up here."""
    _client, _h, url = polling
    before = monitor.run_evaluation(url, date.today(), CORPORATIE)
    assert before.run_id is not None
    q.enqueue(
        url,
        soort=jobs.MONITOR,
        scope=str(CORPORATIE),
        jaar=None,
        prioriteit=jobs.PRIORITEIT_EIGEN,
        reden="elders",
        door="ander proces",
        now=datetime.now().replace(microsecond=0),
    )
    after = _wait_for_run_after(url, before.run_id)
    assert after.scope == CORPORATIE
