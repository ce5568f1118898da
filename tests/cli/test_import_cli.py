"""The ``leefbaar`` command as a user types it: help, import reports, exit codes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from leefbaar.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_every_command_has_dutch_help() -> None:
    code, out = _run("--help")
    assert code == 0
    for command in ("import", "demo", "db", "serve"):
        assert command in out
    code, out = _run("import", "--help")
    assert code == 0
    # The help lists every import kind.
    for kind in ("woningen", "conditiemetingen", "cbs-kwb", "pdok-grenzen", "toewijzingen"):
        assert kind in out


def test_import_success_then_already_imported(tmp_path: Path) -> None:
    db = f"duckdb:///{tmp_path / 'x.duckdb'}"
    code, out = _run(
        "import", "gebieden", str(EXAMPLES / "gebieden.csv"), "--indelingsjaar", "2025", "--database", db
    )
    assert code == 0, out
    assert "Geïmporteerd" in out and "4 rijen" in out
    code, out = _run(
        "import", "gebieden", str(EXAMPLES / "gebieden.csv"), "--indelingsjaar", "2025", "--database", db
    )
    assert code == 0
    assert "Al geïmporteerd" in out


def test_rejected_import_exits_non_zero_with_row_column_reason(tmp_path: Path) -> None:
    db = f"duckdb:///{tmp_path / 'x.duckdb'}"
    assert (
        _run(
            "import", "gebieden", str(EXAMPLES / "gebieden.csv"), "--indelingsjaar", "2025", "--database", db
        )[0]
        == 0
    )
    assert _run("import", "partijen", str(EXAMPLES / "partijen.csv"), "--database", db)[0] == 0
    bad = tmp_path / "investeringen.csv"
    bad.write_text(
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;-5\nL0001;GM0363;2026;lood;extra;x\n"
    )
    code, out = _run("import", "investeringen", str(bad), "--database", db)
    assert code == 1
    assert "afgekeurd, niets ingelezen" in out
    assert "bedrag mag niet negatief zijn" in out
    assert "2 fout(en)" in out


def test_unknown_kind_and_bad_date_are_refused(tmp_path: Path) -> None:
    db = f"duckdb:///{tmp_path / 'x.duckdb'}"
    code, out = _run("import", "woonwagens", str(EXAMPLES / "gebieden.csv"), "--database", db)
    assert code == 1 and "Onbekende soort" in out
    code, out = _run(
        "import", "gebieden", str(EXAMPLES / "gebieden.csv"), "--peildatum", "1-1-25", "--database", db
    )
    assert code == 1 and "geen datum" in out


def test_demo_refuses_a_database_with_data(tmp_path: Path) -> None:
    db = f"duckdb:///{tmp_path / 'x.duckdb'}"
    assert (
        _run(
            "import", "gebieden", str(EXAMPLES / "gebieden.csv"), "--indelingsjaar", "2025", "--database", db
        )[0]
        == 0
    )
    code, out = _run("demo", "--scale", "tiny", "--database", db)
    assert code == 1
    assert "bevat al gegevens" in out


def test_db_upgrade_and_status(tmp_path: Path) -> None:
    db = f"duckdb:///{tmp_path / 'x.duckdb'}"
    code, out = _run("db", "status", "--database", db)
    assert code == 0 and "leeg" in out
    code, out = _run("db", "upgrade", "--database", db)
    assert code == 0 and "bijgewerkt" in out
    code, out = _run("db", "status", "--database", db)
    assert code == 0 and "actueel" in out


def test_serve_refuses_placeholder_secrets_in_production(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from leefbaar.config import get_settings

    monkeypatch.setenv("LEEFBAAR_ENVIRONMENT", "production")
    monkeypatch.delenv("LEEFBAAR_SECRET_KEY")
    get_settings.cache_clear()
    try:
        code, out = _run("serve", "--port", "1")
    finally:
        get_settings.cache_clear()
    assert code == 1
    assert "onveilige instellingen" in out
    assert "LEEFBAAR_SECRET_KEY" in out
