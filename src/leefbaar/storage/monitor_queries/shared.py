"""What every monitor query shares: scope grouping sets, current facts, one connection, the stock.

- :func:`scoped` builds the ``scope_soort, scope_code`` select list and the ``GROUP BY GROUPING SETS``
  clause, so that one pass over a small pre-aggregate yields every scope (``nationaal`` ``NL``,
  ``provincie`` ``PV27`` via ``regio.provinciecode`` of the gemeente, ``gemeente`` ``GM0363`` from the
  dwelling's buurtcode, ``corporatie`` ``L0001`` and ``complex`` ``L0001/1043``);
- :func:`current_facts` is the latest version per natural key with ``peildatum`` on or before the
  reference date;
- :func:`shared_connection` lets the queries of one evaluation share one connection, and so one
  aggregate of the association stock (:func:`stock_cte`) in a temporary table.

The SQL is portable between DuckDB and PostgreSQL 15 (CTEs, window functions, ``FILTER``,
``GROUPING SETS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text

from leefbaar.storage.engine import get_engine
from leefbaar.storage.rule_sql import slecht_label
from leefbaar.storage.tables import CURRENT_FIRST, NATURAL_KEYS, SAME_DAY_VERSIONS

Row = dict[str, Any]

#: Scope kinds in the order of their grouping sets; ``complex`` is the finest.
SCOPE_SETS = {
    "nationaal": "()",
    "provincie": "(provinciecode)",
    "gemeente": "(gemeentecode)",
    "corporatie": "(corporatie_id)",
    "complex": "(corporatie_id, complexnummer)",
}

#: Per scope kind, finest first: the column whose GROUPING() is 0 in its set, and its code expression.
_SCOPE_TESTS = (
    ("complex", "complexnummer", "corporatie_id || '/' || complexnummer"),
    ("corporatie", "corporatie_id", "corporatie_id"),
    ("gemeente", "gemeentecode", "gemeentecode"),
    ("provincie", "provinciecode", "provinciecode"),
)

#: The scope kinds of indicators about areas rather than associations.
AREA_SCOPES = ("nationaal", "provincie", "gemeente")


def scoped(scopes: Iterable[str], allowed: Sequence[str] = tuple(SCOPE_SETS)) -> tuple[str, str]:
    """The ``scope_soort, scope_code`` select list and the ``GROUP BY GROUPING SETS`` clause.

    GROUPING() may only name grouping columns, so both are built from the requested scopes.
    """
    wanted = [s for s in SCOPE_SETS if s in set(scopes) and s in allowed]
    if not wanted:
        raise ValueError("geen scope gevraagd")
    tests = [(s, col, code) for s, col, code in _SCOPE_TESTS if s in wanted]
    soort = " ".join(f"WHEN GROUPING({col}) = 0 THEN '{s}'" for s, col, _ in tests)
    codes = " ".join(f"WHEN GROUPING({col}) = 0 THEN {code}" for _, col, code in tests)
    rest_soort, rest_code = ("'nationaal'", "'NL'") if "nationaal" in wanted else ("NULL", "NULL")
    select = (
        f"CASE {soort} ELSE {rest_soort} END AS scope_soort, CASE {codes} ELSE {rest_code} END AS scope_code"
        if tests
        else f"{rest_soort} AS scope_soort, {rest_code} AS scope_code"
    )
    # the empty grouping set yields a row even over no rows at all; no rows means no data, not 0
    group = f"GROUP BY GROUPING SETS ({', '.join(SCOPE_SETS[s] for s in wanted)}) HAVING count(*) > 0"
    return select, group


def _plain(value: Any) -> Any:
    """Decimals (PostgreSQL numeric sums) become floats; everything else stays as the driver gave it."""
    return float(value) if isinstance(value, Decimal) else value


def fetch_rows(conn: Connection, sql: str, params: Mapping[str, Any]) -> list[Row]:
    """The rows of ``sql`` as dicts, numeric sums as floats."""
    result = conn.execute(text(sql), dict(params))
    return [{key: _plain(value) for key, value in row.items()} for row in result.mappings()]


def current_facts(conn: Connection, table: str, peildatum: date) -> str:
    """A subquery with the current version of every fact of ``table`` on ``peildatum``.

    When every natural key has one version on or before the date, the (costly) window over 8
    million dwellings is skipped: all rows share one peildatum and, for a table that takes
    single-record writes (``SAME_DAY_VERSIONS``: two versions on one day), one import. Otherwise
    the latest version per key wins (``CURRENT_FIRST``). The check itself scans the table, so its
    answer is kept per data version (max import id).
    """
    versie = conn.execute(text("SELECT max(import_id) FROM import_log")).scalar()
    key = (str(conn.engine.url), table, peildatum, versie)
    single = _SINGLE_VERSION.get(key)
    if single is None:
        lo, hi, first_import, last_import = conn.execute(
            text(
                f"SELECT min(peildatum), max(peildatum), min(import_id), max(import_id) "
                f"FROM {table} WHERE peildatum <= :p"
            ),
            {"p": peildatum},
        ).one()
        one_import = first_import == last_import or table not in SAME_DAY_VERSIONS
        single = _SINGLE_VERSION[key] = lo == hi and one_import
    if single:
        return f"(SELECT * FROM {table} WHERE peildatum <= :p)"
    keys = ", ".join(NATURAL_KEYS[table])
    return (
        f"(SELECT * FROM (SELECT t.*, row_number() OVER (PARTITION BY {keys} ORDER BY {CURRENT_FIRST})"
        f" AS versie_rang FROM {table} t WHERE peildatum <= :p) versies WHERE versie_rang = 1)"
    )


#: (database, table, peildatum, data version) -> all rows on or before the date share one peildatum.
_SINGLE_VERSION: dict[tuple[str, str, date, Any], bool] = {}


def provincie_cte() -> str:
    """gemeentecode -> provinciecode from the latest indeling that has provinces."""
    return """gp AS (
        SELECT code AS gemeentecode, provinciecode FROM regio
        WHERE niveau = 'gemeente' AND indelingsjaar = (
            SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente' AND provinciecode IS NOT NULL))"""


def stock_cte(conn: Connection, peildatum: date) -> str:
    """Association dwellings per complex and municipality, with their energy labels (one scan).

    Inside :func:`shared_connection` the scan runs once per reference date into a temporary table
    that R1 and the stock indicators both read; elsewhere it is part of the query.
    """
    shared = _SHARED.get()
    if shared is not None and shared.conn is conn and peildatum in shared.stock:
        return f"stock AS (SELECT * FROM {_stock_table(peildatum)})"
    woning = current_facts(conn, "woning", peildatum)
    select = f"""SELECT w.corporatie_id, w.complexnummer, 'GM' || substr(w.buurtcode, 3, 4) AS gemeentecode,
               count(*) AS woningen,
               count(w.energielabel) AS label_bekend,
               count(*) FILTER (WHERE {slecht_label("w.energielabel")}) AS label_efg
        FROM {woning} w WHERE w.eigendom = 'corporatie'
        GROUP BY w.corporatie_id, w.complexnummer, 'GM' || substr(w.buurtcode, 3, 4)"""
    if shared is None or shared.conn is not conn:
        return f"stock AS ({select})"
    table = _stock_table(peildatum)
    conn.execute(text(f"CREATE TEMPORARY TABLE {table} AS {select}"), {"p": peildatum})
    conn.commit()  # kept when a query after it rolls back its own temporary table (r1_condition)
    shared.stock.add(peildatum)
    return f"stock AS (SELECT * FROM {table})"


def _stock_table(peildatum: date) -> str:
    return f"monitor_stock_{peildatum.strftime('%Y%m%d')}"


@dataclass
class _Shared:
    url: str
    conn: Connection
    stock: set[date] = field(default_factory=set)


_SHARED: ContextVar[_Shared | None] = ContextVar("monitor_shared_connection", default=None)


@contextmanager
def shared_connection(url: str) -> Iterator[None]:
    """Let the indicator queries in this block share one connection (and so one stock aggregate).

    An evaluation reads the 8 million dwellings for R1 and again for the stock indicators; with one
    connection the second read is a temporary table of some 40,000 rows. The temporary tables are
    dropped at the end, because a pooled connection outlives the block.
    """
    with get_engine(url).connect() as conn:
        shared = _Shared(url, conn)
        token = _SHARED.set(shared)
        try:
            yield
        finally:
            _SHARED.reset(token)
            conn.rollback()
            for day in shared.stock:
                conn.execute(text(f"DROP TABLE IF EXISTS {_stock_table(day)}"))
            conn.commit()


@contextmanager
def connect(url: str) -> Iterator[Connection]:
    """The shared connection of :func:`shared_connection` for this database, or a new one."""
    shared = _SHARED.get()
    if shared is not None and shared.url == url:
        yield shared.conn
        return
    with get_engine(url).connect() as conn:
        yield conn
