"""``leefbaar delen`` as a user types it: agreements, signals, ending early, retention; exit codes and the log.

Exit codes: 0 done, 1 refused, 2 invalid input. Runs on both backends with the tiny demo (its
parties are needed for the "unknown party" check); the demo's own sharing is removed first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.config import get_settings
from leefbaar.privacy.pseudonymise import Pseudonymiser, Subjectsoort
from leefbaar.services import processing_log, sharing
from leefbaar.services.accounts import Account
from leefbaar.services.processing_log import master_key
from leefbaar.storage.engine import get_engine
from tests.security.helpers import ACCOUNTS, DOEL, ZORGDOEL, make_accounts, standard_agreements

runner = CliRunner()
TODAY = datetime.now(UTC).date()
CORPORATIE, GEMEENTE, BEHEERDER = ACCOUNTS["corporatie"][0], ACCOUNTS["gemeente"][0], ACCOUNTS["beheerder"][0]


def _sql(url: str, statement: str) -> list[Any]:
    with get_engine(url).begin() as conn:
        result = conn.execute(text(statement))
        return list(result) if result.returns_rows else []


@pytest.fixture
def url(tiny_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("LEEFBAAR_ENVIRONMENT", "development")  # the placeholder pseudonym key
    get_settings.cache_clear()
    _sql(tiny_db, "DELETE FROM signaal")
    _sql(tiny_db, "DELETE FROM gegevensdelingsovereenkomst")
    accs = make_accounts(tiny_db)
    standard_agreements(tiny_db, accs["beheerder"])  # GDO-L0001-GM0363 (P6M) and GDO-L0001-ZP0001 (P30D)
    yield tiny_db
    get_settings.cache_clear()


def _run(url: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["delen", *args, "--database", url], input=stdin)
    # Rich wraps long lines at the terminal width; join them so the assertions read whole sentences.
    return result.exit_code, " ".join(result.output.split())


def _events(url: str, table: str) -> list[dict[str, Any]]:
    return [json.loads(r[0]) for r in _sql(url, f"SELECT inhoud FROM {table} ORDER BY volgnummer")]


def _account(url: str, key: str) -> Account:
    found = sharing.acting_account(url, ACCOUNTS[key][0])
    assert found is not None
    return found


AFSPRAAK = [
    "--ontvanger", "ZP0002", "--doel", "zorg_en_ondersteuning", "--doel-omschrijving", "zorgen om een huurder",
    "--grondslag", "uitdrukkelijke toestemming (AVG art. 9 lid 2 onder a)", "--categorie", "zorgsignaal",
    "--categorie", "overlast", "--bewaartermijn", "P90D", "--begindatum", "2025-06-01", "--kenmerk", "GDO-CLI-1",
]  # fmt: skip


def _signal(
    url: str, als: str, overeenkomst: str, categorie: str, household: str = "HH-CLI-9"
) -> tuple[int, str]:
    return _run(
        url, "signaal", "--als", als, "--overeenkomst", overeenkomst, "--categorie", categorie,
        "--omschrijving", "Huur drie maanden achter.", "--huishouden-stdin", stdin=household + "\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    "command", ["afspraken", "afspraak-toevoegen", "afspraak-beeindigen", "signaal", "opschonen"]
)
def test_every_command_has_dutch_help(command: str) -> None:
    result = runner.invoke(app, ["delen", command, "--help"])
    assert result.exit_code == 0
    assert "--database" in result.output and "Database-URL" in result.output


def test_register_agreement_as_the_provider(url: str) -> None:
    code, out = _run(url, "afspraak-toevoegen", "--als", CORPORATIE, *AFSPRAAK)
    assert code == 0, out
    assert (
        "Overeenkomst GDO-CLI-1 geregistreerd: L0001 -> ZP0002, doel zorg_en_ondersteuning, "
        "bewaartermijn P90D, vanaf 01-06-2025." in out
    )
    stored = {a.id: a for a in sharing.load_agreements(url, "ZP0002")}["GDO-CLI-1"]
    assert {c.value for c in stored.categorieen} == {"zorgsignaal", "overlast"}
    last = _events(url, "auditregel")[-1]
    assert (last["handeling"], last["resultaat"]) == ("overeenkomst.registreren", "toegestaan")
    assert last["gebruiker"] == _account(url, "corporatie").account_id  # the --als account, no e-mail
    code, out = _run(url, "afspraken", "--partij", "zp0002")
    assert code == 0 and "GDO-L0001-GM0363" not in out
    assert "GDO-CLI-1 [actief] L0001 -> ZP0002, doel zorg_en_ondersteuning (overlast, zorgsignaal)" in out
    assert "bewaartermijn P90D, geldig 01-06-2025 t/m beëindiging" in out


def test_register_for_another_association_is_refused(url: str) -> None:
    code, out = _run(url, "afspraak-toevoegen", "--als", CORPORATIE, "--verstrekker", "L0003", *AFSPRAAK)
    assert code == 1
    assert "alleen de beheerder of de verstrekkende partij registreert een overeenkomst" in out
    assert "GDO-CLI-1" not in {a.id for a in sharing.load_agreements(url)}
    last = _events(url, "auditregel")[-1]
    assert (last["handeling"], last["resultaat"]) == ("overeenkomst.registreren", "geweigerd")


def test_invalid_agreement_lists_every_problem_and_stores_nothing(url: str) -> None:
    args = [a if a != "ZP0002" else "ZP9999" for a in AFSPRAAK]  # an unknown receiver
    code, out = _run(url, "afspraak-toevoegen", "--als", BEHEERDER, "--verstrekker", "L0001", *args,
                     "--einddatum", "2025-01-01", "--bewaartermijn", "P20Y")  # fmt: skip
    assert code == 2
    assert "Fout bij ontvanger: Partij ZP9999 is onbekend" in out
    assert "Fout bij einddatum: De einddatum ligt voor de begindatum." in out
    assert "Fout bij bewaartermijn: Een bewaartermijn is ten hoogste 10 jaar." in out
    assert "er is niets opgeslagen" in out
    assert "GDO-CLI-1" not in {a.id for a in sharing.load_agreements(url)}


@pytest.mark.parametrize(
    ("als", "melding"),
    [
        ("niemand@x.nl", "geen account voor niemand@x.nl"),  # unknown account
        ("beheerder@demo.leefbaar.nl", "demo-accounts werken alleen in een ontwikkelomgeving"),  # production
    ],
)
def test_the_acting_account_must_be_real(
    url: str, monkeypatch: pytest.MonkeyPatch, als: str, melding: str
) -> None:
    monkeypatch.setenv("LEEFBAAR_ENVIRONMENT", "production")
    monkeypatch.setenv("LEEFBAAR_SECRET_KEY", "a" * 64)
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY", "b" * 64)
    get_settings.cache_clear()
    code, out = _run(url, "afspraak-toevoegen", "--als", als, *AFSPRAAK)
    assert code == 1 and melding in out


def test_agreement_status_on_a_date(url: str) -> None:
    code, out = _run(url, "afspraken", "--datum", "2024-12-31")
    assert code == 0, out
    assert out.count("[nog niet begonnen]") == 2  # both standard agreements start on 2025-01-01
    code, out = _run(url, "afspraken", "--datum", "31-12-2024")
    assert code == 2 and "geen datum in de vorm JJJJ-MM-DD" in out


def test_share_a_signal_from_stdin(url: str) -> None:
    shares_before = sum(e["handeling"] == "verstrekken" for e in _events(url, "verwerking"))
    code, out = _signal(url, CORPORATIE, "GDO-L0001-GM0363", "betalingsachterstand")
    assert code == 0, out
    due = _sql(url, "SELECT verwijderdatum FROM signaal")[0][0]
    assert f"Signaal gedeeld met GM0363 onder overeenkomst GDO-L0001-GM0363 (doel {DOEL}); het wordt " in out
    assert f"verwijderd op {due:%d-%m-%Y}." in out
    receiver_pseudonym = Pseudonymiser.for_receiver(
        master_key(), "GM0363", Subjectsoort.HUISHOUDEN
    ).pseudonym("HH-CLI-9")
    stored = _sql(url, "SELECT pseudoniem, log_pseudoniem FROM signaal")
    assert [tuple(r) for r in stored] == [(receiver_pseudonym, processing_log.log_pseudonym("HH-CLI-9"))]
    assert receiver_pseudonym not in out and "HH-CLI-9" not in out  # the sender learns no pseudonym
    (seen,) = sharing.signals_for(url, _account(url, "gemeente"), DOEL)
    assert seen.pseudoniem == receiver_pseudonym and seen.doel == DOEL
    shares = [e for e in _events(url, "verwerking") if e["handeling"] == "verstrekken"][shares_before:]
    assert len(shares) == 1 and shares[0]["ontvanger"] == "GM0363"


def test_household_reference_is_asked_when_not_piped(url: str) -> None:
    result = runner.invoke(
        app,
        ["delen", "signaal", "--als", CORPORATIE, "--overeenkomst", "GDO-L0001-ZP0001", "--categorie",
         "overlast", "--omschrijving", "Overlast.", "--database", url],
        input="HH-PROMPT-1\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Referentie van het huishouden" in result.output
    assert _sql(url, "SELECT pseudoniem FROM signaal")[0][0] == Pseudonymiser.for_receiver(
        master_key(), "ZP0001", Subjectsoort.HUISHOUDEN
    ).pseudonym("HH-PROMPT-1")


@pytest.mark.parametrize(
    ("als", "overeenkomst", "categorie", "code", "melding"),
    [
        (
            GEMEENTE,
            "GDO-L0001-GM0363",
            "betalingsachterstand",
            1,
            "alleen de verstrekker (L0001) deelt signalen",
        ),
        (ACCOUNTS["andere_corporatie"][0], "GDO-L0001-GM0363", "betalingsachterstand", 1, "niet gevonden"),
        (CORPORATIE, "GDO-L0001-GM0363", "zorgsignaal", 2, "Fout bij categorie"),  # not in the agreement
        (CORPORATIE, "GDO-BESTAAT-NIET", "overlast", 1, "niet gevonden"),
    ],
)
def test_signal_refusals(
    url: str, als: str, overeenkomst: str, categorie: str, code: int, melding: str
) -> None:
    got, out = _signal(url, als, overeenkomst, categorie)
    assert got == code and melding in out
    assert _sql(url, "SELECT count(*) FROM signaal")[0][0] == 0


def test_end_an_agreement_at_once_then_sharing_is_refused(url: str) -> None:
    code, out = _run(url, "afspraak-beeindigen", "GDO-L0001-GM0363", "--als", GEMEENTE, "--per-direct")
    assert code == 0, out
    yesterday = TODAY - timedelta(days=1)
    assert f"Overeenkomst GDO-L0001-GM0363 geldt tot en met {yesterday:%d-%m-%Y}." in out
    assert {a.id: a.einddatum for a in sharing.load_agreements(url)}["GDO-L0001-GM0363"] == yesterday
    code, out = _signal(url, CORPORATIE, "GDO-L0001-GM0363", "betalingsachterstand")
    assert code == 1 and f"is verlopen op {yesterday.isoformat()}" in out
    code, out = _run(url, "afspraak-beeindigen", "GDO-L0001-GM0363", "--als", GEMEENTE)
    assert code == 2 and "al verlopen" in out


@pytest.mark.parametrize(
    ("args", "code", "melding"),
    [
        (["GDO-BESTAAT-NIET", "--als", CORPORATIE], 1, "niet gevonden"),  # unknown id
        (["GDO-L0001-GM0363", "--als", ACCOUNTS["zorgpartner"][0]], 1, "niet gevonden"),  # not a party
        (["GDO-L0001-GM0363", "--als", CORPORATIE, "--einddatum", "2020-01-01"], 2, "in het verleden"),
        (["GDO-L0001-GM0363", "--als", CORPORATIE, "--einddatum", "morgen"], 2, "geen datum"),
        (
            ["GDO-L0001-GM0363", "--als", CORPORATIE, "--einddatum", "2030-01-01", "--per-direct"],
            2,
            "niet allebei",
        ),
    ],
)
def test_end_refusals_change_nothing(url: str, args: list[str], code: int, melding: str) -> None:
    got, out = _run(url, "afspraak-beeindigen", *args)
    assert got == code and melding in out
    assert {a.id: a.einddatum for a in sharing.load_agreements(url)}["GDO-L0001-GM0363"] is None


def test_retention_cleanup_deletes_and_logs(url: str) -> None:
    assert _signal(url, CORPORATIE, "GDO-L0001-GM0363", "betalingsachterstand", "HH-A")[0] == 0  # P6M
    assert _signal(url, CORPORATIE, "GDO-L0001-ZP0001", "zorgsignaal", "HH-B")[0] == 0  # P30D
    deletions_before = sum(e["handeling"] == "verwijderen" for e in _events(url, "verwerking"))
    code, out = _run(url, "opschonen", "--datum", (TODAY + timedelta(days=29)).isoformat())
    assert code == 0 and "0 signaal/signalen verwijderd" in out
    code, out = _run(url, "opschonen", "--datum", (TODAY + timedelta(days=30)).isoformat())
    assert code == 0 and "1 signaal/signalen verwijderd" in out
    assert [r[0] for r in _sql(url, "SELECT ontvanger FROM signaal")] == ["GM0363"]
    deletions = [e for e in _events(url, "verwerking") if e["handeling"] == "verwijderen"][deletions_before:]
    assert len(deletions) == 1
    assert deletions[0]["organisatie"] == "ZP0001" and deletions[0]["doel"] == "bewaartermijn"
    assert deletions[0]["verwerkte_objecten"][0]["object_id"] == processing_log.log_pseudonym("HH-B")
    audit = [e for e in _events(url, "auditregel") if e["handeling"] == "signaal.verwijderen"]
    assert [e["gebruiker"] for e in audit] == ["systeem:bewaartermijn"]
    assert all(v.breuk is None for v in processing_log.verify(url))
    assert sharing.signals_for(url, _account(url, "zorgpartner"), ZORGDOEL) == []
    code, out = _run(url, "opschonen", "--datum", "gisteren")
    assert code == 2 and "geen datum" in out
