"""The typed value of every column of an import kind, as DuckDB SQL, and the SELECT that loads it.

From the normalised text of the staged file (``__src``: trimmed, empty = NULL, plus ``__rij``) to
the value stored: numbers, Dutch and plain amounts, dates, choices, lists and booleans
(:func:`typed_expression`); the target columns an import fills (:func:`target_columns`) and the
SELECT of the typed rows in that order (:func:`typed_select`). The checks
(:mod:`leefbaar.storage.import_checks`) use the same expressions, so that a value that passes is the
value stored.
"""

from __future__ import annotations

from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind
from leefbaar.storage.pseudonym_sql import pseudonym_sql

T = ColumnType

#: How a yes/no column may say yes and no (in any case).
TRUE_VALUES = ("ja", "j", "true", "waar", "1", "yes", "y")
FALSE_VALUES = ("nee", "n", "false", "onwaar", "0", "no")

#: Derivations a kind may ask for (``ImportKind.derived``).
DERIVATIONS = {
    "niveau_of_code": (
        "CASE substr(code, 1, 2) WHEN 'GM' THEN 'gemeente' WHEN 'WK' THEN 'wijk' WHEN 'BU' THEN 'buurt' "
        "WHEN 'PV' THEN 'provincie' ELSE 'land' END"
    ),
    "gemeente_of_code": "CASE WHEN substr(code, 1, 2) IN ('GM', 'WK', 'BU') THEN 'GM' || substr(code, 3, 4) END",
    "wijk_of_code": "CASE WHEN substr(code, 1, 2) = 'BU' THEN 'WK' || substr(code, 3, 6) END",
}


def q(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


#: Amount notations. Dutch: a decimal comma, optionally with dots between thousands (1.250.000,50);
#: dots between thousands alone when there are at least two groups (1.250.000); plain: an optional
#: decimal point (1250000.50). One dot or comma followed by three digits (85.000, 85,000) could mean
#: either thousands or decimals: refused. (A leading 0, as in 0.125, is a decimal.)
_AMOUNT_DUTCH = r"[+-]?([0-9]+|[0-9]{1,3}(\.[0-9]{3})+),[0-9]+"
_AMOUNT_GROUPED = r"[+-]?[0-9]{1,3}(\.[0-9]{3}){2,}"
_AMOUNT_PLAIN = r"[+-]?[0-9]+(\.[0-9]+)?"
_AMOUNT_AMBIGUOUS = r"[+-]?[1-9][0-9]{0,2}([.,][0-9]{3})|[+-]?[1-9][0-9]{0,2}(,[0-9]{3}){2,}"


def _amount_text(c: str) -> str:
    return f"replace(replace({c}, '€', ''), ' ', '')"


def amount_value(c: str) -> str:
    """The amount as DECIMAL(14, 2); NULL for an ambiguous notation or no amount at all."""
    x = _amount_text(c)
    decimal = "DECIMAL(14, 2)"
    return (
        f"CASE WHEN regexp_full_match({x}, {q(_AMOUNT_AMBIGUOUS)}) THEN NULL "
        f"WHEN regexp_full_match({x}, {q(_AMOUNT_DUTCH)}) "
        f"THEN try_cast(replace(replace({x}, '.', ''), ',', '.') AS {decimal}) "
        f"WHEN regexp_full_match({x}, {q(_AMOUNT_GROUPED)}) THEN try_cast(replace({x}, '.', '') AS {decimal}) "
        f"WHEN regexp_full_match({x}, {q(_AMOUNT_PLAIN)}) THEN try_cast({x} AS {decimal}) END"
    )


_AMBIGUOUS_REASON = (
    "onduidelijk bedrag: een punt of komma met drie cijfers erna kan duizendtallen of decimalen zijn; "
    "schrijf 85000, 85.000,00 of 85,00"
)


def amount_reason(c: str) -> str:
    """Why a filled value is no amount (Dutch), as a SQL expression."""
    return (
        f"CASE WHEN regexp_full_match({_amount_text(c)}, {q(_AMOUNT_AMBIGUOUS)}) THEN {q(_AMBIGUOUS_REASON)} "
        f"ELSE {q('geen geldig bedrag (bijvoorbeeld 1250000, 1250000.50 of 1.250.000,50)')} END"
    )


#: A whole number; a spreadsheet may write 3 as 3.0. (A cast alone would round 3.5 to 4.) A column
#: shown to hold digits only (text_profile.digits_only) skips the expression: see
#: import_checks._integer_checks.
WHOLE_NUMBER_PATTERN = r"[+-]?[0-9]+(\.0*)?"


def whole_value(c: str) -> str:
    """The value as BIGINT when it is a whole number, else NULL."""
    return f"CASE WHEN regexp_full_match({c}, {q(WHOLE_NUMBER_PATTERN)}) THEN try_cast({c} AS BIGINT) END"


def date_value(c: str) -> str:
    """The date (JJJJ-MM-DD, DD-MM-JJJJ or a timestamp), else NULL."""
    return (
        f"coalesce(try_cast({c} AS DATE), CAST(try_strptime({c}, '%d-%m-%Y') AS DATE), "
        f"CAST(try_cast({c} AS TIMESTAMP) AS DATE))"
    )


def list_items(c: str, upper: bool) -> str:
    """The items of a list separated by ``;``: trimmed, upper or lower case, empty items left out."""
    transform = "upper(trim(x))" if upper else "lower(trim(x))"
    return f"list_filter(list_transform(string_split({c}, ';'), lambda x: {transform}), lambda x: x <> '')"


def typed_expression(column: Column) -> str:
    """The value to store, from the normalised text column."""
    c = ident(column.name)
    t = column.type
    if t is T.INTEGER:
        # No regular expression here: a file with a value that is not whole (which the cast would
        # round) is refused by import_checks._integer_checks before anything is loaded.
        value = f"CAST(try_cast({c} AS BIGINT) AS INTEGER)"
    elif t is T.NUMBER:
        value = f"try_cast(replace({c}, ',', '.') AS DOUBLE)"
    elif t is T.AMOUNT:
        value = amount_value(c)
    elif t is T.DATE:
        value = date_value(c)
    elif t is T.CHOICE:
        branches = " ".join(f"WHEN {q(choice.lower())} THEN {q(choice)}" for choice in column.choices)
        value = f"CASE lower({c}) {branches} END"
    elif t is T.CHOICE_LIST:
        value = f"nullif(array_to_string(list_sort(list_distinct({list_items(c, False)})), ';'), '')"
    elif t is T.PARTY_LIST:
        value = f"nullif(array_to_string(list_sort(list_distinct({list_items(c, True)})), ';'), '')"
    elif t is T.BOOLEAN:
        value = f"coalesce(lower({c}) IN ({', '.join(q(v) for v in TRUE_VALUES)}), false)"
    else:
        value = c
    if column.pseudonymised_as:
        # Only the pseudonym is stored; the key is bound to the connection (pseudonym_sql.bind_key).
        value = pseudonym_sql(value)
    if column.default is not None:
        value = f"coalesce({value}, {q(column.default)})"
    return value


def key_expressions(kind: ImportKind) -> list[str]:
    """The typed values of the kind's natural key."""
    return [typed_expression(kind.column(name)) for name in kind.key]


def stored_name(column: Column) -> str:
    """The target column a file column lands in (a pseudonymised id lands as its pseudonym)."""
    return column.pseudonymised_as or column.name


def target_columns(kind: ImportKind) -> list[str]:
    """Target table columns the import fills, in order (import_id last)."""
    cols = [stored_name(c) for c in kind.columns] + [name for name, _ in kind.derived]
    if kind.pseudonymises:
        cols.append("sleutelversie")
    if kind.stamps_indelingsjaar:
        cols.append("indelingsjaar")
    if kind.stamps_peildatum:
        cols.append("peildatum")
    return cols


def typed_select(
    kind: ImportKind,
    indelingsjaar: int | None,
    peildatum: str,
    source: str = "__src",
    sleutelversie: int | None = None,
) -> str:
    """SELECT of the typed rows from ``source`` (normalised text with ``__rij``, by default the staged
    ``__src``), in ``target_columns`` order. ``sleutelversie``: the version of the pseudonym key bound
    to the connection, for a kind that pseudonymises."""
    parts = ["__rij"] + [f"{typed_expression(col)} AS {ident(stored_name(col))}" for col in kind.columns]
    inner = "SELECT " + ", ".join(parts) + f" FROM {source}"
    outer = ["__rij"] + [ident(stored_name(c)) for c in kind.columns]
    outer += [f"{DERIVATIONS[how]} AS {ident(name)}" for name, how in kind.derived]
    if kind.pseudonymises:
        if sleutelversie is None:
            raise ValueError(f"importsoort {kind.name} pseudonimiseert: de sleutelversie ontbreekt")
        outer.append(f"CAST({int(sleutelversie)} AS SMALLINT) AS sleutelversie")
    if kind.stamps_indelingsjaar:
        outer.append(f"CAST({indelingsjaar} AS SMALLINT) AS indelingsjaar")
    if kind.stamps_peildatum:
        outer.append(f"DATE {q(peildatum)} AS peildatum")
    return f"SELECT {', '.join(outer)} FROM ({inner})"
