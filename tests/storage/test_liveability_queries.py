"""Indicator values per level, computed in SQL, against hand-computed figures on crafted areas."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services.imports import import_file
from leefbaar.storage import liveability_inputs as q


def _import(url: str, kind: str, path: Path, indelingsjaar: int) -> None:
    options = ImportOptions(
        peildatum=date(2025, 1, 1), indelingsjaar=indelingsjaar, bron="test", gebruiker="test"
    )
    result = import_file(url, kind, path, options)
    assert result.status is ImportStatus.IMPORTED, result.errors


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def crafted(empty_db: str, tmp_path: Path) -> str:
    # Division 2025: one gemeente, one wijk, buurten 00 and 01. Division 2024: buurt 01 (same code) and 99.
    _import(
        empty_db,
        "gebieden",
        _csv(
            tmp_path / "g25.csv",
            [
                "code;naam;provinciecode",
                "GM0001;G;PV20",
                "WK000100;W;",
                "BU00010000;A;",
                "BU00010001;B;",
            ],
        ),
        2025,
    )
    _import(
        empty_db,
        "gebieden",
        _csv(
            tmp_path / "g24.csv",
            [
                "code;naam;provinciecode",
                "GM0001;G;PV20",
                "WK000100;W;",
                "BU00010001;B;",
                "BU00010099;Z;",
            ],
        ),
        2024,
    )
    _import(
        empty_db,
        "gebiedsindicatoren",
        _csv(
            tmp_path / "i25.csv",
            [
                "regiocode;jaar;indicator;waarde;bron",
                "BU00010000;2024;AantalInwoners;100;t",
                "BU00010001;2024;AantalInwoners;300;t",
                "BU00010000;2024;enquete:sociale_cohesie;6;t",
                "BU00010001;2024;enquete:sociale_cohesie;8;t",
                "BU00010000;2024;GeregistreerdeMisdrijven;10;t",
                "BU00010001;2024;GeregistreerdeMisdrijven;20;t",
                "BU00010000;2023;GeregistreerdeMisdrijven;99;t",  # older year: the 2024 value wins
                "GM0001;2024;AantalInwoners;1000;t",  # CBS's own gemeente figure wins over the buurt sum
            ],
        ),
        2025,
    )
    _import(
        empty_db,
        "gebiedsindicatoren",
        _csv(
            tmp_path / "i24.csv",
            [
                "regiocode;jaar;indicator;waarde;bron",
                "BU00010001;2024;65JaarOfOuder;60;t",  # code exists in 2025 too: carried over
                "BU00010099;2024;65JaarOfOuder;5;t",  # code only in 2024: not used
            ],
        ),
        2024,
    )
    return empty_db


BRONNEN = [
    q.Bron("sociale_cohesie", q.normalised_name("enquete:sociale_cohesie")),
    q.Bron("misdrijven_per_1000", q.normalised_name("GeregistreerdeMisdrijven"), "aantalinwoners", 1000.0),
    q.Bron("aandeel_65_plus", q.normalised_name("k_65JaarOfOuder"), "aantalinwoners", 100.0),
]


@pytest.mark.parametrize(
    ("niveau", "code", "sleutel", "verwacht"),
    [
        ("buurt", "BU00010000", "__inwoners", 100.0),
        ("buurt", "BU00010001", "misdrijven_per_1000", 20 / 300 * 1000),
        ("buurt", "BU00010000", "misdrijven_per_1000", 10 / 100 * 1000),  # 2024, not the 2023 value 99
        ("buurt", "BU00010001", "aandeel_65_plus", 60 / 300 * 100),  # from division 2024, same code
        ("wijk", "WK000100", "__inwoners", 400.0),  # sum of the buurten
        ("wijk", "WK000100", "sociale_cohesie", (6 * 100 + 8 * 300) / 400),  # population-weighted mean
        ("wijk", "WK000100", "misdrijven_per_1000", 30 / 400 * 1000),  # sum over sum
        ("wijk", "WK000100", "aandeel_65_plus", 60 / 300 * 100),  # only buurt 01 has both values
        ("gemeente", "GM0001", "__inwoners", 1000.0),  # CBS's own figure
        # no crime figure for the gemeente itself: numerator and denominator from the same buurten
        ("gemeente", "GM0001", "misdrijven_per_1000", 30 / 400 * 1000),
    ],
)
def test_indicator_values_by_hand(
    crafted: str, niveau: str, code: str, sleutel: str, verwacht: float
) -> None:
    namen = {n: q.normalised_name(n) for n in q.indicator_names(crafted)}
    tabel = q.indicator_values(crafted, 2024, 2025, 2021, BRONNEN, namen)
    gevonden = {(r["niveau"], r["code"], r["sleutel"]): r["waarde"] for r in tabel.to_pylist()}
    assert gevonden[(niveau, code, sleutel)] == pytest.approx(verwacht)
    assert not any(c == "BU00010099" for _, c, _ in gevonden)
