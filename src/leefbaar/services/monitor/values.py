"""What an indicator computation gives per scope (and rule variant): a :class:`Waarde` with the value,
its completeness, a Dutch sentence and evidence rows; and small helpers the computations share.

Missing data stays ``None`` ("geen gegevens"), never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Waarde:
    """An indicator's value for one scope (and variant): value, completeness, a sentence, evidence."""

    waarde: float | None
    volledigheid: float | None = None
    zin: str | None = None
    bewijs: list[dict[str, Any]] = field(default_factory=list)
    #: For R2/R5: realised per association (None = nothing reported) and stock, for the fair share.
    extra: dict[str, Any] = field(default_factory=dict)
    #: Figures behind the value, shown with the verdict (Bewijs.kerngetallen).
    kerngetallen: dict[str, Any] = field(default_factory=dict)


Key = tuple[str, str, str]  # scope_soort, scope_code, variant
Values = dict[Key, Waarde]


def share(part: float | None, whole: float | None) -> float | None:
    """``part / whole`` as a completeness; None when either is unknown or the whole is empty."""
    return None if part is None or not whole else float(part) / float(whole)


def scope_keys(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The scopes a complex-level evidence row belongs to."""
    keys = [("nationaal", "NL")]
    for soort, column in (
        ("provincie", "provinciecode"),
        ("gemeente", "gemeentecode"),
        ("corporatie", "corporatie_id"),
    ):
        if row.get(column):
            keys.append((soort, row[column]))
    if row.get("corporatie_id") and row.get("complexnummer"):
        keys.append(("complex", f"{row['corporatie_id']}/{row['complexnummer']}"))
    return keys
