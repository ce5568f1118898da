"""Liveability index use cases: compute and store the Leefbaar-index, read scores and explanations,
trends, areas "structureel onder druk", trend turns (R6), allocation concentration (R9), validation
against a reference file and calibration of the weights.

The pure package :mod:`leefbaar.liveability` does the arithmetic; this module reads the registry and
weights files, asks storage for the indicator values (set-based, as Arrow), turns them into numpy
matrices per level and stores the results append-only. Faces call only the functions listed in
``__all__``. See docs/liveability.md.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import yaml

import leefbaar.liveability as lv
from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.imports import FileError
from leefbaar.domain.regions import Niveau
from leefbaar.homes.concentration import Concentratiedrempel, ConcentratieRij, concentration
from leefbaar.ingest.readers import read_table_file
from leefbaar.liveability.classes import KLASSEN
from leefbaar.liveability.scores import match_codes
from leefbaar.storage import liveability_queries as q

__all__ = [
    "NIVEAUS",
    "Berekening",
    "Gebiedsscore",
    "Gebiedstoelichting",
    "IndexFout",
    "Onderdeelscore",
    "Signaal",
    "Validatie",
    "calibrate_reference",
    "compute",
    "concentration_of_allocations",
    "explanation",
    "load_registry",
    "load_weights",
    "newest_data_year",
    "scores",
    "structureel_onder_druk",
    "trend",
    "trend_turns",
    "validate_reference",
]

#: Levels the index is computed for, smallest first.
NIVEAUS: tuple[Niveau, ...] = (Niveau.BUURT, Niveau.WIJK, Niveau.GEMEENTE)
#: How many years back a source value may be (newest year within [jaar - this, jaar] is used).
MAX_LEEFTIJD = 3
#: Allocations that do not count as priority-group allocations in the concentration (R9).
NIET_AANDACHTSGROEP = (Aandachtsgroep.OVERIG,)

Progress = Callable[[str], None]


class IndexFout(ValueError):
    """A request the index cannot answer; the message is Dutch and says what to do."""


# --------------------------------------------------------------------------------------------------
# Files


def load_registry() -> lv.Registry:
    """The shipped indicator registry."""
    tekst = (resources.files("leefbaar.liveability") / lv.REGISTER_BESTAND).read_text(encoding="utf-8")
    return lv.parse_registry(yaml.safe_load(tekst))


def load_weights(registry: lv.Registry, path: Path | None = None) -> tuple[lv.Weights, str]:
    """The weights (the shipped defaults, or a file) and the file's YAML text; IndexFout when invalid."""
    if path is None:
        tekst = (resources.files("leefbaar.liveability") / lv.GEWICHTEN_BESTAND).read_text(encoding="utf-8")
    else:
        try:
            tekst = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise IndexFout(f"gewichtenbestand '{path}' kan niet worden gelezen: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(tekst)
    except yaml.YAMLError as exc:
        raise IndexFout(f"gewichtenbestand '{path}' is geen geldige YAML: {exc}") from exc
    try:
        return lv.parse_weights(data, registry), tekst
    except lv.RegistryError as exc:
        raise IndexFout(f"gewichtenbestand '{path}' is ongeldig: " + "; ".join(exc.fouten)) from exc


# --------------------------------------------------------------------------------------------------
# Building the matrices


@dataclass(frozen=True)
class Invoer:
    """The indicator matrices of one year on one division, and the data years used per indicator."""

    jaar: int
    indelingsjaar: int
    matrices: Mapping[Niveau, lv.IndicatorMatrix]
    jaren: Mapping[tuple[str, str], tuple[int, int]]


def _bronnen(registry: lv.Registry) -> list[q.Bron]:
    uit = []
    for indicator in registry:
        if indicator.bron.startswith(lv.registry.BRON_LEEFBAAR):
            continue
        noemer = q.normalised_name(indicator.noemer) if indicator.noemer else None
        uit.append(q.Bron(indicator.sleutel, q.normalised_name(indicator.bron), noemer, indicator.factor))
    return uit


def _kies_indelingsjaar(url: str, indelingsjaar: int | None) -> int:
    jaren = q.division_years(url)
    if not jaren:
        raise IndexFout("de database bevat geen gebiedsindeling; importeer eerst de CBS-gebiedscodes")
    if indelingsjaar is None:
        return jaren[-1]
    if indelingsjaar not in jaren:
        raise IndexFout(
            f"indelingsjaar {indelingsjaar} staat niet in de database; beschikbaar: {', '.join(map(str, jaren))}"
        )
    return indelingsjaar


def newest_data_year(url: str) -> int:
    """The newest year with indicator data (what ``index compute`` takes without a year)."""
    jaren = q.data_years(url)
    if not jaren:
        raise IndexFout("de database bevat nog geen indicatorgegevens; importeer eerst CBS-kerncijfers")
    return jaren[-1]


def build_input(url: str, jaar: int, registry: lv.Registry, indelingsjaar: int | None = None) -> Invoer:
    """Indicator matrices per level for ``jaar`` on the division ``indelingsjaar`` (default: newest)."""
    d = _kies_indelingsjaar(url, indelingsjaar)
    bronnen = _bronnen(registry)
    nodig = {q.INWONERS} | {b.bron for b in bronnen} | {b.noemer for b in bronnen if b.noemer}
    namen = {n: q.normalised_name(n) for n in q.indicator_names(url) if q.normalised_name(n) in nodig}
    lang = q.indicator_values(url, jaar, d, jaar - MAX_LEEFTIJD, bronnen, namen)
    eigen = q.own_indicators(url, d, date(jaar + 1, 1, 1))
    gebieden = q.areas(url, d)
    eigen_kolommen = {
        i.sleutel: i.bron.removeprefix(lv.registry.BRON_LEEFBAAR)
        for i in registry
        if i.bron.startswith(lv.registry.BRON_LEEFBAAR)
        and i.bron.removeprefix(lv.registry.BRON_LEEFBAAR) in eigen.column_names
    }
    matrices: dict[Niveau, lv.IndicatorMatrix] = {}
    for niveau in NIVEAUS:
        matrices[niveau] = _matrix(jaar, niveau, gebieden, lang, eigen, eigen_kolommen, registry)
    jaren = _jaren(lang, eigen, eigen_kolommen, jaar)
    return Invoer(jaar, d, matrices, jaren)


def _matrix(
    jaar: int,
    niveau: Niveau,
    gebieden: pa.Table,
    lang: pa.Table,
    eigen: pa.Table,
    eigen_kolommen: Mapping[str, str],
    registry: lv.Registry,
) -> lv.IndicatorMatrix:
    """Pivot the long values and the own indicators of one level into an IndicatorMatrix (vectorised)."""
    deel = gebieden.filter(pc.equal(gebieden.column("niveau"), niveau.value))
    codes: list[str] = [str(c) for c in deel.column("code").to_pylist()]
    regio = [r or "" for r in deel.column("regio").to_pylist()]
    rijen = lang.filter(pc.equal(lang.column("niveau"), niveau.value))
    sleutels_lang = rijen.column("sleutel").to_numpy(zero_copy_only=False).astype(str)
    aanwezig = set(np.unique(sleutels_lang).tolist()) if rijen.num_rows else set()
    eigen_deel = eigen.filter(pc.equal(eigen.column("niveau"), niveau.value))
    eigen_aanwezig = {
        k
        for k, kolom in eigen_kolommen.items()
        if eigen_deel.num_rows and eigen_deel.column(kolom).null_count < eigen_deel.num_rows
    }
    sleutels = [i.sleutel for i in registry if i.sleutel in aanwezig or i.sleutel in eigen_aanwezig]
    kolom_van = {k: j for j, k in enumerate(sleutels)}
    waarden = np.full((len(codes), len(sleutels)), np.nan)
    inwoners = np.full(len(codes), np.nan)
    if rijen.num_rows:
        rij, gevonden = match_codes(codes, rijen.column("code").to_pylist())
        w = rijen.column("waarde").to_numpy(zero_copy_only=False).astype(np.float64)
        is_inw = sleutels_lang == q.INWONERS_SLEUTEL
        inwoners[rij[gevonden & is_inw]] = w[gevonden & is_inw]
        uniek, terug = np.unique(sleutels_lang, return_inverse=True)
        kolom = np.array([kolom_van.get(str(s), -1) for s in uniek], dtype=np.int64)[terug]
        ok = gevonden & (kolom >= 0)
        waarden[rij[ok], kolom[ok]] = w[ok]
    if eigen_deel.num_rows and eigen_aanwezig:
        rij, gevonden = match_codes(codes, eigen_deel.column("code").to_pylist())
        for sleutel in eigen_aanwezig:
            w = eigen_deel.column(eigen_kolommen[sleutel]).to_numpy(zero_copy_only=False).astype(np.float64)
            waarden[rij[gevonden], kolom_van[sleutel]] = w[gevonden]
    return lv.IndicatorMatrix(
        jaar=jaar,
        niveau=niveau,
        codes=codes,
        inwoners=inwoners,
        indicatoren=sleutels,
        waarden=waarden,
        regio=regio,
    )


def _jaren(
    lang: pa.Table, eigen: pa.Table, eigen_kolommen: Mapping[str, str], jaar: int
) -> dict[tuple[str, str], tuple[int, int]]:
    """Oldest and newest data year per (niveau, indicator key)."""
    uit: dict[tuple[str, str], tuple[int, int]] = {}
    if lang.num_rows:
        groep = lang.group_by(["niveau", "sleutel"]).aggregate([("jaar", "min"), ("jaar", "max")])
        for n, s, a, b in zip(*(groep.column(c).to_pylist() for c in groep.column_names), strict=True):
            uit[(str(n), str(s))] = (int(a), int(b))
    for niveau in {str(n) for n in eigen.column("niveau").to_pylist()}:
        for sleutel in eigen_kolommen:
            uit[(niveau, sleutel)] = (jaar, jaar)
    return uit


# --------------------------------------------------------------------------------------------------
# Compute and store


@dataclass(frozen=True)
class Niveauverslag:
    """What a run did for one level."""

    niveau: Niveau
    gebieden: int
    gescoord: int
    onderdrukt: int
    gebruikt: tuple[str, ...]
    niet_gebruikt: Mapping[str, str]


@dataclass(frozen=True)
class Berekening:
    """Outcome of :func:`compute`: the stored run and a report per level."""

    run_id: int
    jaar: int
    indelingsjaar: int
    gewichten: str
    niveaus: tuple[Niveauverslag, ...]
    resultaten: Mapping[Niveau, lv.ScoreResult]


def compute(
    url: str,
    jaar: int,
    *,
    weights_path: Path | None = None,
    indelingsjaar: int | None = None,
    min_inwoners: float = lv.MIN_INWONERS,
    gebruiker: str | None = None,
    progress: Progress | None = None,
) -> Berekening:
    """Compute the index for ``jaar`` (all levels) and store it as a new run; returns the run and report."""
    melden = progress or (lambda _s: None)
    registry = load_registry()
    weights, tekst = load_weights(registry, weights_path)
    melden("gegevens lezen")
    invoer = build_input(url, jaar, registry, indelingsjaar)
    resultaten: dict[Niveau, lv.ScoreResult] = {}
    verslagen: list[Niveauverslag] = []
    tabellen: dict[str, list[pa.Table]] = {"leefbaarheid_indicator": [], "leefbaarheid_score": []}
    tabellen["leefbaarheid_bijdrage"] = []
    for niveau in NIVEAUS:
        melden(f"{niveau.value} berekenen")
        result = lv.compute_scores(invoer.matrices[niveau], registry, weights, min_inwoners=min_inwoners)
        resultaten[niveau] = result
        regio = invoer.matrices[niveau].regio
        tabellen["leefbaarheid_score"].append(_score_rows(result, invoer.indelingsjaar, regio))
        tabellen["leefbaarheid_bijdrage"].append(_contribution_rows(result))
        tabellen["leefbaarheid_indicator"].append(_indicator_rows(result, registry, invoer.jaren))
        geldig = ~result.onderdrukt
        verslagen.append(
            Niveauverslag(
                niveau=niveau,
                gebieden=len(result.codes),
                gescoord=int((geldig & ~np.isnan(result.scores[:, 0, -1])).sum()),
                onderdrukt=int(result.onderdrukt.sum()),
                gebruikt=result.gebruikt,
                niet_gebruikt=dict(result.niet_gebruikt),
            )
        )
    melden("opslaan")
    run = {
        "jaar": jaar,
        "indelingsjaar": invoer.indelingsjaar,
        "gewichten_naam": weights.naam or "onbekend",
        "gewichten": tekst,
        "min_inwoners": float(min_inwoners),
        "berekend_op": datetime.now().replace(microsecond=0),
        "gebruiker": gebruiker or _gebruiker(),
    }
    run_id = q.store_run(url, run, {naam: pa.concat_tables(delen) for naam, delen in tabellen.items()})
    return Berekening(run_id, jaar, invoer.indelingsjaar, weights.naam, tuple(verslagen), resultaten)


def _gebruiker() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "onbekend"


def _score_rows(result: lv.ScoreResult, indelingsjaar: int, regio: Sequence[str] | None) -> pa.Table:
    """One row per area, kind and part (n x 2 x 6), built with numpy and Arrow ``take`` only."""
    n = len(result.codes)
    s_n, o_n = len(lv.SOORTEN), len(lv.ONDERDELEN)
    per = s_n * o_n
    gebied = pa.array(np.repeat(np.arange(n, dtype=np.int64), per))
    deel = pa.array(np.tile(np.arange(per, dtype=np.int64), n))
    soorten = pa.array([s.value for s in lv.SOORTEN for _ in lv.ONDERDELEN], pa.string())
    onderdelen = pa.array([o for _ in lv.SOORTEN for o in lv.ONDERDELEN], pa.string())
    klassen = pa.array([*KLASSEN, None], pa.string())
    klasse = result.klasse.reshape(-1).astype(np.int64)
    klasse[klasse < 0] = len(KLASSEN)
    return pa.table(
        {
            "jaar": pa.array(np.full(n * per, result.jaar, dtype=np.int32)),
            "indelingsjaar": pa.array(np.full(n * per, indelingsjaar, dtype=np.int32)),
            "niveau": pa.array([result.niveau.value], pa.string()).take(
                pa.array(np.zeros(n * per, np.int64))
            ),
            "code": pa.array(result.codes, pa.string()).take(gebied),
            "regio": pa.array(list(regio) if regio is not None else [None] * n, pa.string()).take(gebied),
            "soort": soorten.take(deel),
            "onderdeel": onderdelen.take(deel),
            "inwoners": pa.array(np.repeat(result.inwoners, per), pa.float64(), from_pandas=True),
            "score": _floats(result.scores),
            "gestandaardiseerd": _floats(result.gestandaardiseerd),
            "percentiel_landelijk": _floats(result.percentiel_landelijk),
            "percentiel_regio": _floats(result.percentiel_regio),
            "klasse": klassen.take(pa.array(klasse)),
            "onderdrukt": pa.array(np.repeat(result.onderdrukt, per), pa.bool_()),
            "reden": pa.array(list(result.redenen), pa.string()).take(gebied),
            "aantal_indicatoren": pa.array(_counts(result).reshape(-1).astype(np.int32)),
        }
    )


def _floats(values: np.ndarray) -> pa.Array:
    return pa.array(values.reshape(-1), pa.float64(), from_pandas=True)


def _counts(result: lv.ScoreResult) -> np.ndarray:
    """Indicators present per area, kind and part (n, 2, 6); 0 for suppressed areas."""
    telt = ~np.isnan(result.genormaliseerd) & (result.indicator_gewicht > 0)[None, :]
    d_n = len(lv.DIMENSIES)
    een = np.zeros((len(result.indicatoren), len(lv.SOORTEN) * d_n))
    een[np.arange(len(result.indicatoren)), result.indicator_soort * d_n + result.indicator_dimensie] = 1
    per_dim = (telt.astype(np.float64) @ een).reshape(-1, len(lv.SOORTEN), d_n)
    return np.concatenate([per_dim, per_dim.sum(axis=2, keepdims=True)], axis=2).astype(np.int64)


def _contribution_rows(result: lv.ScoreResult) -> pa.Table:
    dim, totaal = lv.contribution_arrays(result)
    rij, kolom = np.nonzero(~np.isnan(dim))
    return pa.table(
        {
            "niveau": pa.array(np.full(rij.size, result.niveau.value, dtype=object), pa.string()),
            "code": pa.array(np.asarray(result.codes, dtype=object)[rij], pa.string()),
            "indicator": pa.array(np.asarray(result.indicatoren, dtype=object)[kolom], pa.string()),
            "waarde": pa.array(result.waarden[rij, kolom], pa.float64(), from_pandas=True),
            "genormaliseerd": pa.array(result.genormaliseerd[rij, kolom], pa.float64()),
            "bijdrage_dimensie": pa.array(dim[rij, kolom], pa.float64()),
            "bijdrage_totaal": pa.array(totaal[rij, kolom], pa.float64()),
        }
    )


def _indicator_rows(
    result: lv.ScoreResult, registry: lv.Registry, jaren: Mapping[tuple[str, str], tuple[int, int]]
) -> pa.Table:
    """One row per registry indicator: used or not and why, weight, normalisation, data years."""
    rijen: dict[str, list[Any]] = {
        k: []
        for k in (
            "niveau",
            "indicator",
            "gebruikt",
            "reden",
            "gewicht",
            "mediaan",
            "schaal",
            "aantal_gebieden",
            "jaar_van",
            "jaar_tot",
        )
    }
    aantal = (~np.isnan(result.waarden) & ~result.onderdrukt[:, None]).sum(axis=0)
    for indicator in registry:
        sleutel = indicator.sleutel
        j = result.indicatoren.index(sleutel) if sleutel in result.indicatoren else None
        van_tot = jaren.get((result.niveau.value, sleutel)) if j is not None else None
        rijen["niveau"].append(result.niveau.value)
        rijen["indicator"].append(sleutel)
        rijen["gebruikt"].append(sleutel in result.gebruikt)
        rijen["reden"].append(result.niet_gebruikt.get(sleutel))
        rijen["gewicht"].append(None if j is None else float(result.indicator_gewicht[j]))
        rijen["mediaan"].append(None if j is None else _of_none(result.normalisatie.mediaan[j]))
        rijen["schaal"].append(None if j is None else _of_none(result.normalisatie.schaal[j]))
        rijen["aantal_gebieden"].append(0 if j is None else int(aantal[j]))
        rijen["jaar_van"].append(van_tot[0] if van_tot else None)
        rijen["jaar_tot"].append(van_tot[1] if van_tot else None)
    typen = {"gebruikt": pa.bool_(), "aantal_gebieden": pa.int64(), "jaar_van": pa.int32()}
    typen.update({"gewicht": pa.float64(), "mediaan": pa.float64(), "schaal": pa.float64()})
    typen["jaar_tot"] = pa.int32()
    return pa.table({k: pa.array(v, typen.get(k)) for k, v in rijen.items()})


def _of_none(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


# --------------------------------------------------------------------------------------------------
# Reading stored results


@dataclass(frozen=True)
class Onderdeelscore:
    """One part (a dimension or ``totaal``) of one kind for one area."""

    onderdeel: str
    score: float | None
    percentiel_landelijk: float | None
    percentiel_regio: float | None
    klasse: str | None
    aantal_indicatoren: int


@dataclass(frozen=True)
class Gebiedsscore:
    """An area's stored scores in one run; objective and subjective parts are kept apart."""

    run_id: int
    jaar: int
    indelingsjaar: int
    niveau: Niveau
    code: str
    regio: str | None
    inwoners: float | None
    onderdrukt: bool
    reden: str | None
    objectief: tuple[Onderdeelscore, ...]
    subjectief: tuple[Onderdeelscore, ...]

    def totaal(self, soort: lv.IndicatorSoort = lv.IndicatorSoort.OBJECTIEF) -> Onderdeelscore:
        delen = self.objectief if soort is lv.IndicatorSoort.OBJECTIEF else self.subjectief
        return next(d for d in delen if d.onderdeel == lv.TOTAAL)


def _niveau_van(code: str) -> Niveau:
    prefix = {"BU": Niveau.BUURT, "WK": Niveau.WIJK, "GM": Niveau.GEMEENTE}.get(code[:2].upper())
    if prefix is None:
        raise IndexFout(f"'{code}' is geen buurt-, wijk- of gemeentecode (BU..., WK..., GM...)")
    return prefix


def _runs_per_jaar(url: str) -> dict[int, int]:
    """The latest run id per year."""
    uit: dict[int, int] = {}
    for run in q.read_runs(url):
        uit.setdefault(int(run["jaar"]), int(run["run_id"]))
    return uit


def _run_voor(url: str, jaar: int | None) -> int:
    runs = _runs_per_jaar(url)
    if not runs:
        raise IndexFout("er is nog geen index berekend; voer eerst 'leefbaar index compute --year JAAR' uit")
    if jaar is None:
        return runs[max(runs)]
    if jaar not in runs:
        beschikbaar = ", ".join(str(j) for j in sorted(runs))
        raise IndexFout(
            f"geen index voor {jaar} (wel voor {beschikbaar}); voer 'leefbaar index compute --year {jaar}' uit"
        )
    return runs[jaar]


def _gebiedsscores(tabel: pa.Table) -> list[Gebiedsscore]:
    """Group stored score rows (ordered by run, level, code) into Gebiedsscore objects."""
    rijen = tabel.to_pylist()
    uit: list[Gebiedsscore] = []
    per: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for rij in rijen:
        per.setdefault((int(rij["run_id"]), str(rij["code"])), []).append(rij)
    for (run_id, code), groep in per.items():
        eerste = groep[0]

        def delen(soort: str, groep: list[dict[str, Any]] = groep) -> tuple[Onderdeelscore, ...]:
            volgorde = {o: i for i, o in enumerate(lv.ONDERDELEN)}
            gekozen = sorted(
                (r for r in groep if r["soort"] == soort), key=lambda r: volgorde[r["onderdeel"]]
            )
            return tuple(
                Onderdeelscore(
                    r["onderdeel"],
                    _schoon(r["score"]),
                    _schoon(r["percentiel_landelijk"]),
                    _schoon(r["percentiel_regio"]),
                    r["klasse"],
                    int(r["aantal_indicatoren"]),
                )
                for r in gekozen
            )

        uit.append(
            Gebiedsscore(
                run_id=run_id,
                jaar=int(eerste["jaar"]),
                indelingsjaar=int(eerste["indelingsjaar"]),
                niveau=Niveau(eerste["niveau"]),
                code=code,
                regio=eerste["regio"],
                inwoners=_schoon(eerste["inwoners"]),
                onderdrukt=bool(eerste["onderdrukt"]),
                reden=eerste["reden"],
                objectief=delen(lv.IndicatorSoort.OBJECTIEF.value),
                subjectief=delen(lv.IndicatorSoort.SUBJECTIEF.value),
            )
        )
    return uit


def _schoon(value: Any) -> float | None:
    if value is None:
        return None
    f = float(value)
    return None if np.isnan(f) else f


def scores(url: str, codes: Sequence[str], jaar: int | None = None) -> list[Gebiedsscore]:
    """Stored scores of areas (any level) in the latest run of ``jaar`` (default: the newest year).

    Areas not in that run are left out; IndexFout when no run exists.
    """
    for code in codes:
        _niveau_van(code)
    run_id = _run_voor(url, jaar)
    return _gebiedsscores(q.read_scores(url, [run_id], codes=[c.upper() for c in codes]))


@dataclass(frozen=True)
class Gebiedstoelichting:
    """An area's scores with the contribution of every indicator (Dutch sentences), per kind."""

    score: Gebiedsscore
    objectief: tuple[lv.Bijdrage, ...]
    subjectief: tuple[lv.Bijdrage, ...]


def explanation(url: str, code: str, jaar: int | None = None) -> Gebiedstoelichting:
    """Scores and the contribution table of one area, read from the latest run of ``jaar``."""
    gevonden = scores(url, [code], jaar)
    if not gevonden:
        raise IndexFout(f"gebied {code} komt niet voor in de berekende index")
    score = gevonden[0]
    registry = load_registry()
    indicatoren = q.read_indicators(url, score.run_id)
    mediaan = {
        (n, k): m
        for n, k, m in zip(
            indicatoren.column("niveau").to_pylist(),
            indicatoren.column("indicator").to_pylist(),
            indicatoren.column("mediaan").to_pylist(),
            strict=True,
        )
    }
    bijdragen: list[lv.Bijdrage] = []
    for rij in q.read_contributions(url, score.run_id, [score.code]).to_pylist():
        if rij["indicator"] not in registry:
            continue
        indicator = registry[rij["indicator"]]
        m = mediaan.get((score.niveau.value, indicator.sleutel))
        m_f = float("nan") if m is None else float(m)
        bijdragen.append(
            lv.Bijdrage(
                sleutel=indicator.sleutel,
                naam=indicator.naam,
                soort=indicator.soort,
                dimensie=indicator.dimensie,
                waarde=float(rij["waarde"]),
                mediaan=m_f,
                genormaliseerd=float(rij["genormaliseerd"]),
                bijdrage_dimensie=float(rij["bijdrage_dimensie"]),
                bijdrage_totaal=float(rij["bijdrage_totaal"]),
                zin=lv.zin(indicator, float(rij["waarde"]), m_f, float(rij["bijdrage_dimensie"])),
            )
        )
    bijdragen.sort(key=lambda b: (-abs(b.bijdrage_totaal), b.sleutel))
    return Gebiedstoelichting(
        score,
        tuple(b for b in bijdragen if b.soort is lv.IndicatorSoort.OBJECTIEF),
        tuple(b for b in bijdragen if b.soort is lv.IndicatorSoort.SUBJECTIEF),
    )


def trend(url: str, code: str) -> list[Gebiedsscore]:
    """The area's scores in the latest run of every computed year, oldest first (codes matched as-is)."""
    _niveau_van(code)
    runs = _runs_per_jaar(url)
    gevonden = _gebiedsscores(q.read_scores(url, list(runs.values()), codes=[code.upper()]))
    return sorted(gevonden, key=lambda g: g.jaar)


# --------------------------------------------------------------------------------------------------
# Trends over stored runs


def _stored_result(tabel: pa.Table, jaar: int, niveau: Niveau) -> lv.ScoreResult:
    """A ScoreResult carrying only what the trend rules read (codes, population, scores, percentiles)."""
    codes_alle = np.asarray(tabel.column("code").to_pylist(), dtype=str)
    codes, eerste = np.unique(codes_alle, return_index=True)
    n = codes.size
    rij = np.searchsorted(codes, codes_alle)
    s = np.array([lv.SOORTEN.index(lv.IndicatorSoort(v)) for v in tabel.column("soort").to_pylist()])
    o = np.array([lv.ONDERDELEN.index(v) for v in tabel.column("onderdeel").to_pylist()])
    vorm = (n, len(lv.SOORTEN), len(lv.ONDERDELEN))
    score = np.full(vorm, np.nan)
    pct = np.full(vorm, np.nan)
    score[rij, s, o] = tabel.column("score").to_numpy(zero_copy_only=False).astype(np.float64)
    pct[rij, s, o] = tabel.column("percentiel_landelijk").to_numpy(zero_copy_only=False).astype(np.float64)
    inwoners = tabel.column("inwoners").to_numpy(zero_copy_only=False).astype(np.float64)[eerste]
    leeg = np.zeros((n, 0))
    return lv.ScoreResult(
        jaar=jaar,
        niveau=niveau,
        codes=tuple(codes.tolist()),
        inwoners=inwoners,
        indicatoren=(),
        waarden=leeg,
        genormaliseerd=leeg,
        normalisatie=lv.Normalisation((), np.zeros(0), np.zeros(0)),
        scores=score,
        gestandaardiseerd=np.full(vorm, np.nan),
        percentiel_landelijk=pct,
        percentiel_regio=np.full(vorm, np.nan),
        klasse=np.full(vorm, -1, dtype=np.int8),
        onderdrukt=np.zeros(n, dtype=bool),
        redenen=(None,) * n,
        gebruikt=(),
        niet_gebruikt={},
        indicator_gewicht=np.zeros(0),
        indicator_soort=np.zeros(0, dtype=np.int64),
        indicator_dimensie=np.zeros(0, dtype=np.int64),
        dimensie_gewicht=np.zeros(len(lv.DIMENSIES)),
    )


def _stored_results(url: str, niveau: Niveau, jaren: Sequence[int] | None) -> list[lv.ScoreResult]:
    runs = _runs_per_jaar(url)
    gekozen = sorted(jaren) if jaren is not None else sorted(runs)
    ontbreekt = [j for j in gekozen if j not in runs]
    if ontbreekt:
        raise IndexFout(f"geen index berekend voor {', '.join(map(str, ontbreekt))}")
    tabel = q.read_scores(url, [runs[j] for j in gekozen], niveau=niveau.value)
    uit = []
    for j in gekozen:
        deel = tabel.filter(pc.equal(tabel.column("run_id"), runs[j]))
        uit.append(_stored_result(deel, j, niveau))
    return uit


@dataclass(frozen=True)
class Signaal:
    """A yes/no classification of one area with its Dutch reason."""

    code: str
    ja: bool
    reden: str


def structureel_onder_druk(
    url: str, niveau: Niveau = Niveau.BUURT, jaren: Sequence[int] | None = None
) -> list[Signaal]:
    """Per area of the last year: in the national bottom decile in each of the last two measurements."""
    results = _stored_results(url, niveau, jaren)
    if len(results) < 2:
        raise IndexFout("voor 'structureel onder druk' zijn twee berekende jaren nodig")
    uitkomst = lv.structureel_onder_druk(results)
    return [
        Signaal(c, bool(j), r)
        for c, j, r in zip(uitkomst.codes, uitkomst.ja.tolist(), uitkomst.redenen, strict=True)
    ]


def trend_turns(url: str, niveau: Niveau = Niveau.BUURT, jaren: Sequence[int] | None = None) -> list[Signaal]:
    """Per area of the last year: did the trend turn from negative to positive (R6)? ``ja`` = it did."""
    results = _stored_results(url, niveau, jaren)
    if len(results) < 3:
        raise IndexFout("voor de trendkeer zijn drie berekende jaren nodig")
    uitkomst = lv.trendkeer(results)
    return [
        Signaal(c, s is lv.Trend.GEKEERD_NAAR_POSITIEF, r)
        for c, s, r in zip(uitkomst.codes, uitkomst.status, uitkomst.redenen, strict=True)
    ]


def concentration_of_allocations(
    url: str, jaar: int, indelingsjaar: int | None = None, drempel: Concentratiedrempel | None = None
) -> list[ConcentratieRij]:
    """Per buurt with allocations in ``jaar``: share to priority groups against the municipality (R9).

    Allocations of the group ``overig`` count as regular allocations, every other group as priority.
    """
    d = _kies_indelingsjaar(url, indelingsjaar)
    groepen = [g.value for g in Aandachtsgroep if g not in NIET_AANDACHTSGROEP]
    tabel = q.allocation_counts(url, jaar, d, groepen)
    return concentration(
        tabel.column("buurtcode").to_pylist(),
        tabel.column("totaal").to_numpy(),
        tabel.column("aandachtsgroepen").to_numpy(),
        drempel,
    )


# --------------------------------------------------------------------------------------------------
# Validation and calibration against a reference file


@dataclass(frozen=True)
class Referentie:
    """Reference scores read from a file: codes and one array per part."""

    bestand: str
    codes: tuple[str, ...]
    scores: Mapping[str, np.ndarray]


def read_reference(path: Path, code_column: str, columns: Mapping[str, str]) -> Referentie:
    """Read a CSV/XLSX reference; ``columns`` maps part (``totaal`` or a dimension) to a column name."""
    try:
        gelezen = read_table_file(Path(path))
    except FileError as exc:
        raise IndexFout(f"referentiebestand '{path}' kan niet worden gelezen: {exc.error.reason}") from exc
    aanwezig = [c for c in gelezen.table.column_names if not c.startswith("__")]
    gevraagd = [code_column, *columns.values()]
    ontbreekt = [c for c in gevraagd if c not in aanwezig]
    if ontbreekt:
        raise IndexFout(
            f"kolom(men) {', '.join(repr(c) for c in ontbreekt)} ontbreken in '{Path(path).name}'; "
            f"aanwezige kolommen: {', '.join(aanwezig)}"
        )
    codes = pc.utf8_upper(pc.utf8_trim_whitespace(gelezen.table.column(code_column).cast(pa.string())))
    codes_lijst = [c or "" for c in codes.to_pylist()]
    if len(set(codes_lijst)) != len(codes_lijst):
        raise IndexFout(f"kolom '{code_column}' bevat dubbele codes")
    scores_uit: dict[str, np.ndarray] = {}
    for onderdeel, kolom in columns.items():
        tekst = pc.utf8_trim_whitespace(gelezen.table.column(kolom).cast(pa.string()))
        # Dutch files write decimals with a comma.
        tekst = pc.replace_substring(tekst, ",", ".")
        getallen = pc.cast(pc.if_else(pc.equal(tekst, ""), None, tekst), pa.float64(), safe=False)
        scores_uit[onderdeel] = getallen.to_numpy(zero_copy_only=False).astype(np.float64)
    return Referentie(Path(path).name, tuple(codes_lijst), scores_uit)


def _kolommen(score_column: str, dimension_columns: Mapping[str, str] | None) -> dict[str, str]:
    kolommen = {lv.TOTAAL: score_column}
    for dim, kolom in (dimension_columns or {}).items():
        if dim not in lv.ONDERDELEN:
            raise IndexFout(
                f"onbekende dimensie '{dim}'; kies uit {', '.join(d.value for d in lv.DIMENSIES)}"
            )
        kolommen[dim] = kolom
    return kolommen


@dataclass(frozen=True)
class Validatie:
    """Outcome of :func:`validate_reference`."""

    run_id: int
    jaar: int
    niveau: Niveau
    bestand: str
    vergelijkingen: tuple[lv.Vergelijking, ...]


def validate_reference(
    url: str,
    path: Path,
    code_column: str,
    score_column: str,
    *,
    niveau: Niveau = Niveau.BUURT,
    jaar: int | None = None,
    dimension_columns: Mapping[str, str] | None = None,
) -> Validatie:
    """Compare the stored objective scores with a reference file per part (n, Spearman, Pearson, outliers)."""
    referentie = read_reference(path, code_column, _kolommen(score_column, dimension_columns))
    run_id = _run_voor(url, jaar)
    tabel = q.read_scores(url, [run_id], niveau=niveau.value)
    tabel = tabel.filter(pc.equal(tabel.column("soort"), lv.IndicatorSoort.OBJECTIEF.value))
    if tabel.num_rows == 0:
        raise IndexFout(f"de berekende index heeft geen {niveau.value}en")
    result = _stored_result(tabel, int(tabel.column("jaar")[0].as_py()), niveau)
    _, gevonden = match_codes(result.codes, referentie.codes)
    if not gevonden.any():
        raise IndexFout(
            f"geen enkele code uit '{referentie.bestand}' komt voor in de index ({niveau.value}, "
            f"{result.jaar}); controleer het niveau (--level) en de gebiedsindeling"
        )
    # Why a part can have no score: which indicators the stored run used, and why not the others.
    indicatoren = [r for r in q.read_indicators(url, run_id).to_pylist() if r["niveau"] == niveau.value]
    redenen = lv.reasons_without_score(
        load_registry(),
        [r["indicator"] for r in indicatoren if r["gebruikt"]],
        {r["indicator"]: r["reden"] for r in indicatoren if r["reden"]},
    )
    vergelijkingen = lv.validate(result, referentie.codes, referentie.scores, redenen=redenen)
    return Validatie(run_id, result.jaar, niveau, referentie.bestand, vergelijkingen)


def calibrate_reference(
    url: str,
    path: Path,
    code_column: str,
    score_column: str,
    output: Path,
    *,
    niveau: Niveau = Niveau.BUURT,
    jaar: int | None = None,
    folds: int = 5,
    seed: int = 0,
) -> lv.Kalibratie:
    """Fit the objective weights to a reference score and write them as a weights file to ``output``."""
    referentie = read_reference(path, code_column, {lv.TOTAAL: score_column})
    runs = _runs_per_jaar(url)
    if jaar is None:
        if not runs:
            raise IndexFout("er is nog geen index berekend; geef --year op of voer eerst 'index compute' uit")
        jaar = max(runs)
    indelingsjaar = None
    if jaar in runs:
        indelingsjaar = next(
            int(r["indelingsjaar"]) for r in q.read_runs(url, jaar) if r["run_id"] == runs[jaar]
        )
    registry = load_registry()
    standaard, _ = load_weights(registry)
    invoer = build_input(url, jaar, registry, indelingsjaar)
    matrix = invoer.matrices[niveau]
    _, gevonden = match_codes(matrix.codes, referentie.codes)
    if not gevonden.any():
        raise IndexFout(
            f"geen enkele code uit '{referentie.bestand}' komt voor in de {niveau.value}en van {jaar}; "
            "controleer het niveau (--level) en de gebiedsindeling"
        )
    try:
        kalibratie = lv.calibrate(
            matrix,
            registry,
            standaard,
            referentie.codes,
            referentie.scores[lv.TOTAAL],
            folds=folds,
            seed=seed,
        )
    except ValueError as exc:
        raise IndexFout(f"kalibreren lukt niet: {exc}") from exc
    Path(output).write_text(
        yaml.safe_dump(kalibratie.gewichten, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return kalibratie
