"""End to end on the real open data shipped with the package (CBS KWB 2024, Politie/CBS crime 2024,
CBS KWB 2021 housing per municipality). The files are read here with the csv module, as the services
layer will; the liveability package itself stays pure."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

import leefbaar
import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau, gemeentecode_of
from leefbaar.liveability.scores import onderdeel_index

DATA = Path(leefbaar.__file__).parent / "data"
OVERLAST = onderdeel_index(lv.Dimensie.OVERLAST_ONVEILIGHEID)


def buurt_bevolking() -> dict[str, tuple[float, float]]:
    """Buurtcode -> (inhabitants, inhabitants 65+) from the raw StatLine export."""
    uit: dict[str, tuple[float, float]] = {}
    with (DATA / "cbs_kwb_2024_bevolking.csv").open(encoding="utf-8-sig", newline="") as f:
        lezer = csv.reader(f, delimiter=";")
        kop = next(lezer)
        code = kop.index("Regioaanduiding/Codering (code)")
        inwoners = kop.index("Bevolking/Aantal inwoners (aantal)")
        ouder = kop.index("Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)")
        for rij in lezer:
            if rij[code].strip().startswith("BU"):
                uit[rij[code].strip()] = (float(rij[inwoners]), float(rij[ouder]))
    return uit


def misdrijven() -> dict[str, float]:
    with (DATA / "politie_misdrijven_buurt_2024.csv").open(encoding="utf-8", newline="") as f:
        return {r["WijkenEnBuurten"]: float(r["GeregistreerdeMisdrijven_1"]) for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def buurten(registry: lv.Registry, weights: lv.Weights) -> tuple[lv.IndicatorMatrix, lv.ScoreResult]:
    bevolking, crime = buurt_bevolking(), misdrijven()
    codes = sorted(set(bevolking) & set(crime))  # 2024 population on 2025 crime codes: the intersection
    inwoners = np.array([bevolking[c][0] for c in codes])
    ouder = np.array([bevolking[c][1] for c in codes])
    aantal = np.array([crime[c] for c in codes])
    with np.errstate(divide="ignore", invalid="ignore"):
        waarden = np.column_stack([aantal / inwoners * 1000, ouder / inwoners * 100])
    waarden[~np.isfinite(waarden)] = np.nan
    m = lv.IndicatorMatrix(
        jaar=2024,
        niveau=Niveau.BUURT,
        codes=codes,
        inwoners=inwoners,
        indicatoren=["misdrijven_per_1000", "aandeel_65_plus"],
        waarden=waarden,
        regio=[gemeentecode_of(c) for c in codes],
    )
    return m, lv.compute_scores(m, registry, weights)


def test_buurten_are_scored_or_suppressed_with_reason(
    buurten: tuple[lv.IndicatorMatrix, lv.ScoreResult],
) -> None:
    m, res = buurten
    assert len(res.codes) > 14_000
    klein = m.inwoners < 100
    assert res.onderdrukt.tolist() == klein.tolist()
    assert {res.redenen[i] for i in np.flatnonzero(klein)} == {"minder dan 100 inwoners"}
    gescoord = ~klein
    assert not np.isnan(res.scores[gescoord, 0, onderdeel_index("totaal")]).any()
    assert res.gebruikt == ("misdrijven_per_1000", "aandeel_65_plus")
    assert np.isnan(res.scores[:, 1]).all()  # no survey: no subjective score at all


def test_more_crime_never_a_better_safety_score(buurten: tuple[lv.IndicatorMatrix, lv.ScoreResult]) -> None:
    m, res = buurten
    gescoord = ~res.onderdrukt & ~np.isnan(m.waarden[:, 0])
    rate, score = m.waarden[gescoord, 0], res.scores[gescoord, 0, OVERLAST]
    volgorde = np.argsort(rate, kind="stable")
    assert (np.diff(score[volgorde]) <= 1e-12).all()
    # the national median buurt sits at 0, by construction of the robust z-score
    assert np.median(score) == pytest.approx(0.0, abs=1e-9)


def test_percentiles_and_classes_cover_the_country(
    buurten: tuple[lv.IndicatorMatrix, lv.ScoreResult],
) -> None:
    _, res = buurten
    totaal = onderdeel_index("totaal")
    pct = res.percentiel_landelijk[~res.onderdrukt, 0, totaal]
    assert pct.min() > 0 and pct.max() < 100
    assert pct.mean() == pytest.approx(50.0, abs=1e-6)  # mid-rank percentiles always average 50
    klassen = np.bincount(res.klasse[~res.onderdrukt, 0, totaal], minlength=9)
    assert klassen.sum() == (~res.onderdrukt).sum()
    assert (klassen > 0).all()  # a skewed national distribution still fills every class
    s = res.gestandaardiseerd[~res.onderdrukt, 0, totaal]
    k = res.klasse[~res.onderdrukt, 0, totaal]
    grenzen = [-np.inf, *lv.KLASSEGRENZEN, np.inf]
    for c in range(9):
        assert ((s[k == c] >= grenzen[c]) & (s[k == c] < grenzen[c + 1])).all()


def test_gemeenten_2021_housing(registry: lv.Registry, weights: lv.Weights) -> None:
    with (DATA / "cbs_kwb_2021_gemeente_wonen.csv").open(encoding="utf-8", newline="") as f:
        rijen = list(csv.DictReader(f))

    def kolom(naam: str) -> np.ndarray:
        return np.array([float(r[naam]) if r[naam] else np.nan for r in rijen])

    m = lv.IndicatorMatrix(
        jaar=2021,
        niveau=Niveau.GEMEENTE,
        codes=[r["gemeentecode"] for r in rijen],
        inwoners=kolom("inwoners_2021"),
        indicatoren=["percentage_onbewoond", "gemiddelde_huishoudensgrootte"],
        waarden=np.column_stack([kolom("onbewoond_pct"), kolom("gemiddelde_huishoudensgrootte")]),
        regio=[r["provinciecode"] for r in rijen],
    )
    res = lv.compute_scores(m, registry, weights)
    assert len(res.codes) == 342 and not res.onderdrukt.any()
    # an independent check of one score: Groningen's woningvoorraad is its vacancy z-score alone
    onbewoond = kolom("onbewoond_pct")
    q25, q50, q75 = np.nanpercentile(onbewoond, [25, 50, 75])
    i = res.index("GM0014")
    verwacht = np.clip(-(onbewoond[i] - q50) / ((q75 - q25) / 1.349), -3, 3)
    assert res.scores[i, 0, onderdeel_index(lv.Dimensie.WONINGVOORRAAD)] == pytest.approx(verwacht)
    uitleg = lv.explain(res, registry, "GM0014")
    assert {b.sleutel for b in uitleg.bijdragen} == {"percentage_onbewoond", "gemiddelde_huishoudensgrootte"}
