"""``/corporaties/{id}/verbeterscenario`` on the tiny demo, on DuckDB and PostgreSQL: the candidates and
their costs against an independent route (the R1 page's complexes and plain SQL on the measurements),
the budget kept every year, the fair R2 share by hand; and its Dutch refusals."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.domain.housing import SLECHTE_CONDITIE
from leefbaar.services import monitor
from leefbaar.storage.engine import get_engine

#: The latest measurement of each element, in condition 5 or 6, with a replacement value: summed per complex.
VERVANGINGSWAARDE_SLECHT = f"""
    SELECT m.complexnummer, sum(m.vervangingswaarde_eur) FROM conditiemeting m
    WHERE m.corporatie_id = :c AND m.element IS NOT NULL AND m.vervangingswaarde_eur > 0
      AND m.score IN {tuple(SLECHTE_CONDITIE)}
      AND m.meetdatum = (SELECT max(m2.meetdatum) FROM conditiemeting m2
                         WHERE m2.corporatie_id = m.corporatie_id AND m2.complexnummer = m.complexnummer
                           AND m2.element = m.element AND m2.meetdatum <= :p)
    GROUP BY m.complexnummer"""
CORPORATIEWONINGEN = (
    "SELECT corporatie_id, count(*) FROM woning WHERE eigendom = 'corporatie' GROUP BY corporatie_id"
)


def test_candidates_costs_budget_and_r2_share_match_independent_routes(
    client_both: TestClient, tiny_db: str
) -> None:
    vandaag = date.today()
    woningen: dict[str, int] = defaultdict(int)
    for c in monitor.r1_complexen(tiny_db, "L0001", vandaag)["complexen"]:  # 5/6 under any rule
        if not c.uitzondering:
            woningen[c.id] += c.woningen
    with get_engine(tiny_db).connect() as conn:
        slecht = {
            f"L0001-{n}": float(v)
            for n, v in conn.execute(text(VERVANGINGSWAARDE_SLECHT), {"c": "L0001", "p": vandaag})
        }
        voorraad = {str(k): int(n) for k, n in conn.execute(text(CORPORATIEWONINGEN))}
    kosten = {i: math.ceil(slecht[i]) if i in slecht else n * 35_000 for i, n in woningen.items()}
    assert any(i not in slecht for i in woningen) and slecht, "the demo has both kinds of cost"

    budget = sum(kosten.values()) // 6  # three years pay for about half of everything
    r = client_both.get(f"/api/v1/corporaties/L0001/verbeterscenario?budget={budget}&jaren=3")
    assert r.status_code == 200, r.text
    assert r.headers["API-Version"] == "1.13.0"
    body = r.json()
    assert (body["soort"], body["toelichting"][:26]) == ("scenario", "Scenario — geen oordeel. D")
    rijen = body["stappen"] + body["nietGekozen"]
    assert {x["complex"]: (x["woningen"], x["kostenEur"]) for x in rijen} == {
        i: (woningen[i], kosten[i]) for i in woningen
    }
    assert body["stappen"] and body["nietGekozen"]  # a real choice
    eerste = vandaag.year + 1
    assert [j["jaar"] for j in body["jaren"]] == [eerste, eerste + 1, eerste + 2]
    assert all(j["uitgavenEur"] <= budget for j in body["jaren"])
    assert sum(j["uitgavenEur"] for j in body["jaren"]) == sum(s["kostenEur"] for s in body["stappen"])
    assert body["woningenVerbeterd"] == sum(s["woningen"] for s in body["stappen"])
    # the fair R2 share: € 200 mln a year (through 2030) pro rata by association dwellings
    aandeel = 200e6 * voorraad["L0001"] / sum(voorraad.values())
    for j in body["jaren"]:
        assert j["r2AandeelEur"] == (None if j["jaar"] > 2030 else pytest.approx(aandeel))
    # without a budget: the fair R2 share of the first year
    standaard = client_both.get("/api/v1/corporaties/L0001/verbeterscenario").json()
    assert (standaard["budgetBron"], standaard["budgetPerJaarEur"]) == ("r2", round(aandeel))


def test_bad_input_is_a_dutch_problem_naming_every_field(client: TestClient) -> None:
    r = client.get("/api/v1/corporaties/L0001/verbeterscenario?budget=-5&jaren=11&regel=onzin")
    assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json"
    assert {p["name"]: p["reason"] for p in r.json()["invalidParams"]} == {
        "budget": "Het budget per jaar kan niet negatief zijn.",
        "jaren": "Het aantal jaren moet tussen 1 en 10 liggen.",
        "regel": "Onbekende rekenregel 'onzin'; kies uit complexscore, slechtste_element, herbouwwaarde_gewogen, "
        "of laat leeg voor elke regel.",
    }
    r = client.get("/api/v1/corporaties/L0001/verbeterscenario?budget=veel")
    assert r.status_code == 400
    assert r.json()["invalidParams"] == [
        {"name": "budget", "code": "int_parsing", "reason": "Moet een geheel getal zijn."}
    ]
    assert client.get("/api/v1/corporaties/L9999/verbeterscenario").status_code == 404
