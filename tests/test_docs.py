"""The documents that describe the code must match it."""

from __future__ import annotations

from pathlib import Path

from leefbaar.config import Settings, settings_doc
from leefbaar.ingest import kinds
from leefbaar.ingest.formats_doc import document

ROOT = Path(__file__).parents[1]


def test_import_formats_doc_matches_the_kinds() -> None:
    # Regenerate with: .venv/bin/python -m leefbaar.ingest.formats_doc > docs/import-formats.md
    assert (ROOT / "docs" / "import-formats.md").read_text(encoding="utf-8") == document()


def test_every_import_kind_has_an_example_file() -> None:
    for kind in kinds.ALL:
        assert (ROOT / "examples" / "import" / f"{kind.name}.csv").is_file(), kind.name


def test_every_setting_is_documented() -> None:
    # Regenerate with: .venv/bin/python -m leefbaar.config > docs/settings.md
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == settings_doc()
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"


def test_architecture_doc_names_every_package() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = [p.name for p in (ROOT / "src" / "leefbaar").iterdir() if (p / "__init__.py").exists()]
    for package in packages:
        if package == "data":
            continue
        assert f"{package}/" in text, package
