"""``leefbaar geld`` as a user types it: the JSON equals the service's overview (the pages' table)."""

from __future__ import annotations

import json
from dataclasses import asdict

from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.services import investments

runner = CliRunner()


def test_money_and_outcomes_on_the_command_line(tiny_duckdb: str) -> None:
    for soort, code, overview in (
        ("gemeente", "GM0363", investments.gemeente),
        ("corporatie", "L0001", investments.corporatie),
    ):
        result = runner.invoke(
            app, ["geld", soort, code.lower(), "--format", "json", "--database", tiny_duckdb]
        )
        assert result.exit_code == 0, result.output
        expected = overview(tiny_duckdb, code)
        data = json.loads(result.output)
        assert data["jaar"] == expected.jaar == 2025 and data["synthetisch"] is True
        assert data["themas"] == [asdict(r) for r in expected.regels]
    table = runner.invoke(app, ["geld", "gemeente", "GM0363", "--database", tiny_duckdb])
    assert table.exit_code == 0 and "Geld en resultaat GM0363, 2025" in table.output
    assert "vocht en" in table.output and "n.v.t." in table.output
