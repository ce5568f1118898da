"""One social-rent figure (R10): the key figures, the 30% block and the monitor count the same dwellings,
and that count is what a hand-written query over the dwellings gives (tiny demo, both backends).

Regression: the monitor counted every association dwelling (midden and vrij too), so Amsterdam's
agreements table said 43,8% where the key figures and the 30% block said 39,8%.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.services import areas, homes, monitor
from leefbaar.storage.engine import get_engine

# Written out here on purpose rather than taken from rule_sql: the definition as the docs state it.
HAND_QUERY = """
SELECT count(*) AS woningen,
       sum(CASE WHEN eigendom = 'corporatie' AND (huursegment IS NULL OR huursegment = 'sociaal') THEN 1
                WHEN eigendom = 'overige_huur' AND huursegment = 'sociaal' THEN 1
                ELSE 0 END) AS sociaal,
       sum(CASE WHEN eigendom = 'corporatie' THEN 1 ELSE 0 END) AS corporatie_alle,
       sum(CASE WHEN eigendom = 'overige_huur' AND huursegment = 'sociaal' THEN 1 ELSE 0 END) AS overig_sociaal,
       count(DISTINCT peildatum) AS peildata, max(peildatum) AS peildatum
FROM woning WHERE buurtcode LIKE 'BU0363%'
"""


def test_key_figures_thirty_percent_block_and_monitor_agree_with_a_hand_query(tiny_db: str) -> None:
    with get_engine(tiny_db).connect() as conn:
        hand = conn.execute(text(HAND_QUERY)).mappings().one()
    assert hand["peildata"] == 1  # one dwelling import: every row is current
    woningen, sociaal = int(hand["woningen"]), int(hand["sociaal"])
    # the demo has association dwellings outside the social segment, so the old count was larger
    assert int(hand["corporatie_alle"]) + int(hand["overig_sociaal"]) > sociaal

    kerncijfers = areas.gemeente(tiny_db, "GM0363")
    assert kerncijfers is not None
    assert (kerncijfers["sociaal"], kerncijfers["woningen"]) == (sociaal, woningen)
    assert kerncijfers["sociaal_pct"] == round(100 * sociaal / woningen, 1)
    assert kerncijfers["woningen_peildatum"] == hand["peildatum"]

    blok = homes.woningvoorraad(tiny_db, "GM0363")
    assert (blok["sociale_huur"], blok["woningen"]) == (sociaal, woningen)
    assert blok["aandeel"] == sociaal / woningen
    assert blok["peildatum"] == hand["peildatum"].isoformat()

    run = monitor.run_evaluation(
        tiny_db, date(2025, 6, 1), monitor.Scope(ScopeSoort.GEMEENTE, "GM0363"), opslaan=False
    )
    r10 = next(b for b in run.beoordelingen if b.toezegging_id == "r10-dertig-procent-sociale-huur")
    assert r10.waarde == 100 * sociaal / woningen
    getallen = r10.bewijs.kerngetallen
    assert getallen["corporatie_sociaal"] + getallen["overige_sociale_huur"] == sociaal
    assert getallen["woningen"] == woningen
