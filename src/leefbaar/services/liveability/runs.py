"""Compute the index for a year on every level and store it as a new run (append-only), with a
report per level of what was scored, suppressed and used.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau
from leefbaar.liveability.classes import KLASSEN
from leefbaar.services.liveability.common import NIVEAUS, load_registry, load_weights
from leefbaar.services.liveability.inputs import build_input
from leefbaar.storage import liveability_runs

Progress = Callable[[str], None]


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
    run_id = liveability_runs.store_run(
        url, run, {naam: pa.concat_tables(delen) for naam, delen in tabellen.items()}
    )
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
