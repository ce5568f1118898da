"""R1 per complex of one association: the three rules side by side, old measurements flagged, and the
dwellings per rule equal to the monitor's R1 values (crafted dataset, both backends).

Regression: the association page counted three rules but listed complexes under the first only, so a
complex in condition 5/6 by its worst element was missing; a measurement from 2018 was not flagged.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.services import monitor
from leefbaar.services.agreements import load_agreements
from tests.services import test_monitor_data as monitor_data
from tests.services.test_monitor_data import PEILDATUM


@pytest.fixture
def crafted(empty_db: str, tmp_path: Path) -> str:
    monitor_data.load(empty_db, tmp_path)
    return empty_db


def test_each_rule_lists_its_complexes_with_old_measurements_flagged(crafted: str) -> None:
    r1 = monitor.r1_complexen(crafted, "L0001", PEILDATUM)
    assert r1["recent_na"] == date(2021, 1, 1)
    # by hand (tests/services/test_monitor_data.py): 1043 (12 dwellings) is 5/6 only by its worst
    # element (dak 6); 1044 (4 dwellings, only a demolition intention) by its complex score 5 of
    # 2018, which the worst-element rule falls back to; weighted by replacement value 1043 is 4.2 -> 4
    assert [(r["naam"], r["complexen"], r["woningen"]) for r in r1["regels"]] == [
        ("complexscore", 1, 4),
        ("slechtste element", 2, 16),
        ("herbouwwaarde-gewogen", 0, 0),
    ]
    [c1043, c1044] = r1["complexen"]
    assert (c1043.id, c1043.woningen, c1043.sloopplan, c1043.uitzondering) == ("L0001-1043", 12, None, False)
    assert {k: (s.score, s.meetdatum, s.oud) for k, s in c1043.regels.items()} == {
        "complexscore": (4, date(2024, 6, 1), False),  # the measurement of 2026-06-01 is after the peildatum
        "slechtste_element": (6, date(2024, 6, 1), False),
        "herbouwwaarde_gewogen": (4, date(2024, 6, 1), False),
    }
    assert (c1044.id, c1044.woningen, c1044.sloopplan, c1044.uitzondering) == (
        "L0001-1044",
        4,
        "voornemen",
        False,
    )
    assert {k: (s.score, s.oud) for k, s in c1044.regels.items()} == {
        "complexscore": (5, True),  # measured 2018-01-01: older than five years
        "slechtste_element": (5, True),
        "herbouwwaarde_gewogen": (None, False),  # no element measurements
    }

    run = monitor.run_evaluation(
        crafted,
        PEILDATUM,
        monitor.Scope(ScopeSoort.CORPORATIE, "L0001"),
        opslaan=False,
        agreements=load_agreements(),
    )
    waarden = {b.variant: b.waarde for b in run.beoordelingen if b.toezegging_id == "r1-geen-conditie-5-6"}
    assert waarden == {r["regel"]: float(r["woningen"]) for r in r1["regels"]}


def test_a_concrete_demolition_plan_is_listed_as_the_exception(crafted: str) -> None:
    # L0002: 2001 (5 dwellings, score 6) has a concrete demolition plan; 2002 (3 dwellings) has
    # elements 4 and 5: worst 5, weighted (4 x 50.000 + 5 x 50.000) / 100.000 = 4.5 -> 5
    r1 = monitor.r1_complexen(crafted, "L0002", PEILDATUM)
    assert [(c.id, c.uitzondering, c.sloopplan) for c in r1["complexen"]] == [
        ("L0002-2001", True, "concreet"),
        ("L0002-2002", False, None),
    ]
    assert [(r["complexen"], r["woningen"]) for r in r1["regels"]] == [(0, 0), (1, 3), (1, 3)]
