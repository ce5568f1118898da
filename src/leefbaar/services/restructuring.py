"""Restructuring plans of a municipality (R3, R8): per plan its area, years and status, the numbers
demolished, renovated and built, the tenure mix before and after, the energy-label improvement, and
its objects per stock (association complexes and their dwellings, private dwellings).

The same plans and counts the monitor judges (``storage.monitor_queries.restructuring_plans``); the
meaning of "adopted" and "mixed" is ``domain.restructuring``. Used by the gemeente page and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from leefbaar.domain.restructuring import HUURMIX, HUURMIX_NAMEN, is_gemengd, is_vastgesteld
from leefbaar.services import cache
from leefbaar.storage import monitor_queries as q


@dataclass(frozen=True)
class Mix:
    """One tenure category before and after (None: not stated)."""

    soort: str
    naam: str
    voor: int | None
    na: int | None


@dataclass(frozen=True)
class Plan:
    plan_id: str
    gemeentecode: str
    naam: str
    gebied: tuple[str, ...]
    startjaar: int
    eindjaar: int
    status: str
    woningen_sloop: int
    woningen_renovatie: int
    woningen_nieuwbouw: int
    woningen_verduurzaamd: int | None
    mix: tuple[Mix, ...]
    partijen: tuple[str, ...]
    corporatie_complexen: int
    corporatie_woningen: int
    particuliere_woningen: int
    #: "corporatie-id/complexnummer" and name of each association complex in the plan.
    complexen: tuple[tuple[str, str | None], ...]

    @property
    def vastgesteld(self) -> bool:
        return is_vastgesteld(self.status)

    @property
    def gemengd(self) -> bool:
        """Association and private stock together (R8)."""
        return is_gemengd(self.corporatie_complexen, self.particuliere_woningen)

    @property
    def status_tekst(self) -> str:
        return self.status.replace("_", " ")


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def gemeente(url: str | None, gemeentecode: str, peildatum: date | None = None) -> list[Plan]:
    """The current plans of a municipality, oldest start first."""
    url = cache.database_url(url)
    peildatum = peildatum or date.today()
    out = []
    for r in q.restructuring_plans(url, peildatum, gemeentecode):
        complexen = tuple(
            (f"{c['corporatie_id']}/{c['complexnummer']}", c["naam"])
            for c in q.restructuring_plan_complexes(url, peildatum, gemeentecode, r["plan_id"])
        )
        out.append(
            Plan(
                plan_id=r["plan_id"],
                gemeentecode=r["gemeentecode"],
                naam=r["naam"],
                gebied=_list(r["gebied"]),
                startjaar=int(r["startjaar"]),
                eindjaar=int(r["eindjaar"]),
                status=r["status"],
                woningen_sloop=int(r["woningen_sloop"]),
                woningen_renovatie=int(r["woningen_renovatie"]),
                woningen_nieuwbouw=int(r["woningen_nieuwbouw"]),
                woningen_verduurzaamd=_int(r["woningen_verduurzaamd"]),
                mix=tuple(
                    Mix(s, HUURMIX_NAMEN[s], _int(r[f"{s}_voor"]), _int(r[f"{s}_na"])) for s in HUURMIX
                ),
                partijen=_list(r["partijen"]),
                corporatie_complexen=int(r["corporatie_complexen"]),
                corporatie_woningen=int(r["corporatie_woningen"]),
                particuliere_woningen=int(r["particuliere_woningen"]),
                complexen=complexen,
            )
        )
    return out
