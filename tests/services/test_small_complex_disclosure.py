"""Defect counts of a complex with 1-4 dwellings are withheld on every public face (both backends):
within so small a complex they describe its households (privacy.disclosure.units)."""

from __future__ import annotations

from sqlalchemy import text

from leefbaar.privacy.disclosure import reden_kleine_eenheid, small_unit
from leefbaar.services import areas
from leefbaar.storage.engine import get_engine

# Complexes with defects, by their number of dwellings (current rows of the tiny demo).
_SIZES = """
    WITH w AS (SELECT corporatie_id, complexnummer, count(*) AS n FROM woning
               WHERE corporatie_id IS NOT NULL GROUP BY corporatie_id, complexnummer),
         g AS (SELECT DISTINCT corporatie_id, complexnummer FROM gebrek)
    SELECT g.corporatie_id || '-' || g.complexnummer, coalesce(w.n, 0)
    FROM g LEFT JOIN w ON w.corporatie_id = g.corporatie_id AND w.complexnummer = g.complexnummer
    ORDER BY 2, 1"""


def test_defects_of_a_complex_of_fewer_than_five_dwellings_are_withheld(tiny_db: str) -> None:
    with get_engine(tiny_db).connect() as conn:
        sizes = [(str(c), int(n)) for c, n in conn.execute(text(_SIZES))]
    small = [(c, n) for c, n in sizes if 0 < n < 5]
    big = [(c, n) for c, n in sizes if n >= 5]
    assert small and big  # the tiny demo has both kinds
    for ident, n in small[:3]:
        c = areas.complex_(tiny_db, ident)
        assert c is not None and c["woningen"] == n
        assert c["gebreken"] == []
        assert c["gebreken_onderdrukt"] == reden_kleine_eenheid(5)
    for ident, _ in big[:3]:
        c = areas.complex_(tiny_db, ident)
        assert c is not None and c["gebreken_onderdrukt"] is None
        assert c["gebreken"] and all(g["aantal"] >= 1 for g in c["gebreken"])


def test_the_rule_is_one_threshold() -> None:
    assert [n for n in range(7) if small_unit(n)] == [0, 1, 2, 3, 4]  # 0: size unknown, withheld too
    assert [n for n in range(7) if small_unit(n, k=3)] == [0, 1, 2]
    assert reden_kleine_eenheid(5) == (
        "niet getoond: minder dan 5 woningen, zodat de aantallen over afzonderlijke huishoudens gaan"
    )
