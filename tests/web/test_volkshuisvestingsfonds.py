"""The Volkshuisvestingsfonds section of a gemeente page and its API resource, on the crafted monitor
data (tests/services/test_monitor_data.py; figures by hand), DuckDB only: the figures are the
service's, tested on both backends in tests/services/test_monitor_indicators.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from tests.services import test_monitor_data as monitor_data


@pytest.fixture
def client(empty_duckdb: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monitor_data.load(empty_duckdb, tmp_path)
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", empty_duckdb)
    get_settings.cache_clear()
    with TestClient(create_app()) as test_client:
        yield test_client
    get_settings.cache_clear()


def _cells(html: str) -> list[list[str]]:
    """The rows of the tables in ``html`` as lists of cell texts (tags removed)."""
    rows = re.findall(r'<tr class="utrecht-table__row">(.*?)</tr>', html, re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def test_the_gemeente_page_and_the_api_show_grants_spending_and_plans(client: TestClient) -> None:
    html = client.get("/gemeenten/GM0363").text
    section = html.split('id="volkshuisvestingsfonds"', 1)[1].split("</section>", 1)[0]
    jaar = date.today().year  # V2's spending in 2040 is not there yet
    # V1 (10 mln, co-financing 2.5 mln, spent 2 + 3 + 1.5) and V2 (5 mln, 1 mln, nothing spent yet)
    assert (
        "2 bijdragen: samen € 15.000.000 rijksbijdrage en € 3.500.000 cofinanciering. Besteed tot en met "
        f"{jaar}: € 6.500.000 (43,3% van de rijksbijdrage)."
    ) in section
    assert (
        "Uitvoeringsplannen met adressen: 1 van de 2, met 2 particuliere en 3 corporatieadressen in 2 complexen."
        in (" ".join(section.split()))
    )
    assert _cells(section) == [
        [
            "Bijdrage",
            "Ronde (landelijk beschikbaar)",
            "Rijksbijdrage",
            "Cofinanciering",
            "Besteed",
            "Adressen particulier",
            "Adressen corporatie",
            "Complexen",
            "Betrokken partijen",
        ],
        [
            "Noord (V1)",
            "2023 (€ 12.000.000)",
            "€ 10.000.000",
            "€ 2.500.000",
            "€ 6.500.000",
            "2",
            "3",
            "2",
            "Bewoners Noord, Woonstichting X",
        ],
        [
            "Oost (V2)",
            "2024 (€ 8.000.000)",
            "€ 5.000.000",
            "€ 1.000.000",
            "€ 0",
            "geen adressen vastgelegd (plan: per complex)",
            "–",
        ],
        ["Jaar", "Besteed"],
        ["2023", "€ 2.000.000"],
        ["2024", "€ 3.000.000"],
        ["2026", "€ 1.500.000"],
    ]
    answer = client.get("/api/v1/gemeenten/GM0363/volkshuisvestingsfonds").json()
    assert answer["totaal"] == {
        "rijksbijdrage": 15_000_000.0,
        "cofinanciering": 3_500_000.0,
        "besteed": 6_500_000.0,
        "plannenMetAdressen": 1,
        "plannenZonderAdressen": 1,
        "adressenParticulier": 2,
        "adressenCorporatie": 3,
        "complexen": 2,
    }
    v1 = answer["bijdragen"][0]
    assert (v1["kenmerk"], v1["rondeBeschikbaar"], v1["uitvoeringsplan"]) == (
        "V1",
        12_000_000.0,
        {"particulier": 2, "corporatie": 3, "complexen": 2, "metAdressen": True, "soort": "per_complex"},
    )
    assert [p["id"] for p in v1["betrokkenPartijen"]] == ["BO0001", "L0001"]
    assert client.get("/api/v1/gemeenten/GM9999/volkshuisvestingsfonds").status_code == 404
