"""The status of a qualitative commitment: what its responsible party reported, what the co-signers
said about it, and what the deadline makes of it. Pure: the reports come in, the verdict goes out.

The rules (docs/agreement-format.md, "Qualitative commitments"):

1. Only reports made on or before the reference date count; the latest one is the reported status.
   Every report carries evidence (a text, a link or a document), so a reported "gehaald" is evidence
   of delivery.
2. Nothing reported: **geen gegevens**, or **niet gehaald** once the deadline has passed.
3. Reported "gehaald": **gehaald** (also after the deadline; a report made after the deadline says so).
4. Past the deadline (the day after it) without a reported "gehaald": **niet gehaald**, computed
   here, never written: it is derived whenever the commitment is read.
5. Before the deadline: the reported status.
6. Co-signers react to the reported status: the latest reaction of each party counts. When any of
   them contests it, the status is *contested* and shown with both explanations; it keeps its word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from leefbaar.domain.agreements import Reactie, Status
from leefbaar.rules import formatting as fmt


@dataclass(frozen=True)
class StatusReport:
    """A status reported by (a member of) the responsible party, with its evidence."""

    melding_id: int
    status: Status
    gemeld_op: datetime
    toelichting: str | None = None
    link: str | None = None
    document: str | None = None  # the id of an uploaded document

    @property
    def heeft_bewijs(self) -> bool:
        return bool(self.toelichting or self.link or self.document)


@dataclass(frozen=True)
class Reaction:
    """A co-signer's confirmation or contest of one reported status."""

    melding_id: int
    op_melding: int
    partij: str
    reactie: Reactie
    gemeld_op: datetime
    toelichting: str | None = None


@dataclass(frozen=True)
class QualitativeVerdict:
    """The status on a reference date, the report it rests on and the co-signers' reactions."""

    status: Status
    gemeld: StatusReport | None
    automatisch: bool
    bevestigingen: tuple[Reaction, ...]
    betwistingen: tuple[Reaction, ...]
    uitleg: str

    @property
    def betwist(self) -> bool:
        return bool(self.betwistingen)


def _counted(moment: datetime, peildatum: date) -> bool:
    return moment.date() <= peildatum


def judge_qualitative(
    deadline: date,
    peildatum: date,
    meldingen: Sequence[StatusReport],
    reacties: Sequence[Reaction] = (),
) -> QualitativeVerdict:
    """The verdict on ``peildatum`` from the reports and reactions (any order; later ones are ignored)."""
    counted = [m for m in meldingen if _counted(m.gemeld_op, peildatum)]
    verstreken = peildatum > deadline
    if not counted:
        if verstreken:
            uitleg = f"De deadline ({fmt.datum(deadline)}) is verstreken en er is geen levering gemeld."
            return QualitativeVerdict(Status.NIET_GEHAALD, None, True, (), (), uitleg)
        uitleg = f"Er is nog geen status gemeld; de deadline is {fmt.datum(deadline)}."
        return QualitativeVerdict(Status.GEEN_GEGEVENS, None, False, (), (), uitleg)
    gemeld = max(counted, key=lambda m: (m.gemeld_op, m.melding_id))
    bevestigingen, betwistingen = _reactions(gemeld, reacties, peildatum)
    if gemeld.status is Status.GEHAALD:
        uitleg = f"Gemeld als gehaald op {fmt.datum(gemeld.gemeld_op.date())}"
        if gemeld.gemeld_op.date() > deadline:
            uitleg += f", na de deadline van {fmt.datum(deadline)}"
        uitleg += "."
        status, automatisch = Status.GEHAALD, False
    elif verstreken:
        status, automatisch = Status.NIET_GEHAALD, gemeld.status is not Status.NIET_GEHAALD
        uitleg = (
            f"De deadline ({fmt.datum(deadline)}) is verstreken zonder bewijs van levering; "
            f"laatst gemeld: {gemeld.status.value} op {fmt.datum(gemeld.gemeld_op.date())}."
        )
    else:
        status, automatisch = gemeld.status, False
        uitleg = f"Gemeld als {gemeld.status.value} op {fmt.datum(gemeld.gemeld_op.date())}."
    if betwistingen:
        wie = ", ".join(r.partij for r in betwistingen)
        uitleg += f" Betwist door {wie}."
    return QualitativeVerdict(status, gemeld, automatisch, bevestigingen, betwistingen, uitleg)


def _reactions(
    gemeld: StatusReport, reacties: Sequence[Reaction], peildatum: date
) -> tuple[tuple[Reaction, ...], tuple[Reaction, ...]]:
    """The latest reaction of each party to this report, split into confirmations and contests."""
    latest: dict[str, Reaction] = {}
    for r in sorted(reacties, key=lambda r: (r.gemeld_op, r.melding_id)):
        if r.op_melding == gemeld.melding_id and _counted(r.gemeld_op, peildatum):
            latest[r.partij] = r
    ordered = sorted(latest.values(), key=lambda r: r.partij)
    return (
        tuple(r for r in ordered if r.reactie is Reactie.BEVESTIGD),
        tuple(r for r in ordered if r.reactie is Reactie.BETWIST),
    )
