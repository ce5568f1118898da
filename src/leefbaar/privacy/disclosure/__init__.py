"""Disclosure control: the one mechanism for every count that leaves Leefbaar (page, API, export).

Rules (see docs/privacy.md, "Disclosure control"):

* **Primary suppression.** A count ``0 < n < k`` (default ``k = 5``) is suppressed. A zero is
  published: CBS practice treats an empty cell as not disclosive in itself, and hiding zeros
  would hide most of a sparse table. Pass ``zero_is_safe=False`` to treat 0 like 1-4.
* **Secondary (complementary) suppression.** A table publishes *relations*: groups of cells that
  add up to a margin (a row total, a column total, a total published elsewhere). In every
  relation with exactly one suppressed cell, one more cell is suppressed so the first cannot be
  found by subtraction: the smallest non-zero interior cell, else a margin, else a zero; ties by
  position. This repeats until no relation has exactly one suppressed cell (a fixed point).
* **Audit.** Several relations together can still pin a cell down (a suppressed cell that is a
  "bridge" between two otherwise separate patterns). After the fixed point every suppressed
  cell is checked with linear algebra (it is recoverable when every solution of the published
  equations gives it the same value); a recoverable cell gets one more complement and the
  procedure repeats.
* **Bound audit.** Zeros are published and primary cells are labelled ``<k``, so a reader knows
  every hidden cell's range: a primary cell lies in ``[1, k-1]`` (``[0, k-1]`` with
  ``zero_is_safe=False``), a secondary cell in ``[1, inf)`` (a hidden zero complement in
  ``[0, inf)``). Together with the margins these bounds can pin a cell (two hidden cells that must
  sum to 2 are each 1). A hidden cell is *pinned* when it takes one integer value only over that
  polytope. Each hidden cell is first given a witness (a cycle of +1/-1 changes that keeps every
  hidden cell in its range: a second table with the same published values); the cells without a
  witness get their feasible min and max from a linear programme (scipy HiGHS). A pinned cell gets
  one more complement and the procedure repeats. The rule asks for two possible values, not for a
  wider protection interval (see docs/privacy.md for the limits). The ranges are those of the
  Amsterdam labels: a page in the CBS style shows ``x`` for ``<k`` but the reason and the services'
  ``onderdrukt`` field still tell a primary cell, and a reader who knows less (wider ranges) finds
  every table the audited reader finds, so a cell free for the one is free for the other.
* **Remedy for pinned cells.** Complements cannot free every pinned cell: a ``<5`` total over four
  hidden cells of at least 1 pins them at 1 whatever else is hidden, because the pin comes from
  the labels, not from what is published. The remedy therefore widens what the labels tell, one
  step at a time, on the relations that pin the cell (those whose hidden cells sit at the end of
  their ranges, else the one whose step hides least), and reruns the whole procedure after each
  step (Remedy): (1) ``SIZE``: the relation's hidden cells are shown as ``x`` with a reason that
  does not say they are small (``verhuld``, range ``[1, inf)``); (2) ``ZEROS``: its zeros are
  hidden too, with the same reason as its hidden cells, so a reader must allow 0 for each of them
  (``achtergehouden``, ``[0, inf)``); (3) ``RELATION``: the relation is withheld whole, margin
  included; (4) ``TABLE``: the whole table is withheld. Every step only widens ranges, so it never
  pins a cell that was free; the audit runs again after each step, and a table leaves only when
  no hidden cell is pinned (else DisclosureError: margins published elsewhere pin it). A hidden 0
  pinned at 0 with ``zero_is_safe`` does not count: it tells what a published 0 tells. The reader
  is assumed to know the labels and reasons, not the procedure that chose them (standard in
  disclosure auditing). ``MaskedTable.pinned`` keeps the cells that needed the remedy, for
  diagnostics; ``remedy`` and the Dutch ``note`` say how far it went.
* **Derived values** (shares, percentages, means) are withheld when any count they come from is
  suppressed, and means over fewer than ``k`` units are withheld.

All functions are pure: they take plain ints (or numpy arrays) and return frozen results.

Modules, in the order the procedure uses them:

* ``vocabulary``: the threshold, Suppression, Remedy, LabelStyle, every Dutch reason and note.
* ``model``: Group, MaskedCell, MaskedTable, DisclosureError, the checks on input counts.
* ``complements``: the complementary cell next to a lone hidden one, to a fixed point.
* ``exact_audit``: cells recoverable from the equations alone (graph bridges or SVD).
* ``bound_audit``: cells pinned by the equations with the ranges the labels tell (witnesses, LP).
* ``remedy``: the steps that widen what the labels tell when complements cannot free a cell.
* ``procedure``: ``suppress``, the whole procedure for cells plus relations.
* ``tables``, ``rows``: 1-D and 2-D tables and rows of dicts on top of ``suppress``.
* ``derived``: shares, percentages and means of masked counts.
* ``allocations``: what the fair-share and concentration tables of the homes service withhold
  with a hidden count.

This package re-exports the public names, so callers import from ``leefbaar.privacy.disclosure``.
"""

from __future__ import annotations

from leefbaar.privacy.disclosure.allocations import (
    cell_kind,
    hide_count,
    mask_concentration,
    mask_fair_share_group,
    mask_fair_share_total,
    withhold,
)
from leefbaar.privacy.disclosure.bound_audit import (
    cell_bounds,
    feasible_ranges,
    pinned_cells,
)
from leefbaar.privacy.disclosure.derived import (
    DerivedValue,
    derive,
    mean,
    share,
)
from leefbaar.privacy.disclosure.exact_audit import (
    recoverable_cells,
)
from leefbaar.privacy.disclosure.model import (
    DisclosureError,
    Group,
    MaskedCell,
    MaskedTable,
)
from leefbaar.privacy.disclosure.procedure import (
    MAX_ATTEMPTS,
    suppress,
)
from leefbaar.privacy.disclosure.rounding import (
    AFRONDINGSBASIS,
    cell_draw,
    random_round,
    round_counts,
    rounded_primary,
    rounding_note,
)
from leefbaar.privacy.disclosure.rows import (
    MaskedRows,
    suppress_rows,
)
from leefbaar.privacy.disclosure.tables import (
    Position,
    Table1D,
    Table2D,
    suppress_1d,
    suppress_2d,
)
from leefbaar.privacy.disclosure.vocabulary import (
    AFGELEID,
    K_DEFAULT,
    REDEN_AFGELEID,
    REDEN_DOEL,
    REDEN_GEEN_OORDEEL,
    REDEN_NOEMER_NUL,
    REDEN_REMEDIE,
    REDEN_SECUNDAIR,
    REDEN_VOORSTEL,
    LabelStyle,
    Remedy,
    Suppression,
    hidden_label,
    reden_gemiddelde,
    reden_primair,
    remedy_note,
)

__all__ = [
    "AFGELEID",
    "AFRONDINGSBASIS",
    "K_DEFAULT",
    "MAX_ATTEMPTS",
    "REDEN_AFGELEID",
    "REDEN_DOEL",
    "REDEN_GEEN_OORDEEL",
    "REDEN_NOEMER_NUL",
    "REDEN_REMEDIE",
    "REDEN_SECUNDAIR",
    "REDEN_VOORSTEL",
    "DerivedValue",
    "DisclosureError",
    "Group",
    "LabelStyle",
    "MaskedCell",
    "MaskedRows",
    "MaskedTable",
    "Position",
    "Remedy",
    "Suppression",
    "Table1D",
    "Table2D",
    "cell_bounds",
    "cell_draw",
    "cell_kind",
    "derive",
    "feasible_ranges",
    "hidden_label",
    "hide_count",
    "mask_concentration",
    "mask_fair_share_group",
    "mask_fair_share_total",
    "mean",
    "pinned_cells",
    "random_round",
    "recoverable_cells",
    "reden_gemiddelde",
    "reden_primair",
    "remedy_note",
    "round_counts",
    "rounded_primary",
    "rounding_note",
    "share",
    "suppress",
    "suppress_1d",
    "suppress_2d",
    "suppress_rows",
    "withhold",
]
