"""Search areas (gemeente, wijk, buurt) and housing associations by name, alternative name or code.

The web page (``/zoeken``) and the API (``/api/v1/zoeken``) both call :func:`zoek`. Matching and
ranking are one rule in SQL on both backends (``storage.search_queries``, which documents it):
exact, then begins with, then contains, then similar (trigram similarity of at least
:data:`DREMPEL`), each tier by level and inhabitants. Known alternative names of municipalities
("Den Haag" for 's-Gravenhage) are a small data file shipped with the package, with the source of
each name (:data:`ALTERNATIEVE_NAMEN_BESTAND`).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from leefbaar.services import areas, cache
from leefbaar.storage import search_queries as q

#: Dutch label of each kind of hit.
SOORTEN = {"gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt", "corporatie": "Corporatie"}

#: How a hit matched, per tier: (API value, Dutch phrase for the page).
OVEREENKOMSTEN = {
    0: ("exact", "exact"),
    1: ("begin", "begint met de zoekterm"),
    2: ("bevat", "bevat de zoekterm"),
    3: ("gelijkend", "lijkt op de zoekterm"),
}

MAX_TERM_LENGTH = 100
DEFAULT_LIMIT = 25
#: The lowest trigram similarity (0-1) of a similar hit: the threshold of PostgreSQL's pg_trgm, and
#: low enough for one wrong or missing letter in a name of 6 or more letters ("Amsterdm": 0,58).
DREMPEL = 0.3

#: Known alternative names of municipalities, in ``leefbaar/data/``: gemeentecode; gemeentenaam (the
#: CBS name); alternatieve_naam; soort; bron.
ALTERNATIEVE_NAMEN_BESTAND = "gemeente_alternatieve_namen.csv"


@dataclass(frozen=True)
class AlternatieveNaam:
    gemeentecode: str
    gemeentenaam: str
    naam: str
    soort: str
    bron: str


@functools.cache
def alternatieve_namen() -> tuple[AlternatieveNaam, ...]:
    """The shipped list of alternative municipality names (read once)."""
    path = resources.files("leefbaar") / "data" / ALTERNATIEVE_NAMEN_BESTAND
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    return tuple(
        AlternatieveNaam(r["gemeentecode"], r["gemeentenaam"], r["alternatieve_naam"], r["soort"], r["bron"])
        for r in rows
    )


def url_for(soort: str, code: str, gemeentecode: str | None = None) -> str:
    """The web page of a hit (a wijk has no page of its own: it opens its municipality)."""
    if soort == "gemeente":
        return f"/gemeenten/{code}"
    if soort == "buurt":
        return f"/buurten/{code}"
    if soort == "corporatie":
        return f"/corporaties/{code}"
    return f"/gemeenten/{gemeentecode or 'GM' + code[2:6]}#wijk-{code}"


def as_code(term: str) -> str | None:
    """The term as a code (CBS code, with or without GM/WK/BU, or a party id): upper case, no spaces."""
    compact = "".join(term.split()).upper()
    return compact if compact.isascii() and compact.isalnum() else None


def zoek(term: str, url: str | None = None, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Hits for ``term`` (at least 2 characters, one of them a letter or digit), best first.

    Each hit: soort, soort_label, code, naam, gemeentenaam, indelingsjaar, url (None for a code
    that only exists in an older division year), exact, overeenkomst (exact, begin, bevat or
    gelijkend), overeenkomst_label, gevonden_op (the alternative name that matched, else None),
    gelijkenis (similar hits only, two decimals). Answers are cached per data version: do not
    change them.
    """
    term = term.strip()[:MAX_TERM_LENGTH]
    if len(term) < 2 or not any(ch.isalnum() for ch in term):
        return []
    return _zoek(database_url(url), term, limit)


def database_url(url: str | None = None) -> str:
    return areas.database_url(url)


@cache.cached
def _zoek(url: str, term: str, limit: int) -> list[dict[str, Any]]:
    _ensure_index(url)
    return [_hit(row) for row in q.search(url, term, as_code(term), limit, DREMPEL)]


def _ensure_index(url: str) -> None:
    """Make the name index follow the data: asked of the database once per data version."""
    version = areas.prepare(url)
    alternatives = [(a.gemeentecode, a.naam) for a in alternatieve_namen()]

    def build() -> bool:
        q.ensure_index(url, version.imports, alternatives)
        return True  # kept: the index is current for this version (None would not be kept)

    cache.memo("search.index", url, (), build, counted=False)


def _hit(row: dict[str, Any]) -> dict[str, Any]:
    soort, code, trede = str(row["soort"]), str(row["code"]), int(row["trede"])
    waarde, label = OVEREENKOMSTEN[trede]
    return {
        "soort": soort,
        "soort_label": SOORTEN.get(soort, soort),
        "code": code,
        "naam": row["naam"],
        "gemeentenaam": row["gemeentenaam"],
        "indelingsjaar": int(row["indelingsjaar"]),
        "url": url_for(soort, code, row["gemeentecode"]) if row["nieuwste"] else None,
        "exact": trede == 0,
        "overeenkomst": waarde,
        "overeenkomst_label": label,
        "gevonden_op": row["zoeknaam"] if row["alternatief"] else None,
        "gelijkenis": round(float(row["gelijkenis"]), 2) if trede == 3 else None,
    }


def enige_exacte_pagina(hits: list[dict[str, Any]]) -> str | None:
    """The page to open straight away: that of the only exact hit, if there is exactly one with a page."""
    exact = [h for h in hits if h["exact"]]
    if len(exact) == 1 and exact[0]["url"]:
        return str(exact[0]["url"])
    return None


@cache.cached
def voorbeeldcode(url: str | None = None) -> str | None:
    """A buurtcode that exists (the buurt with the most inhabitants), for the search form's example."""
    url = database_url(url)
    _ensure_index(url)
    return q.example_buurtcode(url)
