"""The data pages on the tiny demo: what they show, their 404s, and the import form with its report."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.storage.arrow_io import scalar


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    # https: the session and CSRF cookies are Secure, a client on http would not send them back.
    return TestClient(create_app(), base_url="https://testserver")


DEMO = {
    "beheerder": ("beheerder@demo.leefbaar.nl", "demo-beheerder-2026"),
    "corporatie": ("corporatie@demo.leefbaar.nl", "demo-corporatie-2026"),
    "huurders": ("huurders@demo.leefbaar.nl", "demo-huurders-2026"),
}


def login(client: TestClient, who: str) -> None:
    """Log in with a documented demo account (the tiny demo has one per role)."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/inloggen").text)
    assert found is not None
    email, password = DEMO[who]
    answer = client.post(
        "/inloggen",
        data={"email": email, "wachtwoord": password, "volgende": "/gegevens", "csrf_token": found.group(1)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[:300]


def csrf(client: TestClient) -> dict[str, str]:
    """The form's CSRF token (the client keeps the matching cookie), as form data."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/gegevens").text)
    assert found is not None
    return {"csrf_token": found.group(1)}


def test_landelijk_lists_every_gemeente_and_the_national_commitments(client: TestClient) -> None:
    html = client.get("/").text
    tabel, statussen = html.split('id="gemeenten-tabel"')[1].split('id="statussen-tabel"')
    link = r'<a class="utrecht-link" href="/gemeenten/GM\d{4}">'
    assert len(re.findall(link, tabel)) == 342  # the table beside the map
    assert len(re.findall(link, statussen)) == 342  # and the status table
    assert 'data-geojson-url="/api/v1/gemeentegrenzen"' in html
    assert 'id="kaart-indicator"' in html
    assert "Beoordeling op peildatum 01-06-2025" in html  # the newest of the two stored runs
    assert 'href="/afspraken/r1-geen-conditie-5-6?scope=nationaal&amp;variant=complexscore"' in html


def test_gemeente_shows_key_figures_map_and_tables(client: TestClient) -> None:
    api = client.get("/api/v1/gemeenten/GM0363").json()
    html = client.get("/gemeenten/GM0363").text
    totaal = f"{api['woningen']['totaal']:,}".replace(",", ".")
    assert f"<dt>Woningen</dt><dd>{totaal}</dd>" in html
    assert 'data-geojson-url="/api/v1/gemeenten/GM0363/grenzen?niveau=buurt"' in html
    assert 'href="/gemeenten/GM0363/buurten">Alle 519 buurten' in html
    assert 'href="/buurten/BU0363AA04">Planciusbuurt-Zuid</a>' in client.get("/gemeenten/GM0363/buurten").text
    assert 'href="/corporaties/L0001"' in html
    assert "Tabel bij de grafiek" in html and 'role="img"' in html


def test_gemeente_without_buurt_boundaries_maps_its_wijken(client: TestClient) -> None:
    assert 'grenzen?niveau=wijk"' in client.get("/gemeenten/GM0014").text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/gemeenten/GM9999", "Gemeente GM9999 bestaat niet"),  # well-formed, unknown
        ("/gemeenten/onzin", "Gemeente ONZIN bestaat niet"),  # malformed: same 404, no error page
        ("/buurten/BU99999999", "Buurt BU99999999 bestaat niet"),
        ("/corporaties/L9999", "Corporatie L9999 bestaat niet"),
        ("/complexen/L0001-0", "Complex L0001-0 bestaat niet"),
        ("/afspraken/bestaat-niet?scope=nationaal", "geen beoordeling"),
    ],
)
def test_unknown_things_are_html_404s_with_a_reason(client: TestClient, path: str, message: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert message in r.text


def test_corporatie_shows_the_five_six_list_with_exceptions(client: TestClient, web_db: str) -> None:
    # Regression: the page counted three rules but listed complexes under the complex score only, and
    # a measurement from 2019 was not flagged as old.
    from datetime import date

    from leefbaar.domain.housing import is_oude_meting
    from leefbaar.services import monitor

    api = client.get("/api/v1/corporaties/L0001").json()
    html = client.get("/corporaties/L0001").text
    lijst = html.split('id="lijst-5-6"')[1].split("</table>")[0]
    for c in api["slechteConditie"]:  # complex score 5 or 6: still listed
        assert f'href="/complexen/{c["complex"]}"' in lijst
    r1 = monitor.r1_complexen(web_db, "L0001", date.today())
    alleen_element = [
        c
        for c in r1["complexen"]
        if c.regels["slechtste_element"].slecht and not c.regels["complexscore"].slecht
    ]
    assert alleen_element, "the tiny demo has complexes in 5/6 by their worst element only"
    for c in r1["complexen"]:
        assert f'href="/complexen/{c.id}"' in lijst
    assert lijst.count("ja (concreet sloopplan)") == sum(c.uitzondering for c in r1["complexen"])
    # every cell with a measurement says its date, and "oude meting" exactly when it is too old
    oud = sum(
        is_oude_meting(s.meetdatum, date.today())
        for c in r1["complexen"]
        for s in c.regels.values()
        if s.meetdatum
    )
    assert oud > 0 and lijst.count("<em>oude meting</em>") == oud
    regels = html.split('id="r1-regels"')[1].split("</table>")[0]
    rows = re.findall(r'header-cell">([^<]+)</th>\s*<td[^>]*>([\d.]+)</td>\s*<td[^>]*>([\d.]+)</td>', regels)
    assert [r[0] for r in rows] == ["complexscore", "slechtste element", "herbouwwaarde-gewogen"]
    assert [int(r[2].replace(".", "")) for r in rows] == [r["woningen"] for r in r1["regels"]]


def test_corporatie_shows_the_scenario_as_a_scenario_with_its_dutch_errors(client: TestClient) -> None:
    api = client.get("/api/v1/corporaties/L0001/verbeterscenario?budget=100000&jaren=3").json()
    html = client.get("/corporaties/L0001?budget=100.000&jaren=3").text
    sectie = html.split('id="scenario"')[1].split("</section>")[0]
    assert "Scenario: verbeteren binnen budget" in sectie and "Scenario — geen oordeel." in sectie
    volgorde = sectie.split('id="scenario-volgorde"')[1].split("</table>")[0]
    assert re.findall(r'href="/complexen/([^"]+)"', volgorde) == [s["complex"] for s in api["stappen"]]
    niet = sectie.split('id="scenario-niet-gekozen"')[1].split("</table>")[0]
    assert re.findall(r'href="/complexen/([^"]+)"', niet) == [s["complex"] for s in api["nietGekozen"]]
    assert (
        f"komen <strong>{api['woningenVerbeterd']} van de {api['woningenTotaal']} woningen</strong>" in sectie
    )
    fout = client.get("/corporaties/L0001?budget=-1&jaren=twee")
    assert fout.status_code == 400
    fouten = fout.text.split('id="scenario-fouten"')[1].split("</div>")[0]
    assert re.findall(r'href="#(veld-\w+)">([^<]+)</a>', fouten) == [
        ("veld-budget", "Het budget per jaar kan niet negatief zijn."),
        ("veld-jaren", "Het aantal jaren moet een geheel getal zijn."),
    ]
    assert (
        'id="veld-budget" name="budget" value="-1"' in fout.text and 'id="scenario-volgorde"' not in fout.text
    )


def test_afspraak_page_has_history_table_and_evidence_links(client: TestClient) -> None:
    html = client.get("/afspraken/r1-geen-conditie-5-6?scope=nationaal&variant=complexscore").text
    table = html.split('id="grafiek-verloop-tabel"')[1].split("</table>")[0]
    assert re.findall(r">(\d\d-\d\d-\d{4})</th>", table) == ["01-01-2025", "01-06-2025"]
    assert re.search(r'href="/complexen/L\d{4}-\d+"', html)


def test_upload_needs_a_login_with_a_data_supplying_role(web_db: str) -> None:
    visitor = TestClient(create_app(), base_url="https://testserver")
    page = visitor.get("/gegevens").text
    assert 'id="importeren-inloggen"' in page and 'action="/gegevens"' not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', visitor.get("/inloggen").text)
    assert token is not None
    before = scalar(web_db, "SELECT count(*) FROM import_log")
    files = {"bestand": ("x.csv", b"a;b\n1;2\n", "text/csv")}
    data = {"soort": "woningen", "peildatum": "2025-02-01", "csrf_token": token.group(1)}
    answer = visitor.post("/gegevens", data=data, files=files, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/inloggen")
    login(visitor, "huurders")
    # The CSRF token is renewed at login: take the new one from the account page's form.
    token = re.search(r'name="csrf_token" value="([^"]+)"', visitor.get("/account").text)
    assert token is not None
    data["csrf_token"] = token.group(1)
    answer = visitor.post("/gegevens", data=data, files=files, follow_redirects=False)
    assert answer.status_code == 403
    assert "Uw organisatie levert geen gegevens aan via bestanden." in answer.text
    assert scalar(web_db, "SELECT count(*) FROM import_log") == before


def test_upload_with_errors_shows_the_report_and_writes_nothing(client: TestClient, web_db: str) -> None:
    # The beheerder supplies the reference stock (owner-occupied dwellings): only validation speaks.
    login(client, "beheerder")
    before = scalar(web_db, "SELECT count(*) FROM import_log")
    csv = "verblijfsobject_id;buurtcode;eigendom\n123;BU0363AA01;koop\n0363010000900001;BU0363AA01;huur\n"
    r = client.post(
        "/gegevens",
        data={"soort": "woningen", "peildatum": "2025-02-01", **csrf(client)},
        files={"bestand": ("woningen.csv", csv.encode(), "text/csv")},
    )
    assert r.status_code == 400
    report = r.text.split('id="importverslag"')[1].split("</table>")[0]
    assert "woningen.csv is afgekeurd: er is niets opgeslagen" in report
    assert "geen geldige BAG-verblijfsobject-id" in report
    assert "eigendom" in report and "huur" in report  # the second row: a value outside the choices
    assert scalar(web_db, "SELECT count(*) FROM import_log") == before


def test_upload_form_errors_name_every_missing_field(client: TestClient) -> None:
    login(client, "corporatie")
    r = client.post("/gegevens", data={"soort": "", "peildatum": "gisteren", **csrf(client)})
    assert r.status_code == 400
    errors = r.text.split('id="formulierfouten"')[1].split("</ul>")[0]
    assert re.findall(r'href="#(\w+)"', errors) == ["soort", "bestand", "peildatum"]


@pytest.fixture
def fresh_client(monkeypatch: pytest.MonkeyPatch, tiny_duckdb: str) -> Iterator[TestClient]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_duckdb)
    get_settings.cache_clear()
    yield TestClient(create_app(), base_url="https://testserver")
    get_settings.cache_clear()


def test_a_good_upload_lands_and_the_pages_count_it(fresh_client: TestClient, tiny_duckdb: str) -> None:
    login(fresh_client, "beheerder")
    before = fresh_client.get("/api/v1/gemeenten/GM0363").json()["woningen"]["koop"]
    csv = (
        "verblijfsobject_id;buurtcode;eigendom\n"
        "0363010000900001;BU0363AA01;koop\n"
        "0363010000900002;BU0363AA01;koop\n"
    )
    r = fresh_client.post(
        "/gegevens",
        data={"soort": "woningen", "peildatum": "2025-02-01", "indelingsjaar": "2025", **csrf(fresh_client)},
        files={"bestand": ("extra.csv", csv.encode(), "text/csv")},
    )
    assert r.status_code == 200, r.text.split('id="importverslag"')[1][:500]
    assert "extra.csv: geïmporteerd" in r.text
    assert fresh_client.get("/api/v1/gemeenten/GM0363").json()["woningen"]["koop"] == before + 2


def test_buurt_shows_the_index_objective_and_subjective_apart_with_a_trend(client: TestClient) -> None:
    api = client.get("/api/v1/leefbaarheid/BU0363AA04").json()
    html = client.get("/buurten/BU0363AA04").text
    section = html.split('id="leefbaarheid-titel"')[1].split("</section>")[0]
    assert "Objectief: gemeten (registraties)" in section and "Subjectief: ervaren (enquêtes)" in section
    assert api["bijdragen"][0] in section.replace("&#39;", "'")
    trend = section.split('id="grafiek-trend-tabel"')[1]
    assert re.findall(r">(\d{4})</th>", trend) == ["2023", "2024"]
    assert 'id="grafiek-trend"' in section and 'role="img"' in section
    assert [t["jaar"] for t in api["trend"]] == [2023, 2024]


def test_gemeente_shows_thirty_percent_fair_share_and_instruments(client: TestClient) -> None:
    html = client.get("/gemeenten/GM0363").text
    section = html.split('id="thuis-titel"')[1].split("</section>")[0]
    api = client.get("/api/v1/gemeenten/GM0363").json()["woningen"]
    assert f"{api['sociaal']:,}".replace(",", ".") + " van de " in section
    assert "Eerlijke verdeling van aandachtsgroepen" in section
    assert "Urgentieverordening: vastgesteld" in section


def test_gemeente_shows_the_fair_share_notes_under_its_table(client: TestClient, web_db: str) -> None:
    from leefbaar.services import homes

    jaar = homes.latest_allocation_year(web_db, "GM0363")
    notes = homes.fair_share(web_db, "PV27", str(jaar))["opmerkingen"]
    assert notes, "the tiny demo should give at least one note (groups without a configured need)"
    section = client.get("/gemeenten/GM0363").text.split('id="thuis-titel"')[1].split("</section>")[0]
    shown = re.findall(r'<p class="utrecht-paragraph leefbaar-note">([^<]*)</p>', section)
    expected = [n[:1].upper() + n[1:] + ("" if n.endswith(".") else ".") for n in notes]
    assert [s.replace("&#39;", "'") for s in shown[-len(expected) :]] == expected


def test_leefbaarheid_api_unknown_area_is_a_404(client: TestClient) -> None:
    assert client.get("/api/v1/leefbaarheid/BU99999999").status_code == 404


def _doel_cell(html: str, toezegging: str) -> str:
    """The "Doel" cell (the fourth) of the first table row that links to ``toezegging``."""
    row = next(r for r in html.split("<tr") if f'href="/afspraken/{toezegging}?' in r)
    return re.findall(r'<td class="utrecht-table__cell[^"]*">(.*?)</td>', row, re.S)[3]


def test_doel_column_keeps_an_at_most_target(client: TestClient) -> None:
    # Regression: the table read back from the history wrote every target as "ten minste".
    html = client.get("/").text  # the national table, read from the stored runs
    assert _doel_cell(html, "r1-geen-conditie-5-6") == "ten hoogste 0 woningen"
    # the agreement file: r2 is ">=" € 200 mln per year (2025, the milestone of the newest peildatum)
    assert _doel_cell(html, "r2-extra-woningverbetering") == "ten minste € 200 mln per jaar"
    detail = client.get("/afspraken/r1-geen-conditie-5-6?scope=nationaal&variant=complexscore").text
    assert "doel ten hoogste 0 woningen" in detail


def test_gemeente_page_shows_one_social_rent_share_and_says_what_it_counts(
    client: TestClient, web_db: str
) -> None:
    # Regression: Amsterdam's page showed 39,8% in the key figures and the 30% block and 43,8% in the
    # agreements table. The hand count is tests/services/test_social_rent_figures.py's definition.
    from sqlalchemy import text

    from leefbaar.storage.engine import get_engine

    with get_engine(web_db).connect() as conn:
        sociaal, woningen = conn.execute(
            text(
                "SELECT sum(CASE WHEN eigendom = 'corporatie' AND (huursegment IS NULL OR huursegment = 'sociaal') "
                "OR eigendom = 'overige_huur' AND huursegment = 'sociaal' THEN 1 ELSE 0 END), count(*) "
                "FROM woning WHERE buurtcode LIKE 'BU0363%'"
            )
        ).one()
    pct = f"{100 * sociaal / woningen:.1f}%".replace(".", ",")
    html = client.get("/gemeenten/GM0363").text
    kerncijfers = html.split('id="kerncijfers-titel"')[1].split("</section>")[0]
    assert f"<dt>Aandeel sociale huur</dt><dd>{pct}</dd>" in kerncijfers
    definitie = kerncijfers.split('id="sociale-huur-definitie">')[1].split("</p>")[0]
    aantal = f"{sociaal:,}".replace(",", ".")
    assert definitie.startswith(
        f"Aandeel sociale huur: {aantal} van de {woningen:,} woningen".replace(",", ".")
    )
    assert "op peildatum 01-01-2025" in definitie  # the tiny demo's one dwelling peildatum
    assert "corporatiewoningen in het sociale huursegment (of zonder opgegeven segment)" in definitie
    assert "gedeeld door alle woningen" in definitie and "Bron:" in definitie
    blok = html.split('id="thuis-titel"')[1].split("</section>")[0]
    assert f"zijn sociale huur: {pct} (doel 30%, peildatum 01-01-2025" in blok
    afspraak = next(r for r in html.split("<tr") if 'href="/afspraken/r10-dertig-procent-sociale-huur?' in r)
    assert re.findall(r'<td class="utrecht-table__cell leefbaar-num">([^<]*)</td>', afspraak) == [pct]
    assert f"gemeten {pct}" in afspraak and f"{aantal} woningen sociale huur" in afspraak


def test_national_page_of_a_per_gemeente_commitment_counts_the_gemeenten(
    client: TestClient, web_db: str
) -> None:
    # Regression: "Gemeenten onder 30% sociale huur groeien naar 30%" was missing from the national
    # table, and its national page was a 404 while the map legend counted the statuses.
    from leefbaar.domain.agreements import Status
    from tests.services.test_per_gemeente import hand_counts

    hand = hand_counts(web_db)
    r10 = "r10-dertig-procent-sociale-huur"
    rij = next(
        r for r in client.get("/").text.split("<tr") if f'href="/afspraken/{r10}?scope=nationaal"' in r
    )
    cellen = re.findall(r'<td class="utrecht-table__cell[^"]*">(.*?)</td>', rij, re.S)
    statussen = re.findall(r"(\d+) <span class=\"leefbaar-status[^\"]*\">([^<]+)</span>", cellen[1])
    assert statussen == [(str(hand[s]), s.value) for s in Status if hand[s]]
    assert cellen[2:4] == ["342 gemeenten", "per gemeente ten minste 30%"]

    r = client.get(f"/afspraken/{r10}?scope=nationaal")
    assert r.status_code == 200
    telling = r.text.split('id="telling-tabel"')[1].split("</table>")[0]
    rows = re.findall(r'leefbaar-status--[^"]*">([^<]+)</span></th>\s*<td[^>]*>([\d.]+)</td>', telling)
    assert rows == [(s.value, str(hand[s])) for s in Status]
    lijst = r.text.split('id="gemeenten-tabel"')[1].split("</table>")[0]
    links = re.findall(rf'href="/afspraken/{r10}\?scope=gemeente:(GM\d{{4}})"', lijst)
    assert len(links) == len(set(links)) == 342
    assert client.get(f"/afspraken/{r10}?scope=gemeente:{links[0]}").status_code == 200
    assert 'href="/#kaart-titel"' in r.text


def test_buurt_page_gives_every_figure_its_unit(client: TestClient, web_db: str) -> None:
    # Regression: "Geregistreerde misdrijven ... relatieve maat 1.825" beside "148,0 per 1.000 inwoners",
    # contributions without a scale, the index "-0,5 (zwak)" unexplained, "overlast onveiligheid".
    from sqlalchemy import text

    from leefbaar.storage.engine import get_engine

    code = "BU0363AA04"

    def newest(indicator: str) -> tuple[float, int]:
        with get_engine(web_db).connect() as conn:
            row = conn.execute(
                text(
                    "SELECT waarde, jaar FROM gebiedsindicator WHERE regiocode = :c AND indicator = :i "
                    "ORDER BY jaar DESC, peildatum DESC, import_id DESC LIMIT 1"
                ),
                {"c": code, "i": indicator},
            ).one()
        return float(row[0]), int(row[1])

    misdrijven, jaar = newest("GeregistreerdeMisdrijven")
    inwoners, _ = newest("AantalInwoners")
    per_1000 = f"{1000 * misdrijven / inwoners:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    html = client.get(f"/buurten/{code}").text.replace("&#39;", "'")
    kerncijfers = html.split('id="kerncijfers-titel"')[1].split("</section>")[0]
    assert f"<dt>Geregistreerde misdrijven per 1.000 inwoners ({jaar})</dt><dd>{per_1000}</dd>" in kerncijfers
    assert "relatieve maat" not in html
    assert f"dus {per_1000} per 1.000 inwoners" in kerncijfers

    section = html.split('id="leefbaarheid-titel"')[1].split("</section>")[0]
    zinnen = re.findall(r'<li class="utrecht-unordered-list__item">([^<]*)</li>', section)
    assert zinnen and all(
        z.endswith("standaarddeviatie") or "heeft vrijwel geen invloed" in z for z in zinnen
    ), zinnen
    assert all("(landelijke mediaan " in z for z in zinnen)
    assert 'id="index-schaal">De index en de dimensiescores staan in standaarddeviaties' in section
    assert '<a class="utrecht-link" href="/leefbaarheid">' in section
    assert ">overlast en onveiligheid</th>" in section and "overlast onveiligheid" not in section
    assert "Score (standaarddeviaties)" in section


def test_liveability_explanation_page_lists_the_classes_and_indicators(client: TestClient) -> None:
    html = client.get("/leefbaarheid").text
    klassen = html.split('id="klassen-tabel"')[1].split("</table>")[0]
    rows = re.findall(r'header-cell">([^<]+)</th>\s*<td class="utrecht-table__cell">([^<]+)</td>', klassen)
    # the bands of docs/liveability.md "Classes", by hand
    assert rows == [
        ("zeer onvoldoende", "lager dan -1,75"),
        ("ruim onvoldoende", "van -1,75 tot -1,25"),
        ("onvoldoende", "van -1,25 tot -0,75"),
        ("zwak", "van -0,75 tot -0,25"),
        ("voldoende", "van -0,25 tot 0,25"),
        ("ruim voldoende", "van 0,25 tot 0,75"),
        ("goed", "van 0,75 tot 1,25"),
        ("zeer goed", "van 1,25 tot 1,75"),
        ("uitstekend", "1,75 of hoger"),
    ]
    indicatoren = html.split('id="indicatoren-tabel"')[1].split("</table>")[0]
    assert '<td class="utrecht-table__cell">per 1.000 inwoners</td>' in indicatoren
    assert '<td class="utrecht-table__cell">overlast en onveiligheid</td>' in indicatoren
    assert "minder dan 100 inwoners krijgen geen score (de standaarddrempel)" in html
