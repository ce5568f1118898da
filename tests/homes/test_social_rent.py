"""30% social rent (R10): shares, gaps, required additions, projections and the province view.

Every expected value is worked out by hand in the comment of its row.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from leefbaar.homes.social_rent import (
    Pijplijn,
    TrajectStatus,
    Woningvoorraad,
    gap_by_new_build,
    gap_dwellings,
    intervention_candidates,
    meets_target,
    project_trajectory,
    province_overview,
    required_yearly_additions,
    social_share,
)


def test_stock_adds_association_and_other_social_rent() -> None:
    v = Woningvoorraad(
        "GM0001", date(2025, 1, 1), corporatiewoningen=2000, overige_sociale_huur=1000, woningen=10000
    )
    assert v.sociale_huur == 3000
    assert social_share(v.sociale_huur, v.woningen) == pytest.approx(0.30)


@pytest.mark.parametrize(
    ("corporatie", "overig", "woningen"),
    [
        (-1, 0, 10),  # negative count
        (0, 0, 0),  # empty stock: no share
        (8, 3, 10),  # more social than dwellings
    ],
)
def test_stock_refuses_impossible_figures(corporatie: int, overig: int, woningen: int) -> None:
    with pytest.raises(ValueError):
        Woningvoorraad("GM0001", date(2025, 1, 1), corporatie, overig, woningen)


@pytest.mark.parametrize(
    ("social", "total", "meets", "gap", "gap_new_build"),
    [
        (3500, 10000, True, 0, 0),  # above 30%: no gap
        (3000, 10000, True, 0, 0),  # exactly 30%: meets, no gap
        (3, 10, True, 0, 0),  # exactly 30% on a tiny stock (no float trouble)
        (2999, 10000, False, 1, 2),  # 3000-2999=1; new-build ceil(1/0.7)=2 (3000/10001 < 30%)
        (2000, 10000, False, 1000, 1429),  # 1000; ceil(1000/0.7)=ceil(1428.57)=1429
        (2, 7, False, 1, 1),  # 0.3*7=2.1 -> ceil(0.1)=1; ceil(0.1/0.7)=1
        (0, 100, False, 30, 43),  # 30; ceil(30/0.7)=ceil(42.86)=43
    ],
)
def test_target_and_gaps(social: int, total: int, meets: bool, gap: int, gap_new_build: int) -> None:
    assert meets_target(social, total) is meets
    assert gap_dwellings(social, total) == gap
    assert gap_by_new_build(social, total) == gap_new_build
    if gap_new_build:
        # the new-build gap is the least number that reaches 30%
        assert meets_target(social + gap_new_build, total + gap_new_build)
        assert not meets_target(social + gap_new_build - 1, total + gap_new_build - 1)


@pytest.mark.parametrize(
    ("social", "total", "growth", "years", "per_year", "rounded", "more_than_growth"),
    [
        (3500, 10000, 100, 5, 0.0, 0, False),  # above: 0.3*10500=3150 < 3500 -> 0
        (3000, 10000, 0, 5, 0.0, 0, False),  # exactly 30%, no growth -> 0
        (3000, 10000, 100, 5, 30.0, 30, False),  # exactly 30%: (3150-3000)/5 = 30 = 30% of growth
        (2000, 10000, 200, 5, 260.0, 260, True),  # (0.3*11000-2000)/5 = 1300/5 = 260 > growth 200
        (2400, 10000, 500, 6, 250.0, 250, False),  # (0.3*13000-2400)/6 = 1500/6 = 250
        (2000, 10000, -100, 10, 70.0, 70, True),  # shrinking: (0.3*9000-2000)/10 = 70; growth < 0
        (3000, 10000, -100, 10, 0.0, 0, False),  # shrinking at 30%: 2700-3000 < 0 -> 0
        (2000, 10000, 0, 3, 1000 / 3, 334, True),  # 1000/3 = 333.33 -> 334 whole dwellings
        (0, 10, 0.5, 2, 1.65, 2, True),  # 0.3*(10+1)=3.3; 3.3/2=1.65 -> 2 (decimal growth exact)
    ],
)
def test_required_yearly_additions(
    social: int,
    total: int,
    growth: float,
    years: int,
    per_year: float,
    rounded: int,
    more_than_growth: bool,
) -> None:
    r = required_yearly_additions(social, total, growth, years)
    assert r.per_jaar == pytest.approx(per_year)
    assert r.per_jaar_afgerond == rounded
    assert r.meer_dan_groei is more_than_growth
    # independent check: x per year for n years lands on 30% of the grown stock (or above when 0)
    assert social + years * r.per_jaar >= 0.30 * (total + years * growth) - 1e-9


@pytest.mark.parametrize(
    ("total", "growth", "years"),
    [
        (10000, 100, 0),  # no years to go
        (100, -50, 2),  # stock shrinks to zero
    ],
)
def test_required_yearly_additions_refuses(total: int, growth: float, years: int) -> None:
    with pytest.raises(ValueError):
        required_yearly_additions(0, total, growth, years)


def _one(social: int, total: int) -> Woningvoorraad:
    return Woningvoorraad("GM0001", date(2025, 1, 1), social, 0, total)


def test_pipeline_reaches_30_in_year_k() -> None:
    # 2700/10000 + 100 social per year: 2800/10100, 2900/10200, 3000/10300 (29.1%), 3100/10400 (29.8%),
    # 3200/10500 (30.5%): reached at the end of 2029, the fifth year.
    t = project_trajectory(_one(2700, 10000), Pijplijn.build(2025, [100] * 6))
    assert t.status is TrajectStatus.BEREIKT
    assert t.jaar_bereikt == 2029
    assert t.uitkomst == "30% bereikt in 2029"
    assert [(r.jaar, r.sociale_huur, r.woningen, r.op_doel) for r in t.jaren[3:5]] == [
        (2028, 3100, 10400, False),
        (2029, 3200, 10500, True),
    ]
    assert t.eindjaar == 2030


def test_pipeline_never_reaches_30() -> None:
    # 2000/10000 + 100 social and 300 other per year for 5 years: 2500/12000 = 20.8%.
    t = project_trajectory(_one(2000, 10000), Pijplijn.build(2025, [100] * 5, overige_nieuwbouw=[300] * 5))
    assert t.status is TrajectStatus.NIET_BINNEN_PLANPERIODE
    assert t.jaar_bereikt is None
    assert t.uitkomst == "niet binnen de planperiode"
    assert (t.jaren[-1].sociale_huur, t.jaren[-1].woningen) == (2500, 12000)


def test_pipeline_lands_exactly_on_30() -> None:
    # 2000/9000 + 1000 social = 3000/10000, exactly 30%: reached (999 would give 2999/9999, not).
    assert project_trajectory(_one(2000, 9000), Pijplijn.build(2025, [1000])).jaar_bereikt == 2025
    assert project_trajectory(_one(2000, 9000), Pijplijn.build(2025, [999])).jaar_bereikt is None


def test_sales_and_demolitions() -> None:
    # 3100/10000; 2025 demolish 100 social: 3000/9900 (30.3%); 2026 sell 50: 2950/9900 (29.8%);
    # 2027 build 200 other: 2950/10100 (29.2%).
    t = project_trajectory(
        _one(3100, 10000),
        Pijplijn.build(
            2025,
            [0, 0, 0],
            sloop_sociaal=[100, 0, 0],
            verkoop_sociaal=[0, 50, 0],
            overige_nieuwbouw=[0, 0, 200],
        ),
    )
    assert [(r.sociale_huur, r.woningen, r.op_doel) for r in t.jaren] == [
        (3000, 9900, True),
        (2950, 9900, False),
        (2950, 10100, False),
    ]
    assert t.status is TrajectStatus.AL_BEREIKT
    assert t.uitkomst == "al op of boven 30%"


def test_already_above_30_without_pipeline() -> None:
    t = project_trajectory(_one(3500, 10000), Pijplijn.build(2025, [0]))
    assert t.status is TrajectStatus.AL_BEREIKT
    assert t.jaren[0].aandeel == pytest.approx(0.35)


@pytest.mark.parametrize(
    "pipeline",
    [
        Pijplijn.build(2025, [0], sloop_sociaal=[101]),  # demolishes more social dwellings than exist
        Pijplijn.build(2025, [0, 0], verkoop_sociaal=[60, 50]),  # sells more than exist in year 2
    ],
)
def test_projection_refuses_impossible_pipeline(pipeline: Pijplijn) -> None:
    with pytest.raises(ValueError, match="onmogelijke"):
        project_trajectory(_one(100, 1000), pipeline)


def test_pipeline_refuses_negative_and_ragged_input() -> None:
    with pytest.raises(ValueError, match="negatief"):
        Pijplijn.build(2025, [-1])
    with pytest.raises(ValueError, match="afmetingen"):
        Pijplijn.build(2025, [1, 2], sloop_sociaal=[1])


CODES = ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"]
SOCIAL = [3500, 2700, 2000, 2800, 3000]
TOTAL = [10000] * 5
# Four plan years 2025-2028, target year 2027 (n = 3 years of change).
PIPE = Pijplijn.build(
    2025,
    [[0] * 4, [150] * 4, [100] * 4, [0, 0, 0, 500], [0] * 4],
    verkoop_sociaal=[[0] * 4, [0] * 4, [0] * 4, [0] * 4, [10] * 4],
    overige_nieuwbouw=[[0] * 4, [0] * 4, [200] * 4, [0] * 4, [0] * 4],
)


def test_province_overview_credible_rule() -> None:
    rows = {r.gemeentecode: r for r in province_overview(CODES, SOCIAL, TOTAL, PIPE, doeljaar=2027)}
    # GM0001 35%, nothing planned: fine, not a candidate.
    assert (rows["GM0001"].status, rows["GM0001"].geloofwaardig, rows["GM0001"].interventiekandidaat) == (
        TrajectStatus.AL_BEREIKT,
        True,
        False,
    )
    # GM0002 2700 + 150/yr: 2850/10150, 3000/10300 (29.1%), 3150/10450 (30.1%) -> 2027 = target year.
    # needed x = (0.3*10450 - 2700)/3 = (3135-2700)/3 = 145; planned 450/3 = 150; gap 300.
    r2 = rows["GM0002"]
    assert (r2.jaar_bereikt, r2.geloofwaardig, r2.interventiekandidaat, r2.tekort) == (2027, True, False, 300)
    assert r2.benodigd_per_jaar == pytest.approx(145.0)
    assert r2.gepland_per_jaar == pytest.approx(150.0)
    # GM0003 2000 + 100 social + 200 other: 2300/10900 in 2027 (21.1%), never 30% -> candidate.
    # needed x = (0.3*10900 - 2000)/3 = 1270/3 = 423.33
    r3 = rows["GM0003"]
    assert (r3.status, r3.interventiekandidaat, r3.tekort) == (
        TrajectStatus.NIET_BINNEN_PLANPERIODE,
        True,
        1000,
    )
    assert r3.benodigd_per_jaar == pytest.approx(1270 / 3)
    assert r3.aandeel_doeljaar == pytest.approx(2300 / 10900)
    assert r3.toelichting == "nu 20,0%: niet binnen de planperiode (t/m 2028) op 30%"
    # GM0004 reaches 30% only in 2028 (3300/10500), after the target year -> candidate.
    r4 = rows["GM0004"]
    assert (r4.jaar_bereikt, r4.geloofwaardig, r4.interventiekandidaat) == (2028, False, True)
    assert r4.toelichting == "nu 28,0%: volgens de plannen pas 30% in 2028, na het doeljaar 2027"
    # GM0005 at exactly 30% but sells 10 a year: 2970/10000 in 2027. Not below today, so no candidate.
    r5 = rows["GM0005"]
    assert (r5.status, r5.geloofwaardig, r5.interventiekandidaat) == (TrajectStatus.AL_BEREIKT, False, False)
    assert [r.gemeentecode for r in intervention_candidates(list(rows.values()))] == ["GM0003", "GM0004"]


def test_province_overview_agrees_with_single_projection() -> None:
    # Independent route: the one-municipality projection gives the same status and year.
    rows = province_overview(CODES, SOCIAL, TOTAL, PIPE, doeljaar=2028)
    for i, row in enumerate(rows):
        one = Pijplijn.build(
            2025,
            PIPE.sociale_toevoegingen[i],
            verkoop_sociaal=PIPE.verkoop_sociaal[i],
            overige_nieuwbouw=PIPE.overige_nieuwbouw[i],
        )
        t = project_trajectory(_one(SOCIAL[i], TOTAL[i]), one)
        assert (row.status, row.jaar_bereikt) == (t.status, t.jaar_bereikt)


def test_target_year_after_plan_period_keeps_last_year() -> None:
    # After 2028 nothing is known: the 2028 stock counts for 2035; n = 11 years for the needed rate.
    rows = province_overview(CODES, SOCIAL, TOTAL, PIPE, doeljaar=2035)
    assert rows[3].geloofwaardig  # GM0004 is at 30% from 2028 on
    # GM0003 in 2028: 2400/11200; x = (0.3*11200 - 2000)/11 = 1360/11
    assert rows[2].benodigd_per_jaar == pytest.approx(1360 / 11)


def test_province_overview_is_vectorised_over_many_municipalities() -> None:
    rng = np.random.default_rng(7)
    total = rng.integers(1000, 100000, size=342)
    social = (total * rng.uniform(0.0, 0.44, size=342)).astype(np.int64)
    pipe = Pijplijn.build(
        2025, rng.integers(0, 200, size=(342, 6)), overige_nieuwbouw=rng.integers(0, 400, size=(342, 6))
    )
    rows = province_overview([f"GM{i:04d}" for i in range(342)], social, total, pipe, doeljaar=2030)
    below = 100 * social < 30 * total
    assert sum(r.status is not TrajectStatus.AL_BEREIKT for r in rows) == int(below.sum())
    assert all(
        r.interventiekandidaat == (b and not r.geloofwaardig) for r, b in zip(rows, below, strict=True)
    )


def test_province_overview_refuses_target_year_before_start() -> None:
    with pytest.raises(ValueError, match="vóór het startjaar"):
        province_overview(CODES, SOCIAL, TOTAL, PIPE, doeljaar=2024)
