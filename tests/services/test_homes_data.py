"""Crafted data for the "home for everyone" service tests, loaded through the import service.

Fictitious municipalities GM9001-GM9006 in province PV26 (indeling 2025), stock peildatum 2025-01-01.

| gemeente | woningen | sociale huur | inwoners | role in the tests |
| --- | --- | --- | --- | --- |
| GM9001 | 10 | 3 (exactly 30%) | 1,000 | exactly 30%; primary cell (3 status holders in 2025) |
| GM9002 | 20 | 8 (40%) | 3,000 | above 30% |
| GM9003 | 20 | 5 (25%) | 2,000 | shrinking stock: demolitions (plan + pipeline) |
| GM9004 | 10 | 2 (20%) | 4,000 | below 30%, social new-build in the pipeline |
| GM9005 | 0 | 0 | 0 | no dwellings |
| GM9006 | 250 | 250 | 5,000 | concentration per buurt |

Association dwellings are social unless their segment says midden or vrij; GM9002 also has one
association dwelling in the vrij segment (not social) and one private social rental dwelling.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services.imports import import_file

PEILDATUM = date(2025, 1, 1)

GEMEENTEN = ("GM9001", "GM9002", "GM9003", "GM9004", "GM9005", "GM9006")
INWONERS = {"GM9001": 1000, "GM9002": 3000, "GM9003": 2000, "GM9004": 4000, "GM9005": 0, "GM9006": 5000}

#: Allocations in 2025 per municipality and group (the fair-share table).
TOEWIJZINGEN_2025 = {
    ("GM9001", "dakloos"): 20,
    ("GM9002", "dakloos"): 10,
    ("GM9003", "dakloos"): 15,
    ("GM9004", "dakloos"): 15,
    ("GM9001", "statushouder"): 3,
    ("GM9002", "statushouder"): 6,
    ("GM9003", "statushouder"): 7,
    ("GM9004", "statushouder"): 8,
}
#: Allocations in 2024 per buurt of GM9006 (the concentration table).
TOEWIJZINGEN_BUURT_2024 = {"BU90060101": 30, "BU90060102": 10, "BU90060103": 3}


def _write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _dwellings() -> list[str]:
    # (gemeente, buurt, eigendom, huursegment, count)
    spec = [
        ("9001", "BU90010101", "corporatie", "sociaal", 3),
        ("9001", "BU90010101", "koop", "", 7),
        ("9002", "BU90020101", "corporatie", "sociaal", 7),
        ("9002", "BU90020101", "corporatie", "vrij", 1),
        ("9002", "BU90020101", "overige_huur", "sociaal", 1),
        ("9002", "BU90020101", "koop", "", 11),
        ("9003", "BU90030101", "corporatie", "sociaal", 5),
        ("9003", "BU90030101", "koop", "", 15),
        ("9004", "BU90040101", "corporatie", "", 2),  # no segment: an association dwelling counts as social
        ("9004", "BU90040101", "overige_huur", "vrij", 8),
        ("9006", "BU90060101", "corporatie", "sociaal", 100),
        ("9006", "BU90060102", "corporatie", "sociaal", 100),
        ("9006", "BU90060103", "corporatie", "sociaal", 50),
    ]
    rows, n = [], 0
    for gm, buurt, eigendom, segment, count in spec:
        for _ in range(count):
            n += 1
            corp = ("L9001", f"C{gm}") if eigendom == "corporatie" else ("", "")
            rows.append(f"{gm}01{n:010d};;;;;{buurt};{eigendom};{corp[0]};{corp[1]};{segment};;;")
    return rows


def _allocations() -> list[str]:
    rows, n = [], 0

    def add(day: str, gm: str, buurt: str, groep: str) -> None:
        nonlocal n
        n += 1
        rows.append(f"T-{n:05d};{day};{gm};{buurt};{groep};hh_test_{n:08d};")

    for (gm, groep), count in TOEWIJZINGEN_2025.items():
        for i in range(count):
            # Half of them in each half-year: first half gets the odd one out.
            add("2025-03-01" if i % 2 == 0 else "2025-09-01", gm, f"BU{gm[2:]}0101", groep)
    # 2023: two students in GM9001 and nothing else, so the regional total itself is small.
    add("2023-10-01", "GM9001", "BU90010101", "student")
    add("2023-11-01", "GM9001", "BU90010101", "student")
    for buurt, count in TOEWIJZINGEN_BUURT_2024.items():
        for _ in range(count):
            add("2024-05-01", "GM9006", buurt, "sociale_urgentie")
    return rows


def load(url: str, folder: Path) -> None:
    """Import the crafted data into an empty, migrated database."""
    areas = [f"{gm};Testgemeente {gm[2:]};PV26" for gm in GEMEENTEN]
    areas += [f"WK{gm[2:]}01;Wijk {gm[2:]}01;" for gm in GEMEENTEN]
    areas += [f"BU{gm[2:]}0101;Buurt {gm[2:]}0101;" for gm in GEMEENTEN]
    areas += ["BU90060102;Buurt 90060102;", "BU90060103;Buurt 90060103;"]
    complexes = [f"L9001;C{gm[2:]};Complex {gm[2:]};{gm};1970" for gm in GEMEENTEN]
    files = [
        ("gebieden", _write(folder / "gebieden.csv", "code;naam;provinciecode", areas)),
        (
            "partijen",
            _write(
                folder / "partijen.csv",
                "partij_id;soort;naam;gemeentecode;synthetisch",
                ["L9001;corporatie;Testcorporatie;GM9001;ja"],
            ),
        ),
        (
            "complexen",
            _write(
                folder / "complexen.csv", "corporatie_id;complexnummer;naam;gemeentecode;bouwjaar", complexes
            ),
        ),
        (
            "woningen",
            _write(
                folder / "woningen.csv",
                "verblijfsobject_id;postcode;huisnummer;huisletter;toevoeging;buurtcode;eigendom;corporatie_id;"
                "complexnummer;huursegment;energielabel;bouwjaar;oppervlakte_m2",
                _dwellings(),
            ),
        ),
        (
            "plannen",
            _write(
                folder / "plannen.csv",
                "plan_id;corporatie_id;complexnummer;soort;status;geplande_datum;aantal_woningen",
                # One social dwelling of GM9003 demolished in 2026; a renovation is no demolition.
                [
                    "P-1;L9001;C9003;sloop;besluit;2026-06-01;1",
                    "P-2;L9001;C9003;renovatie;concreet;2025-06-01;5",
                ],
            ),
        ),
        (
            "gebiedsindicatoren",
            _write(
                folder / "inwoners.csv",
                "regiocode;jaar;indicator;waarde;bron",
                [f"{gm};2024;AantalInwoners;{n};test" for gm, n in INWONERS.items()],
            ),
        ),
        (
            "toewijzingen",
            _write(
                folder / "toewijzingen.csv",
                "toewijzing_id;datum;gemeentecode;buurtcode;aandachtsgroep;huishouden_pseudoniem;corporatie_id",
                _allocations(),
            ),
        ),
        (
            "urgentieverordeningen",
            _write(
                folder / "urgentieverordeningen.csv",
                "gemeentecode;vastgesteld_op;groepen",
                [
                    # GM9001 misses uitstroom_detentie; GM9002 covers everything plus status holders;
                    # GM9003 adopts only after the peildatum used in the tests (2025-06-01).
                    'GM9001;2024-01-01;"dakloos;uitstroom_instelling;medische_urgentie;sociale_urgentie"',
                    'GM9002;2023-01-01;"dakloos;uitstroom_instelling;uitstroom_detentie;medische_urgentie;'
                    'sociale_urgentie;statushouder"',
                    'GM9003;2026-03-01;"dakloos;uitstroom_instelling;uitstroom_detentie;medische_urgentie;'
                    'sociale_urgentie"',
                ],
            ),
        ),
        (
            "woonzorgvisies",
            _write(
                folder / "woonzorgvisies.csv",
                "gemeentecode;vastgesteld_op;geldig_tot",
                ["GM9001;2023-05-01;", "GM9002;2019-01-01;"],
            ),
        ),
    ]
    for kind, path in files:
        result = import_file(
            url, kind, path, ImportOptions(peildatum=PEILDATUM, indelingsjaar=2025, bron="test")
        )
        assert result.status is ImportStatus.IMPORTED, (kind, result.errors)


def config_yaml(folder: Path, extra: str = "", sleutel: str = "{inwoners: 1}") -> Path:
    """A regional configuration for the crafted data, with a pipeline file."""
    (folder / "pijplijn.csv").write_text(
        "gemeentecode;jaar;sociale_toevoegingen;sloop_sociaal;verkoop_sociaal;overige_nieuwbouw;sloop_overig\n"
        "GM9003;2025;0;0;0;0;2\n"
        "GM9003;2026;0;0;0;0;1\n"
        "GM9003;2027;0;0;0;0;2\n"
        "GM9004;2026;2;0;0;0;0\n",
        encoding="utf-8",
    )
    path = folder / "regio.yaml"
    path.write_text(
        "versie: 1\n"
        "doeljaar: 2027\n"
        "pijplijn: pijplijn.csv\n"
        "taakstelling: {2025-1: 1500, 2025-2: 1000}\n"
        "regios:\n"
        "  - code: regio-test\n"
        "    naam: Testregio\n"
        "    gemeenten: [GM9001, GM9002, GM9003, GM9004]\n"
        f"    sleutel: {sleutel}\n"
        "    behoefte:\n"
        '      "2025": {dakloos: 60}\n'
        # Without GM9001 nothing in 2025 is below k: the proposal is published.
        "  - code: regio-drie\n"
        "    gemeenten: [GM9002, GM9003, GM9004]\n"
        "    sleutel: {inwoners: 1}\n"
        "    behoefte:\n"
        '      "2025": {dakloos: 45}\n' + extra,
        encoding="utf-8",
    )
    return path


@pytest.fixture(autouse=True)
def exact_counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Publish exact counts (random rounding off, base 1): for tests of the tables' arithmetic and
    suppression on hand-computed values. Rounding has its own tests (test_disclosure_rounding.py)."""
    from leefbaar.config import get_settings

    monkeypatch.setenv("LEEFBAAR_DISCLOSURE_ROUNDING_BASE", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
