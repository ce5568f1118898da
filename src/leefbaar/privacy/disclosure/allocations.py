"""Disclosure rules of the allocation tables of "a home for everyone" (R9): fair share per priority
group and municipality, and concentration per buurt.

Suppression (``rows.suppress_rows``) decides which counts of allocations are hidden. These tables
also publish values computed from those counts, and targets, proposals and verdicts that bound
them; this module decides which of those are withheld with a hidden count, and why. It works on
the rows the homes service returns: JSON-ready dicts in which a withheld value is None, with
``onderdrukt[column]`` (primair | secundair | verhuld | achtergehouden | afgeleid) and
``redenen[column]`` (Dutch) beside it. Which columns are computed from a count is a fact of the
homes package (``TELKOLOMMEN``); the caller passes them in.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from leefbaar.privacy.disclosure.model import MaskedCell
from leefbaar.privacy.disclosure.vocabulary import (
    AFGELEID,
    REDEN_AFGELEID,
    REDEN_DOEL,
    REDEN_GEEN_OORDEEL,
    REDEN_VOORSTEL,
)

Row = MutableMapping[str, Any]

#: Fair share: the realised count of a group in a municipality (or in the region, on a total row).
GEREALISEERD = "gerealiseerd"
#: Fair share: without a configured need the target splits the realised regional total by the
#: allocation key, so with that total hidden these would reveal it.
DOELKOLOMMEN = ("doel_exact", "doel", "afwijking", "afwijking_relatief")
#: Fair share: the redistribution proposal. It moves placements in proportion to every surplus and
#: deficit of the group, so published for some municipalities it constrains the hidden ones.
VOORSTELKOLOMMEN = ("voorstel", "verschuiving")

#: Concentration: the buurt's count of allocations to priority groups.
TOEWIJZINGEN = "toewijzingen_aandachtsgroepen"


def withhold(row: Row, column: str, reason: str, kind: str = AFGELEID) -> None:
    """Blank ``row[column]`` and say why: ``onderdrukt[column] = kind``, ``redenen[column] = reason``."""
    row[column] = None
    row["onderdrukt"][column] = kind
    row["redenen"][column] = reason


def cell_kind(cell: MaskedCell) -> str:
    """primair | secundair, or verhuld | achtergehouden when the disclosure remedy hid it."""
    return cell.suppression.value


def hide_count(row: Row, column: str, cell: MaskedCell, derived: Sequence[str]) -> None:
    """Blank a hidden count with its own reason and kind, and every column computed from it."""
    withhold(row, column, cell.reason or "", cell_kind(cell))
    for name in derived:
        withhold(row, name, REDEN_AFGELEID)


def mask_fair_share_group(
    rows: Sequence[Row],
    cells: Sequence[MaskedCell],
    total: MaskedCell | None,
    derived: Sequence[str],
    *,
    target_from_total: bool,
) -> None:
    """Withhold what the rows of one priority group would give away (in place).

    ``rows``: the group's rows, one per municipality in the order of ``cells`` (their realised
    counts after suppression); ``total``: the group's regional total (None when not published);
    ``derived``: the columns computed from the realised count; ``target_from_total``: no need is
    configured, so the target splits the realised regional total. Per row, in this order (a later
    rule wins on a column two rules name):

    * the targets (DOELKOLOMMEN) when they split a hidden regional total;
    * a hidden realised count and every column computed from it;
    * the proposal (VOORSTELKOLOMMEN) when any cell of the group, or its total, is hidden.
    """
    total_hidden = total is not None and total.hidden
    group_hidden = any(c.hidden for c in cells) or total_hidden
    for row, cell in zip(rows, cells, strict=True):
        if target_from_total and total_hidden:
            for name in DOELKOLOMMEN:
                withhold(row, name, REDEN_DOEL)
        if cell.hidden:
            hide_count(row, GEREALISEERD, cell, derived)
        if group_hidden:
            for name in VOORSTELKOLOMMEN:
                if row[name] is not None:
                    withhold(row, name, REDEN_VOORSTEL)


def mask_fair_share_total(row: Row, total: MaskedCell, *, target_from_total: bool) -> None:
    """Withhold a group's hidden regional total on its total row, and the target split from it."""
    if not total.hidden:
        return
    withhold(row, GEREALISEERD, total.reason or "", cell_kind(total))
    if target_from_total:
        withhold(row, "doel", REDEN_DOEL)


def mask_concentration(
    rows: Sequence[Row], cells: Sequence[MaskedCell], total: MaskedCell | None, derived: Sequence[str]
) -> None:
    """Withhold what the concentration rows of one municipality would give away (in place).

    ``rows``: one per buurt in the order of ``cells`` (their counts after suppression); ``total``:
    the municipal total (None when not published); ``derived``: the columns computed from a
    buurt's count.

    * A hidden count blanks its derived columns and the verdict: a flag or "onder de drempel" says
      the buurt had at least the minimum, "te weinig" less, and with the published total such a
      bound can pin down another hidden cell. ``gesignaleerd`` is withheld and ``reden`` says that
      no verdict was given.
    * A hidden municipal total blanks the municipal share and the ratio computed from it.
    """
    total_hidden = total is not None and total.hidden
    for row, cell in zip(rows, cells, strict=True):
        if cell.hidden:
            hide_count(row, TOEWIJZINGEN, cell, derived)
            withhold(row, "gesignaleerd", REDEN_AFGELEID)
            row["reden"] = REDEN_GEEN_OORDEEL
        if total_hidden:
            withhold(row, "gemeente_aandeel", REDEN_AFGELEID)
            if row["verhouding"] is not None:
                withhold(row, "verhouding", REDEN_AFGELEID)
