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


def test_pseudonyms_stored_before_key_versions_are_version_1(templates, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.storage_fixtures import postgres_server_url

    for backend in ("duckdb", "postgres"):
        if backend == "postgres" and postgres_server_url() is None:
            continue
        url = _new_database(templates, backend, tmp_path)
        try:
            migrate.upgrade(url, "0011_zoeken")
            with get_engine(url).begin() as conn:
                conn.execute(
                    text("INSERT INTO verwerkt_object (volgnummer, pseudoniem) VALUES (0, :p)"),
                    {"p": "A" * 32},
                )
                conn.execute(
                    text(
                        "INSERT INTO toewijzing (toewijzing_id, datum, gemeentecode, indelingsjaar, aandachtsgroep, "
                        "huishouden_pseudoniem, peildatum, import_id) VALUES ('T-1', DATE '2025-04-02', 'GM0363', "
                        "2025, 'dakloos', 'hh_van_de_leverancier', DATE '2025-06-01', 1)"
                    )
                )
            database.upgrade(url)
            with get_engine(url).connect() as conn:
                assert conn.execute(text("SELECT sleutelversie FROM verwerkt_object")).scalar_one() == 1
                assert conn.execute(text("SELECT sleutelversie FROM toewijzing")).scalar_one() == 1
                assert conn.execute(text("SELECT count(*) FROM pseudoniemsleutel")).scalar_one() == 0
        finally:
            templates.drop(backend, url)


def test_verdicts_stored_before_0014_get_their_direction_from_the_explanation(
    templates, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.storage_fixtures import postgres_server_url

    insert = (
        "INSERT INTO evaluatie (run_id, afspraak_id, toezegging_id, requirement, indicator, titel, eenheid, "
        "scope_soort, scope_code, variant, status, waarde, doel, deadline, uitleg) VALUES "
        "(1, 'a', :t, 'R1', 'i', 't', 'woningen', 'nationaal', 'NL', '', 'risico', 3, 0, DATE '2026-01-01', :u)"
    )
    explanations = {
        # every explanation names the direction after "doel"; the no-data one too
        "hoogste": "Risico: gemeten 3 woningen, doel ten hoogste 0 woningen uiterlijk 1 januari 2026.",
        "leeg": "Geen gegevens op 1 juni 2025: er is geen meting; dit telt niet als 0 (doel ten hoogste 0 woningen).",
        "minste": "Risico: gemeten 3 woningen, doel ten minste 5 woningen uiterlijk 1 januari 2026.",
        "precies": "Risico: gemeten 3, doel precies 5 uiterlijk 1 januari 2026.",
    }
    for backend in ("duckdb", "postgres"):
        if backend == "postgres" and postgres_server_url() is None:
            continue
        url = _new_database(templates, backend, tmp_path)
        try:
            migrate.upgrade(url, "0013_afspraken")
            with get_engine(url).begin() as conn:
                for toezegging, uitleg in explanations.items():
                    conn.execute(text(insert), {"t": toezegging, "u": uitleg})
            database.upgrade(url)
            with get_engine(url).connect() as conn:
                found = dict(conn.execute(text("SELECT toezegging_id, vergelijking FROM evaluatie")).all())
            assert found == {"hoogste": "<=", "leeg": "<=", "minste": ">=", "precies": "=="}
        finally:
            templates.drop(backend, url)
