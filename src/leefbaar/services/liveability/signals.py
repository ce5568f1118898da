"""Signals over stored runs: areas "structureel onder druk", trend turns (R6) and the
concentration of allocations to priority groups (R9).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow.compute as pc

import leefbaar.liveability as lv
from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.regions import Niveau
from leefbaar.homes.concentration import Concentratiedrempel, ConcentratieRij, concentration
from leefbaar.services.liveability.common import IndexFout
from leefbaar.services.liveability.inputs import kies_indelingsjaar
from leefbaar.services.liveability.reading import runs_per_jaar, stored_result
from leefbaar.storage import liveability_inputs, liveability_runs

#: Allocations that do not count as priority-group allocations in the concentration (R9).
NIET_AANDACHTSGROEP = (Aandachtsgroep.OVERIG,)


def _stored_results(url: str, niveau: Niveau, jaren: Sequence[int] | None) -> list[lv.ScoreResult]:
    runs = runs_per_jaar(url)
    gekozen = sorted(jaren) if jaren is not None else sorted(runs)
    ontbreekt = [j for j in gekozen if j not in runs]
    if ontbreekt:
        raise IndexFout(f"geen index berekend voor {', '.join(map(str, ontbreekt))}")
    tabel = liveability_runs.read_scores(url, [runs[j] for j in gekozen], niveau=niveau.value)
    uit = []
    for j in gekozen:
        deel = tabel.filter(pc.equal(tabel.column("run_id"), runs[j]))
        uit.append(stored_result(deel, j, niveau))
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
    d = kies_indelingsjaar(url, indelingsjaar)
    groepen = [g.value for g in Aandachtsgroep if g not in NIET_AANDACHTSGROEP]
    tabel = liveability_inputs.allocation_counts(url, jaar, d, groepen)
    return concentration(
        tabel.column("buurtcode").to_pylist(),
        tabel.column("totaal").to_numpy(),
        tabel.column("aandachtsgroepen").to_numpy(),
        drempel,
    )
