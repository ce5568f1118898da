"""The improvement scenario of an association on the crafted monitor dataset (both backends): the
candidates, their costs and the fair R2 share computed by hand (tests/services/test_monitor_data.py).

L0001 on 2026-01-01: 1043 (12 dwellings) is in 5/6 by its worst element only (dak 6, replacement
value € 10.000; gevel 4, € 90.000); 1044 (4 dwellings, complex score 5, no elements) has only a
demolition intention. L0002: 2001 has a concrete demolition plan (not a candidate); 2002 (3
dwellings) has gevel 5 at € 50.000. Association dwellings: L0001 16, L0002 8.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from leefbaar.services import monitor
from leefbaar.services.agreements import ensure_shipped
from tests.services import test_monitor_data as monitor_data
from tests.services.test_monitor_data import PEILDATUM


@pytest.fixture
def crafted(empty_db: str, tmp_path: Path) -> str:
    monitor_data.load(empty_db, tmp_path)
    ensure_shipped(empty_db)  # the national agreement, with R2's € 200 mln a year through 2030
    return empty_db


def test_candidates_costs_order_and_the_fair_r2_share(crafted: str) -> None:
    s = monitor.improvement_scenario(crafted, "L0001", peildatum=PEILDATUM)
    assert s is not None
    c1043, c1044 = s.complexen["L0001-1043"], s.complexen["L0001-1044"]
    assert set(s.complexen) == {"L0001-1043", "L0001-1044"}
    assert (c1043.woningen, c1043.vervangingswaarde, c1043.kosten, c1043.bron.value) == (
        12,
        100_000.0,
        10_000,  # the roof in condition 6 only
        "vervangingswaarde",
    )
    assert (c1044.woningen, c1044.vervangingswaarde, c1044.kosten, c1044.bron.value) == (
        4,
        None,
        140_000,  # 4 x € 35.000, the assumed cost per dwelling
        "per_woning",
    )
    # the horizon runs from the year after the peildatum through the last R2 year (2030); the
    # default budget is the fair R2 share of 2027: € 200 mln x 16 / 24 dwellings
    assert [j.jaar for j in s.scenario.jaren] == [2027, 2028, 2029, 2030]
    assert (s.budget_bron, s.scenario.budget_per_jaar) == ("r2", 133_333_333)
    assert [(r.jaar, r.aandeel, r.uitgaven) for r in s.r2] == [
        (2027, pytest.approx(200e6 * 16 / 24), 150_000),
        (2028, pytest.approx(200e6 * 16 / 24), 0),
        (2029, pytest.approx(200e6 * 16 / 24), 0),
        (2030, pytest.approx(200e6 * 16 / 24), 0),
    ]
    assert s.r2_uitleg is not None and "16 van 24 corporatiewoningen" in s.r2_uitleg
    # 12 dwellings for € 10.000 come before 4 for € 140.000
    assert [(st.kandidaat.id, st.gereed_jaar) for st, _ in s.stappen] == [
        ("L0001-1043", 2027),
        ("L0001-1044", 2027),
    ]


@pytest.mark.parametrize(
    ("kwargs", "gekozen", "niet", "gereed"),
    [
        # one year of € 100.000: 1043 fits, 1044 (€ 140.000) does not
        ({"budget_per_jaar": 100_000, "jaren": 1}, ["L0001-1043"], ["L0001-1044"], [2027]),
        # three years of € 50.000 pay for both; 1044 is paid off at the end of 2029
        ({"budget_per_jaar": 50_000, "jaren": 3}, ["L0001-1043", "L0001-1044"], [], [2027, 2029]),
        # under the complex score only 1044 is in 5/6
        ({"budget_per_jaar": 0, "jaren": 2, "regel": "complexscore"}, [], ["L0001-1044"], []),
        # another cost per dwelling: 4 x € 20.000 = € 80.000 fits in one year of € 100.000
        (
            {"budget_per_jaar": 100_000, "jaren": 1, "kosten_per_woning": 20_000},
            ["L0001-1043", "L0001-1044"],
            [],
            [2027, 2027],
        ),
    ],
)
def test_budget_years_rule_and_cost_per_dwelling(
    crafted: str, kwargs: dict[str, Any], gekozen: list[str], niet: list[str], gereed: list[int]
) -> None:
    s = monitor.improvement_scenario(crafted, "L0001", peildatum=PEILDATUM, **kwargs)
    assert s is not None and s.budget_bron == "opgegeven"
    assert [st.kandidaat.id for st, _ in s.stappen] == gekozen
    assert [c.id for c in s.niet_gekozen] == niet
    assert [st.gereed_jaar for st, _ in s.stappen] == gereed


def test_a_concrete_demolition_plan_is_no_candidate_and_unknown_is_none(crafted: str) -> None:
    s = monitor.improvement_scenario(crafted, "L0002", peildatum=PEILDATUM)
    assert s is not None
    assert [(c.id, c.woningen, c.kosten) for c in s.complexen.values()] == [("L0002-2002", 3, 50_000)]
    assert monitor.improvement_scenario(crafted, "L9999", peildatum=PEILDATUM) is None
    with pytest.raises(monitor.ScenarioFout) as fout:
        monitor.improvement_scenario(crafted, "L0001", budget_per_jaar=-1, jaren=11, peildatum=PEILDATUM)
    assert fout.value.fouten == {
        "budget": "Het budget per jaar kan niet negatief zijn.",
        "jaren": "Het aantal jaren moet tussen 1 en 10 liggen.",
    }
