"""Read stored runs for the pages, the API and the CLI: an area's scores, its explanation (the
contribution of every indicator in Dutch) and its trend over the computed years.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau
from leefbaar.liveability.registry import Dimensie
from leefbaar.services.liveability.common import IndexFout, load_registry
from leefbaar.storage import liveability_runs

#: The dimension keys as stored (``onderdeel`` is one of them or ``totaal``).
DIMENSIE_SLEUTELS = frozenset(d.value for d in Dimensie)


@dataclass(frozen=True)
class Onderdeelscore:
    """One part (a dimension or ``totaal``) of one kind for one area."""

    onderdeel: str
    score: float | None
    percentiel_landelijk: float | None
    percentiel_regio: float | None
    klasse: str | None
    aantal_indicatoren: int

    @property
    def naam(self) -> str:
        """The part as a sentence names it: "overlast en onveiligheid", "totaal"."""
        return Dimensie(self.onderdeel).label if self.onderdeel in DIMENSIE_SLEUTELS else self.onderdeel


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


def runs_per_jaar(url: str) -> dict[int, int]:
    """The latest run id per year."""
    uit: dict[int, int] = {}
    for run in liveability_runs.read_runs(url):
        uit.setdefault(int(run["jaar"]), int(run["run_id"]))
    return uit


def run_voor(url: str, jaar: int | None) -> int:
    """The latest run of ``jaar`` (default: the newest year); IndexFout when there is none."""
    runs = runs_per_jaar(url)
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
    run_id = run_voor(url, jaar)
    return _gebiedsscores(liveability_runs.read_scores(url, [run_id], codes=[c.upper() for c in codes]))


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
    indicatoren = liveability_runs.read_indicators(url, score.run_id)
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
    for rij in liveability_runs.read_contributions(url, score.run_id, [score.code]).to_pylist():
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
    runs = runs_per_jaar(url)
    gevonden = _gebiedsscores(liveability_runs.read_scores(url, list(runs.values()), codes=[code.upper()]))
    return sorted(gevonden, key=lambda g: g.jaar)


def stored_result(tabel: pa.Table, jaar: int, niveau: Niveau) -> lv.ScoreResult:
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
