"""HAL pagination: _embedded, _links.self/next/prev, no totals."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from leefbaar.api.pagination import Paginering, hal_page


def make_request(query: str) -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "https",
        "server": ("api.example.nl", 443),
        "path": "/api/v1/gemeenten",
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", b"api.example.nl")],
    }
    return Request(scope)


@pytest.mark.parametrize(
    ("pagina", "returned", "expect_next", "expect_prev", "expect_items"),
    [
        (1, 3, True, False, 2),  # first page, the look-ahead item exists -> next, no prev
        (1, 2, False, False, 2),  # exactly one full page -> no next
        (2, 1, False, True, 1),  # last, partial page -> prev only
        (3, 0, False, True, 0),  # past the end -> empty, prev so the client can go back
    ],
)
def test_links_and_items(
    pagina: int, returned: int, expect_next: bool, expect_prev: bool, expect_items: int
) -> None:
    page = Paginering(pagina=pagina, paginagrootte=2)
    items = [{"code": f"GM000{i}"} for i in range(returned)]
    body = hal_page(make_request(f"indelingsjaar=2024&pagina={pagina}"), "gemeenten", items, page)
    assert len(body["_embedded"]["gemeenten"]) == expect_items
    assert ("next" in body["_links"]) is expect_next
    assert ("prev" in body["_links"]) is expect_prev
    assert set(body) == {"_embedded", "_links"}  # no totals, no 'last'


def test_links_keep_other_query_keys_and_replace_pagina() -> None:
    page = Paginering(pagina=2, paginagrootte=2)
    body = hal_page(make_request("indelingsjaar=2024&pagina=2"), "gemeenten", [1, 2, 3], page)
    assert (
        body["_links"]["self"]["href"]
        == "https://api.example.nl/api/v1/gemeenten?indelingsjaar=2024&pagina=2"
    )
    assert (
        body["_links"]["next"]["href"]
        == "https://api.example.nl/api/v1/gemeenten?indelingsjaar=2024&pagina=3"
    )
    assert (
        body["_links"]["prev"]["href"]
        == "https://api.example.nl/api/v1/gemeenten?indelingsjaar=2024&pagina=1"
    )


@pytest.mark.parametrize(
    ("pagina", "grootte", "offset", "limit"),
    [
        (1, 20, 0, 21),  # default page: one extra item to detect a next page
        (3, 10, 20, 11),  # third page of ten skips twenty
    ],
)
def test_offset_and_limit(pagina: int, grootte: int, offset: int, limit: int) -> None:
    page = Paginering(pagina=pagina, paginagrootte=grootte)
    assert (page.offset, page.limit) == (offset, limit)


def test_collection_endpoint_answers_hal_without_null_links(client) -> None:  # type: ignore[no-untyped-def]
    # The tiny demo has 342 gemeenten 2025: page 18 of 20 holds the last two, with no next link.
    body = client.get("/api/v1/gemeenten?pagina=18&paginagrootte=19").json()
    assert [g["code"] for g in body["_embedded"]["gemeenten"]] != []
    assert len(body["_embedded"]["gemeenten"]) == 342 - 17 * 19
    assert set(body["_links"]) == {"self", "prev"}
    assert None not in body["_links"].values()
