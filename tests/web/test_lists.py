"""Long lists a person can use (issue 16): the associations and a municipality's buurten sort by any
column and filter by name or code on the server; the order is checked against the API's figures."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.web.lists import Kolom, sort_and_filter


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    return TestClient(create_app(), base_url="https://testserver")


def _rows(html: str, table_id: str) -> list[str]:
    body = html.split(f'id="{table_id}"')[1].split("<tbody")[1].split("</tbody>")[0]
    return re.findall(r'<tr class="utrecht-table__row">(.*?)</tr>', body, flags=re.S)


def _ints(rows: list[str], column: int) -> list[int]:
    """The whole numbers in the ``column``-th data cell (0 = the first <td>) of each row."""
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)[column] for r in rows]
    return [int(c.strip().replace(".", "")) for c in cells]


def test_associations_sort_by_dwellings_and_filter_by_name(client: TestClient) -> None:
    items, link = [], "/api/v1/corporaties?paginagrootte=100"
    while link:  # every page of the API (HAL: _embedded and _links.next)
        answer = client.get(link).json()
        items += answer["_embedded"]["corporaties"]
        link = answer["_links"].get("next", {}).get("href", "")
    expected = sorted((int(c["woningen"]) for c in items), reverse=True)
    html = client.get("/corporaties?sorteer=woningen&richting=af").text
    rows = _rows(html, "corporaties-tabel")
    assert _ints(rows, 2) == expected  # the whole list, largest first, as the API counts them
    assert 'aria-sort="descending"' in html
    # the same column again reverses; the header link says so
    assert 'href="/corporaties?sorteer=woningen&amp;richting=op"' in html
    first = items[0]
    part = first["naam"].split()[-1][:5]
    filtered = client.get(f"/corporaties?zoek={part.lower()}").text
    names = [
        re.search(r'href="/corporaties/L\d{4}">(.*?)</a>', r).group(1)
        for r in _rows(filtered, "corporaties-tabel")
    ]  # type: ignore[union-attr]
    assert names and all(part.casefold() in n.casefold() for n in names)
    assert len(names) == sum(
        part.casefold() in c["naam"].casefold() or part.casefold() in c["id"].casefold() for c in items
    )
    assert f"van de {len(items)} gevonden" in filtered


def test_buurten_sort_by_inhabitants_with_a_liveability_column(client: TestClient) -> None:
    html = client.get("/gemeenten/GM0363/buurten?sorteer=inwoners&richting=af").text
    rows = _rows(html, "buurten-tabel")
    assert len(rows) == 519
    inwoners = [
        int(re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)[1].replace(".", "").replace("–", "-1"))
        for r in rows
    ]
    known = [n for n in inwoners if n >= 0]
    assert known == sorted(known, reverse=True) and inwoners[: len(known)] == known  # unknown last
    assert ">Leefbaarheid" in html.split('id="buurten-tabel"')[1].split("</thead>")[0]
    one = client.get("/gemeenten/GM0363/buurten?zoek=BU0363AA04").text
    assert len(_rows(one, "buurten-tabel")) == 1 and "Planciusbuurt-Zuid" in one
    assert "Geen buurt gevonden" in client.get("/gemeenten/GM0363/buurten?zoek=xyzzy").text
    # nonsense parameters fall back to the default order, never an error
    assert client.get("/gemeenten/GM0363/buurten?sorteer=drop&richting=zz").status_code == 200


def test_sort_puts_empty_values_last_in_both_directions() -> None:
    rows = [{"n": "b", "x": 2}, {"n": "a", "x": None}, {"n": "C", "x": 10}]
    kolommen = (Kolom("n", "Naam"), Kolom("x", "X", numeriek=True))
    up = sort_and_filter(rows, kolommen, "/p", "x", "op", None, ("n",))
    down = sort_and_filter(rows, kolommen, "/p", "x", "af", None, ("n",))
    assert [r["n"] for r in up.rijen] == ["b", "C", "a"]
    assert [r["n"] for r in down.rijen] == ["C", "b", "a"]
    by_name = sort_and_filter(rows, kolommen, "/p", None, None, "C", ("n",))
    assert [r["n"] for r in by_name.rijen] == ["C"] and by_name.totaal == 3 and by_name.sorteer == "n"
