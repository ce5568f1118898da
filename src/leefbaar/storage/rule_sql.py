"""The agreement rules that queries test, as SQL fragments built from their one definition in ``domain``.

No query writes a rule's threshold itself: poor NEN 2767 condition (R1) and poor energy labels (R3)
and social rent (R10) come from :mod:`leefbaar.domain.housing` through these functions, so the monitor,
the liveability index, the 30% block and the area pages count the same dwellings. Which buurtkamers
are open on a date (R5) is defined here once, for the monitor, the liveability index and the pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from leefbaar.domain.housing import SLECHTE_CONDITIE_VANAF, SLECHTE_LABELS, Eigendom, Huursegment


def text_list(values: Iterable[str]) -> str:
    """A parenthesised SQL list of text literals, for constants of the domain (never user input)."""
    quoted = []
    for value in values:
        if "'" in value:
            raise ValueError(f"geen aanhalingsteken in een SQL-constante: {value!r}")
        quoted.append(f"'{value}'")
    return f"({', '.join(quoted)})"


def slechte_conditie(score: str) -> str:
    """``score`` (a column or expression) is in condition 5 or 6 (R1): ``score >= 5``."""
    return f"{score} >= {SLECHTE_CONDITIE_VANAF}"


def slecht_label(label: str) -> str:
    """``label`` (a column) is one of the poor energy labels of R3: ``label IN ('E', 'F', 'G')``."""
    return f"{label} IN {text_list(SLECHTE_LABELS)}"


def sociale_huur(eigendom: str = "eigendom", huursegment: str = "huursegment") -> str:
    """The dwelling (columns ``eigendom``, ``huursegment``) is social rent (R10), as
    :func:`leefbaar.domain.housing.is_sociale_huur` defines it: an association dwelling in the social
    segment or without one, or another rented dwelling in the social segment."""
    corporatie, overig, sociaal = (
        Eigendom.CORPORATIE.value,
        Eigendom.OVERIGE_HUUR.value,
        Huursegment.SOCIAAL.value,
    )
    return (
        f"(({eigendom} = '{corporatie}' AND coalesce({huursegment}, '{sociaal}') = '{sociaal}') "
        f"OR ({eigendom} = '{overig}' AND {huursegment} = '{sociaal}'))"
    )


def buurtkamer_open(op: str, alias: str = "") -> str:
    """The buurtkamer (columns ``geopend_op``, ``gesloten_op`` of ``alias``) is open on the date
    ``op`` (an SQL date expression) and so counts for R5: opened on or before that day and not closed
    on or before it. One closed on 1 July counts on 30 June, not on 1 July; one without a closing
    date counts from its opening on."""
    a = f"{alias}." if alias else ""
    return f"({a}geopend_op <= {op} AND ({a}gesloten_op IS NULL OR {a}gesloten_op > {op}))"
