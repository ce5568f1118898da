"""What-if for R1 and R2 (pure): which complexes in condition 5/6 to improve first within a yearly budget.

A *scenario*, never a verdict (docs/adr/0023-improvement-scenario-never-a-verdict.md): it says what a
budget could do under stated assumptions; the monitor alone judges the agreements.

The model, for one association:

- a **candidate** is a complex in condition 5/6 without a concrete demolition plan, with its dwellings
  and an estimated **improvement cost** in whole euros (:func:`improvement_cost`: the replacement
  value of its building elements in condition 5/6, else an assumed cost per dwelling);
- the budget is an amount **per year** over a run of years; money flows at that rate and what a year
  does not spend stays available (a complex's work may be paid over more than one year), so no year
  ever spends more than its budget and the horizon as a whole has ``years x budget``;
- the **selection** maximises the dwellings lifted out of condition 5/6 by the end of the horizon (a
  0/1 knapsack with capacity ``years x budget``, solved exactly by the MILP solver HiGHS through
  ``scipy.optimize.milp``); among selections with as many dwellings, the cheapest; among equal
  complexes (same dwellings, same cost), the lowest ids;
- the **order** is by dwellings per euro, most first (Smith's rule: it minimises the dwelling-weighted
  money spent before each complex is done), then more dwellings, then id; a complex is done (*gereed*)
  in the year in which the money spent reaches its cumulative cost.

Everything is integer arithmetic except inside the solver, whose answer is checked exactly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

#: The assumed cost in euro of lifting one dwelling out of condition 5/6 when its complex has no
#: replacement value of elements in condition 5/6: an order of magnitude for major maintenance of a
#: social rental dwelling, not a norm (ADR 0023). Every face lets the user give another amount.
STANDAARD_KOSTEN_PER_WONING = 35_000

#: Safety limit per solve (seconds); the selection of 300 candidates takes well under a second.
TIJDSLIMIET_S = 30.0


class KostenBron(StrEnum):
    """Where a candidate's improvement cost comes from."""

    VERVANGINGSWAARDE = "vervangingswaarde"  # replacement value of its elements in condition 5/6
    PER_WONING = "per_woning"  # dwellings x the assumed cost per dwelling


@dataclass(frozen=True)
class Kandidaat:
    """A complex that could be improved: its dwellings in condition 5/6 and the cost, whole euros."""

    id: str
    woningen: int
    kosten: int
    bron: KostenBron = KostenBron.PER_WONING


@dataclass(frozen=True)
class Stap:
    """One proposed improvement: its place in the order, the year its payment starts and the year it
    is done, and the money spent on the scenario once it is paid (cumulative)."""

    kandidaat: Kandidaat
    volgorde: int
    start_jaar: int
    gereed_jaar: int
    cumulatief: int


@dataclass(frozen=True)
class Jaar:
    """One year of the scenario: budget, spending, and the dwellings done in it and by its end."""

    jaar: int
    budget: int
    uitgaven: int
    complexen_gereed: int
    woningen_gereed: int
    woningen_gereed_cumulatief: int


@dataclass(frozen=True)
class Scenario:
    """The proposal: the improvements in order, the candidates left out, the years."""

    budget_per_jaar: int
    stappen: tuple[Stap, ...]
    niet_gekozen: tuple[Kandidaat, ...]
    jaren: tuple[Jaar, ...]
    #: True when the solver proved the selection optimal (always, unless it hit its time limit).
    optimaal: bool

    @property
    def woningen_totaal(self) -> int:
        """All dwellings in condition 5/6 among the candidates."""
        return sum(s.kandidaat.woningen for s in self.stappen) + sum(k.woningen for k in self.niet_gekozen)

    @property
    def woningen_verbeterd(self) -> int:
        return sum(s.kandidaat.woningen for s in self.stappen)

    @property
    def woningen_resterend(self) -> int:
        return self.woningen_totaal - self.woningen_verbeterd

    @property
    def kosten_gekozen(self) -> int:
        return sum(s.kandidaat.kosten for s in self.stappen)

    @property
    def kosten_alles(self) -> int:
        """The cost of improving every candidate."""
        return self.kosten_gekozen + sum(k.kosten for k in self.niet_gekozen)

    @property
    def budget_nodig_per_jaar(self) -> int:
        """The smallest yearly budget that improves every candidate within the horizon."""
        return -(-self.kosten_alles // len(self.jaren)) if self.jaren else 0

    @property
    def gereed_in(self) -> int | None:
        """The year in which the last candidate is done, when every candidate is; else None."""
        if self.niet_gekozen:
            return None
        return self.stappen[-1].gereed_jaar if self.stappen else None


def improvement_cost(
    woningen: int, vervangingswaarde_slecht: float | None, kosten_per_woning: float
) -> tuple[int, KostenBron]:
    """The estimated cost of lifting a complex out of condition 5/6, in whole euros (rounded up).

    Assumption (ADR 0023): renewing the building elements in condition 5 or 6 costs their replacement
    value (vervangingswaarde) and lifts the complex out of 5/6 under every rule; without a replacement
    value of such elements, ``woningen x kosten_per_woning``.
    """
    if woningen < 0:
        raise ValueError("een aantal woningen kan niet negatief zijn")
    if not kosten_per_woning > 0:
        raise ValueError("de kosten per woning moeten meer dan € 0 zijn")
    if vervangingswaarde_slecht is not None and vervangingswaarde_slecht > 0:
        return math.ceil(vervangingswaarde_slecht), KostenBron.VERVANGINGSWAARDE
    return math.ceil(woningen * kosten_per_woning), KostenBron.PER_WONING


def propose(kandidaten: Sequence[Kandidaat], budget_per_jaar: int, jaren: Sequence[int]) -> Scenario:
    """The scenario for ``budget_per_jaar`` euro in each of ``jaren`` (see the module docstring)."""
    _check(kandidaten, budget_per_jaar, jaren)
    capaciteit = budget_per_jaar * len(jaren)
    gekozen, optimaal = _select(sorted(kandidaten, key=lambda k: k.id), capaciteit)
    volgorde = sorted(gekozen, key=_order_key)
    stappen: list[Stap] = []
    besteed = 0
    for n, k in enumerate(volgorde, start=1):
        voor, besteed = besteed, besteed + k.kosten
        gereed = _year_index(besteed, budget_per_jaar)
        start = min(gereed, voor // budget_per_jaar + 1) if budget_per_jaar else gereed
        stappen.append(Stap(k, n, jaren[start - 1], jaren[gereed - 1], besteed))
    ids = {k.id for k in gekozen}
    niet = tuple(sorted((k for k in kandidaten if k.id not in ids), key=_order_key))
    return Scenario(budget_per_jaar, tuple(stappen), niet, _years(stappen, jaren, budget_per_jaar), optimaal)


def _check(kandidaten: Sequence[Kandidaat], budget_per_jaar: int, jaren: Sequence[int]) -> None:
    if budget_per_jaar < 0:
        raise ValueError("het budget per jaar kan niet negatief zijn")
    if not jaren or list(jaren) != sorted(set(jaren)):
        raise ValueError("de jaren moeten oplopen en mogen niet leeg zijn")
    if len({k.id for k in kandidaten}) != len(kandidaten):
        raise ValueError("elk complex mag maar één keer kandidaat zijn")
    if any(k.woningen < 0 or k.kosten < 0 for k in kandidaten):
        raise ValueError("woningen en kosten van een kandidaat kunnen niet negatief zijn")


def _order_key(k: Kandidaat) -> tuple[Fraction, int, str]:
    """Dwellings per euro, most first (a free improvement first of all), then dwellings, then id."""
    per_euro = Fraction(k.woningen, k.kosten) if k.kosten else Fraction(10**18)
    return (-per_euro, -k.woningen, k.id)


def _year_index(besteed: int, budget_per_jaar: int) -> int:
    """The 1-based year by whose end ``besteed`` euro have been spent at the yearly rate."""
    if budget_per_jaar == 0:
        return 1  # only free improvements are chosen without a budget
    return max(1, -(-besteed // budget_per_jaar))


def _years(stappen: Sequence[Stap], jaren: Sequence[int], budget_per_jaar: int) -> tuple[Jaar, ...]:
    totaal = stappen[-1].cumulatief if stappen else 0
    complexen: dict[int, int] = defaultdict(int)
    woningen: dict[int, int] = defaultdict(int)
    for s in stappen:
        complexen[s.gereed_jaar] += 1
        woningen[s.gereed_jaar] += s.kandidaat.woningen
    out: list[Jaar] = []
    cumulatief = 0
    for i, jaar in enumerate(jaren):
        uitgaven = min(budget_per_jaar, max(0, totaal - i * budget_per_jaar))
        cumulatief += woningen[jaar]
        out.append(Jaar(jaar, budget_per_jaar, uitgaven, complexen[jaar], woningen[jaar], cumulatief))
    return tuple(out)


def _select(kandidaten: Sequence[Kandidaat], capaciteit: int) -> tuple[list[Kandidaat], bool]:
    """The candidates to improve: most dwellings within ``capaciteit``, then least cost, then the
    lowest ids among equal candidates; and whether the solver proved it optimal."""
    passend = [k for k in kandidaten if k.kosten <= capaciteit]
    if not passend:
        return [], True
    if sum(k.kosten for k in passend) <= capaciteit:
        return passend, True  # everything fits: nothing to choose
    w = [k.woningen for k in passend]
    c = [k.kosten for k in passend]
    # 1. most dwellings within the budget
    x, optimaal = _solve([-float(v) for v in w], passend, capaciteit, [])
    beste = sum(w[i] for i in x)  # (when the solver stopped early, step 2 may still find more)
    # 2. the cheapest selection with as many dwellings (the sums are integers: >= beste - 0.5 is >= beste)
    y, optimaal_kosten = _solve([float(v) for v in c], passend, capaciteit, [(w, beste - 0.5)])
    return _lowest_ids_among_equals(passend, y), optimaal and optimaal_kosten


def _solve(
    objective: list[float],
    kandidaten: Sequence[Kandidaat],
    capaciteit: int,
    at_least: list[tuple[list[int], float]],
) -> tuple[set[int], bool]:
    """Minimise ``objective`` over 0/1 choices with total cost within ``capaciteit`` and each
    ``(coefficients, minimum)`` row met; the chosen indices, checked in exact arithmetic.

    HiGHS accepts a solution within its tolerances, which on costs of millions of euros could be a few
    euros over the budget: such a choice is cut off (the set as a whole cannot be taken) and the
    problem solved again.
    """
    import numpy as np  # here, not at import: scipy takes a second to load
    from scipy.optimize import Bounds, LinearConstraint, milp

    kosten = [k.kosten for k in kandidaten]
    n = len(kandidaten)
    rows: list[list[float]] = [[float(v) for v in kosten]]
    lower: list[float] = [-np.inf]
    upper: list[float] = [float(capaciteit)]
    for coefficients, minimum in at_least:
        rows.append([float(v) for v in coefficients])
        lower.append(minimum)
        upper.append(np.inf)
    for _ in range(20):
        result: Any = milp(
            np.array(objective),
            constraints=[LinearConstraint(np.array(rows), np.array(lower), np.array(upper))],
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            options={"mip_rel_gap": 0.0, "time_limit": TIJDSLIMIET_S, "disp": False},
        )
        if result.x is None:
            raise RuntimeError(f"de rekenmachine vond geen oplossing: {result.message}")
        chosen = {i for i in range(n) if result.x[i] > 0.5}
        if sum(kosten[i] for i in chosen) <= capaciteit and all(
            sum(coefficients[i] for i in chosen) >= minimum for coefficients, minimum in at_least
        ):
            return chosen, bool(result.status == 0)
        rows.append([1.0 if i in chosen else 0.0 for i in range(n)])  # not this set again
        lower.append(-np.inf)
        upper.append(len(chosen) - 1.0)
    raise RuntimeError("de rekenmachine bleef oplossingen buiten het budget geven")


def _lowest_ids_among_equals(kandidaten: Sequence[Kandidaat], chosen: set[int]) -> list[Kandidaat]:
    """Among candidates with the same dwellings and cost, the chosen ones are those with the lowest
    ids (swapping equal candidates changes neither dwellings nor cost): ties broken by id."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, k in enumerate(kandidaten):  # kandidaten are sorted by id
        groups[(k.woningen, k.kosten)].append(i)
    out: list[Kandidaat] = []
    for members in groups.values():
        taken = sum(1 for i in members if i in chosen)
        out.extend(kandidaten[i] for i in members[:taken])
    return out
