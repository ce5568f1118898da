"""What the sharing forms and commands have in common: field errors and checks of typed text.

The web page (/delen) and the command group (``leefbaar delen``) hand in what the user typed as
text; the checks and their Dutch messages per field live in this package so that both faces refuse
the same things in the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

#: The longest description of a signal or of an agreement's purpose.
MAX_OMSCHRIJVING = 2000
EERSTE_DATUM, LAATSTE_DATUM = date(2000, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True)
class Veldfout:
    """One problem with one input field, in Dutch, for the error summary and next to the field."""

    veld: str
    tekst: str


class Invoerfouten(ValueError):
    """What the user typed cannot be used; nothing was stored. ``fouten`` has one entry per problem."""

    def __init__(self, fouten: Sequence[Veldfout]) -> None:
        super().__init__("; ".join(f.tekst for f in fouten))
        self.fouten = tuple(fouten)


def has_control(value: str, *, multiline: bool = True) -> bool:
    """Control characters (NUL and the like) in typed text; line breaks and tabs only where allowed."""
    allowed = "\r\n\t" if multiline else ""
    return any((ord(c) < 32 and c not in allowed) or ord(c) == 127 for c in value)


def parse_date(value: str, veld: str, naam: str, fouten: list[Veldfout], *, nodig: bool) -> date | None:
    text = value.strip()
    if not text:
        if nodig:
            fouten.append(Veldfout(veld, f"Vul de {naam} in (jjjj-mm-dd)."))
        return None
    try:
        found = date.fromisoformat(text)
    except ValueError:
        fouten.append(
            Veldfout(veld, f"De {naam} is geen datum; schrijf jjjj-mm-dd, bijvoorbeeld 2026-01-31.")
        )
        return None
    if not EERSTE_DATUM <= found <= LAATSTE_DATUM:
        fouten.append(Veldfout(veld, f"De {naam} ligt niet tussen 2000 en 2100."))
        return None
    return found
