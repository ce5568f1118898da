"""``leefbaar agreements`` on a database: import (as an account), export, versions, status, report, react."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.services import agreements
from tests.security.helpers import ACCOUNTS, make_accounts

AMSTERDAM = next(p for p in agreements.shipped_files("lokaal-") if "GM0363" in p.name)
runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_import_export_and_versions(empty_duckdb: str, tmp_path: Path) -> None:
    db = ("--database", empty_duckdb)
    make_accounts(empty_duckdb)
    # an association may not draw up the municipality's agreement
    code, out = _run("agreements", "import", str(AMSTERDAM), "--als", ACCOUNTS["corporatie"][0], *db)
    assert code == 1 and "Geweigerd" in out and "GM0363" in out
    code, out = _run("agreements", "import", str(AMSTERDAM), "--als", ACCOUNTS["gemeente"][0], *db)
    assert code == 0 and f"{AMSTERDAM.stem} versie 1" in out, out
    code, out = _run("agreements", "import", str(AMSTERDAM), *db)
    assert code == 0 and "Ongewijzigd" in out
    # a changed file is version 2; version 1 can still be exported
    changed = tmp_path / "amsterdam.yaml"
    changed.write_text(
        AMSTERDAM.read_text(encoding="utf-8").replace("Prestatieafspraken Amsterdam", "Afspraken Amsterdam"),
        encoding="utf-8",
    )
    code, out = _run("agreements", "import", str(changed), "--reden", "titel korter", *db)
    assert code == 0 and "versie 2" in out
    code, out = _run("agreements", "export", AMSTERDAM.stem, "--versie", "1", *db)
    assert code == 0 and yaml.safe_load(out)["titel"] == "Prestatieafspraken Amsterdam 2024-2027"
    target = tmp_path / "uit.yaml"
    code, _ = _run("agreements", "export", AMSTERDAM.stem, "--uit", str(target), *db)
    assert code == 0 and yaml.safe_load(target.read_text(encoding="utf-8"))["titel"].startswith("Afspraken")
    code, out = _run("agreements", "versions", AMSTERDAM.stem, *db)
    assert code == 0 and "titel korter" in out and "GM0363" in out
    code, out = _run("agreements", "export", "bestaat-niet", *db)
    assert code == 1 and "bestaat niet" in out
    # `leefbaar db upgrade` loads the national agreement that ships with the package
    assert _run("db", "upgrade", *db)[0] == 0
    code, out = _run("agreements", "stored", *db)
    assert code == 0 and "nationaal-leefbaarheid-2022-2030" in out


def test_invalid_file_is_not_imported(empty_duckdb: str, tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text("id: x\ntitel: y\n", encoding="utf-8")
    result = runner.invoke(app, ["agreements", "import", str(broken), "--database", empty_duckdb])
    assert result.exit_code == 1 and "soort: verplicht veld ontbreekt" in result.stderr


def test_report_and_react_as_accounts(empty_duckdb: str, tmp_path: Path) -> None:
    db = ("--database", empty_duckdb)
    make_accounts(empty_duckdb)
    agreements.import_agreement_file(empty_duckdb, AMSTERDAM, account=None)
    plan = "ams-plan-vocht-en-schimmel"
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out = _run(
        "agreements", "report", AMSTERDAM.stem, plan, "--status", "gehaald", "--document", str(pdf),
        "--als", ACCOUNTS["huurders"][0], *db,
    )  # fmt: skip
    assert code == 1 and "verantwoordelijke partij (L0001)" in out
    code, out = _run(
        "agreements", "report", AMSTERDAM.stem, plan, "--status", "gehaald", "--document", str(pdf),
        "--als", ACCOUNTS["corporatie"][0], *db,
    )  # fmt: skip
    assert code == 0 and "Gemeld" in out, out
    melding = out.split("melding ")[1].split(")")[0]
    code, out = _run(
        "agreements", "react", AMSTERDAM.stem, plan, melding, "--reactie", "betwist",
        "--toelichting", "niet alle complexen", "--als", ACCOUNTS["huurders"][0], *db,
    )  # fmt: skip
    assert code == 0, out
    code, out = _run("agreements", "status", AMSTERDAM.stem, *db)
    assert code == 0 and "gehaald (betwist)" in out
