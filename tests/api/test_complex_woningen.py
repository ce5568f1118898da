"""``/complexen/{id}/woningen``: dwelling rows for the owner, for a municipality under a sharing
agreement (its territory only), 401/403 for everyone else; HAL pages; both backends.

Expected rows come from plain SQL on the ``woning`` and ``gebrek`` tables (``fetch_arrow``, outside
the service), and after a later import from the changes written out by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.privacy.sharing import Gegevenscategorie
from leefbaar.services import accounts, areas, sharing
from leefbaar.services.imports import import_file
from leefbaar.storage.arrow_io import fetch_arrow
from tests.security.helpers import ACCOUNTS, agreement, make_accounts, standard_agreements

COMPLEX = "L0001-1021"  # 10 dwellings in Amsterdam (GM0363), one with an open fire-safety defect
PAD = f"/api/v1/complexen/{COMPLEX}/woningen"
#: PostgreSQL answers through CSV: keep the ids and postcodes text (leading zeros).
TEXT = {"verblijfsobject_id": pa.string(), "postcode": pa.string(), "energielabel": pa.string()}


@dataclass
class Api:
    client: TestClient
    url: str
    accounts: dict[str, accounts.Account]

    def token(self, who: str) -> dict[str, str]:
        token, _ = accounts.create_token(self.url, ACCOUNTS[who][0], "lezen")
        return {"Authorization": f"Bearer {token}"}

    def get(self, path: str, who: str | None) -> Any:
        return self.client.get(path, headers=self.token(who) if who else {})


@pytest.fixture
def api(tiny_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    get_settings.cache_clear()
    found = make_accounts(tiny_db)
    standard_agreements(tiny_db, found["beheerder"])  # arrears and care signals: no woninggegevens
    try:
        with TestClient(create_app(), raise_server_exceptions=False) as client:
            yield Api(client, tiny_db, found)
    finally:
        get_settings.cache_clear()


def _sql_rows(url: str, where: str) -> list[dict[str, Any]]:
    sql = f"""SELECT verblijfsobject_id, postcode, huisnummer, huursegment, energielabel, bouwjaar
              FROM woning WHERE {where}"""
    return list(fetch_arrow(url, sql, TEXT).to_pylist())


def _open_defects(url: str, where: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    sql = f"SELECT verblijfsobject_id, soort FROM gebrek WHERE opgelost_op IS NULL AND {where}"
    for r in fetch_arrow(url, sql, TEXT).to_pylist():
        found.setdefault(r["verblijfsobject_id"], []).append(r["soort"])
    return {k: sorted(v) for k, v in found.items()}


def _all_pages(api: Api, path: str, who: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    url: str | None = path
    while url is not None:
        body = api.get(url, who).json()
        rows += body["_embedded"]["woningen"]
        url = body["_links"].get("next", {}).get("href")
    return rows


def test_owner_sees_every_current_dwelling_by_address(api: Api) -> None:
    where = "corporatie_id = 'L0001' AND complexnummer = '1021'"
    expected = _sql_rows(api.url, where)
    assert len(expected) == 10
    body = api.get(PAD + "?paginagrootte=100", "corporatie").json()
    rows = body["_embedded"]["woningen"]
    assert [r["verblijfsobjectId"] for r in rows] == [
        e["verblijfsobject_id"] for e in sorted(expected, key=lambda e: (e["postcode"], e["huisnummer"]))
    ]
    by_id = {e["verblijfsobject_id"]: e for e in expected}
    for r in rows:
        e = by_id[r["verblijfsobjectId"]]
        assert (r.get("huursegment"), r.get("energielabel"), r.get("bouwjaar")) == (
            e["huursegment"],
            e["energielabel"],
            e["bouwjaar"],
        )
        assert r["adres"] == f"{e['postcode'][:4]} {e['postcode'][4:]} {e['huisnummer']}"
    defects = _open_defects(api.url, where)
    assert defects  # the demo gives this complex one open defect
    assert {r["verblijfsobjectId"]: r["openGebreken"] for r in rows if r["openGebreken"]} == defects
    assert set(body["_links"]) == {"self"}  # one page: no next, no prev


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),  # a visitor: log in (the counts are public at /complexen/{id})
        ("andere_corporatie", 403),  # L0003 does not own L0001's stock
        ("gemeente", 403),  # GM0363, but its agreement with L0001 covers arrears, not woninggegevens
        ("andere_gemeente", 403),  # GM0599: not its territory either
        ("beheerder", 403),  # administers accounts, sees no stock detail
        ("ministerie", 403),  # aggregates only
        ("huurders", 403),  # aggregates only
        ("zorgpartner", 403),  # aggregates only
    ],
)
def test_others_get_no_dwelling_rows(api: Api, who: str | None, status: int) -> None:
    answer = api.get(PAD, who)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/problem+json")
    if status == 403:
        detail = answer.json()["detail"]
        assert "details alleen voor de eigenaar of onder een deelovereenkomst" in detail
        assert f"/complexen/{COMPLEX}" in detail
    else:
        assert answer.headers["www-authenticate"].startswith("Bearer")


def test_other_association_sees_its_own_complex(api: Api) -> None:
    expected = _sql_rows(api.url, "corporatie_id = 'L0003' AND complexnummer = '1006'")
    rows = _all_pages(api, "/api/v1/complexen/L0003-1006/woningen?paginagrootte=100", "andere_corporatie")
    assert sorted(r["verblijfsobjectId"] for r in rows) == sorted(e["verblijfsobject_id"] for e in expected)
    assert len(rows) == 82


def test_pages_link_next_and_prev_and_together_give_every_dwelling_once(api: Api) -> None:
    first = api.get(PAD + "?paginagrootte=4", "corporatie").json()
    assert set(first["_links"]) == {"self", "next"}
    assert (
        "pagina=2" in first["_links"]["next"]["href"] and "paginagrootte=4" in first["_links"]["next"]["href"]
    )
    last = api.get(PAD + "?paginagrootte=4&pagina=3", "corporatie").json()
    assert set(last["_links"]) == {"self", "prev"}
    assert len(last["_embedded"]["woningen"]) == 2  # 10 = 4 + 4 + 2
    rows = _all_pages(api, PAD + "?paginagrootte=4", "corporatie")
    assert len(rows) == 10 and len({r["verblijfsobjectId"] for r in rows}) == 10
    assert rows == api.get(PAD + "?paginagrootte=100", "corporatie").json()["_embedded"]["woningen"]


def test_unknown_complex_is_404_and_bad_pages_are_400(api: Api) -> None:
    assert api.get("/api/v1/complexen/L0001-0/woningen", "corporatie").status_code == 404
    answer = api.get(PAD + "?paginagrootte=0&pagina=abc", "corporatie")
    assert answer.status_code == 400
    assert {p["name"] for p in answer.json()["invalidParams"]} == {"paginagrootte", "pagina"}


def _woninggegevens(api: Api, eind: date | None = None) -> None:
    """A sharing agreement L0001 -> GM0363 covering woninggegevens (open-ended unless ``eind``)."""
    sharing.register_agreement(
        api.url,
        api.accounts["beheerder"],
        agreement(
            f"GDO-WONINGEN-{eind or 'open'}",
            doel="wijkaanpak",
            categorieen=(Gegevenscategorie.WONINGGEGEVENS,),
            eind=eind,
        ),
    )


def test_municipality_sees_dwellings_in_its_territory_under_an_agreement(api: Api, tmp_path: Path) -> None:
    _woninggegevens(api)
    assert len(_all_pages(api, PAD + "?paginagrootte=100", "gemeente")) == 10
    # Still not another association's complex in Rotterdam, and not for another municipality.
    assert api.get("/api/v1/complexen/L0003-1006/woningen", "gemeente").status_code == 403
    assert api.get(PAD, "andere_gemeente").status_code == 403
    # A later import: one dwelling of the complex now lies in a Rotterdam buurt, one was sold.
    csv = tmp_path / "woningen.csv"
    csv.write_text(
        "verblijfsobject_id;postcode;huisnummer;buurtcode;eigendom;corporatie_id;complexnummer;huursegment\n"
        "0363010000000527;3329AA;1;BU05990660;corporatie;L0001;1021;sociaal\n"
        "0363010000000528;3329AB;2;BU0363EB04;koop;;;\n",
        encoding="utf-8",
    )
    result = import_file(
        api.url, "woningen", csv, ImportOptions(peildatum=date(2025, 3, 1), indelingsjaar=2025)
    )
    assert result.status is ImportStatus.IMPORTED, result
    areas.refresh(api.url)
    owner = {r["verblijfsobjectId"] for r in _all_pages(api, PAD + "?paginagrootte=100", "corporatie")}
    municipality = {r["verblijfsobjectId"] for r in _all_pages(api, PAD + "?paginagrootte=100", "gemeente")}
    assert len(owner) == 9 and "0363010000000528" not in owner  # sold: no longer in the complex
    assert "0363010000000527" in owner  # moved, still the association's
    assert municipality == owner - {"0363010000000527"}  # outside Amsterdam's territory now


def test_an_ended_agreement_gives_no_rows(api: Api) -> None:
    _woninggegevens(api, eind=date.today() - timedelta(days=1))
    assert api.get(PAD, "gemeente").status_code == 403
