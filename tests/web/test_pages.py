"""Every page renders the shared layout (skip link, search, navigation, banner, footer) with safe headers."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.web import templating

# (path, expected <h1>) - every page template that exists, on the tiny demo with two monitor runs
PAGES = [
    ("/", "Landelijk overzicht"),
    ("/zoeken", "Zoeken"),
    ("/zoeken?q=Xyzzyq", "Zoeken"),  # the no-results state
    ("/zoeken?q=amster", "Zoeken"),  # with results
    ("/zoeken?q=Amsterdm", "Zoeken"),  # only similar results ("Bedoelde u")
    ("/gegevens", "Gegevens"),
    ("/toegankelijkheid", "Toegankelijkheidsverklaring"),
    ("/open-data", "Open data"),
    ("/gemeenten/GM0363", "Gemeente Amsterdam"),  # with buurt boundaries, dwellings, agreements
    ("/gemeenten/GM0518", "Gemeente &#39;s-Gravenhage"),  # no dwellings in the tiny demo
    ("/gemeenten/GM0363/buurten", "Buurten van Amsterdam"),
    ("/buurten/BU0363AA04", "Buurt Planciusbuurt-Zuid"),
    ("/corporaties", "Corporaties"),
    ("/corporaties/L0001", "Woonstichting Eikhof (fictief)"),
    ("/complexen/L0001-1021", "Complex 1021 (fictief)"),
    ("/complexen/L0001-1021/woningen", "Woningen van Complex 1021 (fictief)"),  # a visitor: counts only
    ("/complexen/L0001-1034", "Complex 1034 (fictief)"),  # 3 dwellings: defects withheld
    (
        "/afspraken/r1-geen-conditie-5-6?scope=nationaal&variant=complexscore",
        "Vanaf 2026 geen corporatiewoning in conditie 5 of 6 zonder concreet sloopplan (regel: complexscore)",
    ),
]


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize(("path", "h1"), PAGES)
def test_page_uses_the_base_layout(client: TestClient, path: str, h1: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    html = r.text
    assert '<html lang="nl">' in html
    assert f'<h1 class="utrecht-heading-1">{h1}</h1>' in html
    assert 'class="leefbaar-theme utrecht-document' in html
    # The skip link is the first link in the body and points at <main id="main">.
    body = html.split("<body", 1)[1]
    assert re.search(r"<a [^>]*>", body).group(0) == (  # type: ignore[union-attr]
        '<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">'
    )
    assert '<main id="main"' in html
    assert 'action="/zoeken" method="get"' in html
    assert "Let op: deze omgeving bevat synthetische demonstratiegegevens" in html
    assert "Bron: CBS / Kadaster (PDOK), CC BY 4.0" in html
    assert 'href="/toegankelijkheid"' in html


@pytest.mark.parametrize(("path", "h1"), PAGES)
def test_only_own_assets(client: TestClient, path: str, h1: str) -> None:
    html = client.get(path).text
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources, "expected stylesheets and scripts"
    assert all(s.startswith("/static/") for s in sources), sources


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "Landelijk"),  # home marks Landelijk
        ("/gegevens", "Gegevens"),  # a sub page marks itself
        ("/toegankelijkheid", "Toegankelijkheid"),
    ],
)
def test_navigation_marks_the_current_page(client: TestClient, path: str, current: str) -> None:
    marked = re.findall(r'aria-current="page">([^<]+)</a>', client.get(path).text)
    assert marked == [current]


def test_html_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["Referrer-Policy"] == "no-referrer"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    # A public data page for a visitor: the browser may keep it but revalidates (ETag, 304).
    assert r.headers["Cache-Control"] == "private, no-cache"
    assert r.headers["ETag"].startswith('W/"')
    assert client.get("/gegevens").headers["Cache-Control"] == "no-store"  # a form page: never kept
    assert "API-Version" not in r.headers  # that header belongs to the API


def test_static_files_are_served_and_cacheable(client: TestClient) -> None:
    r = client.get("/static/leefbaar-theme.css")
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "public, max-age=3600"
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_search_without_query_shows_no_result_state(client: TestClient) -> None:
    assert "Geen resultaten" not in client.get("/zoeken").text


def test_search_with_query_says_no_results(client: TestClient) -> None:
    html = client.get("/zoeken?q=Xyzzyq").text
    assert "Geen resultaten gevonden voor ‘Xyzzyq’" in html


def test_search_query_is_escaped(client: TestClient) -> None:
    html = client.get("/zoeken", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_unknown_page_is_an_html_404_with_the_layout(client: TestClient) -> None:
    r = client.get("/bestaat-niet")
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("text/html")
    assert "Pagina niet gevonden" in r.text
    assert "Naar de inhoud" in r.text


def test_banner_is_hidden_when_data_is_not_synthetic(monkeypatch: pytest.MonkeyPatch, web_db: str) -> None:
    monkeypatch.setattr(templating, "is_synthetisch", lambda: False)
    html = TestClient(create_app()).get("/").text
    assert "synthetische demonstratiegegevens" not in html


def test_api_paths_are_not_web_pages(client: TestClient) -> None:
    r = client.get("/api/v1/bestaat-niet")
    assert r.headers["Content-Type"] == "application/problem+json"


def test_a_complex_of_three_dwellings_shows_no_defect_counts(client: TestClient) -> None:
    small = client.get("/complexen/L0001-1034").text
    assert 'id="gebreken-onderdrukt"' in small and "Gebreken per soort" not in small
    assert (
        "niet getoond: minder dan 5 woningen, zodat de aantallen over afzonderlijke huishoudens gaan" in small
    )
    big = client.get("/complexen/L0001-1021").text  # 10 dwellings
    assert "Gebreken per soort" in big and 'id="gebreken-onderdrukt"' not in big


@pytest.mark.parametrize("path", ["/gemeenten/GM0363", "/corporaties/L0001"])
def test_money_and_outcomes_on_the_page_equal_the_api(client: TestClient, path: str) -> None:
    """One definition per figure: the section "Geld en resultaat" shows the API's numbers."""
    api = client.get(f"/api/v1{path}/geld-en-resultaat").json()
    assert api["jaar"] == 2025 and len(api["themas"]) == 6
    table = client.get(path).text.split('id="geld-en-resultaat"', 1)[1].split("</table>", 1)[0]
    for thema in api["themas"]:
        row = table.split(f">{thema['naam']}</th>", 1)[1].split("</tr>", 1)[0]
        assert templating.euro(thema["extraEur"]) in row, thema
        if thema["woningenMetRisico"] is not None:
            assert f">{templating.getal(thema['woningenMetRisico'])}<" in row
    assert client.get("/api/v1/gemeenten/GM9999/geld-en-resultaat").status_code == 404


def test_restructuring_section_on_the_gemeente_page_equals_the_api(client: TestClient) -> None:
    """The demo's Amsterdam plans: one mixing both stocks, one with association stock only (R8)."""
    api = client.get("/api/v1/gemeenten/GM0363/herstructureringsplannen").json()
    plans = api["_embedded"]["herstructureringsplannen"]
    assert sorted(p["voorraden"]["gemengd"] for p in plans) == [False, True]
    table = client.get("/gemeenten/GM0363").text.split('id="herstructurering"', 1)[1].split("</table>", 1)[0]
    for plan in plans:
        row = table.split(plan["id"], 1)[1].split("</tr>", 1)[0]
        sloop, renovatie = (
            templating.getal(plan["woningenSloop"]),
            templating.getal(plan["woningenRenovatie"]),
        )
        assert f">{sloop}<" in row and f">{renovatie}<" in row, plan
        assert f">{templating.getal(plan['voorraden']['particuliereWoningen'])}<" in row
        assert ("ja" if plan["voorraden"]["gemengd"] else "nee") in row
    assert client.get("/api/v1/gemeenten/GM9999/herstructureringsplannen").status_code == 404
