"""Status of a commitment on a reference date (peildatum), with a plain Dutch explanation.

The rules (docs/agreement-format.md, "Status rules", is the reference; keep the two in step):

1. No measured value, or a completeness of 0 -> **geen gegevens**. Missing data is never a 0.
2. The target is *met* when the measured value satisfies the comparison (``<=``, ``>=``, ``==``);
   a value exactly on the target is met. A relative tolerance of 1e-9 absorbs float noise only.
3. On or after the deadline: met -> **gehaald**, else **niet gehaald**.
4. Before the deadline: met -> **gehaald**; else **op koers** when the gap is within the margin
   (``drempels.marge``) or when the trend of the earlier measurements, extended in a straight line
   (least squares) from the current value to the deadline, reaches the target; else **risico**.
   The projection is kept within the quantity's range (not below 0, not above 100%).
5. Completeness (share of the scope with known data) below ``drempels.minimale_volledigheid``
   (default 0.8) means "gehaald" cannot be proven: it becomes **op koers** before the deadline and
   **risico** on or after it. ``None`` means completeness does not apply and caps nothing.

For a target series (reeks) the value that applies on a reference date is the milestone of that
year, else the next milestone, else the last; its deadline is 31 December of the milestone year
(never later than the commitment's deadline).

A budget (``vergelijking: budget``) follows rule 1 and then the budget rules of ``rules.budget``
(over budget, in total or in a round, is the only shortfall); rules 2 to 5 do not apply to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from leefbaar.domain.agreements import Status
from leefbaar.rules import budget
from leefbaar.rules import formatting as fmt
from leefbaar.rules.indicators import INDICATOREN, Eenheid
from leefbaar.rules.model import Commitment, MargeSoort, Target, Thresholds, Vergelijking

#: Relative tolerance for "exactly on target": only float noise, never a policy margin.
_EPSILON = 1e-9


@dataclass(frozen=True)
class Measurement:
    """An earlier measured value (meting) of the same indicator and scope, for the trend."""

    peildatum: date
    waarde: float


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one commitment for one scope and reference date."""

    status: Status
    gemeten: float | None
    doel: float
    vergelijking: Vergelijking
    #: How far the measured value is from meeting the target, in the indicator's unit; 0 when met.
    afstand: float | None
    #: Share (0-1) of the scope with known data; None when not applicable.
    volledigheid: float | None
    peildatum: date
    deadline: date
    #: The trend projected to the deadline, when there were earlier measurements.
    verwacht: float | None
    uitleg: str


def target_on(doel: Target, deadline: date, peildatum: date) -> tuple[float, date]:
    """The target value and deadline that apply on ``peildatum`` (a milestone for a series)."""
    if not doel.reeks:
        assert doel.waarde is not None  # the loader requires waarde or reeks
        return doel.waarde, deadline
    mijlpaal = next((m for m in doel.reeks if m.jaar >= peildatum.year), doel.reeks[-1])
    return mijlpaal.waarde, min(date(mijlpaal.jaar, 12, 31), deadline)


def is_met(gemeten: float, doel: float, vergelijking: Vergelijking) -> bool:
    """True when the measured value satisfies the comparison; a value exactly on target is met."""
    ruimte = _EPSILON * max(1.0, abs(doel))
    if vergelijking is Vergelijking.TEN_MINSTE:
        return gemeten >= doel - ruimte
    if vergelijking in (Vergelijking.TEN_HOOGSTE, Vergelijking.BINNEN_BUDGET):
        return gemeten <= doel + ruimte
    return abs(gemeten - doel) <= ruimte


def gap(gemeten: float, doel: float, vergelijking: Vergelijking) -> float:
    """Distance to meeting the target (0 when met), always non-negative."""
    if is_met(gemeten, doel, vergelijking):
        return 0.0
    if vergelijking is Vergelijking.TEN_MINSTE:
        return doel - gemeten
    if vergelijking in (Vergelijking.TEN_HOOGSTE, Vergelijking.BINNEN_BUDGET):
        return gemeten - doel
    return abs(gemeten - doel)


def projection(
    gemeten: float, peildatum: date, eerdere: Sequence[Measurement], deadline: date
) -> float | None:
    """The least-squares trend through earlier and current values, extended to the deadline.

    None without at least one earlier measurement on another (earlier) date.
    """
    punten = [(m.peildatum.toordinal(), m.waarde) for m in eerdere if m.peildatum < peildatum]
    if not punten:
        return None
    punten.append((peildatum.toordinal(), gemeten))
    n = len(punten)
    gem_x = sum(x for x, _ in punten) / n
    gem_y = sum(y for _, y in punten) / n
    noemer = sum((x - gem_x) ** 2 for x, _ in punten)
    helling = sum((x - gem_x) * (y - gem_y) for x, y in punten) / noemer
    return gemeten + helling * (deadline - peildatum).days


def _reaches(gemeten: float, verwacht: float, doel: float, vergelijking: Vergelijking) -> bool:
    if vergelijking is Vergelijking.GELIJK:
        # the straight line passes the target value before the deadline
        return is_met(verwacht, doel, vergelijking) or (gemeten - doel) * (verwacht - doel) < 0
    return is_met(verwacht, doel, vergelijking)


def _within_margin(afstand: float, doel: float, drempels: Thresholds) -> bool:
    toegestaan = drempels.marge if drempels.marge_soort is MargeSoort.ABSOLUUT else drempels.marge * abs(doel)
    return afstand <= toegestaan + _EPSILON * max(1.0, abs(doel))


def evaluate(
    gemeten: float | None,
    doel: float,
    vergelijking: Vergelijking,
    peildatum: date,
    deadline: date,
    *,
    eerdere: Sequence[Measurement] = (),
    volledigheid: float | None = None,
    drempels: Thresholds = Thresholds(),
    eenheid: Eenheid = Eenheid.AANTAL,
    rondes: Sequence[budget.Ronde] = (),
) -> Evaluation:
    """Apply the status rules of this module to one measured value (``rondes``: for a budget, the
    rounds it was allocated in)."""
    if vergelijking is Vergelijking.BINNEN_BUDGET:
        kop = f"budget {fmt.waarde(doel, eenheid)}, toe te kennen uiterlijk {fmt.datum(deadline)}"
    else:
        kop = f"doel {vergelijking.woord} {fmt.waarde(doel, eenheid)} uiterlijk {fmt.datum(deadline)}"
    if gemeten is None or volledigheid == 0:
        reden = "er is geen meting" if gemeten is None else "voor geen enkel deel zijn gegevens bekend"
        uitleg = f"Geen gegevens op {fmt.datum(peildatum)}: {reden}; dit telt niet als 0 ({kop})."
        return Evaluation(
            Status.GEEN_GEGEVENS,
            None,
            doel,
            vergelijking,
            None,
            volledigheid,
            peildatum,
            deadline,
            None,
            uitleg,
        )

    if vergelijking is Vergelijking.BINNEN_BUDGET:
        return _budget_evaluation(
            gemeten, doel, peildatum, deadline, kop, volledigheid, drempels, eenheid, rondes
        )

    afstand = gap(gemeten, doel, vergelijking)
    voorbij = peildatum >= deadline
    verwacht = None if voorbij else _clamp(projection(gemeten, peildatum, eerdere, deadline), eenheid)
    onvolledig = volledigheid is not None and volledigheid < drempels.minimale_volledigheid
    zinnen: list[str] = []

    if afstand == 0:
        status = Status.GEHAALD
        if onvolledig:
            status = Status.RISICO if voorbij else Status.OP_KOERS
    elif voorbij:
        status = Status.NIET_GEHAALD
        zinnen.append(f"Het doel is niet gehaald: {_tekort(afstand, vergelijking, eenheid, voorbij)}.")
    else:
        zinnen.append(f"Nog {_tekort(afstand, vergelijking, eenheid, voorbij)}.")
        status = Status.RISICO
        if drempels.marge > 0 and _within_margin(afstand, doel, drempels):
            status = Status.OP_KOERS
            zinnen.append(f"Dat valt binnen de marge van {_marge(drempels, eenheid)}.")
        if verwacht is not None:
            haalt = _reaches(gemeten, verwacht, doel, vergelijking)
            if haalt:
                status = Status.OP_KOERS
            oordeel = "dat haalt het doel" if haalt else "dat is niet genoeg"
            zinnen.append(
                f"Bij het huidige tempo wordt op {fmt.datum(deadline)} {fmt.waarde(verwacht, eenheid)} "
                f"verwacht; {oordeel}."
            )
    if volledigheid is not None:
        zinnen.append(_volledigheid_zin(volledigheid, drempels, onvolledig and afstand == 0))

    eerste = f"{status.value.capitalize()}: gemeten {fmt.waarde(gemeten, eenheid)}, {kop}."
    uitleg = " ".join([eerste, *zinnen])
    return Evaluation(
        status, gemeten, doel, vergelijking, afstand, volledigheid, peildatum, deadline, verwacht, uitleg
    )


def _budget_evaluation(
    toegekend: float,
    doel: float,
    peildatum: date,
    deadline: date,
    kop: str,
    volledigheid: float | None,
    drempels: Thresholds,
    eenheid: Eenheid,
    rondes: Sequence[budget.Ronde],
) -> Evaluation:
    """A budget target: the rules of ``rules.budget`` (no trend, no completeness cap)."""
    oordeel = budget.judge(
        toegekend, doel, peildatum, deadline, rondes=rondes, drempels=drempels, eenheid=eenheid
    )
    eerste = f"{oordeel.status.value.capitalize()}: toegekend {fmt.waarde(toegekend, eenheid)}, {kop}."
    return Evaluation(
        oordeel.status,
        toegekend,
        doel,
        Vergelijking.BINNEN_BUDGET,
        oordeel.overschrijding,
        volledigheid,
        peildatum,
        deadline,
        None,
        " ".join([eerste, *oordeel.zinnen]),
    )


def evaluate_commitment(
    toezegging: Commitment,
    gemeten: float | None,
    peildatum: date,
    *,
    eerdere: Sequence[Measurement] = (),
    volledigheid: float | None = None,
    rondes: Sequence[budget.Ronde] = (),
) -> Evaluation:
    """Evaluate a commitment: its target on ``peildatum``, its thresholds and its indicator's unit."""
    doel, deadline = target_on(toezegging.doel, toezegging.deadline, peildatum)
    return evaluate(
        gemeten,
        doel,
        toezegging.doel.vergelijking,
        peildatum,
        deadline,
        eerdere=eerdere,
        volledigheid=volledigheid,
        drempels=toezegging.drempels,
        eenheid=INDICATOREN[toezegging.indicator].eenheid,
        rondes=rondes,
    )


def _clamp(verwacht: float | None, eenheid: Eenheid) -> float | None:
    """A straight line can run below zero or above 100%; the quantity itself cannot."""
    if verwacht is None:
        return None
    return min(max(verwacht, 0.0), 100.0) if eenheid is Eenheid.PROCENT else max(verwacht, 0.0)


def _tekort(afstand: float, vergelijking: Vergelijking, eenheid: Eenheid, voorbij: bool) -> str:
    bedrag = fmt.verschil(afstand, eenheid)
    if vergelijking is Vergelijking.TEN_MINSTE:
        return f"{bedrag} te weinig" if voorbij else f"{bedrag} te gaan"
    if vergelijking in (Vergelijking.TEN_HOOGSTE, Vergelijking.BINNEN_BUDGET):
        return f"{bedrag} te veel"
    return f"{bedrag} verschil"


def _marge(drempels: Thresholds, eenheid: Eenheid) -> str:
    if drempels.marge_soort is MargeSoort.RELATIEF:
        return f"{fmt.aandeel(drempels.marge)} van het doel"
    return fmt.verschil(drempels.marge, eenheid)


def _volledigheid_zin(volledigheid: float, drempels: Thresholds, begrensd: bool) -> str:
    zin = f"Gegevens bekend voor {fmt.aandeel(volledigheid)}"
    if begrensd:
        minimum = fmt.aandeel(drempels.minimale_volledigheid)
        return f"{zin}, minder dan de vereiste {minimum}: 'gehaald' is daarom niet aantoonbaar."
    return f"{zin}."
