"""Areas, housing associations and complexes as the web pages and the API show them.

Every function takes the database URL (``None``: the ``database_url`` setting) and returns plain
dicts with Dutch keys, ready for a template or a JSON answer. Counts come from the small summary
tables of ``storage.area_queries``, refreshed here when imports have landed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from leefbaar.config import get_settings
from leefbaar.domain.housing import NEN2767, SLECHTE_CONDITIE, PlanStatus
from leefbaar.domain.regions import PROVINCIES
from leefbaar.privacy.disclosure import small_unit_reason
from leefbaar.services import agreements, cache, database
from leefbaar.services.cache import DataVersion
from leefbaar.storage import area_queries as q
from leefbaar.storage import homes_queries

Row = dict[str, Any]


def database_url(url: str | None = None) -> str:
    return cache.database_url(url)


def prepare(url: str | None = None) -> DataVersion:
    """Make the summaries follow the data (once per data version per process); the data version.

    The schema is checked once per process (normally at start-up, ``database.prepare_once``).
    """
    url = database_url(url)
    database.prepare_once(url)
    current = cache.version(url)
    cache.memo("areas.samenvattingen", url, (), lambda: q.refresh_summaries(url), counted=False)
    return current


def refresh(url: str | None = None) -> bool:
    """Rebuild the summaries now (after an import or the demo); True when they changed."""
    return q.refresh_summaries(database_url(url))


def indelingsjaar(url: str | None = None, jaar: int | None = None) -> int | None:
    """The division year asked for, or the newest one with municipalities (kept per data version)."""
    if jaar is not None:
        return jaar
    url = database_url(url)
    prepare(url)
    year: int | None = cache.memo("areas.indelingsjaar", url, (), lambda: q.latest_indelingsjaar(url))
    return year


def _pct(part: Any, whole: Any) -> float | None:
    if not whole:
        return None
    return round(100.0 * float(part or 0) / float(whole), 1)


def _figures(row: Row) -> Row:
    """Add shares (percent, one decimal) and plain ints to a row with dwelling counts."""
    out = dict(row)
    for column in q.COUNT_COLUMNS:
        if column in out:
            out[column] = int(out[column] or 0)
    woningen = out.get("woningen", 0)
    out["sociaal_pct"] = _pct(out.get("sociaal"), woningen)
    out["corporatie_pct"] = _pct(out.get("corporatie"), woningen)
    out["koop_pct"] = _pct(out.get("koop"), woningen)
    if out.get("inwoners") is not None:
        out["inwoners"] = int(out["inwoners"])
    return out


def _with_province(row: Row) -> Row:
    code = row.get("provinciecode")
    return {**row, "provincie": PROVINCIES.get(code) if code else None}


# --- areas ------------------------------------------------------------------------------------


@cache.cached
def gemeenten(
    url: str | None = None, jaar: int | None = None, offset: int = 0, limit: int | None = None
) -> list[Row]:
    """Municipalities with province, inhabitants, dwellings and shares (the national overview)."""
    url = database_url(url)
    prepare(url)
    year = indelingsjaar(url, jaar)
    if year is None:
        return []
    return [_with_province(_figures(r)) for r in q.gemeenten(url, year, offset, limit)]


def gemeente(url: str | None, code: str, jaar: int | None = None) -> Row | None:
    """One municipality with key figures, its wijken and buurten, associations and local agreements.

    The agreements are read fresh (they change without an import); the rest is cached per data version.
    """
    row = _gemeente(url, code, jaar)
    if row is None:
        return None
    return {**row, "prestatieafspraken": _afspraken(database_url(url), code)}


@cache.cached
def _gemeente(url: str | None, code: str, jaar: int | None = None) -> Row | None:
    url = database_url(url)
    prepare(url)
    year = indelingsjaar(url, jaar)
    if year is None:
        return None
    row = q.gemeente(url, code, year)
    if row is None:
        return None
    out = _with_province(_figures(row))
    out["heeft_grens"] = bool(row.get("heeft_grens"))
    # The counts are the current dwellings: the stock on the newest dwelling peildatum (as in the 30% block).
    out["woningen_peildatum"] = homes_queries.latest_stock_peildatum(url)
    out["wijken"] = [_figures(r) for r in q.deelgebieden(url, code, year, "wijk")]
    out["buurten"] = [_figures(r) for r in q.deelgebieden(url, code, year, "buurt")]
    out["corporaties"] = [_figures(r) for r in q.corporaties(url, gemeentecode=code)]
    # The map shows buurten where their boundaries are loaded, otherwise wijken (or nothing).
    if q.geometry_count(url, code, year, "buurt"):
        out["kaartniveau"] = "buurt"
    elif q.geometry_count(url, code, year, "wijk"):
        out["kaartniveau"] = "wijk"
    else:
        out["kaartniveau"] = None
    return out


def _afspraken(url: str, code: str) -> list[Row]:
    """The municipality's local agreements (current versions of the stored agreements), newest first."""
    return [
        {
            "afspraak_id": r["afspraak_id"],
            "titel": r["titel"],
            "versie": r["versie"],
            "startjaar": r["startdatum"].year,
            "eindjaar": r["einddatum"].year,
            "partijen": [{"id": p["partij_id"], "naam": p["naam"]} for p in r["partijen"]],
        }
        for r in agreements.current_rows(url, code)
    ]


@cache.cached
def buurten_van_gemeente(
    url: str | None, code: str, jaar: int | None = None, offset: int = 0, limit: int | None = None
) -> list[Row] | None:
    """The buurten of a municipality (a page of them), or None when the municipality does not exist."""
    url = database_url(url)
    prepare(url)
    year = indelingsjaar(url, jaar)
    if year is None or q.region_name(url, code, year) is None:
        return None
    return [_figures(r) for r in q.deelgebieden(url, code, year, "buurt", offset, limit)]


@cache.cached
def buurt(url: str | None, code: str, jaar: int | None = None) -> Row | None:
    """One buurt with its gemeente and wijk, inhabitants, registered crimes and dwellings."""
    url = database_url(url)
    prepare(url)
    year = indelingsjaar(url, jaar)
    if year is None:
        return None
    row = q.buurt(url, code, year)
    if row is None:
        return None
    out = _figures(row)
    out["heeft_grens"] = bool(row.get("heeft_grens"))
    out["wijk_heeft_grens"] = bool(row.get("wijk_heeft_grens"))
    # The counts are the current dwellings: the stock on the newest dwelling peildatum (as in the 30% block).
    out["woningen_peildatum"] = homes_queries.latest_stock_peildatum(url)
    if out.get("misdrijven") is not None:
        out["misdrijven"] = int(out["misdrijven"])
        out["misdrijven_per_1000"] = (
            round(1000.0 * out["misdrijven"] / out["inwoners"], 1) if out.get("inwoners") else None
        )
    return out


# --- associations and complexes ---------------------------------------------------------------


def complex_id(corporatie_id: str, complexnummer: str) -> str:
    """The public id of a complex: ``<corporatie>-<complexnummer>``, e.g. ``L0001-1001``."""
    return f"{corporatie_id}-{complexnummer}"


def split_complex_id(value: str) -> tuple[str, str] | None:
    corporatie_id, sep, nummer = value.partition("-")
    if not sep or not corporatie_id or not nummer:
        return None
    return corporatie_id, nummer


@cache.cached
def corporaties(url: str | None = None, offset: int = 0, limit: int | None = None) -> list[Row]:
    url = database_url(url)
    prepare(url)
    return [_figures(r) for r in q.corporaties(url, offset=offset, limit=limit)]


def _sloopfase(value: Any) -> str | None:
    return {3: "concreet", 2: "besluit", 1: "voornemen"}.get(int(value)) if value is not None else None


@cache.cached
def corporatie(url: str | None, partij_id: str) -> Row | None:
    """An association: stock, stock by condition, the 5/6 list with demolition exceptions, investments.

    A complex whose latest whole score is 5 or 6 is on the list; it is an exception ("uitzondering")
    only when a demolition plan for it is *concreet* (a mere intention or decision is not enough).
    """
    url = database_url(url)
    prepare(url)
    row = q.corporatie(url, partij_id)
    if row is None:
        return None
    out = _figures(row)
    out["complexen"] = int(row.get("complexen") or 0)
    complexen = q.complexen_met_conditie(url, partij_id)
    per_score: dict[int | None, dict[str, int]] = {}
    lijst = []
    for c in complexen:
        score = int(c["score"]) if c["score"] is not None else None
        bucket = per_score.setdefault(score, {"complexen": 0, "woningen": 0})
        bucket["complexen"] += 1
        bucket["woningen"] += int(c["woningen"])
        if score in SLECHTE_CONDITIE:
            fase = _sloopfase(c["sloopfase"])
            ident = complex_id(c["corporatie_id"], c["complexnummer"])
            lijst.append(
                {
                    **c,
                    "id": ident,
                    "url": f"/complexen/{ident}",  # its page, as the evidence rows of the monitor have
                    "score": score,
                    "oordeel": NEN2767[score],
                    "sloopplan": fase,
                    "uitzondering": fase == PlanStatus.CONCREET,
                }
            )
    out["conditie"] = [
        {
            "score": s,
            "oordeel": NEN2767[s] if s is not None else "geen meting",
            **per_score.get(s, {"complexen": 0, "woningen": 0}),
        }
        for s in [*NEN2767, None]
    ]
    out["slechte_conditie"] = lijst
    out["investeringen"] = [
        {**r, "bedrag_eur": float(r["bedrag_eur"])} for r in q.investeringen(url, partij_id)
    ]
    return out


@cache.cached
def complex_(url: str | None, value: str) -> Row | None:
    """One complex (``L0001-1001``): dwellings, latest condition per element, plans and defects (not
    for a complex of fewer than k dwellings: ``gebreken_onderdrukt`` says why)."""
    url = database_url(url)
    parts = split_complex_id(value)
    if parts is None:
        return None
    prepare(url)
    row = q.complex_(url, *parts)
    if row is None:
        return None
    out = _figures(row)
    out["id"] = complex_id(*parts)
    out["oordeel"] = NEN2767.get(int(row["score"])) if row["score"] is not None else None
    out["elementen"] = [
        {**e, "oordeel": NEN2767.get(int(e["score"]))} for e in q.complex_elementen(url, *parts)
    ]
    out["plannen"] = q.complex_plannen(url, *parts)
    out["herstructurering"] = q.complex_herstructurering(url, *parts)
    # Defects within a complex of 1-4 dwellings describe its households: withheld whole.
    out["gebreken_onderdrukt"] = small_unit_reason(out["woningen"], get_settings().suppression_k)
    out["gebreken"] = (
        []
        if out["gebreken_onderdrukt"]
        else [
            {**g, "aantal": int(g["aantal"]), "open": int(g["open"] or 0)}
            for g in q.complex_gebreken(url, *parts)
        ]
    )
    return out


# --- boundaries -------------------------------------------------------------------------------

#: The indicators the national map can colour municipalities by: property -> (label, unit).
KAART_INDICATOREN: dict[str, tuple[str, str]] = {
    "sociaal_pct": ("Aandeel sociale huur", "%"),
    "corporatie_pct": ("Aandeel corporatiewoningen", "%"),
    "inwoners": ("Inwoners", ""),
    "woningen": ("Woningen", ""),
}


def _feature(code: str, geometrie: str, properties: Row) -> Row:
    return {"type": "Feature", "id": code, "geometry": json.loads(geometrie), "properties": properties}


def _geo_cached(name: str, url: str, args: tuple[Any, ...], build: Callable[[], Row | None]) -> Row | None:
    """A boundary collection per database, data version, area, year and level, built once.

    A hit costs no query at all: the collection (and so the API's encoded body, kept with the same
    key) is reused until a write changes the data version.
    """
    found: Row | None = cache.memo(name, url, args, build)
    return found


def gemeente_grenzen(url: str | None = None, jaar: int | None = None) -> Row:
    """GeoJSON FeatureCollection (CRS84) of the municipalities with the map indicators as properties."""
    url = database_url(url)
    prepare(url)
    year = indelingsjaar(url, jaar)
    if year is None:
        return {"type": "FeatureCollection", "features": []}

    def build() -> Row:
        figures = {r["code"]: r for r in gemeenten(url, year)}
        features = []
        for g in q.gemeente_geometrieen(url, year):
            f = figures.get(g["code"], {})
            props = {
                "code": g["code"],
                "naam": f.get("naam"),
                "url": f"/gemeenten/{g['code']}",
                **{k: f.get(k) for k in KAART_INDICATOREN},
            }
            features.append(_feature(g["code"], g["geometrie"], props))
        return {"type": "FeatureCollection", "features": features}

    found = _geo_cached("areas.gemeente_grenzen", url, (year,), build)
    assert found is not None  # build always returns a collection
    return found


def leefbaarheid(url: str | None, codes: list[str]) -> dict[str, float]:
    """The objective liveability total per area code from the newest computed index (empty without
    one; suppressed areas left out), as the maps show it."""
    return _leefbaarheid(database_url(url), codes)


def _leefbaarheid(url: str, codes: list[str]) -> dict[str, float]:
    """The objective liveability total per area code from the newest computed index (empty without one)."""
    from leefbaar.services import liveability

    try:
        found = liveability.scores(url, codes)
    except ValueError:  # IndexFout: no index computed yet
        return {}
    out = {}
    for score in found:
        total = next((d.score for d in score.objectief if d.onderdeel == "totaal"), None)
        if total is not None and not score.onderdrukt:
            out[score.code] = round(total, 2)
    return out


def deelgebied_grenzen(url: str | None, code: str, niveau: str, jaar: int | None = None) -> Row | None:
    """GeoJSON (CRS84) of the wijken or buurten of a municipality; None when it does not exist."""
    url = database_url(url)
    prepare(url)
    year = indelingsjaar(url, jaar)
    if year is None:
        return None

    def build() -> Row | None:
        # The existence check is part of the build: a cached collection needs no query at all.
        if q.region_name(url, code, year) is None:
            return None
        figures = {r["code"]: r for r in [_figures(r) for r in q.deelgebieden(url, code, year, niveau)]}
        scores = _leefbaarheid(url, list(figures))
        features = []
        for g in q.deelgebied_geometrieen(url, code, year, niveau):
            f = figures.get(g["code"], {})
            props = {
                "code": g["code"],
                "naam": f.get("naam"),
                "niveau": niveau,
                "url": f"/buurten/{g['code']}" if niveau == "buurt" else None,
                **{k: f.get(k) for k in KAART_INDICATOREN},
                "leefbaarheid": scores.get(g["code"]),
            }
            features.append(_feature(g["code"], g["geometrie"], props))
        return {"type": "FeatureCollection", "features": features}

    return _geo_cached("areas.deelgebied_grenzen", url, (code, year, niveau), build)
