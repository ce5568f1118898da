"""The input of the index: per level, an indicator matrix for one year on one division, built
from the set-based storage queries (CBS values, own indicators, areas) with numpy, no loop per area.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import leefbaar.liveability as lv
from leefbaar.domain.regions import Niveau
from leefbaar.liveability.scores import match_codes
from leefbaar.services.liveability.common import NIVEAUS, IndexFout
from leefbaar.storage import liveability_inputs

#: How many years back a source value may be (newest year within [jaar - this, jaar] is used).
MAX_LEEFTIJD = 3


@dataclass(frozen=True)
class Invoer:
    """The indicator matrices of one year on one division, and the data years used per indicator."""

    jaar: int
    indelingsjaar: int
    matrices: Mapping[Niveau, lv.IndicatorMatrix]
    jaren: Mapping[tuple[str, str], tuple[int, int]]


def _bronnen(registry: lv.Registry) -> list[liveability_inputs.Bron]:
    uit = []
    for indicator in registry:
        if indicator.bron.startswith(lv.registry.BRON_LEEFBAAR):
            continue
        noemer = liveability_inputs.normalised_name(indicator.noemer) if indicator.noemer else None
        uit.append(
            liveability_inputs.Bron(
                indicator.sleutel,
                liveability_inputs.normalised_name(indicator.bron),
                noemer,
                indicator.factor,
            )
        )
    return uit


def kies_indelingsjaar(url: str, indelingsjaar: int | None) -> int:
    """The division year asked for, or the newest in the database; IndexFout when there is none."""
    jaren = liveability_inputs.division_years(url)
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
    jaren = liveability_inputs.data_years(url)
    if not jaren:
        raise IndexFout("de database bevat nog geen indicatorgegevens; importeer eerst CBS-kerncijfers")
    return jaren[-1]


def build_input(url: str, jaar: int, registry: lv.Registry, indelingsjaar: int | None = None) -> Invoer:
    """Indicator matrices per level for ``jaar`` on the division ``indelingsjaar`` (default: newest)."""
    d = kies_indelingsjaar(url, indelingsjaar)
    bronnen = _bronnen(registry)
    nodig = (
        {liveability_inputs.INWONERS} | {b.bron for b in bronnen} | {b.noemer for b in bronnen if b.noemer}
    )
    namen = {
        n: liveability_inputs.normalised_name(n)
        for n in liveability_inputs.indicator_names(url)
        if liveability_inputs.normalised_name(n) in nodig
    }
    lang = liveability_inputs.indicator_values(url, jaar, d, jaar - MAX_LEEFTIJD, bronnen, namen)
    eigen = liveability_inputs.own_indicators(url, d, date(jaar + 1, 1, 1))
    gebieden = liveability_inputs.areas(url, d)
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
        is_inw = sleutels_lang == liveability_inputs.INWONERS_SLEUTEL
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
