"""``/afspraken`` and ``/monitor``: the agreement files and the newest stored verdicts per scope."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from leefbaar.services import monitor


def test_afspraken_lists_the_shipped_agreement_files(client: TestClient) -> None:
    ids = {a["id"] for a in client.get("/api/v1/afspraken").json()["afspraken"]}
    assert "nationaal-leefbaarheid-2022-2030" in ids
    assert "lokaal-GM0363-amsterdam-2024-2027" in ids
    one = client.get("/api/v1/afspraken/nationaal-leefbaarheid-2022-2030").json()
    assert one["soort"] == "nationaal"
    assert "r1-geen-conditie-5-6" in {t["id"] for t in one["toezeggingen"]}
    assert client.get("/api/v1/afspraken/bestaat-niet").status_code == 404


def test_monitor_is_404_before_a_run_and_answers_after_it(client: TestClient, tiny_duckdb: str) -> None:
    assert client.get("/api/v1/monitor?scope=gemeente:GM0363").status_code == 404
    run = monitor.run_evaluation(tiny_duckdb, date(2025, 6, 1))
    body = client.get("/api/v1/monitor?scope=gemeente:GM0363").json()
    assert body["runId"] == run.run_id
    assert body["peildatum"] == "2025-06-01"
    expected = {
        (b.toezegging_id, b.variant or None, b.status.value)
        for b in run.beoordelingen
        if str(b.scope) == "gemeente:GM0363"
    }
    assert {(b["toezegging"], b.get("variant"), b["status"]) for b in body["beoordelingen"]} == expected


def test_monitor_unknown_scope_is_a_400_naming_scope(client: TestClient) -> None:
    r = client.get("/api/v1/monitor?scope=wijk:WK036300")
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "scope"
