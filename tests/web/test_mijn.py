"""The signed-in user's home and header (issue 16, "Signed in, at home"): login lands on "Mijn
organisatie", the header names who is signed in and offers logout, the home lists the organisation's
agreements, the commitments that wait on it, its data's freshness and its imports; the upload form
offers only the kinds the role may write, with columns, a template and a check-only option."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.ingest import kinds
from leefbaar.storage.arrow_io import scalar
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts

AMSTERDAM = "lokaal-GM0363-amsterdam-2024-2027"
PLAN = "ams-plan-vocht-en-schimmel"  # qualitative, L0001 responsible, deadline 2025-06-30
PLAN_PAGE = f"/afspraken/{AMSTERDAM}/toezeggingen/{PLAN}"


@pytest.fixture
def site(tiny_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, str]]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    get_settings.cache_clear()
    make_accounts(tiny_db)
    try:
        with TestClient(create_app(), base_url="https://testserver", raise_server_exceptions=False) as client:
            yield client, tiny_db
    finally:
        get_settings.cache_clear()


def _token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', client.get(path).text)
    assert found is not None
    return found.group(1)


def _login(client: TestClient, who: str, volgende: str = "/") -> str:
    client.cookies.clear()
    answer = client.post(
        "/inloggen",
        data={
            "email": ACCOUNTS[who][0],
            "wachtwoord": PASSWORD,
            "volgende": volgende,
            "csrf_token": _token(client, "/inloggen"),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    return answer.headers["location"]


def _waiting(html: str) -> str:
    """The "Wacht op u" section of the home page."""
    return html.split('id="actie"')[1].split('id="afspraken"')[0]


def test_header_offers_login_then_names_the_account_and_logout(site: tuple[TestClient, str]) -> None:
    client, _ = site
    page = client.get("/corporaties").text
    assert 'href="/inloggen?volgende=/corporaties">Inloggen</a>' in page
    assert "Uitloggen" not in page and 'href="/mijn"' not in page
    assert client.get("/mijn", follow_redirects=False).headers["location"] == "/inloggen?volgende=/mijn"
    # without a destination the login lands on the home; with one, on that page
    assert _login(client, "corporatie") == "/mijn"
    assert _login(client, "corporatie", "/corporaties") == "/corporaties"
    page = client.get("/corporaties").text
    header = page.split("</header>")[0]
    assert 'href="/mijn">Mijn organisatie</a>' in header
    assert "l@x.nl" in header and "L0001" in header
    assert 'action="/uitloggen"' in header and ">Inloggen</a>" not in header
    logout = client.post(
        "/uitloggen", data={"csrf_token": _token(client, "/corporaties")}, follow_redirects=False
    )
    assert logout.status_code == 303
    assert ">Inloggen</a>" in client.get("/corporaties").text


def test_processing_log_is_in_the_menu_of_the_beheerder_only(site: tuple[TestClient, str]) -> None:
    client, _ = site
    link = 'leefbaar-nav__link" href="/verwerkingenlog"'
    _login(client, "beheerder")
    assert link in client.get("/").text
    _login(client, "ministerie")
    assert link not in client.get("/").text
    refused = client.get("/verwerkingenlog")
    assert (
        refused.status_code == 403
        and "alleen de beheerder (functionaris gegevensbescherming)" in refused.text
    )


def test_home_lists_agreements_and_what_waits_on_the_organisation(site: tuple[TestClient, str]) -> None:
    client, _ = site
    _login(client, "corporatie")
    home = client.get("/mijn").text
    assert "Mijn organisatie: " in home and 'href="/corporaties/L0001"' in home
    assert 'href="/bijhouden/L0001"' in home
    # L0001 signed the national agreement (as one of the associations) and Amsterdam's local one
    assert f'href="/afspraken/{AMSTERDAM}">' in home and "lokale prestatieafspraak" in home
    assert 'href="/afspraken/nationaal-leefbaarheid-2022-2030">' in home
    # the plan L0001 is responsible for: past its deadline, nothing reported
    waiting = _waiting(home)
    row = waiting.split(f'href="{PLAN_PAGE}"')[1].split("</tr>")[0]
    assert "30-06-2025" in row and "niet gehaald" in row and "nog geen stand gemeld" in row
    # the tenants co-signed, but nothing was reported yet: nothing to react to
    _login(client, "huurders")
    assert f'href="{PLAN_PAGE}"' not in _waiting(client.get("/mijn").text)
    # L0001 reports delivery: off its list, onto the tenants' list to confirm or contest
    _login(client, "corporatie")
    reported = client.post(
        f"{PLAN_PAGE}/status",
        data={"csrf_token": _token(client, PLAN_PAGE), "status": "gehaald", "toelichting": "Plannen klaar."},
        follow_redirects=False,
    )
    assert reported.status_code == 303
    assert f'href="{PLAN_PAGE}"' not in _waiting(client.get("/mijn").text)
    _login(client, "huurders")
    row = _waiting(client.get("/mijn").text).split(f'href="{PLAN_PAGE}"')[1].split("</tr>")[0]
    assert "meldde &#39;gehaald&#39;; u kunt bevestigen of betwisten" in row
    page = client.get(PLAN_PAGE).text
    melding = re.search(r'name="melding_id" value="(\d+)"', page)
    assert melding is not None
    confirmed = client.post(
        f"{PLAN_PAGE}/reactie",
        data={
            "csrf_token": _token(client, PLAN_PAGE),
            "melding_id": melding.group(1),
            "reactie": "bevestigd",
        },
        follow_redirects=False,
    )
    assert confirmed.status_code == 303
    assert f'href="{PLAN_PAGE}"' not in _waiting(client.get("/mijn").text)
    # the activity on the home names the report
    _login(client, "corporatie")
    assert 'id="activiteit"' in client.get("/mijn").text


def test_upload_offers_own_kinds_a_template_and_check_only(site: tuple[TestClient, str]) -> None:
    client, url = site
    _login(client, "corporatie")
    form = client.get("/gegevens").text
    offered = set(re.findall(r'<option value="([a-z0-9-]+)"', form))
    assert {"investeringen", "conditiemetingen", "complexen"} <= offered
    assert not offered & {"gebieden", "grenzen", "cbs-kwb", "pdok-grenzen", "partijen"}
    assert 'id="kolommen-investeringen"' in form and 'id="kolommen-gebieden"' not in form
    # the template is the kind's header and example row, and it passes the kind's own checks
    template = client.get("/gegevens/sjablonen/investeringen.csv")
    assert template.status_code == 200 and template.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(template.text), delimiter=";"))
    assert rows[0] == [c.name for c in kinds.BY_NAME["investeringen"].columns] and len(rows) == 2
    assert client.get("/gegevens/sjablonen/bestaat-niet.csv").status_code == 404
    imports_before = scalar(url, "SELECT count(*) FROM import_log")
    checked = client.post(
        "/gegevens",
        data={
            "csrf_token": _token(client, "/gegevens"),
            "soort": "investeringen",
            "peildatum": "2025-06-01",
            "alleen_controleren": "ja",
        },
        files={"bestand": ("investeringen.csv", template.content, "text/csv")},
    )
    assert checked.status_code == 200 and "investeringen.csv: gecontroleerd" in checked.text
    assert "Er is niets opgeslagen" in checked.text
    assert scalar(url, "SELECT count(*) FROM import_log") == imports_before
    assert 'id="imports"' not in client.get("/mijn").text  # nothing imported yet
    imported = client.post(
        "/gegevens",
        data={"csrf_token": _token(client, "/gegevens"), "soort": "investeringen", "peildatum": "2025-06-01"},
        files={"bestand": ("investeringen.csv", template.content, "text/csv")},
    )
    assert imported.status_code == 200 and "investeringen.csv: geïmporteerd" in imported.text
    assert scalar(url, "SELECT count(*) FROM import_log") == imports_before + 1
    home = client.get("/mijn").text
    imports = home.split('id="imports"')[1]
    assert "investeringen.csv" in imports and "l@x.nl" in imports and "01-06-2025" in imports
    fresh = home.split('id="actualiteit"')[1].split("</table>")[0]
    assert re.search(r">investeringen</th>\s*<td[^>]*>01-06-2025</td>", fresh)


def test_errors_in_the_upload_form_take_the_focus(site: tuple[TestClient, str]) -> None:
    client, _ = site
    _login(client, "corporatie")
    answer = client.post("/gegevens", data={"csrf_token": _token(client, "/gegevens"), "soort": ""})
    assert answer.status_code == 400
    assert 'id="formulierfouten" tabindex="-1" autofocus' in answer.text


@pytest.mark.parametrize(
    ("who", "naam", "eigen_pagina", "links"),
    [
        ("beheerder", "Beheer van Leefbaar", None, ['href="/verwerkingenlog"']),
        (
            "gemeente",
            "Amsterdam",
            'href="/gemeenten/GM0363"',
            ['href="/bijhouden/GM0363"', 'href="/signalen"'],
        ),
        ("huurders", None, None, []),
    ],
)
def test_every_role_has_a_home(
    site: tuple[TestClient, str], who: str, naam: str | None, eigen_pagina: str | None, links: list[str]
) -> None:
    client, _ = site
    assert _login(client, who) == "/mijn"
    answer = client.get("/mijn")
    assert answer.status_code == 200
    home = answer.text
    if naam is not None:
        assert naam in home.split("<h1")[1].split("</h1>")[0]
    if eigen_pagina is not None:
        assert eigen_pagina in home
    for link in links:
        assert link in home
    if who != "beheerder":
        assert 'href="/verwerkingenlog"' not in home
    # nobody else's imports: the tenants' organisation supplied nothing, so no import table
    if who == "huurders":
        assert 'id="imports"' not in home and "Uw organisatie heeft nog geen bestanden" in home
