"""Search areas (gemeente, wijk, buurt) and housing associations by name or code."""

from __future__ import annotations

from typing import Any

from leefbaar.services.areas import database_url, indelingsjaar
from leefbaar.storage import area_queries as q

#: Dutch label of each kind of hit.
SOORTEN = {"gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt", "corporatie": "Corporatie"}

MAX_TERM_LENGTH = 100
DEFAULT_LIMIT = 25


def url_for(soort: str, code: str, gemeentecode: str | None = None) -> str:
    """The web page of a hit (a wijk has no page of its own: it opens its municipality)."""
    if soort == "gemeente":
        return f"/gemeenten/{code}"
    if soort == "buurt":
        return f"/buurten/{code}"
    if soort == "corporatie":
        return f"/corporaties/{code}"
    return f"/gemeenten/{gemeentecode or 'GM' + code[2:6]}#wijk-{code}"


def zoek(
    term: str, url: str | None = None, limit: int = DEFAULT_LIMIT, jaar: int | None = None
) -> list[dict[str, Any]]:
    """Hits for ``term`` (at least 2 characters), best first: exact codes, then names starting with it."""
    term = term.strip()[:MAX_TERM_LENGTH]
    if len(term) < 2:
        return []
    url = database_url(url)
    year = indelingsjaar(url, jaar)
    if year is None:
        return []
    hits = []
    for row in q.search(url, term, year, limit):
        soort = str(row["soort"])
        hits.append(
            {
                "soort": soort,
                "soort_label": SOORTEN.get(soort, soort),
                "code": row["code"],
                "naam": row["naam"],
                "gemeentenaam": row["gemeentenaam"],
                "url": url_for(soort, str(row["code"])),
            }
        )
    return hits
