"""The stored runs of the liveability index: write one run in one transaction, read runs back.

A run and its indicator, score and contribution rows land in the append-only tables of
:mod:`leefbaar.storage.liveability_tables` (DuckDB: Arrow ``INSERT ... SELECT``; PostgreSQL:
``COPY``); the ``read_*`` functions return Arrow tables with fixed column types, on DuckDB and
PostgreSQL 15 alike.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import text

from leefbaar.storage.engine import Backend, backend_of, get_engine
from leefbaar.storage.liveability_fetch import fetch, quote, typed
from leefbaar.storage.liveability_tables import KOLOMMEN

_CODE = re.compile(r"[A-Z]{2}[0-9A-Z]{2,8}")


def store_run(url: str, run: Mapping[str, Any], tabellen: Mapping[str, pa.Table]) -> int:
    """Write one run (the run row and its indicator, score and contribution tables) in one transaction.

    ``run`` holds the columns of ``leefbaarheid_run`` except ``run_id``; ``tabellen`` maps table
    names to Arrow tables whose columns are those of the table except ``run_id``. Returns the run id.
    """
    if backend_of(url) is Backend.DUCKDB:
        return _store_duckdb(url, run, tabellen)
    return _store_postgres(url, run, tabellen)


def _store_duckdb(url: str, run: Mapping[str, Any], tabellen: Mapping[str, pa.Table]) -> int:
    raw = get_engine(url).raw_connection()
    try:
        duck: Any = raw.driver_connection
        duck.execute("BEGIN TRANSACTION")
        try:
            run_id = int(duck.execute("SELECT nextval('leefbaarheid_run_id_seq')").fetchone()[0])
            kolommen = KOLOMMEN["leefbaarheid_run"]
            plaats = ", ".join("?" for _ in kolommen)
            duck.execute(
                f"INSERT INTO leefbaarheid_run ({', '.join(kolommen)}) VALUES ({plaats})",
                [run_id, *(run[k] for k in kolommen[1:])],
            )
            for naam, tabel in tabellen.items():
                kolommen = KOLOMMEN[naam]
                duck.register("__lb_rijen", tabel)
                duck.execute(
                    f"INSERT INTO {naam} ({', '.join(kolommen)}) "
                    f"SELECT {run_id}, {', '.join(kolommen[1:])} FROM __lb_rijen"
                )
                duck.unregister("__lb_rijen")
            duck.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                duck.execute("ROLLBACK")
            raise
    finally:
        raw.close()
    return run_id


def _store_postgres(url: str, run: Mapping[str, Any], tabellen: Mapping[str, pa.Table]) -> int:
    raw = get_engine(url).raw_connection()
    try:
        pg: Any = raw.driver_connection
        try:
            cur = pg.cursor()
            cur.execute("SELECT nextval('leefbaarheid_run_id_seq')")
            run_id = int(cur.fetchone()[0])
            kolommen = KOLOMMEN["leefbaarheid_run"]
            cur.execute(
                f"INSERT INTO leefbaarheid_run ({', '.join(kolommen)}) "
                f"VALUES ({', '.join('%s' for _ in kolommen)})",
                [run_id, *(run[k] for k in kolommen[1:])],
            )
            for naam, tabel in tabellen.items():
                kolommen = KOLOMMEN[naam]
                met_id = tabel.select(list(kolommen[1:])).add_column(
                    0, "run_id", pa.array([run_id] * tabel.num_rows, pa.int64())
                )
                buffer = io.BytesIO()
                pacsv.write_csv(met_id, buffer)
                buffer.seek(0)
                with cur.copy(
                    f"COPY {naam} ({', '.join(kolommen)}) FROM STDIN (FORMAT csv, HEADER true)"
                ) as copy:
                    while chunk := buffer.read(1 << 20):
                        copy.write(chunk)
            pg.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                pg.rollback()
            raise
    finally:
        raw.close()
    return run_id


def read_runs(url: str, jaar: int | None = None) -> list[dict[str, Any]]:
    """Stored runs, newest first (optionally of one year)."""
    sql = (
        "SELECT run_id, jaar, indelingsjaar, gewichten_naam, min_inwoners, berekend_op, gebruiker "
        "FROM leefbaarheid_run"
    )
    params: dict[str, Any] = {}
    if jaar is not None:
        sql += " WHERE jaar = :jaar"
        params["jaar"] = int(jaar)
    sql += " ORDER BY run_id DESC"
    with get_engine(url).connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def read_run_weights(url: str, run_id: int) -> str:
    """The weights file (YAML text) a run used."""
    with get_engine(url).connect() as conn:
        return str(
            conn.execute(
                text("SELECT gewichten FROM leefbaarheid_run WHERE run_id = :r"), {"r": int(run_id)}
            ).scalar_one()
        )


def _codes_filter(codes: Sequence[str] | None) -> str:
    if codes is None:
        return ""
    schoon = [c for c in codes if _CODE.fullmatch(c)]
    if not schoon:
        return " AND 1 = 0"
    return f" AND code IN ({', '.join(quote(c) for c in schoon)})"


_SCORE_TYPES: dict[str, pa.DataType] = {
    "run_id": pa.int64(),
    "jaar": pa.int32(),
    "indelingsjaar": pa.int32(),
    "niveau": pa.string(),
    "code": pa.string(),
    "regio": pa.string(),
    "soort": pa.string(),
    "onderdeel": pa.string(),
    "inwoners": pa.float64(),
    "score": pa.float64(),
    "gestandaardiseerd": pa.float64(),
    "percentiel_landelijk": pa.float64(),
    "percentiel_regio": pa.float64(),
    "klasse": pa.string(),
    "onderdrukt": pa.bool_(),
    "reden": pa.string(),
    "aantal_indicatoren": pa.int32(),
}


def read_scores(
    url: str, run_ids: Sequence[int], niveau: str | None = None, codes: Sequence[str] | None = None
) -> pa.Table:
    """Stored score rows of the given runs, optionally of one level and some codes."""
    volgorde = "run_id, niveau, code, soort, onderdeel"
    return _read(url, "leefbaarheid_score", _SCORE_TYPES, run_ids, niveau, codes, volgorde)


_BIJDRAGE_TYPES: dict[str, pa.DataType] = {
    "run_id": pa.int64(),
    "niveau": pa.string(),
    "code": pa.string(),
    "indicator": pa.string(),
    "waarde": pa.float64(),
    "genormaliseerd": pa.float64(),
    "bijdrage_dimensie": pa.float64(),
    "bijdrage_totaal": pa.float64(),
}


def read_contributions(url: str, run_id: int, codes: Sequence[str]) -> pa.Table:
    """Stored contributions of some areas in a run."""
    return _read(url, "leefbaarheid_bijdrage", _BIJDRAGE_TYPES, [run_id], None, codes, "code, indicator")


_INDICATOR_TYPES: dict[str, pa.DataType] = {
    "run_id": pa.int64(),
    "niveau": pa.string(),
    "indicator": pa.string(),
    "gebruikt": pa.bool_(),
    "reden": pa.string(),
    "gewicht": pa.float64(),
    "mediaan": pa.float64(),
    "schaal": pa.float64(),
    "aantal_gebieden": pa.int64(),
    "jaar_van": pa.int32(),
    "jaar_tot": pa.int32(),
}


def read_indicators(url: str, run_id: int) -> pa.Table:
    """Per level and registry indicator of a run: used or not (why), weight, median, scale, years."""
    return _read(url, "leefbaarheid_indicator", _INDICATOR_TYPES, [run_id], None, None, "niveau, indicator")


def _read(
    url: str,
    tabel: str,
    typen: Mapping[str, pa.DataType],
    run_ids: Sequence[int],
    niveau: str | None,
    codes: Sequence[str] | None,
    volgorde: str,
) -> pa.Table:
    ids = ", ".join(str(int(r)) for r in run_ids) or "-1"
    sql = f"SELECT {', '.join(typen)} FROM {tabel} WHERE run_id IN ({ids})"
    if niveau is not None:
        sql += f" AND niveau = {quote(niveau)}"
    sql += _codes_filter(codes)
    sql += f" ORDER BY {volgorde}"
    uit = fetch(url, sql, column_types=dict(typen))
    if uit.num_columns == 0:
        return pa.table({k: pa.array([], t) for k, t in typen.items()})
    return typed(uit, typen)
