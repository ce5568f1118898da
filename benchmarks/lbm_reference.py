"""The Leefbaarometer reference extracts of the province of Utrecht, as indicator matrices.

Two cases, both on real files: the reference extract (``leefbaarometer-utrecht``: CBS KWB 2022 and
Leefbaarometer 2020 and 2024 scores of the buurten of the province of Utrecht, with a SOURCE.md
giving origin and licence) and the files the product ships (``src/leefbaar/data/``). The extract
comes from public repositories and is kept as shared data beside the repository
(``../shared/data/leefbaarometer-utrecht/``); a copy in ``tests/liveability/data/`` is used first.
Without it the tests that need it are skipped, saying so.

- ``case_2020``: CBS Kerncijfers wijken en buurten 2022 (with the CBS nearness figures) of the 969
  buurten, against the Leefbaarometer 3.0 scores of 2020 (overall score and four dimensions; the
  source left out *woningvoorraad*). This is the comparison of issue 18.
- ``case_2024``: what ``index compute --year 2024`` would use for these buurten (KWB 2022 housing and
  nearness, KWB 2024 inhabitants and age, registered crime 2024, population density from the area of
  each buurt), against the Leefbaarometer scores of 2024 (overall score and all five dimensions).

Buurten are split for honest validation: the default weights were chosen looking only at the buurten
of gemeenten with an even CBS code (``ontwikkel``); ``toets`` are the buurten of gemeenten with an
odd code, never looked at while choosing.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from leefbaar.domain.regions import Niveau
from leefbaar.liveability import TOTAAL, IndicatorMatrix

_REPO = Path(__file__).parents[1]
SHIPPED = _REPO / "src" / "leefbaar" / "data"
#: Where the reference extract is looked for, in order.
#: Where the extract may be: LEEFBAAR_LBM_EXTRACT, or beside the repository (it is not shipped: its
#: Leefbaarometer scores come from public copies whose licence is not stated, see docs/liveability.md).
PLAATSEN = tuple(
    Path(p)
    for p in (
        os.environ.get("LEEFBAAR_LBM_EXTRACT", ""),
        _REPO.parent / "shared" / "data" / "leefbaarometer-utrecht",
    )
    if str(p)
)
BESTANDEN = ("cbs_kwb_2022_utrecht.csv", "leefbaarometer_2020_utrecht.csv", "leefbaarometer_2024_utrecht.csv")


def data_dir() -> Path | None:
    """The first place that holds all three files of the extract, or None."""
    return next((p for p in PLAATSEN if all((p / b).is_file() for b in BESTANDEN)), None)


def _data() -> Path:
    plaats = data_dir()
    if plaats is None:
        raise FileNotFoundError(f"referentie-extract niet gevonden in {', '.join(map(str, PLAATSEN))}")
    return plaats


FloatArray = npt.NDArray[np.float64]

#: KWB column (as in the extract) per registry indicator.
KWB_KOLOMMEN = {
    "aandeel_bouwjaar_vanaf_2000": "BouwjaarVanaf2000",
    "aandeel_eengezinswoningen": "PercentageEengezinswoning",
    "percentage_onbewoond": "PercentageOnbewoond",
    "gemiddelde_woz_waarde": "GemiddeldeWOZWaardeVanWoningen",
    "afstand_grote_supermarkt": "AfstandTotGroteSupermarkt",
    "afstand_kinderdagverblijf": "AfstandTotKinderdagverblijf",
    "gemiddelde_huishoudensgrootte": "GemiddeldeHuishoudensgrootte",
}
#: Leefbaarometer columns per part, per edition.
LBM_2020 = {TOTAAL: "lbm", "fysieke_omgeving": "fys", "overlast_onveiligheid": "onv"}
LBM_2020 |= {"sociale_samenhang": "soc", "voorzieningen": "vrz"}
LBM_2024 = {TOTAAL: "afw", "woningvoorraad": "won", "fysieke_omgeving": "fys", "voorzieningen": "vrz"}
LBM_2024 |= {"sociale_samenhang": "soc", "overlast_onveiligheid": "onv"}


@dataclass(frozen=True)
class Case:
    """An indicator matrix and the Leefbaarometer scores of the same buurten (aligned by row)."""

    matrix: IndicatorMatrix
    referentie: dict[str, FloatArray]
    ontwikkel: npt.NDArray[np.bool_]

    @property
    def codes(self) -> list[str]:
        return list(self.matrix.codes)


def _getal(tekst: str | None) -> float:
    tekst = (tekst or "").strip()
    try:
        return float(tekst)
    except ValueError:  # CBS writes "." for unknown
        return float("nan")


def _rows(path: Path, delimiter: str = ";") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def ontwikkelset(codes: list[str]) -> npt.NDArray[np.bool_]:
    """True for buurten of gemeenten with an even CBS code (the set the weights were chosen on)."""
    return np.array([int(code[2:6]) % 2 == 0 for code in codes])


def _kwb_2022() -> dict[str, dict[str, str]]:
    return {r["Codering"]: r for r in _rows(_data() / "cbs_kwb_2022_utrecht.csv")}


def _oppervlakte_en_lbm_2024() -> tuple[dict[str, float], dict[str, dict[str, str]]]:
    rows = _rows(_data() / "leefbaarometer_2024_utrecht.csv")
    return {r["bu_code"]: _getal(r["oppervlakte_km2"]) for r in rows}, {r["bu_code"]: r for r in rows}


def _referentie(
    rows: dict[str, dict[str, str]], codes: list[str], kolommen: dict[str, str]
) -> dict[str, FloatArray]:
    return {
        deel: np.array([_getal(rows[c][kolom]) if c in rows else np.nan for c in codes])
        for deel, kolom in kolommen.items()
    }


def case_2020() -> Case:
    """KWB 2022 of the Utrecht buurten against the Leefbaarometer 3.0 scores of 2020."""
    kwb = _kwb_2022()
    oppervlakte, _ = _oppervlakte_en_lbm_2024()
    codes = sorted(kwb)
    inwoners = np.array([_getal(kwb[c]["AantalInwoners"]) for c in codes])
    sleutels = [*KWB_KOLOMMEN, "bevolkingsdichtheid"]
    waarden = np.column_stack(
        [
            *[np.array([_getal(kwb[c][kolom]) for c in codes]) for kolom in KWB_KOLOMMEN.values()],
            inwoners / np.array([oppervlakte.get(c, np.nan) for c in codes]),
        ]
    )
    regio = [c[:6].replace("BU", "GM") for c in codes]
    matrix = IndicatorMatrix(2022, Niveau.BUURT, codes, inwoners, sleutels, waarden, regio=regio)
    lbm = {r["bu_code"]: r for r in _rows(_data() / "leefbaarometer_2020_utrecht.csv")}
    return Case(matrix, _referentie(lbm, codes, LBM_2020), ontwikkelset(codes))


def _bevolking_2024() -> dict[str, tuple[float, float]]:
    """Inhabitants and inhabitants of 65 or older per buurt, from the shipped CBS 2024 file."""
    uit = {}
    for r in _rows(SHIPPED / "cbs_kwb_2024_bevolking.csv"):
        code = r["Regioaanduiding/Codering (code)"].strip()
        if code.startswith("BU"):
            uit[code] = (
                _getal(r["Bevolking/Aantal inwoners (aantal)"]),
                _getal(r["Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)"]),
            )
    return uit


def case_2024() -> Case:
    """The data ``index compute --year 2024`` would use, against the Leefbaarometer scores of 2024."""
    kwb = _kwb_2022()
    oppervlakte, lbm = _oppervlakte_en_lbm_2024()
    bevolking = _bevolking_2024()
    misdrijven = {
        r["WijkenEnBuurten"]: _getal(r["GeregistreerdeMisdrijven_1"])
        for r in _rows(SHIPPED / "politie_misdrijven_buurt_2024.csv", delimiter=",")
    }
    codes = sorted(lbm)
    inwoners = np.array([bevolking.get(c, (np.nan, np.nan))[0] for c in codes])
    plus65 = np.array([bevolking.get(c, (np.nan, np.nan))[1] for c in codes])
    sleutels = [
        *KWB_KOLOMMEN,
        "bevolkingsdichtheid",
        "aandeel_65_plus",
        "misdrijven_per_1000",
        "misdrijven_per_km2",
    ]
    # Housing and nearness: the newest KWB within three years (2022), matched on unchanged codes.
    kolommen = [
        np.array([_getal(kwb[c][kolom]) if c in kwb else np.nan for c in codes])
        for kolom in KWB_KOLOMMEN.values()
    ]
    km2 = np.array([oppervlakte[c] for c in codes])
    aantal = np.array([misdrijven.get(c, np.nan) for c in codes])
    with np.errstate(divide="ignore", invalid="ignore"):
        waarden = np.column_stack(
            [*kolommen, inwoners / km2, plus65 / inwoners * 100, aantal / inwoners * 1000, aantal / km2]
        )
    waarden[~np.isfinite(waarden)] = np.nan
    regio = [c[:6].replace("BU", "GM") for c in codes]
    matrix = IndicatorMatrix(2024, Niveau.BUURT, codes, inwoners, sleutels, waarden, regio=regio)
    return Case(matrix, _referentie(lbm, codes, LBM_2024), ontwikkelset(codes))
