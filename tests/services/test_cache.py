"""The one answer cache: keyed by the data version read from the append-only tables, so any write
(an import, a monitor run, an index run) gives new answers at once; and the HTTP validators."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import areas, cache, liveability, monitor
from leefbaar.services.imports import import_file
from leefbaar.storage import data_version

WONINGEN = "verblijfsobject_id;buurtcode;eigendom\n0363010000900001;BU0363AA01;koop\n"


def _import_a_dwelling(url: str, tmp_path: Path) -> None:
    csv = tmp_path / "extra.csv"
    csv.write_text(WONINGEN, encoding="utf-8")
    result = import_file(url, "woningen", csv, ImportOptions(peildatum=date(2025, 2, 1), indelingsjaar=2025))
    assert result.status is ImportStatus.IMPORTED, result


def test_every_append_only_write_bumps_the_version(tiny_db: str, tmp_path: Path) -> None:
    start = data_version.read(tiny_db)
    assert start.imports > 0 and start.changed_at is not None
    _import_a_dwelling(tiny_db, tmp_path)
    after_import = data_version.read(tiny_db)
    assert after_import.imports > start.imports
    monitor.run_evaluation(tiny_db, date(2025, 1, 1))
    after_run = data_version.read(tiny_db)
    assert after_run.ids[1] > after_import.ids[1] and after_run.imports == after_import.imports
    liveability.compute(tiny_db, 2024, gebruiker="test")
    after_index = data_version.read(tiny_db)
    assert after_index.ids[2] > after_run.ids[2]
    assert len({start.token, after_import.token, after_run.token, after_index.token}) == 4


def test_the_version_read_survives_a_connection_the_server_closed(tiny_db: str) -> None:
    """The version is read on a pooled connection without a ping: a server restart must not fail a page."""
    from sqlalchemy.engine import make_url

    from tests.storage_fixtures import _pg_execute, postgres_server_url

    before = data_version.read(tiny_db)
    server = postgres_server_url()
    if tiny_db.startswith("postgresql") and server is not None:
        name = make_url(tiny_db).database
        _pg_execute(
            server, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        )
    assert data_version.read(tiny_db) == before


def test_an_empty_database_has_version_zero(empty_db: str) -> None:
    found = data_version.read(empty_db)
    # one zero per source: import_log, monitor runs, liveability runs, agreement versions, status reports
    assert found.ids == (0,) * len(data_version.SOURCES) == (0, 0, 0, 0, 0) and found.changed_at is None


def test_answers_are_kept_per_version_and_rebuilt_after_a_write(tiny_duckdb: str, tmp_path: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"koop": areas.gemeente(tiny_duckdb, "GM0363")["koop"]}  # type: ignore[index]

    first = cache.memo("test.koop", tiny_duckdb, ("GM0363",), build)
    assert cache.memo("test.koop", tiny_duckdb, ("GM0363",), build) is first
    assert len(builds) == 1
    _import_a_dwelling(tiny_duckdb, tmp_path)  # a write nobody told the cache about
    second = cache.memo("test.koop", tiny_duckdb, ("GM0363",), build)
    assert len(builds) == 2 and second["koop"] == first["koop"] + 1


def test_none_is_not_kept(tiny_duckdb: str) -> None:
    calls: list[int] = []

    def build() -> None:
        calls.append(1)

    for _ in range(3):
        assert cache.memo("test.none", tiny_duckdb, (), build) is None
    assert len(calls) == 3  # unknown codes cannot push real answers out


def test_hits_and_misses_are_counted(tiny_duckdb: str) -> None:
    before = cache.stats()
    cache.memo("test.tel", tiny_duckdb, (), lambda: 1)
    cache.memo("test.tel", tiny_duckdb, (), lambda: 1)
    cache.memo("test.tel", tiny_duckdb, (), lambda: 1, counted=False)
    after = cache.stats()
    assert (after["hit"] - before["hit"], after["miss"] - before["miss"]) == (1, 1)


def test_a_get_request_reads_the_version_once(tiny_duckdb: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real = data_version.read
    monkeypatch.setattr(data_version, "read", lambda url: reads.append(url) or real(url))
    with cache.request_scope("GET"):
        for _ in range(3):
            cache.version(tiny_duckdb)
    assert len(reads) == 1
    with cache.request_scope("POST"):  # a request that writes sees its own writes
        for _ in range(3):
            cache.version(tiny_duckdb)
    assert len(reads) == 4


def _validators(changed: datetime | None = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)) -> cache.Validators:
    return cache.Validators('W/"abc"', "Sat, 01 Mar 2025 12:00:00 GMT", changed)


@pytest.mark.parametrize(
    ("if_none_match", "if_modified_since", "fresh"),
    [
        ('W/"abc"', None, True),  # the same tag
        ('"abc"', None, True),  # weak comparison: strong and weak spellings match
        ('"oud", W/"abc"', None, True),  # one of a list
        ("*", None, True),  # anything
        ('"oud"', None, False),  # another tag
        ('"oud"', "Sat, 01 Mar 2025 12:00:00 GMT", False),  # If-None-Match wins over the date
        (None, "Sat, 01 Mar 2025 12:00:00 GMT", True),  # not modified since
        (None, "Sun, 02 Mar 2025 08:00:00 GMT", True),  # a later date
        (None, "Fri, 28 Feb 2025 12:00:00 GMT", False),  # an earlier date
        (None, "gisteren", False),  # an unreadable date
        (None, None, False),  # an unconditional request
    ],
)
def test_not_modified(if_none_match: str | None, if_modified_since: str | None, fresh: bool) -> None:
    assert cache.not_modified(_validators(), if_none_match, if_modified_since) is fresh


def test_validators_follow_the_version_and_the_parts(tiny_duckdb: str, tmp_path: Path) -> None:
    first = cache.validators(tiny_duckdb, "/a")
    assert first == cache.validators(tiny_duckdb, "/a")
    assert first.etag.startswith('W/"') and first.last_modified and first.last_modified.endswith("GMT")
    assert cache.validators(tiny_duckdb, "/b").etag != first.etag
    assert cache.validators(tiny_duckdb, "/a", weak=False).etag.startswith('"')
    _import_a_dwelling(tiny_duckdb, tmp_path)
    assert cache.validators(tiny_duckdb, "/a").etag != first.etag
