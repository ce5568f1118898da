"""Pseudonyms of a whole column in DuckDB SQL are exactly those of the Python Pseudonymiser."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from leefbaar.privacy.pseudonymise import ALLOCATION_RECEIVER, Pseudonymiser, Subjectsoort
from leefbaar.storage.pseudonym_sql import bind_key, pseudonym_sql, unbind_key

MASTER = bytes(range(32))

IDS = [
    "H-000123",  # a tenant number as suppliers write it
    "1",  # one character
    "Ærø-ü",  # non-ASCII: hashed as UTF-8, like Python
    "x" * 64,  # the longest household id an import accepts
    "HH 12/3.a_b",  # every separator a household id may hold
    *[f"HH{i:09d}" for i in range(5000)],  # many: every base32 group and digit occurs
]


def _sql_pseudonyms(duck: duckdb.DuckDBPyConnection, ids: list[str | None]) -> list[str | None]:
    duck.register("ids", pa.table({"id": pa.array(ids, pa.string()), "n": list(range(len(ids)))}))
    return [r[0] for r in duck.execute(f"SELECT {pseudonym_sql('id')} FROM ids ORDER BY n").fetchall()]


def test_sql_pseudonyms_equal_the_python_pseudonymiser() -> None:
    p = Pseudonymiser.for_receiver(MASTER, ALLOCATION_RECEIVER, Subjectsoort.HUISHOUDEN)
    duck = duckdb.connect()
    bind_key(duck, p)
    assert _sql_pseudonyms(duck, IDS) == p.many(IDS)
    assert _sql_pseudonyms(duck, [None]) == [None]  # an empty cell stays empty (the import refuses it)


def test_another_receiver_or_key_gives_other_pseudonyms() -> None:
    duck = duckdb.connect()
    bind_key(duck, Pseudonymiser.for_receiver(MASTER, "verwerkingenlog"))
    log = _sql_pseudonyms(duck, ["H-1"])
    bind_key(duck, Pseudonymiser.for_receiver(bytes(range(1, 33)), "verwerkingenlog"))
    assert log != _sql_pseudonyms(duck, ["H-1"])
    assert log == [Pseudonymiser.for_receiver(MASTER, "verwerkingenlog").pseudonym("H-1")]


def test_the_key_never_appears_in_sql_text_and_is_forgotten_after_use() -> None:
    p = Pseudonymiser.for_receiver(MASTER, ALLOCATION_RECEIVER)
    inner, outer = p.hmac_prefixes()
    expression = pseudonym_sql("id")
    for secret in (MASTER, inner, outer):
        assert secret.hex() not in expression.lower() and secret.hex().upper() not in expression
    duck = duckdb.connect()
    bind_key(duck, p)
    unbind_key(duck)
    # Without the key no pseudonym is made at all (the target column is NOT NULL: the load fails).
    assert _sql_pseudonyms(duck, ["H-1"]) == [None]
