"""The write API for single records (/plannen, /gebreken ...) on DuckDB and PostgreSQL.

201 with Location and ETag, ETag on every read and write, If-Match required (428) and checked (412),
every problem in one 400 problem+json, PATCH merging, a same-day second edit being the current one,
a defect opened and closed, a plan withdrawn, and the scope ``schrijven``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.services import accounts
from tests.api.conftest import make_client
from tests.security.helpers import ACCOUNTS, make_accounts

PROBLEM = "application/problem+json"


@pytest.fixture
def api(
    monkeypatch: pytest.MonkeyPatch, tiny_db: str
) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    make_accounts(tiny_db)
    headers = {}
    for who in ("corporatie", "gemeente", "beheerder"):
        token, _ = accounts.create_token(tiny_db, ACCOUNTS[who][0], "lezen schrijven")
        headers[who] = {"Authorization": f"Bearer {token}"}
    read_only, _ = accounts.create_token(tiny_db, ACCOUNTS["corporatie"][0], "lezen")
    headers["alleen_lezen"] = {"Authorization": f"Bearer {read_only}"}
    for client in make_client(monkeypatch, tiny_db):
        yield client, headers


PLAN = {
    "planId": "P-API-1",
    "complexnummer": "1001",
    "soort": "sloop",
    "status": "voornemen",
    "aantalWoningen": 12,
}


def _create_plan(client: TestClient, h: dict[str, str], **extra: Any) -> Any:
    answer = client.post("/api/v1/plannen", json={**PLAN, **extra}, headers=h)
    assert answer.status_code == 201, answer.text
    return answer


def test_create_answers_201_with_location_etag_and_the_record(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    answer = _create_plan(client, h["corporatie"])
    body = answer.json()
    assert answer.headers["location"].endswith("/api/v1/plannen/L0001,P-API-1")
    assert answer.headers["etag"] == f'"{body["versie"]}"'
    assert body["id"] == "L0001,P-API-1"
    assert body["corporatieId"] == "L0001"  # the token's organisation
    assert body["aantalWoningen"] == 12
    assert body["peildatum"] == date.today().isoformat()
    assert "geplandeDatum" not in body  # no value: left out
    read = client.get(answer.headers["location"], headers=h["corporatie"])
    assert read.status_code == 200 and read.headers["etag"] == answer.headers["etag"]
    assert read.json() == body
    again = client.post("/api/v1/plannen", json=PLAN, headers=h["corporatie"])
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM


def test_a_change_needs_if_match_and_a_stale_one_is_refused(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    created = _create_plan(client, h["corporatie"])
    url, first = created.headers["location"], created.headers["etag"]
    missing = client.patch(url, json={"status": "besluit"}, headers=h["corporatie"])
    assert missing.status_code == 428 and missing.headers["content-type"] == PROBLEM
    assert missing.json()["title"] == "Voorwaarde vereist"
    changed = client.patch(url, json={"status": "besluit"}, headers={**h["corporatie"], "If-Match": first})
    assert changed.status_code == 200
    second = changed.headers["etag"]
    assert second != first
    stale = client.put(url, json=PLAN, headers={**h["corporatie"], "If-Match": first})
    assert stale.status_code == 412 and stale.headers["content-type"] == PROBLEM
    assert stale.headers["etag"] == second  # the current version, to fetch and retry
    assert client.get(url, headers=h["corporatie"]).json()["status"] == "besluit"  # nothing changed
    weak = client.patch(
        url, json={"status": "concreet"}, headers={**h["corporatie"], "If-Match": f"W/{second}"}
    )
    assert weak.status_code == 412  # a weak tag never matches for a change
    for_any = client.patch(url, json={"status": "concreet"}, headers={**h["corporatie"], "If-Match": "*"})
    assert for_any.status_code == 200


def test_a_same_day_second_edit_is_the_current_version(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    created = _create_plan(client, h["corporatie"])
    url = created.headers["location"]
    one = client.patch(
        url, json={"status": "besluit"}, headers={**h["corporatie"], "If-Match": created.headers["etag"]}
    )
    two = client.patch(
        url, json={"status": "concreet"}, headers={**h["corporatie"], "If-Match": one.headers["etag"]}
    )
    assert one.json()["peildatum"] == two.json()["peildatum"] == date.today().isoformat()
    read = client.get(url, headers=h["corporatie"])
    assert read.json()["status"] == "concreet" and read.headers["etag"] == two.headers["etag"]
    listed = client.get("/api/v1/plannen?paginagrootte=100", headers=h["corporatie"]).json()
    mine = [p for p in listed["_embedded"]["plannen"] if p["id"] == "L0001,P-API-1"]
    assert [p["status"] for p in mine] == ["concreet"]


def test_patch_merges_and_put_replaces(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    created = _create_plan(client, h["corporatie"], geplandeDatum="2027-06-01")
    url = created.headers["location"]
    merged = client.patch(
        url,
        json={"status": "besluit", "aantalWoningen": None},
        headers={
            **h["corporatie"],
            "If-Match": created.headers["etag"],
            "Content-Type": "application/merge-patch+json",
        },
    )
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert (body["status"], body["geplandeDatum"], "aantalWoningen" in body) == (
        "besluit",
        "2027-06-01",
        False,
    )
    # A client may send back what it read (id, versie, _links are read-only and ignored).
    replaced = client.put(
        url,
        json={**body, "soort": "renovatie", "geplandeDatum": None},
        headers={**h["corporatie"], "If-Match": merged.headers["etag"]},
    )
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["soort"] == "renovatie" and "geplandeDatum" not in replaced.json()
    moved = client.put(
        url,
        json={**PLAN, "planId": "P-ANDERS"},
        headers={**h["corporatie"], "If-Match": replaced.headers["etag"]},
    )
    assert moved.status_code == 400
    assert [(p["name"], p["code"]) for p in moved.json()["invalidParams"]] == [("planId", "onveranderlijk")]


def test_every_problem_in_one_400(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    answer = client.post(
        "/api/v1/plannen",
        json={
            "planId": "P-API-2",
            "complexnummer": "9999",
            "soort": "slopen",
            "geplandeDatum": "morgen",
            "aantalWoningen": True,
            "kleur": "rood",
        },
        headers=h["corporatie"],
    )
    assert answer.status_code == 400 and answer.headers["content-type"] == PROBLEM
    params = {(p["name"], p["code"]) for p in answer.json()["invalidParams"]}
    assert params == {
        ("kleur", "extra_forbidden"),
        ("aantalWoningen", "type"),
        ("complexnummer", "ongeldig"),
        ("geplandeDatum", "ongeldig"),
        ("soort", "ongeldig"),
        ("status", "verplicht"),
    }
    assert answer.json()["detail"].startswith("De invoer bevat 6 fouten")
    assert client.get("/api/v1/plannen/L0001,P-API-2", headers=h["corporatie"]).status_code == 404


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("[1, 2]", "application/json", 400, "dict_type"),  # not an object
        ("{", "application/json", 400, "json_invalid"),  # not JSON
        ("planId=P", "application/x-www-form-urlencoded", 415, None),  # not JSON at all
    ],
)
def test_a_body_that_is_no_json_object(
    api, body: str, content_type: str, status: int, code: str | None
) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    answer = client.post(
        "/api/v1/plannen", content=body, headers={**h["corporatie"], "Content-Type": content_type}
    )
    assert answer.status_code == status and answer.headers["content-type"] == PROBLEM
    if code:
        assert answer.json()["invalidParams"][0]["code"] == code


def test_lists_use_arrays_for_lists(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    created = client.post(
        "/api/v1/urgentieverordeningen",
        json={"vastgesteldOp": "2026-02-01", "groepen": ["statushouder", "dakloos"]},
        headers=h["gemeente"],
    )
    assert created.status_code == 201, created.text
    assert created.json()["groepen"] == ["dakloos", "statushouder"]  # sorted by the import
    assert created.json()["id"] == "GM0363,2026-02-01"
    wrong = client.post(
        "/api/v1/urgentieverordeningen",
        json={"vastgesteldOp": {"jaar": 2026}, "groepen": [1, 2]},
        headers=h["gemeente"],
    )
    assert wrong.status_code == 400
    assert {(p["name"], p["code"]) for p in wrong.json()["invalidParams"]} == {
        ("vastgesteldOp", "type"),
        ("groepen", "type"),
    }


def test_a_defect_is_opened_and_closed(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    opened = client.post(
        "/api/v1/gebreken",
        json={
            "gebrekId": "M-API-1",
            "complexnummer": "1001",
            "soort": "lood",
            "geconstateerdOp": "2026-01-10",
        },
        headers=h["corporatie"],
    )
    assert opened.status_code == 201, opened.text
    url = opened.headers["location"]
    assert "opgelostOp" not in opened.json()
    no_version = client.post(url + "/_sluiten", headers=h["corporatie"])
    assert no_version.status_code == 428
    closed = client.post(
        url + "/_sluiten",
        json={"opgelostOp": "2026-02-01"},
        headers={**h["corporatie"], "If-Match": opened.headers["etag"]},
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["opgelostOp"] == "2026-02-01"
    twice = client.post(url + "/_sluiten", headers={**h["corporatie"], "If-Match": closed.headers["etag"]})
    assert twice.status_code == 409
    other = client.post(
        url + "/_sluiten", json={"soort": "asbest"}, headers={**h["corporatie"], "If-Match": "*"}
    )
    assert other.status_code == 400 and other.json()["invalidParams"][0]["name"] == "soort"
    assert (
        client.delete(url, headers={**h["corporatie"], "If-Match": "*"}).status_code == 405
    )  # not withdrawn


def test_a_plan_is_withdrawn_as_a_new_version(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    created = _create_plan(client, h["corporatie"])
    url = created.headers["location"]
    assert client.delete(url, headers=h["corporatie"]).status_code == 428
    gone = client.delete(url, headers={**h["corporatie"], "If-Match": created.headers["etag"]})
    assert gone.status_code == 204 and gone.content == b""
    read = client.get(url, headers=h["corporatie"])
    assert read.json()["status"] == "ingetrokken"
    assert read.headers["etag"] == gone.headers["etag"] != created.headers["etag"]


def test_scopes_and_tokens(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    assert client.post("/api/v1/plannen", json=PLAN).status_code == 401
    refused = client.post("/api/v1/plannen", json=PLAN, headers=h["alleen_lezen"])
    assert refused.status_code == 403
    assert 'error="insufficient_scope", scope="schrijven"' in refused.headers["www-authenticate"]
    assert client.get("/api/v1/plannen", headers=h["alleen_lezen"]).status_code == 200


def test_another_partys_record_is_403(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    other = client.get("/api/v1/plannen/L0002,P-1002", headers=h["beheerder"])
    assert other.status_code == 200
    for answer in (
        client.get("/api/v1/plannen/L0002,P-1002", headers=h["corporatie"]),
        client.patch(
            "/api/v1/plannen/L0002,P-1002",
            json={"status": "besluit"},
            headers={**h["corporatie"], "If-Match": "*"},
        ),
        client.post(
            "/api/v1/plannen",
            json={**PLAN, "corporatieId": "L0002", "complexnummer": "1002"},
            headers=h["corporatie"],
        ),
        client.get("/api/v1/plannen", headers=h["gemeente"]),
    ):
        assert answer.status_code == 403 and answer.headers["content-type"] == PROBLEM
    assert (
        client.get("/api/v1/plannen/L0002,P-1002", headers=h["beheerder"]).headers["etag"]
        == other.headers["etag"]
    )
    beheerder_list = client.get(
        "/api/v1/plannen?organisatie=L0002&paginagrootte=100", headers=h["beheerder"]
    ).json()
    assert {p["corporatieId"] for p in beheerder_list["_embedded"]["plannen"]} == {"L0002"}


def test_unknown_and_malformed_ids_are_404(api) -> None:  # type: ignore[no-untyped-def]
    client, h = api
    for path in (
        "/api/v1/plannen/L0001,GEEN",
        "/api/v1/plannen/zonder-komma",
        "/api/v1/investeringen/L0001,twee,lood,extra",
    ):
        assert client.get(path, headers=h["corporatie"]).status_code == 404, path
