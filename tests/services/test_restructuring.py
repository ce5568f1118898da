"""Restructuring plans under municipal direction mixing association and private stock (issue 17,
item 5; ADR 0027). Every figure below is counted by hand from the files.

    GM0363  HS-1 Kop Zeedijk  vastgesteld    complexes L0001/1 (3 dwellings) and L0002/7 (2 dwellings),
                                             private 0363...101 and ...102 (...103 vervallen);
                                             renovatie 100, of which 80 to label B or better; sloop 40
            HS-2 Centrum      in_uitvoering  complex L0001/2 only; renovatie 50, all 50 to label B
            HS-3 Verkenning   verkenning     both stocks, but not adopted: counts nowhere
    GM0599  HS-4 Zuid         vastgesteld    private dwelling only; renovatie 20, verduurzaamd not stated

R8 (adopted plans with both stocks): GM0363 1 of 2 = 50%, GM0599 0 of 1 = 0%, NL 1 of 3.
R3 (renovated to label B or better): GM0363 (80 + 50) / (100 + 50); NL the same over 150 of the 170
renovated dwellings (HS-4 does not say), completeness 150 / 170.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leefbaar.ingest.vocabulary import ImportOptions, ImportResult, ImportStatus
from leefbaar.services import restructuring
from leefbaar.services.imports import import_file
from leefbaar.services.monitor.r1_complexen import r1_complexen
from leefbaar.services.monitor.restructuring import R3_INDICATOR, R8_INDICATOR, restructuring_values

PEILDATUM = date(2025, 12, 31)
_PLAN_HEADER = (
    "plan_id,gemeentecode,naam,gebied,startjaar,eindjaar,status,woningen_sloop,woningen_renovatie,"
    "woningen_nieuwbouw,woningen_verduurzaamd,sociale_huur_voor,middenhuur_voor,koop_voor,"
    "sociale_huur_na,middenhuur_na,koop_na,partijen\n"
)
FILES = [
    (
        "gebieden",
        "code,naam,provinciecode\nGM0363,Amsterdam,PV27\nGM0599,Rotterdam,PV28\n"
        "WK036300,Centrum,\nBU03630001,Kop Zeedijk,\n",
    ),
    (
        "partijen",
        "partij_id,soort,naam,gemeentecode\nGM0363,gemeente,Gemeente Amsterdam,GM0363\n"
        "GM0599,gemeente,Gemeente Rotterdam,GM0599\nL0001,corporatie,Woonstichting X,GM0363\n"
        "L0002,corporatie,Woonstichting Y,GM0363\n",
    ),
    (
        "complexen",
        "corporatie_id,complexnummer,naam,gemeentecode\nL0001,1,Een,GM0363\nL0001,2,Twee,GM0363\n"
        "L0002,7,Zeven,GM0363\n",
    ),
    (
        "woningen",
        "verblijfsobject_id,buurtcode,eigendom,corporatie_id,complexnummer\n"
        "0363010000000001,BU03630001,corporatie,L0001,1\n0363010000000002,BU03630001,corporatie,L0001,1\n"
        "0363010000000003,BU03630001,corporatie,L0001,1\n0363010000000004,BU03630001,corporatie,L0001,2\n"
        "0363010000000007,BU03630001,corporatie,L0002,7\n0363010000000008,BU03630001,corporatie,L0002,7\n"
        "0363010000000101,BU03630001,koop,,\n0363010000000102,BU03630001,koop,,\n",
    ),
    ("conditiemetingen", "corporatie_id,complexnummer,score,meetdatum\nL0001,1,5,2025-03-01\n"),
    (
        "herstructureringsplannen",
        _PLAN_HEADER + "HS-1,GM0363,Kop Zeedijk,WK036300;BU03630001,2025,2030,vastgesteld,40,100,60,80,"
        "120,10,30,100,40,50,L0001;L0002\n"
        "HS-2,GM0363,Centrum,WK036300,2024,2027,in_uitvoering,0,50,0,50,,,,,,,L0001\n"
        "HS-3,GM0363,Verkenning,,2027,2032,verkenning,0,10,0,0,,,,,,,\n"
        "HS-4,GM0599,Zuid,,2025,2029,vastgesteld,0,20,0,,,,,,,,\n",
    ),
    (
        "herstructureringsplan-objecten",
        "plan_id,gemeentecode,voorraad,corporatie_id,complexnummer,verblijfsobject_id,vervallen\n"
        "HS-1,GM0363,corporatie,L0001,1,,\nHS-1,GM0363,corporatie,L0002,7,,\n"
        "HS-1,GM0363,particulier,,,0363010000000101,\nHS-1,GM0363,particulier,,,0363010000000102,nee\n"
        "HS-1,GM0363,particulier,,,0363010000000103,ja\n"
        "HS-2,GM0363,corporatie,L0001,2,,\n"
        "HS-3,GM0363,corporatie,L0001,2,,\nHS-3,GM0363,particulier,,,0363010000000101,\n"
        "HS-4,GM0599,particulier,,,0599010000000001,\n",
    ),
]


def _import(
    url: str, tmp_path: Path, kind: str, content: str, beperkt_tot: str | None = None
) -> ImportResult:
    path = tmp_path / f"{kind}.csv"
    path.write_text(content, encoding="utf-8")
    opts = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025, beperkt_tot=beperkt_tot)
    return import_file(url, kind, path, opts)


def _load(url: str, tmp_path: Path) -> None:
    for kind, content in FILES:
        result = _import(url, tmp_path, kind, content)
        assert result.status is ImportStatus.IMPORTED, (kind, [str(e) for e in result.errors])


def test_a_restructuring_plan_mixing_both_stocks(empty_db: str, tmp_path: Path) -> None:
    _load(empty_db, tmp_path)
    plans = {p.plan_id: p for p in restructuring.gemeente(empty_db, "GM0363", PEILDATUM)}
    assert set(plans) == {"HS-1", "HS-2", "HS-3"}
    hs1 = plans["HS-1"]
    # two complexes with 3 + 2 association dwellings, two private dwellings (the third one vervallen)
    assert (hs1.corporatie_complexen, hs1.corporatie_woningen, hs1.particuliere_woningen) == (2, 5, 2)
    assert hs1.gemengd and hs1.vastgesteld
    assert [c for c, _naam in hs1.complexen] == ["L0001/1", "L0002/7"]
    assert [(m.soort, m.voor, m.na) for m in hs1.mix] == [
        ("sociale_huur", 120, 100),
        ("middenhuur", 10, 40),
        ("koop", 30, 50),
    ]
    assert hs1.gebied == ("WK036300", "BU03630001") and hs1.partijen == ("L0001", "L0002")
    assert (plans["HS-2"].corporatie_woningen, plans["HS-2"].gemengd) == (1, False)
    assert plans["HS-3"].gemengd and not plans["HS-3"].vastgesteld

    values = restructuring_values(
        empty_db, PEILDATUM, {"nationaal", "provincie", "gemeente"}, {"GM0363": "Amsterdam"}
    )
    r8 = values[R8_INDICATOR]
    assert r8[("gemeente", "GM0363", "")].waarde == 50.0
    assert r8[("gemeente", "GM0599", "")].waarde == 0.0
    assert r8[("nationaal", "NL", "")].waarde == pytest.approx(100 / 3)
    assert r8[("provincie", "PV27", "")].kerngetallen == {"vastgestelde_plannen": 2, "met_beide_voorraden": 1}
    assert [b["toelichting"] for b in r8[("gemeente", "GM0363", "")].bewijs] == [
        "Centrum (Amsterdam): alleen corporatievoorraad (1 complex)"
    ]
    r3 = values[R3_INDICATOR]
    assert r3[("gemeente", "GM0363", "")].waarde == pytest.approx(100 * 130 / 150)
    assert ("gemeente", "GM0599", "") not in r3  # renovates, but does not say how sustainably: no data
    national = r3[("nationaal", "NL", "")]
    assert national.waarde == pytest.approx(100 * 130 / 150)
    assert national.volledigheid == pytest.approx(150 / 170)

    # R1: the condition 5 complex L0001/1 is in an adopted plan with demolition: named, not exempt.
    r1 = {c.complexnummer: c for c in r1_complexen(empty_db, "L0001", PEILDATUM)["complexen"]}
    assert (r1["1"].herstructurering, r1["1"].uitzondering) == ("Kop Zeedijk", False)


def test_plans_of_another_municipality_and_unknown_plans_are_refused(empty_db: str, tmp_path: Path) -> None:
    _load(empty_db, tmp_path)
    foreign = _import(
        empty_db,
        tmp_path,
        "herstructureringsplan-objecten",
        "plan_id,gemeentecode,voorraad,verblijfsobject_id\nHS-4,GM0599,particulier,0599010000000002\n",
        beperkt_tot="GM0363",
    )
    assert foreign.status is ImportStatus.REJECTED and foreign.refused_for_ownership
    unknown = _import(
        empty_db,
        tmp_path,
        "herstructureringsplan-objecten",
        "plan_id,gemeentecode,voorraad,corporatie_id,complexnummer,verblijfsobject_id\n"
        "HS-9,GM0363,corporatie,L0001,1,\nHS-1,GM0363,particulier,L0001,1,\n",
    )
    assert unknown.status is ImportStatus.REJECTED
    found = {(e.row, e.column) for e in unknown.errors}
    assert (2, "gemeentecode+plan_id") in found  # no plan HS-9 in Amsterdam
    assert (3, "verblijfsobject_id") in found  # a private object needs its BAG id ...
    assert (3, "corporatie_id") in found  # ... and names no association
