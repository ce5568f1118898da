"""What disclosure control says to a reader: the threshold, how a cell came to be hidden, how far
the remedy for pinned cells went, how a hidden cell is shown, and every Dutch reason and note.

Every reason text of disclosure control is defined here once; the mechanism, the row helpers and
the services that publish allocation tables all take them from this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum

#: The default threshold: counts 1 to K_DEFAULT - 1 are suppressed.
K_DEFAULT = 5

#: Why the second cell of a relation was suppressed (user-facing, Dutch).
REDEN_SECUNDAIR = "secundair: zou onderdrukte cel onthullen"


def reden_primair(k: int) -> str:
    """Why a small count was suppressed (user-facing, Dutch)."""
    return f"primair: minder dan {k}"


class Suppression(StrEnum):
    """How a cell came to be hidden (``geen`` = published).

    ``verhuld`` and ``achtergehouden`` come from the remedy for pinned cells and are always shown
    as ``x``: a ``verhuld`` cell is a hidden count whose ``<k`` is no longer shown (the reader
    knows only that it is not 0); an ``achtergehouden`` cell may be anything, 0 included.
    """

    GEEN = "geen"
    PRIMAIR = "primair"
    SECUNDAIR = "secundair"
    VERHULD = "verhuld"
    ACHTERGEHOUDEN = "achtergehouden"


class Remedy(IntEnum):
    """How far the remedy for pinned cells went; each step hides more than the one before.

    ``SIZE``: the hidden cells of the pinning relations are shown as ``x`` instead of ``<k``.
    ``ZEROS``: the zeros of those relations are hidden as well. ``RELATION``: those relations are
    withheld whole, margin included. ``TABLE``: the whole table is withheld.
    """

    NONE = 0
    SIZE = 1
    ZEROS = 2
    RELATION = 3
    TABLE = 4


#: Why the remedy hid a cell, per step (user-facing, Dutch). The text names the step, never the
#: cell's own suppression, so ``<k`` cannot be read back from it.
REDEN_REMEDIE: Mapping[Remedy, str] = {
    Remedy.SIZE: "grootte niet getoond: kleine aantallen te herleiden",
    Remedy.ZEROS: "tabeldeel onderdrukt, ook nullen: kleine aantallen te herleiden",
    Remedy.RELATION: "tabeldeel geheel onderdrukt: kleine aantallen te herleiden",
    Remedy.TABLE: "tabel geheel onderdrukt: kleine aantallen te herleiden",
}


def remedy_note(remedy: Remedy, k: int = K_DEFAULT) -> str | None:
    """A sentence for under a table that needed the remedy (user-facing, Dutch); None without one."""
    why = "anders waren kleine aantallen met de totalen precies te herleiden"
    return {
        Remedy.NONE: None,
        Remedy.SIZE: f"Bij een deel van de verborgen cellen staat niet of het aantal kleiner is dan {k}: {why}.",
        Remedy.ZEROS: f"Een deel van de tabel is verborgen, ook de nullen: {why}.",
        Remedy.RELATION: f"Een rij, kolom of totaal is geheel verborgen: {why}.",
        Remedy.TABLE: f"De tabel is geheel verborgen: {why}.",
    }[remedy]


class LabelStyle(StrEnum):
    """How a hidden cell is shown.

    ``cbs``: every hidden cell is ``x`` (CBS's sign for *geheim*).
    ``amsterdam``: a primary cell is ``<5`` (``<k``: the reader learns it is 1-4, Amsterdam's
    practice); a secondary cell is ``x``.
    """

    CBS = "cbs"
    AMSTERDAM = "amsterdam"


def hidden_label(suppression: str, k: int, style: LabelStyle = LabelStyle.CBS) -> str:
    """The text that stands for a hidden value: ``<k`` for a primary cell in the Amsterdam style,
    else ``x``. ``suppression`` is a Suppression or a kind from a service row's ``onderdrukt``
    (which adds ``afgeleid``)."""
    if style == LabelStyle.AMSTERDAM and suppression == Suppression.PRIMAIR:
        return f"<{k}"
    return "x"


# Values derived from hidden counts (user-facing, Dutch)

#: The kind (``onderdrukt[column]`` in a service row) of a value withheld because it was computed
#: from, or would bound, a hidden count.
AFGELEID = "afgeleid"

REDEN_AFGELEID = "afgeleid van een onderdrukte cel"
REDEN_NOEMER_NUL = "noemer is 0"


def reden_gemiddelde(k: int) -> str:
    return f"gemiddelde over minder dan {k} eenheden"


def reden_kleine_eenheid(k: int, leden: str = "woningen") -> str:
    """Why the figures of a small unit (a complex of 1 to k-1 dwellings) are not shown (Dutch)."""
    return f"niet getoond: minder dan {k} {leden}, zodat de aantallen over afzonderlijke huishoudens gaan"


#: Fair share: the redistribution proposal of a group in which some cell is hidden.
REDEN_VOORSTEL = "niet getoond: in deze groep is een cel onderdrukt"
#: Fair share: a target split from a hidden regional total.
REDEN_DOEL = "niet getoond: het regionale totaal van deze groep is onderdrukt"
#: Concentration: the verdict on a buurt whose count is hidden.
REDEN_GEEN_OORDEEL = "geen oordeel: het aantal toewijzingen is onderdrukt"
