"""Improvement scenario benchmark: the optimiser (``rules.scenario.propose``) for a large association.

Prints figures (no pass/fail). Synthetic candidates shaped like the demo's: complexes of 4-200
dwellings, two thirds costed by the replacement value of their elements in condition 5/6 (about
€ 2,000-12,000 a dwelling), a third at the assumed € 35,000 a dwelling. The yearly budget is set so
that the horizon pays for 10%, 30% or 60% of everything (the hardest knapsacks are in between).

    .venv/bin/python benchmarks/scenario_bench.py [CANDIDATES] [YEARS]
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from leefbaar.rules.scenario import STANDAARD_KOSTEN_PER_WONING, Kandidaat, KostenBron, propose

SEEDS = 5


def candidates(n: int, seed: int) -> list[Kandidaat]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        woningen = rng.randint(4, 200)
        if rng.random() < 2 / 3:
            out.append(
                Kandidaat(
                    f"L0001-{i:04d}",
                    woningen,
                    woningen * rng.randint(2_000, 12_000),
                    KostenBron.VERVANGINGSWAARDE,
                )
            )
        else:
            out.append(Kandidaat(f"L0001-{i:04d}", woningen, woningen * STANDAARD_KOSTEN_PER_WONING))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    years = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    jaren = list(range(2027, 2027 + years))
    propose(candidates(5, 0), 1, jaren)  # load scipy once, outside the timings
    print(f"## Improvement scenario ({n} candidate complexes, {years} years)")
    for share in (0.1, 0.3, 0.6):
        times, optimal, lifted = [], 0, []
        for seed in range(SEEDS):
            ks = candidates(n, seed)
            budget = int(sum(k.kosten for k in ks) * share / years)
            start = time.perf_counter()
            s = propose(ks, budget, jaren)
            times.append(time.perf_counter() - start)
            optimal += s.optimaal
            lifted.append(s.woningen_verbeterd / s.woningen_totaal)
        print(
            f"budget for {share:.0%} of all costs: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
            f"over {SEEDS} seeds; proven optimal {optimal}/{SEEDS}; dwellings lifted "
            f"{statistics.median(lifted):.0%} (median)"
        )


if __name__ == "__main__":
    main()
