"""The verdicts of the monitor: the evidence, the verdict on one commitment for one scope, a run of them;
their order, and the row form in which the history keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from leefbaar.domain.agreements import ScopeSoort, Status
from leefbaar.rules import formatting as fmt
from leefbaar.rules.indicators import Eenheid, R1Regel
from leefbaar.rules.model import Vergelijking
from leefbaar.services.monitor.scopes import SCOPE_ORDER, Scope

#: The R1 rules in catalogue order: the verdicts of one R1 commitment are listed in this order.
_R1_REGELS = tuple(regel.value for regel in R1Regel)


@dataclass(frozen=True)
class Bewijs:
    """The evidence behind a verdict: the first rows (largest contribution to the gap first) and the total."""

    rijen: tuple[dict[str, Any], ...] = ()
    totaal: int = 0
    #: The figures behind the value (counts, sums, measurement age), for the web and the API.
    kerngetallen: dict[str, Any] = field(default_factory=dict)

    @property
    def overig(self) -> int:
        return max(self.totaal - len(self.rijen), 0)

    def as_dict(self) -> dict[str, Any]:
        return {"rijen": list(self.rijen), "totaal": self.totaal, "kerngetallen": self.kerngetallen}


@dataclass(frozen=True)
class Beoordeling:
    """The verdict on one commitment for one scope (and rule variant) on a reference date."""

    afspraak_id: str
    toezegging_id: str
    requirement: str
    titel: str
    indicator: str
    eenheid: str
    scope: Scope
    scope_naam: str
    variant: str
    status: Status
    waarde: float | None
    doel: float
    afstand: float | None
    volledigheid: float | None
    deadline: date
    uitleg: str
    #: The direction of the target (stored with the verdict: a commitment may change later).
    vergelijking: Vergelijking
    bewijs: Bewijs = field(default_factory=Bewijs)

    @property
    def waarde_tekst(self) -> str:
        """The measured value written the Dutch way in its unit; "geen gegevens" when unknown."""
        return "geen gegevens" if self.waarde is None else fmt.waarde(self.waarde, Eenheid(self.eenheid))

    @property
    def doel_tekst(self) -> str:
        """The target with its comparison, e.g. "ten hoogste 0 woningen"."""
        return f"{self.vergelijking.woord} {fmt.waarde(self.doel, Eenheid(self.eenheid))}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return {
            "afspraak_id": self.afspraak_id,
            "toezegging_id": self.toezegging_id,
            "requirement": self.requirement,
            "titel": self.titel,
            "indicator": self.indicator,
            "eenheid": self.eenheid,
            "scope": str(self.scope),
            "scope_soort": self.scope.soort.value,
            "scope_code": self.scope.code,
            "scope_naam": self.scope_naam,
            "variant": self.variant or None,
            "status": self.status.value,
            "waarde": self.waarde,
            "doel": self.doel,
            "vergelijking": self.vergelijking.value,
            "afstand": self.afstand,
            "volledigheid": self.volledigheid,
            "deadline": self.deadline.isoformat(),
            "uitleg": self.uitleg,
            "bewijs": self.bewijs.as_dict(),
        }


@dataclass(frozen=True)
class MonitorRun:
    """One evaluation run: its verdicts, and its id in the history when it was stored."""

    run_id: int | None
    peildatum: date
    data_versie: int | None
    scope: Scope | None
    beoordelingen: tuple[Beoordeling, ...]
    gestart_op: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "peildatum": self.peildatum.isoformat(),
            "data_versie": self.data_versie,
            "scope": None if self.scope is None else str(self.scope),
            "gestart_op": None if self.gestart_op is None else self.gestart_op.isoformat(),
            "beoordelingen": [b.as_dict() for b in self.beoordelingen],
        }


def verdict_order(b: Beoordeling) -> tuple[Any, ...]:
    """Scope kind, then requirement number, national before local, then commitment and rule."""
    nummer = int(b.requirement[1:]) if b.requirement[1:].isdigit() else 99
    regel = _R1_REGELS.index(b.variant) if b.variant in _R1_REGELS else -1
    return (
        SCOPE_ORDER.index(b.scope.soort),
        b.scope.code,
        nummer,
        not b.afspraak_id.startswith("nationaal"),
        b.afspraak_id,
        b.toezegging_id,
        regel,
    )


def as_row(b: Beoordeling) -> dict[str, Any]:
    """The verdict as a row of ``evaluatie`` (without ``run_id``), for the history."""
    return {
        "afspraak_id": b.afspraak_id,
        "toezegging_id": b.toezegging_id,
        "requirement": b.requirement,
        "indicator": b.indicator,
        "titel": b.titel,
        "eenheid": b.eenheid,
        "scope_soort": b.scope.soort.value,
        "scope_code": b.scope.code,
        "variant": b.variant,
        "status": b.status.value,
        "waarde": b.waarde,
        "doel": b.doel,
        "vergelijking": b.vergelijking.value,
        "afstand": b.afstand,
        "volledigheid": b.volledigheid,
        "deadline": b.deadline,
        "uitleg": b.uitleg,
        "bewijs": b.bewijs.as_dict(),
    }


def from_row(row: Mapping[str, Any], scope_naam: str | None = None) -> Beoordeling:
    """A stored ``evaluatie`` row as a verdict again (named ``scope_naam``, else by its scope)."""
    bewijs: dict[str, Any] = json.loads(row["bewijs"]) if row.get("bewijs") else {"rijen": [], "totaal": 0}
    scope = Scope(ScopeSoort(row["scope_soort"]), row["scope_code"])
    return Beoordeling(
        afspraak_id=row["afspraak_id"],
        toezegging_id=row["toezegging_id"],
        requirement=row["requirement"],
        titel=row["titel"],
        indicator=row["indicator"],
        eenheid=row["eenheid"],
        scope=scope,
        scope_naam=scope_naam or str(scope),
        variant=row["variant"],
        status=Status(row["status"]),
        waarde=row["waarde"],
        doel=row["doel"],
        afstand=row["afstand"],
        volledigheid=row["volledigheid"],
        deadline=row["deadline"],
        uitleg=row["uitleg"],
        vergelijking=Vergelijking(row["vergelijking"]),
        bewijs=Bewijs(
            tuple(bewijs.get("rijen", [])), int(bewijs.get("totaal", 0)), dict(bewijs.get("kerngetallen", {}))
        ),
    )
