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


def test_status_per_gemeente_matches_each_gemeentes_own_verdict(
    client_both: TestClient, tiny_db: str
) -> None:
    assert client_both.get("/api/v1/monitor/gemeenten?toezegging=r11-urgentieverordening").status_code == 404
    run = monitor.run_evaluation(tiny_db, date(2025, 6, 1))
    # A later run for one municipality only does not replace the map's run.
    monitor.run_evaluation(tiny_db, date(2025, 9, 1), scope=monitor.parse_scope("gemeente:GM0599"))
    body = client_both.get("/api/v1/monitor/gemeenten?toezegging=r11-urgentieverordening").json()
    assert (body["runId"], body["peildatum"]) == (run.run_id, "2025-06-01")
    # The independent route: the verdicts as the evaluation computed them, before they were stored.
    expected = {
        b.scope.code: b.status.value
        for b in run.beoordelingen
        if b.toezegging_id == "r11-urgentieverordening" and b.scope.soort.value == "gemeente"
    }
    assert len(expected) == 342  # every municipality of indeling 2025 is judged
    assert {s["gemeentecode"]: s["status"] for s in body["statussen"]} == expected


def test_status_per_gemeente_of_a_variant_commitment_needs_its_rule(
    client: TestClient, tiny_duckdb: str
) -> None:
    monitor.run_evaluation(tiny_duckdb, date(2025, 6, 1))
    r = client.get("/api/v1/monitor/gemeenten?toezegging=r1-geen-conditie-5-6")
    assert r.status_code == 404
    assert "complexscore" in r.json()["detail"]
    r = client.get("/api/v1/monitor/gemeenten?toezegging=r1-geen-conditie-5-6&variant=complexscore")
    assert r.status_code == 200
    assert r.json()["variant"] == "complexscore"
    assert client.get("/api/v1/monitor/gemeenten?toezegging=R1!").status_code == 400


def test_status_per_gemeente_links_each_gemeente_and_the_agreement(
    client: TestClient, tiny_duckdb: str
) -> None:
    monitor.run_evaluation(tiny_duckdb, date(2025, 6, 1))
    body = client.get("/api/v1/monitor/gemeenten?toezegging=r11-urgentieverordening").json()
    assert body["_links"]["self"]["href"].endswith(
        "/api/v1/monitor/gemeenten?toezegging=r11-urgentieverordening"
    )
    agreement = client.get(body["_links"]["afspraak"]["href"]).json()
    assert agreement["id"] == body["afspraak"]
    assert "r11-urgentieverordening" in [t["id"] for t in agreement["toezeggingen"]]
    ams = next(s for s in body["statussen"] if s["gemeentecode"] == "GM0363")
    assert ams["_links"]["gemeente"]["href"] == "http://testserver/api/v1/gemeenten/GM0363"
    assert client.get(ams["_links"]["gemeente"]["href"]).json()["naam"] == "Amsterdam"
