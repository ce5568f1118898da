"""Pages with verdicts say when they were computed and on which data version, and whether a
re-evaluation of their scope waits, runs or failed (services.jobs.scope_state)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from leefbaar.services import monitor
from leefbaar.storage import job_queries as q
from tests.api.conftest import make_client

T0 = datetime(2026, 3, 2, 10, 0, 0)
GEMEENTE = "gemeente:GM0363"


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch, tiny_duckdb: str) -> Iterator[tuple[TestClient, str]]:
    for client in make_client(monkeypatch, tiny_duckdb):  # the worker is off (tests/conftest.py)
        yield client, tiny_duckdb


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _enqueue(url: str, scope: str) -> None:
    q.enqueue(url, soort="monitor", scope=scope, jaar=None, prioriteit=10, reden="test", door="t", now=T0)


def test_the_pages_say_when_and_on_which_data_the_verdicts_were_computed(web) -> None:  # type: ignore[no-untyped-def]
    client, url = web
    runs = {
        "/": monitor.run_evaluation(url, date(2026, 1, 1), monitor.NATIONAAL),
        "/gemeenten/GM0363": monitor.run_evaluation(url, date(2026, 1, 1), monitor.parse_scope(GEMEENTE)),
        "/corporaties/L0001": monitor.run_evaluation(
            url, date(2026, 1, 1), monitor.parse_scope("corporatie:L0001")
        ),
    }
    for path, computed in runs.items():
        page = _text(client.get(path).text)
        # the run as stored (its start may lie in the next minute than the one the call returned)
        run = monitor.latest_evaluation(url, computed.scope or monitor.NATIONAAL)
        assert run is not None and run.run_id == computed.run_id
        moment = run.gestart_op.strftime("%d-%m-%Y %H:%M")
        assert f"Berekend op {moment} op gegevensversie {run.data_versie}." in page, path
        assert "Herberekening" not in page, path
    r1 = _text(client.get("/afspraken/r1-geen-conditie-5-6", params={"scope": GEMEENTE}).text)
    assert f"op gegevensversie {runs['/gemeenten/GM0363'].data_versie}." in r1


def test_a_waiting_and_a_failed_re_evaluation_are_shown(web) -> None:  # type: ignore[no-untyped-def]
    client, url = web
    monitor.run_evaluation(url, date(2026, 1, 1), monitor.parse_scope(GEMEENTE))
    _enqueue(url, GEMEENTE)
    page = _text(client.get("/gemeenten/GM0363").text)
    assert "Herberekening loopt…" in page
    # Another municipality's page is not concerned.
    assert "Herberekening" not in _text(client.get("/gemeenten/GM0599").text)
    job = q.claim(url, T0)
    assert job is not None
    failed_at = T0 + timedelta(seconds=4)
    q.fail(url, job, "De database gaf geen antwoord", failed_at, failed_at + timedelta(seconds=30))
    page = _text(client.get("/gemeenten/GM0363").text)
    assert "Herberekening loopt" not in page
    assert (
        "Herberekening mislukt op 02-03-2026 10:00: De database gaf geen antwoord; wordt opnieuw geprobeerd."
        in page
    )
    # The last attempt fails: no retry any more, and the page says so.
    for attempt in (2, 3):
        moment = T0 + timedelta(minutes=attempt * 10)
        job = q.claim(url, moment)
        assert job is not None and job["pogingen"] == attempt - 1
        q.fail(url, job, "De database gaf geen antwoord", moment, None if attempt == 3 else moment)
    page = _text(client.get("/gemeenten/GM0363").text)
    assert (
        "Herberekening mislukt op 02-03-2026 10:30: De database gaf geen antwoord. Na drie pogingen" in page
    )
    assert "wordt opnieuw geprobeerd" not in page
    # A later full run waits: it covers the municipality again.
    _enqueue(url, "alles")
    page = _text(client.get("/gemeenten/GM0363").text)
    assert "Herberekening loopt…" in page
