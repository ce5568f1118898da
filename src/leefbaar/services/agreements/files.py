"""Agreement files (YAML): read and validate them with the pure rules engine, and write a stored
document back as YAML. The files are the import and export format of the agreements; the database
holds the agreements themselves (``services.agreements.records``).

The agreements Leefbaar ships are package data in ``leefbaar/data/agreements/``
(:func:`default_agreements_dir`): the national agreement (``nationaal-*.yaml``, loaded by
``leefbaar db upgrade`` when absent) and the example local agreements of the demo (``lokaal-*.yaml``).
Any single file can be checked wherever it is (``leefbaar agreements check FILE``).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from leefbaar.rules.loader import load_agreement
from leefbaar.rules.model import Agreement, AgreementError, LoadResult
from leefbaar.rules.schema import DATUM_PATTERN

#: File name patterns of agreement files in a folder.
AGREEMENT_SUFFIXES = (".yaml", ".yml")

#: Dutch wording for the YAML parser's most common complaints (matched on their start).
_YAML_PROBLEMEN = (
    ("mapping values are not allowed here", "hier mag geen 'veld: waarde' staan (controleer de inspringing)"),
    ("found character '\\t' that cannot start any token", "tab gevonden; spring in met spaties"),
    ("expected ',' or ']'", "een lijst tussen [ ] is niet goed gesloten"),
    ("expected ',' or '}'", "een tabel tussen { } is niet goed gesloten"),
    ("found unexpected end of stream", "onverwacht einde van het bestand (aanhalingsteken niet gesloten?)"),
    ("could not find expected ':'", "verwacht een ':' na de veldnaam"),
    ("did not find expected key", "verwacht een veldnaam (controleer de inspringing)"),
    ("did not find expected '-' indicator", "verwacht een lijstelement '- ' (controleer de inspringing)"),
)


class _StrictLoader(yaml.SafeLoader):
    """safe_load, but a key that occurs twice in one mapping is an error instead of silently last-wins."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, list | dict):
                continue  # unhashable keys are refused by the schema later
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"dubbele sleutel '{key}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def default_agreements_dir() -> Path:
    """The agreements shipped with the package (``leefbaar/data/agreements``)."""
    return Path(str(resources.files("leefbaar") / "data" / "agreements"))


def shipped_files(prefix: str) -> list[Path]:
    """The shipped agreement files whose name starts with ``prefix`` (``nationaal-`` or ``lokaal-``)."""
    folder = default_agreements_dir()
    return sorted(p for p in folder.iterdir() if p.suffix in AGREEMENT_SUFFIXES and p.name.startswith(prefix))


def read_agreement_file(path: Path | str) -> LoadResult:
    """Read, parse and validate one agreement file; every problem comes back as a Dutch error."""
    path = Path(path)
    bestand = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _fout(bestand, "bestand niet gevonden")
    except IsADirectoryError:
        return _fout(bestand, "dit is een map, geen bestand")
    except UnicodeDecodeError:
        return _fout(bestand, "het bestand is geen UTF-8-tekst")
    except OSError as error:
        return _fout(bestand, f"het bestand kan niet worden gelezen ({error.strerror})")
    return parse_agreement_text(text, bestand)


def parse_agreement_text(text: str, bestand: str) -> LoadResult:
    """Parse YAML text (safe_load only) and validate it; for uploads and tests as well as files."""
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: as safe as safe_load
    except yaml.MarkedYAMLError as error:
        return _fout(bestand, _yaml_reden(error))
    except yaml.YAMLError as error:
        return _fout(bestand, f"ongeldige YAML: {error}")
    if data is None:
        return _fout(bestand, "het bestand is leeg")
    if not isinstance(data, dict):
        reden = "het bestand bevat geen afspraak: verwacht velden als id, titel en toezeggingen"
        return _fout(bestand, reden)
    return load_agreement(data, bestand)


def dump_agreement(document: dict[str, Any]) -> str:
    """A stored agreement document as YAML text: the keys in the document's order, dates unquoted.

    ``parse_agreement_text`` of the result gives the same document back (the round trip is tested).
    """
    header = "# Afspraak uit Leefbaar. Formaat: docs/agreement-format.md.\n"
    return header + yaml.safe_dump(_with_dates(document), allow_unicode=True, sort_keys=False, width=100)


_DATUM = re.compile(DATUM_PATTERN)


def _with_dates(document: dict[str, Any]) -> dict[str, Any]:
    """Dates are kept as ISO text in the document; YAML shows them as dates (2026-01-01, unquoted)."""

    def day(value: Any) -> Any:
        if isinstance(value, str) and _DATUM.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        return value

    out = dict(document)
    if isinstance(out.get("periode"), dict):
        out["periode"] = {k: day(v) for k, v in out["periode"].items()}
    if isinstance(out.get("toezeggingen"), list):
        out["toezeggingen"] = [
            {**t, "deadline": day(t["deadline"])} if isinstance(t, dict) and "deadline" in t else t
            for t in out["toezeggingen"]
        ]
    return out


def read_agreements_dir(agreements_dir: Path | str | None = None) -> list[LoadResult]:
    """Every agreement file in the folder (sorted by name), each loaded or with its errors.

    Two files with the same agreement id are both marked invalid: an id must name one agreement.
    """
    folder = Path(agreements_dir) if agreements_dir is not None else default_agreements_dir()
    if not folder.is_dir():
        return [_fout(str(folder), "map met afspraken niet gevonden")]
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in AGREEMENT_SUFFIXES)
    results = [read_agreement_file(p) for p in paths]
    return _mark_duplicate_ids(results)


def load_agreements(agreements_dir: Path | str | None = None) -> list[Agreement]:
    """The valid agreements of the folder; raises :class:`AgreementsInvalid` when any file is invalid."""
    results = read_agreements_dir(agreements_dir)
    fouten = [fout for result in results for fout in result.fouten]
    if fouten:
        raise AgreementsInvalid(fouten)
    return [result.agreement for result in results if result.agreement is not None]


class AgreementsInvalid(ValueError):
    """Raised by :func:`load_agreements`; ``fouten`` holds every error of every file."""

    def __init__(self, fouten: list[AgreementError]) -> None:
        super().__init__("\n".join(str(f) for f in fouten))
        self.fouten = fouten


def _fout(bestand: str, reden: str, pad: str = "(document)") -> LoadResult:
    return LoadResult(bestand, None, (AgreementError(bestand, pad, reden),))


def _yaml_reden(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    plaats = f"regel {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else "onbekende plaats"
    probleem = error.problem or error.context or "onleesbare YAML"
    probleem = next((nl for en, nl in _YAML_PROBLEMEN if probleem.startswith(en)), probleem)
    return f"YAML-syntaxfout op {plaats}: {probleem}"


def _mark_duplicate_ids(results: list[LoadResult]) -> list[LoadResult]:
    counts = Counter(r.agreement.id for r in results if r.agreement is not None)
    marked = []
    for result in results:
        if result.agreement is not None and counts[result.agreement.id] > 1:
            reden = f"afspraak-id '{result.agreement.id}' komt in meer dan één bestand voor"
            result = LoadResult(result.bestand, None, (AgreementError(result.bestand, "id", reden),))
        marked.append(result)
    return marked
