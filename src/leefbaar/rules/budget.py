"""A budget as the target of a commitment (``vergelijking: budget``): an amount to allocate, never to
exceed, such as the Volkshuisvestingsfonds (R7). Pure.

The rules (docs/agreement-format.md, "Status rules", is the reference; keep the two in step):

1. **Over budget**: the total allocated is above the budget, or the allocations of a round are above
   the amount that round made available -> **risico** before the deadline, **niet gehaald** on or
   after it. The distance is the overrun: the larger of the total's overrun and the sum of the
   rounds' overruns.
2. **Within budget, fully allocated** (what is left is within the margin ``drempels.marge``) ->
   **gehaald**.
3. **Within budget, money left**: before the deadline **op koers** (the rest can still be allocated;
   being below a budget is no shortfall); on or after it **gehaald**, and the explanation names the
   amount that was not allocated.

A round whose available amount is not recorded cannot be checked; the explanation says so. A value
exactly on the budget is within it (a relative tolerance of 1e-9 absorbs float noise only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from leefbaar.domain.agreements import Status
from leefbaar.rules import formatting as fmt
from leefbaar.rules.indicators import Eenheid
from leefbaar.rules.model import MargeSoort, Thresholds

#: Relative tolerance for "exactly on budget": only float noise, never a policy margin.
_EPSILON = 1e-9


def _ruimte(bedrag: float) -> float:
    return _EPSILON * max(1.0, abs(bedrag))


@dataclass(frozen=True)
class Ronde:
    """One round of a budget: its year, the amount it made available (None: not recorded) and the
    amount allocated in it."""

    jaar: int
    beschikbaar: float | None
    toegekend: float

    @property
    def overschrijding(self) -> float:
        """How much more was allocated than the round made available (0 within it or unknown)."""
        if self.beschikbaar is None or self.toegekend <= self.beschikbaar + _ruimte(self.beschikbaar):
            return 0.0
        return self.toegekend - self.beschikbaar


@dataclass(frozen=True)
class Budgetoordeel:
    """The status of an allocation against its budget, the overrun (0 within budget) and the
    sentences that explain it, in Dutch."""

    status: Status
    overschrijding: float
    zinnen: tuple[str, ...]


def overschrijding(toegekend: float, budget: float, rondes: Sequence[Ronde] = ()) -> float:
    """The overrun: the larger of the total's and the sum of the rounds' (0 within budget)."""
    totaal = toegekend - budget if toegekend > budget + _ruimte(budget) else 0.0
    return max(totaal, sum(r.overschrijding for r in rondes))


def judge(
    toegekend: float,
    budget: float,
    peildatum: date,
    deadline: date,
    *,
    rondes: Sequence[Ronde] = (),
    drempels: Thresholds = Thresholds(),
    eenheid: Eenheid = Eenheid.EURO,
) -> Budgetoordeel:
    """Apply the budget rules of this module to the amount allocated by ``peildatum``."""
    voorbij = peildatum >= deadline
    zinnen: list[str] = []
    if rondes:
        zinnen.append(_per_ronde(rondes, eenheid))
    te_veel = overschrijding(toegekend, budget, rondes)
    if te_veel > 0:
        if toegekend > budget + _ruimte(budget):
            zinnen.append(
                f"Er is {fmt.verschil(toegekend - budget, eenheid)} meer toegekend dan het budget van "
                f"{fmt.waarde(budget, eenheid)}."
            )
        for r in rondes:
            if r.overschrijding > 0:
                assert r.beschikbaar is not None
                zinnen.append(
                    f"Ronde {r.jaar} kende {fmt.verschil(r.overschrijding, eenheid)} meer toe dan de "
                    f"{fmt.waarde(r.beschikbaar, eenheid)} die zij beschikbaar stelde."
                )
        status = Status.NIET_GEHAALD if voorbij else Status.RISICO
    else:
        over = budget - toegekend
        if over <= _marge(budget, drempels) + _ruimte(budget):
            status = Status.GEHAALD
            if over > _ruimte(budget):
                zinnen.append(f"Er is {fmt.verschil(over, eenheid)} over; dat valt binnen de marge.")
        elif voorbij:
            status = Status.GEHAALD
            zinnen.append(
                f"Binnen het budget; {fmt.verschil(over, eenheid)} van het budget is niet toegekend."
            )
        else:
            status = Status.OP_KOERS
            zinnen.append(
                f"Binnen het budget; nog {fmt.verschil(over, eenheid)} toe te kennen tot "
                f"{fmt.datum(deadline)}. Minder toekennen dan het budget is geen tekort."
            )
    onbekend = [r.jaar for r in rondes if r.beschikbaar is None]
    if onbekend:
        jaren = ", ".join(str(j) for j in onbekend)
        zinnen.append(
            f"Van ronde {jaren} is het beschikbare bedrag niet vastgelegd; die ronde is niet getoetst."
            if len(onbekend) == 1
            else f"Van de rondes {jaren} is het beschikbare bedrag niet vastgelegd; die zijn niet getoetst."
        )
    return Budgetoordeel(status, te_veel, tuple(zinnen))


def _marge(budget: float, drempels: Thresholds) -> float:
    return drempels.marge if drempels.marge_soort is MargeSoort.ABSOLUUT else drempels.marge * abs(budget)


def _per_ronde(rondes: Sequence[Ronde], eenheid: Eenheid) -> str:
    delen = [
        f"{r.jaar} {fmt.waarde(r.toegekend, eenheid)}"
        + ("" if r.beschikbaar is None else f" van {fmt.waarde(r.beschikbaar, eenheid)}")
        for r in sorted(rondes, key=lambda r: r.jaar)
    ]
    return f"Toegekend per ronde: {'; '.join(delen)}."
