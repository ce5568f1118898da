"""The improvement scenario (R1/R2 what-if): the optimiser against brute force, a schedule by hand,
the cost assumption and the edge cases."""

from __future__ import annotations

import itertools
import random

import pytest

from leefbaar.rules.scenario import (
    Jaar,
    Kandidaat,
    KostenBron,
    Scenario,
    improvement_cost,
    propose,
)


def brute_force(kandidaten: list[Kandidaat], capaciteit: int) -> tuple[int, int]:
    """Most dwellings within the capacity, then the least cost: every subset enumerated."""
    beste = (0, 0)
    for r in range(len(kandidaten) + 1):
        for subset in itertools.combinations(kandidaten, r):
            kosten = sum(k.kosten for k in subset)
            if kosten <= capaciteit:
                beste = max(beste, (sum(k.woningen for k in subset), -kosten))
    return beste[0], -beste[1]


def assert_schedule_within_budget(s: Scenario) -> None:
    """No year spends more than its budget, spending is the chosen cost, and every complex is done by
    the end of the year in which the money spent reaches its cumulative cost."""
    b = s.budget_per_jaar
    assert all(j.uitgaven <= b for j in s.jaren)
    assert sum(j.uitgaven for j in s.jaren) == s.kosten_gekozen
    jaren = [j.jaar for j in s.jaren]
    for stap in s.stappen:
        ruimte = b * (jaren.index(stap.gereed_jaar) + 1)
        assert stap.cumulatief <= ruimte
        assert stap.start_jaar <= stap.gereed_jaar


@pytest.mark.parametrize("seed", range(12))
def test_the_optimiser_matches_brute_force_on_small_random_cases(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 10)
    kandidaten = [Kandidaat(f"L0001-{i:03d}", rng.randint(1, 40), rng.randint(1, 100)) for i in range(n)]
    jaren = list(range(2027, 2027 + rng.randint(1, 4)))
    budget = rng.randint(0, 120)
    s = propose(kandidaten, budget, jaren)
    assert (s.woningen_verbeterd, s.kosten_gekozen) == brute_force(kandidaten, budget * len(jaren))
    assert s.optimaal
    assert_schedule_within_budget(s)
    assert {st.kandidaat.id for st in s.stappen} | {k.id for k in s.niet_gekozen} == {
        k.id for k in kandidaten
    }


def test_a_schedule_by_hand() -> None:
    # 3 x 100: A+B+C cost 270 for 45 dwellings; D (500) does not fit in 300 at all. Order by dwellings
    # per euro: B 0,25, A 0,2, C 0,05. Cumulative 120, 170, 270 -> done in 2028, 2028, 2029.
    kandidaten = [
        Kandidaat("A", 10, 50),
        Kandidaat("B", 30, 120),
        Kandidaat("C", 5, 100),
        Kandidaat("D", 1, 500),
    ]
    s = propose(kandidaten, 100, [2027, 2028, 2029])
    assert [
        (st.kandidaat.id, st.volgorde, st.start_jaar, st.gereed_jaar, st.cumulatief) for st in s.stappen
    ] == [
        ("B", 1, 2027, 2028, 120),
        ("A", 2, 2028, 2028, 170),
        ("C", 3, 2028, 2029, 270),
    ]
    assert [k.id for k in s.niet_gekozen] == ["D"]
    assert s.jaren == (
        Jaar(2027, 100, 100, 0, 0, 0),
        Jaar(2028, 100, 100, 2, 40, 40),
        Jaar(2029, 100, 70, 1, 5, 45),
    )
    assert (s.woningen_totaal, s.woningen_verbeterd, s.woningen_resterend) == (46, 45, 1)
    assert (s.kosten_alles, s.budget_nodig_per_jaar, s.gereed_in) == (770, 257, None)


def test_equal_candidates_are_chosen_by_lowest_id() -> None:
    # four identical complexes, money for two: the two lowest ids, whatever the input order
    kandidaten = [Kandidaat(f"L0001-{i}", 10, 100) for i in (4, 2, 3, 1)]
    s = propose(kandidaten, 200, [2027])
    assert [st.kandidaat.id for st in s.stappen] == ["L0001-1", "L0001-2"]
    assert [k.id for k in s.niet_gekozen] == ["L0001-3", "L0001-4"]


@pytest.mark.parametrize(
    ("kandidaten", "budget", "verbeterd", "niet"),
    [
        ([Kandidaat("A", 10, 50)], 0, 0, 1),  # budget 0: nothing improves
        ([], 1_000_000, 0, 0),  # nothing to improve
        ([Kandidaat("A", 10, 50), Kandidaat("B", 2, 10)], 60, 12, 0),  # everything fits exactly
        ([Kandidaat("A", 10, 0)], 0, 10, 0),  # a free improvement needs no budget
    ],
)
def test_edge_cases(kandidaten: list[Kandidaat], budget: int, verbeterd: int, niet: int) -> None:
    s = propose(kandidaten, budget, [2027])
    assert (s.woningen_verbeterd, len(s.niet_gekozen), s.optimaal) == (verbeterd, niet, True)
    assert_schedule_within_budget(s)


@pytest.mark.parametrize(
    ("budget", "jaren", "fout"),
    [
        (-1, [2027], "niet negatief"),
        (100, [], "niet leeg"),
        (100, [2028, 2027], "oplopen"),
    ],
)
def test_bad_input_is_refused_in_dutch(budget: int, jaren: list[int], fout: str) -> None:
    with pytest.raises(ValueError, match=fout):
        propose([], budget, jaren)


@pytest.mark.parametrize(
    ("woningen", "vervangingswaarde", "per_woning", "verwacht"),
    [
        (12, 10_000.0, 35_000, (10_000, KostenBron.VERVANGINGSWAARDE)),  # the elements in 5/6
        (12, 10_000.01, 35_000, (10_001, KostenBron.VERVANGINGSWAARDE)),  # rounded up to whole euros
        (4, None, 35_000, (140_000, KostenBron.PER_WONING)),  # no element values: per dwelling
        (4, 0.0, 20_000.5, (80_002, KostenBron.PER_WONING)),  # a value of 0 is no value
    ],
)
def test_improvement_cost(
    woningen: int, vervangingswaarde: float | None, per_woning: float, verwacht: tuple[int, KostenBron]
) -> None:
    assert improvement_cost(woningen, vervangingswaarde, per_woning) == verwacht


def test_a_cost_per_dwelling_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="meer dan € 0"):
        improvement_cost(4, None, 0)
