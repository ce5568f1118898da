"""The generated OpenAPI document passes the ADR Spectral ruleset (tools/adr-linter) with 0 errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from leefbaar.api import create_api

ROOT = Path(__file__).resolve().parents[2]
RULESET = ROOT / "tools" / "adr-linter" / "linter.yaml"
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"


def _spectral_or_skip() -> None:
    if shutil.which("npx") is None or not SPECTRAL.exists():
        reason = "Spectral ontbreekt (npx of node_modules/.bin/spectral); draai scripts/assets.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " (CI=true: overslaan is niet toegestaan)")
        pytest.skip(reason)


def lint(*spec_paths: Path) -> list[dict[str, object]]:
    """Spectral's findings for the documents (one run for all of them: starting Node costs seconds)."""
    result = subprocess.run(
        [str(SPECTRAL), "lint", "-q", "-f", "json", "-r", str(RULESET), *map(str, spec_paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Spectral exits 1 when it finds errors; anything else besides 0/1 means it did not run.
    assert result.returncode in (0, 1), result.stderr
    return list(json.loads(result.stdout or "[]"))


def _broken_spec() -> dict[str, object]:
    """The generated spec with two rules broken on /gemeenten: a 422 answer, no API-Version header."""
    spec = create_api().openapi()
    op = json.loads(json.dumps(spec))["paths"]["/gemeenten"]["get"]
    op["responses"]["200"].pop("headers")
    op["responses"]["422"] = op["responses"]["400"]
    broken = json.loads(json.dumps(spec))
    broken["paths"]["/gemeenten"]["get"] = op
    return broken


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    """Spectral's errors per document, for the generated spec and a deliberately broken one."""
    _spectral_or_skip()
    folder = tmp_path_factory.mktemp("spectral")
    generated, broken = folder / "openapi.json", folder / "broken.json"
    generated.write_text(json.dumps(create_api().openapi()))
    broken.write_text(json.dumps(_broken_spec()))
    errors: dict[str, list[dict[str, object]]] = {"openapi.json": [], "broken.json": []}
    for result in lint(generated, broken):
        if result["severity"] == 0:
            errors[Path(str(result["source"])).name].append(result)
    return errors


def test_generated_spec_has_no_adr_errors(findings: dict[str, list[dict[str, object]]]) -> None:
    assert findings["openapi.json"] == [], json.dumps(findings["openapi.json"], indent=1)


def test_ruleset_catches_a_422_and_a_missing_version_header(
    findings: dict[str, list[dict[str, object]]],
) -> None:
    """The linter test must be able to fail: a spec breaking two rules gives errors for both."""
    codes = {r["code"] for r in findings["broken.json"]}
    assert {"adr-invalid-input-no-422", "adr-version-header"} <= codes
