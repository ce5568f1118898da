"""The SQL forms of the agreement rules say what their definitions in ``domain`` say."""

from __future__ import annotations

import pytest

from leefbaar.storage.rule_sql import slecht_label, slechte_conditie, text_list


def test_poor_condition_in_sql() -> None:
    # R1: condition 5 or 6 (SLECHTE_CONDITIE); scores run to 6, so "at least 5"
    assert slechte_conditie("m.score") == "m.score >= 5"


def test_poor_labels_in_sql() -> None:
    # R3: labels E, F and G (SLECHTE_LABELS)
    assert slecht_label("w.energielabel") == "w.energielabel IN ('E', 'F', 'G')"


def test_a_text_list_refuses_a_quote() -> None:
    # only constants of the domain become SQL text; a quote would end the literal
    assert text_list(["a", "b"]) == "('a', 'b')"
    with pytest.raises(ValueError, match="aanhalingsteken"):
        text_list(["o'neill"])
