"""The processing log in storage: one event per personal-data access and none missing, hash chain
and anchors, tampering found by ``leefbaar audit verify`` (Dutch report, non-zero exit)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.privacy.processing_log import GENESIS_HASH, chain_hash
from leefbaar.services import processing_log, sharing
from leefbaar.services.processing_log import Geweigerd
from leefbaar.storage.engine import get_engine
from tests.security.helpers import DOEL, ZORGDOEL, make_accounts, standard_agreements

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def world(empty_db: str) -> tuple[str, dict]:
    accs = make_accounts(empty_db)
    standard_agreements(empty_db, accs["beheerder"])
    return empty_db, accs


def _count(url: str, table: str, where: str = "1=1") -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one())


def _verify_cli(url: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", "verify", "--database", url, *extra])
    return result.exit_code, result.output


def _activity(url: str, a: dict) -> None:
    """3 shares, 2 reads of a list (2 signals each time: 4 reads), 1 single read: 8 accesses."""
    for i in range(2):
        sharing.share_signal(
            url, a["corporatie"], f"HH-{i}", "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
        )
    zorg = sharing.share_signal(url, a["corporatie"], "HH-9", "ZP0001", "zorgsignaal", ZORGDOEL, "z", now=NOW)
    sharing.signals_for(url, a["gemeente"], DOEL, now=NOW)
    sharing.signals_for(url, a["gemeente"], DOEL, now=NOW)
    sharing.read_signal(url, a["zorgpartner"], zorg.signaal_id, ZORGDOEL, now=NOW)


def test_one_processing_event_per_access_and_none_missing(world: tuple[str, dict]) -> None:
    url, a = world
    _activity(url, a)
    assert _count(url, "signaal") == 3
    assert _count(url, "verwerking") == 3 + 4 + 1
    assert _count(url, "verwerking", 'inhoud LIKE \'%"handeling":"verstrekken"%\'') == 3
    assert _count(url, "verwerking", 'inhoud LIKE \'%"handeling":"lezen"%\'') == 5
    # Every processing event has exactly one audit event with the same operation id.
    with get_engine(url).connect() as conn:
        unmatched = conn.execute(
            text(
                "SELECT count(*) FROM verwerking v WHERE (SELECT count(*) FROM auditregel a "
                "WHERE a.operation_id = v.operation_id) <> 1"
            )
        ).scalar_one()
    assert unmatched == 0
    # A refused read adds an audit event but no processing event.
    with pytest.raises(sharing.NietGevonden):
        sharing.read_signal(url, a["andere_gemeente"], "0" * 32, DOEL, now=NOW)
    assert _count(url, "verwerking") == 8


def test_a_failed_log_write_rolls_back_the_access(
    world: tuple[str, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, a = world

    def broken(*_args: object, **_kwargs: object) -> None:
        raise processing_log.LogError("log niet beschikbaar")

    monkeypatch.setattr(sharing.signals, "_append_events", broken)
    with pytest.raises(processing_log.LogError):
        sharing.share_signal(
            url, a["corporatie"], "HH-1", "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
        )
    assert _count(url, "signaal") == 0  # no signal without its log line


def test_chain_hashes_are_stored_as_computed(world: tuple[str, dict]) -> None:
    url, a = world
    _activity(url, a)
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT volgnummer, inhoud, hash FROM verwerking ORDER BY volgnummer")).all()
        anchor = conn.execute(text("SELECT volgnummer, hash FROM loganker WHERE keten = 'verwerking'")).one()
    previous = GENESIS_HASH
    for i, row in enumerate(rows):
        assert row.volgnummer == i
        previous = chain_hash(previous, row.inhoud.encode("utf-8"))
        assert row.hash == previous
    assert (anchor.volgnummer, anchor.hash) == (len(rows) - 1, previous)


def test_intact_log_verifies(world: tuple[str, dict]) -> None:
    url, a = world
    _activity(url, a)
    code, output = _verify_cli(url)
    assert code == 0, output
    assert "keten verwerking: 8 regels" in output and "Het verwerkingenlog is intact." in output


def test_changed_entry_is_detected(world: tuple[str, dict]) -> None:
    url, a = world
    _activity(url, a)
    with get_engine(url).begin() as conn:
        inhoud = conn.execute(text("SELECT inhoud FROM verwerking WHERE volgnummer = 4")).scalar_one()
        forged = inhoud.replace(f'"doel":"{DOEL}"', '"doel":"onschuldig"')
        assert forged != inhoud
        conn.execute(text("UPDATE verwerking SET inhoud = :i WHERE volgnummer = 4"), {"i": forged})
    code, output = _verify_cli(url)
    assert code == 1
    assert "GEMANIPULEERD: keten verwerking: breuk bij regel 4" in output
    assert "de inhoud is gewijzigd" in output


def test_deleted_middle_entry_is_detected(world: tuple[str, dict]) -> None:
    url, a = world
    _activity(url, a)
    with get_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM auditregel WHERE volgnummer = 3"))
    code, output = _verify_cli(url)
    assert code == 1
    assert "keten audit: breuk bij regel 3" in output


def test_cut_off_tail_is_detected_by_the_anchor(world: tuple[str, dict]) -> None:
    url, a = world
    _activity(url, a)
    with get_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM verwerking WHERE volgnummer >= 6"))
    code, output = _verify_cli(url)
    assert code == 1
    assert "de laatste regels zijn verwijderd" in output


def test_consistent_rewrite_is_caught_only_by_the_exported_anchor(
    world: tuple[str, dict], tmp_path: Path
) -> None:
    url, a = world
    _activity(url, a)
    anchors = tmp_path / "ankers.txt"
    assert (
        CliRunner()
        .invoke(app, ["audit", "anker", "--anker-bestand", str(anchors), "--database", url])
        .exit_code
        == 0
    )
    assert anchors.read_text().count("\n") == 2
    # Someone with write access to the database rewrites the whole chain and its anchor table.
    with get_engine(url).begin() as conn:
        rows = conn.execute(text("SELECT volgnummer, inhoud FROM verwerking ORDER BY volgnummer")).all()
        previous = GENESIS_HASH
        for row in rows:
            inhoud = row.inhoud.replace('"organisatie":"GM0363"', '"organisatie":"GM0599"')
            previous = chain_hash(previous, inhoud.encode("utf-8"))
            conn.execute(
                text("UPDATE verwerking SET inhoud = :i, hash = :h WHERE volgnummer = :v"),
                {"i": inhoud, "h": previous, "v": row.volgnummer},
            )
        conn.execute(text("UPDATE loganker SET hash = :h WHERE keten = 'verwerking'"), {"h": previous})
    assert _verify_cli(url)[0] == 0  # the database alone cannot tell
    code, output = _verify_cli(url, "--anker-bestand", str(anchors))
    assert code == 1
    assert "ankerbestand" in output and "herschreven" in output


def test_who_saw_this_household(world: tuple[str, dict]) -> None:
    url, a = world
    _activity(url, a)
    seen = processing_log.who_saw(url, a["beheerder"], "HH-0", "inzageverzoek AVG art. 15", now=NOW)
    assert [(s.handeling, s.organisatie) for s in seen] == [
        ("verstrekken", "L0001"),
        ("lezen", "GM0363"),
        ("lezen", "GM0363"),
    ]
    assert seen[0].gebruiker.startswith("l@x.nl") and seen[1].gebruiker.startswith("gm@x.nl")
    assert {s.doel for s in seen} == {DOEL}
    # The same answer by pseudonym; and the lookups themselves are logged.
    by_pseudonym = processing_log.who_saw(
        url, a["beheerder"], processing_log.log_pseudonym("HH-0"), "inzage", now=NOW
    )
    assert len(by_pseudonym) == 4  # the three above plus the first lookup
    assert by_pseudonym[-1].actie == "verwerkingenlog inzien"


@pytest.mark.parametrize("rol", ["gemeente", "corporatie", "zorgpartner", "ministerie", "huurders"])
def test_only_the_beheerder_reads_the_processing_log(world: tuple[str, dict], rol: str) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match="alleen de beheerder"):
        processing_log.who_saw(url, a[rol], "HH-0", "nieuwsgierig", now=NOW)
    last = json.loads(
        get_engine(url)
        .connect()
        .execute(text("SELECT inhoud FROM auditregel ORDER BY volgnummer DESC"))
        .first()[0]
    )
    assert (last["handeling"], last["resultaat"]) == ("verwerkingenlog.inzien", "geweigerd")


def test_the_beheerder_needs_a_purpose(world: tuple[str, dict]) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match="geen doel"):
        processing_log.who_saw(url, a["beheerder"], "HH-0", "", now=NOW)


def test_retention_job_via_cli_logs_deletions(world: tuple[str, dict]) -> None:
    url, a = world
    sharing.share_signal(url, a["corporatie"], "HH-9", "ZP0001", "zorgsignaal", ZORGDOEL, "z", now=NOW)
    result = CliRunner().invoke(app, ["audit", "opschonen", "--datum", "2026-03-31", "--database", url])
    assert result.exit_code == 0, result.output
    assert "1 signaal/signalen verwijderd" in result.output
    assert _count(url, "signaal") == 0
    assert _count(url, "verwerking", 'inhoud LIKE \'%"handeling":"verwijderen"%\'') == 1
    assert _verify_cli(url)[0] == 0
