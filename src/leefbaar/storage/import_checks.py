"""The checks of an import kind, as DuckDB SQL: one set-based query each, no loop over rows.

Every check reads the staged file ``__src`` (text columns, trimmed, empty = NULL, plus ``__rij``)
and returns (row, column, value, reason in Dutch); reference data is visible as ``__ref_regio``,
``__ref_partij``, ``__ref_complex``, ``__ref_herstructureringsplan`` and ``__ref_vhf_bijdrage``. A
check also says how it folds into the row-local flag and, when it joins reference data, how it runs
inside the single counting pass of :mod:`leefbaar.storage.import_staging`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from leefbaar.domain.bag import POSTCODE_PATTERN, VERBLIJFSOBJECT_PATTERN
from leefbaar.domain.regions import CODE_PATTERNS, Niveau
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind
from leefbaar.privacy.personal_text import ELFPROEF_GEWICHTEN, SOORTEN, UITLEG, Persoonsgegeven
from leefbaar.storage.import_values import (
    FALSE_VALUES,
    TRUE_VALUES,
    WHOLE_NUMBER_PATTERN,
    amount_reason,
    amount_value,
    date_value,
    ident,
    key_expressions,
    list_items,
    q,
    typed_expression,
    whole_value,
)

T = ColumnType

_CODE_NIVEAU = {T.GEMEENTECODE: Niveau.GEMEENTE, T.WIJKCODE: Niveau.WIJK, T.BUURTCODE: Niveau.BUURT}
_ANY_REGION = "|".join(f"({p})" for p in CODE_PATTERNS.values())
#: A supplier's household id: never stored, but it must look like an id, not like free text.
HOUSEHOLD_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9 ._/-]{0,63}"

#: What an error shows instead of a value that identifies a person.
HIDDEN = "'(verborgen)'"

#: Code points a spreadsheet formula may start with: = + - @ tab carriage return.
_FORMULA_START = (0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D)


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
    local, _ = split_checks(kind, indelingsjaar)
    return {(c.column, c.pattern) for c in local if c.pattern is not None}


def split_checks(kind: ImportKind, indelingsjaar: int | None) -> tuple[list[Check], list[Check]]:
    """(row-local checks, checks that join or unnest) for the fast path."""
    checks = column_checks(kind, indelingsjaar) + ordered_checks(kind) + reference_checks(kind, indelingsjaar)
    return [c for c in checks if c.source == "__src"], [c for c in checks if c.source != "__src"]


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
    if column.free_text:
        out.append(_personal_text_check(column))
    if t is T.TEXT:
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
                f"{present} AND {amount_value(c)} IS NULL",
                amount_reason(c),
            )
        )
        out.append(_fail(n, f"{present} AND {amount_value(c)} < 0", q("bedrag mag niet negatief zijn")))
    elif t is T.DATE:
        out.append(
            _fail(
                n,
                f"{present} AND {date_value(c)} IS NULL",
                q("geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)"),
            )
        )
        out.append(
            _fail(
                n,
                f"{present} AND year({date_value(c)}) NOT BETWEEN 1900 AND 2100",
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
        cond = f"{present} AND len(list_filter({list_items(c, False)}, lambda x: x NOT IN ({options}))) > 0"
        out.append(_fail(n, cond, q(f"onbekende waarde in de lijst; kies uit: {', '.join(column.choices)}")))
    elif t is T.BOOLEAN:
        options = ", ".join(q(v) for v in TRUE_VALUES + FALSE_VALUES)
        out.append(_fail(n, f"{present} AND lower({c}) NOT IN ({options})", q("gebruik ja of nee")))
    elif t is T.PARTY:
        out.extend(_party_checks(column))
    elif t is T.PARTY_LIST:
        out.append(_party_list_check(column))
    elif t is T.HOUSEHOLD_ID:
        # The value is not shown back: it identifies a household.
        shape = _shape(
            n,
            HOUSEHOLD_ID_PATTERN,
            "geen geldig huishouden-id (1-64 tekens: letters, cijfers, spatie, . _ / of -; "
            "begint met een letter of cijfer)",
        )
        out.append(replace(shape, value_sql=HIDDEN))
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


def _personal_text_check(column: Column) -> Check:
    """Free text that carries a BSN, an e-mail address, a phone number or a postcode with house
    number (privacy.personal_text: the same kinds, patterns and words as a form); not shown back."""
    c = ident(column.name)
    found = [_personal_data_sql(soort, c) for soort in SOORTEN]
    names = (
        "list_filter(["
        + ", ".join(
            f"CASE WHEN {f} THEN {q(soort.naam)} END" for f, soort in zip(found, SOORTEN, strict=True)
        )
        + "], lambda __x: __x IS NOT NULL)"
    )
    listed = (
        f"list_transform([{names}], lambda __n: CASE WHEN len(__n) = 1 THEN __n[1] ELSE "
        "array_to_string(list_slice(__n, 1, len(__n) - 1), ', ') || ' en ' || __n[-1] END)[1]"
    )
    reason = f"'bevat ' || {listed} || {q(': ' + UITLEG)}"
    condition = f"{c} IS NOT NULL AND ({' OR '.join(found)})"
    return _fail(column.name, condition, reason, HIDDEN)


def _personal_data_sql(soort: Persoonsgegeven, c: str) -> str:
    """Whether the text ``c`` carries ``soort``, as DuckDB SQL."""
    if not soort.elfproef:
        return "(" + " OR ".join(f"regexp_matches({c}, {q(p)})" for p in soort.patterns) + ")"
    candidates = " || ".join(f"regexp_extract_all({c}, {q(p)})" for p in soort.patterns)
    digits = f"list_transform({candidates}, lambda __t: regexp_replace(__t, '[^0-9]', '', 'g'))"
    # The digit's value from its code point: a cast would fail on the shorter candidates, since SQL
    # does not promise to test the length first.
    weighted = " + ".join(
        f"{w} * (ascii(substr(__d, {i + 1}, 1)) - 48)" for i, w in enumerate(ELFPROEF_GEWICHTEN)
    )
    passes = (
        f"length(__d) = {len(ELFPROEF_GEWICHTEN)} AND __d <> {q('0' * len(ELFPROEF_GEWICHTEN))} "
        f"AND ({weighted}) % 11 = 0"
    )
    return f"(len(list_filter({digits}, lambda __d: {passes})) > 0)"


def _integer_checks(column: Column) -> list[Check]:
    """ "Not a whole number" and, with a minimum or maximum, "out of range": two checks with their own
    reasons, but one term in the row-local flag. When the column holds digits only (proven on its
    bytes), the flag needs no regular expression: only the cast (too large) and the range remain."""
    c = ident(column.name)
    value = whole_value(c)
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
    if column.party_kinds:
        kinds = ", ".join(q(k) for k in column.party_kinds)
        wrong = _fail(
            n,
            f"__soort IS NOT NULL AND __soort NOT IN ({kinds})",
            q(f"deze partij is geen {' of '.join(column.party_kinds)}"),
            source=source,
        )
        fails = f"s.{c} IS NOT NULL AND {alias}.soort IS NOT NULL AND {alias}.soort NOT IN ({kinds})"
        out.append(replace(wrong, joined=JoinedFailure(join, fails)))
    return out


def _party_list_check(column: Column) -> Check:
    c = ident(column.name)
    source = f"(SELECT __rij, unnest({list_items(c, True)}) AS lid FROM __src WHERE {c} IS NOT NULL)"
    return _fail(
        column.name,
        "NOT EXISTS (SELECT 1 FROM __ref_partij p WHERE p.partij_id = lid)",
        q("onbekende partij in de lijst: importeer eerst de partijen"),
        "lid",
        source=source,
    )


def duplicate_key_check(kind: ImportKind) -> Check:
    keys = ", ".join(key_expressions(kind))
    label = "+".join(kind.key)
    source = f"(SELECT __rij, min(__rij) OVER (PARTITION BY {keys}) AS eerste, concat_ws(' / ', {keys}) AS sleutel FROM __src)"
    reason = f"{q('dubbele sleutel (' + ', '.join(kind.key) + '): ook in rij ')} || CAST(eerste AS VARCHAR)"
    return _fail(label, "__rij <> eerste", reason, "sleutel", source=source)


#: The table a ``Reference`` names -> the reference view the validation connection holds
#: (``storage.importer``: regions, complexes, restructuring plans, the current VHF grants).
REFERENCE_VIEWS = {
    "complex": "__ref_complex",
    "regio": "__ref_regio",
    "herstructureringsplan": "__ref_herstructureringsplan",
    "vhf_bijdrage": "__ref_vhf_bijdrage",
}


def reference_checks(kind: ImportKind, indelingsjaar: int | None) -> list[Check]:
    out = []
    for ref in kind.references:
        ref_table = REFERENCE_VIEWS[ref.table]
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
    for area, gemeente in kind.within:
        a, g = ident(area), ident(gemeente)
        condition = f"{a} IS NOT NULL AND {g} IS NOT NULL AND substr({a}, 3, 4) <> substr({g}, 3, 4)"
        out.append(_fail(area, condition, q(f"ligt niet in de gemeente van kolom {gemeente}")))
    return out


def all_checks(kind: ImportKind, indelingsjaar: int | None) -> list[Check]:
    """Every check of the kind; the duplicate-key check comes last (the fast count handles it apart)."""
    return (
        column_checks(kind, indelingsjaar)
        + ordered_checks(kind)
        + reference_checks(kind, indelingsjaar)
        + [duplicate_key_check(kind)]
    )
