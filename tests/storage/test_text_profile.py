"""The shortcuts of the import's staging step give the same result as the full normalisation.

text_profile decides from the raw bytes which normalisation steps a column can skip and which
shape checks hold for every value; import_staging then leaves those out. Each test compares with the
independent route: the full normalisation and every check, as DuckDB runs them without shortcuts.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from leefbaar.domain.bag import POSTCODE_PATTERN, VERBLIJFSOBJECT_PATTERN
from leefbaar.ingest.kinds import WONINGEN
from leefbaar.storage.import_staging import normalise_select, staging_select
from leefbaar.storage.import_values import WHOLE_NUMBER_PATTERN
from leefbaar.storage.text_profile import AS_IS, TextProfile, digits_only, pattern_holds, profile_columns

NBSP = "\u00a0"
IDEOGRAPHIC_SPACE = "\u3000"


def _column(values: list[str | None], chunks: int = 1) -> pa.ChunkedArray:
    size = max(1, len(values) // chunks)
    parts = [values[i : i + size] for i in range(0, len(values), size)] or [[]]
    return pa.chunked_array([pa.array(p, type=pa.string()) for p in parts], type=pa.string())


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["0363010000123456", "0599010000000001"], AS_IS),  # digits only: nothing to do
        (["BU0363AA01", " BU0363AA02"], TextProfile(trim=True, upper=False, spaces=True)),  # leading space
        (["BU0363AA01", "bu0363aa02"], TextProfile(trim=False, upper=True, spaces=False)),  # lower case
        ([f"1013AB{NBSP}"], TextProfile(trim=True, upper=True, spaces=False)),  # non-breaking space
        ([f"{IDEOGRAPHIC_SPACE}L0001"], TextProfile(trim=True, upper=True, spaces=False)),  # U+3000
        (["1013 AB"], TextProfile(trim=True, upper=False, spaces=True)),  # space inside: trim kept too
        (["", "corporatie"], TextProfile(trim=False, upper=True, spaces=False)),  # a-z
        (["É"], TextProfile(trim=True, upper=True, spaces=False)),  # non-ASCII: kept both ways
    ],
)
def test_profile_says_which_steps_could_change_a_value(values: list[str], expected: TextProfile) -> None:
    table = pa.table({"x": _column(values)})
    assert profile_columns(table)["x"] == expected


def test_profile_of_a_sliced_column_looks_only_at_its_own_values() -> None:
    # The slice [1:] holds only clean values, though the buffer underneath starts with " x".
    array = pa.array([" x", "AB", "CD"], type=pa.string()).slice(1)
    assert profile_columns(pa.table({"x": array}))["x"] == AS_IS


@pytest.mark.parametrize(
    ("values", "pattern", "holds"),
    [
        (["0363010000123456", "0599010000000001"], VERBLIJFSOBJECT_PATTERN, True),
        (["0363020000123456"], VERBLIJFSOBJECT_PATTERN, False),  # object type 02, not 01
        (["036301000012345"], VERBLIJFSOBJECT_PATTERN, False),  # 15 digits
        (["036301000012345X"], VERBLIJFSOBJECT_PATTERN, False),  # a letter
        (["1013AB", "9999ZZ"], POSTCODE_PATTERN, True),
        (["0123AB"], POSTCODE_PATTERN, False),  # first digit 0
        (["1013ab"], POSTCODE_PATTERN, False),  # lower case
        (["1013AB", ""], POSTCODE_PATTERN, False),  # an empty value: not shown this way
        (["1013AB", None], POSTCODE_PATTERN, False),  # a null
        (["BU0363AA01"], "BU[0-9]{4}[0-9A-Z]{2}[0-9A-Z]{2}", True),
        (["BU0363a_01"], "BU[0-9]{4}[0-9A-Z]{2}[0-9A-Z]{2}", False),
        (["GM0363"], "(GM|PV)[0-9]{4}", False),  # alternation: not a fixed-width pattern
        (["L0001"], "L[0-9]+", False),  # open repeat: not fixed width
    ],
)
def test_pattern_holds_agrees_with_the_regular_expression(
    values: list[str | None], pattern: str, holds: bool
) -> None:
    column = _column(values)
    assert pattern_holds(column, pattern) is holds
    if holds:  # the independent route: DuckDB's own regular expression over the same values
        con = duckdb.connect()
        con.register("t", pa.table({"x": column}))
        assert con.execute("SELECT bool_and(regexp_full_match(x, ?)) FROM t", [pattern]).fetchone()[0]


def test_pattern_holds_over_several_chunks() -> None:
    values = [f"0363010000{i:06d}" for i in range(1000)]
    assert pattern_holds(_column(values, chunks=7), VERBLIJFSOBJECT_PATTERN)
    values[555] = "0363010000x00555"
    assert not pattern_holds(_column(values, chunks=7), VERBLIJFSOBJECT_PATTERN)


def _woningen(rows: list[dict[str, str]]) -> pa.Table:
    names = [c.name for c in WONINGEN.columns]
    table = pa.table({n: pa.array([r.get(n, "") for r in rows], type=pa.string()) for n in names})
    return table.append_column("__rij", pa.array(range(2, len(rows) + 2), type=pa.int64()))


_CLEAN = {
    "verblijfsobject_id": "0363010000123456",
    "postcode": "1013AB",
    "huisnummer": "12",
    "buurtcode": "BU0363AA01",
    "eigendom": "corporatie",
    "corporatie_id": "L0001",
    "complexnummer": "1043",
    "huursegment": "sociaal",
    "energielabel": "C",
    "bouwjaar": "1965",
    "oppervlakte_m2": "62",
}

#: Files whose shortcuts differ: clean, untrimmed, lower case, non-breaking space, bad values.
_FILES = [
    [_CLEAN],
    [_CLEAN, {**_CLEAN, "verblijfsobject_id": " 0363010000123457 ", "postcode": "1013 ab"}],
    [_CLEAN, {**_CLEAN, "buurtcode": "bu0363aa01", "corporatie_id": f"l0001{NBSP}"}],
    [_CLEAN, {**_CLEAN, "verblijfsobject_id": "0363020000123456"}],  # object type 02
    [_CLEAN, {**_CLEAN, "huisnummer": "0"}, {**_CLEAN, "bouwjaar": "negentien"}],  # range, not a number
    [_CLEAN, {**_CLEAN, "complexnummer": "=HYPERLINK(1)"}, {**_CLEAN, "energielabel": "Z"}],
    [_CLEAN, {**_CLEAN, "eigendom": "Corporatie", "huursegment": "SOCIAAL"}],  # case of a choice
    # whole numbers: digits only but too large or out of range (the shortcut), and not digits only
    [_CLEAN, {**_CLEAN, "huisnummer": "99999999999999999999"}, {**_CLEAN, "bouwjaar": "1265"}],
    [
        _CLEAN,
        {**_CLEAN, "huisnummer": "3.5"},
        {**_CLEAN, "bouwjaar": "1965.0"},
        {**_CLEAN, "oppervlakte_m2": "+62"},
    ],
]


@pytest.mark.parametrize("rows", _FILES)
def test_staging_with_shortcuts_equals_staging_without(rows: list[dict[str, str]]) -> None:
    from leefbaar.storage.importer import _proven_shapes

    table = _woningen(rows)
    present = set(table.column_names)
    profiles = profile_columns(table)
    proven = _proven_shapes(WONINGEN, table, 2025, profiles)
    con = duckdb.connect()
    con.register("__raw", table)
    fast = con.execute(
        f"SELECT * FROM ({staging_select(WONINGEN, present, 2025, profiles, proven)}) ORDER BY __rij"
    )
    fast_rows = fast.fetchall()
    full = con.execute(f"SELECT * FROM ({staging_select(WONINGEN, present, 2025)}) ORDER BY __rij").fetchall()
    assert fast_rows == full
    # And the flag is the plain OR of every row-local check's condition, each run on its own.
    from leefbaar.storage.import_checks import split_checks

    local, _ = split_checks(WONINGEN, 2025)
    con.execute(f"CREATE TABLE __src AS {normalise_select(WONINGEN, present)}")
    failing = {
        r[0]
        for check in local
        for r in con.execute(f"SELECT __rij FROM __src WHERE {check.condition}").fetchall()
    }
    assert {r[0] for r in fast_rows if r[-1]} == failing


def test_a_clean_file_proves_its_shapes_and_a_messy_one_does_not() -> None:
    from leefbaar.storage.importer import _proven_shapes

    clean = _woningen([_CLEAN, {**_CLEAN, "verblijfsobject_id": "0363010000123457"}])
    proven = _proven_shapes(WONINGEN, clean, 2025, profile_columns(clean))
    assert ("verblijfsobject_id", VERBLIJFSOBJECT_PATTERN) in proven
    assert ("postcode", POSTCODE_PATTERN) in proven
    assert ("bouwjaar", WHOLE_NUMBER_PATTERN) in proven
    written_as_decimal = _woningen([_CLEAN, {**_CLEAN, "bouwjaar": "1965.0"}])
    assert ("bouwjaar", WHOLE_NUMBER_PATTERN) not in _proven_shapes(
        WONINGEN, written_as_decimal, 2025, profile_columns(written_as_decimal)
    )
    messy = _woningen([_CLEAN, {**_CLEAN, "verblijfsobject_id": " 0363010000123457"}])
    assert ("verblijfsobject_id", VERBLIJFSOBJECT_PATTERN) not in _proven_shapes(
        WONINGEN, messy, 2025, profile_columns(messy)
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1965", "7", "", "0012"], True),  # digits, and an empty cell
        (["1965", "3.0"], False),  # a whole number, but not digits only: the expression decides
        (["-3"], False),
        ([" 3"], False),
        ([], True),
    ],
)
def test_digits_only(values: list[str], expected: bool) -> None:
    column = pa.chunked_array([pa.array(values[:1], pa.string()), pa.array(values[1:], pa.string())])
    assert digits_only(column) is expected
    # a slice sees only its own values
    assert digits_only(pa.chunked_array([pa.array(["x", *values], pa.string()).slice(1)])) is expected
