"""A national commitment that holds per municipality (R10: grow to 30% social rent) has a national
answer: how many municipalities have each status, and the list (tiny demo, both backends).

Regression: the commitment was missing from the national table and its national page was a 404
("geen beoordeling voor nationaal opgeslagen") while the map counted the statuses.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import text

from leefbaar.domain.agreements import Status
from leefbaar.services import monitor
from leefbaar.storage.engine import get_engine

R10 = "r10-dertig-procent-sociale-huur"

# Social rent per municipality, written out by hand (docs/home-for-everyone.md, "Definitions").
SHARES = """
SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeente, count(*) AS woningen,
       sum(CASE WHEN eigendom = 'corporatie' AND (huursegment IS NULL OR huursegment = 'sociaal') THEN 1
                WHEN eigendom = 'overige_huur' AND huursegment = 'sociaal' THEN 1 ELSE 0 END) AS sociaal
FROM woning GROUP BY 'GM' || substr(buurtcode, 3, 4)
"""


def hand_counts(url: str) -> Counter[Status]:
    """R10's status per municipality by hand: at or above 30% gehaald; within the 2-point margin of the
    national agreement op koers; further below risico (deadline 2030, one stored peildatum so no
    trend); without dwellings geen gegevens."""
    with get_engine(url).connect() as conn:
        shares = {r[0]: 100 * r[2] / r[1] for r in conn.execute(text(SHARES)).all()}
        gemeenten = conn.execute(
            text(
                "SELECT code FROM regio WHERE niveau = 'gemeente' AND indelingsjaar = "
                "(SELECT max(indelingsjaar) FROM regio WHERE niveau = 'gemeente')"
            )
        ).scalars()
        found: Counter[Status] = Counter()
        for code in gemeenten:
            share = shares.get(code)
            if share is None:
                found[Status.GEEN_GEGEVENS] += 1
            elif share >= 30:
                found[Status.GEHAALD] += 1
            elif share >= 28:
                found[Status.OP_KOERS] += 1
            else:
                found[Status.RISICO] += 1
    return found


def test_a_per_gemeente_commitment_has_a_national_summary(tiny_db: str) -> None:
    run = monitor.run_evaluation(tiny_db, date(2025, 6, 1))
    national = monitor.latest_evaluation(tiny_db, monitor.NATIONAAL)
    assert national is not None and R10 not in {b.toezegging_id for b in national.beoordelingen}

    [gap] = monitor.national_gaps(tiny_db, national)  # the only national commitment without a figure
    assert (gap.toezegging_id, gap.variant, gap.run_id) == (R10, "", run.run_id)
    hand = hand_counts(tiny_db)
    assert gap.telling == {s: hand[s] for s in Status}
    assert gap.aantal == sum(hand.values()) == 342
    assert hand[Status.GEHAALD] > 0 and hand[Status.RISICO] > 0  # the demo has both sides of 30%
    assert gap.doel_tekst == "per gemeente ten minste 30%"
    delen = ", ".join(f"{hand[s]} {s.value}" for s in Status if hand[s])
    assert gap.telling_tekst == f"{delen} (342 gemeenten)"
    # the ones that need attention first: risico before gehaald, lowest share first within a status
    statussen = [b.status for b in gap.beoordelingen]
    assert statussen.index(Status.RISICO) < statussen.index(Status.GEHAALD)
    risico = [b.waarde for b in gap.beoordelingen if b.status is Status.RISICO]
    assert risico == sorted(risico)  # type: ignore[type-var]

    assert monitor.per_gemeente(tiny_db, "bestaat-niet") is None
