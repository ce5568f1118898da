"""Long lists a person can use: sorted by any column and filtered by name or code, on the server, so
that it works without JavaScript, can be bookmarked and is read the same by a screen reader.

A page declares its columns; ``?sorteer=<column>&richting=op|af&zoek=<text>`` choose the order and
the filter. Unknown columns or directions fall back to the default (never an error page). Empty
values sort last in both directions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

#: Longest filter text taken from the query (longer text is cut).
MAX_ZOEK = 80


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    label: str
    numeriek: bool = False


@dataclass(frozen=True)
class Lijst:
    """The rows to show, in order, with what the headers and the filter form need."""

    rijen: list[Mapping[str, Any]]
    kolommen: tuple[Kolom, ...]
    sorteer: str
    richting: str
    zoek: str
    totaal: int
    pad: str

    def aria_sort(self, kolom: Kolom) -> str | None:
        if kolom.sleutel != self.sorteer:
            return None
        return "ascending" if self.richting == "op" else "descending"

    def sorteer_link(self, kolom: Kolom) -> str:
        """The link of a header: sort by this column; again on the sorted column reverses it."""
        richting = "af" if kolom.sleutel == self.sorteer and self.richting == "op" else "op"
        if kolom.sleutel != self.sorteer and kolom.numeriek:
            richting = "af"  # numbers: largest first on the first click
        query = {"sorteer": kolom.sleutel, "richting": richting}
        if self.zoek:
            query["zoek"] = self.zoek
        return f"{self.pad}?{urlencode(query)}"


def _key(value: Any, numeriek: bool) -> Any:
    if numeriek:
        return float(value)
    return str(value).casefold()


def sort_and_filter(
    rows: Sequence[Mapping[str, Any]],
    kolommen: Sequence[Kolom],
    pad: str,
    sorteer: str | None,
    richting: str | None,
    zoek: str | None,
    zoekvelden: Sequence[str],
) -> Lijst:
    """``rows`` filtered on ``zoek`` (case-insensitive, in any of ``zoekvelden``) and sorted by
    ``sorteer`` (default: the first column) in ``richting`` (``op`` or ``af``; default ``op``)."""
    by_key = {k.sleutel: k for k in kolommen}
    kolom = by_key.get(sorteer or "", kolommen[0])
    direction = richting if richting in ("op", "af") else "op"
    needle = (zoek or "").strip()[:MAX_ZOEK]
    folded = needle.casefold()
    kept = [
        r for r in rows if not folded or any(folded in str(r.get(f) or "").casefold() for f in zoekvelden)
    ]
    present = [r for r in kept if r.get(kolom.sleutel) is not None]
    missing = [r for r in kept if r.get(kolom.sleutel) is None]
    present.sort(key=lambda r: _key(r[kolom.sleutel], kolom.numeriek), reverse=direction == "af")
    return Lijst(present + missing, tuple(kolommen), kolom.sleutel, direction, needle, len(rows), pad)
