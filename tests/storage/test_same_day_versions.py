"""One rule for "the current version": the latest peildatum, then the latest import (tables.CURRENT_FIRST).

A record written on its own (a form or the write API) may get a second version on the same day;
every "latest version per key" query must then pick the later import. Checked in the source (no
query orders by peildatum alone) and on both backends (the importer and the monitor's current facts,
including its shortcut for tables with a single peildatum).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import text

from leefbaar.ingest import kinds
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.storage.engine import get_engine
from leefbaar.storage.importer import run_import
from leefbaar.storage.monitor_queries.shared import current_facts
from leefbaar.storage.tables import NATURAL_KEYS, SAME_DAY_VERSIONS

STORAGE = Path(__file__).resolve().parents[2] / "src" / "leefbaar" / "storage"
DAY = date(2026, 3, 1)


def test_no_latest_version_query_orders_by_peildatum_alone() -> None:
    offenders = []
    for path in sorted(STORAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"peildatum DESC|peildatum\.desc\(\)", source):
            after = source[match.end() : match.end() + 40]
            if "import_id" not in after:
                line = source[: match.start()].count("\n") + 1
                offenders.append(f"{path.relative_to(STORAGE)}:{line}")
    assert offenders == [], "order by peildatum, then import_id (tables.CURRENT_FIRST): " + ", ".join(
        offenders
    )


def test_same_day_tables_are_the_tables_of_record_kinds() -> None:
    from leefbaar.services import records

    assert {k.table for k in records.ALL} == SAME_DAY_VERSIONS
    assert set(NATURAL_KEYS) >= SAME_DAY_VERSIONS


def _row(**values: str) -> pa.Table:
    kind = kinds.WOONZORGVISIES
    columns = {c: pa.array([values.get(c, "")], pa.string()) for c in kind.column_names}
    return pa.table(columns).append_column("__rij", pa.array([1], pa.int64()))


def _import(url: str, table: pa.Table, sha: str, *, single: bool) -> ImportStatus:
    options = ImportOptions(peildatum=DAY, single_record=single)
    return run_import(url, kinds.WOONZORGVISIES, "t", sha, table, options).status


def _current_geldig_tot(url: str) -> list[object]:
    with get_engine(url).connect() as conn:
        current = current_facts(conn, "woonzorgvisie", DAY)
        return [
            r[0]
            for r in conn.execute(
                text(f"SELECT geldig_tot FROM {current} w WHERE gemeentecode = 'GM0363'"), {"p": DAY}
            )
        ]


def test_a_same_day_version_of_a_single_record_is_current(tiny_db: str) -> None:
    url = tiny_db
    with get_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM woonzorgvisie"))  # one peildatum left: the shortcut's case
    first = _row(gemeentecode="GM0363", vastgesteld_op="2025-05-01", geldig_tot="2030-12-31")
    assert _import(url, first, "a" * 64, single=False) is ImportStatus.IMPORTED
    assert _current_geldig_tot(url) == [date(2030, 12, 31)]
    # A file with the same key and peildatum is refused; a single record becomes the newer version.
    again = _row(gemeentecode="GM0363", vastgesteld_op="2025-05-01", geldig_tot="2031-12-31")
    assert _import(url, again, "b" * 64, single=False) is ImportStatus.REJECTED
    assert _import(url, again, "c" * 64, single=True) is ImportStatus.IMPORTED
    assert _current_geldig_tot(url) == [date(2031, 12, 31)]
    third = _row(gemeentecode="GM0363", vastgesteld_op="2025-05-01", geldig_tot="2029-12-31")
    assert _import(url, third, "d" * 64, single=True) is ImportStatus.IMPORTED
    assert _current_geldig_tot(url) == [date(2029, 12, 31)]


def test_a_single_record_is_one_row_of_a_kind_that_has_them(tiny_db: str) -> None:
    two = pa.concat_tables([_row(gemeentecode="GM0363", vastgesteld_op="2025-05-01")] * 2)
    with pytest.raises(ValueError, match="één rij"):
        _import(tiny_db, two, "e" * 64, single=True)
    options = ImportOptions(peildatum=DAY, single_record=True)
    table = pa.table({c: pa.array([""], pa.string()) for c in kinds.PARTIJEN.column_names}).append_column(
        "__rij", pa.array([1], pa.int64())
    )
    with pytest.raises(ValueError):
        run_import(tiny_db, kinds.PARTIJEN, "t", "f" * 64, table, options)


def test_check_only_writes_nothing(tiny_db: str) -> None:
    table = _row(gemeentecode="GM0363", vastgesteld_op="2025-06-01")
    options = ImportOptions(peildatum=DAY, check_only=True)
    assert (
        run_import(tiny_db, kinds.WOONZORGVISIES, "t", "9" * 64, table, options).status
        is ImportStatus.CHECKED
    )
    with get_engine(tiny_db).connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM woonzorgvisie WHERE vastgesteld_op = '2025-06-01'")
            ).scalar()
            == 0
        )
        assert (
            conn.execute(text("SELECT count(*) FROM import_log WHERE sha256 = :s"), {"s": "9" * 64}).scalar()
            == 0
        )
