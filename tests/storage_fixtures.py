"""Database fixtures: every storage-touching test runs on DuckDB and on PostgreSQL.

PostgreSQL comes from LEEFBAAR_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server). Without
it the PostgreSQL half is skipped locally, and fails under CI=true: nothing may be skipped in CI.
Fresh databases are copies of templates (a migrated empty one, and one with the tiny demo), so each
test starts from a known state in milliseconds. The templates are built once per test run, not once
per pytest-xdist worker: the first worker that needs one builds it under a file lock in a folder
shared by the run, the others wait for it and copy it. The process that started the run (the xdist
controller, or pytest itself without workers) drops them at the end.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from leefbaar.services import demo
from leefbaar.storage import engine as storage_engine
from leefbaar.storage import migrate

BACKENDS = ("duckdb", "postgres")
TINY_SEED = 2025
#: Set by the process that starts the run before the xdist workers start: names the shared templates.
RUN_ENV = "LEEFBAAR_TEST_RUN"


def _run_id() -> str:
    return os.environ.setdefault(RUN_ENV, uuid.uuid4().hex[:12])


def shared_template_dir() -> Path:
    """The folder all workers of this run share for the templates (and their build locks)."""
    path = Path(tempfile.gettempdir()) / f"leefbaar-test-templates-{_run_id()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        _run_id()  # in the environment before the workers start, so they share the templates


def pytest_unconfigure(config: pytest.Config) -> None:
    """The starting process drops the run's templates once every worker has finished."""
    if hasattr(config, "workerinput"):
        return
    folder = Path(tempfile.gettempdir()) / f"leefbaar-test-templates-{os.environ.get(RUN_ENV, '')}"
    if not os.environ.get(RUN_ENV) or not folder.is_dir():
        return
    for marker in folder.glob("template-postgres-*.url"):
        server = os.environ.get("LEEFBAAR_TEST_POSTGRES_URL")
        if server:
            try:
                name = make_url(marker.read_text()).database
                _pg_execute(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            except psycopg.Error:
                pass  # a throwaway server may be gone already; it takes its databases along
    shutil.rmtree(folder, ignore_errors=True)


def postgres_server_url() -> str | None:
    url = os.environ.get("LEEFBAAR_TEST_POSTGRES_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail("LEEFBAAR_TEST_POSTGRES_URL ontbreekt: in CI moeten alle tests ook op PostgreSQL draaien")
    return None


def _admin_dsn(url: str) -> str:
    u = make_url(url)
    return f"host={u.host} port={u.port} user={u.username} dbname={u.database or 'postgres'}"


def _pg_url(server_url: str, database: str) -> str:
    return make_url(server_url).set(database=database).render_as_string(hide_password=False)


def _pg_execute(server_url: str, sql: str) -> None:
    with psycopg.connect(_admin_dsn(server_url), autocommit=True) as conn:
        conn.execute(sql)


class Templates:
    """Template databases per backend and content ('empty' or 'tiny'), built once per test run."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.built: dict[tuple[str, str], str] = {}

    def template(self, backend: str, content: str) -> str:
        key = (backend, content)
        if key not in self.built:
            self.built[key] = self._shared(backend, content)
        return self.built[key]

    def _shared(self, backend: str, content: str) -> str:
        """The run's template: built by the first worker that asks, under a lock the others wait on."""
        marker = self.base / f"template-{backend}-{content}.url"
        with open(self.base / f"template-{backend}-{content}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if marker.exists():
                    return marker.read_text()
                url = self._build(backend, content)
                marker.write_text(url)
                return url
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _build(self, backend: str, content: str) -> str:
        if backend == "duckdb":
            url = f"duckdb:///{self.base / f'template-{content}.duckdb'}"
        else:
            server = postgres_server_url()
            assert server is not None
            name = f"lb_tpl_{content}_{_run_id()}"
            _pg_execute(server, f"DROP DATABASE IF EXISTS {name}")  # a run id reused by hand
            _pg_execute(server, f"CREATE DATABASE {name}")
            url = _pg_url(server, name)
        if content == "empty":
            migrate.upgrade(url)
        else:
            demo.build(url, "tiny", TINY_SEED)
        storage_engine.dispose(url)
        return url

    def fresh(self, backend: str, content: str, tmp_path: Path) -> str:
        template = self.template(backend, content)
        if backend == "duckdb":
            target = tmp_path / f"{content}.duckdb"
            shutil.copyfile(make_url(template).database or "", target)
            return f"duckdb:///{target}"
        server = postgres_server_url()
        assert server is not None
        name = f"lb_test_{uuid.uuid4().hex[:12]}"
        # A template must have no sessions: end any left open (tests read copies, never the templates
        # themselves, since every worker of the run copies them).
        storage_engine.dispose(template)
        source = make_url(template).database
        _pg_execute(
            server,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{source}' AND pid <> pg_backend_pid()",
        )
        _pg_execute(server, f"CREATE DATABASE {name} TEMPLATE {source}")
        return _pg_url(server, name)

    def drop(self, backend: str, url: str) -> None:
        storage_engine.dispose(url)
        if backend == "postgres":
            server = postgres_server_url()
            assert server is not None
            _pg_execute(server, f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")


@pytest.fixture(scope="session")
def templates() -> Iterator[Templates]:
    """The run's templates (dropped by :func:`pytest_unconfigure` of the process that started the run)."""
    found = Templates(shared_template_dir())
    yield found
    for url in found.built.values():
        storage_engine.dispose(url)  # this worker's pooled connections to them


def _database(
    request: pytest.FixtureRequest, templates: Templates, tmp_path: Path, content: str
) -> Iterator[str]:
    backend = request.param
    if backend == "postgres" and postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    url = templates.fresh(backend, content, tmp_path)
    yield url
    templates.drop(backend, url)


@pytest.fixture(params=BACKENDS)
def empty_db(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database on each backend."""
    yield from _database(request, templates, tmp_path, "empty")


@pytest.fixture(params=BACKENDS)
def tiny_db(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """A database with the real reference data and the tiny synthetic demo, on each backend."""
    yield from _database(request, templates, tmp_path, "tiny")


@pytest.fixture(params=("duckdb",))
def tiny_duckdb(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """The tiny demo on DuckDB only (for tests of faces whose backend behaviour is tested elsewhere)."""
    yield from _database(request, templates, tmp_path, "tiny")


@pytest.fixture(params=("duckdb",))
def empty_duckdb(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database on DuckDB only (for faces whose backend behaviour is tested elsewhere)."""
    yield from _database(request, templates, tmp_path, "empty")
