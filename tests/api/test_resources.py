"""The data resources on the tiny demo: values checked against direct SQL on the same database."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from leefbaar.storage import engine as storage_engine


def _sql(url: str, query: str) -> list[tuple[Any, ...]]:
    """An independent route to the numbers: plain DuckDB on the same file, outside the app."""
    storage_engine.dispose(url)  # DuckDB allows one process-wide owner of the file at a time
    with duckdb.connect(make_url(url).database or "", read_only=True) as conn:
        return conn.execute(query).fetchall()


def test_gemeente_counts_match_the_dwellings(client: TestClient, tiny_duckdb: str) -> None:
    expected = _sql(
        tiny_duckdb,
        """SELECT count(*), count(*) FILTER (WHERE eigendom = 'corporatie'),
                  count(*) FILTER (WHERE eigendom = 'koop'), count(*) FILTER (WHERE huursegment = 'sociaal')
           FROM woning WHERE buurtcode LIKE 'BU0363%'""",
    )[0]
    body = client.get("/api/v1/gemeenten/GM0363").json()
    w = body["woningen"]
    assert (w["totaal"], w["corporatie"], w["koop"], w["sociaal"]) == expected
    assert w["aandeelSociaal"] == round(100 * expected[3] / expected[0], 1)
    assert body["naam"] == "Amsterdam"
    assert body["provinciecode"] == "PV27"
    assert body["provincie"] == "Noord-Holland"
    assert body["inwoners"] == 931298  # CBS KWB 2024, AantalInwoners of GM0363
    assert {c["id"] for c in body["corporaties"]} == {"L0001", "L0002"}
    # the shipped example agreement of the demo, read from the stored agreements
    assert [a["id"] for a in body["prestatieafspraken"]] == ["lokaal-GM0363-amsterdam-2024-2027"]
    # every wijk of the 2025 division, and their dwellings add up to the municipality's
    wijken = _sql(
        tiny_duckdb,
        "SELECT count(*) FROM regio WHERE niveau='wijk' AND gemeentecode='GM0363' AND indelingsjaar=2025",
    )
    assert len(body["wijken"]) == wijken[0][0]
    assert sum(x["woningen"]["totaal"] for x in body["wijken"]) == expected[0]


def test_gemeente_without_dwellings_has_zero_and_no_shares(client: TestClient) -> None:
    body = client.get("/api/v1/gemeenten/GM0518").json()  # 's-Gravenhage: not in the tiny demo
    assert body["woningen"]["totaal"] == 0
    assert "aandeelSociaal" not in body["woningen"]


def test_buurten_of_a_gemeente_are_paged_without_totals(client: TestClient, tiny_duckdb: str) -> None:
    codes = [
        r[0]
        for r in _sql(
            tiny_duckdb,
            "SELECT code FROM regio WHERE niveau='buurt' AND gemeentecode='GM0014' AND indelingsjaar=2025 ORDER BY code",
        )
    ]
    page1 = client.get("/api/v1/gemeenten/GM0014/buurten?paginagrootte=50").json()
    page2 = client.get(page1["_links"]["next"]["href"]).json()
    got = [b["code"] for b in page1["_embedded"]["buurten"] + page2["_embedded"]["buurten"]]
    assert got == codes[: len(got)]
    assert len(page1["_embedded"]["buurten"]) == 50
    assert "totaal" not in page1 and "last" not in page1["_links"]


def test_buurt_has_names_inhabitants_and_crimes(client: TestClient, tiny_duckdb: str) -> None:
    ((code, inwoners),) = _sql(
        tiny_duckdb,
        "SELECT regiocode, waarde FROM gebiedsindicator WHERE indicator='AantalInwoners' AND regiocode='BU0363AA04'",
    )
    body = client.get(f"/api/v1/buurten/{code}").json()
    assert body["inwoners"] == int(inwoners)
    assert (body["gemeentenaam"], body["wijkcode"]) == ("Amsterdam", "WK0363AA")
    assert body["misdrijven"] is not None


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/gemeenten/GM9999", 404),  # well-formed code that does not exist
        ("/api/v1/gemeenten/0363", 400),  # no GM prefix: invalid input
        ("/api/v1/buurten/BU99999999", 404),
        ("/api/v1/corporaties/L9999", 404),
        ("/api/v1/complexen/L0001-999999", 404),
        ("/api/v1/complexen/L0001", 400),  # no complex number
        ("/api/v1/gemeenten/GM9999/buurten", 404),
        ("/api/v1/gemeenten/GM9999/grenzen", 404),
    ],
)
def test_missing_and_invalid_resources_are_problems(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json()["status"] == status


def test_invalid_input_lists_all_errors(client: TestClient) -> None:
    r = client.get("/api/v1/gemeenten?pagina=0&indelingsjaar=x")
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {"pagina", "indelingsjaar"}


def test_corporatie_five_six_list_matches_the_latest_scores(client: TestClient, tiny_duckdb: str) -> None:
    expected = {
        r[0]
        for r in _sql(
            tiny_duckdb,
            """SELECT 'L0001-' || complexnummer FROM (
                 SELECT complexnummer, score, row_number() OVER (PARTITION BY complexnummer ORDER BY meetdatum DESC) rn
                 FROM conditiemeting WHERE corporatie_id = 'L0001' AND element IS NULL) WHERE rn = 1 AND score >= 5""",
        )
    }
    body = client.get("/api/v1/corporaties/L0001").json()
    assert {c["complex"] for c in body["slechteConditie"]} == expected
    assert expected  # the demo has bad complexes, so the test can fail
    concreet = {
        "L0001-" + r[0]
        for r in _sql(
            tiny_duckdb,
            "SELECT complexnummer FROM plan WHERE corporatie_id='L0001' AND soort='sloop' AND status='concreet'",
        )
    }
    for c in body["slechteConditie"]:
        assert c["uitzondering"] == (c["complex"] in concreet)
    assert sum(r["complexen"] for r in body["conditie"]) == body["complexen"]


def test_complex_has_dwellings_and_plans(client: TestClient, tiny_duckdb: str) -> None:
    ((n,),) = _sql(
        tiny_duckdb, "SELECT count(*) FROM woning WHERE corporatie_id='L0001' AND complexnummer='1021'"
    )
    body = client.get("/api/v1/complexen/L0001-1021").json()
    assert body["woningen"]["totaal"] == n
    assert body["corporatieId"] == "L0001"
    assert [p["soort"] for p in body["plannen"]] == [
        r[0]
        for r in _sql(
            tiny_duckdb, "SELECT soort FROM plan WHERE corporatie_id='L0001' AND complexnummer='1021'"
        )
    ]


def test_defects_of_a_complex_of_three_dwellings_are_withheld(client: TestClient, tiny_duckdb: str) -> None:
    ((n,),) = _sql(
        tiny_duckdb, "SELECT count(*) FROM woning WHERE corporatie_id='L0001' AND complexnummer='1034'"
    )
    assert 0 < n < 5  # the tiny demo's complex 1034 of L0001 has defects and only a few dwellings
    body = client.get("/api/v1/complexen/L0001-1034").json()
    assert body["woningen"]["totaal"] == n
    assert body["gebreken"] == [] and body["gebrekenOnderdrukt"].startswith(
        "niet getoond: minder dan 5 woningen"
    )
    big = client.get("/api/v1/complexen/L0001-1021").json()  # 10 dwellings
    assert big["gebreken"] and "gebrekenOnderdrukt" not in big


def test_corporaties_list_is_sorted_by_name(client: TestClient) -> None:
    names = [
        c["naam"]
        for c in client.get("/api/v1/corporaties?paginagrootte=100").json()["_embedded"]["corporaties"]
    ]
    assert len(names) == 9  # L0001-L0009
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("GM0363", ("gemeente", "GM0363")),  # exact code first
        ("amsterdam", ("gemeente", "GM0363")),  # exact name before names containing it
        ("bu0363aa04", ("buurt", "BU0363AA04")),  # codes are case-insensitive
        ("linhof", ("corporatie", "L0002")),  # corporaties by name
        ("Den Haag", ("gemeente", "GM0518")),  # a known alternative name
        ("Amsterdm", ("gemeente", "GM0363")),  # a typo
    ],
)
def test_search(client: TestClient, q: str, first: tuple[str, str]) -> None:
    hits = client.get("/api/v1/zoeken", params={"q": q}).json()["resultaten"]
    assert (hits[0]["soort"], hits[0]["code"]) == first


def test_search_treats_wildcards_literally(client: TestClient) -> None:
    assert client.get("/api/v1/zoeken", params={"q": "%%"}).json()["resultaten"] == []


def test_search_answers_a_list_also_for_a_single_exact_hit(client: TestClient) -> None:
    """The API does not redirect: a single exact hit comes back as a list with how it matched."""
    r = client.get("/api/v1/zoeken", params={"q": "Den Haag"})
    assert r.status_code == 200
    (first, second, *_) = r.json()["resultaten"]
    assert first == {
        "soort": "gemeente",
        "code": "GM0518",
        "naam": "'s-Gravenhage",
        "gemeentenaam": "'s-Gravenhage",
        "indelingsjaar": 2025,
        "overeenkomst": "exact",
        "gevondenOp": "Den Haag",
        "pagina": "/gemeenten/GM0518",
    }
    # Den Ham: 6 shared trigrams of 9 + 8 - 6 = 11
    assert (second["code"], second["overeenkomst"], second["gelijkenis"]) == ("WK170003", "gelijkend", 0.55)


def test_search_finds_a_code_of_an_older_division_without_a_page(client: TestClient) -> None:
    (hit,) = client.get("/api/v1/zoeken", params={"q": "BU07530001"}).json()["resultaten"]
    assert (hit["indelingsjaar"], hit["overeenkomst"], "pagina" in hit) == (2024, "exact", False)


def test_gegevens_lists_imports_and_coverage(client: TestClient, tiny_duckdb: str) -> None:
    body = client.get("/api/v1/gegevens").json()
    ((rows,),) = _sql(tiny_duckdb, "SELECT sum(rijen) FROM import_log")
    assert sum(r["rijen"] for r in body["imports"]) == rows
    gemeenten = next(d for d in body["dekking"] if d["niveau"] == "gemeente")
    assert (gemeenten["totaal"], gemeenten["metGrens"], gemeenten["metWoningen"]) == (342, 342, 6)
    assert all(r["laatsteImport"].endswith(("Z", "+00:00")) for r in body["imports"])


def test_gemeentegrenzen_geojson_in_crs84_and_rd(client: TestClient) -> None:
    r = client.get("/api/v1/gemeentegrenzen")
    assert r.headers["Content-Type"] == "application/geo+json"
    assert r.headers["Content-Crs"] == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    features = r.json()["features"]
    assert len(features) == 342
    ams = next(f for f in features if f["properties"]["code"] == "GM0363")
    assert ams["properties"]["url"] == "/gemeenten/GM0363"
    lon, lat = _first_point(ams["geometry"])
    assert 4.7 < lon < 5.1 and 52.2 < lat < 52.5
    rd = client.get("/api/v1/gemeentegrenzen?crs=EPSG:28992")
    assert rd.headers["Content-Crs"] == "http://www.opengis.net/def/crs/EPSG/0/28992"
    x, y = _first_point(next(f for f in rd.json()["features"] if f["id"] == "GM0363")["geometry"])
    assert 100_000 < x < 140_000 and 470_000 < y < 500_000


def test_gemeente_grenzen_of_buurten_link_to_their_pages(client: TestClient) -> None:
    body = client.get("/api/v1/gemeenten/GM0363/grenzen?niveau=buurt").json()
    assert len(body["features"]) == 517  # the Amsterdam buurten 2025 shipped with the demo
    assert all(f["properties"]["url"] == f"/buurten/{f['id']}" for f in body["features"])


def test_unsupported_crs_is_a_400(client: TestClient) -> None:
    r = client.get("/api/v1/gemeentegrenzen?crs=EPSG:3857")
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "crs"


def _first_point(geometry: dict[str, Any]) -> tuple[float, float]:
    coords: Any = geometry["coordinates"]
    while isinstance(coords[0], list):
        coords = coords[0]
    return float(coords[0]), float(coords[1])


def test_both_backends_give_the_same_gemeente(client_both: TestClient) -> None:
    body = client_both.get("/api/v1/gemeenten/GM0599").json()
    # The tiny demo (seed 2025) gives Rotterdam 3,249 dwellings of which 1,335 social rent (counted with
    # SQL on the DuckDB build); PostgreSQL must give the same. 92 buurten in the CBS 2025 division.
    assert (body["naam"], body["woningen"]["totaal"], body["woningen"]["sociaal"]) == (
        "Rotterdam",
        3249,
        1335,
    )
    page = client_both.get("/api/v1/gemeenten/GM0599/buurten?paginagrootte=100").json()
    assert len(page["_embedded"]["buurten"]) == 92
    assert "next" not in page["_links"]


def test_both_backends_search_and_corporatie(client_both: TestClient) -> None:
    hits = client_both.get("/api/v1/zoeken", params={"q": "rotterdam"}).json()["resultaten"]
    assert (hits[0]["soort"], hits[0]["code"]) == ("gemeente", "GM0599")
    typo = client_both.get("/api/v1/zoeken", params={"q": "Rotterdm"}).json()["resultaten"]
    assert (typo[0]["code"], typo[0]["gelijkenis"]) == ("GM0599", 0.58)  # 7 / (9 + 10 - 7)
    body = client_both.get("/api/v1/corporaties/L0003").json()
    assert (body["naam"], body["woningen"]) == ("Woonstichting Berhof (fictief)", 785)
    assert sum(r["woningen"] for r in body["conditie"]) == body["voorraad"]["totaal"]
