"""The liveability index end to end: real CBS data in, stored scores out, on DuckDB and PostgreSQL."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow.compute as pc
import pytest
import yaml

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import liveability as service
from leefbaar.services.demo import data_path
from leefbaar.services.imports import import_file
from leefbaar.storage import engine as storage_engine
from leefbaar.storage import liveability_runs as q
from tests.storage_fixtures import BACKENDS, Templates, postgres_server_url

OBJ = lv.IndicatorSoort.OBJECTIEF
SUBJ = lv.IndicatorSoort.SUBJECTIEF


def _kwb_2024() -> dict[str, tuple[float, float]]:
    """Inwoners and 65+ per code straight from the shipped CBS file (an independent route)."""
    uit = {}
    with open(data_path("cbs_kwb_2024_bevolking.csv"), encoding="utf-8-sig") as handle:
        for rij in csv.DictReader(handle, delimiter=";"):
            code = rij["Regioaanduiding/Codering (code)"].strip()
            inw, oud = (
                rij["Bevolking/Aantal inwoners (aantal)"],
                rij["Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)"],
            )
            if inw.strip() not in ("", ".") and oud.strip() not in ("", "."):
                uit[code] = (float(inw), float(oud))
    return uit


def _misdrijven() -> dict[str, float]:
    with open(data_path("politie_misdrijven_buurt_2024.csv"), encoding="utf-8") as handle:
        return {r["WijkenEnBuurten"]: float(r["GeregistreerdeMisdrijven_1"]) for r in csv.DictReader(handle)}


def _import(url: str, kind: str, path: Path, indelingsjaar: int = 2025) -> None:
    options = ImportOptions(
        peildatum=date(2025, 1, 1), indelingsjaar=indelingsjaar, bron="test", gebruiker="test"
    )
    result = import_file(url, kind, path, options)
    assert result.status is ImportStatus.IMPORTED, result.errors


def test_index_from_real_cbs_data(tiny_db: str) -> None:
    uitkomst = service.compute(tiny_db, 2024)
    per_niveau = {v.niveau: v for v in uitkomst.niveaus}
    # every area of the 2025 division gets a row: CBS code lists 2025
    assert (per_niveau[Niveau.BUURT].gebieden, per_niveau[Niveau.WIJK].gebieden) == (14_822, 3_504)
    assert per_niveau[Niveau.GEMEENTE].gebieden == 342
    assert "misdrijven_per_1000" in per_niveau[Niveau.BUURT].gebruikt
    assert per_niveau[Niveau.BUURT].niet_gebruikt["afstand_huisarts"] == "niet aangeleverd"

    # the crime rate of a buurt, recomputed from the shipped files: crimes 2024 / inhabitants 2024 * 1000
    kwb, misdrijven = _kwb_2024(), _misdrijven()
    result = uitkomst.resultaten[Niveau.BUURT]
    j = result.indicatoren.index("misdrijven_per_1000")
    for code in ("BU0363AA01", "BU05990110", "BU00140000"):
        verwacht = misdrijven[code] / kwb[code][0] * 1000
        assert result.waarden[result.index(code), j] == pytest.approx(verwacht, rel=1e-6)
    # a gemeente's 65+ share comes from CBS's own gemeente figure, not from its buurten
    gm = uitkomst.resultaten[Niveau.GEMEENTE]
    k = gm.indicatoren.index("aandeel_65_plus")
    assert gm.waarden[gm.index("GM0363"), k] == pytest.approx(
        kwb["GM0363"][1] / kwb["GM0363"][0] * 100, rel=1e-6
    )

    # what is stored is what was computed
    gelezen = service.scores(tiny_db, ["BU0363AA01"], 2024)[0]
    assert gelezen.totaal(OBJ).score == pytest.approx(result.score("BU0363AA01", OBJ))
    assert gelezen.objectief[-1].klasse == lv.klasse_label(
        int(result.klasse[result.index("BU0363AA01"), 0, 5])
    )


def test_suppression_below_100_inhabitants(tiny_db: str) -> None:
    service.compute(tiny_db, 2024)
    kwb = _kwb_2024()
    klein = sorted(c for c, (inw, _) in kwb.items() if c.startswith("BU0363") and inw < 100)
    groot = sorted(c for c, (inw, _) in kwb.items() if c.startswith("BU0363") and inw >= 100)
    gelezen = {g.code: g for g in service.scores(tiny_db, [*klein[:3], *groot[:3]], 2024)}
    assert klein, "Amsterdam heeft buurten met minder dan 100 inwoners"
    for code in klein[:3]:
        assert gelezen[code].onderdrukt and gelezen[code].reden == "minder dan 100 inwoners"
        assert gelezen[code].totaal(OBJ).score is None and gelezen[code].totaal(OBJ).klasse is None
        assert service.explanation(tiny_db, code, 2024).objectief == ()
    for code in groot[:3]:
        assert not gelezen[code].onderdrukt and gelezen[code].totaal(OBJ).score is not None


def test_survey_import_gives_a_separate_subjective_score(tiny_db: str, tmp_path: Path) -> None:
    voor = service.compute(tiny_db, 2024)
    buurten = ["BU0363AA01", "BU0363AA02", "BU0363AA03", "BU0363AA04", "BU0363AA05"]
    cohesie = [5.0, 6.0, 7.0, 8.0, 9.0]
    bestand = tmp_path / "enquete.csv"
    regels = ["regiocode;jaar;indicator;waarde;bron"]
    regels += [
        f"{c};2024;enquete:sociale_cohesie;{w};Wonen en Leven" for c, w in zip(buurten, cohesie, strict=True)
    ]
    regels += [
        f"{c};2024;enquete:veiligheidsgevoel;{w};Wonen en Leven"
        for c, w in zip(buurten, cohesie, strict=True)
    ]
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
    _import(tiny_db, "gebiedsindicatoren", bestand)

    na = service.compute(tiny_db, 2024)
    gelezen = {g.code: g for g in service.scores(tiny_db, [*buurten, "GM0363", "GM0599"], 2024)}
    subj = [gelezen[c].totaal(SUBJ).score for c in buurten if not gelezen[c].onderdrukt]
    assert all(s is not None for s in subj)
    assert subj == sorted(subj)  # more cohesion and safety, higher subjective score
    # aggregated to the gemeente (population-weighted), absent where no survey was held
    assert gelezen["GM0363"].totaal(SUBJ).score is not None
    assert gelezen["GM0599"].totaal(SUBJ).score is None
    # the objective half does not move when a survey arrives: never averaged together
    b0, b1 = voor.resultaten[Niveau.BUURT], na.resultaten[Niveau.BUURT]
    np.testing.assert_array_equal(b0.scores[:, 0, :], b1.scores[:, 0, :])
    toelichting = service.explanation(tiny_db, buurten[-1], 2024)
    assert {b.sleutel for b in toelichting.subjectief} == {"sociale_cohesie", "veiligheidsgevoel"}
    assert all(b.soort is OBJ for b in toelichting.objectief)


def test_explanation_adds_up_to_the_scores(tiny_db: str) -> None:
    uitkomst = service.compute(tiny_db, 2024)
    for code in ("BU0363AA01", "WK0363AA", "GM0599"):
        toelichting = service.explanation(tiny_db, code, 2024)
        assert sum(b.bijdrage_totaal for b in toelichting.objectief) == pytest.approx(
            toelichting.score.totaal(OBJ).score
        )
        niveau = toelichting.score.niveau
        direct = lv.explain(uitkomst.resultaten[niveau], service.load_registry(), code)
        assert [b.zin for b in direct.bijdragen] == [b.zin for b in toelichting.objectief]


def test_history_is_appended(tiny_db: str) -> None:
    eerste = service.compute(tiny_db, 2024)
    tweede = service.compute(tiny_db, 2024, min_inwoners=1000)
    assert tweede.run_id > eerste.run_id
    assert [r["run_id"] for r in q.read_runs(tiny_db, 2024)] == [tweede.run_id, eerste.run_id]
    # both runs are kept whole; readers take the newest
    oud = q.read_scores(tiny_db, [eerste.run_id], niveau="buurt")
    assert oud.num_rows == 14_822 * 2 * 6
    klein = next(c for c, (inw, _) in _kwb_2024().items() if c.startswith("BU0363") and 100 <= inw < 1000)
    assert service.scores(tiny_db, [klein], 2024)[0].reden == "minder dan 1000 inwoners"


def test_concentration_of_allocations_counts_every_allocation(tiny_db: str) -> None:
    rijen = service.concentration_of_allocations(tiny_db, 2024)
    # the demo holds 186 allocations dated 2024, all with a buurtcode
    assert sum(r.toewijzingen for r in rijen) == 186
    assert all(r.toewijzingen_aandachtsgroepen <= r.toewijzingen for r in rijen)


def test_scores_identical_on_both_backends(templates: Templates, tmp_path: Path) -> None:
    if postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    for backend in BACKENDS:
        (tmp_path / backend).mkdir()
    urls = {b: templates.fresh(b, "tiny", tmp_path / b) for b in BACKENDS}
    try:
        tabellen = {}
        for backend, url in urls.items():
            run = service.compute(url, 2024).run_id
            tabellen[backend] = q.read_scores(url, [run])
        a, b = tabellen["duckdb"], tabellen["postgres"]
        assert a.num_rows == b.num_rows
        for kolom in ("code", "soort", "onderdeel", "klasse", "onderdrukt", "reden", "aantal_indicatoren"):
            assert a.column(kolom).to_pylist() == b.column(kolom).to_pylist(), kolom
        for kolom in ("score", "percentiel_landelijk", "percentiel_regio", "inwoners"):
            x = a.column(kolom).to_numpy(zero_copy_only=False).astype(float)
            y = b.column(kolom).to_numpy(zero_copy_only=False).astype(float)
            # DuckDB stores gebiedsindicator.waarde as a 32-bit REAL (1.8 arrives as 1.7999999523);
            # PostgreSQL as a double: scores differ in the sixth decimal, never in rank or class
            np.testing.assert_allclose(x, y, rtol=1e-5, atol=1e-5, equal_nan=True)
    finally:
        for backend, url in urls.items():
            templates.drop(backend, url)


def _crafted_area(url: str, tmp_path: Path) -> list[str]:
    """One gemeente, one wijk, 20 buurten; crime for 2022-2024 (see the test for the pattern)."""
    buurten = [f"BU0001{i:04d}" for i in range(20)]
    gebieden = tmp_path / "gebieden.csv"
    regels = ["code;naam;provinciecode", "GM0001;Testgemeente;PV20", "WK000100;Testwijk;"]
    regels += [f"{c};Buurt {c[-2:]};" for c in buurten]
    gebieden.write_text("\n".join(regels) + "\n", encoding="utf-8")
    _import(url, "gebieden", gebieden)
    misdrijven = {c: {j: 10.0 + 2 * i for j in (2022, 2023, 2024)} for i, c in enumerate(buurten)}
    misdrijven[buurten[0]] = dict.fromkeys((2022, 2023, 2024), 200.0)  # always the worst
    misdrijven[buurten[1]] = dict.fromkeys((2022, 2023, 2024), 150.0)  # always second worst
    misdrijven[buurten[10]] = {2022: 30.0, 2023: 120.0, 2024: 12.0}  # fell, then recovered
    indicatoren = tmp_path / "indicatoren.csv"
    regels = ["regiocode;jaar;indicator;waarde;bron"]
    for i, c in enumerate(buurten):
        inwoners = 50 if i == 19 else 1000
        for j in (2022, 2023, 2024):
            regels.append(f"{c};{j};AantalInwoners;{inwoners};test")
            regels.append(f"{c};{j};GeregistreerdeMisdrijven;{misdrijven[c][j]};test")
    indicatoren.write_text("\n".join(regels) + "\n", encoding="utf-8")
    _import(url, "gebiedsindicatoren", indicatoren)
    return buurten


def test_trends_on_crafted_years(empty_db: str, tmp_path: Path) -> None:
    buurten = _crafted_area(empty_db, tmp_path)
    for jaar in (2022, 2023, 2024):
        service.compute(empty_db, jaar)
    druk = {s.code: s for s in service.structureel_onder_druk(empty_db, Niveau.BUURT)}
    assert {c for c, s in druk.items() if s.ja} == {buurten[0], buurten[1]}
    assert druk[buurten[0]].reden.startswith(
        "objectieve totaalscore in de landelijk laagste 10% van de buurten"
    )
    assert druk[buurten[19]].reden.startswith("onbekend")  # suppressed: 50 inhabitants
    keer = {s.code: s for s in service.trend_turns(empty_db, Niveau.BUURT)}
    assert {c for c, s in keer.items() if s.ja} == {buurten[10]}
    reeks = service.trend(empty_db, buurten[10])
    assert [g.jaar for g in reeks] == [2022, 2023, 2024]
    scores = [g.totaal(OBJ).score for g in reeks]
    assert scores[1] < scores[0] and scores[2] > scores[1]
    # the wijk is aggregated from its buurten: crimes summed over inhabitants summed
    wijk = service.scores(empty_db, ["WK000100"], 2024)[0]
    assert wijk.inwoners == 19 * 1000 + 50


def test_validate_against_own_scores_and_reversed(tiny_db: str, tmp_path: Path) -> None:
    run = service.compute(tiny_db, 2024)
    result = run.resultaten[Niveau.BUURT]
    totaal = result.scores[:, 0, 5]
    woning = result.scores[:, 0, 0]
    geldig = ~np.isnan(totaal) & ~np.isnan(woning)
    codes = np.asarray(result.codes)[geldig][:300]
    bestand = tmp_path / "referentie.csv"
    regels = ["bu_code;lbm;lbm_won;omgekeerd"]
    regels += [
        f"{c};{str(t).replace('.', ',')};{w};{-t}"
        for c, t, w in zip(codes, totaal[geldig][:300], woning[geldig][:300], strict=True)
    ]
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
    uitkomst = service.validate_reference(
        tiny_db, bestand, "bu_code", "lbm", dimension_columns={"woningvoorraad": "lbm_won"}
    )
    per = {v.onderdeel: v for v in uitkomst.vergelijkingen}
    assert per["totaal"].n == 300 and per["totaal"].spearman == pytest.approx(1.0)
    assert per["woningvoorraad"].pearson == pytest.approx(1.0)
    omgekeerd = service.validate_reference(tiny_db, bestand, "bu_code", "omgekeerd")
    assert omgekeerd.vergelijkingen[0].spearman == pytest.approx(-1.0)
    with pytest.raises(service.IndexFout, match=r"'bestaat_niet'.*aanwezige kolommen: bu_code, lbm"):
        service.validate_reference(tiny_db, bestand, "bestaat_niet", "lbm")
    with pytest.raises(service.IndexFout, match="geen enkele code"):
        service.validate_reference(tiny_db, bestand, "bu_code", "lbm", niveau=Niveau.GEMEENTE)


def test_validate_says_why_a_dimension_has_no_score(tiny_db: str, tmp_path: Path) -> None:
    run = service.compute(tiny_db, 2024)
    result = run.resultaten[Niveau.BUURT]
    totaal = result.scores[:, 0, 5]
    geldig = ~np.isnan(totaal)
    bestand = tmp_path / "referentie.csv"
    regels = ["bu_code;lbm"] + [
        f"{c};{t}" for c, t in zip(np.asarray(result.codes)[geldig][:50], totaal[geldig][:50], strict=True)
    ]
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
    uitkomst = service.validate_reference(
        tiny_db, bestand, "bu_code", "lbm", dimension_columns={"fysieke_omgeving": "lbm"}
    )
    per = {v.onderdeel: v for v in uitkomst.vergelijkingen}
    # the shipped data have no population density or address density: no physical-environment score
    assert per["fysieke_omgeving"].n == 0
    assert per["fysieke_omgeving"].reden == (
        "geen objectieve indicator van deze dimensie gebruikt "
        "(bevolkingsdichtheid: niet aangeleverd; omgevingsadressendichtheid: niet aangeleverd)"
    )
    assert per["totaal"].n == 50 and per["totaal"].reden is None


def test_newest_data_year_is_the_default_year(tiny_db: str) -> None:
    assert service.newest_data_year(tiny_db) == 2024


def test_newest_data_year_without_data_is_a_dutch_error(empty_db: str) -> None:
    with pytest.raises(service.IndexFout, match="nog geen indicatorgegevens"):
        service.newest_data_year(empty_db)


def test_calibrate_writes_weights_that_compute_accepts(tiny_db: str, tmp_path: Path) -> None:
    run = service.compute(tiny_db, 2024)
    result = run.resultaten[Niveau.BUURT]
    # a reference driven by crime only: calibration should put (nearly) all weight on it
    j = result.indicatoren.index("misdrijven_per_1000")
    geldig = ~result.onderdrukt & ~np.isnan(result.waarden[:, j])
    bestand = tmp_path / "ref.csv"
    regels = ["code,ref"] + [
        f"{c},{-v}" for c, v in zip(np.asarray(result.codes)[geldig], result.waarden[geldig, j], strict=True)
    ]
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
    uit = tmp_path / "gewichten.yaml"
    kalibratie = service.calibrate_reference(tiny_db, bestand, "code", "ref", uit)
    assert max(kalibratie.gefit, key=lambda k: kalibratie.gefit[k]) == "misdrijven_per_1000"
    assert kalibratie.spearman_gekalibreerd > kalibratie.spearman_standaard
    lv.parse_weights(yaml.safe_load(uit.read_text(encoding="utf-8")), service.load_registry())
    opnieuw = service.compute(tiny_db, 2024, weights_path=uit)
    assert opnieuw.gewichten == "gekalibreerd"


def test_invalid_weights_file_is_refused_in_dutch(tiny_db: str, tmp_path: Path) -> None:
    slecht = tmp_path / "slecht.yaml"
    slecht.write_text("dimensies:\n  woningvoorraad:\n    gewicht: -1\n", encoding="utf-8")
    with pytest.raises(service.IndexFout, match="negatief"):
        service.compute(tiny_db, 2024, weights_path=slecht)


def test_unknown_year_says_what_to_do(tiny_db: str) -> None:
    with pytest.raises(service.IndexFout, match="nog geen index berekend"):
        service.scores(tiny_db, ["BU0363AA01"])
    service.compute(tiny_db, 2024)
    with pytest.raises(service.IndexFout, match="leefbaar index compute --year 2020"):
        service.scores(tiny_db, ["BU0363AA01"], 2020)


def test_stored_tables_have_one_row_per_area_kind_and_part(tiny_db: str) -> None:
    run = service.compute(tiny_db, 2024).run_id
    tabel = q.read_scores(tiny_db, [run], niveau="gemeente")
    assert tabel.num_rows == 342 * 12
    indicatoren = q.read_indicators(tiny_db, run)
    assert indicatoren.num_rows == 3 * len(service.load_registry())
    gebruikt = indicatoren.filter(pc.equal(indicatoren.column("gebruikt"), True))
    assert "gemiddelde_huishoudensgrootte" in gebruikt.column("indicator").to_pylist()
    # the 2021 household size is used for 2024 (within MAX_LEEFTIJD years), and says so
    rij = [
        r
        for r in indicatoren.to_pylist()
        if r["indicator"] == "gemiddelde_huishoudensgrootte" and r["niveau"] == "gemeente"
    ]
    assert (rij[0]["jaar_van"], rij[0]["jaar_tot"]) == (2021, 2021)
    storage_engine.dispose(tiny_db)
