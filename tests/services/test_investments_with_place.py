"""Investments with a place and a payer, "extra" against a baseline, and outcomes beside the euros
(issue 17, item 1 and 2; ADR 0025). Every figure below is computed by hand from the files.

Parties: GM0363 and GM0599 (gemeenten), L0001 (corporatie, in both), L0002 (corporatie, GM0363 only),
ZP0001 (zorgpartner). Year 2025, R2 themes.

    L0001  vocht_schimmel  regulier 3.000.000 in GM0363, 1.000.000 in GM0599; extra 400.000 in GM0363
           baseline vocht_schimmel 2021: 3.600.000  -> spent 4.400.000, extra 800.000,
           spread by spending: GM0363 800.000 * 3.4/4.4, GM0599 800.000 * 1.0/4.4
           lood: extra 100.000 in GM0599, no baseline -> declared 100.000 (all in GM0599)
    L0002  asbest extra 250.000 in GM0363 (buurt BU03630001), no baseline -> 250.000 in GM0363
    GM0363 vocht_schimmel regulier 900.000 in GM0363: a municipality, never in the national sum
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.domain.housing import R2_THEMAS
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.rules.loader import load_agreement
from leefbaar.services import investments
from leefbaar.services.imports import import_file
from leefbaar.services.monitor.investments import investment_values, local_investment
from leefbaar.services.monitor.scopes import Scope
from tests.services.test_monitor_data import local_agreement
from tests.storage_fixtures import BACKENDS, Templates, postgres_server_url

PEILDATUM = date(2025, 12, 31)
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
        "L0002,corporatie,Woonstichting Y,GM0363\nZP0001,zorgpartner,Zorg Amsterdam,GM0363\n",
    ),
    (
        "complexen",
        "corporatie_id,complexnummer,naam,gemeentecode\nL0001,1,Een,GM0363\nL0001,2,Twee,GM0599\n"
        "L0002,7,Zeven,GM0363\n",
    ),
    (
        "investeringen",
        "partij_id,jaar,thema,soort,bedrag_eur,gemeentecode,buurtcode,complexnummer\n"
        "L0001,2025,vocht_schimmel,regulier,3000000,GM0363,,1\n"
        "L0001,2025,vocht_schimmel,regulier,1000000,GM0599,,2\n"
        "L0001,2025,vocht_schimmel,extra,400000,GM0363,,\n"
        "L0001,2025,lood,extra,100000,GM0599,,\n"
        "L0002,2025,asbest,extra,250000,GM0363,BU03630001,7\n"
        "GM0363,2025,vocht_schimmel,regulier,900000,GM0363,,\n",
    ),
    (
        "investeringsbasislijnen",
        "partij_id,thema,referentiejaar,bedrag_eur\nL0001,vocht_schimmel,2021,3600000\n",
    ),
    (
        "gebreken",
        "gebrek_id,corporatie_id,complexnummer,verblijfsobject_id,soort,geconstateerd_op,opgelost_op\n"
        # open during 2025 and resolved in it: counts, resolved
        "G1,L0001,1,0363010000000001,vocht_schimmel,2024-11-01,2025-03-01\n"
        # two defects of one dwelling, one still open: one unit, not resolved
        "G2,L0001,1,0363010000000002,vocht_schimmel,2025-02-01,2025-04-01\n"
        "G3,L0001,1,0363010000000002,vocht_schimmel,2025-05-01,\n"
        # resolved before 2025: not in the year
        "G4,L0001,1,0363010000000003,vocht_schimmel,2023-01-01,2024-06-01\n"
        # a whole complex in GM0599: one unit, resolved
        "G5,L0001,2,,vocht_schimmel,2025-01-10,2025-09-01\n"
        # another association in GM0363, lead, open
        "G6,L0002,7,0363010000000009,lood,2025-06-01,\n",
    ),
]


@pytest.fixture(scope="module", params=BACKENDS)
def investments_db(
    request: pytest.FixtureRequest, templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The files above, imported once per backend; the tests only read (a refused file changes nothing)."""
    backend = request.param
    if backend == "postgres" and postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    tmp_path = tmp_path_factory.mktemp("investeringen")
    url = templates.fresh(backend, "empty", tmp_path)
    _load(url, tmp_path)
    yield url
    templates.drop(backend, url)


def _load(url: str, tmp_path: Path) -> None:
    options = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025, bron="test", gebruiker="test")
    for index, (kind, content) in enumerate(FILES):
        path = tmp_path / f"{index:02d}-{kind}.csv"
        path.write_text(content, encoding="utf-8")
        result = import_file(url, kind, path, options)
        assert result.status is ImportStatus.IMPORTED, (kind, [str(e) for e in result.errors])


STOCK = {"L0001": 100, "L0002": 50}  # the fair-share weights play no part here


def test_extra_per_association_place_and_nation(investments_db: str) -> None:
    empty_db = investments_db
    values = investment_values(empty_db, PEILDATUM, R2_THEMAS, {}, stock=STOCK)
    l1 = values[("corporatie", "L0001", "")]
    assert l1.waarde == pytest.approx(800_000 + 100_000)
    assert l1.kerngetallen["basislijn_per_thema"] == {
        "vocht_schimmel": {"referentiejaar": 2021, "bedrag": 3_600_000}
    }
    assert l1.extra["per_gemeente"] == pytest.approx(
        {"GM0363": 800_000 * 3.4 / 4.4, "GM0599": 800_000 * 1.0 / 4.4 + 100_000}
    )
    assert "besteed € 4,4 mln, basislijn € 3,6 mln (2021), extra € 800.000" in (l1.zin or "")
    assert "lood: opgegeven extra € 100.000 (geen basislijn)" in (l1.zin or "")
    assert values[("corporatie", "L0002", "")].waarde == pytest.approx(250_000)
    # The nation counts associations only: the municipality's 900.000 is beside it, never in it.
    national = values[("nationaal", "NL", "")]
    assert national.waarde == pytest.approx(900_000 + 250_000)
    assert national.kerngetallen["gemeenten_zelf"] == pytest.approx(900_000)
    assert national.kerngetallen["corporaties_met_basislijn"] == 1
    # A municipality's figure is what was invested in it, nothing double-counted: the two places of
    # L0001 add up to its own total.
    gm0363 = values[("gemeente", "GM0363", "")].waarde
    gm0599 = values[("gemeente", "GM0599", "")].waarde
    assert gm0363 == pytest.approx(800_000 * 3.4 / 4.4 + 250_000)
    assert gm0599 == pytest.approx(800_000 / 4.4 + 100_000)
    assert (gm0363 or 0) + (gm0599 or 0) == pytest.approx(national.waarde)


def test_a_local_agreement_counts_what_was_invested_in_its_municipality(investments_db: str) -> None:
    values = investment_values(investments_db, PEILDATUM, R2_THEMAS, {}, stock=STOCK)
    parsed = load_agreement(
        local_agreement("PA-R", "GM0599", ("GM0599", "L0001", "L0002"), 2024, 2027), "test"
    )
    agreement = parsed.agreement
    assert agreement is not None, parsed.fouten
    gemeente = local_investment(agreement, Scope(ScopeSoort.GEMEENTE, "GM0599"), values)
    assert gemeente is not None
    # L0001's share in Rotterdam only (not its nationwide 900.000); L0002 reported, spent nothing there.
    assert gemeente.waarde == pytest.approx(800_000 / 4.4 + 100_000)
    corporatie = local_investment(agreement, Scope(ScopeSoort.CORPORATIE, "L0002"), values)
    assert corporatie is not None and corporatie.waarde == 0


def test_money_and_outcomes_overview(investments_db: str) -> None:
    empty_db = investments_db
    l1 = {r.thema: r for r in investments.corporatie(empty_db, "L0001", PEILDATUM).regels}
    assert l1["vocht_schimmel"].extra_eur == pytest.approx(800_000)
    assert l1["vocht_schimmel"].besteed_eur == pytest.approx(4_400_000)
    assert (l1["vocht_schimmel"].basislijn_eur, l1["vocht_schimmel"].basislijn_jaar) == (3_600_000, 2021)
    # Units with a damp risk during 2025: dwelling 1 (resolved), dwelling 2 (still open), the whole
    # complex 2 (resolved); dwelling 3 was resolved in 2024.
    assert (l1["vocht_schimmel"].met_risico, l1["vocht_schimmel"].opgelost) == (3, 2)
    assert l1["buurtkamers"].met_risico is None  # an R5 theme has no risk
    gm = {r.thema: r for r in investments.gemeente(empty_db, "GM0363", PEILDATUM).regels}
    assert gm["vocht_schimmel"].extra_eur == pytest.approx(800_000 * 3.4 / 4.4)
    assert gm["vocht_schimmel"].gemeente_zelf_eur == pytest.approx(900_000)
    assert (gm["vocht_schimmel"].met_risico, gm["vocht_schimmel"].opgelost) == (2, 1)
    assert (gm["lood"].met_risico, gm["lood"].opgelost) == (1, 0)
    assert gm["asbest"].extra_eur == pytest.approx(250_000)


def test_a_place_outside_the_municipality_and_a_wrong_payer_are_refused(
    investments_db: str, tmp_path: Path
) -> None:
    empty_db = investments_db
    path = tmp_path / "fout.csv"
    path.write_text(
        "partij_id,jaar,thema,soort,bedrag_eur,gemeentecode,buurtcode,complexnummer\n"
        "L0001,2025,lood,extra,1,GM0599,BU03630001,\n"  # a buurt of Amsterdam under Rotterdam
        "ZP0001,2025,lood,extra,1,GM0363,,\n"  # a care partner does not invest
        "GM0363,2025,lood,extra,1,GM0363,,1\n",  # a municipality has no complexes
        encoding="utf-8",
    )
    options = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025)
    result = import_file(empty_db, "investeringen", path, options)
    assert result.status is ImportStatus.REJECTED
    found = {(e.row, e.column, e.reason) for e in result.errors}
    assert (2, "buurtcode", "ligt niet in de gemeente van kolom gemeentecode") in found
    assert (3, "partij_id", "deze partij is geen corporatie of gemeente") in found
    assert any(row == 4 and "complex" in reason for row, _col, reason in found)
