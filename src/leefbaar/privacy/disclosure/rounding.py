"""Random rounding of published counts to a base (5), fixed per cell: what k-1 inserted records
cannot undo.

Suppression hides counts below k, but a party that can add records of its own (an association
supplying allocations) can add k-1 fake records to a hidden cell, see the cell appear, and subtract
what it added. A count that leaves Leefbaar is therefore also *randomly rounded*, as statistical
offices do: a count n becomes the multiple of ``base`` below it or the one above it, rounding up
with probability (n mod base) / base, so the published figure is right on average. The draw is
fixed per cell (a keyed hash of the cell's identity, not of its value): the same table shows the
same figure at every request, and an adversary who adds records one by one sees the figure step
up by ``base`` once per ``base`` records, at a point set by the unknown draw, which leaves the true
count ambiguous among ``base`` values. Which cells are hidden as small is decided on the rounded
value too (``rounded_primary``), with the same draw. Totals are rounded on their own (from the true total), so
a hidden cell cannot be recovered from a total minus the published cells either. See
docs/privacy.md, "Small counts and inserted records".
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Sequence

from leefbaar.privacy.disclosure.tables import Position

#: Published allocation counts are rounded to multiples of this.
AFRONDINGSBASIS = 5

NOTE_AFRONDING = (
    "Aantallen toewijzingen zijn willekeurig afgerond op een veelvoud van {basis} (vast per cel), zodat "
    "toegevoegde of verwijderde records een verborgen aantal niet terug kunnen rekenen; totalen zijn apart "
    "afgerond en zijn daardoor niet altijd gelijk aan de som van de cellen."
)


def cell_draw(cell: str, key: bytes) -> float:
    """The fixed uniform draw in [0, 1) of one cell (a keyed hash of its identity)."""
    digest = hmac.new(key, cell.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def random_round(value: int, cell: str, key: bytes, base: int = AFRONDINGSBASIS) -> int:
    """``value`` rounded to a multiple of ``base``: up with probability (value mod base) / base."""
    if base <= 1 or value % base == 0:
        return value
    low = value - value % base
    return low + base if cell_draw(cell, key) < (value - low) / base else low


def round_counts(
    values: Sequence[int], cells: Sequence[str], key: bytes, base: int = AFRONDINGSBASIS
) -> list[int]:
    """Every value rounded with its own cell's draw."""
    return [random_round(int(v), c, key, base) for v, c in zip(values, cells, strict=True)]


def rounded_primary(
    cell_name: Callable[[Position], str], key: bytes, base: int, k: int
) -> Callable[[Position, int], bool]:
    """The primary-cell rule on rounded values: a count is hidden when its rounded value is below k,
    zero included ("0 tot 4"). Deciding on the true count would leak it: an adversary adding records
    one at a time would see the cell appear exactly when the true count reaches k. On the rounded
    value it appears at a point set by the cell's unknown draw, like the published figure itself. A
    zero is hidden too: shown as 0, it would tell a count of 1 with a high draw from every other."""

    if base <= 1:  # no rounding: the ordinary rule, zero safe

        def exact(position: Position, value: int) -> bool:
            return 0 < value < k

        return exact

    def primary(position: Position, value: int) -> bool:
        return random_round(value, cell_name(position), key, base) < k

    return primary


def rounding_note(base: int) -> str | None:
    """The Dutch note under a table whose counts are rounded (None when they are not)."""
    return NOTE_AFRONDING.format(basis=base) if base > 1 else None
