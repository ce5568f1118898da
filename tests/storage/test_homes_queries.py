"""Storage queries of "a home for everyone" on DuckDB and PostgreSQL: counts, current versions, periods."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import text

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services.imports import import_file
from leefbaar.storage import homes_queries as q
from leefbaar.storage.engine import get_engine
from tests.services import test_homes_data as data


def test_stock_matches_an_independent_count(tiny_db: str) -> None:
    peildatum = q.latest_stock_peildatum(tiny_db)
    assert peildatum == date(2025, 1, 1)
    with get_engine(tiny_db).connect() as conn:
        rows = conn.execute(text("SELECT buurtcode, eigendom, huursegment FROM woning")).all()
    expected: Counter[tuple[str, str]] = Counter()
    for buurt, eigendom, segment in rows:
        gm = "GM" + buurt[2:6]
        expected[(gm, "woningen")] += 1
        expected[(gm, "corporatie")] += eigendom == "corporatie"
        expected[(gm, "corporatie_sociaal")] += eigendom == "corporatie" and segment in ("sociaal", None)
        expected[(gm, "overige_sociale_huur")] += eigendom == "overige_huur" and segment == "sociaal"
    found = q.stock_per_gemeente(tiny_db, peildatum, ["GM0344", "GM0363", "GM9999"])
    assert [r["gemeentecode"] for r in found] == ["GM0344", "GM0363"]  # no dwellings, no row
    for r in found:
        for column in ("woningen", "corporatie", "corporatie_sociaal", "overige_sociale_huur"):
            assert r[column] == expected[(r["gemeentecode"], column)], column
    buurten = q.stock_per_buurt(tiny_db, peildatum, "GM0363")
    assert sum(b["woningen"] for b in buurten) == expected[("GM0363", "woningen")]
    assert all(b["buurtcode"].startswith("BU0363") for b in buurten)


def test_inhabitants_from_the_cbs_key_figures(tiny_db: str) -> None:
    # CBS KWB 2024: Amsterdam 931,298 and Utrecht 374,238 inhabitants.
    assert q.inhabitants(tiny_db, 2025, ["GM0363", "GM0344"]) == {"GM0363": 931298, "GM0344": 374238}
    assert len(q.inhabitants(tiny_db, 2025)) == 342


def test_current_version_by_peildatum(empty_db: str, tmp_path: Path) -> None:
    data.load(empty_db, tmp_path)
    # On 2025-07-01 the association sells its first GM9001 dwelling (a new version of that dwelling).
    later = tmp_path / "verkoop.csv"
    later.write_text(
        "verblijfsobject_id;postcode;huisnummer;huisletter;toevoeging;buurtcode;eigendom;corporatie_id;"
        "complexnummer;huursegment;energielabel;bouwjaar;oppervlakte_m2\n"
        "9001010000000001;;;;;BU90010101;koop;;;;;;\n",
        encoding="utf-8",
    )
    result = import_file(
        empty_db, "woningen", later, ImportOptions(peildatum=date(2025, 7, 1), indelingsjaar=2025)
    )
    assert result.status is ImportStatus.IMPORTED, result.errors
    before = q.stock_per_gemeente(empty_db, date(2025, 1, 1), ["GM9001"])[0]
    after = q.stock_per_gemeente(empty_db, date(2025, 12, 31), ["GM9001"])[0]
    assert (before["woningen"], before["corporatie_sociaal"]) == (10, 3)
    assert (after["woningen"], after["corporatie_sociaal"]) == (10, 2)  # counted once, in its newest version
    assert q.latest_stock_peildatum(empty_db) == date(2025, 7, 1)
    assert q.latest_stock_peildatum(empty_db, date(2025, 6, 30)) == date(2025, 1, 1)


def test_allocations_per_period_group_and_buurt(empty_db: str, tmp_path: Path) -> None:
    data.load(empty_db, tmp_path)
    codes = ["GM9001", "GM9002"]
    first_half = q.allocations_per_group(
        empty_db, date(2026, 1, 1), codes, date(2025, 1, 1), date(2025, 7, 1)
    )
    # ceil(n / 2) of each count lands in the first half-year: 20 -> 10, 3 -> 2, 10 -> 5, 6 -> 3.
    assert [(r["gemeentecode"], r["aandachtsgroep"], r["aantal"]) for r in first_half] == [
        ("GM9001", "dakloos", 10),
        ("GM9001", "statushouder", 2),
        ("GM9002", "dakloos", 5),
        ("GM9002", "statushouder", 3),
    ]
    buurten = q.allocations_per_buurt(
        empty_db, date(2026, 1, 1), "GM9006", date(2024, 1, 1), date(2025, 1, 1)
    )
    assert [(r["buurtcode"], r["aantal"]) for r in buurten] == [
        ("BU90060101", 30),
        ("BU90060102", 10),
        ("BU90060103", 3),
    ]
    # A reference date before the import's peildatum sees nothing yet.
    assert (
        q.allocations_per_group(empty_db, date(2024, 12, 31), codes, date(2025, 1, 1), date(2026, 1, 1)) == []
    )
    assert q.allocations_years(empty_db, "GM9001") == [2023, 2025]


def test_demolitions_pipeline_and_instruments(empty_db: str, tmp_path: Path) -> None:
    data.load(empty_db, tmp_path)
    codes = list(data.GEMEENTEN)
    plans = q.demolitions_per_year(empty_db, date(2025, 1, 1), codes, 2025, 2030)
    assert plans == [{"gemeentecode": "GM9003", "jaar": 2026, "sloop": 1}]  # the renovation is not counted
    assert q.demolitions_per_year(empty_db, date(2025, 1, 1), codes, 2027, 2030) == []
    # Inhabitants of 2024 also serve a period before 2024 (the oldest later figure).
    assert q.inhabitants(empty_db, 2023, ["GM9001"]) == {"GM9001": 1000}
    ordinances = q.ordinances(empty_db, date(2025, 6, 1), codes)
    assert [(r["gemeentecode"], r["vastgesteld_op"]) for r in ordinances] == [
        ("GM9001", date(2024, 1, 1)),
        ("GM9002", date(2023, 1, 1)),
        ("GM9003", date(2026, 3, 1)),
    ]
    visions = q.woonzorgvisies(empty_db, date(2025, 6, 1), codes)
    assert [(r["gemeentecode"], r["geldig_tot"]) for r in visions] == [("GM9001", None), ("GM9002", None)]
    assert [g["gemeentecode"] for g in q.gemeenten(empty_db, 2025, "PV26")] == codes
    assert [b["buurtcode"] for b in q.buurten(empty_db, 2025, "GM9006")] == [
        "BU90060101",
        "BU90060102",
        "BU90060103",
    ]
