"""The national map coloured by commitment status, and its table alternative.

The statuses shown are compared with each municipality's own newest verdicts, read through the
monitor's per-scope route (``latest_evaluation``), not the map's query.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.services import monitor

CODES = ("GM0363", "GM0599", "GM0344", "GM0014")


def _own_statuses(url: str, code: str) -> dict[str, str]:
    run = monitor.latest_evaluation(url, monitor.parse_scope(f"gemeente:{code}"))
    assert run is not None
    return {b.titel: b.status.value for b in run.beoordelingen}


def _status_cells(html: str, code: str) -> list[str]:
    row = re.search(rf'<tr class="utrecht-table__row" data-code="{code}">(.*?)</tr>', html, re.S)
    assert row is not None, code
    cells = re.findall(r'<td class="utrecht-table__cell">(.*?)</td>', row.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]


def test_status_table_gives_each_municipalitys_own_verdicts(web_db: str) -> None:
    html = TestClient(create_app()).get("/").text
    header = re.search(r'id="statussen-tabel".*?<thead.*?</thead>', html, re.S)
    assert header is not None
    titles = [t.strip() for t in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', header.group(0), re.S)][1:]
    assert "Elke gemeente heeft een urgentieverordening die alle verplichte urgentiegroepen dekt" in titles
    for code in CODES:
        own = _own_statuses(web_db, code)
        # Every column is a commitment judged for all municipalities: each has its own verdict.
        assert _status_cells(html, code) == [own[t.replace("&#39;", "'")] for t in titles], code


def test_map_options_name_every_commitment_of_the_table(web_db: str) -> None:
    html = TestClient(create_app()).get("/").text
    options = re.findall(r'<option value="status:([^"]+)">', html)
    kaart = monitor.status_map(web_db)
    assert kaart is not None
    assert options == [t.sleutel for t in kaart.toezeggingen]
    assert "r11-urgentieverordening" in options
    assert {"r1-geen-conditie-5-6:complexscore", "r1-geen-conditie-5-6:slechtste_element"} <= set(options)


@pytest.mark.browser
def test_map_coloured_by_status_matches_the_table(page: Any, live_server: str, web_db: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector(".leefbaar-map[data-geladen='ja']", timeout=30_000)
    page.select_option("#kaart-indicator", "status:r11-urgentieverordening")
    legend = page.text_content("#kaart-legenda")
    kaart = monitor.status_map(web_db)
    assert kaart is not None
    for status, count in kaart.telling("r11-urgentieverordening").items():
        assert f"{status} ({count})" in legend
    for code in CODES:
        shown = page.get_attribute(f'path[data-code="{code}"]', "data-status")
        assert (
            shown
            == _own_statuses(web_db, code)[
                "Elke gemeente heeft een urgentieverordening die alle verplichte urgentiegroepen dekt"
            ]
        )
    # Back to an indicator: the legend shows classes again, not statuses.
    page.select_option("#kaart-indicator", "inwoners")
    assert "gehaald" not in page.text_content("#kaart-legenda")
