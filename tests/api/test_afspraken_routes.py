"""``/afspraken`` and ``/activiteit`` read the stored agreements: versions, qualitative commitments
with their status and history, activity (both backends)."""

from __future__ import annotations

import copy

from fastapi.testclient import TestClient

from leefbaar.domain.agreements import Reactie, Status
from leefbaar.services import agreements
from tests.security.helpers import make_accounts

AMSTERDAM = "lokaal-GM0363-amsterdam-2024-2027"
PLAN = "ams-plan-vocht-en-schimmel"


def test_agreements_come_from_the_records(client_both: TestClient, tiny_db: str) -> None:
    body = client_both.get("/api/v1/afspraken").json()
    ids = [a["id"] for a in body["afspraken"]]
    assert ids[0] == "nationaal-leefbaarheid-2022-2030" and AMSTERDAM in ids
    national = body["afspraken"][0]
    assert {p["id"]: p["collectief"] for p in national["partijen"]} == {
        "MINBZK": False,
        "corporaties": True,
        "gemeenten": True,
        "huurdersorganisaties": True,
    }
    soorten = {t["id"]: (t["soort"], t["verantwoordelijke"]) for t in national["toezeggingen"]}
    assert soorten["r1-geen-conditie-5-6"] == ("gemeten", "corporaties")
    assert soorten["r14-wetsvoorstel-persoonsgegevens"] == ("kwalitatief", "MINBZK")
    # a new version shows at once, the old one stays readable
    document = copy.deepcopy(agreements.stored_agreement(tiny_db, AMSTERDAM).document)
    document["titel"] = "Herzien"
    agreements.store_agreement(tiny_db, document, account=None, reden="herzien")
    assert client_both.get(f"/api/v1/afspraken/{AMSTERDAM}").json()["titel"] == "Herzien"
    old = client_both.get(f"/api/v1/afspraken/{AMSTERDAM}?versie=1").json()
    assert (old["versie"], old["titel"]) == (1, "Prestatieafspraken Amsterdam 2024-2027")
    versies = client_both.get(f"/api/v1/afspraken/{AMSTERDAM}/versies").json()["versies"]
    assert [(v["versie"], v["reden"]) for v in versies][-1] == (2, "herzien")
    assert client_both.get(f"/api/v1/afspraken/{AMSTERDAM}?versie=9").status_code == 404
    assert client_both.get("/api/v1/afspraken/bestaat-niet/versies").status_code == 404


def test_a_qualitative_commitment_with_status_contest_and_history(
    client_both: TestClient, tiny_db: str
) -> None:
    a = make_accounts(tiny_db)
    melding = agreements.report_status(
        tiny_db, a["corporatie"], AMSTERDAM, PLAN, Status.GEHAALD, toelichting="klaar"
    )
    agreements.react_to_status(
        tiny_db, a["huurders"], AMSTERDAM, PLAN, melding, Reactie.BETWIST, toelichting="niet alles"
    )
    body = client_both.get(f"/api/v1/afspraken/{AMSTERDAM}/toezeggingen/{PLAN}").json()
    [deel] = body["delen"]
    assert (deel["partij"], deel["status"], deel["betwist"], deel["toelichting"]) == (
        "L0001",
        "gehaald",
        True,
        "klaar",
    )
    assert [(r["partij"], r["reactie"], r["toelichting"]) for r in deel["reacties"]] == [
        ("HO0001", "betwist", "niet alles")
    ]
    assert [(m["soort"], m["statusDaarna"]) for m in body["historie"]] == [
        ("status", "gehaald"),
        ("reactie", "gehaald"),
    ]
    # measured commitments are under /monitor
    answer = client_both.get(f"/api/v1/afspraken/{AMSTERDAM}/toezeggingen/ams-sociale-huur")
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("application/problem+json")
    feed = client_both.get(f"/api/v1/afspraken/{AMSTERDAM}/activiteit").json()["activiteit"]
    assert feed[0]["organisatie"] == "HO0001" and feed[0]["toezegging"] == PLAN
    mine = client_both.get("/api/v1/activiteit?organisatie=L0001").json()["activiteit"]
    assert [x["wat"] for x in mine] == [f"meldde de status van {PLAN}: gehaald"]
    assert client_both.get("/api/v1/activiteit?organisatie=l0001").status_code == 400


def test_synthetic_agreement_ids_with_capitals_are_served(client: TestClient) -> None:
    ids = [a["id"] for a in client.get("/api/v1/afspraken").json()["afspraken"]]
    synthetic = next(i for i in ids if i.startswith("PA-"))
    assert client.get(f"/api/v1/afspraken/{synthetic}").json()["soort"] == "lokaal"
