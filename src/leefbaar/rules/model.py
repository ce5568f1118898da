"""The typed agreement model that a validated agreement file becomes.

Field names follow the keys of the agreement file (docs/agreement-format.md), so the file and the
model read alike. Everything is frozen: an agreement is a fact of a given date, never edited in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from leefbaar.domain.agreements import ScopeSoort, is_collectief
from leefbaar.domain.housing import InvesteringThema
from leefbaar.domain.parties import PartijSoort
from leefbaar.domain.regions import AreaRef


class AfspraakSoort(StrEnum):
    """National agreements bind the country; local ones (lokale prestatieafspraken) one municipality."""

    NATIONAAL = "nationaal"
    LOKAAL = "lokaal"


class Vergelijking(StrEnum):
    """How a measured value is compared with its target.

    ``budget``: the target is an amount to allocate, never to exceed; being below it is no shortfall
    (``rules.budget``).
    """

    TEN_HOOGSTE = "<="
    TEN_MINSTE = ">="
    GELIJK = "=="
    BINNEN_BUDGET = "budget"

    @property
    def woord(self) -> str:
        """The comparison in Dutch, before the target: "ten hoogste 0 woningen". The one place that
        writes a target's direction; the explanation, the tables and the CLI all use it."""
        return _VERGELIJKING_WOORD[self]


_VERGELIJKING_WOORD = {
    Vergelijking.TEN_HOOGSTE: "ten hoogste",
    Vergelijking.TEN_MINSTE: "ten minste",
    Vergelijking.GELIJK: "precies",
    Vergelijking.BINNEN_BUDGET: "binnen het budget van",
}


class MargeSoort(StrEnum):
    """Whether an 'op koers' margin is in the indicator's own unit or a share of the target."""

    ABSOLUUT = "absoluut"
    RELATIEF = "relatief"


#: Below this share of the stock with known data, a "gehaald" cannot be proven (see evaluation).
STANDAARD_MINIMALE_VOLLEDIGHEID = 0.8


@dataclass(frozen=True)
class Party:
    """A signatory (partij) of an agreement; in a national agreement possibly a collective party
    (``corporaties``: every association, each for its own part)."""

    id: str
    soort: PartijSoort
    naam: str

    @property
    def collectief(self) -> bool:
        return is_collectief(self.id)


@dataclass(frozen=True)
class Period:
    """The period (periode) an agreement runs, both ends inclusive."""

    start: date
    eind: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.eind


@dataclass(frozen=True)
class Milestone:
    """One year of a target series (reeks): the value to reach by the end of that year."""

    jaar: int
    waarde: float


@dataclass(frozen=True)
class Target:
    """The target (doel): one value, or a series of yearly milestones, with a comparison."""

    vergelijking: Vergelijking
    waarde: float | None = None
    reeks: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    """The 'op koers' margin and the minimum data completeness (drempels)."""

    marge: float = 0.0
    marge_soort: MargeSoort = MargeSoort.RELATIEF
    minimale_volledigheid: float = STANDAARD_MINIMALE_VOLLEDIGHEID


@dataclass(frozen=True)
class Commitment:
    """A measured commitment (toezegging): one indicator, one target, one deadline, one responsible party."""

    id: str
    requirement: str
    titel: str
    indicator: str
    doel: Target
    deadline: date
    verantwoordelijke: str
    scopes: tuple[ScopeSoort, ...]
    drempels: Thresholds = Thresholds()
    variant: str | None = None
    themas: tuple[InvesteringThema, ...] = ()
    toelichting: str | None = None


@dataclass(frozen=True)
class QualitativeCommitment:
    """A qualitative commitment: a described deliverable (resultaat), a deadline, a responsible party.

    Its status is not measured but reported by the responsible party with evidence, and confirmed or
    contested by the co-signers (``rules.qualitative``).
    """

    id: str
    requirement: str
    titel: str
    resultaat: str
    deadline: date
    verantwoordelijke: str
    toelichting: str | None = None


@dataclass(frozen=True)
class Agreement:
    """A national agreement or a local performance agreement (prestatieafspraak).

    ``toezeggingen`` are the measured commitments (the monitor evaluates them);
    ``kwalitatieve_toezeggingen`` the qualitative ones, in the order of the document.
    """

    id: str
    titel: str
    soort: AfspraakSoort
    periode: Period
    partijen: tuple[Party, ...]
    toezeggingen: tuple[Commitment, ...]
    gemeente: AreaRef | None = None
    toelichting: str | None = None
    bron: str | None = None
    kwalitatieve_toezeggingen: tuple[QualitativeCommitment, ...] = ()

    @property
    def aantal_toezeggingen(self) -> int:
        return len(self.toezeggingen) + len(self.kwalitatieve_toezeggingen)

    def kwalitatieve_toezegging(self, toezegging_id: str) -> QualitativeCommitment | None:
        return next((t for t in self.kwalitatieve_toezeggingen if t.id == toezegging_id), None)

    def partij(self, partij_id: str) -> Party | None:
        return next((p for p in self.partijen if p.id == partij_id), None)

    def heeft_partij_van_soort(self, soort: PartijSoort) -> bool:
        """True when a party of this kind signed; R13 asks this for zorgpartners."""
        return any(p.soort == soort for p in self.partijen)


@dataclass(frozen=True)
class AgreementError:
    """One reason an agreement file is invalid: where (file, path in the document) and why (Dutch)."""

    bestand: str
    pad: str
    reden: str

    def __str__(self) -> str:
        return f"{self.bestand}: {self.pad}: {self.reden}"


@dataclass(frozen=True)
class LoadResult:
    """The outcome of loading one agreement: the model and the validated document it was built from
    (plain JSON values: dates as ISO text), or the errors that stopped it."""

    bestand: str
    agreement: Agreement | None
    fouten: tuple[AgreementError, ...] = ()
    document: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.agreement is not None and not self.fouten
