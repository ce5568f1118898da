"""Buurtkamers (R5) as the gemeente and buurt pages and the API show them.

Per buurtkamer: where it is (buurt, address), when it opened and closed and whether it is open today
(``storage.rule_sql.buurtkamer_open``, the rule the monitor counts by), its yearly cost and who pays
it, its reach when reported (visitors and activities per year), and its partners with what each
brings (``domain.parties.PARTNER_ROL``: zorg en welzijn, veiligheid, bewoners ...). Every function
takes the database URL (``None``: the setting) and returns plain dicts with Dutch keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from leefbaar.domain.parties import PARTNER_ROL, PartijSoort, soort_van_id
from leefbaar.services import areas, cache
from leefbaar.storage import area_queries
from leefbaar.storage import buurtkamer_queries as q

Row = dict[str, Any]

#: The state of a buurtkamer on a date, in the words of the pages and the API.
OPEN, GESLOTEN, NOG_NIET_GEOPEND = "open", "gesloten", "nog niet geopend"


def van_gemeente(
    url: str | None, code: str, offset: int = 0, limit: int | None = None, op: date | None = None
) -> list[Row] | None:
    """The buurtkamers in a municipality by name (a page of them), as on ``op`` (default today);
    None when the municipality is not in the newest division."""
    return _list(areas.database_url(url), op or date.today(), code, None, offset, limit)


def van_buurt(
    url: str | None, code: str, offset: int = 0, limit: int | None = None, op: date | None = None
) -> list[Row] | None:
    """The buurtkamers in a buurt by name (a page of them), as on ``op`` (default today); None when
    the buurt is not in the newest division."""
    return _list(areas.database_url(url), op or date.today(), None, code, offset, limit)


def overzicht(rows: list[Row]) -> Row:
    """What a page says above the table: how many are open, closed, not yet open; the yearly cost of
    the open ones that report it; and the buurten with an open buurtkamer (marked on the map)."""
    open_ = [r for r in rows if r["status"] == OPEN]
    kosten = [r["jaarkosten_eur"] for r in open_ if r["jaarkosten_eur"] is not None]
    return {
        "rijen": rows,
        "open": len(open_),
        "gesloten": sum(1 for r in rows if r["status"] == GESLOTEN),
        "nog_niet_geopend": sum(1 for r in rows if r["status"] == NOG_NIET_GEOPEND),
        "jaarkosten_eur": sum(kosten) if kosten else None,
        "met_jaarkosten": len(kosten),
        "buurten_open": sorted({r["buurtcode"] for r in open_}),
    }


@cache.cached
def _list(
    url: str, op: date, gemeentecode: str | None, buurtcode: str | None, offset: int, limit: int | None
) -> list[Row] | None:
    areas.prepare(url)
    year = areas.indelingsjaar(url)
    code = gemeentecode or buurtcode or ""
    if year is None or area_queries.region_name(url, code, year) is None:
        return None
    rows = q.buurtkamers(url, op, gemeentecode=gemeentecode, buurtcode=buurtcode, offset=offset, limit=limit)
    named = q.parties(url, _party_ids(rows))
    return [_buurtkamer(r, op, named) for r in rows]


def _party_ids(rows: Iterable[Row]) -> set[str]:
    ids: set[str] = set()
    for r in rows:
        ids.update(_ids(r["partners"]))
        ids.update(_ids(r["betaald_door"]))
        if r["corporatie_id"]:
            ids.add(r["corporatie_id"])
    return ids


def _ids(text: str | None) -> list[str]:
    """A stored party list (``GM0363;ZP0001``, sorted by the import) as ids."""
    return [part for part in (text or "").split(";") if part]


def _party(partij_id: str, named: Mapping[str, Row]) -> Row:
    found = named.get(partij_id)
    soort = PartijSoort(found["soort"]) if found else soort_van_id(partij_id)
    return {
        "id": partij_id,
        "naam": found["naam"] if found else partij_id,
        "soort": soort.value if soort else None,
        "rol": PARTNER_ROL.get(soort) if soort else None,
    }


def _status(r: Row, op: date) -> str:
    if r["is_open"]:
        return OPEN
    return NOG_NIET_GEOPEND if r["geopend_op"] > op else GESLOTEN


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _whole(value: Any) -> int | None:
    return None if value is None else int(value)


def _buurtkamer(r: Row, op: date, named: Mapping[str, Row]) -> Row:
    return {
        "id": r["buurtkamer_id"],
        "naam": r["naam"],
        "buurtcode": r["buurtcode"],
        "buurtnaam": r["buurtnaam"],
        "gemeentecode": r["gemeentecode"],
        "adres": r["adres"],
        "corporatie": _party(r["corporatie_id"], named) if r["corporatie_id"] else None,
        "geopend_op": r["geopend_op"],
        "gesloten_op": r["gesloten_op"],
        "status": _status(r, op),
        "jaarkosten_eur": _number(r["jaarkosten_eur"]),
        "betaald_door": [_party(p, named) for p in _ids(r["betaald_door"])],
        "bezoekers_per_jaar": _whole(r["bezoekers_per_jaar"]),
        "activiteiten_per_jaar": _whole(r["activiteiten_per_jaar"]),
        "activiteiten": r["activiteiten"],
        "partners": [_party(p, named) for p in _ids(r["partners"])],
        "peildatum": r["peildatum"],
    }
