"""``leefbaar audit sleutel-roteren`` and ``leefbaar audit sleutels`` as an operator uses them."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.config import get_settings
from leefbaar.privacy.pseudonymise import fingerprint
from leefbaar.storage.engine import get_engine

runner = CliRunner()


@pytest.fixture
def url(empty_db: str) -> Iterator[str]:
    yield empty_db
    get_settings.cache_clear()


def _dump(url: str) -> str:
    with get_engine(url).connect() as conn:
        return " ".join(
            str(v)
            for t in ("pseudoniemsleutel", "auditregel")
            for r in conn.execute(text(f"SELECT * FROM {t}"))
            for v in r
        )


def test_rotation_explains_in_dutch_what_to_configure(url: str) -> None:
    result = runner.invoke(app, ["audit", "sleutel-roteren", "--database", url])
    assert result.exit_code == 0, result.output
    key = re.search(r"LEEFBAAR_PSEUDONYM_KEY=([0-9a-f]{64})\n", result.output)
    assert key is not None
    assert (
        f"Nieuwe pseudonimiseringssleutel: versie 2, vingerafdruk {fingerprint(bytes.fromhex(key[1]))}."
        in result.output
    )
    assert "LEEFBAAR_PSEUDONYM_KEY_VERSION=2" in result.output
    assert (
        "LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS=1:<de huidige waarde van LEEFBAAR_PSEUDONYM_KEY>" in result.output
    )
    assert "nooit de sleutel zelf" in result.output and "herstart Leefbaar" in result.output
    assert result.output.count(key[1]) == 1  # shown once
    assert key[1] not in _dump(url)  # and never stored


def test_rotation_can_write_the_key_to_a_new_private_file(url: str, tmp_path: Path) -> None:
    target = tmp_path / "sleutel-v2"
    result = runner.invoke(
        app, ["audit", "sleutel-roteren", "--sleutel-bestand", str(target), "--database", url]
    )
    assert result.exit_code == 0, result.output
    key = target.read_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert key not in result.output and f"LEEFBAAR_PSEUDONYM_KEY=<de inhoud van {target}>" in result.output
    # An existing file is never overwritten, and then nothing is rotated.
    again = runner.invoke(
        app, ["audit", "sleutel-roteren", "--sleutel-bestand", str(target), "--database", url]
    )
    assert again.exit_code == 2 and target.read_text().strip() == key
    assert "versie 3" not in runner.invoke(app, ["audit", "sleutels", "--database", url]).output


def test_key_status_after_rotation_and_restart(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rotated = runner.invoke(app, ["audit", "sleutel-roteren", "--database", url])
    key = re.search(r"LEEFBAAR_PSEUDONYM_KEY=([0-9a-f]{64})\n", rotated.output)
    assert key is not None
    before = runner.invoke(app, ["audit", "sleutels", "--database", url])
    assert before.exit_code == 0
    assert "versie 1: huidige sleutel, vastgelegd met vingerafdruk" in before.output
    assert "versie 2: vastgelegd (vingerafdruk" in before.output and "niet ingesteld" in before.output
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY", key[1])
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY_VERSION", "2")
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS", "1:" + "1f" * 32)
    get_settings.cache_clear()
    after = runner.invoke(app, ["audit", "sleutels", "--database", url])
    assert after.exit_code == 0, after.output
    assert "versie 1: vorige sleutel" in after.output and "versie 2: huidige sleutel" in after.output
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS", "1:" + "2e" * 32)  # the wrong old key
    get_settings.cache_clear()
    wrong = runner.invoke(app, ["audit", "sleutels", "--database", url])
    assert wrong.exit_code == 1 and "KLOPT NIET" in wrong.output
