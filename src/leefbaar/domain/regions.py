"""CBS area codes (gemeente, wijk, buurt, provincie) and their division year (indelingsjaar).

A CBS code only means something together with the year of the division it belongs to: the
division changes every year, and since 2022 Amsterdam's wijk and buurt parts contain letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Niveau(StrEnum):
    """The level of an area in the CBS division."""

    LAND = "land"
    PROVINCIE = "provincie"
    GEMEENTE = "gemeente"
    WIJK = "wijk"
    BUURT = "buurt"


#: Regular expressions (full match) for every code kind. Wijk and buurt parts may hold letters.
CODE_PATTERNS: dict[Niveau, str] = {
    Niveau.LAND: r"NL0[01]",
    Niveau.PROVINCIE: r"PV[0-9]{2}",
    Niveau.GEMEENTE: r"GM[0-9]{4}",
    Niveau.WIJK: r"WK[0-9]{4}[0-9A-Z]{2}",
    Niveau.BUURT: r"BU[0-9]{4}[0-9A-Z]{2}[0-9A-Z]{2}",
}

_PREFIX = {Niveau.GEMEENTE: "GM", Niveau.WIJK: "WK", Niveau.BUURT: "BU"}
_BARE_LENGTH = {Niveau.GEMEENTE: 4, Niveau.WIJK: 6, Niveau.BUURT: 8}

#: The CBS "Buitenland" pseudo-codes, never a real area.
BUITENLAND = {"GM0998", "WK099899", "BU09989999"}


def is_valid_code(niveau: Niveau, code: str) -> bool:
    """True when ``code`` has the shape of a code of this level (not whether it exists in a year)."""
    return re.fullmatch(CODE_PATTERNS[niveau], code) is not None


def with_prefix(niveau: Niveau, bare: str) -> str:
    """Turn a CBS code-list value without prefix (``0363AA01``) into a full code (``BU0363AA01``)."""
    bare = bare.strip()
    if bare.startswith(_PREFIX[niveau]):
        return bare
    if len(bare) != _BARE_LENGTH[niveau]:
        raise ValueError(f"{niveau.value}code '{bare}' heeft niet {_BARE_LENGTH[niveau]} tekens")
    return _PREFIX[niveau] + bare


def gemeentecode_of(code: str) -> str:
    """The municipality a wijk or buurt code belongs to (its digits 3-6)."""
    return "GM" + code[2:6]


def wijkcode_of(buurtcode: str) -> str:
    """The wijk a buurt code belongs to."""
    return "WK" + buurtcode[2:8]


def niveau_of(code: str) -> Niveau:
    """Recognise the level of a code by its shape; raises ValueError for anything else."""
    for niveau, pattern in CODE_PATTERNS.items():
        if re.fullmatch(pattern, code):
            return niveau
    raise ValueError(f"'{code}' is geen CBS-gebiedscode (GM, WK, BU, PV of NL)")


@dataclass(frozen=True)
class AreaRef:
    """An area as the rest of the system refers to it: code plus the year of its division."""

    code: str
    indelingsjaar: int

    @property
    def niveau(self) -> Niveau:
        return niveau_of(self.code)


#: The twelve provinces with their CBS codes (PV20-PV31).
PROVINCIES: dict[str, str] = {
    "PV20": "Groningen",
    "PV21": "Fryslân",
    "PV22": "Drenthe",
    "PV23": "Overijssel",
    "PV24": "Flevoland",
    "PV25": "Gelderland",
    "PV26": "Utrecht",
    "PV27": "Noord-Holland",
    "PV28": "Zuid-Holland",
    "PV29": "Zeeland",
    "PV30": "Noord-Brabant",
    "PV31": "Limburg",
}
