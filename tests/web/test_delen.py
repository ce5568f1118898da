"""``/delen``: registering and ending sharing agreements, sharing signals and reading them, per role.

Runs on both backends with the tiny demo (its parties are needed for the "unknown party" check).
The demo's own sharing agreements and signals are removed first, so every count below is exact.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.privacy.pseudonymise import Pseudonymiser, Subjectsoort
from leefbaar.services import sharing
from leefbaar.services.accounts import DEMO_ACCOUNTS, Account
from leefbaar.services.processing_log import master_key
from leefbaar.storage.engine import get_engine
from tests.browser_fixtures import axe_violations, describe_violations
from tests.security.helpers import (
    ACCOUNTS,
    DOEL,
    PASSWORD,
    ZORGDOEL,
    agreement,
    make_accounts,
    standard_agreements,
)

HUISHOUDEN = "HH-REF-42"


@dataclass
class Wereld:
    client: TestClient
    url: str
    accounts: dict[str, Account]
    #: Length of each log chain when the test starts: counts below are of what the test caused.
    start: dict[str, int]


def _sql(url: str, statement: str) -> list[Any]:
    with get_engine(url).begin() as conn:
        result = conn.execute(text(statement))
        return list(result) if result.returns_rows else []


@pytest.fixture
def wereld(tiny_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Wereld]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    monkeypatch.setenv("LEEFBAAR_ENVIRONMENT", "development")
    get_settings.cache_clear()
    _sql(tiny_db, "DELETE FROM signaal")
    _sql(tiny_db, "DELETE FROM gegevensdelingsovereenkomst")
    accs = make_accounts(tiny_db)
    standard_agreements(tiny_db, accs["beheerder"])  # GDO-L0001-GM0363 (P6M) and GDO-L0001-ZP0001 (P30D)
    try:
        # https: the session cookie is Secure, so a client on http would not send it back.
        with TestClient(create_app(), base_url="https://testserver", raise_server_exceptions=False) as client:
            start = {t: len(_events(tiny_db, t)) for t in ("verwerking", "auditregel")}
            yield Wereld(client, tiny_db, accs, start)
    finally:
        get_settings.cache_clear()


def _token(client: TestClient, path: str = "/account") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page.text)
    assert found is not None
    return found.group(1)


def _login(client: TestClient, who: str) -> None:
    data = {
        "email": ACCOUNTS[who][0],
        "wachtwoord": PASSWORD,
        "volgende": "/",
        "csrf_token": _token(client, "/inloggen"),
    }
    assert client.post("/inloggen", data=data, follow_redirects=False).status_code == 303


def _post(client: TestClient, path: str, data: dict[str, Any], token_from: str = "/account") -> Any:
    return client.post(path, data={**data, "csrf_token": _token(client, token_from)}, follow_redirects=False)


def _events(url: str, table: str) -> list[dict[str, Any]]:
    return [json.loads(r[0]) for r in _sql(url, f"SELECT inhoud FROM {table} ORDER BY volgnummer")]


def _count(wereld: Wereld, table: str, **fields: str) -> int:
    """Events of ``table`` written since the test started that have all the given field values."""
    new = _events(wereld.url, table)[wereld.start[table] :]
    return sum(all(e.get(k) == v for k, v in fields.items()) for e in new)


def _agreement_ids(url: str) -> set[str]:
    return {r[0] for r in _sql(url, "SELECT overeenkomst_id FROM gegevensdelingsovereenkomst")}


def _signal_count(url: str) -> int:
    return int(_sql(url, "SELECT count(*) FROM signaal")[0][0])


def _summary(html: str) -> list[tuple[str, str]]:
    """(link target, text) of every entry in the error summary."""
    block = (
        html.split('id="formulierfouten"', 1)[1].split("</ul>", 1)[0]
        if 'id="formulierfouten"' in html
        else ""
    )
    return re.findall(r'<a class="utrecht-link" href="#([^"]+)">([^<]+)</a>', block)


def _today() -> date:
    return datetime.now(UTC).date()


def _plus_months(start: date, months: int) -> date:
    """Calendar months by hand (the last day of a shorter month when the day does not exist)."""
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _pseudonym(receiver: str, household: str) -> str:
    return Pseudonymiser.for_receiver(master_key(), receiver, Subjectsoort.HUISHOUDEN).pseudonym(household)


GELDIGE_AFSPRAAK = {
    "ontvanger": "ZP0002",
    "doel": "zorg_en_ondersteuning",
    "doel_omschrijving": "zorg en ondersteuning bij zorgen over een huurder",
    "grondslag": "uitdrukkelijke toestemming van de huurder (AVG art. 9 lid 2 onder a)",
    "categorieen": ["zorgsignaal", "overlast"],
    "bewaartermijn": "P90D",
    "begindatum": "2026-01-01",
    "einddatum": "",
    "overeenkomst_id": "GDO-TEST-1",
}


def _share(
    client: TestClient, overeenkomst: str, categorie: str, tekst: str, huishouden: str = HUISHOUDEN
) -> Any:
    data = {
        "overeenkomst_id": overeenkomst,
        "categorie": categorie,
        "huishouden": huishouden,
        "omschrijving": tekst,
    }
    return _post(client, "/delen/signalen/nieuw", data)


# ----------------------------------------------------------------------------------------------
# Who may use the pages


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("beheerder", 200),  # registers and ends agreements
        ("gemeente", 200),  # receives signals
        ("corporatie", 200),  # shares signals
        ("zorgpartner", 200),  # receives signals
        ("huurders", 403),  # never personal data
        ("ministerie", 403),  # never personal data
        ("provincie", 403),  # never personal data
    ],
)
def test_overview_only_for_roles_that_share(wereld: Wereld, who: str, status: int) -> None:
    client = wereld.client
    assert client.get("/delen", follow_redirects=False).headers["location"] == "/inloggen?volgende=/delen"
    assert 'href="/delen"' not in client.get("/").text  # no menu link for a visitor
    _login(client, who)
    page = client.get("/delen")
    assert page.status_code == status
    # The menu link is shown exactly to those who may use the page.
    assert ('href="/delen"' in client.get("/").text) is (status == 200)
    if status == 403:
        assert "deelt en ontvangt geen persoonsgegevens" in page.text


# ----------------------------------------------------------------------------------------------
# Registering an agreement


def test_corporatie_registers_an_agreement_and_both_parties_see_it(wereld: Wereld) -> None:
    client, url = wereld.client, wereld.url
    before = _count(wereld, "auditregel", handeling="overeenkomst.registreren", resultaat="toegestaan")
    _login(client, "corporatie")
    answer = _post(client, "/delen/overeenkomsten/nieuw", GELDIGE_AFSPRAAK, "/delen/overeenkomsten/nieuw")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/delen/overeenkomsten/GDO-TEST-1?melding=overeenkomst-geregistreerd"
    stored = {a.id: a for a in sharing.load_agreements(url, "L0001")}["GDO-TEST-1"]
    assert (stored.verstrekker, stored.ontvanger, stored.doel) == ("L0001", "ZP0002", "zorg_en_ondersteuning")
    assert {c.value for c in stored.categorieen} == {"zorgsignaal", "overlast"}
    assert (stored.bewaartermijn.iso(), stored.begindatum, stored.einddatum) == (
        "P90D",
        date(2026, 1, 1),
        None,
    )
    assert (
        _count(wereld, "auditregel", handeling="overeenkomst.registreren", resultaat="toegestaan")
        == before + 1
    )
    detail = client.get(answer.headers["location"])
    assert "De overeenkomst is geregistreerd." in detail.text
    assert "overlast, zorgsignaal" in detail.text and "01-01-2026" in detail.text
    overview = client.get("/delen").text.split('id="ontvanger-titel"')[0]  # the "as provider" part
    assert "GDO-TEST-1" in overview and "ZP0002" in overview
    _login(client, "andere_zorgpartner")  # ZP0002, the receiver
    receiver = client.get("/delen").text
    assert "GDO-TEST-1" in receiver.split('id="ontvanger-titel"')[1].split('id="verstuurd-titel"')[0]
    assert '<option value="zorg_en_ondersteuning"' in receiver  # it can now pick this purpose


def test_beheerder_registers_on_behalf_of_the_provider_and_must_name_it(wereld: Wereld) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "beheerder")
    missing = _post(client, "/delen/overeenkomsten/nieuw", {**GELDIGE_AFSPRAAK, "verstrekker": ""})
    assert missing.status_code == 400
    assert (
        "verstrekker",
        "Vul de verstrekkende partij in, bijvoorbeeld L0001, GM0363 of ZP0001.",
    ) in _summary(missing.text)
    done = _post(client, "/delen/overeenkomsten/nieuw", {**GELDIGE_AFSPRAAK, "verstrekker": "l0003"})
    assert done.status_code == 303
    assert {a.id: a.verstrekker for a in sharing.load_agreements(url, "L0003")} == {"GDO-TEST-1": "L0003"}
    # The beheerder sees every agreement, and no signals section at all.
    page = client.get("/delen").text
    assert all(k in page for k in ("GDO-TEST-1", "GDO-L0001-GM0363", "GDO-L0001-ZP0001"))
    assert "Ontvangen signalen" not in page


def test_corporatie_cannot_register_for_another_association(wereld: Wereld) -> None:
    client, url = wereld.client, wereld.url
    before = _agreement_ids(url)
    refusals = _count(wereld, "auditregel", handeling="overeenkomst.registreren", resultaat="geweigerd")
    _login(client, "corporatie")  # L0001
    answer = _post(client, "/delen/overeenkomsten/nieuw", {**GELDIGE_AFSPRAAK, "verstrekker": "L0003"})
    assert answer.status_code == 403
    assert "alleen de beheerder of de verstrekkende partij" in answer.text.lower()
    assert _agreement_ids(url) == before
    assert (
        _count(wereld, "auditregel", handeling="overeenkomst.registreren", resultaat="geweigerd")
        == refusals + 1
    )


@pytest.mark.parametrize(
    ("wijziging", "veld", "melding"),
    [
        (
            {"einddatum": "2025-12-31"},
            "einddatum",
            "De einddatum ligt voor de begindatum.",
        ),  # end before start
        ({"ontvanger": "ZP9999"}, "ontvanger", "Partij ZP9999 is onbekend"),  # well-formed, not a party
        ({"ontvanger": "iets"}, "ontvanger", "Partij IETS is onbekend"),  # not an id
        ({"ontvanger": "GM\x00363"}, "ontvanger", "is onbekend"),  # a NUL never reaches the database
        ({"ontvanger": "L0001"}, "ontvanger", "dezelfde partij als de verstrekker"),  # to itself
        ({"ontvanger": ""}, "ontvanger", "Vul de ontvangende partij in"),  # missing receiver
        (
            {"ontvanger": "MINBZK"},
            "categorieen",
            "Een ministerie ontvangt geen persoonsgegevens",
        ),  # receiver kind
        ({"ontvanger": "HO0001"}, "categorieen", "Een huurdersorganisatie ontvangt geen persoonsgegevens"),
        ({"categorieen": ["woninggegevens"]}, "categorieen", "alleen van een corporatie naar een gemeente"),
        ({"categorieen": []}, "categorieen", "Kies minstens één gegevenscategorie."),  # none chosen
        ({"categorieen": ["huurprijs"]}, "categorieen", "‘huurprijs’ is geen gegevenscategorie."),  # unknown
        ({"grondslag": "  "}, "grondslag", "Vul de wettelijke grondslag in"),  # missing legal basis
        ({"grondslag": "x" * 501}, "grondslag", "langer dan 500 tekens"),  # too long
        ({"doel": ""}, "doel", "Vul het doel in als korte code"),  # missing purpose
        ({"doel": "Schulden!"}, "doel", "Het doel is een code van 3 tot 80"),  # not a code
        ({"doel_omschrijving": ""}, "doel_omschrijving", "Beschrijf in woorden"),  # purpose in words
        ({"bewaartermijn": ""}, "bewaartermijn", "Vul de bewaartermijn in"),  # missing retention
        ({"bewaartermijn": "zes maanden"}, "bewaartermijn", "De bewaartermijn is niet te lezen"),  # not ISO
        ({"bewaartermijn": "P11Y"}, "bewaartermijn", "ten hoogste 10 jaar"),  # too long
        ({"begindatum": ""}, "begindatum", "Vul de begindatum in"),  # missing start
        ({"begindatum": "31-12-2026"}, "begindatum", "De begindatum is geen datum"),  # Dutch order
        ({"einddatum": "2300-01-01"}, "einddatum", "ligt niet tussen 2000 en 2100"),  # far future
        ({"overeenkomst_id": "GDO-L0001-GM0363"}, "overeenkomst_id", "Er bestaat al een overeenkomst"),
        ({"overeenkomst_id": "a b"}, "overeenkomst_id", "Het kenmerk heeft 3 tot 40"),  # space in the id
    ],
)
def test_bad_agreement_input_is_explained_per_field_and_nothing_is_stored(
    wereld: Wereld, wijziging: dict[str, Any], veld: str, melding: str
) -> None:
    client, url = wereld.client, wereld.url
    before = _agreement_ids(url)
    _login(client, "corporatie")
    answer = _post(client, "/delen/overeenkomsten/nieuw", {**GELDIGE_AFSPRAAK, **wijziging})
    assert answer.status_code == 400
    summary = _summary(answer.text)
    anchor = "categorie-betalingsachterstand" if veld == "categorieen" else veld
    assert [t for a, t in summary if a == anchor and melding in t], summary
    assert len(summary) == 1, summary  # only the field that is wrong
    if veld != "categorieen":
        field = re.search(rf'<(?:input|textarea)[^>]* id="{veld}"[^>]*>', answer.text)
        assert field is not None
        assert 'aria-invalid="true"' in field.group(0) and f"{veld}-fout" in field.group(0)
    assert f'id="{veld}-fout"' in answer.text
    assert _agreement_ids(url) == before


# ----------------------------------------------------------------------------------------------
# Sharing and receiving a signal


def test_signal_reaches_the_receiver_pseudonymised_with_purpose_and_every_step_is_logged(
    wereld: Wereld,
) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "corporatie")
    assert (
        _share(client, "GDO-L0001-GM0363", "betalingsachterstand", "Drie maanden huur achter.").headers[
            "location"
        ]
        == "/delen?melding=signaal-gedeeld"
    )
    assert (
        _share(client, "GDO-L0001-ZP0001", "overlast", "Geluidsoverlast gemeld door buren.").status_code
        == 303
    )
    assert _count(wereld, "verwerking", handeling="verstrekken") == 2
    assert _count(wereld, "auditregel", handeling="signaal.delen", resultaat="toegestaan") == 2
    stored = " ".join(str(v) for row in _sql(url, "SELECT * FROM signaal") for v in row)
    assert HUISHOUDEN not in stored  # only pseudonyms are kept

    reads_before = _count(wereld, "verwerking", handeling="lezen")
    _login(client, "gemeente")
    page = client.get("/delen", params={"doel": DOEL})
    assert page.status_code == 200
    table = page.text.split('id="ontvangen"')[1].split("</table>")[0]
    gm = _pseudonym("GM0363", HUISHOUDEN)
    assert f"<code>{gm}</code>" in table and "Drie maanden huur achter." in table
    assert f'<td class="utrecht-table__cell">{DOEL}</td>' in table  # the purpose it was shared for
    # Deleted six months after today's signal date (P6M), written as dd-mm-jjjj.
    assert _plus_months(_today(), 6).strftime("%d-%m-%Y") in table
    assert HUISHOUDEN not in page.text and "Geluidsoverlast" not in page.text
    assert _count(wereld, "verwerking", handeling="lezen") == reads_before + 1

    _login(client, "zorgpartner")
    care = client.get("/delen", params={"doel": ZORGDOEL}).text
    zp = _pseudonym("ZP0001", HUISHOUDEN)
    assert f"<code>{zp}</code>" in care and zp != gm and HUISHOUDEN not in care
    assert (_today() + timedelta(days=30)).strftime("%d-%m-%Y") in care  # P30D
    assert _count(wereld, "verwerking", handeling="lezen") == reads_before + 2


def test_sender_sees_what_it_sent_without_household_or_text_and_without_a_read(wereld: Wereld) -> None:
    client = wereld.client
    _login(client, "corporatie")
    _share(client, "GDO-L0001-GM0363", "betalingsachterstand", "Drie maanden huur achter.")
    reads = _count(wereld, "verwerking", handeling="lezen")
    page = client.get("/delen?melding=signaal-gedeeld").text
    assert "Het signaal is gedeeld." in page
    sent = page.split('id="verstuurd"')[1].split("<tbody")[1].split("</table>")[0]
    assert sent.count('<tr class="utrecht-table__row">') == 1
    assert "GM0363" in sent and "betalingsachterstand" in sent and "GDO-L0001-GM0363" in sent
    assert "Drie maanden" not in page and _pseudonym("GM0363", HUISHOUDEN) not in page
    assert _count(wereld, "verwerking", handeling="lezen") == reads


def test_gemeente_cannot_send_signals_under_an_association_agreement(wereld: Wereld) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "gemeente")
    form = client.get("/delen/signalen/nieuw")
    assert form.status_code == 200 and "geen geldende overeenkomst waaronder zij signalen deelt" in form.text
    answer = _share(client, "GDO-L0001-GM0363", "betalingsachterstand", "Poging namens de corporatie.")
    assert answer.status_code == 403
    assert "Alleen de verstrekker (L0001) deelt signalen onder overeenkomst GDO-L0001-GM0363." in answer.text
    assert _signal_count(url) == 0
    assert _count(wereld, "auditregel", handeling="signaal.delen", resultaat="geweigerd") == 1


def test_beheerder_does_not_share_signals(wereld: Wereld) -> None:
    _login(wereld.client, "beheerder")
    assert wereld.client.get("/delen/signalen/nieuw").status_code == 403


@pytest.mark.parametrize(
    ("begin", "eind", "reden"),
    [
        (date(2099, 1, 1), None, "gaat pas in op 2099-01-01"),  # not started yet
        (date(2025, 1, 1), date(2025, 12, 31), "is verlopen op 2025-12-31"),  # expired
    ],
)
def test_signal_refused_without_an_agreement_in_force(
    wereld: Wereld, begin: date, eind: date | None, reden: str
) -> None:
    client, url = wereld.client, wereld.url
    sharing.register_agreement(
        url,
        wereld.accounts["beheerder"],
        agreement("GDO-L0001-GM0599", ontvanger="GM0599", begin=begin, eind=eind),
    )
    _login(client, "corporatie")
    assert "GDO-L0001-GM0599" not in client.get("/delen/signalen/nieuw").text  # not offered
    answer = _share(client, "GDO-L0001-GM0599", "betalingsachterstand", "Huur achter.")
    assert answer.status_code == 403 and reden in answer.text
    assert _signal_count(url) == 0
    assert _count(wereld, "verwerking", handeling="verstrekken") == 0


@pytest.mark.parametrize(
    ("wijziging", "veld", "melding"),
    [
        ({"categorie": "overlast"}, "categorie", "omvat: betalingsachterstand"),  # not in the agreement
        ({"categorie": "toewijzing"}, "categorie", "Kies een soort signaal"),  # not a signal
        ({"huishouden": " "}, "huishouden", "Vul de eigen referentie van het huishouden in."),
        ({"huishouden": "H" * 65}, "huishouden", "ten hoogste 64 tekens"),
        ({"huishouden": "HH\x00"}, "huishouden", "één regel"),  # control character
        ({"omschrijving": ""}, "omschrijving", "Beschrijf het signaal."),
        ({"omschrijving": "x" * 2001}, "omschrijving", "langer dan 2000 tekens"),
        ({"signaaldatum": "morgen"}, "signaaldatum", "geen datum"),
        ({"signaaldatum": "2099-01-01"}, "signaaldatum", "ligt in de toekomst"),
        ({"overeenkomst_id": ""}, "overeenkomst_id", "Kies de overeenkomst"),
    ],
)
def test_bad_signal_input_is_explained_per_field_and_nothing_is_shared(
    wereld: Wereld, wijziging: dict[str, str], veld: str, melding: str
) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "corporatie")
    data = {
        "overeenkomst_id": "GDO-L0001-GM0363",
        "categorie": "betalingsachterstand",
        "huishouden": HUISHOUDEN,
        "omschrijving": "Huur achter.",
        **wijziging,
    }
    answer = _post(client, "/delen/signalen/nieuw", data)
    assert answer.status_code == 400
    summary = _summary(answer.text)
    assert [t for a, t in summary if a == veld and melding in t], summary
    assert f'id="{veld}-fout"' in answer.text
    assert _signal_count(url) == 0 and _count(wereld, "verwerking", handeling="verstrekken") == 0


# ----------------------------------------------------------------------------------------------
# Others' agreements, guessing ids, CSRF


def test_zorgpartner_without_agreement_sees_nothing(wereld: Wereld) -> None:
    client = wereld.client
    _login(client, "corporatie")
    _share(client, "GDO-L0001-ZP0001", "zorgsignaal", "Zorgen over zelfredzaamheid.")
    reads = _count(wereld, "verwerking", handeling="lezen")
    _login(client, "andere_zorgpartner")  # ZP0002: no agreement at all
    page = client.get("/delen")
    assert page.status_code == 200
    assert "Uw organisatie ontvangt onder geen enkele overeenkomst signalen." in page.text
    assert "GDO-L0001" not in page.text
    guessed = client.get("/delen", params={"doel": ZORGDOEL})
    assert guessed.status_code == 400 and "Zorgen over" not in guessed.text
    assert _count(wereld, "verwerking", handeling="lezen") == reads


@pytest.mark.parametrize(
    "kenmerk",
    [
        "GDO-L0001-GM0363",  # exists, between two other organisations
        "GDO-BESTAAT-NIET",  # does not exist: the same answer
    ],
)
def test_guessing_another_organisations_agreement_gives_404(wereld: Wereld, kenmerk: str) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "andere_corporatie")  # L0003
    detail = client.get(f"/delen/overeenkomsten/{kenmerk}")
    assert detail.status_code == 404
    assert "Deze overeenkomst bestaat niet of uw organisatie is er geen partij bij." in detail.text
    ended = _post(client, f"/delen/overeenkomsten/{kenmerk}/beeindigen", {"einddatum": _today().isoformat()})
    assert ended.status_code == 404
    shared = _share(client, kenmerk, "betalingsachterstand", "x")
    assert shared.status_code == 404
    assert {a.id: a.einddatum for a in sharing.load_agreements(url)}["GDO-L0001-GM0363"] is None
    assert _signal_count(url) == 0
    assert _count(wereld, "auditregel", handeling="overeenkomst.beeindigen", resultaat="geweigerd") == 1
    assert _count(wereld, "auditregel", handeling="signaal.delen", resultaat="geweigerd") == 1


@pytest.mark.parametrize(
    ("pad", "data"),
    [
        ("/delen/overeenkomsten/nieuw", GELDIGE_AFSPRAAK),
        (
            "/delen/signalen/nieuw",
            {
                "overeenkomst_id": "GDO-L0001-GM0363",
                "categorie": "betalingsachterstand",
                "huishouden": "H1",
                "omschrijving": "x",
            },
        ),
        ("/delen/overeenkomsten/GDO-L0001-GM0363/beeindigen", {"einddatum": "2026-12-31"}),
    ],
)
def test_forms_without_csrf_token_are_refused(wereld: Wereld, pad: str, data: dict[str, Any]) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "corporatie")
    before = (_agreement_ids(url), _signal_count(url), sharing.load_agreements(url))
    answer = client.post(pad, data=data, follow_redirects=False)
    assert answer.status_code == 403 and "CSRF" in answer.text
    assert (_agreement_ids(url), _signal_count(url), sharing.load_agreements(url)) == before


# ----------------------------------------------------------------------------------------------
# Ending an agreement early


def test_ending_an_agreement_stops_reading_and_sharing(wereld: Wereld) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "corporatie")
    _share(client, "GDO-L0001-ZP0001", "zorgsignaal", "Zorgen over zelfredzaamheid.")
    yesterday = _today() - timedelta(days=1)
    answer = _post(
        client,
        "/delen/overeenkomsten/GDO-L0001-ZP0001/beeindigen",
        {"einddatum": yesterday.isoformat()},
        "/delen/overeenkomsten/GDO-L0001-ZP0001",
    )
    assert answer.status_code == 303
    assert {a.id: a.einddatum for a in sharing.load_agreements(url)}["GDO-L0001-ZP0001"] == yesterday
    assert _count(wereld, "auditregel", handeling="overeenkomst.beeindigen", resultaat="toegestaan") == 1
    detail = client.get(answer.headers["location"]).text
    assert 'leefbaar-status--geen-gegevens">verlopen<' in detail and "Overeenkomst beëindigen" not in detail
    refused = _share(client, "GDO-L0001-ZP0001", "overlast", "Na het einde.")
    assert refused.status_code == 403 and f"is verlopen op {yesterday.isoformat()}" in refused.text
    _login(client, "zorgpartner")
    reads = _count(wereld, "verwerking", handeling="lezen")
    page = client.get("/delen", params={"doel": ZORGDOEL}).text
    assert "Zorgen over zelfredzaamheid." not in page
    assert _count(wereld, "verwerking", handeling="lezen") == reads


@pytest.mark.parametrize(
    ("einddatum", "melding"),
    [
        ("2020-01-01", "De einddatum ligt in het verleden"),  # would rewrite history
        ("2024-12-31", "De einddatum ligt in het verleden"),  # also before the start
        ("volgende week", "Vul de einddatum in als datum"),  # not a date
    ],
)
def test_bad_end_dates_are_explained_and_change_nothing(wereld: Wereld, einddatum: str, melding: str) -> None:
    client, url = wereld.client, wereld.url
    _login(client, "gemeente")  # the receiver may end it too
    answer = _post(client, "/delen/overeenkomsten/GDO-L0001-GM0363/beeindigen", {"einddatum": einddatum})
    assert answer.status_code == 400
    assert [t for a, t in _summary(answer.text) if a == "einddatum" and melding in t]
    assert {a.id: a.einddatum for a in sharing.load_agreements(url)}["GDO-L0001-GM0363"] is None


def test_ending_only_shortens(wereld: Wereld) -> None:
    client, url = wereld.client, wereld.url
    end = _today() + timedelta(days=10)
    sharing.end_agreement(url, wereld.accounts["beheerder"], "GDO-L0001-GM0363", end)
    _login(client, "corporatie")
    later = _post(
        client,
        "/delen/overeenkomsten/GDO-L0001-GM0363/beeindigen",
        {"einddatum": (end + timedelta(days=1)).isoformat()},
    )
    assert later.status_code == 400 and "beëindigen kan alleen eerder" in later.text
    earlier = _post(
        client, "/delen/overeenkomsten/GDO-L0001-GM0363/beeindigen", {"einddatum": _today().isoformat()}
    )
    assert earlier.status_code == 303
    assert {a.id: a.einddatum for a in sharing.load_agreements(url)}["GDO-L0001-GM0363"] == _today()


def test_overview_shows_status_per_agreement(wereld: Wereld) -> None:
    client, url = wereld.client, wereld.url
    beheerder = wereld.accounts["beheerder"]
    sharing.register_agreement(
        url, beheerder, agreement("GDO-TOEKOMST", ontvanger="GM0599", begin=date(2099, 1, 1))
    )
    sharing.register_agreement(
        url,
        beheerder,
        agreement("GDO-VERLOPEN", ontvanger="ZP0002", begin=date(2024, 1, 1), eind=date(2024, 12, 31)),
    )
    _login(client, "corporatie")
    page = client.get("/delen").text
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r">(GDO-[A-Z0-9-]+)</a></th>.*?leefbaar-status[^>]*>([^<]+)<", page, re.S)
    }
    assert rows == {
        "GDO-TOEKOMST": "nog niet begonnen",
        "GDO-VERLOPEN": "verlopen",
        "GDO-L0001-GM0363": "actief",
        "GDO-L0001-ZP0001": "actief",
    }


# ----------------------------------------------------------------------------------------------
# In a real browser: WCAG 2.1 AA (axe-core) on every /delen page and state, and the whole path

DEMO = {rol.value: (email, password) for email, rol, _org, password in DEMO_ACCOUNTS}


def _browser_login(page: Any, base: str, rol: str, volgende: str = "/delen") -> None:
    email, password = DEMO[rol]
    page.context.clear_cookies()  # a fresh login, as another user would
    page.goto(f"{base}/inloggen?volgende={volgende}")
    page.fill("#email", email)
    page.fill("#wachtwoord", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.browser
def test_delen_pages_have_no_axe_violations(page: Any, live_server: str) -> None:
    _browser_login(page, live_server, "corporatie")
    assert page.url.endswith("/delen")
    _accessible(page)  # overview with agreements and sent signals
    page.goto(live_server + "/delen/overeenkomsten/nieuw")
    _accessible(page)  # empty form
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("#formulierfouten")
    _accessible(page)  # every field in error
    page.goto(live_server + "/delen/overeenkomsten/GDO-DEMO-L0001-GM0363")
    _accessible(page)  # detail with the end form
    page.fill("#einddatum", "2020-01-01")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("#formulierfouten")
    _accessible(page)  # end form in error
    page.goto(live_server + "/delen/signalen/nieuw")
    _accessible(page)
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("#formulierfouten")
    _accessible(page)
    _browser_login(page, live_server, "gemeente", "/delen?doel=vroegsignalering_schulden")
    assert page.locator("#ontvangen").is_visible()
    _accessible(page)  # received signals
    _browser_login(page, live_server, "beheerder")
    _accessible(page)  # all agreements
    _browser_login(page, live_server, "zorgpartner", "/delen/signalen/nieuw")
    _accessible(page)  # no agreement to share under


@pytest.mark.browser
def test_corporatie_shares_a_signal_and_the_gemeente_sees_it(page: Any, live_server: str) -> None:
    _browser_login(page, live_server, "corporatie")
    page.get_by_role("link", name="Signaal delen").click()
    page.select_option("#overeenkomst_id", "GDO-DEMO-L0001-GM0363")
    page.select_option("#categorie", "betalingsachterstand")
    page.fill("#huishouden", "E2E-HH-7")
    page.fill("#omschrijving", "Vier maanden huurachterstand (e2e).")
    with page.expect_navigation():
        page.get_by_role("button", name="Signaal delen").click()
    assert page.locator("#melding").inner_text().startswith("Het signaal is gedeeld.")
    _browser_login(page, live_server, "gemeente")
    page.get_by_role("link", name="Delen", exact=True).click()
    page.select_option("#doel", "vroegsignalering_schulden")
    with page.expect_navigation():
        page.get_by_role("button", name="Signalen tonen").click()
    row = page.locator("#ontvangen tr", has_text="Vier maanden huurachterstand (e2e).")
    assert row.count() == 1
    assert "E2E-HH-7" not in page.content()
    assert row.locator("code").inner_text() == _pseudonym("GM0363", "E2E-HH-7")
