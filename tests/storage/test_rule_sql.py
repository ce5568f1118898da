"""The SQL forms of the agreement rules say what their definitions in ``domain`` say."""

from __future__ import annotations

import pytest

from leefbaar.storage.rule_sql import slecht_label, slechte_conditie, sociale_huur, text_list


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


def test_social_rent_in_sql_agrees_with_the_domain() -> None:
    # R10: the SQL form counts exactly the dwellings that domain.housing.is_sociale_huur counts, for
    # every owner kind with every segment (and none)
    import duckdb

    from leefbaar.domain.housing import Eigendom, Huursegment, is_sociale_huur

    cases = [(e.value, s.value if s else None) for e in Eigendom for s in (None, *Huursegment)]
    con = duckdb.connect()
    con.execute("CREATE TABLE w (eigendom VARCHAR, huursegment VARCHAR)")
    con.executemany("INSERT INTO w VALUES (?, ?)", cases)
    found = con.execute(f"SELECT eigendom, huursegment, coalesce({sociale_huur()}, false) FROM w").fetchall()
    assert len(found) == 12
    assert {(e, s): v for e, s, v in found} == {(e, s): is_sociale_huur(e, s) for e, s in cases}
