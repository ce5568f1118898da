"""Nobody writes another party's data (issue 13, item 1 replayed; issue 14, item 5).

The authorization matrix of every import kind x role, written out by hand from docs/security.md
("Ownership"), and the reported forgeries replayed through the upload page: each is refused whole,
names the foreign rows, and changes nothing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.domain.parties import Rol
from leefbaar.ingest import kinds
from leefbaar.privacy.ownership import Writer, refusal
from leefbaar.storage.engine import get_engine
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts

Y, N = True, False
ROLES = (
    Rol.BEHEERDER,
    Rol.GEMEENTE,
    Rol.CORPORATIE,
    Rol.HUURDERSORGANISATIE,
    Rol.ZORGPARTNER,
    Rol.VEILIGHEIDSPARTNER,
    Rol.BEWONERSORGANISATIE,
    Rol.PROVINCIE,
    Rol.MINISTERIE,
)
#: May the role write the kind at all? In the order of ROLES:
#:                          beh gem cor huur zorg veil bew  prov min
MATRIX: dict[str, tuple[bool, ...]] = {
    "gebieden": (Y, N, N, N, N, N, N, N, N),  # reference data: the beheerder only
    "grenzen": (Y, N, N, N, N, N, N, N, N),
    "partijen": (Y, N, N, N, N, N, N, N, N),  # a party cannot rename another
    "gebiedsindicatoren": (Y, N, N, N, N, N, N, N, N),  # feed inhabitants, keys, liveability
    "complexen": (Y, N, Y, N, N, N, N, N, N),
    "woningen": (Y, N, Y, N, N, N, N, N, N),
    "conditiemetingen": (Y, N, Y, N, N, N, N, N, N),
    "gebreken": (Y, N, Y, N, N, N, N, N, N),
    "plannen": (Y, N, Y, N, N, N, N, N, N),
    "investeringen": (Y, Y, Y, N, N, N, N, N, N),  # associations and municipalities invest
    "investeringsbasislijnen": (Y, Y, Y, N, N, N, N, N, N),  # each declares its own baseline
    "buurtkamers": (Y, N, Y, N, N, N, N, N, N),
    "vhf-rondes": (Y, N, N, N, N, N, N, N, Y),  # the ministry makes the fund available
    "vhf-bijdragen": (Y, Y, N, N, N, N, N, N, N),
    "vhf-bestedingen": (Y, Y, N, N, N, N, N, N, N),  # the municipality of the grant
    "vhf-planadressen": (Y, Y, N, N, N, N, N, N, N),
    "herstructureringsplannen": (Y, Y, N, N, N, N, N, N, N),  # the municipality directs the plan
    "herstructureringsplan-objecten": (Y, Y, N, N, N, N, N, N, N),  # its objects, both stocks
    "toewijzingen": (N, Y, Y, N, N, N, N, N, N),  # personal data: never the beheerder
    "urgentieverordeningen": (Y, Y, N, N, N, N, N, N, N),
    "woonzorgvisies": (Y, Y, N, N, N, N, N, N, N),
}


def test_the_matrix_covers_every_kind() -> None:
    assert set(MATRIX) == {kind.name for kind in kinds.ALL}


@pytest.mark.parametrize("kind", sorted(MATRIX))
def test_which_roles_may_write_which_kind(kind: str) -> None:
    ownership = kinds.BY_NAME[kind].ownership
    got = tuple(refusal(Writer(rol, "X"), ownership, kind) is None for rol in ROLES)
    assert got == MATRIX[kind]


# -- the forgeries, replayed through the upload page --------------------------------------------


@pytest.fixture
def site(tiny_db: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    get_settings.cache_clear()
    make_accounts(tiny_db)
    with TestClient(create_app(), base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client, tiny_db
    get_settings.cache_clear()


def _login(client: TestClient, who: str) -> None:
    page = client.get("/inloggen")
    token = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page.text).group(1)  # type: ignore[union-attr]
    answer = client.post(
        "/inloggen",
        data={"email": ACCOUNTS[who][0], "wachtwoord": PASSWORD, "volgende": "/", "csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303


def _upload(client: TestClient, soort: str, content: str, peildatum: str = "2025-06-30"):  # type: ignore[no-untyped-def]
    page = client.get("/gegevens")
    token = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page.text).group(1)  # type: ignore[union-attr]
    return client.post(
        "/gegevens",
        data={"csrf_token": token, "soort": soort, "peildatum": peildatum},
        files={"bestand": (f"{soort}.csv", content.encode(), "text/csv")},
    )


def _errors(page: str) -> list[str]:
    """The reasons in an import report (or the form's error list)."""
    return re.findall(r'<td class="utrecht-table__cell">([^<]*)</td>', page) + re.findall(
        r"<li[^>]*>([^<]*)</li>", page
    )


def _fingerprint(url: str) -> dict[str, int]:
    tables = [
        "partij",
        "complex",
        "woning",
        "conditiemeting",
        "investering",
        "woonzorgvisie",
        "prestatieafspraak",
        "regio",
        "gebiedsindicator",
        "import_log",
    ]
    with get_engine(url).connect() as conn:
        return {t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables}


FORGERIES = [
    # (kind, file, the words of the refusal) -- as the corporatie L0001
    (
        "conditiemetingen",
        "corporatie_id;complexnummer;element;score;vervangingswaarde_eur;meetdatum;methode\n"
        "L0001;1001;;3;;2025-03-14;NEN 2767\nL0003;3001;;6;;2025-03-14;NEN 2767\n",
        "hoort bij L0003, niet bij uw organisatie L0001",
    ),
    (
        "complexen",
        "corporatie_id;complexnummer;naam;gemeentecode;bouwjaar\nL0003;3001;Overgenomen;GM0599;1970\n",
        "hoort bij L0003, niet bij uw organisatie L0001",
    ),
    (
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0003;GM0599;2025;vocht_schimmel;extra;99999999\n",
        "hoort bij L0003, niet bij uw organisatie L0001",
    ),
    (
        "partijen",
        "partij_id;soort;naam;gemeentecode;synthetisch\nL0003;corporatie;Vervalst;GM0599;ja\n",
        "zijn referentiegegevens",
    ),
    (
        "woonzorgvisies",
        "gemeentecode;vastgesteld_op;geldig_tot\nGM0599;2025-01-01;2030-12-31\n",
        "worden vastgelegd door een gemeente, niet door een corporatie",
    ),
    (
        "gebiedsindicatoren",
        "regiocode;jaar;indicator;waarde;bron\nGM0363;2024;AantalInwoners;1;vals\n",
        "referentiegegevens",
    ),
]


@pytest.mark.parametrize(("soort", "inhoud", "melding"), FORGERIES, ids=[f[0] for f in FORGERIES])
def test_an_association_cannot_write_another_partys_data(site, soort: str, inhoud: str, melding: str) -> None:  # type: ignore[no-untyped-def]
    client, url = site
    _login(client, "corporatie")
    before = _fingerprint(url)
    answer = _upload(client, soort, inhoud)
    assert answer.status_code in (400, 403)
    assert melding in answer.text
    assert _fingerprint(url) == before


def test_own_rows_are_accepted_and_the_log_names_the_organisation(site) -> None:  # type: ignore[no-untyped-def]
    client, url = site
    _login(client, "corporatie")
    answer = _upload(
        client,
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;12345\n",
    )
    assert answer.status_code == 200, answer.text
    with get_engine(url).connect() as conn:
        logged = conn.execute(
            text(
                "SELECT gebruiker, organisatie FROM import_log WHERE soort = 'investeringen' ORDER BY import_id DESC"
            )
        ).first()
    assert tuple(logged) == (ACCOUNTS["corporatie"][0], "L0001")


def test_a_municipality_cannot_file_allocations_for_an_association(site) -> None:  # type: ignore[no-untyped-def]
    client, url = site
    _login(client, "gemeente")
    before = _fingerprint(url)
    answer = _upload(
        client,
        "toewijzingen",
        "toewijzing_id;datum;gemeentecode;buurtcode;aandachtsgroep;huishouden_id;corporatie_id\n"
        "T-X-1;2025-04-02;GM0363;;statushouder;hh_7f3a9c2e1b4d;L0001\n",
    )
    assert answer.status_code == 400 and "hoort bij L0001, niet bij uw organisatie GM0363" in answer.text
    assert _fingerprint(url) == before


def test_a_dwelling_of_another_association_cannot_be_taken_over(site) -> None:  # type: ignore[no-untyped-def]
    client, url = site
    with get_engine(url).connect() as conn:
        row = conn.execute(
            text(
                "SELECT verblijfsobject_id, postcode, huisnummer, buurtcode FROM woning WHERE corporatie_id = 'L0003' LIMIT 1"
            )
        ).one()
        own_complex = conn.execute(
            text("SELECT complexnummer FROM complex WHERE corporatie_id = 'L0001' LIMIT 1")
        ).scalar_one()
    _login(client, "corporatie")
    before = _fingerprint(url)
    header = "verblijfsobject_id;postcode;huisnummer;huisletter;toevoeging;buurtcode;eigendom;corporatie_id;complexnummer;huursegment;energielabel;bouwjaar;oppervlakte_m2\n"
    line = f"{row[0]};{row[1]};{row[2]};;;{row[3]};corporatie;L0001;{own_complex};sociaal;C;1965;58\n"
    answer = _upload(client, "woningen", header + line)
    assert answer.status_code == 400
    assert "al vastgelegd door L0003; L0001 kan die niet overnemen" in answer.text, _errors(answer.text)
    assert _fingerprint(url) == before


def test_a_future_peildatum_cannot_outrank_later_corrections(site) -> None:  # type: ignore[no-untyped-def]
    client, url = site
    _login(client, "corporatie")
    before = _fingerprint(url)
    future = (date.today() + timedelta(days=40)).isoformat()
    answer = _upload(
        client,
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;1\n",
        future,
    )
    assert answer.status_code == 400 and "de peildatum ligt in de toekomst" in answer.text
    assert _fingerprint(url) == before


def test_the_form_offers_each_role_only_its_kinds(site) -> None:  # type: ignore[no-untyped-def]
    client, _url = site
    _login(client, "corporatie")
    page = client.get("/gegevens").text
    offered = set(re.findall(r'<option value="([a-z-]+)"', page))
    assert offered == {
        "complexen",
        "woningen",
        "conditiemetingen",
        "gebreken",
        "plannen",
        "investeringen",
        "investeringsbasislijnen",
        "buurtkamers",
        "toewijzingen",
    }


def test_refused_kinds_are_audited(site) -> None:  # type: ignore[no-untyped-def]
    client, url = site
    _login(client, "corporatie")
    _upload(client, "gebieden", "code;naam;niveau\nGM9999;Nergens;gemeente\n")
    with get_engine(url).connect() as conn:
        contents = conn.execute(text("SELECT inhoud FROM auditregel")).scalars().all()
    assert any('"importeren gebieden"' in c and '"geweigerd"' in c for c in contents)
