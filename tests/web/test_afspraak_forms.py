"""The agreement forms on DuckDB and PostgreSQL: a municipality draws up a local agreement with its
partners and a first commitment, changes it as a new version with a reason, adds and changes
commitments; every error beside its field at once, a stale form changes nothing, and the links to
the forms are shown only to who may write (TestClient)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.services import agreements
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts

ID = "lokaal-GM0363-wijkaanpak-zuidoost-2025-2028"
PAGE = f"/afspraken/{ID}"
NEW = {
    "titel": "Wijkaanpak Zuidoost 2025-2028",
    "start": "2025-01-01",
    "eind": "2028-12-31",
    "partijen": ["L0001", "HO0001"],
    "andere_partijen": "ZP0001",
    "toelichting": "",
    "reden": "",
    "t_soort": "kwalitatief",
    "t_requirement": "R4",
    "t_titel": "Een wijkplan voor Zuidoost",
    "t_resultaat": "Een wijkplan met de partners, besproken met de bewoners.",
    "t_deadline": "2028-06-30",
    "t_verantwoordelijke": "L0001",
}


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


def _login(client: TestClient, who: str) -> str:
    """Log in as ``who``; returns a CSRF token for the forms."""
    client.cookies.clear()
    form = {
        "email": ACCOUNTS[who][0],
        "wachtwoord": PASSWORD,
        "volgende": "/",
        "csrf_token": _token(client, "/inloggen"),
    }
    assert client.post("/inloggen", data=form, follow_redirects=False).status_code == 303
    return _token(client, "/account")


def _summary(html: str) -> list[str]:
    box = re.search(r'id="formulierfouten".*?</div>', html, re.S)
    assert box is not None
    return [
        re.sub(r"<[^>]+>", "", item)
        for item in re.findall(r'<li class="utrecht-unordered-list__item">(.*?)</li>', box.group(0))
    ]


def _draw_up(client: TestClient, token: str) -> None:
    answer = client.post("/afspraken/nieuw", data={**NEW, "csrf_token": token}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, f"{PAGE}?melding=aangemaakt")


def test_a_municipality_draws_up_a_local_agreement(site: tuple[TestClient, str]) -> None:
    client, url = site
    token = _login(client, "gemeente")
    assert 'href="/afspraken/nieuw"' in client.get("/afspraken").text
    form = client.get("/afspraken/nieuw").text
    # the organisations seated in Amsterdam are offered, another municipality's are not
    offered = re.findall(r'name="partijen" value="([A-Z0-9]+)"', form)
    assert offered == ["L0001", "L0002", "HO0001", "HO0002", "ZP0001", "VP0001", "BO0001"]
    assert '<label class="utrecht-form-label" for="veld-titel">Titel</label>' in form
    before = len(agreements.agreement_list(url))
    bad = {
        **NEW,
        "csrf_token": token,
        "titel": "",
        "eind": "2024-12-31",
        "t_resultaat": "",
        "t_verantwoordelijke": "L0002",
    }
    answer = client.post("/afspraken/nieuw", data=bad)
    assert answer.status_code == 400
    assert _summary(answer.text) == [
        "Titel: Mag niet leeg zijn.",
        "Op te leveren resultaat: Verplicht veld ontbreekt.",
        "Einde van de looptijd: Eind 2024-12-31 ligt voor de start 2025-01-01.",
        "Verantwoordelijke partij: Partij &#39;L0002&#39; staat niet bij de partijen van deze afspraak.",
    ]
    # each message also beside its field, tied to it
    assert (
        'id="veld-titel-fout"' in answer.text
        and 'aria-describedby="veld-titel-uitleg veld-titel-fout"' in answer.text
    )
    assert len(agreements.agreement_list(url)) == before  # nothing written
    _draw_up(client, token)
    stored = agreements.stored_agreement(url, ID)
    assert (stored.versie, stored.organisatie, stored.reden) == (1, "GM0363", "opgesteld")
    assert [(p.id, p.soort.value) for p in stored.agreement.partijen] == [
        ("GM0363", "gemeente"),
        ("L0001", "corporatie"),
        ("HO0001", "huurdersorganisatie"),
        ("ZP0001", "zorgpartner"),
    ]
    assert stored.document["toezeggingen"] == [
        {
            "id": "een-wijkplan-voor-zuidoost",
            "soort": "kwalitatief",
            "resultaat": "Een wijkplan met de partners, besproken met de bewoners.",
            "requirement": "R4",
            "titel": "Een wijkplan voor Zuidoost",
            "deadline": "2028-06-30",
            "verantwoordelijke": "L0001",
        }
    ]
    page = client.get(f"{PAGE}?melding=aangemaakt").text
    assert "De afspraak is vastgelegd als versie 1." in page
    assert f'href="{PAGE}/wijzigen"' in page and f'href="{PAGE}/nieuwe-toezegging"' in page
    # the same title and period again: the id is taken, nothing written
    again = client.post("/afspraken/nieuw", data={**NEW, "csrf_token": token})
    assert again.status_code == 409 and "er is al een afspraak" in again.text.lower()
    assert len(agreements.agreement_versions(url, ID)) == 1


def test_a_change_is_a_new_version_and_a_stale_form_writes_nothing(site: tuple[TestClient, str]) -> None:
    client, url = site
    token = _login(client, "gemeente")
    _draw_up(client, token)
    form = client.get(f"{PAGE}/wijzigen").text
    assert 'name="versie" value="1"' in form and 'value="Wijkaanpak Zuidoost 2025-2028"' in form
    change = {
        "csrf_token": token,
        "versie": "1",
        "titel": "Wijkaanpak Zuidoost 2025-2028 (herzien)",
        "start": "2025-01-01",
        "eind": "2028-12-31",
        "partijen": ["L0001", "HO0001", "ZP0001", "L0002"],
        "reden": "",
    }
    no_reason = client.post(f"{PAGE}/wijzigen", data=change)
    assert no_reason.status_code == 400 and _summary(no_reason.text) == [
        "Reden van deze versie: Geef een reden voor deze versie."
    ]
    saved = client.post(
        f"{PAGE}/wijzigen", data={**change, "reden": "Linhof sluit aan"}, follow_redirects=False
    )
    assert (saved.status_code, saved.headers["location"]) == (303, f"{PAGE}?melding=gewijzigd")
    stored = agreements.stored_agreement(url, ID)
    assert (stored.versie, stored.reden, stored.agreement.titel) == (
        2,
        "Linhof sluit aan",
        "Wijkaanpak Zuidoost 2025-2028 (herzien)",
    )
    assert [p.id for p in stored.agreement.partijen] == ["GM0363", "L0001", "HO0001", "ZP0001", "L0002"]
    assert len(stored.document["toezeggingen"]) == 1  # the commitments are kept
    # the form still showing version 1: refused with a clear message, nothing written
    stale = client.post(f"{PAGE}/wijzigen", data={**change, "titel": "Te laat", "reden": "te laat"})
    assert stale.status_code == 409
    assert "De afspraak is intussen door iemand anders gewijzigd: versie 2 is nu de actuele." in stale.text
    assert 'name="versie" value="2"' in stale.text
    assert [v["versie"] for v in agreements.agreement_versions(url, ID)] == [1, 2]
    assert agreements.stored_agreement(url, ID).agreement.titel == "Wijkaanpak Zuidoost 2025-2028 (herzien)"
    # a party that is responsible for a commitment cannot be left out
    without = client.post(
        f"{PAGE}/wijzigen", data={**change, "versie": "2", "partijen": ["HO0001"], "reden": "x"}
    )
    assert without.status_code == 400
    assert _summary(without.text) == [
        "Partijen: Partij &#39;L0001&#39; staat niet bij de partijen van deze afspraak."
    ]


def test_commitments_added_and_changed_by_form(site: tuple[TestClient, str]) -> None:
    client, url = site
    token = _login(client, "gemeente")
    _draw_up(client, token)
    measured = {
        "csrf_token": token,
        "versie": "1",
        "t_soort": "gemeten",
        "t_requirement": "R10",
        "t_titel": "Naar 32,5% sociale huur",
        "t_indicator": "aandeel_sociale_huur",
        "t_vergelijking": ">=",
        "t_waarde": "32,5",
        "t_deadline": "2028-12-31",
        "t_verantwoordelijke": "GM0363",
        "reden": "",
    }
    bad = client.post(
        f"{PAGE}/nieuwe-toezegging", data={**measured, "t_waarde": "veel", "t_deadline": "2030-01-01"}
    )
    assert bad.status_code == 400
    assert _summary(bad.text) == [
        "Doelwaarde: Is geen getal.",
        "Deadline: Deadline 2030-01-01 ligt na het einde van de periode (2025-01-01 t/m 2028-12-31).",
    ]
    added = client.post(f"{PAGE}/nieuwe-toezegging", data=measured, follow_redirects=False)
    assert (added.status_code, added.headers["location"]) == (303, f"{PAGE}?melding=toezegging-toegevoegd")
    stored = agreements.stored_agreement(url, ID)
    assert (stored.versie, stored.reden) == (2, "toezegging naar-32-5-sociale-huur toegevoegd")
    assert stored.document["toezeggingen"][1] == {
        "id": "naar-32-5-sociale-huur",
        "indicator": "aandeel_sociale_huur",
        "doel": {"vergelijking": ">=", "waarde": 32.5},
        "requirement": "R10",
        "titel": "Naar 32,5% sociale huur",
        "deadline": "2028-12-31",
        "verantwoordelijke": "GM0363",
    }
    edit = f"{PAGE}/toezeggingen/naar-32-5-sociale-huur/wijzigen"
    form = client.get(edit).text
    assert 'name="t_waarde" value="32,5"' in form and 'name="versie" value="2"' in form
    changed = client.post(
        edit,
        data={**measured, "versie": "2", "t_waarde": "35", "reden": "ambitie verhoogd"},
        follow_redirects=False,
    )
    assert changed.status_code == 303
    stored = agreements.stored_agreement(url, ID)
    assert (stored.versie, stored.document["toezeggingen"][1]["doel"]) == (
        3,
        {"vergelijking": ">=", "waarde": 35},
    )
    stale = client.post(edit, data={**measured, "versie": "2", "t_waarde": "40", "reden": "nog hoger"})
    assert stale.status_code == 409 and len(agreements.agreement_versions(url, ID)) == 3
    assert client.get(f"{PAGE}/toezeggingen/bestaat-niet/wijzigen").status_code == 404


def test_the_links_and_forms_only_for_who_may_write(site: tuple[TestClient, str]) -> None:
    client, _ = site
    amsterdam = "/afspraken/lokaal-GM0363-amsterdam-2024-2027"
    assert "Afspraak wijzigen" not in client.get(amsterdam).text  # a visitor
    assert client.get(f"{amsterdam}/wijzigen", follow_redirects=False).status_code == 303  # to the login
    _login(client, "corporatie")
    assert "Afspraak wijzigen" not in client.get(amsterdam).text
    assert 'href="/afspraken/nieuw"' not in client.get("/afspraken").text
    assert client.get("/afspraken/nieuw").status_code == 403
    _login(client, "andere_gemeente")
    assert "Afspraak wijzigen" not in client.get(amsterdam).text
    assert client.get(f"{amsterdam}/wijzigen").status_code == 403
    _login(client, "gemeente")
    assert "Afspraak wijzigen" in client.get(amsterdam).text
    _login(client, "beheerder")
    choose = client.get("/afspraken/nieuw").text  # the beheerder first chooses the municipality
    assert 'id="kies-gemeente"' in choose and '<option value="GM0363">' in choose
    assert 'name="gemeente" value="GM0599"' in client.get("/afspraken/nieuw?gemeente=GM0599").text


def test_a_party_the_register_does_not_know_stays(site: tuple[TestClient, str]) -> None:
    """A veiligheidspartner named in an imported file but not in the register of organisations is
    offered (checked) on the change form and kept by a change."""
    client, url = site
    token = _login(client, "gemeente")
    _draw_up(client, token)
    document = agreements.stored_agreement(url, ID).document
    politie = {"id": "VP0002", "soort": "veiligheidspartner", "naam": "Politie Amsterdam (fictief)"}
    agreements.store_agreement(
        url, {**document, "partijen": [*document["partijen"], politie]}, account=None, reden="politie"
    )
    form = client.get(f"{PAGE}/wijzigen").text
    assert re.search(r'name="partijen" value="VP0002" checked', form)
    assert "Politie Amsterdam (fictief) (veiligheidspartner, VP0002)" in form
    change = {
        "csrf_token": token,
        "versie": "2",
        "titel": "Wijkaanpak Zuidoost 2025-2028",
        "start": "2025-01-01",
        "eind": "2028-12-31",
        "partijen": ["L0001", "HO0001", "ZP0001", "VP0002"],
        "toelichting": "Met de politie.",
        "reden": "toelichting",
    }
    assert client.post(f"{PAGE}/wijzigen", data=change, follow_redirects=False).status_code == 303
    stored = agreements.stored_agreement(url, ID)
    assert (stored.versie, stored.agreement.toelichting) == (3, "Met de politie.")
    assert stored.document["partijen"][-1] == politie
