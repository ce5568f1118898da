"""Every monitor indicator on the crafted dataset of ``monitor_data`` (hand-computed values, both backends)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leefbaar.domain.housing import R2_THEMAS, R5_THEMAS, InvesteringThema
from leefbaar.services import monitor, vhf
from leefbaar.storage import monitor_queries as q
from tests.services import test_monitor_data as monitor_data
from tests.services.test_monitor_data import PEILDATUM

ALL = ("nationaal", "provincie", "gemeente", "corporatie", "complex")


@pytest.fixture
def crafted(empty_db: str, tmp_path: Path) -> str:
    monitor_data.load(empty_db, tmp_path)
    return empty_db


def _plain(
    values: monitor.Values, rule: str = ""
) -> dict[tuple[str, str], tuple[float | None, float | None]]:
    return {
        (soort, code): (v.waarde, None if v.volledigheid is None else round(v.volledigheid, 6))
        for (soort, code, variant), v in values.items()
        if variant == rule
    }


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # complex score: only 1044 (score 5, old, sloop only an intention); 2001 has a concrete plan
        (
            "complexscore",
            {
                ("nationaal", "NL"): (4.0, round(17 / 24, 6)),
                ("provincie", "PV27"): (4.0, 0.75),
                ("provincie", "PV28"): (0.0, round(5 / 8, 6)),
                ("gemeente", "GM0363"): (4.0, 0.75),
                ("gemeente", "GM0599"): (0.0, round(5 / 8, 6)),
                ("corporatie", "L0001"): (4.0, 0.75),
                ("corporatie", "L0002"): (0.0, round(5 / 8, 6)),
                ("complex", "L0001/1043"): (0.0, 1.0),
                ("complex", "L0001/1044"): (4.0, 0.0),
                ("complex", "L0002/2001"): (0.0, 1.0),
                ("complex", "L0002/2002"): (None, 0.0),
            },
        ),
        # worst element: 1043 (dak 6), 1044 (falls back to complex 5), 2002 (gevel 5)
        (
            "slechtste_element",
            {
                ("nationaal", "NL"): (19.0, round(20 / 24, 6)),
                ("provincie", "PV27"): (16.0, 0.75),
                ("provincie", "PV28"): (3.0, 1.0),
                ("gemeente", "GM0363"): (16.0, 0.75),
                ("gemeente", "GM0599"): (3.0, 1.0),
                ("corporatie", "L0001"): (16.0, 0.75),
                ("corporatie", "L0002"): (3.0, 1.0),
                ("complex", "L0001/1043"): (12.0, 1.0),
                ("complex", "L0001/1044"): (4.0, 0.0),
                ("complex", "L0002/2001"): (0.0, 1.0),
                ("complex", "L0002/2002"): (3.0, 1.0),
            },
        ),
        # replacement-value weighted: 1043 4.2 -> 4; 2002 4.5 -> 5 (half up)
        (
            "herbouwwaarde_gewogen",
            {
                ("nationaal", "NL"): (3.0, round(15 / 24, 6)),
                ("provincie", "PV27"): (0.0, 0.75),
                ("provincie", "PV28"): (3.0, 0.375),
                ("gemeente", "GM0363"): (0.0, 0.75),
                ("gemeente", "GM0599"): (3.0, 0.375),
                ("corporatie", "L0001"): (0.0, 0.75),
                ("corporatie", "L0002"): (3.0, 0.375),
                ("complex", "L0001/1043"): (0.0, 1.0),
                ("complex", "L0001/1044"): (None, 0.0),
                ("complex", "L0002/2001"): (None, 0.0),
                ("complex", "L0002/2002"): (3.0, 1.0),
            },
        ),
    ],
)
def test_r1_three_rules_per_scope(
    crafted: str, rule: str, expected: dict[tuple[str, str], tuple[float | None, float]]
) -> None:
    assert _plain(monitor.r1_values(crafted, PEILDATUM, ALL), rule) == expected


def test_r1_rules_disagree_on_one_complex(crafted: str) -> None:
    values = monitor.r1_values(crafted, PEILDATUM, ("complex",))
    # complex score 4, worst element 6 (small replacement value), weighted 4.2 -> 4
    assert [values[("complex", "L0001/1043", r)].waarde for r in q.R1_RULES] == [0.0, 12.0, 0.0]
    bewijs = values[("complex", "L0001/1043", "slechtste_element")].bewijs
    assert [(b["code"], b["woningen"], b["score"]) for b in bewijs] == [("L0001/1043", 12, 6)]
    assert bewijs[0]["toelichting"] == (
        "12 woningen in complex 1043 (Woonstichting X) hebben conditie 6; er is geen concreet sloopplan"
    )


@pytest.mark.parametrize(
    ("status", "gm0599_complexscore", "reden"),
    [
        ("concreet", 0.0, None),  # a concrete demolition plan exempts the 5 dwellings of 2001
        (
            "voornemen",
            5.0,
            "er is alleen een sloopvoornemen, geen concreet sloopplan",
        ),  # an intention does not
        (
            "besluit",
            5.0,
            "er is een sloopbesluit, geen concreet sloopplan",
        ),  # nor does a decision in principle
    ],
)
def test_r1_only_a_concrete_demolition_plan_exempts(
    empty_db: str, tmp_path: Path, status: str, gm0599_complexscore: float, reden: str | None
) -> None:
    monitor_data.load(empty_db, tmp_path, sloop_status=status)
    values = monitor.r1_values(empty_db, PEILDATUM, ("gemeente",))
    found = values[("gemeente", "GM0599", "complexscore")]
    assert found.waarde == gm0599_complexscore
    texts = [b["toelichting"] for b in found.bewijs]
    if reden is None:
        assert texts == []
    else:
        assert texts == [f"5 woningen in complex 2001 (Woonstichting Y) hebben conditie 6; {reden}"]


def test_stock_indicators(crafted: str) -> None:
    found = monitor.stock_values(crafted, PEILDATUM, ("nationaal", "gemeente", "corporatie"))
    # dwelling 1 has two open damp defects (counted once), dwelling 2's was solved in 2025
    assert _plain(found["woningen_met_open_vochtgebrek"]) == {
        ("nationaal", "NL"): (1, round(16 / 24, 6)),
        ("gemeente", "GM0363"): (1, 1.0),
        ("gemeente", "GM0599"): (None, 0.0),  # L0002 reports no defects at all: no data, not 0
        ("corporatie", "L0001"): (1, 1.0),
        ("corporatie", "L0002"): (None, 0.0),
    }
    assert _plain(found["woningen_met_loden_leidingen"])[("nationaal", "NL")] == (1, round(16 / 24, 6))
    # labels known for 12 + 5 + 3 dwellings; E, E, E, G and 5 x F
    assert _plain(found["energielabel_efg_aandeel"]) == {
        ("nationaal", "NL"): (45.0, round(20 / 24, 6)),
        ("gemeente", "GM0363"): (pytest.approx(100 * 4 / 12), 0.75),
        ("gemeente", "GM0599"): (pytest.approx(100 * 5 / 8), 1.0),
        ("corporatie", "L0001"): (pytest.approx(100 * 4 / 12), 0.75),
        ("corporatie", "L0002"): (pytest.approx(100 * 5 / 8), 1.0),
    }


@pytest.mark.parametrize(
    ("themas", "jaar", "nationaal", "l0001", "l0002", "volledig"),
    [
        (R2_THEMAS, 2025, 1_500_000.0, 1_500_000.0, None, 16 / 24),  # L0002 reported nothing for 2025
        (R5_THEMAS, 2025, 300_000.0, 300_000.0, None, 16 / 24),  # only buurtkamers
        # nothing reported for 2026 yet: no national value at all, not 0
        (R2_THEMAS, 2026, None, None, None, None),
    ],
)
def test_extra_investment(
    crafted: str,
    themas: tuple[InvesteringThema, ...],
    jaar: int,
    nationaal: float | None,
    l0001: float | None,
    l0002: float | None,
    volledig: float | None,
) -> None:
    values = monitor.investment_values(crafted, date(jaar, 12, 31), themas, {})
    land = values.get(("nationaal", "NL", ""))
    found = (land.waarde, land.volledigheid) if land is not None else (None, None)
    assert found == (nationaal, None if volledig is None else pytest.approx(volledig))
    assert values[("corporatie", "L0001", "")].waarde == l0001
    assert values[("corporatie", "L0002", "")].waarde == l0002


def test_vhf_plan_with_private_and_association_addresses_and_the_budget(crafted: str) -> None:
    values = monitor.vhf_values(crafted, PEILDATUM, ("nationaal", "provincie", "gemeente"), {})
    # one national value: the 2027 round does not count yet (V4 and its 5 mln round)
    assert list(values) == [("nationaal", "NL", "")]
    national = values[("nationaal", "NL", "")]
    assert national.waarde == 18_000_000.0  # V1 10 + V2 5 + V3 3 mln
    # per round: 2023 10 of 12 mln, 2024 8 of 8 mln (exactly on the round's amount is within it)
    assert [(r.jaar, r.beschikbaar, r.toegekend, r.overschrijding) for r in national.extra["rondes"]] == [
        (2023, 12_000_000.0, 10_000_000.0, 0.0),
        (2024, 8_000_000.0, 8_000_000.0, 0.0),
    ]
    kern = national.kerngetallen
    # spent up to 2026: V1 2 + 3 + 1.5, V3 3.5 (V2's 2040 spending not yet) = 10 of 18 mln
    assert (kern["besteed"], kern["aandeel_besteed"]) == (10_000_000.0, pytest.approx(10 / 18))
    # V1 lists 2 private and 3 association addresses in 2 complexes (the withdrawn one does not count)
    assert (kern["plannen_met_adressen"], kern["plannen_zonder_adressen"]) == (1, 2)
    assert (kern["adressen_particulier"], kern["adressen_corporatie"], kern["complexen"]) == (2, 3, 2)
    # evidence: V3 spent more than it was granted; then the plans without addresses, largest first
    assert [b["code"] for b in national.bewijs] == ["V3", "V2", "V3"]
    assert national.bewijs[1]["toelichting"].endswith(
        "uitvoeringsplan zonder adressen (gemeld als per complex)"
    )
    # The municipality's view of the same rows: V1's plan by hand, V2 without addresses.
    found = vhf.gemeente(crafted, "GM0363", date(2026, 6, 30))
    assert found is not None
    plans = {b["bijdrage_id"]: b["plan"] for b in found["bijdragen"]}
    assert plans == {
        "V1": {"particulier": 2, "corporatie": 3, "complexen": 2, "met_adressen": True},
        "V2": {"particulier": 0, "corporatie": 0, "complexen": 0, "met_adressen": False},
    }
    # a list of parties is stored sorted
    assert [p["naam"] for p in found["bijdragen"][0]["partijen"]] == ["Bewoners Noord", "Woonstichting X"]
    assert found["per_jaar"] == [
        {"jaar": 2023, "besteed": 2_000_000.0},
        {"jaar": 2024, "besteed": 3_000_000.0},
        {"jaar": 2026, "besteed": 1_500_000.0},
    ]
    assert (found["totaal"]["bedrag"], found["totaal"]["cofinanciering"], found["totaal"]["besteed"]) == (
        15_000_000.0,
        3_500_000.0,
        6_500_000.0,
    )


def test_social_rent(crafted: str) -> None:
    gp = {"GM0363": "PV27", "GM0599": "PV28", "GM0034": "PV24"}
    values = monitor.social_rent_values(crafted, PEILDATUM, ("nationaal", "provincie", "gemeente"), {}, gp)
    # GM0363: 16 association + 2 overige sociaal of 30; GM0599: 5 of 13, its 3 association dwellings
    # in complex 2002 are middle rent, not social rent (domain.housing.is_sociale_huur); GM0034 has
    # no dwellings. Nationally 18 + 5 = 23 of 43.
    assert _plain(values) == {
        ("nationaal", "NL"): (pytest.approx(100 * 23 / 43), 1.0),
        ("provincie", "PV27"): (60.0, 1.0),
        ("provincie", "PV28"): (pytest.approx(100 * 5 / 13), 1.0),
        ("gemeente", "GM0363"): (60.0, 1.0),
        ("gemeente", "GM0599"): (pytest.approx(100 * 5 / 13), 1.0),
    }
    gm0599 = values[("gemeente", "GM0599", "")].kerngetallen
    assert (gm0599["corporatie_sociaal"], gm0599["overige_sociale_huur"], gm0599["woningen"]) == (5, 0, 13)


def _gemeenten() -> list[dict[str, str]]:
    return [
        {"gemeentecode": "GM0034", "naam": "Almere", "provinciecode": "PV24"},
        {"gemeentecode": "GM0363", "naam": "Amsterdam", "provinciecode": "PV27"},
        {"gemeentecode": "GM0599", "naam": "Rotterdam", "provinciecode": "PV28"},
    ]


def test_urgentieverordening(crafted: str) -> None:
    values = monitor.urgency_values(crafted, PEILDATUM, ("nationaal", "provincie", "gemeente"), _gemeenten())
    found = _plain(values)
    assert found[("gemeente", "GM0363")] == (100.0, None)
    assert found[("gemeente", "GM0599")] == (80.0, None)  # uitstroom uit detentie missing
    assert ("gemeente", "GM0034") not in found  # no ordinance on file: geen gegevens
    assert found[("nationaal", "NL")] == (50.0, round(2 / 3, 6))
    assert found[("provincie", "PV24")] == (None, 0.0)
    assert [b["code"] for b in values[("nationaal", "NL", "")].bewijs] == ["GM0599"]


def test_woonzorgvisie(crafted: str) -> None:
    found = _plain(monitor.woonzorgvisie_values(crafted, PEILDATUM, ("nationaal", "gemeente"), _gemeenten()))
    # 2023-05-01 is current until 2028-05-01; 2019-01-01 is older than five years
    assert found == {
        ("gemeente", "GM0363"): (100.0, None),
        ("gemeente", "GM0599"): (0.0, None),
        ("nationaal", "NL"): (50.0, round(2 / 3, 6)),
    }


def test_local_agreements_with_care_partner(crafted: str) -> None:
    found = _plain(
        monitor.care_partner_values(crafted, PEILDATUM, ("nationaal", "provincie", "gemeente"), _gemeenten())
    )
    # PA-3 (2020-2023) is no longer in force in 2026
    assert found == {
        ("gemeente", "GM0363"): (100.0, None),
        ("gemeente", "GM0599"): (0.0, None),
        ("nationaal", "NL"): (50.0, round(2 / 3, 6)),
        ("provincie", "PV27"): (100.0, 1.0),
        ("provincie", "PV28"): (0.0, 1.0),
    }


def test_buurtkamers(crafted: str) -> None:
    # BK2 opens only in 2027
    assert _plain(monitor.buurtkamer_values(crafted, PEILDATUM)) == {
        ("gemeente", "GM0363"): (1.0, None),
        ("corporatie", "L0001"): (1.0, None),
    }
