"""The regional configuration of "a home for everyone": parsing, validation with Dutch errors, the pipeline file."""

from __future__ import annotations

from pathlib import Path

import pytest

from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.homes.fair_share import Grondslag
from leefbaar.services import homes

EXAMPLE = Path(__file__).parents[2] / "examples" / "homes" / "regio.yaml"


def test_the_shipped_example_is_valid() -> None:
    config = homes.load_config(EXAMPLE)
    assert set(config.regios) == {"PV26", "regio-g4"}
    utrecht = config.regios["PV26"]
    assert utrecht.gemeenten == ()  # taken from the database
    assert utrecht.sleutel.gewicht(Grondslag.INWONERS) == 0.5
    assert utrecht.behoefte["2025"][Aandachtsgroep.DAKLOOS] == 14
    assert config.regios["regio-g4"].gemeenten == ("GM0363", "GM0599", "GM0344", "GM0518")
    assert config.taakstelling["2025-2"] == 10800
    assert config.doeljaar == 2030
    assert config.drempel.verhouding == 1.5 and config.drempel.minimum_aandachtsgroepen == 10
    # The pipeline file next to it: GM0344 adds 40 social dwellings in 2025.
    first = config.pijplijn[0]
    assert (first.gemeentecode, first.jaar, first.aantallen["sociale_toevoegingen"]) == ("GM0344", 2025, 40)


def test_no_configuration_gives_defaults() -> None:
    config = homes.load_config(None)
    assert config.regios == {} and config.taakstelling == {} and config.pijplijn == ()
    assert config.doeljaar == homes.DOELJAAR
    assert homes.parse_config(None) == config


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["PV26"], "moet een tabel"),  # not a mapping
        ({"regio": []}, "onbekende sleutel(s) in de configuratie: regio"),  # typo
        ({"regios": {"code": "PV26"}}, "'regios' moet een lijst"),
        ({"regios": [{"naam": "x"}]}, "heeft een code nodig"),
        (
            {"regios": [{"code": "eigen"}]},
            "heeft een lijst 'gemeenten' nodig",
        ),  # own region without municipalities
        ({"regios": [{"code": "r", "gemeenten": ["GM12"]}]}, "geen gemeentecode: GM12"),
        ({"regios": [{"code": "PV26", "sleutel": {"inwoners": 0.5}}]}, "tellen op tot 0,500 in plaats van 1"),
        ({"regios": [{"code": "PV26", "sleutel": {"oppervlakte": 1}}]}, "onbekende grondslag 'oppervlakte'"),
        (
            {"regios": [{"code": "PV26", "behoefte": {"2025": {"iedereen": 3}}}]},
            "onbekende aandachtsgroep 'iedereen'",
        ),
        ({"regios": [{"code": "PV26", "behoefte": {"2025": {"dakloos": -1}}}]}, "geheel getal vanaf 0"),
        ({"regios": [{"code": "PV26", "behoefte": {"2025-3": {"dakloos": 1}}}]}, "heeft niet de vorm"),
        ({"regios": [{"code": "PV26", "verschuiven": 2}]}, "tussen 0 en 1"),
        ({"regios": [{"code": "PV26", "kleur": "blauw"}]}, "onbekende sleutel(s): kleur"),
        ({"regios": [{"code": "PV26"}, {"code": "PV26"}]}, "staat twee keer"),
        ({"taakstelling": {"2025": 100}}, "vorm 2025-1 of 2025-2"),
        ({"taakstelling": {"2025-1": "veel"}}, "geheel getal"),
        ({"concentratie": {"verhouding": 1.0}}, "groter dan 1"),
        ({"concentratie": {"drempel": 2}}, "kent alleen"),
        ({"doeljaar": "2030"}, "geheel getal"),
    ],
)
def test_invalid_configuration_in_dutch(data: object, message: str) -> None:
    with pytest.raises(homes.HomesError) as error:
        homes.parse_config(data)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("gemeentecode;jaar;nieuwbouw\nGM0344;2025;4\n", "onbekend: nieuwbouw"),  # unknown column
        ("gemeentecode;sociale_toevoegingen\nGM0344;4\n", "ontbreekt: jaar"),
        ("gemeentecode;jaar;sociale_toevoegingen\nGM34;2025;4\n", "rij 2: 'GM34' is geen gemeentecode"),
        ("gemeentecode;jaar;sociale_toevoegingen\nGM0344;25;4\n", "is geen jaartal"),
        ("gemeentecode;jaar;sloop_sociaal\nGM0344;2025;-4\n", "geen geheel aantal"),
        (
            "gemeentecode;jaar;sloop_sociaal\nGM0344;2025;1\nGM0344;2025;2\n",
            "rij 3: GM0344 2025 staat er twee keer in",
        ),
        ("", "is leeg"),
    ],
)
def test_invalid_pipeline_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "pijplijn.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(homes.HomesError) as error:
        homes.read_pipeline(path)
    assert message in str(error.value)


def test_pipeline_file_with_commas_and_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("\ufeffgemeentecode,jaar,sociale_toevoegingen\nGM0344,2026,12\n", encoding="utf-8")
    (row,) = homes.read_pipeline(path)
    # A BOM and commas are fine; absent parts are zero.
    assert row.aantallen == {
        "sociale_toevoegingen": 12, "sloop_sociaal": 0, "verkoop_sociaal": 0, "overige_nieuwbouw": 0, "sloop_overig": 0,
    }  # fmt: skip


def test_missing_files_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(homes.HomesError, match="niet te lezen"):
        homes.load_config(tmp_path / "bestaat-niet.yaml")
    (tmp_path / "regio.yaml").write_text("pijplijn: weg.csv\n", encoding="utf-8")
    with pytest.raises(homes.HomesError, match=r"pijplijnbestand .* is niet te lezen"):
        homes.load_config(tmp_path / "regio.yaml")


@pytest.mark.parametrize(
    ("periode", "start", "end"),
    [
        ("2025", "2025-01-01", "2026-01-01"),  # a calendar year
        ("2025-1", "2025-01-01", "2025-07-01"),  # January-June
        ("2025-2", "2025-07-01", "2026-01-01"),  # July-December
    ],
)
def test_periods(periode: str, start: str, end: str) -> None:
    assert tuple(d.isoformat() for d in homes.parse_periode(periode)) == (start, end)
