"""``/gemeenten/{code}/buurtkamers`` and ``/buurten/{code}/buurtkamers`` on the crafted buurtkamers of
``tests/services/test_buurtkamers.py``: the lists equal the hand count, paged (both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import make_client
from tests.services.test_buurtkamers import load


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, empty_db: str, tmp_path: Path) -> Iterator[TestClient]:
    load(empty_db, tmp_path)
    yield from make_client(monkeypatch, empty_db)


def test_buurtkamers_of_a_gemeente_and_a_buurt(client: TestClient) -> None:
    first = client.get("/api/v1/gemeenten/GM0363/buurtkamers?paginagrootte=2")
    assert first.status_code == 200
    second = client.get(first.json()["_links"]["next"]["href"])
    rows = first.json()["_embedded"]["buurtkamers"] + second.json()["_embedded"]["buurtkamers"]
    assert "next" not in second.json()["_links"]
    # Amsterdam's three by name, today (after BK2 closed on 1 July 2025, long before BK3 opens in 2099);
    # BK4 is in Rotterdam
    assert [(k["id"], k["buurtcode"], k["status"]) for k in rows] == [
        ("BK1", "BU03630001", "open"),
        ("BK2", "BU03630002", "gesloten"),
        ("BK3", "BU03630001", "nog niet geopend"),
    ]
    kop, hoekje = rows[0], rows[1]
    assert (kop["jaarkostenEur"], kop["bezoekersPerJaar"], kop["activiteitenPerJaar"]) == (45000.0, 2400, 150)
    assert [p["id"] for p in kop["betaaldDoor"]] == ["GM0363", "L0001"]
    assert "geslotenOp" not in kop  # open: no closing date
    assert (hoekje["buurtnaam"], hoekje["geopendOp"], hoekje["geslotenOp"]) == (
        "Oude Kerk",
        "2023-01-01",
        "2025-07-01",
    )
    # what each partner brings, from its kind of party
    assert [(p["naam"], p["rol"]) for p in hoekje["partners"]] == [
        ("Bewonersplatform", "bewoners"),
        ("Veiligheidshuis", "veiligheid"),
    ]
    buurt = client.get("/api/v1/buurten/BU03630002/buurtkamers").json()
    assert [k["id"] for k in buurt["_embedded"]["buurtkamers"]] == ["BK2"]
    assert client.get("/api/v1/gemeenten/GM0034/buurtkamers").status_code == 404  # not in the division
