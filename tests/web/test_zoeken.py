"""The search page on the tiny demo: one exact hit opens its page, otherwise the ranked list."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize(
    ("q", "page"),
    [
        ("Den Haag", "/gemeenten/GM0518"),  # an alternative name
        ("BU0363AA04", "/buurten/BU0363AA04"),  # a code
        ("bu0363aa04", "/buurten/BU0363AA04"),  # in any case
        ("Planciusbuurt-Zuid", "/buurten/BU0363AA04"),  # a name
        ("amsterdam", "/gemeenten/GM0363"),  # the only exact hit among names that begin with it
        ("L0001", "/corporaties/L0001"),  # an association's id
    ],
)
def test_single_exact_hit_opens_its_page(client: TestClient, q: str, page: str) -> None:
    r = client.get("/zoeken", params={"q": q}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, page)


def test_example_in_the_form_opens_its_buurt(client: TestClient) -> None:
    """The form's example code comes from the data, so following it must work."""
    html = client.get("/zoeken").text
    found = re.search(r"een buurtcode als (BU\w{8})", html)
    assert found is not None
    r = client.get("/zoeken", params={"q": found.group(1)})
    assert r.status_code == 200 and r.url.path == f"/buurten/{found.group(1)}"
    assert '<h1 class="utrecht-heading-1">Buurt Groot IJsselmonde</h1>' in r.text


def test_typo_lists_similar_names(client: TestClient) -> None:
    html = client.get("/zoeken", params={"q": "Amsterdm"}).text
    assert "Geen exacte resultaten voor ‘Amsterdm’. Bedoelde u een van deze?" in html
    first = re.search(r'<li class="utrecht-unordered-list__item">(.*?)</li>', html)
    assert first is not None
    assert (
        first.group(1) == '<a class="utrecht-link" href="/gemeenten/GM0363">Amsterdam</a> (Gemeente GM0363)'
    )


def test_alternative_name_is_shown_with_the_hit(client: TestClient) -> None:
    html = client.get("/zoeken", params={"q": "haag"}).text
    assert (
        '<a class="utrecht-link" href="/gemeenten/GM0518">&#39;s-Gravenhage</a> (Gemeente GM0518), '
        "gevonden als ‘Den Haag’</li>"
    ) in html


def test_code_of_an_older_division_is_listed_without_a_link(client: TestClient) -> None:
    r = client.get("/zoeken", params={"q": "BU07530001"}, follow_redirects=False)
    assert r.status_code == 200
    assert "Centrum (Buurt BU07530001, Best): indeling 2024, niet in de nieuwste gebiedsindeling" in r.text
    assert 'href="/buurten/BU07530001"' not in r.text


def test_many_exact_hits_are_listed(client: TestClient) -> None:
    r = client.get("/zoeken", params={"q": "Centrum"}, follow_redirects=False)
    assert r.status_code == 200
    assert r.text.count('<li class="utrecht-unordered-list__item">') == 25
