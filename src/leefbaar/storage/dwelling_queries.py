"""Dwelling rows of one complex: the detail behind the public counts, for those the policy allows.

Portable SQL for DuckDB and PostgreSQL 15. "Current" is the latest version per
``verblijfsobject_id`` (``tables.NATURAL_KEYS``): a dwelling whose newest row belongs to another
complex, or to nobody, is not in this complex any more. With a single dwelling import every row is
current and the version window is skipped (on PostgreSQL the lookups use ``ix_woning_corporatie``
and ``ix_woning_vbo``; DuckDB prunes the scan with its zone maps).

Who may see these rows is not decided here: ``services.dwellings`` asks the access policy first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from leefbaar.storage.engine import get_engine

Row = dict[str, Any]


def _single_dwelling_import(conn: Connection) -> bool:
    imports = conn.execute(
        text("SELECT count(*) FROM import_log WHERE soort = 'woningen' OR soort LIKE 'demo:woning%'")
    ).scalar()
    return int(imports or 0) <= 1


def _current_in_complex(single_import: bool) -> str:
    """CTE ``woningen``: the current dwellings of complex (:id, :nr)."""
    if single_import:
        return "woningen AS (SELECT * FROM woning WHERE corporatie_id = :id AND complexnummer = :nr)"
    return """kandidaat AS (
            SELECT DISTINCT verblijfsobject_id FROM woning WHERE corporatie_id = :id AND complexnummer = :nr),
        versies AS (
            SELECT w.*, row_number() OVER (PARTITION BY w.verblijfsobject_id
                   ORDER BY w.peildatum DESC, w.import_id DESC) AS rn
            FROM woning w JOIN kandidaat k ON k.verblijfsobject_id = w.verblijfsobject_id),
        woningen AS (SELECT * FROM versies WHERE rn = 1 AND corporatie_id = :id AND complexnummer = :nr)"""


def complex_dwellings(
    url: str,
    corporatie_id: str,
    complexnummer: str,
    gemeentecode: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[Row]:
    """One page of the current dwellings of a complex, by address, with their open defects.

    ``gemeentecode``: only the dwellings whose buurt lies in that municipality (a municipality sees
    its own territory only). Every row carries ``totaal``: how many dwellings the whole selection
    has (a window count, so the page needs no second query). ``open_gebreken`` lists the kinds of
    defect found and not solved (latest version per defect), separated by ``;``, or is NULL.
    """
    page = "" if limit is None else "LIMIT :limit OFFSET :offset"
    territory = "" if gemeentecode is None else "AND 'GM' || substr(w.buurtcode, 3, 4) = :gm"
    with get_engine(url).connect() as conn:
        sql = f"""WITH {_current_in_complex(_single_dwelling_import(conn))},
            gebrek_nu AS (
                SELECT * FROM (SELECT g.*, row_number() OVER (PARTITION BY corporatie_id, gebrek_id
                               ORDER BY peildatum DESC, import_id DESC) AS rn
                               FROM gebrek g WHERE corporatie_id = :id AND complexnummer = :nr) t
                WHERE rn = 1),
            open_gebrek AS (
                SELECT verblijfsobject_id, string_agg(DISTINCT soort, ';' ORDER BY soort) AS open_gebreken
                FROM gebrek_nu WHERE opgelost_op IS NULL AND verblijfsobject_id IS NOT NULL
                GROUP BY verblijfsobject_id)
            SELECT w.verblijfsobject_id, w.postcode, w.huisnummer, w.huisletter, w.toevoeging, w.buurtcode,
                   w.eigendom, w.huursegment, w.energielabel, w.bouwjaar, w.oppervlakte_m2, w.peildatum,
                   o.open_gebreken, count(*) OVER () AS totaal
            FROM woningen w LEFT JOIN open_gebrek o ON o.verblijfsobject_id = w.verblijfsobject_id
            WHERE 1 = 1 {territory}
            ORDER BY w.postcode NULLS LAST, w.huisnummer NULLS LAST, w.huisletter NULLS FIRST,
                     w.toevoeging NULLS FIRST, w.verblijfsobject_id
            {page}"""
        params = {
            "id": corporatie_id,
            "nr": complexnummer,
            "gm": gemeentecode,
            "limit": limit,
            "offset": offset,
        }
        return [dict(r) for r in conn.execute(text(sql), params).mappings().all()]
