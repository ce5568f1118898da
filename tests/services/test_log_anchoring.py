"""The processing log's tail cannot be cut undetected (issue 13, item 7): heads are anchored outside
the database after every commit (every N entries), a missing or stale anchor file breaks
``audit verify``, and an emptied processing chain is noticed while signals exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from leefbaar.config import get_settings
from leefbaar.services import processing_log, sharing
from leefbaar.storage.engine import get_engine
from tests.security.helpers import DOEL, make_accounts, standard_agreements
from tests.services.test_processing_log import NOW, _activity, _verify_cli


@pytest.fixture
def world(empty_db: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    accs = make_accounts(empty_db)
    standard_agreements(empty_db, accs["beheerder"])
    return empty_db, accs


@pytest.fixture
def anchored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An anchor file configured with ``audit_anchor_every`` = every; returns its path."""

    def configure(every: int) -> Path:
        path = tmp_path / "ankers.txt"
        monkeypatch.setenv("LEEFBAAR_AUDIT_ANCHOR_FILE", str(path))
        monkeypatch.setenv("LEEFBAAR_AUDIT_ANCHOR_EVERY", str(every))
        get_settings.cache_clear()
        return path

    yield configure
    get_settings.cache_clear()


def _lines(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text().splitlines()]


def test_every_commit_anchors_the_new_head_outside_the_database(world, anchored) -> None:  # type: ignore[no-untyped-def]
    url, a = world
    path = anchored(1)
    _activity(url, a)  # 8 processing entries, 8 audit entries, each access its own transaction
    heads = {}
    for keten, position, hash_, _when in _lines(path):
        heads[keten] = (int(position), hash_)
    assert heads["verwerking"] == processing_log.q.read_anchor(url, "verwerking")
    assert heads["audit"] == processing_log.q.read_anchor(url, "audit")
    assert [result.breuk for result in processing_log.verify(url, str(path))] == [None, None]


def test_a_rolled_back_access_anchors_nothing(world, anchored, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    url, a = world
    path = anchored(1)
    _activity(url, a)
    before = path.read_text()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(processing_log.q, "insert_signal", broken)
    with pytest.raises(RuntimeError):
        sharing.share_signal(
            url, a["corporatie"], "HH-X", "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
        )
    assert path.read_text() == before


def test_a_cut_tail_with_a_moved_back_database_anchor_is_caught_by_the_file(world, anchored) -> None:  # type: ignore[no-untyped-def]
    # The attack: delete the last entries and move the anchor in the database back in the same
    # transaction. The database alone cannot tell; the file, written after each commit, can.
    url, a = world
    path = anchored(1)
    _activity(url, a)
    with get_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM verwerking WHERE volgnummer >= 6"))
        conn.execute(text("DELETE FROM verwerkt_object WHERE volgnummer >= 6"))
        head = conn.execute(text("SELECT hash FROM verwerking WHERE volgnummer = 5")).scalar_one()
        conn.execute(
            text("UPDATE loganker SET volgnummer = 5, hash = :h WHERE keten = 'verwerking'"), {"h": head}
        )
    assert processing_log.verify(url)[0].breuk is None  # without the file: undetected
    code, output = _verify_cli(url, "--anker-bestand", str(path))
    assert code == 1 and "de laatste regels zijn verwijderd" in output


def test_a_missing_anchor_file_is_a_failure(world, anchored) -> None:  # type: ignore[no-untyped-def]
    url, a = world
    path = anchored(1)
    _activity(url, a)
    path.unlink()
    code, output = _verify_cli(url, "--anker-bestand", str(path))
    assert code == 1 and "het ankerbestand ontbreekt" in output


def test_a_stale_anchor_file_is_a_failure(world, anchored, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    url, a = world
    path = anchored(3)  # the head is exported each time the chain passes a multiple of 3 entries
    # 8 entries in 5 transactions ending at positions 2, 4, 6 (two reads), 7: exported at 2 and 6.
    _activity(url, a)
    assert max(int(p) for k, p, _h, _w in _lines(path) if k == "verwerking") == 6
    assert _verify_cli(url, "--anker-bestand", str(path))[0] == 0  # 1 entry not yet anchored: fine
    # The file stops being written (unwritable, or held back by an attacker) while the log grows.
    monkeypatch.setenv("LEEFBAAR_AUDIT_ANCHOR_FILE", str(path.with_name("elders.txt")))
    get_settings.cache_clear()
    sharing.signals_for(url, a["gemeente"], DOEL, now=NOW)  # 2 more reads: positions 8 and 9
    code, output = _verify_cli(url, "--anker-bestand", str(path))
    assert code == 1 and "de laatste 3 regel(s) zijn niet in het ankerbestand verankerd" in output


def test_an_emptied_chain_is_noticed_while_signals_exist(world) -> None:  # type: ignore[no-untyped-def]
    url, a = world
    _activity(url, a)
    with get_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM verwerkt_object"))
        conn.execute(text("DELETE FROM verwerking"))
        conn.execute(text("DELETE FROM loganker WHERE keten = 'verwerking'"))
    code, output = _verify_cli(url)
    assert code == 1 and "het verwerkingenlog is leeg, terwijl er 3 signaal/signalen" in output
