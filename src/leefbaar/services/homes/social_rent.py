"""The 30% social rent of R10: one municipality's table and projection, and the province view with
the candidates for the provincial intervention power.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from leefbaar.domain.regions import PROVINCIES
from leefbaar.homes import social_rent as sr
from leefbaar.services.homes.common import (
    HomesError,
    Row,
    check_gemeente,
    gemeente_names,
    require_indelingsjaar,
    require_stock_date,
    stock_per_gemeente,
    url_or_default,
)
from leefbaar.services.homes.config import PIJPLIJN_KOLOMMEN, Instellingen
from leefbaar.storage import homes_queries as q


def _pipeline(
    url: str, peildatum: date, codes: list[str], startjaar: int, eindjaar: int, config: Instellingen
) -> sr.Pijplijn:
    """Demolitions from the plans plus the configured pipeline, as matrices gemeenten x years."""
    years = eindjaar - startjaar + 1
    index = {c: i for i, c in enumerate(codes)}
    parts = {name: np.zeros((len(codes), years), dtype=np.int64) for name in PIJPLIJN_KOLOMMEN}
    plans = q.demolitions_per_year(url, peildatum, codes, startjaar, eindjaar)
    if plans:
        rows = np.array([index[r["gemeentecode"]] for r in plans])
        cols = np.array([int(r["jaar"]) - startjaar for r in plans])
        np.add.at(parts["sloop_sociaal"], (rows, cols), np.array([int(r["sloop"]) for r in plans]))
    for item in config.pijplijn:
        if item.gemeentecode in index and startjaar <= item.jaar <= eindjaar:
            for name in PIJPLIJN_KOLOMMEN:
                parts[name][index[item.gemeentecode], item.jaar - startjaar] += item.aantallen[name]
    return sr.Pijplijn.build(startjaar, **parts)


def woningvoorraad(
    url: str | None,
    gemeentecode: str,
    *,
    peildatum: date | None = None,
    doeljaar: int | None = None,
    config: Instellingen | None = None,
) -> Row:
    """The 30% table and projection of one municipality (R10), shaped as the CLI's JSON.

    Stock: the current dwellings on the newest dwelling peildatum on or before ``peildatum``;
    ``startjaar`` is that peildatum's year. Pipeline: demolitions from the plans plus the configured
    pipeline, ``startjaar`` through ``doeljaar``.
    """
    url = url_or_default(url)
    config = config or Instellingen()
    names = gemeente_names(url, require_indelingsjaar(url))
    check_gemeente(gemeentecode, names)
    stock_date = require_stock_date(url, peildatum)
    target_year = doeljaar or config.doeljaar
    start = stock_date.year
    if target_year < start:
        raise HomesError(f"het doeljaar {target_year} ligt vóór het startjaar {start} van de voorraad")
    stock = stock_per_gemeente(url, stock_date, [gemeentecode]).get(gemeentecode)
    if stock is None:
        raise HomesError(f"geen woningen van gemeente {gemeentecode} op {stock_date.isoformat()}")
    try:
        voorraad = sr.Woningvoorraad(
            gemeentecode,
            stock_date,
            stock["corporatie_sociaal"],
            stock["overige_sociale_huur"],
            stock["woningen"],
        )
        pipeline = _pipeline(url, stock_date, [gemeentecode], start, target_year, config)
        traject = sr.project_trajectory(voorraad, pipeline)
        years = target_year - start + 1
        growth = (int(pipeline.total_change()[0].sum())) / years
        needed = sr.required_yearly_additions(voorraad.sociale_huur, voorraad.woningen, growth, years)
    except ValueError as exc:
        raise HomesError(f"{gemeentecode}: {exc}") from None
    s, t = voorraad.sociale_huur, voorraad.woningen
    return {
        "gemeentecode": gemeentecode,
        "naam": names[gemeentecode]["naam"],
        "peildatum": stock_date.isoformat(),
        "corporatiewoningen": voorraad.corporatiewoningen,
        "corporatiewoningen_totaal": stock["corporatie"],
        "overige_sociale_huur": voorraad.overige_sociale_huur,
        "sociale_huur": s,
        "woningen": t,
        "aandeel": sr.social_share(s, t),
        "doelpercentage": sr.DOELPERCENTAGE,
        "op_doel": sr.meets_target(s, t),
        "tekort": sr.gap_dwellings(s, t),
        "tekort_nieuwbouw": sr.gap_by_new_build(s, t),
        "benodigd": {
            "doeljaar": target_year,
            "jaren": needed.jaren,
            "groei_per_jaar": growth,
            "per_jaar": needed.per_jaar,
            "per_jaar_afgerond": needed.per_jaar_afgerond,
            "meer_dan_groei": needed.meer_dan_groei,
        },
        "traject": {
            "startjaar": traject.startjaar,
            "eindjaar": traject.eindjaar,
            "status": traject.status.value,
            "jaar_bereikt": traject.jaar_bereikt,
            "uitkomst": traject.uitkomst,
            "jaren": [j.as_row() for j in traject.jaren],
        },
        "pijplijn": _pipeline_rows(pipeline),
    }


def _pipeline_rows(pipeline: sr.Pijplijn) -> list[Row]:
    return [
        {"jaar": pipeline.startjaar + j, **{n: int(getattr(pipeline, n)[0, j]) for n in PIJPLIJN_KOLOMMEN}}
        for j in range(pipeline.jaren)
    ]


def provincie(
    url: str | None,
    provinciecode: str,
    *,
    peildatum: date | None = None,
    doeljaar: int | None = None,
    config: Instellingen | None = None,
) -> Row:
    """The R10 province view: every municipality of the province with share, gap, needed and planned
    additions, trajectory, and whether it is a candidate for the provincial intervention power.

    ``rijen`` lists the intervention candidates first (lowest share first), then the others by code.
    """
    url = url_or_default(url)
    config = config or Instellingen()
    if provinciecode not in PROVINCIES:
        raise HomesError(f"'{provinciecode}' is geen provinciecode (PV20 t/m PV31)")
    gemeenten = q.gemeenten(url, require_indelingsjaar(url), provinciecode)
    stock_date = require_stock_date(url, peildatum)
    target_year = doeljaar or config.doeljaar
    start = stock_date.year
    if target_year < start:
        raise HomesError(f"het doeljaar {target_year} ligt vóór het startjaar {start} van de voorraad")
    stock = stock_per_gemeente(url, stock_date, [g["gemeentecode"] for g in gemeenten])
    codes = [g["gemeentecode"] for g in gemeenten if g["gemeentecode"] in stock]
    zonder = [g["gemeentecode"] for g in gemeenten if g["gemeentecode"] not in stock]
    rows: list[sr.ProvincieRij] = []
    if codes:
        try:
            pipeline = _pipeline(url, stock_date, codes, start, target_year, config)
            rows = sr.province_overview(
                codes,
                [stock[c]["corporatie_sociaal"] + stock[c]["overige_sociale_huur"] for c in codes],
                [stock[c]["woningen"] for c in codes],
                pipeline,
                target_year,
            )
        except ValueError as exc:
            raise HomesError(f"{provinciecode}: {exc}") from None
    names = {g["gemeentecode"]: g["naam"] for g in gemeenten}
    candidates = sr.intervention_candidates(rows)
    others = [r for r in rows if not r.interventiekandidaat]
    return {
        "provinciecode": provinciecode,
        "naam": PROVINCIES[provinciecode],
        "peildatum": stock_date.isoformat(),
        "doeljaar": target_year,
        "doelpercentage": sr.DOELPERCENTAGE,
        "rijen": [{"naam": names[r.gemeentecode], **r.as_row()} for r in (*candidates, *others)],
        "interventiekandidaten": [r.gemeentecode for r in candidates],
        "zonder_woningen": zonder,
    }
