"""``leefbaar woningvoorraad``, ``fair-share``, ``concentratie`` and ``instrumenten`` as a user types them.

Runs on DuckDB only: the services underneath are tested on both backends (tests/services/test_homes_service.py).
Exact counts (rounding off), as there: the markers of hidden cells are what these tests read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leefbaar.cli import app
from tests.services import test_homes_data as data
from tests.services.test_homes_data import exact_counts  # noqa: F401 (autouse fixture)
from tests.storage_fixtures import Templates

runner = CliRunner()


@pytest.fixture(scope="module")
def db(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("homes-cli")
    url = templates.fresh("duckdb", "empty", folder)
    data.load(url, folder)
    yield url, data.config_yaml(folder)
    templates.drop("duckdb", url)


def _run(db: tuple[str, Path], *args: str) -> tuple[int, str]:
    url, path = db
    # Every command but instrumenten takes the regional configuration.
    extra = ["--config", str(path)] if args and args[0] != "instrumenten" else []
    result = runner.invoke(app, [*args, *extra, "--database", url])
    return result.exit_code, result.output


def _flat(text: str) -> str:
    """Rich wraps long lines at the terminal width: compare text with single spaces."""
    return " ".join(text.split())


def test_woningvoorraad_json(db: tuple[str, Path]) -> None:
    code, out = _run(db, "woningvoorraad", "--gemeente", "GM9004", "--format", "json")
    assert code == 0, out
    d = json.loads(out)
    assert (d["sociale_huur"], d["woningen"], d["tekort"]) == (2, 10, 1)
    assert d["traject"]["uitkomst"] == "30% bereikt in 2026"
    assert d["benodigd"]["doeljaar"] == 2027  # from the configuration


def test_woningvoorraad_table_and_target_year(db: tuple[str, Path]) -> None:
    code, out = _run(db, "woningvoorraad", "--gemeente", "GM9004", "--doeljaar", "2028")
    assert code == 0, out
    assert "Uitkomst: 30% bereikt in 2026" in out
    assert "2028" in out and "20,0%" in out
    assert "synthetische demogegevens" not in out  # hand-made test data, not the demo generator's


def test_output_says_whether_the_data_is_synthetic(db: tuple[str, Path]) -> None:
    code, out = _run(db, "woningvoorraad", "--gemeente", "GM9004", "--format", "json")
    assert code == 0, out
    assert json.loads(out)["synthetisch"] is False


def test_province_view(db: tuple[str, Path]) -> None:
    code, out = _run(db, "woningvoorraad", "--provincie", "PV26", "--format", "json")
    assert code == 0, out
    assert json.loads(out)["interventiekandidaten"] == ["GM9003"]
    code, out = _run(db, "woningvoorraad", "--provincie", "PV26")
    assert code == 0
    assert "Kandidaten voor interventie door de provincie: 1" in out


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (("woningvoorraad",), 2, "precies één"),  # neither --gemeente nor --provincie
        (("woningvoorraad", "--gemeente", "GM9001", "--provincie", "PV26"), 2, "precies één"),  # both
        (("woningvoorraad", "--gemeente", "GM9999"), 1, "bestaat niet"),  # unknown municipality
        (("woningvoorraad", "--gemeente", "GM9001", "--peildatum", "gisteren"), 1, "geen datum"),
        (("fair-share", "--regio", "PV26", "--periode", "2025-7"), 1, "heeft niet de vorm"),
        (("fair-share", "--regio", "nergens", "--periode", "2025"), 1, "onbekende regio"),
        (("concentratie", "--gemeente", "GM9005"), 1, "geen toewijzingen"),
        (("instrumenten",), 2, "precies één"),
    ],
)
def test_errors_in_dutch_with_exit_code(
    db: tuple[str, Path], args: tuple[str, ...], exit_code: int, message: str
) -> None:
    code, out = _run(db, *args)
    assert code == exit_code
    assert "Fout:" in out and message in _flat(out)


def test_bad_configuration_file(db: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = db
    bad = tmp_path / "fout.yaml"
    bad.write_text("regios:\n  - code: x\n    sleutel: {inwoners: 0.9}\n", encoding="utf-8")
    result = runner.invoke(
        app, ["fair-share", "--regio", "x", "--periode", "2025", "--config", str(bad), "--database", url]
    )
    assert result.exit_code == 1
    assert "gemeenten" in _flat(result.output)  # a user-defined region needs its municipalities
    bad.write_text(
        "regios:\n  - code: x\n    gemeenten: [GM9001]\n    sleutel: {inwoners: 0.9}\n", encoding="utf-8"
    )
    result = runner.invoke(
        app, ["fair-share", "--regio", "x", "--periode", "2025", "--config", str(bad), "--database", url]
    )
    assert result.exit_code == 1
    assert "tellen op tot 0,900 in plaats van 1" in _flat(result.output)
    bad.write_text("regios: [\n", encoding="utf-8")
    result = runner.invoke(
        app, ["fair-share", "--regio", "x", "--periode", "2025", "--config", str(bad), "--database", url]
    )
    assert result.exit_code == 1
    assert "geen geldige YAML" in _flat(result.output)


def test_fair_share_json_hides_small_counts(db: tuple[str, Path]) -> None:
    code, out = _run(db, "fair-share", "--regio", "regio-test", "--periode", "2025", "--format", "json")
    assert code == 0, out
    d = json.loads(out)
    cell = next(r for r in d["rijen"] if r["gemeentecode"] == "GM9001" and r["groep"] == "statushouder")
    assert cell["gerealiseerd"] is None and cell["onderdrukt"]["gerealiseerd"] == "primair"
    assert "3" not in json.dumps(
        {k: v for k, v in cell.items() if k in ("gerealiseerd", "afwijking", "voorstel")}
    )


def test_fair_share_table_shows_markers_and_legend(db: tuple[str, Path]) -> None:
    code, out = _run(
        db, "fair-share", "--regio", "regio-test", "--periode", "2025", "--groep", "statushouder"
    )
    assert code == 0, out
    assert "<5" in out  # the primary cell
    assert " x " in out  # its complements and derived values
    assert "minder dan 5 toewijzingen" in out  # the legend
    assert "Taakstelling statushouders" in out


def test_concentratie(db: tuple[str, Path]) -> None:
    code, out = _run(db, "concentratie", "--gemeente", "GM9006", "--format", "json")
    assert code == 0, out
    d = json.loads(out)
    assert d["gesignaleerd"] == ["BU90060101"]
    code, out = _run(db, "concentratie", "--gemeente", "GM9006")
    assert code == 0
    assert "Gesignaleerde buurten: 1" in out and "<5" in out


def test_concentratie_table_prints_the_disclosure_note(db: tuple[str, Path]) -> None:
    # The note appears when the disclosure remedy had to hide more (services test when that happens);
    # here the printer is given the service's own answer with such a note added.
    from leefbaar.cli.common import console
    from leefbaar.cli.homes import _print_concentratie
    from leefbaar.privacy.disclosure import Remedy, remedy_note

    code, out = _run(db, "concentratie", "--gemeente", "GM9006", "--format", "json")
    assert code == 0, out
    d = json.loads(out)
    note = remedy_note(Remedy.ZEROS)
    d["opmerkingen"] = [note]
    with console.capture() as captured:
        _print_concentratie(d, alle=False)
    assert note is not None and note in _flat(captured.get())


def test_instrumenten(db: tuple[str, Path]) -> None:
    code, out = _run(
        db, "instrumenten", "--gemeente", "GM9001", "--peildatum", "2025-06-01", "--format", "json"
    )
    assert code == 0, out
    row = json.loads(out)["rijen"][0]
    assert row["dekkingsgraad"] == 0.8 and row["ontbrekend"] == "uitstroom_detentie"
