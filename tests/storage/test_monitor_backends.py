"""The monitor gives the same verdicts on DuckDB and PostgreSQL (the tiny demo), and its history tables migrate."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from leefbaar.services import database, monitor
from leefbaar.storage import monitor_queries as q
from leefbaar.storage.engine import get_engine
from leefbaar.storage.monitor_queries.shared import connect
from tests.storage_fixtures import Templates, postgres_server_url

PEILDATUM = date(2026, 1, 1)


def _digest(url: str) -> list[tuple[Any, ...]]:
    run = monitor.run_evaluation(url, PEILDATUM)
    return [
        (
            b.afspraak_id,
            b.toezegging_id,
            str(b.scope),
            b.variant,
            b.status.value,
            None if b.waarde is None else round(b.waarde, 6),
            round(b.doel, 6),
            None if b.volledigheid is None else round(b.volledigheid, 9),
            b.uitleg,
            tuple(r.get("code") for r in b.bewijs.rijen),
            b.bewijs.totaal,
        )
        for b in run.beoordelingen
    ]


def test_same_results_on_duckdb_and_postgres(templates: Templates, tmp_path: Path) -> None:
    if postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    duck = templates.fresh("duckdb", "tiny", tmp_path)
    pg = templates.fresh("postgres", "tiny", tmp_path)
    try:
        from_duck, from_pg = _digest(duck), _digest(pg)
        assert len(from_duck) > 1000
        assert from_duck == from_pg
        # and the stored history reads back alike
        assert [r["aantal"] for r in q.runs(duck)] == [r["aantal"] for r in q.runs(pg)]
    finally:
        templates.drop("duckdb", duck)
        templates.drop("postgres", pg)


def test_history_tables_exist_after_migration(empty_db: str) -> None:
    names = set(inspect(get_engine(empty_db)).get_table_names())
    assert {"evaluatie_run", "evaluatie"} <= names
    assert q.runs(empty_db) == []


def test_empty_database_gives_geen_gegevens(empty_db: str) -> None:
    # no regions, no stock: only the national scope exists, and every verdict is "geen gegevens"
    database.upgrade(empty_db)  # as `leefbaar db upgrade` leaves it: with the national agreement
    run = monitor.run_evaluation(empty_db, PEILDATUM, monitor.NATIONAAL, opslaan=False)
    assert run.beoordelingen
    assert {b.status.value for b in run.beoordelingen} == {"geen gegevens"}


def test_a_shared_connection_gives_the_same_rows_and_leaves_no_tables(tiny_db: str) -> None:
    scopes = ("gemeente", "corporatie")
    grens = date(2021, 1, 1)
    alone = (
        q.r1_condition(tiny_db, PEILDATUM, grens, scopes),
        q.association_stock(tiny_db, PEILDATUM, scopes),
        q.stock_per_association(tiny_db, PEILDATUM),
    )
    with q.shared_connection(tiny_db):
        shared = (
            q.r1_condition(tiny_db, PEILDATUM, grens, scopes),
            q.association_stock(tiny_db, PEILDATUM, scopes),
            q.stock_per_association(tiny_db, PEILDATUM),
        )
        # the stock was aggregated once, into one temporary table
        with connect(tiny_db) as conn:
            assert conn.execute(text("SELECT count(*) FROM monitor_stock_20260101")).scalar_one() > 0

    def canonical(result: tuple[Any, ...]) -> list[Any]:
        # the queries have no ORDER BY: compare the rows as sets
        (per_scope, evidence), stock, per_association = result
        return [
            sorted(map(repr, per_scope)),
            sorted(map(repr, evidence)),
            sorted(map(repr, stock)),
            per_association,
        ]

    assert canonical(shared) == canonical(alone)
    assert sum(alone[2].values()) > 0
    with get_engine(tiny_db).connect() as conn:
        leftovers = conn.execute(
            text(
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'monitor_stock%' "
                "OR table_name = 'monitor_r1'"
            )
        ).scalar_one()
    assert leftovers == 0
