"""Urgentieverordening coverage (R11) and woonzorgvisie currency (R12)."""

from __future__ import annotations

from datetime import date

import pytest

from leefbaar.domain.allocation import Aandachtsgroep as G
from leefbaar.homes.instruments import (
    Urgentieverordening,
    Woonzorgvisie,
    ordinance_coverage,
    woonzorgvisie_status,
)

ALL = {G.DAKLOOS, G.UITSTROOM_INSTELLING, G.UITSTROOM_DETENTIE, G.SOCIALE_URGENTIE, G.MEDISCHE_URGENTIE}
PEIL = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("groups", "adopted", "share", "complete", "missing", "text"),
    [
        # all five mandatory groups plus status holders
        (ALL | {G.STATUSHOUDER}, date(2024, 7, 1), 1.0, True, (), "alle verplichte groepen gedekt"),
        # detention missing: 4 of 5
        (
            ALL - {G.UITSTROOM_DETENTIE},
            date(2024, 7, 1),
            0.8,
            False,
            (G.UITSTROOM_DETENTIE,),
            "ontbreekt: uitstroom uit detentie",
        ),
        # two missing, listed in the mandatory order: 3 of 5
        (
            ALL - {G.MEDISCHE_URGENTIE, G.DAKLOOS},
            date(2024, 7, 1),
            0.6,
            False,
            (G.DAKLOOS, G.MEDISCHE_URGENTIE),
            "ontbreekt: dak- en thuisloze mensen, medische urgentie",
        ),
        # adopted on the peildatum itself counts
        (ALL, PEIL, 1.0, True, (), "alle verplichte groepen gedekt"),
        # adopted after the peildatum: not yet there
        (
            ALL,
            date(2025, 1, 2),
            0.0,
            False,
            None,
            "urgentieverordening pas vastgesteld op 2025-01-02",
        ),
        # a draft without adoption date
        (ALL, None, 0.0, False, None, "geen urgentieverordening vastgesteld"),
    ],
)
def test_ordinance_coverage(
    groups: set[G],
    adopted: date | None,
    share: float,
    complete: bool,
    missing: tuple[G, ...] | None,
    text: str,
) -> None:
    c = ordinance_coverage("GM0344", Urgentieverordening("GM0344", adopted, frozenset(groups)), PEIL)
    assert c.dekkingsgraad == pytest.approx(share)
    assert c.volledig is complete
    assert c.toelichting == text
    if missing is not None:
        assert c.ontbrekend == missing
    else:  # nothing adopted on the peildatum: every mandatory group is missing
        assert len(c.ontbrekend) == 5


def test_extra_groups_are_reported_but_do_not_count() -> None:
    c = ordinance_coverage(
        "GM0344", Urgentieverordening("GM0344", PEIL, frozenset({G.STATUSHOUDER, G.DAKLOOS})), PEIL
    )
    assert c.extra == (G.STATUSHOUDER,)
    assert c.dekkingsgraad == pytest.approx(0.2)
    assert (
        c.as_row()["ontbrekend"]
        == "uitstroom_instelling, uitstroom_detentie, sociale_urgentie, medische_urgentie"
    )


def test_no_ordinance_at_all() -> None:
    c = ordinance_coverage("GM0344", None, PEIL)
    assert (c.vastgesteld, c.dekkingsgraad, c.toelichting) == (
        False,
        0.0,
        "geen urgentieverordening vastgesteld",
    )


def test_ordinance_from_parsed_data() -> None:
    v = Urgentieverordening.from_mapping(
        {"gemeente": "GM0344", "vastgesteld_op": "2024-07-01", "groepen": ["dakloos", "medische_urgentie"]}
    )
    assert v.groepen == {G.DAKLOOS, G.MEDISCHE_URGENTIE}
    assert v.vastgesteld_op == date(2024, 7, 1)
    with pytest.raises(ValueError, match="onbekende aandachtsgroep 'thuislozen'"):
        Urgentieverordening.from_mapping(
            {"gemeente": "GM0344", "vastgesteld_op": None, "groepen": ["thuislozen"]}
        )
    with pytest.raises(ValueError, match="geen datum"):
        Urgentieverordening.from_mapping({"gemeente": "GM0344", "vastgesteld_op": "1-7-2024", "groepen": []})


@pytest.mark.parametrize(
    ("adopted", "until", "peil", "max_years", "current", "on_time", "text"),
    [
        (
            date(2023, 6, 1),
            None,
            date(2023, 5, 31),
            5,
            False,
            False,
            "woonzorgvisie pas vastgesteld op 2023-06-01",
        ),  # not yet
        (
            date(2023, 6, 1),
            None,
            date(2023, 6, 1),
            5,
            True,
            True,
            "actueel tot en met 2028-06-01",
        ),  # adoption day
        (
            date(2023, 6, 1),
            None,
            date(2028, 6, 1),
            5,
            True,
            True,
            "actueel tot en met 2028-06-01",
        ),  # 5th anniversary
        # the day after the 5th anniversary: outdated
        (
            date(2023, 6, 1),
            None,
            date(2028, 6, 2),
            5,
            False,
            True,
            "verouderd: ouder dan 5 jaar (vastgesteld op 2023-06-01)",
        ),
        # its own end date comes first: still current on that day ...
        (
            date(2023, 6, 1),
            date(2026, 12, 31),
            date(2026, 12, 31),
            5,
            True,
            True,
            "actueel tot en met 2026-12-31",
        ),
        # ... and outdated the day after
        (
            date(2023, 6, 1),
            date(2026, 12, 31),
            date(2027, 1, 1),
            5,
            False,
            True,
            "verouderd: looptijd eindigde op 2026-12-31",
        ),
        # 29 February: the anniversary in a common year is 28 February
        (
            date(2024, 2, 29),
            None,
            date(2029, 3, 1),
            5,
            False,
            False,
            "verouderd: ouder dan 5 jaar (vastgesteld op 2024-02-29)",
        ),
        (date(2024, 2, 29), None, date(2029, 2, 28), 5, True, False, "actueel tot en met 2029-02-28"),
        # a shorter configured age
        (date(2020, 1, 1), None, date(2024, 1, 1), 4, True, True, "actueel tot en met 2024-01-01"),
        (
            date(2020, 1, 1),
            None,
            date(2024, 1, 2),
            4,
            False,
            True,
            "verouderd: ouder dan 4 jaar (vastgesteld op 2020-01-01)",
        ),
        (None, None, date(2025, 1, 1), 5, False, False, "geen woonzorgvisie"),  # none adopted
    ],
)
def test_woonzorgvisie_currency(
    adopted: date | None,
    until: date | None,
    peil: date,
    max_years: int,
    current: bool,
    on_time: bool,
    text: str,
) -> None:
    s = woonzorgvisie_status("GM0344", Woonzorgvisie("GM0344", adopted, until), peil, max_years)
    assert (s.actueel, s.op_tijd, s.toelichting) == (current, on_time, text)


def test_woonzorgvisie_missing_and_parsed() -> None:
    assert woonzorgvisie_status("GM0344", None, PEIL).vastgesteld is False
    v = Woonzorgvisie.from_mapping(
        {"gemeente": "GM0344", "vastgesteld_op": "2023-11-30", "geldig_tot": "2027-12-31"}
    )
    s = woonzorgvisie_status("GM0344", v, PEIL)
    assert (s.vastgesteld, s.op_tijd, s.actueel, s.verouderd_na) == (True, True, True, date(2027, 12, 31))
    assert s.as_row()["verouderd_na"] == "2027-12-31"
