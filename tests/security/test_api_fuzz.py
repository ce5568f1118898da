"""Property-based API testing with Schemathesis: generated requests against the published OpenAPI.

Every operation gets random valid and invalid input; no answer may be a 5xx, and every answer must
match the documented responses (status codes, content types, schemas, headers). Runs on the tiny
demo (DuckDB) as an anonymous client, the way the public uses the API.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from leefbaar.app import create_app
from leefbaar.config import get_settings


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, templates) -> Iterator[object]:  # type: ignore[no-untyped-def]
    import shutil

    from sqlalchemy.engine import make_url

    source = make_url(templates.template("duckdb", "tiny")).database or ""
    target = tmp_path_factory.mktemp("fuzz") / "tiny.duckdb"
    shutil.copyfile(source, target)
    mp = pytest.MonkeyPatch()
    mp.setenv("LEEFBAAR_DATABASE_URL", f"duckdb:///{target}")
    get_settings.cache_clear()
    yield create_app()
    mp.undo()
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def api_schema(app):  # type: ignore[no-untyped-def]
    loaded = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    loaded.config.update(base_url="http://testserver/api/v1")
    return loaded


def test_api_never_fails_and_matches_its_spec(api_schema) -> None:  # type: ignore[no-untyped-def]
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10  # the resources of the API, not an empty spec
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate()

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {str(exc)[:800]}")
    assert not failures, "\n\n".join(failures)
