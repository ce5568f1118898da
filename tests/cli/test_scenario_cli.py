"""``leefbaar scenario`` as a user types it: the JSON equals the service's scenario, a table says it is
no verdict, bad input is refused in Dutch with exit code 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.services import monitor

runner = CliRunner()


def test_json_table_and_refusals(tiny_duckdb: str) -> None:
    result = runner.invoke(
        app,
        [
            "scenario",
            "L0001",
            "--budget",
            "100.000",
            "--jaren",
            "3",
            "--format",
            "json",
            "--database",
            tiny_duckdb,
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    s = monitor.improvement_scenario(tiny_duckdb, "L0001", budget_per_jaar=100_000, jaren=3)
    assert s is not None
    assert data == {**s.as_dict(), "synthetisch": True}
    assert data["soort"] == "scenario" and data["budget_per_jaar_eur"] == 100_000

    table = runner.invoke(app, ["scenario", "l0001", "--budget", "100000", "--database", tiny_duckdb])
    assert table.exit_code == 0, table.output
    assert "Scenario — geen oordeel." in table.output and "Voorgestelde volgorde" in table.output

    for args, melding in (
        (["--budget", "-5"], "Het budget per jaar kan niet negatief zijn."),
        (["--budget", "veel"], "Het budget per jaar moet een bedrag in hele euro zijn"),
        (["--jaren", "twee"], "Het aantal jaren moet een geheel getal zijn"),
    ):
        bad = runner.invoke(app, ["scenario", "L0001", *args, "--database", tiny_duckdb])
        assert bad.exit_code == 2 and melding in bad.output, bad.output
    unknown = runner.invoke(app, ["scenario", "L9999", "--database", tiny_duckdb])
    assert unknown.exit_code == 1 and "Corporatie L9999 bestaat niet." in unknown.output
