"""The Buurtkamers section of the gemeente and buurt pages, the map outline of their buurten and the R5
verdict that links to them, on the tiny demo: every figure shown is read back from the buurtkamer
table with plain SQL (DuckDB)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.app import create_app
from leefbaar.storage.engine import get_engine


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    return TestClient(create_app())


def _kamers(url: str, gemeente: str) -> list[dict[str, Any]]:
    sql = "SELECT * FROM buurtkamer WHERE buurtcode LIKE :prefix ORDER BY buurtkamer_id"
    with get_engine(url).connect() as conn:
        return [dict(r) for r in conn.execute(text(sql), {"prefix": f"BU{gemeente[2:]}%"}).mappings()]


def _dutch(value: Any) -> str:
    return f"{int(value):,}".replace(",", ".")


def _open_today(kamers: list[dict[str, Any]]) -> list[str]:
    today = date.today()
    return sorted(
        {str(k["buurtcode"]) for k in kamers if k["gesloten_op"] is None or k["gesloten_op"] > today}
    )


def _row(html: str, buurtkamer_id: str) -> str:
    return html.split(f'data-buurtkamer="{buurtkamer_id}"', 1)[1].split("</tr>", 1)[0]


def test_buurtkamers_on_the_pages_and_behind_the_r5_verdict(client: TestClient, web_db: str) -> None:
    html = client.get("/gemeenten/GM0363").text
    kamers = _kamers(web_db, "GM0363")
    assert kamers, "the tiny demo has buurtkamers in Amsterdam"
    for k in kamers:
        row = _row(html, str(k["buurtkamer_id"]))
        assert f'href="/buurten/{k["buurtcode"]}"' in row
        assert k["geopend_op"].strftime("%d-%m-%Y") in row
        if k["jaarkosten_eur"] is not None:
            assert f"€ {_dutch(k['jaarkosten_eur'])}" in row
        if k["bezoekers_per_jaar"] is not None:
            assert f"{_dutch(k['bezoekers_per_jaar'])} bezoekers" in row
        if k["activiteiten_per_jaar"] is not None:
            assert f"{_dutch(k['activiteiten_per_jaar'])} activiteiten" in row
        assert "zorg en welzijn: Welzijn en Zorg Amsterdam (fictief)" in row  # every demo one has ZP0001
    # the map outlines exactly the buurten with a buurtkamer open today
    assert re.findall(r'data-omrand="([^"]*)"', html) == [" ".join(_open_today(kamers))]

    # a closed one on its buurt page (the tiny demo closes one in Rotterdam)
    gesloten = [k for k in _kamers(web_db, "GM0599") if k["gesloten_op"] is not None]
    assert gesloten
    k = gesloten[0]
    row = _row(client.get(f"/buurten/{k['buurtcode']}").text, str(k["buurtkamer_id"]))
    assert k["gesloten_op"].strftime("%d-%m-%Y") in row

    # the R5 verdict of Amsterdam: every buurtkamer behind it links to its buurt page's section
    verdict = client.get("/afspraken/ams-buurtkamers?scope=gemeente:GM0363").text
    linked = set(re.findall(r'href="/buurten/(BU[0-9A-Z]+)#buurtkamers"', verdict))
    assert linked == {str(k["buurtcode"]) for k in kamers}
    assert 'href="/gemeenten/GM0363#buurtkamers"' in verdict


@pytest.mark.browser
def test_the_gemeente_map_outlines_the_buurten_with_an_open_buurtkamer(
    page: Any, live_server: str, web_db: str
) -> None:
    page.goto(live_server + "/gemeenten/GM0363")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    outlined = page.locator("path[data-omrand='ja']").evaluate_all(
        "paths => paths.map(p => p.getAttribute('data-code')).sort()"
    )
    assert outlined == _open_today(_kamers(web_db, "GM0363"))
