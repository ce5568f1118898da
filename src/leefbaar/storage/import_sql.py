"""DuckDB SQL generated from an import kind: normalisation, checks (one query each) and typed values.

Every check is one set-based query over the staged file returning (row, column, value, reason);
nothing here loops over rows. The staged file is ``__src`` (text columns, trimmed, empty = NULL,
plus ``__rij``); reference data is visible as ``__ref_regio``, ``__ref_partij`` and ``__ref_complex``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from leefbaar.domain.bag import POSTCODE_PATTERN, VERBLIJFSOBJECT_PATTERN
from leefbaar.domain.regions import CODE_PATTERNS, Niveau
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind
from leefbaar.storage.text_profile import UNKNOWN, TextProfile

T = ColumnType

_CODE_NIVEAU = {T.GEMEENTECODE: Niveau.GEMEENTE, T.WIJKCODE: Niveau.WIJK, T.BUURTCODE: Niveau.BUURT}
_ANY_REGION = "|".join(f"({p})" for p in CODE_PATTERNS.values())
_UPPERCASED = {T.GEMEENTECODE, T.WIJKCODE, T.BUURTCODE, T.REGIOCODE, T.VERBLIJFSOBJECT, T.PARTY, T.PARTY_LIST}
_TRUE = ("ja", "j", "true", "waar", "1", "yes", "y")
_FALSE = ("nee", "n", "false", "onwaar", "0", "no")
PSEUDONYM_PATTERN = r"[A-Za-z0-9_-]{12,64}"

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
    return '"' + name.replace('"', '""') + '"'


def normalise_select(
    kind: ImportKind, present: set[str], profiles: Mapping[str, TextProfile] | None = None
) -> str:
    """SELECT that turns the raw text table ``__raw`` into ``__src``: trimmed, empty -> NULL.

    ``profiles`` (see text_profile) lets a column skip a step that cannot change it.
    """
    parts = ["__rij"]
    for column in kind.columns:
        if column.name not in present:
            parts.append(f"CAST(NULL AS VARCHAR) AS {ident(column.name)}")
            continue
        profile = (profiles or {}).get(column.name, UNKNOWN)
        value = ident(column.name)
        if profile.trim:
            value = f"trim({value})"
        value = f"nullif({value}, '')"
        if column.type is T.POSTCODE and profile.spaces:
            value = f"replace({value}, ' ', '')"
        if (column.type in _UPPERCASED or column.type is T.POSTCODE) and profile.upper:
            value = f"upper({value})"
        parts.append(f"{value} AS {ident(column.name)}")
    return "SELECT " + ", ".join(parts) + " FROM __raw"


#: Code points a spreadsheet formula may start with: = + - @ tab carriage return.
_FORMULA_START = (0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D)


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


def _amount(c: str) -> str:
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


def _amount_reason(c: str) -> str:
    return (
        f"CASE WHEN regexp_full_match({_amount_text(c)}, {q(_AMOUNT_AMBIGUOUS)}) THEN {q(_AMBIGUOUS_REASON)} "
        f"ELSE {q('geen geldig bedrag (bijvoorbeeld 1250000, 1250000.50 of 1.250.000,50)')} END"
    )


#: A whole number; a spreadsheet may write 3 as 3.0. (A cast alone would round 3.5 to 4.) A column
#: shown to hold digits only (text_profile.digits_only) skips the expression: see _integer_checks.
WHOLE_NUMBER_PATTERN = r"[+-]?[0-9]+(\.0*)?"


def _whole(c: str) -> str:
    return f"CASE WHEN regexp_full_match({c}, {q(WHOLE_NUMBER_PATTERN)}) THEN try_cast({c} AS BIGINT) END"


def _date(c: str) -> str:
    return (
        f"coalesce(try_cast({c} AS DATE), CAST(try_strptime({c}, '%d-%m-%Y') AS DATE), "
        f"CAST(try_cast({c} AS TIMESTAMP) AS DATE))"
    )


def _list_items(c: str, upper: bool) -> str:
    transform = "upper(trim(x))" if upper else "lower(trim(x))"
    return f"list_filter(list_transform(string_split({c}, ';'), lambda x: {transform}), lambda x: x <> '')"


def typed_expression(column: Column) -> str:
    """The value to store, from the normalised text column."""
    c = ident(column.name)
    t = column.type
    if t is T.INTEGER:
        # No regular expression here: a file with a value that is not whole (which the cast would
        # round) is refused by _integer_checks before anything is loaded.
        value = f"CAST(try_cast({c} AS BIGINT) AS INTEGER)"
    elif t is T.NUMBER:
        value = f"try_cast(replace({c}, ',', '.') AS DOUBLE)"
    elif t is T.AMOUNT:
        value = _amount(c)
    elif t is T.DATE:
        value = _date(c)
    elif t is T.CHOICE:
        branches = " ".join(f"WHEN {q(choice.lower())} THEN {q(choice)}" for choice in column.choices)
        value = f"CASE lower({c}) {branches} END"
    elif t is T.CHOICE_LIST:
        value = f"nullif(array_to_string(list_sort(list_distinct({_list_items(c, False)})), ';'), '')"
    elif t is T.PARTY_LIST:
        value = f"nullif(array_to_string(list_sort(list_distinct({_list_items(c, True)})), ';'), '')"
    elif t is T.BOOLEAN:
        value = f"coalesce(lower({c}) IN ({', '.join(q(v) for v in _TRUE)}), false)"
    else:
        value = c
    if column.default is not None:
        value = f"coalesce({value}, {q(column.default)})"
    return value


@dataclass(frozen=True)
class JoinedFailure:
    """A reference check as a left join: rows of ``__src s`` fail where ``fails`` holds.

    ``join`` (``<table or subquery> AS <alias> ON ...``) matches at most one row per row of ``s``,
    so the join keeps the row count; checks with the same ``join`` share it.
    """

    join: str
    fails: str


@dataclass(frozen=True)
class Check:
    """One check: rows of ``source`` where ``condition`` holds are errors with ``reason`` in ``column``."""

    column: str
    condition: str
    reason_sql: str
    value_sql: str
    source: str = "__src"
    #: The regular expression a shape check tests (the value must match it in full), else None.
    pattern: str | None = None
    #: A cheaper query that counts the same failing rows (or more: rows another check fails as
    #: well), for the error count of a clean file; None: count ``source`` where ``condition``.
    count_sql: str | None = None
    #: What this check adds to the row-local flag ``__lokaal`` instead of ``condition`` (a term
    #: that covers several checks at once); "" when another check's term already covers it.
    flag_sql: str | None = None
    #: For a check that joins reference data: the same test inside one pass over ``__src s``
    #: (see ``one_pass_count_query``); None when it has no such form.
    joined: JoinedFailure | None = None
    #: The flag term once ``pattern`` is proven for the whole column beforehand ("" = nothing left).
    proven_flag_sql: str = ""

    def count_query(self) -> str:
        """SELECT count(*) of the rows this check fails (see ``count_sql``)."""
        return self.count_sql or f"SELECT count(*) FROM {self.source} WHERE {self.condition}"

    def query(self) -> str:
        """The errors it finds, as (rij, kolom, waarde, reden)."""
        return (
            f"SELECT __rij AS rij, {q(self.column)} AS kolom, CAST({self.value_sql} AS VARCHAR) AS waarde, "
            f"{self.reason_sql} AS reden FROM {self.source} WHERE {self.condition}"
        )


def _fail(
    column: str, condition: str, reason_sql: str, value_sql: str | None = None, source: str = "__src"
) -> Check:
    return Check(column, condition, reason_sql, value_sql or ident(column), source)


def _shape(column: str, pattern: str, reason: str) -> Check:
    """A check that a filled value matches ``pattern`` in full."""
    c = ident(column)
    condition = f"{c} IS NOT NULL AND NOT regexp_full_match({c}, {q(pattern)})"
    return Check(column, condition, q(reason), c, pattern=pattern)


def shape_patterns(kind: ImportKind, indelingsjaar: int | None) -> set[tuple[str, str]]:
    """(column, pattern) of every row-local shape check: what ``proven`` in ``staging_select`` may hold."""
    local, _ = _split_checks(kind, indelingsjaar)
    return {(c.column, c.pattern) for c in local if c.pattern is not None}


def _split_checks(kind: ImportKind, indelingsjaar: int | None) -> tuple[list[Check], list[Check]]:
    """(row-local checks, checks that join or unnest) for the fast path."""
    checks = column_checks(kind, indelingsjaar) + ordered_checks(kind) + reference_checks(kind, indelingsjaar)
    return [c for c in checks if c.source == "__src"], [c for c in checks if c.source != "__src"]


def staging_select(
    kind: ImportKind,
    present: set[str],
    indelingsjaar: int | None,
    profiles: Mapping[str, TextProfile] | None = None,
    proven: Collection[tuple[str, str]] = (),
) -> str:
    """SELECT for ``__src``: the normalised text plus ``__lokaal``, true when any row-local check fails.

    The row-local checks are evaluated while the staging table is written, in the same pass.
    """
    terms = _local_flag_terms(kind, indelingsjaar, proven)
    flag = "coalesce(" + " OR ".join(f"({t})" for t in terms) + ", false)" if terms else "false"
    return f"SELECT *, {flag} AS __lokaal FROM ({normalise_select(kind, present, profiles)})"


def _local_flag_terms(
    kind: ImportKind, indelingsjaar: int | None, proven: Collection[tuple[str, str]] = ()
) -> list[str]:
    """The row-local check conditions, OR-ed into ``__lokaal``; true exactly when one of them is.

    A check may give a cheaper term that covers others as well (``Check.flag_sql``: an integer
    column's two checks share one cast). Shape checks whose (column, pattern) is in ``proven``
    (shown to hold for every normalised value beforehand, see text_profile.pattern_holds) are left out.
    """
    local, _ = _split_checks(kind, indelingsjaar)
    terms = [
        check.proven_flag_sql
        if check.pattern is not None and (check.column, check.pattern) in proven
        else check.condition
        if check.flag_sql is None
        else check.flag_sql
        for check in local
    ]
    return [term for term in terms if term]


def error_count_query(kind: ImportKind, indelingsjaar: int | None) -> str:
    """One cheap query for the number of failures in the common case of a clean file.

    Row-local checks were folded into ``__src.__lokaal`` (see ``staging_select``); checks that join
    (codes, parties, complexes) run as their own anti-joins; duplicate keys are counted without
    sorting. Zero means no errors; otherwise ``all_checks`` finds them one by one.
    """
    _, joined = _split_checks(kind, indelingsjaar)
    parts = [f"({c.count_query()})" for c in joined]
    parts.append("(SELECT count(*) FROM __src WHERE __lokaal)")
    parts.append(f"({_duplicate_count(kind)})")
    return "SELECT " + " + ".join(parts)


def _duplicate_count(kind: ImportKind) -> str:
    return f"SELECT {_duplicate_aggregate(kind)} FROM __src"


def _duplicate_aggregate(kind: ImportKind) -> str:
    """The number of rows whose key an earlier row has too, as one aggregate expression."""
    expressions = key_expressions(kind)
    if len(expressions) == 1:
        key = expressions[0]
        # count(DISTINCT) skips NULLs: count them apart (two empty keys are duplicates too).
        return f"count({key}) - count(DISTINCT {key}) + greatest(count(*) - count({key}) - 1, 0)"
    keys = ", ".join(f"coalesce(CAST({k} AS VARCHAR), chr(0))" for k in expressions)
    return f"count(*) - count(DISTINCT concat_ws(chr(31), {keys}))"


def one_pass_count_query(kind: ImportKind, indelingsjaar: int | None) -> str | None:
    """Zero exactly when the file is clean, in a single pass over ``__src`` (which may be a view).

    The row-local flag, every reference check as a left join (``Check.joined``) and the duplicate
    keys in one query: the staged file is read once, so it need not be stored (the importer keeps
    ``__src`` a view over the Arrow table on this path). Not zero: some row fails something, and
    ``all_checks`` say which. None when a check has no join form (a list of parties is unnested).
    """
    _, joined = _split_checks(kind, indelingsjaar)
    forms = [check.joined for check in joined]
    if any(form is None for form in forms):
        return None
    present = [form for form in forms if form is not None]
    joins = list(dict.fromkeys(form.join for form in present))
    # coalesce(..., true): a test that cannot decide counts as a failure (the checks then look).
    fails = " OR ".join(["s.__lokaal"] + [f"coalesce({form.fails}, true)" for form in present])
    rows = f"SELECT s.*, {fails} AS __fout FROM __src s" + "".join(f" LEFT JOIN {j}" for j in joins)
    return f"SELECT count(*) FILTER (WHERE __fout) + {_duplicate_aggregate(kind)} FROM ({rows})"


def column_checks(kind: ImportKind, indelingsjaar: int | None) -> list[Check]:
    """One query per check of every column."""
    checks: list[Check] = []
    for column in kind.columns:
        checks.extend(_checks_for(column, kind, indelingsjaar))
    return checks


def _checks_for(column: Column, kind: ImportKind, indelingsjaar: int | None) -> list[Check]:
    c = ident(column.name)
    n = column.name
    t = column.type
    out: list[Check] = []
    if column.required and column.required_when is None and column.default is None:
        out.append(_fail(n, f"{c} IS NULL", q("verplicht veld is leeg"), "NULL"))
    if column.required_when:
        other, values = column.required_when
        cond = f"{c} IS NULL AND lower({ident(other)}) IN ({', '.join(q(v) for v in values)})"
        out.append(_fail(n, cond, q(f"verplicht bij {other} = {' of '.join(values)}"), "NULL"))
    if column.forbidden_when:
        other, values = column.forbidden_when
        cond = f"{c} IS NOT NULL AND lower({ident(other)}) IN ({', '.join(q(v) for v in values)})"
        out.append(_fail(n, cond, q(f"moet leeg zijn bij {other} = {' of '.join(values)}")))
    present = f"{c} IS NOT NULL"
    if column.max_length:
        out.append(
            _fail(
                n,
                f"{present} AND length({c}) > {column.max_length}",
                q(f"langer dan {column.max_length} tekens"),
            )
        )
    if column.pattern:
        out.append(_shape(n, column.pattern, column.pattern_hint or ""))
    if column.pattern_when:
        other, rules = column.pattern_when
        for value, pattern, hint in rules:
            # A value of no known shape at all is reported once, by the column's own pattern.
            shaped = f" AND regexp_full_match({c}, {q(column.pattern)})" if column.pattern else ""
            cond = (
                f"{present} AND lower({ident(other)}) = {q(value)}{shaped} "
                f"AND NOT regexp_full_match({c}, {q(pattern)})"
            )
            out.append(_fail(n, cond, q(hint)))
    if t in (T.TEXT, T.PSEUDONYM):
        out.append(
            _fail(
                n,
                f"{present} AND ascii({c}) IN ({', '.join(str(p) for p in _FORMULA_START)})",
                q("tekst begint met =, +, - of @ (mogelijke spreadsheetformule); dat is niet toegestaan"),
            )
        )
    if t in _CODE_NIVEAU or t is T.REGIOCODE:
        out.extend(_code_checks(column, indelingsjaar))
    elif t is T.VERBLIJFSOBJECT:
        out.append(
            _shape(
                n,
                VERBLIJFSOBJECT_PATTERN,
                "geen geldige BAG-verblijfsobject-id (16 cijfers: gemeentecode, 01, volgnummer)",
            )
        )
    elif t is T.POSTCODE:
        out.append(_shape(n, POSTCODE_PATTERN, "geen geldige postcode (1234AB)"))
    elif t is T.INTEGER:
        out.extend(_integer_checks(column))
    elif t is T.NUMBER:
        out.append(
            _fail(n, f"{present} AND try_cast(replace({c}, ',', '.') AS DOUBLE) IS NULL", q("geen getal"))
        )
    elif t is T.AMOUNT:
        out.append(
            _fail(
                n,
                f"{present} AND {_amount(c)} IS NULL",
                _amount_reason(c),
            )
        )
        out.append(_fail(n, f"{present} AND {_amount(c)} < 0", q("bedrag mag niet negatief zijn")))
    elif t is T.DATE:
        out.append(
            _fail(
                n,
                f"{present} AND {_date(c)} IS NULL",
                q("geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)"),
            )
        )
        out.append(
            _fail(
                n,
                f"{present} AND year({_date(c)}) NOT BETWEEN 1900 AND 2100",
                q("datum ligt buiten 1900-2100"),
            )
        )
    elif t is T.CHOICE:
        options = ", ".join(q(v.lower()) for v in column.choices)
        # The values as documented first: lower() only runs for the rows that differ from them.
        exact = ", ".join(q(v) for v in column.choices)
        out.append(
            _fail(
                n,
                f"{present} AND {c} NOT IN ({exact}) AND lower({c}) NOT IN ({options})",
                q(f"onbekende waarde; kies uit: {', '.join(column.choices)}"),
            )
        )
    elif t is T.CHOICE_LIST:
        options = ", ".join(q(v.lower()) for v in column.choices)
        cond = f"{present} AND len(list_filter({_list_items(c, False)}, lambda x: x NOT IN ({options}))) > 0"
        out.append(_fail(n, cond, q(f"onbekende waarde in de lijst; kies uit: {', '.join(column.choices)}")))
    elif t is T.BOOLEAN:
        options = ", ".join(q(v) for v in _TRUE + _FALSE)
        out.append(_fail(n, f"{present} AND lower({c}) NOT IN ({options})", q("gebruik ja of nee")))
    elif t is T.PARTY:
        out.extend(_party_checks(column))
    elif t is T.PARTY_LIST:
        out.append(_party_list_check(column))
    elif t is T.PSEUDONYM:
        out.append(
            _shape(n, PSEUDONYM_PATTERN, "geen geldig pseudoniem (12-64 tekens: letters, cijfers, - of _)")
        )
        out.append(
            _fail(
                n,
                f"{present} AND regexp_matches({c}, '(^|[^0-9])[0-9]{{9}}([^0-9]|$)')",
                q("bevat 9 cijfers op rij (mogelijk een BSN): lever alleen pseudoniemen aan"),
                "'(verborgen)'",
            )
        )
    elif t is T.GEOMETRY:
        out.append(
            _fail(
                n,
                f"{present} AND NOT coalesce(json_valid({c}), false)",
                q("geen geldige GeoJSON"),
                f"left({c}, 40)",
            )
        )
        cond = (
            # CASE, not AND: SQL does not promise to skip the extraction for text that is no JSON.
            f"{present} AND coalesce(json_valid({c}), false) AND "
            f"coalesce(CASE WHEN json_valid({c}) THEN json_extract_string({c}, '$.type') END, '') "
            "NOT IN ('Polygon', 'MultiPolygon')"
        )
        out.append(_fail(n, cond, q("geometrie moet een Polygon of MultiPolygon zijn"), f"left({c}, 40)"))
    return out


def _integer_checks(column: Column) -> list[Check]:
    """ "Not a whole number" and, with a minimum or maximum, "out of range": two checks with their own
    reasons, but one term in the row-local flag. When the column holds digits only (proven on its
    bytes), the flag needs no regular expression: only the cast (too large) and the range remain."""
    c = ident(column.name)
    value = _whole(c)
    whole = _fail(column.name, f"{c} IS NOT NULL AND {value} IS NULL", q("geen geheel getal"))
    cast = f"try_cast({c} AS BIGINT)"
    if column.minimum is None and column.maximum is None:
        return [
            replace(
                whole, pattern=WHOLE_NUMBER_PATTERN, proven_flag_sql=f"{c} IS NOT NULL AND {cast} IS NULL"
            )
        ]
    low = column.minimum if column.minimum is not None else -(10**18)
    high = column.maximum if column.maximum is not None else 10**18
    both = f"{c} IS NOT NULL AND NOT coalesce({value} BETWEEN {low} AND {high}, false)"
    reason = q(f"moet liggen tussen {_num(low)} en {_num(high)}")
    in_range = Check(
        column.name, f"{value} IS NOT NULL AND {value} NOT BETWEEN {low} AND {high}", reason, c, flag_sql=""
    )
    proven = f"{c} IS NOT NULL AND NOT coalesce({cast} BETWEEN {low} AND {high}, false)"
    return [replace(whole, flag_sql=both, pattern=WHOLE_NUMBER_PATTERN, proven_flag_sql=proven), in_range]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _code_checks(column: Column, indelingsjaar: int | None) -> list[Check]:
    c = ident(column.name)
    n = column.name
    if column.type is T.REGIOCODE:
        pattern, hint = _ANY_REGION, "geen geldige CBS-gebiedscode (GM0363, WK036300, BU03630001, PV27, NL00)"
    else:
        niveau = _CODE_NIVEAU[column.type]
        pattern = CODE_PATTERNS[niveau]
        example = {Niveau.GEMEENTE: "GM0363", Niveau.WIJK: "WK0363AA", Niveau.BUURT: "BU0363AA01"}[niveau]
        hint = f"geen geldige {niveau.value}code (bijvoorbeeld {example})"
    out = [_shape(n, pattern, hint)]
    if column.must_exist and indelingsjaar is not None:
        # A code that does not exist in the division year; name the years in which it does exist.
        source = (
            f"(SELECT s.__rij, s.{c}, (SELECT string_agg(DISTINCT CAST(r.indelingsjaar AS VARCHAR), ', ' "
            f"ORDER BY CAST(r.indelingsjaar AS VARCHAR)) FROM __ref_regio r WHERE r.code = s.{c}) AS andere_jaren "
            f"FROM __src s WHERE s.{c} IS NOT NULL AND regexp_full_match(s.{c}, {q(pattern)}) AND NOT EXISTS "
            f"(SELECT 1 FROM __ref_regio r WHERE r.code = s.{c} AND r.indelingsjaar = {indelingsjaar}))"
        )
        reason = (
            f"{q(f'code bestaat niet in indeling {indelingsjaar}')} || "
            "coalesce(' (wel in indeling ' || andere_jaren || ')', '')"
        )
        # For the count the shape test can go: a malformed code is counted by its own check.
        count = (
            f"SELECT count(*) FROM __src s WHERE s.{c} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM __ref_regio r WHERE r.code = s.{c} AND r.indelingsjaar = {indelingsjaar})"
        )
        alias = ident(f"__j_regio_{n}")
        joined = JoinedFailure(
            f"(SELECT DISTINCT code FROM __ref_regio WHERE indelingsjaar = {indelingsjaar}) AS {alias} "
            f"ON {alias}.code = s.{c}",
            f"s.{c} IS NOT NULL AND {alias}.code IS NULL",
        )
        out.append(Check(n, "true", reason, ident(n), source=source, count_sql=count, joined=joined))
    return out


def _party_checks(column: Column) -> list[Check]:
    c = ident(column.name)
    n = column.name
    # One left join to the parties per row: unknown party, or a party of the wrong kind.
    source = (
        f"(SELECT s.__rij, s.{c}, p.soort AS __soort FROM __src s LEFT JOIN __ref_partij p "
        f"ON p.partij_id = s.{c} WHERE s.{c} IS NOT NULL)"
    )
    # __ref_partij holds one row per party (its latest version): the join keeps the row count.
    alias = ident(f"__j_partij_{n}")
    join = f"__ref_partij AS {alias} ON {alias}.partij_id = s.{c}"
    unknown = _fail(n, "__soort IS NULL", q("onbekende partij: importeer eerst de partijen"), source=source)
    out = [replace(unknown, joined=JoinedFailure(join, f"s.{c} IS NOT NULL AND {alias}.soort IS NULL"))]
    if column.party_kind:
        kind = q(column.party_kind)
        wrong = _fail(
            n,
            f"__soort IS NOT NULL AND __soort <> {kind}",
            q(f"deze partij is geen {column.party_kind}"),
            source=source,
        )
        fails = f"s.{c} IS NOT NULL AND {alias}.soort IS NOT NULL AND {alias}.soort <> {kind}"
        out.append(replace(wrong, joined=JoinedFailure(join, fails)))
    return out


def _party_list_check(column: Column) -> Check:
    c = ident(column.name)
    source = f"(SELECT __rij, unnest({_list_items(c, True)}) AS lid FROM __src WHERE {c} IS NOT NULL)"
    return _fail(
        column.name,
        "NOT EXISTS (SELECT 1 FROM __ref_partij p WHERE p.partij_id = lid)",
        q("onbekende partij in de lijst: importeer eerst de partijen"),
        "lid",
        source=source,
    )


def key_expressions(kind: ImportKind) -> list[str]:
    return [typed_expression(kind.column(name)) for name in kind.key]


def duplicate_key_check(kind: ImportKind) -> Check:
    keys = ", ".join(key_expressions(kind))
    label = "+".join(kind.key)
    source = f"(SELECT __rij, min(__rij) OVER (PARTITION BY {keys}) AS eerste, concat_ws(' / ', {keys}) AS sleutel FROM __src)"
    reason = f"{q('dubbele sleutel (' + ', '.join(kind.key) + '): ook in rij ')} || CAST(eerste AS VARCHAR)"
    return _fail(label, "__rij <> eerste", reason, "sleutel", source=source)


def reference_checks(kind: ImportKind, indelingsjaar: int | None) -> list[Check]:
    out = []
    for ref in kind.references:
        ref_table = {"complex": "__ref_complex", "regio": "__ref_regio"}[ref.table]
        local = [str(indelingsjaar) if col == "indelingsjaar" else f"s.{ident(col)}" for col in ref.columns]
        filled = " AND ".join(f"{v} IS NOT NULL" for v in local)
        match = " AND ".join(f"r.{ident(rc)} = {v}" for rc, v in zip(ref.table_columns, local, strict=True))
        source_cols = [col for col in ref.columns if col != "indelingsjaar"]
        value = " || ' / ' || ".join(f"s.{ident(col)}" for col in source_cols)
        missing = f"FROM __src s WHERE {filled} AND NOT EXISTS (SELECT 1 FROM {ref_table} r WHERE {match})"
        source = f"(SELECT s.__rij, {value} AS waarde_ref {missing})"
        alias = ident(f"__j_ref_{ref.table}_{'_'.join(source_cols)}")
        keys = ", ".join(ident(rc) for rc in ref.table_columns)
        on = " AND ".join(
            f"{alias}.{ident(rc)} = {v}" for rc, v in zip(ref.table_columns, local, strict=True)
        )
        joined = JoinedFailure(
            f"(SELECT DISTINCT {keys} FROM {ref_table}) AS {alias} ON {on}",
            f"{filled} AND {alias}.{ident(ref.table_columns[0])} IS NULL",
        )
        out.append(
            Check(
                "+".join(source_cols),
                "true",
                q(ref.message),
                "waarde_ref",
                source=source,
                count_sql=f"SELECT count(*) {missing}",
                joined=joined,
            )
        )
    return out


def ordered_checks(kind: ImportKind) -> list[Check]:
    out = []
    for earlier, later, reason in kind.ordered:
        a = typed_expression(kind.column(earlier))
        b = typed_expression(kind.column(later))
        out.append(_fail(later, f"{a} IS NOT NULL AND {b} IS NOT NULL AND {b} < {a}", q(reason)))
    return out


def all_checks(kind: ImportKind, indelingsjaar: int | None) -> list[Check]:
    """Every check of the kind; the duplicate-key check comes last (the fast count handles it apart)."""
    return (
        column_checks(kind, indelingsjaar)
        + ordered_checks(kind)
        + reference_checks(kind, indelingsjaar)
        + [duplicate_key_check(kind)]
    )


def target_columns(kind: ImportKind) -> list[str]:
    """Target table columns the import fills, in order (import_id last)."""
    cols = list(kind.column_names) + [name for name, _ in kind.derived]
    if kind.stamps_indelingsjaar:
        cols.append("indelingsjaar")
    if kind.stamps_peildatum:
        cols.append("peildatum")
    return cols


def typed_select(kind: ImportKind, indelingsjaar: int | None, peildatum: str, source: str = "__src") -> str:
    """SELECT of the typed rows from ``source`` (normalised text with ``__rij``, by default the staged
    ``__src``), in ``target_columns`` order."""
    parts = ["__rij"] + [f"{typed_expression(col)} AS {ident(col.name)}" for col in kind.columns]
    inner = "SELECT " + ", ".join(parts) + f" FROM {source}"
    outer = ["__rij"] + [ident(c) for c in kind.column_names]
    outer += [f"{DERIVATIONS[how]} AS {ident(name)}" for name, how in kind.derived]
    if kind.stamps_indelingsjaar:
        outer.append(f"CAST({indelingsjaar} AS SMALLINT) AS indelingsjaar")
    if kind.stamps_peildatum:
        outer.append(f"DATE {q(peildatum)} AS peildatum")
    return f"SELECT {', '.join(outer)} FROM ({inner})"
