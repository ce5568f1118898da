"""Run an import: validate a staged file set-based in DuckDB, then load it whole or not at all.

The same validation runs for both backends: on DuckDB inside the target database itself, on
PostgreSQL in an in-process DuckDB that holds the reference data (regions, parties, complexes)
copied from the server. Loading is ``INSERT ... SELECT`` (DuckDB) or ``COPY`` into a temporary
table followed by ``INSERT ... SELECT`` (PostgreSQL), in one transaction with the import-log row,
so a crash or kill mid-way leaves the database as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import text

from leefbaar.ingest.vocabulary import (
    ImportKind,
    ImportOptions,
    ImportResult,
    ImportStatus,
    RowError,
)
from leefbaar.privacy.ownership import foreign_row_reason, taken_over_reason
from leefbaar.storage import tables
from leefbaar.storage.engine import DUCKDB_CONFIG, Backend, backend_of, driver, get_engine
from leefbaar.storage.import_checks import all_checks, shape_patterns
from leefbaar.storage.import_staging import error_count_query, one_pass_count_query, staging_select
from leefbaar.storage.import_values import WHOLE_NUMBER_PATTERN, ident, q, target_columns, typed_select
from leefbaar.storage.pseudonym_sql import bind_key, unbind_key
from leefbaar.storage.text_profile import AS_IS, TextProfile, digits_only, pattern_holds, profile_columns

Progress = Callable[[str], None]


def _noop(_: str) -> None:
    return None


def run_import(
    url: str,
    kind: ImportKind,
    file_name: str,
    sha256: str,
    table: pa.Table,
    options: ImportOptions,
    max_errors: int = 20,
    progress: Progress = _noop,
) -> ImportResult:
    """Validate ``table`` (text columns + ``__rij``) as ``kind`` and load it into ``url``."""
    started = time.perf_counter()
    rows = table.num_rows
    if options.single_record and (rows != 1 or kind.table not in tables.SAME_DAY_VERSIONS):
        raise ValueError(f"{kind.name}: een los record is één rij van een soort die losse records kent")
    backend = backend_of(url)
    engine = get_engine(url)

    with engine.connect() as conn:
        existing = conn.execute(
            text("SELECT import_id FROM import_log WHERE soort = :s AND sha256 = :h"),
            {"s": kind.name, "h": sha256},
        ).scalar()
        if existing is not None:
            return ImportResult(
                kind.name,
                file_name,
                ImportStatus.ALREADY_IMPORTED,
                rows,
                int(existing),
                seconds=time.perf_counter() - started,
                notes=("Dit bestand is al eerder geïmporteerd; er is niets veranderd.",),
            )
        year = options.indelingsjaar
        if year is None and kind.needs_indelingsjaar:
            year = conn.execute(text("SELECT max(indelingsjaar) FROM regio")).scalar()
        if year is None and kind.needs_indelingsjaar:
            return _rejected(
                kind,
                file_name,
                rows,
                started,
                [
                    RowError(
                        file_name,
                        None,
                        None,
                        None,
                        "geef de indelingsjaar op (--indelingsjaar): er zijn nog geen gebieden geïmporteerd",
                    )
                ],
            )

    with _validation_connection(url, backend) as duck:
        progress("controleren")
        errors, count, foreign = _validate(
            duck, kind, file_name, table, year, max_errors, options.beperkt_tot
        )
        if count:
            return _rejected(kind, file_name, rows, started, errors, count, foreign)
        if options.check_only:
            return ImportResult(
                kind.name, file_name, ImportStatus.CHECKED, rows, seconds=time.perf_counter() - started
            )
        sleutelversie = _bind_pseudonym_key(duck, kind, options)
        typed = typed_select(kind, year, options.peildatum.isoformat(), sleutelversie=sleutelversie)
        # A view: the typed values are computed once, while they are written (INSERT or COPY).
        duck.execute(f"CREATE OR REPLACE TEMP VIEW __typed AS {typed}")
        progress("laden")
        if backend is Backend.DUCKDB:
            result = _load_duckdb(duck, kind, file_name, sha256, rows, year, options, max_errors)
        else:
            result = _load_postgres(url, duck, kind, file_name, sha256, rows, year, options, max_errors)
    if isinstance(result, _Refusal):
        return _rejected(kind, file_name, rows, started, result.errors, len(result.errors), result.ownership)
    return ImportResult(
        kind.name, file_name, ImportStatus.IMPORTED, rows, result, seconds=time.perf_counter() - started
    )


def _bind_pseudonym_key(duck: Any, kind: ImportKind, options: ImportOptions) -> int | None:
    """For a kind that stores ids only as pseudonyms: hand the key to the connection (never in SQL
    text; forgotten when the connection is handed back) and return its version."""
    if not kind.pseudonymises:
        return None
    if options.pseudonymiser is None:
        raise ValueError(f"importsoort {kind.name} pseudonimiseert: de pseudonimiseringssleutel ontbreekt")
    bind_key(duck, options.pseudonymiser)
    return options.pseudonymiser.sleutelversie


def _rejected(
    kind: ImportKind,
    file_name: str,
    rows: int,
    started: float,
    errors: list[RowError],
    count: int | None = None,
    ownership: bool = False,
) -> ImportResult:
    return ImportResult(
        kind.name,
        file_name,
        ImportStatus.REJECTED,
        rows,
        None,
        tuple(errors),
        count if count is not None else len(errors),
        time.perf_counter() - started,
        refused_for_ownership=ownership,
    )


@dataclass(frozen=True)
class _Refusal:
    """Why a validated file was not loaded after all: a key taken or already stored."""

    errors: list[RowError]
    #: The key belongs to another party (privacy.ownership), rather than being there already.
    ownership: bool = False


@contextlib.contextmanager
def _validation_connection(url: str, backend: Backend) -> Iterator[Any]:
    """A DuckDB connection that can see the reference data as __ref_regio / __ref_partij / __ref_complex /
    __ref_vhf_bijdrage."""
    if backend is Backend.DUCKDB:
        raw = get_engine(url).raw_connection()
        try:
            duck = driver(raw)
            _reference_views_duckdb(duck)
            yield duck
        finally:
            # Views first (they depend on the tables); each drop on its own, so one failure skips nothing.
            for statement in (
                "DROP VIEW IF EXISTS __typed",
                "DROP TABLE IF EXISTS __fouten",
                "DROP VIEW IF EXISTS __src",
                "DROP TABLE IF EXISTS __src",
                "DROP TABLE IF EXISTS __ref_partij",
            ):
                with contextlib.suppress(Exception):
                    duck.execute(statement)
            with contextlib.suppress(Exception):
                duck.unregister("__raw")
            with contextlib.suppress(Exception):
                unbind_key(duck)
            raw.close()
    else:
        duck = duckdb.connect(config=dict(DUCKDB_CONFIG))
        try:
            _reference_tables_from_postgres(url, duck)
            yield duck
        finally:
            duck.close()


def _latest(table: str, key: str, columns: str) -> str:
    """Current rows of a fact table: the latest version per natural key (tables.CURRENT_FIRST)."""
    return (
        f"SELECT {columns} FROM {table} "
        f"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY {tables.CURRENT_FIRST}) = 1"
    )


def _reference_views_duckdb(duck: Any) -> None:
    duck.execute("CREATE OR REPLACE TEMP VIEW __ref_regio AS SELECT code, indelingsjaar FROM regio")
    # Small: materialised once per import, so the checks join a plain table, not a window query.
    duck.execute(
        f"CREATE OR REPLACE TEMP TABLE __ref_partij AS {_latest('partij', 'partij_id', 'partij_id, soort')}"
    )
    duck.execute(
        "CREATE OR REPLACE TEMP VIEW __ref_complex AS SELECT DISTINCT corporatie_id, complexnummer FROM complex"
    )
    duck.execute(f"CREATE OR REPLACE TEMP VIEW __ref_herstructureringsplan AS {_REF_PLAN}")
    # The grant a VHF spending or plan address names, with its municipality as it is now.
    duck.execute(
        "CREATE OR REPLACE TEMP VIEW __ref_vhf_bijdrage AS "
        + _latest("vhf_bijdrage", "bijdrage_id", "bijdrage_id, gemeentecode")
    )


#: The restructuring plans an object may name (any version: an object may follow its plan's file).
_REF_PLAN = "SELECT DISTINCT gemeentecode, plan_id FROM herstructureringsplan"

_PG_REFERENCES = {
    "__ref_regio": "SELECT code, indelingsjaar FROM regio",
    "__ref_partij": f"SELECT DISTINCT ON (partij_id) partij_id, soort FROM partij ORDER BY partij_id, {tables.CURRENT_FIRST}",
    "__ref_complex": "SELECT DISTINCT corporatie_id, complexnummer FROM complex",
    "__ref_herstructureringsplan": _REF_PLAN,
    "__ref_vhf_bijdrage": "SELECT DISTINCT ON (bijdrage_id) bijdrage_id, gemeentecode FROM vhf_bijdrage "
    f"ORDER BY bijdrage_id, {tables.CURRENT_FIRST}",
}


def _reference_tables_from_postgres(url: str, duck: Any) -> None:
    raw = get_engine(url).raw_connection()
    try:
        cur = driver(raw).cursor()
        for name, query in _PG_REFERENCES.items():
            buffer = io.BytesIO()
            with cur.copy(f"COPY ({query}) TO STDOUT (FORMAT csv, HEADER true)") as copy:
                for chunk in copy:
                    buffer.write(chunk)
            buffer.seek(0)
            arrow = pacsv.read_csv(
                buffer,
                convert_options=pacsv.ConvertOptions(
                    column_types={"indelingsjaar": pa.int32()}, strings_can_be_null=True
                ),
            )
            duck.register(f"{name}_arrow", arrow)
            duck.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")
            duck.unregister(f"{name}_arrow")
        raw.rollback()
    finally:
        raw.close()


def _validate(
    duck: Any,
    kind: ImportKind,
    file_name: str,
    table: pa.Table,
    year: int | None,
    max_errors: int,
    organisatie: str | None = None,
) -> tuple[list[RowError], int, bool]:
    """The errors (the first ``max_errors``), their count and whether they are foreign rows (rows of
    another party than ``organisatie``); ([], 0, False) leaves ``__src`` ready to load.

    A clean file, the common case, is read in one pass with ``__src`` a view over the Arrow table
    (``__raw`` stays registered until the connection is handed back); only when that pass finds
    something is ``__src`` stored, for the checks that name each error.
    """
    present = set(table.column_names)
    # Row order does not matter (every row carries its number): let DuckDB write in parallel.
    duck.execute("SET preserve_insertion_order = false")
    duck.register("__raw", table)
    profiles = profile_columns(table)
    proven = _proven_shapes(kind, table, year, profiles)
    staging = staging_select(kind, present, year, profiles, proven)
    one_pass = one_pass_count_query(kind, year)
    if organisatie is not None and kind.ownership.owner_columns:
        # A file with any row of another party is refused whole, naming those rows only.
        duck.execute(f"CREATE OR REPLACE TEMP VIEW __src AS {staging}")
        foreign = _foreign_rows(duck, kind, file_name, organisatie, max_errors)
        duck.execute("DROP VIEW __src")
        if foreign[1]:
            return foreign[0], foreign[1], True
    if one_pass is not None:
        duck.execute(f"CREATE OR REPLACE TEMP VIEW __src AS {staging}")
        if duck.execute(one_pass).fetchall()[0][0] == 0:
            return [], 0, False
        duck.execute("DROP VIEW __src")
    duck.execute(f"CREATE OR REPLACE TEMP TABLE __src AS {staging}")
    if one_pass is None and duck.execute(error_count_query(kind, year)).fetchall()[0][0] == 0:
        return [], 0, False
    union = " UNION ALL ".join(check.query() for check in all_checks(kind, year))
    duck.execute(f"CREATE OR REPLACE TEMP TABLE __fouten AS {union}")
    count = duck.execute("SELECT count(*) FROM __fouten").fetchall()[0][0]
    shown = duck.execute(
        f"SELECT rij, kolom, waarde, reden FROM __fouten ORDER BY rij, kolom LIMIT {int(max_errors)}"
    ).fetchall()
    return [RowError(file_name, int(r), k, w, reden) for r, k, w, reden in shown], int(count), False


def _owner_expression(kind: ImportKind, alias: str) -> str:
    columns = [f"{alias}.{ident(c)}" for c in kind.ownership.owner_columns]
    return columns[0] if len(columns) == 1 else f"coalesce({', '.join(columns)})"


def _foreign_rows(
    duck: Any, kind: ImportKind, file_name: str, organisatie: str, max_errors: int
) -> tuple[list[RowError], int]:
    """Rows of ``__src`` that belong to another party than ``organisatie`` (privacy.ownership)."""
    owner = _owner_expression(kind, "s")
    where = f"{owner} IS DISTINCT FROM {q(organisatie)}"
    count = duck.execute(f"SELECT count(*) FROM __src s WHERE {where}").fetchall()[0][0]
    shown = duck.execute(
        f"SELECT s.__rij, {owner} FROM __src s WHERE {where} ORDER BY s.__rij LIMIT {int(max_errors)}"
    ).fetchall()
    column = kind.ownership.owner_columns[0]
    errors = [
        RowError(file_name, int(row), column, value, foreign_row_reason(value, organisatie))
        for row, value in shown
    ]
    return errors, int(count)


def _taken_over_query(kind: ImportKind, organisatie: str, limit: int) -> str:
    """Rows whose key another party has already written (any version): no file may take it over."""
    keys = " AND ".join(f"x.{ident(k)} IS NOT DISTINCT FROM t.{ident(k)}" for k in kind.key)
    owner = _owner_expression(kind, "x")
    return (
        f"SELECT t.__rij, min({owner}) FROM __typed t JOIN {kind.table} x ON {keys} "
        f"WHERE {owner} IS DISTINCT FROM {q(organisatie)} GROUP BY t.__rij ORDER BY t.__rij LIMIT {int(limit)}"
    )


def _taken_over_errors(
    kind: ImportKind, file_name: str, organisatie: str, found: list[tuple[Any, Any]]
) -> _Refusal:
    errors = [
        RowError(file_name, int(row), "+".join(kind.key), None, taken_over_reason(str(owner), organisatie))
        for row, owner in found
    ]
    return _Refusal(errors, ownership=True)


def _takeover_possible(kind: ImportKind, options: ImportOptions) -> bool:
    return options.beperkt_tot is not None and not kind.key_names_owner


def _proven_shapes(
    kind: ImportKind, table: pa.Table, year: int | None, profiles: dict[str, TextProfile]
) -> set[tuple[str, str]]:
    """The shape checks that hold for every value, shown on the raw bytes (see pattern_holds; a
    whole-number column by digits_only).

    Only for columns that normalising leaves as they are, so the raw value is the checked value.
    """
    candidates = [
        (column, pattern)
        for column, pattern in shape_patterns(kind, year)
        if column in profiles and profiles[column] == AS_IS
    ]

    def holds_for(candidate: tuple[str, str]) -> bool:
        column, pattern = candidate
        if pattern == WHOLE_NUMBER_PATTERN:
            return digits_only(table.column(column))
        return pattern_holds(table.column(column), pattern)

    with ThreadPoolExecutor(max_workers=2) as pool:
        holds = list(pool.map(holds_for, candidates))
    return {candidate for candidate, ok in zip(candidates, holds, strict=True) if ok}


def _key_match(kind: ImportKind, left: str, right: str) -> str:
    keys = [f"{left}.{ident(k)} IS NOT DISTINCT FROM {right}.{ident(k)}" for k in kind.key]
    if kind.stamps_indelingsjaar and "indelingsjaar" not in kind.key:
        keys.append(f"{left}.indelingsjaar = {right}.indelingsjaar")
    if kind.stamps_peildatum:
        keys.append(f"{left}.peildatum = {right}.peildatum")
    return " AND ".join(keys)


def _overlap_possible_query(kind: ImportKind, options: ImportOptions, year: int | None) -> str:
    """Whether the target can hold a clashing key at all (cheap: one filter on a zone-mapped column).

    A single record (ImportOptions.single_record) never clashes: a version with the same key and
    peildatum is an earlier edit of the same day, and this import is the newer version.
    """
    if options.single_record:
        return "SELECT false"
    if kind.stamps_peildatum:
        return f"SELECT EXISTS (SELECT 1 FROM {kind.table} WHERE peildatum = DATE '{options.peildatum.isoformat()}')"
    if kind.stamps_indelingsjaar:
        return f"SELECT EXISTS (SELECT 1 FROM {kind.table} WHERE indelingsjaar = {int(year or 0)})"
    return "SELECT true"


def _existing_key_query(kind: ImportKind, limit: int) -> str:
    key_text = " || ' / ' || ".join(f"CAST(t.{ident(k)} AS VARCHAR)" for k in kind.key)
    return (
        f"SELECT t.__rij, {key_text} FROM __typed t WHERE EXISTS (SELECT 1 FROM {kind.table} x "
        f"WHERE {_key_match(kind, 'x', 't')}) ORDER BY t.__rij LIMIT {int(limit)}"
    )


def _existing_key_errors(kind: ImportKind, file_name: str, found: list[tuple[Any, Any]]) -> _Refusal:
    when = " met deze peildatum" if kind.stamps_peildatum else ""
    return _Refusal(
        [
            RowError(
                file_name,
                int(row),
                "+".join(kind.key),
                str(key),
                f"staat al in de database{when} (een nieuwe versie vraagt een latere peildatum)",
            )
            for row, key in found
        ]
    )


def _log_values(
    kind: ImportKind,
    import_id: int,
    file_name: str,
    sha256: str,
    rows: int,
    year: int | None,
    options: ImportOptions,
    started_at: datetime,
) -> dict[str, Any]:
    return {
        "import_id": import_id,
        "soort": kind.name,
        "bestandsnaam": file_name,
        "sha256": sha256,
        "rijen": rows,
        "peildatum": options.peildatum,
        "indelingsjaar": year,
        "bron": options.bron,
        "gebruiker": options.gebruiker,
        "organisatie": options.organisatie,
        "gestart_op": started_at,
        "voltooid_op": datetime.now(),
    }


def _log_insert_sql(placeholder: Callable[[str], str]) -> str:
    cols = [c.name for c in tables.import_log.columns]
    return f"INSERT INTO import_log ({', '.join(cols)}) VALUES ({', '.join(placeholder(c) for c in cols)})"


def _load_duckdb(
    duck: Any,
    kind: ImportKind,
    file_name: str,
    sha256: str,
    rows: int,
    year: int | None,
    options: ImportOptions,
    max_errors: int,
) -> int | _Refusal:
    started_at = datetime.now()
    cols = target_columns(kind)
    duck.execute("BEGIN TRANSACTION")
    try:
        if _takeover_possible(kind, options):
            assert options.beperkt_tot is not None
            taken = duck.execute(_taken_over_query(kind, options.beperkt_tot, max_errors)).fetchall()
            if taken:
                duck.execute("ROLLBACK")
                return _taken_over_errors(kind, file_name, options.beperkt_tot, taken)
        found = []
        if duck.execute(_overlap_possible_query(kind, options, year)).fetchone()[0]:
            found = duck.execute(_existing_key_query(kind, max_errors)).fetchall()
        if found:
            duck.execute("ROLLBACK")
            return _existing_key_errors(kind, file_name, found)
        import_id = int(duck.execute("SELECT nextval('import_id_seq')").fetchone()[0])
        col_list = ", ".join(ident(c) for c in cols)
        duck.execute(
            f"INSERT INTO {kind.table} ({col_list}, import_id) SELECT {col_list}, {import_id} FROM __typed"
        )
        values = _log_values(kind, import_id, file_name, sha256, rows, year, options, started_at)
        duck.execute(_log_insert_sql(lambda c: f"${c}"), values)
        duck.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            duck.execute("ROLLBACK")
        raise
    return import_id


def _load_postgres(
    url: str,
    duck: Any,
    kind: ImportKind,
    file_name: str,
    sha256: str,
    rows: int,
    year: int | None,
    options: ImportOptions,
    max_errors: int,
) -> int | _Refusal:
    started_at = datetime.now()
    cols = target_columns(kind)
    col_list = ", ".join(ident(c) for c in cols)
    handle, csv_path = tempfile.mkstemp(prefix="leefbaar-import-", suffix=".csv")
    os.close(handle)
    try:
        duck.execute(
            f"COPY (SELECT __rij, {col_list} FROM __typed) TO {q(csv_path)} (FORMAT csv, HEADER true)"
        )
        raw = get_engine(url).raw_connection()
        try:
            pg = driver(raw)
            cur = pg.cursor()
            cur.execute(
                f"CREATE TEMP TABLE __typed ON COMMIT DROP AS SELECT {col_list} FROM {kind.table} WITH NO DATA"
            )
            cur.execute("ALTER TABLE __typed ADD COLUMN __rij bigint")
            with (
                open(csv_path, "rb") as source,
                cur.copy(f"COPY __typed (__rij, {col_list}) FROM STDIN (FORMAT csv, HEADER true)") as copy,
            ):
                while chunk := source.read(1 << 20):
                    copy.write(chunk)
            if _takeover_possible(kind, options):
                assert options.beperkt_tot is not None
                cur.execute(_taken_over_query(kind, options.beperkt_tot, max_errors))
                taken = cur.fetchall()
                if taken:
                    pg.rollback()
                    return _taken_over_errors(kind, file_name, options.beperkt_tot, taken)
            cur.execute(_overlap_possible_query(kind, options, year))
            found = []
            if cur.fetchone()[0]:
                cur.execute(_existing_key_query(kind, max_errors))
                found = cur.fetchall()
            if found:
                pg.rollback()
                return _existing_key_errors(kind, file_name, found)
            cur.execute("SELECT nextval('import_id_seq')")
            import_id = int(cur.fetchone()[0])
            cur.execute(
                f"INSERT INTO {kind.table} ({col_list}, import_id) SELECT {col_list}, %s FROM __typed",
                (import_id,),
            )
            values = _log_values(kind, import_id, file_name, sha256, rows, year, options, started_at)
            cur.execute(_log_insert_sql(lambda c: f"%({c})s"), values)
            pg.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                driver(raw).rollback()
            raise
        finally:
            raw.close()
    finally:
        os.unlink(csv_path)
    return import_id
