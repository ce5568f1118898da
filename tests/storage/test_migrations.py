"""Versioned migrations: an existing database is upgraded in place and keeps its data (both backends)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from leefbaar.services import database
from leefbaar.storage import migrate
from leefbaar.storage.engine import get_engine

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"


def test_upgrade_from_the_first_version_keeps_data(templates, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for backend in ("duckdb", "postgres"):
        from tests.storage_fixtures import postgres_server_url

        if backend == "postgres" and postgres_server_url() is None:
            continue
        url = _new_database(templates, backend, tmp_path)
        try:
            migrate.upgrade(url, "0001")
            assert migrate.current_revision(url) == "0001"
            # Data written as the first version's schema held it (today's importer writes columns
            # that later migrations added, so the rows go in with SQL of that time).
            with get_engine(url).begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO regio (code, indelingsjaar, niveau, naam, gemeentecode, wijkcode, "
                        "provinciecode, import_id) VALUES "
                        "('GM0363', 2025, 'gemeente', 'Amsterdam', NULL, NULL, 'PV27', 1), "
                        "('WK0363AA', 2025, 'wijk', 'Haarlemmerbuurt', 'GM0363', NULL, NULL, 1), "
                        "('BU0363AA01', 2025, 'buurt', 'Planciusbuurt-Noord', 'GM0363', 'WK0363AA', NULL, 1), "
                        "('BU0363AA02', 2025, 'buurt', 'Westelijke eilanden', 'GM0363', 'WK0363AA', NULL, 1)"
                    )
                )
            revision = database.upgrade(url)
            assert set(revision.split(",")) == set(migrate.head_revision().split(","))
            with get_engine(url).connect() as conn:
                names = conn.execute(text("SELECT naam FROM regio ORDER BY code")).scalars().all()
            # the example file's names, in code order (BU < GM < WK)
            assert names == ["Planciusbuurt-Noord", "Westelijke eilanden", "Amsterdam", "Haarlemmerbuurt"]
            # Upgrading again is a no-op.
            assert database.upgrade(url) == revision
        finally:
            templates.drop(backend, url)


def _new_database(templates, backend: str, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A brand-new database without any schema."""
    import uuid

    from tests.storage_fixtures import _pg_execute, _pg_url, postgres_server_url

    if backend == "duckdb":
        return f"duckdb:///{tmp_path / 'fresh.duckdb'}"
    server = postgres_server_url()
    name = f"lb_mig_{uuid.uuid4().hex[:10]}"
    _pg_execute(server, f"CREATE DATABASE {name}")
    return _pg_url(server, name)


def test_status_reports_outdated_schema(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'old.duckdb'}"
    assert database.status(url)[0] is None
    migrate.upgrade(url, "0001")
    current, head = database.status(url)
    assert current == "0001"
    if head != "0001":
        try:
            database.ensure_schema(url)
        except database.SchemaOutdated as exc:
            assert "leefbaar db upgrade" in str(exc)
        else:
            raise AssertionError("an outdated schema must be refused")
