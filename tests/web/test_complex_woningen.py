"""``/complexen/{id}/woningen``: the last step of the evidence drill-down, per role, on both backends.

The owner (and a municipality under a sharing agreement covering woninggegevens) sees the dwelling
table; everyone else sees the public counts and the note, with status 200. Expected dwellings come
from plain SQL on ``woning`` (``fetch_arrow``), expected counts from the public API.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.privacy.sharing import Gegevenscategorie
from leefbaar.services import accounts, sharing
from leefbaar.storage.arrow_io import fetch_arrow
from tests.security.helpers import ACCOUNTS, PASSWORD, agreement, make_accounts, standard_agreements

PAGINA = "/complexen/L0001-1021/woningen"
NOTE = "details alleen voor de eigenaar of onder een deelovereenkomst"


@dataclass
class Web:
    url: str
    accounts: dict[str, accounts.Account]

    def client(self, who: str | None = None) -> TestClient:
        """A browser, logged in as ``who`` (None: a visitor). https: the cookies are Secure."""
        browser = TestClient(create_app(), base_url="https://testserver")
        if who is not None:
            form = browser.get("/inloggen").text
            token = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', form)
            assert token is not None
            answer = browser.post(
                "/inloggen",
                data={
                    "email": ACCOUNTS[who][0],
                    "wachtwoord": PASSWORD,
                    "volgende": "/",
                    "csrf_token": token.group(1),
                },
                follow_redirects=False,
            )
            assert answer.status_code == 303, answer.text[:300]
        return browser


@pytest.fixture
def web(tiny_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Web]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    get_settings.cache_clear()
    found = make_accounts(tiny_db)
    standard_agreements(tiny_db, found["beheerder"])  # no woninggegevens in these
    yield Web(tiny_db, found)
    get_settings.cache_clear()


def _dwellings(url: str, corporatie: str, complexnummer: str) -> set[str]:
    sql = f"""SELECT verblijfsobject_id FROM woning
              WHERE corporatie_id = '{corporatie}' AND complexnummer = '{complexnummer}'"""
    column = fetch_arrow(url, sql, {"verblijfsobject_id": pa.string()}).column("verblijfsobject_id")
    return {str(v) for v in column.to_pylist()}


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="utrecht-table__row" data-vbo="(\d{16})">', html)


def _counts(html: str) -> dict[str, str]:
    block = html.split('id="woningen-aantallen"')[1].split("</dl>")[0]
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", block))


@pytest.mark.parametrize(
    "who",
    [
        None,  # a visitor without an account
        "andere_corporatie",  # L0003: not the owner
        "gemeente",  # GM0363: its territory, but no agreement covering woninggegevens
        "ministerie",  # aggregates only
        "beheerder",  # never stock detail
    ],
)
def test_without_the_right_the_page_shows_counts_and_the_note(web: Web, who: str | None) -> None:
    answer = web.client(who).get(PAGINA)
    assert answer.status_code == 200
    html = answer.text
    assert NOTE in html
    assert _rows(html) == [] and 'id="woningen-tabel"' not in html
    api = TestClient(create_app()).get("/api/v1/complexen/L0001-1021").json()["woningen"]
    counts = _counts(html)
    assert (counts["Woningen"], counts["Sociale huur"], counts["Middenhuur"]) == (
        str(api["totaal"]),
        str(api["sociaal"]),
        str(api["midden"]),
    )
    assert ('href="/inloggen?volgende=' in html) == (who is None)  # a visitor is offered the login


def test_the_owner_sees_every_dwelling_with_address_and_defects(web: Web) -> None:
    html = web.client("corporatie").get(PAGINA).text
    assert NOTE not in html
    assert set(_rows(html)) == _dwellings(web.url, "L0001", "1021")
    assert "Woningen 1–10 van 10, op adres" in html
    assert "3329 AA 1</th>" in html  # postcode and house number of the first dwelling
    assert "brandveiligheid" in html  # its open defect
    assert 'id="woningen-paginering"' not in html  # one page


def test_a_municipality_under_an_agreement_sees_its_territory(web: Web) -> None:
    sharing.register_agreement(
        web.url,
        web.accounts["beheerder"],
        agreement("GDO-WONINGEN", doel="wijkaanpak", categorieen=(Gegevenscategorie.WONINGGEGEVENS,)),
    )
    gemeente = web.client("gemeente")
    html = gemeente.get(PAGINA).text
    assert set(_rows(html)) == _dwellings(web.url, "L0001", "1021")
    assert "onder deelovereenkomst GDO-WONINGEN" in html
    other = gemeente.get("/complexen/L0003-1006/woningen").text  # Rotterdam, another owner
    assert NOTE in other and _rows(other) == []


def test_pages_of_fifty_with_previous_and_next(web: Web) -> None:
    browser = web.client("andere_corporatie")  # L0003 owns complex 1006: 82 dwellings
    first = browser.get("/complexen/L0003-1006/woningen").text
    second = browser.get("/complexen/L0003-1006/woningen?pagina=2").text
    assert len(_rows(first)) == 50 and len(_rows(second)) == 32
    assert 'rel="next" href="?pagina=2"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="?pagina=1"' in second and 'rel="next"' not in second
    assert "Woningen 51–82 van 82" in second
    assert set(_rows(first)) | set(_rows(second)) == _dwellings(web.url, "L0003", "1006")
    assert len(_rows(browser.get("/complexen/L0003-1006/woningen?pagina=onzin").text)) == 50  # page 1


def test_unknown_complex_is_a_404(web: Web) -> None:
    answer = web.client().get("/complexen/L0001-0/woningen")
    assert answer.status_code == 404
    assert "Complex L0001-0 bestaat niet" in answer.text


def test_the_drill_down_reaches_the_dwellings(web_db: str) -> None:
    """afspraak -> complex (evidence) -> woningen, and corporatie 5/6 list -> woningen."""
    client = TestClient(create_app())
    afspraak = client.get("/afspraken/r1-geen-conditie-5-6?scope=nationaal&variant=complexscore").text
    evidence = afspraak.split('id="bewijs-tabel"')[1].split("</table>")[0]
    complexen = re.findall(
        r'<th scope="row"[^>]*><a class="utrecht-link" href="(/complexen/[^"]+)"', evidence
    )
    woningen = re.findall(r'href="(/complexen/[^"]+/woningen)">(\d+) woning', evidence)
    assert complexen and [w for w, _ in woningen] == [f"{c}/woningen" for c in complexen]
    first, count = woningen[0]
    page = client.get(first)
    assert page.status_code == 200 and NOTE in page.text  # a visitor: the counts
    assert _counts(page.text)["Woningen"] == count
    corporatie = client.get("/corporaties/L0001").text.split('id="lijst-5-6"')[1].split("</table>")[0]
    assert re.search(r'href="/complexen/L0001-\d+/woningen">\d+ woning', corporatie)
    assert 'id="naar-woningen"' in client.get("/complexen/L0001-1021").text
