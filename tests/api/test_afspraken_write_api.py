"""The write API for agreements (/afspraken, their commitments, status reports and reactions) on
DuckDB and PostgreSQL: 201 with Location and ETag (the version), read back what was stored, If-Match
required (428) and checked (412, nothing written), every problem of a body in one 400."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.services import accounts, agreements
from tests.api.conftest import make_client
from tests.security.helpers import ACCOUNTS, make_accounts

PROBLEM = "application/problem+json"
ID = "lokaal-GM0363-wijkaanpak-zuidoost-2025-2028"
BASE = f"/api/v1/afspraken/{ID}"

DOCUMENT: dict[str, Any] = {
    "id": ID,
    "titel": "Wijkaanpak Zuidoost 2025-2028",
    "soort": "lokaal",
    "periode": {"start": "2025-01-01", "eind": "2028-12-31"},
    "gemeente": {"code": "GM0363", "indelingsjaar": 2025},
    "partijen": [
        {"id": "GM0363", "soort": "gemeente", "naam": "Gemeente Amsterdam"},
        {"id": "L0001", "soort": "corporatie", "naam": "Woonstichting Eikhof"},
        {"id": "HO0001", "soort": "huurdersorganisatie", "naam": "Huurdersvereniging Eikhof"},
        {"id": "ZP0001", "soort": "zorgpartner", "naam": "Welzijn en Zorg Amsterdam"},
    ],
    "toezeggingen": [
        {
            "id": "geen-5-6",
            "requirement": "R1",
            "titel": "Geen woningen in conditie 5 of 6",
            "indicator": "woningen_conditie_5_6_zonder_sloopplan",
            "doel": {"vergelijking": "<=", "waarde": 0},
            "deadline": "2027-12-31",
            "verantwoordelijke": "L0001",
        },
        {
            "id": "wijkplan",
            "soort": "kwalitatief",
            "requirement": "R4",
            "titel": "Een wijkplan Zuidoost",
            "resultaat": "Een wijkplan met de partners, besproken met de bewoners.",
            "deadline": "2028-06-30",
            "verantwoordelijke": "L0001",
        },
    ],
    "reden": "ondertekend op 12 maart 2025",
}


@pytest.fixture
def api(
    monkeypatch: pytest.MonkeyPatch, tiny_db: str
) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], str]]:
    make_accounts(tiny_db)
    headers = {}
    for who in ("gemeente", "corporatie", "huurders", "beheerder"):
        token, _ = accounts.create_token(tiny_db, ACCOUNTS[who][0], "lezen schrijven")
        headers[who] = {"Authorization": f"Bearer {token}"}
    for client in make_client(monkeypatch, tiny_db):
        yield client, headers, tiny_db


def _create(client: TestClient, headers: dict[str, str]) -> None:
    answer = client.post("/api/v1/afspraken", json=DOCUMENT, headers=headers)
    assert answer.status_code == 201, answer.text


def test_create_and_read_back(api: tuple[TestClient, dict[str, dict[str, str]], str]) -> None:
    client, h, url = api
    answer = client.post("/api/v1/afspraken", json=DOCUMENT, headers=h["gemeente"])
    assert answer.status_code == 201, answer.text
    assert answer.headers["ETag"] == '"1"'
    assert answer.headers["Location"] == f"http://testserver{BASE}"
    assert answer.json()["versie"] == 1
    read = client.get(BASE)
    assert read.headers["ETag"] == '"1"'
    body = read.json()
    assert (body["titel"], body["soort"], body["gemeentecode"], body["start"], body["eind"]) == (
        "Wijkaanpak Zuidoost 2025-2028",
        "lokaal",
        "GM0363",
        "2025-01-01",
        "2028-12-31",
    )
    assert [p["id"] for p in body["partijen"]] == ["GM0363", "L0001", "HO0001", "ZP0001"]
    assert [(t["id"], t["soort"], t["verantwoordelijke"]) for t in body["toezeggingen"]] == [
        ("geen-5-6", "gemeten", "L0001"),
        ("wijkplan", "kwalitatief", "L0001"),
    ]
    versies = client.get(f"{BASE}/versies").json()["versies"]
    assert [(v["versie"], v["organisatie"], v["reden"]) for v in versies] == [
        (1, "GM0363", "ondertekend op 12 maart 2025")
    ]
    # the relational rows of the current version follow (R13 and the linked parties read them)
    [row] = [r for r in agreements.current_rows(url, "GM0363") if r["afspraak_id"] == ID]
    assert sorted(p["partij_id"] for p in row["partijen"]) == ["GM0363", "HO0001", "L0001", "ZP0001"]
    # the same id again: 409, still one version
    again = client.post("/api/v1/afspraken", json=DOCUMENT, headers=h["gemeente"])
    assert (again.status_code, again.headers["content-type"]) == (409, PROBLEM)
    assert len(agreements.agreement_versions(url, ID)) == 1


def test_a_new_version_needs_the_current_etag(api: tuple[TestClient, dict[str, dict[str, str]], str]) -> None:
    client, h, url = api
    _create(client, h["gemeente"])
    changed = {**copy.deepcopy(DOCUMENT), "titel": "Wijkaanpak Zuidoost (herzien)", "reden": "herzien"}
    missing = client.put(BASE, json=changed, headers=h["gemeente"])
    assert (missing.status_code, missing.headers["content-type"]) == (428, PROBLEM)
    ok = client.put(BASE, json=changed, headers={**h["gemeente"], "If-Match": '"1"'})
    assert (ok.status_code, ok.headers["ETag"], ok.json()["titel"]) == (
        200,
        '"2"',
        "Wijkaanpak Zuidoost (herzien)",
    )
    stale = client.put(
        BASE, json={**changed, "titel": "Te laat"}, headers={**h["gemeente"], "If-Match": '"1"'}
    )
    assert (stale.status_code, stale.headers["ETag"], stale.headers["content-type"]) == (412, '"2"', PROBLEM)
    # nothing written: two versions, the second one current
    assert [v["versie"] for v in agreements.agreement_versions(url, ID)] == [1, 2]
    assert client.get(BASE).json()["titel"] == "Wijkaanpak Zuidoost (herzien)"
    # the reason is required for a change; the id and the kind do not change
    no_reason = client.put(BASE, json={**changed, "reden": ""}, headers={**h["gemeente"], "If-Match": '"2"'})
    assert [p["name"] for p in no_reason.json()["invalidParams"]] == ["reden"]
    other_id = client.put(
        BASE, json={**changed, "id": "iets-anders"}, headers={**h["gemeente"], "If-Match": '"2"'}
    )
    assert [p["name"] for p in other_id.json()["invalidParams"]] == ["id"]
    assert (
        client.put("/api/v1/afspraken/bestaat-niet", json=changed, headers=h["gemeente"]).status_code == 404
    )


def test_an_invalid_body_names_every_field(api: tuple[TestClient, dict[str, dict[str, str]], str]) -> None:
    client, h, _url = api
    bad = copy.deepcopy(DOCUMENT)
    bad["titel"] = ""
    bad["periode"]["eind"] = "2024-12-31"
    bad["toezeggingen"][0]["verantwoordelijke"] = "L0002"
    bad["toezeggingen"][1]["requirement"] = "R17"
    answer = client.post("/api/v1/afspraken", json=bad, headers=h["gemeente"])
    assert (answer.status_code, answer.headers["content-type"]) == (400, PROBLEM)
    params = {p["name"]: p["reason"] for p in answer.json()["invalidParams"]}
    assert params == {
        "titel": "Mag niet leeg zijn.",
        "periode.eind": "Eind 2024-12-31 ligt voor de start 2025-01-01.",
        "toezeggingen[0].verantwoordelijke": "Partij 'L0002' staat niet bij de partijen van deze afspraak.",
        "toezeggingen[1].requirement": "'R17' is ongeldig; verwacht een requirementnummer R1 t/m R16.",
    }
    assert client.get(BASE).status_code == 404  # nothing written
    not_json = client.post(
        "/api/v1/afspraken", content=b"titel: x", headers={**h["gemeente"], "Content-Type": "text/yaml"}
    )
    assert not_json.status_code == 415


def test_commitments_added_and_changed(api: tuple[TestClient, dict[str, dict[str, str]], str]) -> None:
    client, h, url = api
    _create(client, h["gemeente"])
    buurtkamer = {
        "id": "buurtkamer",
        "soort": "kwalitatief",
        "requirement": "R5",
        "titel": "Een buurtkamer in elke wijk",
        "resultaat": "Drie buurtkamers, open voor alle bewoners.",
        "deadline": "2027-06-30",
        "verantwoordelijke": "L0001",
    }
    assert client.post(f"{BASE}/toezeggingen", json=buurtkamer, headers=h["gemeente"]).status_code == 428
    bad = {**buurtkamer, "deadline": "2031-01-01", "verantwoordelijke": "X"}
    invalid = client.post(f"{BASE}/toezeggingen", json=bad, headers={**h["gemeente"], "If-Match": '"1"'})
    assert {p["name"] for p in invalid.json()["invalidParams"]} == {"deadline", "verantwoordelijke"}
    added = client.post(f"{BASE}/toezeggingen", json=buurtkamer, headers={**h["gemeente"], "If-Match": '"1"'})
    assert (added.status_code, added.headers["ETag"]) == (201, '"2"')
    assert [t["id"] for t in added.json()["toezeggingen"]] == ["geen-5-6", "wijkplan", "buurtkamer"]
    assert agreements.agreement_versions(url, ID)[-1]["reden"] == "toezegging buurtkamer toegevoegd"
    # change one: the reason is required, the id stays
    later = {**DOCUMENT["toezeggingen"][1], "deadline": "2028-12-31", "reden": "uitgesteld"}
    changed = client.put(
        f"{BASE}/toezeggingen/wijkplan", json=later, headers={**h["gemeente"], "If-Match": '"2"'}
    )
    assert (changed.status_code, changed.headers["ETag"]) == (200, '"3"')
    assert {t["id"]: t["deadline"] for t in changed.json()["toezeggingen"]}["wijkplan"] == "2028-12-31"
    stale = client.put(
        f"{BASE}/toezeggingen/wijkplan", json=later, headers={**h["gemeente"], "If-Match": '"2"'}
    )
    assert stale.status_code == 412 and len(agreements.agreement_versions(url, ID)) == 3
    unknown = client.put(
        f"{BASE}/toezeggingen/bestaat-niet", json=later, headers={**h["gemeente"], "If-Match": '"3"'}
    )
    assert unknown.status_code == 404


def test_status_report_and_contest(api: tuple[TestClient, dict[str, dict[str, str]], str]) -> None:
    client, h, _url = api
    _create(client, h["gemeente"])
    path = f"{BASE}/toezeggingen/wijkplan"
    invalid = client.post(
        f"{path}/meldingen", json={"status": "klaar", "link": "ftp://x"}, headers=h["corporatie"]
    )
    assert {p["name"] for p in invalid.json()["invalidParams"]} == {"status", "link"}
    reported = client.post(
        f"{path}/meldingen",
        json={"status": "op koers", "toelichting": "Concept besproken met de partners."},
        headers=h["corporatie"],
    )
    assert reported.status_code == 201, reported.text
    melding = reported.json()
    assert (melding["soort"], melding["partij"], melding["status"]) == ("status", "L0001", "op koers")
    contest = {"opMelding": melding["id"], "reactie": "betwist"}
    assert [
        p["name"]
        for p in client.post(f"{path}/reacties", json=contest, headers=h["huurders"]).json()["invalidParams"]
    ] == ["toelichting"]
    reacted = client.post(
        f"{path}/reacties",
        json={**contest, "toelichting": "De bewoners zijn niet gehoord."},
        headers=h["huurders"],
    )
    assert reacted.status_code == 201
    assert (reacted.json()["reactie"], reacted.json()["opMelding"]) == ("betwist", melding["id"])
    [deel] = client.get(path).json()["delen"]
    assert (deel["status"], deel["betwist"], deel["toelichting"]) == (
        "op koers",
        True,
        "Concept besproken met de partners.",
    )
    # a measured commitment has no reported status
    assert (
        client.post(
            f"{BASE}/toezeggingen/geen-5-6/meldingen", json={"status": "gehaald"}, headers=h["corporatie"]
        ).status_code
        == 404
    )


def test_the_bodies_and_answers_are_documented(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    post = spec["paths"]["/afspraken"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert sorted(schema["required"]) == ["partijen", "periode", "soort", "titel", "toezeggingen"]
    assert "$ref" not in str(schema)  # inlined: a body schema cannot point into $defs
    assert {"201", "400", "401", "403", "409", "415"} <= set(post["responses"])
    put = spec["paths"]["/afspraken/{id}"]["put"]
    assert {"200", "400", "403", "404", "412", "428"} <= set(put["responses"])
    assert put["responses"]["200"]["headers"]["ETag"]
    melding = spec["paths"]["/afspraken/{id}/toezeggingen/{toezegging}/meldingen"]["post"]
    status = melding["requestBody"]["content"]["application/json"]["schema"]["properties"]["status"]
    assert status["enum"] == ["gehaald", "op koers", "risico", "niet gehaald", "geen gegevens"]
