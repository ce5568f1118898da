"""``leefbaar monitor`` as a user types it: Dutch table, JSON, exit codes, storing or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.services import monitor

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_json_for_a_municipality(tiny_duckdb: str) -> None:
    code, out = _run(
        "monitor",
        "--scope",
        "gemeente:GM0363",
        "--date",
        "2026-01-01",
        "--format",
        "json",
        "--database",
        tiny_duckdb,
    )
    assert code == 0, out
    data = json.loads(out)
    assert data["peildatum"] == "2026-01-01" and data["scope"] == "gemeente:GM0363"
    assert isinstance(data["run_id"], int)
    scopes = {b["scope"] for b in data["beoordelingen"]}
    assert scopes == {"gemeente:GM0363"}
    r1 = [b for b in data["beoordelingen"] if b["toezegging_id"] == "r1-geen-conditie-5-6"]
    assert [b["variant"] for b in r1] == ["complexscore", "slechtste_element", "herbouwwaarde_gewogen"]
    assert {b["status"] for b in data["beoordelingen"]} <= {
        s for s in ("gehaald", "op koers", "risico", "niet gehaald", "geen gegevens")
    }


def test_table_is_dutch(tiny_duckdb: str) -> None:
    code, out = _run("monitor", "--scope", "nationaal", "--date", "2026-01-01", "--database", tiny_duckdb)
    assert code == 0, out
    for heading in ("toezegging", "status", "waarde", "doel", "toelichting"):
        assert heading in out
    assert "Opgeslagen als run" in out


def test_niet_opslaan_stores_nothing(tiny_duckdb: str) -> None:
    code, out = _run(
        "monitor",
        "--scope",
        "corporatie:L0001",
        "--date",
        "2026-01-01",
        "--niet-opslaan",
        "--format",
        "json",
        "--database",
        tiny_duckdb,
    )
    assert code == 0, out
    assert json.loads(out)["run_id"] is None
    assert monitor.list_runs(tiny_duckdb) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--scope", "wijk:WK036300"), "Onbekende scope"),  # not a monitor scope kind
        (("--scope", "gemeente:GM9999"), "Onbekende gemeente 'GM9999'"),  # well-formed but not in the data
        (("--scope", "gemeente:GM0363", "--date", "2026-13-01"), "geen geldige datum"),  # month 13
        (("--format", "xml"), "Onbekend formaat"),  # only tabel and json
    ],
)
def test_bad_input_exits_with_2_and_a_dutch_error(
    tiny_duckdb: str, args: tuple[str, ...], message: str
) -> None:
    code, out = _run("monitor", *args, "--database", tiny_duckdb)
    assert code == 2
    assert message in out


def test_full_run_summary(tiny_duckdb: str) -> None:
    code, out = _run(
        "monitor", "--scope", "alles", "--date", "2026-01-01", "--niet-opslaan", "--database", tiny_duckdb
    )
    assert code == 0, out
    assert "Alle toezeggingen op 2026-01-01" in out
    assert "r10-dertig-procent-sociale-huur" in out


def test_invalid_agreement_file_exits_with_1(tiny_duckdb: str, tmp_path: Path) -> None:
    (tmp_path / "kapot.yaml").write_text("id: kapot\ntitel: [niet gesloten\n", encoding="utf-8")
    code, out = _run("monitor", "--map", str(tmp_path), "--niet-opslaan", "--database", tiny_duckdb)
    assert code == 1
    unwrapped = out.replace("\n", "")  # Rich wraps long temporary paths at the console width
    assert "De afsprakenbestanden zijn ongeldig" in unwrapped and "kapot.yaml" in unwrapped


def test_demo_figures_are_labelled_synthetic(tiny_duckdb: str) -> None:
    args = ("monitor", "--scope", "gemeente:GM0363", "--date", "2026-01-01", "--niet-opslaan")
    code, out = _run(*args, "--database", tiny_duckdb)
    assert code == 0, out
    assert "synthetische demogegevens" in " ".join(out.split())
    code, out = _run(*args, "--format", "json", "--database", tiny_duckdb)
    assert code == 0, out
    assert json.loads(out)["synthetisch"] is True
