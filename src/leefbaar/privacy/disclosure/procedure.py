"""The suppression procedure for one table of cells and relations: primary cells, complements to a
fixed point, the exact and the bound audit, and the remedy until no hidden cell is pinned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from leefbaar.privacy.disclosure.bound_audit import cell_bounds, hopeless_cells, pinned_cells
from leefbaar.privacy.disclosure.complements import apply_single_rule, hide_next_to
from leefbaar.privacy.disclosure.exact_audit import recoverable_cells
from leefbaar.privacy.disclosure.model import (
    DisclosureError,
    Group,
    MaskedCell,
    MaskedTable,
    check_counts,
    check_groups,
)
from leefbaar.privacy.disclosure.remedy import RemedySteps, escalate
from leefbaar.privacy.disclosure.vocabulary import (
    K_DEFAULT,
    REDEN_REMEDIE,
    REDEN_SECUNDAIR,
    Remedy,
    Suppression,
    reden_primair,
)

#: How many complements the bound audit adds for one pinned cell before it hands the cell to the
#: remedy.
MAX_ATTEMPTS = 3


def suppress(
    values: Sequence[int] | np.ndarray,
    groups: Sequence[Group] = (),
    *,
    k: int = K_DEFAULT,
    zero_is_safe: bool = True,
    audit_bounds: bool = True,
    primary: Sequence[bool] | None = None,
) -> MaskedTable:
    """Suppress small counts and their complements in a table given as cells plus relations.

    ``values`` are non-negative integer counts, margins included; ``groups`` list the relations
    (see Group). ``audit_bounds=False`` skips the bound audit and its remedy (exact recovery only;
    for comparison, never for publication). ``primary``: which cells are primary, when the caller
    decides that itself (on randomly rounded values, see ``rounding``); default: 0 < count < k.
    Raises DisclosureError for negative or non-integer
    counts, a margin that is not the sum of its parts, or a table that cannot be protected (a cell
    pinned even with the whole table withheld: margins published elsewhere give it away).
    """
    if k < 1:
        raise DisclosureError("k moet minstens 1 zijn")
    counts = check_counts(list(values))
    groups = tuple(groups)
    check_groups(counts, groups)
    margins = {g.total for g in groups if g.total is not None}

    if primary is not None and len(primary) != len(counts):
        raise DisclosureError("de lijst van primaire cellen is niet even lang als de tabel")
    status = [
        Suppression.PRIMAIR
        if (primary[i] if primary is not None else (0 < c < k or (c == 0 and not zero_is_safe and k > 0)))
        else Suppression.GEEN
        for i, c in enumerate(counts)
    ]
    known_free: set[int] = set()  # shown free once, free for good: every later step widens ranges
    passed: set[int] = set()  # the hidden cells when the exact audit last found nothing

    def settle() -> list[int]:
        still = _settle(
            counts,
            groups,
            status,
            margins,
            k=k,
            zero_is_safe=zero_is_safe,
            audit_bounds=audit_bounds,
            known_free=known_free,
            passed=passed,
        )
        # A hidden 0 that the reader can pin down tells what a published 0 would: not disclosive.
        return [cell for cell in still if counts[cell] > 0 or not zero_is_safe]

    pinned = settle()
    first = tuple(pinned)
    remedy = Remedy.NONE
    steps = RemedySteps()
    while pinned and remedy is not Remedy.TABLE:
        remedy = max(remedy, escalate(pinned, counts, groups, status, steps, k=k, zero_is_safe=zero_is_safe))
        pinned = settle()
    if pinned:  # The invariant: no table leaves Leefbaar with a hidden count a reader can pin down.
        raise DisclosureError(
            f"tabel niet te beschermen: cel(len) {', '.join(map(str, pinned))} blijven te herleiden, "
            "ook als de hele tabel wordt achtergehouden (door elders gepubliceerde totalen)"
        )

    primary_reason = reden_primair(k)
    reasons = {Suppression.PRIMAIR: primary_reason, Suppression.SECUNDAIR: REDEN_SECUNDAIR}
    cells = tuple(
        MaskedCell(
            value=None if s is not Suppression.GEEN else c,
            suppression=s,
            reason=REDEN_REMEDIE[steps.of_cell[i]] if i in steps.of_cell else reasons.get(s),
            k=k,
        )
        for i, (c, s) in enumerate(zip(counts, status, strict=True))
    )
    return MaskedTable(cells=cells, groups=groups, k=k, pinned=first, remedy=remedy)


def _settle(
    counts: list[int],
    groups: Sequence[Group],
    status: list[Suppression],
    margins: set[int],
    *,
    k: int,
    zero_is_safe: bool,
    audit_bounds: bool,
    known_free: set[int],
    passed: set[int],
) -> list[int]:
    """Hide complements until the table is at rest; return the cells the bound audit still pins.

    Each round applies the single-cell rule, then the exact audit (a recoverable cell gets a
    complement), then the bound audit (a pinned cell gets a complement). A cell pinned by the
    bounds alone (``hopeless_cells``) or still pinned after MAX_ATTEMPTS complements is given up here
    rather than hiding ever more of the table around it; the remedy takes it from there.

    The single-cell rule and the exact audit depend on which cells are hidden only, not on their
    labels: they are skipped while the hidden cells are those they last ``passed`` (updated in
    place; a remedy step that only relabels needs the bound audit alone).
    """
    stuck: set[int] = set()
    attempts: dict[int, int] = {}
    # Every round but the last hides a cell or gives one up, so 2n + 1 rounds always suffice.
    for _ in range(2 * len(counts) + 2):
        hidden = [i for i, s in enumerate(status) if s is not Suppression.GEEN]
        if set(hidden) != passed:
            apply_single_rule(counts, status, groups, margins)
            hidden = [i for i, s in enumerate(status) if s is not Suppression.GEEN]
            exposed = recoverable_cells(len(counts), groups, hidden)
            if exposed:
                hide_next_to(exposed[:1], counts, status, groups, margins)
                continue
            passed.clear()
            passed.update(hidden)
        if not audit_bounds:
            return []
        lower, upper = cell_bounds(counts, status, k=k, zero_is_safe=zero_is_safe)
        pinned = pinned_cells(counts, groups, hidden, lower, upper, known_free=known_free)
        stuck.update(hopeless_cells(counts, groups, status, lower, upper))
        for cell in pinned:
            attempts[cell] = attempts.get(cell, 0) + 1
        stuck.update(cell for cell, n in attempts.items() if n > MAX_ATTEMPTS and cell in pinned)
        stuck.update(
            hide_next_to(pinned, counts, status, groups, margins, stuck=stuck, bounds=(lower, upper))
        )
        if not set(pinned) - stuck:
            break
    else:  # pragma: no cover - every round hides one more cell or gives one up
        raise DisclosureError("onderdrukking kwam niet tot rust")
    if not pinned:
        return []
    # Cells given up earlier may have been freed by complements added for others since.
    lower, upper = cell_bounds(counts, status, k=k, zero_is_safe=zero_is_safe)
    hidden = [i for i, s in enumerate(status) if s is not Suppression.GEEN]
    return pinned_cells(counts, groups, hidden, lower, upper, known_free=known_free)
