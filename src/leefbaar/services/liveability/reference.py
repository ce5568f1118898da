"""Validation and calibration against a reference file: compare the stored objective scores
with another index per part, or fit the objective weights to a reference score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import yaml

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau
from leefbaar.ingest.readers import read_table_file
from leefbaar.ingest.vocabulary import FileError
from leefbaar.liveability.scores import match_codes
from leefbaar.services.liveability.common import IndexFout, load_registry, load_weights
from leefbaar.services.liveability.inputs import build_input
from leefbaar.services.liveability.reading import run_voor, runs_per_jaar, stored_result
from leefbaar.storage import liveability_runs


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
    run_id = run_voor(url, jaar)
    tabel = liveability_runs.read_scores(url, [run_id], niveau=niveau.value)
    tabel = tabel.filter(pc.equal(tabel.column("soort"), lv.IndicatorSoort.OBJECTIEF.value))
    if tabel.num_rows == 0:
        raise IndexFout(f"de berekende index heeft geen {niveau.value}en")
    result = stored_result(tabel, int(tabel.column("jaar")[0].as_py()), niveau)
    _, gevonden = match_codes(result.codes, referentie.codes)
    if not gevonden.any():
        raise IndexFout(
            f"geen enkele code uit '{referentie.bestand}' komt voor in de index ({niveau.value}, "
            f"{result.jaar}); controleer het niveau (--level) en de gebiedsindeling"
        )
    # Why a part can have no score: which indicators the stored run used, and why not the others.
    indicatoren = [
        r for r in liveability_runs.read_indicators(url, run_id).to_pylist() if r["niveau"] == niveau.value
    ]
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
    runs = runs_per_jaar(url)
    if jaar is None:
        if not runs:
            raise IndexFout("er is nog geen index berekend; geef --year op of voer eerst 'index compute' uit")
        jaar = max(runs)
    indelingsjaar = None
    if jaar in runs:
        indelingsjaar = next(
            int(r["indelingsjaar"])
            for r in liveability_runs.read_runs(url, jaar)
            if r["run_id"] == runs[jaar]
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
