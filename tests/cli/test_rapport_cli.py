"""``leefbaar rapport gemeente`` and ``leefbaar rapport alle-gemeenten`` as a user types them (DuckDB;
the reports themselves are tested on both backends in tests/services/test_reports.py)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.services import monitor

runner = CliRunner()


def test_rapport_gemeente_writes_the_file(tiny_duckdb: str, tmp_path: Path) -> None:
    monitor.run_evaluation(tiny_duckdb, date(2025, 1, 1))
    monitor.run_evaluation(tiny_duckdb, date(2025, 6, 1))
    target = tmp_path / "almere.xlsx"
    args = ["rapport", "gemeente", "GM0034", "--formaat", "xlsx", "--peildatum", "2025-03-01"]
    result = runner.invoke(app, [*args, "--uit", str(target), "--database", tiny_duckdb])
    assert result.exit_code == 0, result.output
    assert "Geschreven:" in result.output and "synthetische" in result.output
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    # The run on or before 1 March 2025: the one of 1 January.
    assert book["Colofon"]["B6"].value.date() == date(2025, 1, 1)
    assert book["Sociale huur"]["B4"].value == 236


def test_rapport_alle_gemeenten_of_one_province(tiny_duckdb: str, tmp_path: Path) -> None:
    out = tmp_path / "rapporten"
    args = ["rapport", "alle-gemeenten", str(out), "--formaat", "xlsx", "--provincie", "PV24"]
    result = runner.invoke(app, [*args, "--database", tiny_duckdb])
    assert result.exit_code == 0, result.output
    # Flevoland's six gemeenten in the 2025 division, without a stored run (no peildatum in the name).
    assert sorted(p.name for p in out.iterdir()) == [
        f"stand-van-de-afspraken-{code}.xlsx"
        for code in ("GM0034", "GM0050", "GM0171", "GM0184", "GM0303", "GM0995")
    ]
    assert "6 rapporten geschreven" in result.output


def test_dutch_refusals(tiny_duckdb: str) -> None:
    result = runner.invoke(app, ["rapport", "gemeente", "GM9999", "--database", tiny_duckdb])
    assert result.exit_code == 1 and "Gemeente GM9999 bestaat niet" in result.output
    result = runner.invoke(
        app, ["rapport", "gemeente", "GM0034", "--peildatum", "morgen", "--database", tiny_duckdb]
    )
    assert result.exit_code == 1 and "Peildatum 'morgen' is geen datum" in result.output
