"""``all_errors``: what a form or an API body hears at once: the structural errors and, as far as the
document can be read despite them, the semantic ones; a file still reports one pass at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from leefbaar.rules import load_agreement
from leefbaar.rules.loader import all_errors
from tests.rules.test_loader import Doc, lokaal


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return change


_DELETE = object()


@pytest.mark.parametrize(
    ("changes", "paths"),
    [
        # valid: nothing
        ((), []),
        # one structural error and two semantic ones: all three
        (
            (
                _set("titel", ""),
                _set("periode.start", "2028-01-01"),
                _set("toezeggingen.0.verantwoordelijke", "L0002"),
            ),
            ["titel", "periode.eind", "toezeggingen[0].verantwoordelijke"],
        ),
        # a semantic error on a path the structure already names is not repeated
        ((_set("toezeggingen.0.deadline", "2026-13-01"),), ["toezeggingen[0].deadline"]),
        # a missing key: the structural error; what cannot be read is left for the next try
        (
            (_set("toezeggingen.0.requirement", _DELETE), _set("toezeggingen.1.verantwoordelijke", "X")),
            ["toezeggingen[0].requirement", "toezeggingen[1].verantwoordelijke"],
        ),
        # the periode missing entirely: the semantic pass cannot start; the structural error alone
        ((_set("periode", _DELETE), _set("titel", "")), ["periode", "titel"]),
    ],
)
def test_all_errors_at_once(changes: tuple[Callable[[Doc], None], ...], paths: list[str]) -> None:
    doc = lokaal()
    for change in changes:
        change(doc)
    assert sorted(f.pad for f in all_errors(doc, "formulier")) == sorted(paths)


def test_a_file_still_reports_the_structure_first() -> None:
    doc = lokaal()
    doc["titel"] = ""
    doc["periode"]["start"] = "2028-01-01"
    assert [f.pad for f in load_agreement(doc, "x.yaml").fouten] == ["titel"]
    assert sorted(f.pad for f in all_errors(doc, "x.yaml")) == ["periode.eind", "titel"]
