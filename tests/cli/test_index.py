"""``leefbaar index``: exit codes and Dutch output of compute, show, validate and calibrate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.domain.regions import Niveau
from leefbaar.services import liveability as service

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    # Rich wraps at the terminal width; compare on single-spaced text.
    return result.exit_code, " ".join(result.output.split())


def _reference(url: str, path: Path, omgekeerd: bool = False) -> None:
    result = service.compute(url, 2024).resultaten[Niveau.BUURT]
    totaal = result.scores[:, 0, 5]
    geldig = ~np.isnan(totaal)
    teken = -1 if omgekeerd else 1
    regels = ["bu_code;lbm"] + [
        f"{c};{teken * t}"
        for c, t in zip(np.asarray(result.codes)[geldig][:200], totaal[geldig][:200], strict=True)
    ]
    path.write_text("\n".join(regels) + "\n", encoding="utf-8")


def test_compute_prints_counts_and_indicators(tiny_duckdb: str) -> None:
    code, uit = _run("index", "compute", "--year", "2024", "--database", tiny_duckdb)
    assert code == 0, uit
    assert "14822" in uit and "3504" in uit and "342" in uit
    assert "misdrijven_per_1000" in uit and "afstand_huisarts (niet aangeleverd)" in uit


def test_compute_without_year_takes_the_newest_year_with_data(tiny_duckdb: str) -> None:
    code, uit = _run("index", "compute", "--database", tiny_duckdb)
    assert code == 0, uit
    assert "nieuwste jaar met gegevens is 2024" in uit and "Leefbaar-index 2024 berekend" in uit


def test_show_explains_and_refuses_unknown_codes(tiny_duckdb: str) -> None:
    code, uit = _run("index", "show", "BU0363AA01", "--database", tiny_duckdb)
    assert code == 1 and "nog geen index berekend" in uit
    assert _run("index", "compute", "--year", "2024", "--database", tiny_duckdb)[0] == 0
    code, uit = _run("index", "show", "BU0363AA01", "GM0363", "--year", "2024", "--database", tiny_duckdb)
    assert code == 0, uit
    assert "Objectief: bijdrage per indicator" in uit and "misdrijven" in uit and "mediaan" in uit
    assert "Subjectief: geen enquêtegegevens" in uit
    code, uit = _run("index", "show", "BU99999999", "--database", tiny_duckdb)
    assert code == 1 and "BU99999999" in uit
    code, uit = _run("index", "show", "XX12", "--database", tiny_duckdb)
    assert code == 1 and "geen buurt-, wijk- of gemeentecode" in uit


def test_validate_known_correlations_and_errors(tiny_duckdb: str, tmp_path: Path) -> None:
    ref = tmp_path / "ref.csv"
    _reference(tiny_duckdb, ref)
    code, uit = _run(
        "index",
        "validate",
        "--reference",
        str(ref),
        "--code-column",
        "bu_code",
        "--score-column",
        "lbm",
        "--database",
        tiny_duckdb,
    )
    assert code == 0, uit
    assert "200" in uit and "1,000" in uit and "Grootste verschillen" in uit
    assert "Onderste 10% gedeeld" in uit and "100% van 20" in uit
    omgekeerd = tmp_path / "omgekeerd.csv"
    _reference(tiny_duckdb, omgekeerd, omgekeerd=True)
    code, uit = _run(
        "index",
        "validate",
        "--reference",
        str(omgekeerd),
        "--code-column",
        "bu_code",
        "--score-column",
        "lbm",
        "--database",
        tiny_duckdb,
    )
    assert code == 0 and "-1,000" in uit
    code, uit = _run(
        "index",
        "validate",
        "--reference",
        str(ref),
        "--code-column",
        "code",
        "--score-column",
        "score",
        "--database",
        tiny_duckdb,
    )
    assert code == 1 and "'code', 'score'" in uit and "bu_code, lbm" in uit
    code, uit = _run(
        "index",
        "validate",
        "--reference",
        str(tmp_path / "nergens.csv"),
        "--code-column",
        "a",
        "--score-column",
        "b",
        "--database",
        tiny_duckdb,
    )
    assert code == 1 and "bestaat niet" in uit
    code, uit = _run(
        "index",
        "validate",
        "--reference",
        str(ref),
        "--code-column",
        "bu_code",
        "--score-column",
        "lbm",
        "--level",
        "provincie",
        "--database",
        tiny_duckdb,
    )
    assert code == 1 and "Onbekend niveau" in uit


def test_calibrate_then_compute_with_the_weights(tiny_duckdb: str, tmp_path: Path) -> None:
    ref = tmp_path / "ref.csv"
    _reference(tiny_duckdb, ref)
    gewichten = tmp_path / "gewichten.yaml"
    code, uit = _run(
        "index",
        "calibrate",
        "--reference",
        str(ref),
        "--code-column",
        "bu_code",
        "--score-column",
        "lbm",
        "--output",
        str(gewichten),
        "--database",
        tiny_duckdb,
    )
    assert code == 0, uit
    assert "Spearman op weggelaten gebieden" in uit and gewichten.exists()
    assert "Gekozen:" in uit and "Het wint omdat" in uit and "gewoon lineair model" in uit
    code, uit = _run(
        "index", "compute", "--year", "2024", "--weights", str(gewichten), "--database", tiny_duckdb
    )
    assert code == 0 and "gekalibreerd" in uit
    slecht = tmp_path / "slecht.yaml"
    slecht.write_text("niets: 1\n", encoding="utf-8")
    code, uit = _run(
        "index", "compute", "--year", "2024", "--weights", str(slecht), "--database", tiny_duckdb
    )
    assert code == 1 and "ongeldig" in uit
