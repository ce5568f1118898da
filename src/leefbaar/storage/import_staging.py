"""Staging a file for its checks and counting its errors, as DuckDB SQL.

``normalise_select`` turns the raw text table ``__raw`` into ``__src`` (trimmed, empty = NULL);
``staging_select`` adds ``__lokaal``, the row-local checks OR-ed into one flag in the same pass.
``one_pass_count_query`` (or, when a check cannot be joined, ``error_count_query``) counts the
failures of a whole file cheaply: zero means it is clean and can be loaded as it is; otherwise the
checks of :mod:`leefbaar.storage.import_checks` run one by one to say which rows fail and why.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from leefbaar.ingest.vocabulary import ColumnType, ImportKind
from leefbaar.storage.import_checks import split_checks
from leefbaar.storage.import_values import ident, key_expressions
from leefbaar.storage.text_profile import UNKNOWN, TextProfile

T = ColumnType

_UPPERCASED = {T.GEMEENTECODE, T.WIJKCODE, T.BUURTCODE, T.REGIOCODE, T.VERBLIJFSOBJECT, T.PARTY, T.PARTY_LIST}


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
    local, _ = split_checks(kind, indelingsjaar)
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
    _, joined = split_checks(kind, indelingsjaar)
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
    _, joined = split_checks(kind, indelingsjaar)
    forms = [check.joined for check in joined]
    if any(form is None for form in forms):
        return None
    present = [form for form in forms if form is not None]
    joins = list(dict.fromkeys(form.join for form in present))
    # coalesce(..., true): a test that cannot decide counts as a failure (the checks then look).
    fails = " OR ".join(["s.__lokaal"] + [f"coalesce({form.fails}, true)" for form in present])
    rows = f"SELECT s.*, {fails} AS __fout FROM __src s" + "".join(f" LEFT JOIN {j}" for j in joins)
    return f"SELECT count(*) FILTER (WHERE __fout) + {_duplicate_aggregate(kind)} FROM ({rows})"
