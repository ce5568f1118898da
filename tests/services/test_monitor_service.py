"""The monitor service on the crafted dataset: statuses through the engine, evidence, history (both backends)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leefbaar.domain.agreements import ScopeSoort, Status
from leefbaar.rules.model import Agreement, Vergelijking
from leefbaar.services import monitor
from leefbaar.services.agreements import load_agreements, parse_agreement_text
from leefbaar.storage import monitor_queries as q
from tests.services import test_monitor_data as monitor_data
from tests.services.test_monitor_data import PEILDATUM

GM0363 = monitor.Scope(ScopeSoort.GEMEENTE, "GM0363")

LOCAL = """
id: lokaal-GM0363-test-2024-2027
titel: Testafspraken Amsterdam
soort: lokaal
gemeente: {{code: GM0363, indelingsjaar: 2025}}
periode: {{start: 2024-01-01, eind: 2027-12-31}}
partijen:
  - {{id: GM0363, soort: gemeente, naam: Gemeente Amsterdam}}
  - {{id: L0001, soort: corporatie, naam: Woonstichting X}}
toezeggingen:
  - id: sociale-huur
    requirement: R10
    titel: Sociale huur
    indicator: aandeel_sociale_huur
    scopes: [gemeente]
    doel: {{vergelijking: ">=", waarde: {doel}}}
    deadline: {deadline}
    verantwoordelijke: GM0363
    drempels: {{marge: {marge}, marge_soort: absoluut}}
"""


#: R7 as the national agreement stated it before migration 0016 (a minimum, the retired indicator).
OLD_R7 = """
id: nationaal-oud
titel: Oud
soort: nationaal
periode: {start: 2022, eind: 2030}
partijen: [{id: MINBZK, soort: ministerie, naam: Ministerie}]
toezeggingen:
  - id: r7-volkshuisvestingsfonds
    requirement: R7
    titel: Volkshuisvestingsfonds
    indicator: vhf_bijdragen_met_uitvoeringsplan
    scopes: [nationaal]
    doel: {vergelijking: ">=", waarde: 600000000}
    deadline: 2026-12-31
    verantwoordelijke: MINBZK
"""


def _local(doel: float, deadline: str, marge: float = 0) -> Agreement:
    result = parse_agreement_text(LOCAL.format(doel=doel, deadline=deadline, marge=marge), "test.yaml")
    assert result.agreement is not None, result.fouten
    return result.agreement


@pytest.fixture
def crafted(empty_db: str, tmp_path: Path) -> str:
    monitor_data.load(empty_db, tmp_path)
    return empty_db


@pytest.mark.parametrize(
    ("doel", "deadline", "marge", "status"),
    [
        (60, "2027-12-31", 0, Status.GEHAALD),  # GM0363 has exactly 60%: on target is met
        (60.5, "2027-12-31", 0, Status.RISICO),  # just below, before the deadline
        (60.5, "2027-12-31", 0.5, Status.OP_KOERS),  # just below, gap exactly the margin
        (60.5, "2025-12-31", 0.5, Status.NIET_GEHAALD),  # just below, deadline passed: margins no longer help
        (60, "2025-12-31", 0, Status.GEHAALD),  # on target after the deadline
    ],
)
def test_status_boundaries(crafted: str, doel: float, deadline: str, marge: float, status: Status) -> None:
    run = monitor.run_evaluation(
        crafted, PEILDATUM, GM0363, opslaan=False, agreements=[_local(doel, deadline, marge)]
    )
    [b] = run.beoordelingen
    assert (b.status, b.waarde, b.doel, b.volledigheid) == (status, 60.0, doel, 1.0)


def test_no_data_is_geen_gegevens_not_zero(crafted: str) -> None:
    run = monitor.run_evaluation(
        crafted,
        PEILDATUM,
        monitor.Scope(ScopeSoort.GEMEENTE, "GM0034"),
        opslaan=False,
        agreements=load_agreements(),
    )
    by_id = {b.toezegging_id: b for b in run.beoordelingen}
    for toezegging in ("r10-dertig-procent-sociale-huur", "r11-urgentieverordening", "r12-woonzorgvisie"):
        assert by_id[toezegging].status is Status.GEEN_GEGEVENS
        assert by_id[toezegging].waarde is None
        assert "dit telt niet als 0" in by_id[toezegging].uitleg


def test_national_r1_side_by_side_with_evidence(crafted: str) -> None:
    run = monitor.run_evaluation(
        crafted, PEILDATUM, monitor.NATIONAAL, opslaan=False, agreements=load_agreements()
    )
    r1 = [b for b in run.beoordelingen if b.toezegging_id == "r1-geen-conditie-5-6"]
    assert [(b.variant, b.waarde, b.status) for b in r1] == [
        ("complexscore", 4.0, Status.NIET_GEHAALD),  # the deadline is the peildatum itself
        ("slechtste_element", 19.0, Status.NIET_GEHAALD),
        ("herbouwwaarde_gewogen", 3.0, Status.NIET_GEHAALD),
    ]
    worst = r1[1]
    assert worst.volledigheid == pytest.approx(20 / 24)
    assert [(r["code"], r["woningen"]) for r in worst.bewijs.rijen] == [
        ("L0001/1043", 12),
        ("L0001/1044", 4),
        ("L0002/2002", 3),
    ]
    assert (
        "12 woningen in complex 1043 (Woonstichting X) hebben conditie 6; er is geen concreet sloopplan"
        in (worst.uitleg)
    )
    assert "er is alleen een sloopvoornemen, geen concreet sloopplan" in worst.uitleg
    # mean age weighted by dwellings: (12 x 579 + 4 x 2922 + 5 x 365 + 3 x 1037) / 24 days = 2.69 years
    assert worst.bewijs.kerngetallen == {
        "corporatiewoningen": 24,
        "woningen_met_score": 24,
        "woningen_met_recente_score": 20,
        "recent_na": "2021-01-01",
        "gemiddelde_meetleeftijd_jaren": 2.69,
        "oudste_meting": "2018-01-01",
    }


def test_evidence_is_limited_to_top_n_with_a_count(crafted: str) -> None:
    run = monitor.run_evaluation(
        crafted, PEILDATUM, monitor.NATIONAAL, opslaan=False, agreements=load_agreements(), top_n=1
    )
    worst = next(b for b in run.beoordelingen if b.variant == "slechtste_element")
    assert (len(worst.bewijs.rijen), worst.bewijs.totaal, worst.bewijs.overig) == (1, 3, 2)


def test_fair_contribution_per_association(crafted: str) -> None:
    scope = monitor.Scope(ScopeSoort.CORPORATIE, "L0001")
    run = monitor.run_evaluation(
        crafted, date(2025, 12, 31), scope, opslaan=False, agreements=load_agreements()
    )
    r2 = next(b for b in run.beoordelingen if b.toezegging_id == "r2-extra-woningverbetering")
    # 16 of the 24 association dwellings: 2/3 of 200 million; 1.5 million realised; the 2025 milestone is due
    assert r2.doel == pytest.approx(200e6 * 16 / 24)
    assert (r2.waarde, r2.status) == (1_500_000.0, Status.NIET_GEHAALD)
    assert "Eerlijk aandeel van Woonstichting X: € 133,3 mln (16 van 24 corporatiewoningen" in r2.uitleg
    r5 = next(b for b in run.beoordelingen if b.toezegging_id == "r5-extra-leefbaarheid")
    assert r5.waarde == 300_000.0


def test_national_r7_and_r13(crafted: str) -> None:
    run = monitor.run_evaluation(
        crafted, PEILDATUM, monitor.NATIONAAL, opslaan=False, agreements=load_agreements()
    )
    by_id = {b.toezegging_id: b for b in run.beoordelingen}
    r7 = by_id["r7-volkshuisvestingsfonds"]
    # a budget, not a minimum: 18 of 600 mln allocated, every round within its amount, before the
    # deadline -> op koers (being below the budget is no shortfall)
    assert (r7.waarde, r7.doel, r7.status, r7.afstand) == (18_000_000.0, 600_000_000.0, Status.OP_KOERS, 0.0)
    assert r7.doel_tekst == "binnen het budget van € 600 mln"
    assert "Toegekend per ronde: 2023 € 10 mln van € 12 mln; 2024 € 8 mln van € 8 mln." in r7.uitleg
    assert "nog € 582 mln toe te kennen tot 31 december 2026" in r7.uitleg
    assert (
        "Uitvoeringsplannen: 1 van de 3 noemt de adressen (2 particulier, 3 corporatie in 2 complexen)"
        in r7.uitleg
    )
    r13 = by_id["r13-zorg-en-welzijn-aan-tafel"]
    assert (r13.waarde, r13.status) == (50.0, Status.NIET_GEHAALD)
    assert [r["code"] for r in r13.bewijs.rijen] == ["PA-2"]
    # A stored version that still names the retired indicator is judged on the same figures (as it
    # was written: a minimum), until the revised national agreement is imported.
    old = parse_agreement_text(OLD_R7, "oud.yaml").agreement
    assert old is not None
    [b] = monitor.run_evaluation(
        crafted, PEILDATUM, monitor.NATIONAAL, opslaan=False, agreements=[old]
    ).beoordelingen
    assert (b.indicator, b.waarde, b.status) == (
        "vhf_bijdragen_met_uitvoeringsplan",
        18_000_000.0,
        Status.RISICO,
    )


def test_unknown_scope_is_refused(crafted: str) -> None:
    with pytest.raises(monitor.ScopeError, match="Onbekende gemeente 'GM9999'"):
        monitor.run_evaluation(crafted, PEILDATUM, monitor.parse_scope("gemeente:GM9999"), opslaan=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nationaal", monitor.NATIONAAL),  # no code
        ("gemeente:gm0363", GM0363),  # codes are upper-cased
        ("provincie:PV27", monitor.Scope(ScopeSoort.PROVINCIE, "PV27")),  # a province
        ("corporatie:L0001", monitor.Scope(ScopeSoort.CORPORATIE, "L0001")),  # an association
        ("complex:L0001/1043", monitor.Scope(ScopeSoort.COMPLEX, "L0001/1043")),  # a complex
    ],
)
def test_parse_scope(text: str, expected: monitor.Scope) -> None:
    assert monitor.parse_scope(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "gemeente",  # no code
        "gemeente:0363",  # no GM prefix
        "wijk:WK036300",  # not a scope kind of the monitor
        "complex:1043",  # no association
    ],
)
def test_parse_scope_refuses(text: str) -> None:
    with pytest.raises(monitor.ScopeError):
        monitor.parse_scope(text)


def test_history_is_appended_not_overwritten(crafted: str) -> None:
    agreements = load_agreements()
    first = monitor.run_evaluation(crafted, PEILDATUM, agreements=agreements)
    stored_first = q.evaluations(crafted, first.run_id or 0)
    assert len(stored_first) == len(first.beoordelingen) > 0
    second = monitor.run_evaluation(crafted, date(2027, 1, 1), agreements=agreements)
    assert second.run_id is not None and first.run_id is not None and second.run_id > first.run_id
    assert [r["run_id"] for r in monitor.list_runs(crafted)] == [second.run_id, first.run_id]
    assert q.evaluations(crafted, first.run_id) == stored_first  # the first run is untouched

    points = monitor.status_history(crafted, "r10-dertig-procent-sociale-huur", GM0363)
    assert [(p.run_id, p.peildatum, p.status, p.waarde) for p in points] == [
        (first.run_id, PEILDATUM, Status.GEHAALD, 60.0),
        (second.run_id, date(2027, 1, 1), Status.GEHAALD, 60.0),
    ]
    latest = monitor.latest_evaluation(crafted, GM0363)
    assert latest is not None and latest.run_id == second.run_id and latest.peildatum == date(2027, 1, 1)
    assert {b.toezegging_id for b in latest.beoordelingen} >= {
        "r1-geen-conditie-5-6",
        "r10-dertig-procent-sociale-huur",
    }

    bewijs = monitor.evidence(
        crafted, first.run_id, "r1-geen-conditie-5-6", monitor.NATIONAAL, "slechtste_element"
    )
    assert bewijs is not None and bewijs.totaal == 3 and bewijs.rijen[0]["code"] == "L0001/1043"
    assert monitor.evidence(crafted, first.run_id, "bestaat-niet", monitor.NATIONAAL) is None


def test_stored_verdict_keeps_the_direction_of_its_target(crafted: str) -> None:
    # Regression: a verdict read back from the history lost its "<=" and read "ten minste 0 woningen".
    run = monitor.run_evaluation(crafted, PEILDATUM, monitor.NATIONAAL, agreements=load_agreements())
    stored = monitor.latest_evaluation(crafted, monitor.NATIONAAL)
    assert stored is not None and stored.run_id == run.run_id
    r1 = next(b for b in stored.beoordelingen if b.toezegging_id == "r1-geen-conditie-5-6")
    assert (r1.vergelijking, r1.doel, r1.doel_tekst) == (
        Vergelijking.TEN_HOOGSTE,
        0.0,
        "ten hoogste 0 woningen",
    )
    r2 = next(b for b in stored.beoordelingen if b.toezegging_id == "r2-extra-woningverbetering")
    assert r2.vergelijking is Vergelijking.TEN_MINSTE and r2.doel_tekst.startswith("ten minste ")
    assert r1.as_dict()["vergelijking"] == "<="
    r7 = next(b for b in stored.beoordelingen if b.toezegging_id == "r7-volkshuisvestingsfonds")
    assert (r7.vergelijking, r7.doel_tekst) == (Vergelijking.BINNEN_BUDGET, "binnen het budget van € 600 mln")


def test_run_stores_peildatum_and_data_version(crafted: str) -> None:
    run = monitor.run_evaluation(crafted, PEILDATUM, GM0363)
    [stored] = monitor.list_runs(crafted)
    assert (stored["run_id"], stored["peildatum"], stored["scope"]) == (
        run.run_id,
        PEILDATUM,
        "gemeente:GM0363",
    )
    assert stored["data_versie"] == q.data_version(crafted) == run.data_versie
    assert stored["aantal"] == len(run.beoordelingen)


def test_not_stored_without_opslaan(crafted: str) -> None:
    run = monitor.run_evaluation(crafted, PEILDATUM, GM0363, opslaan=False)
    assert run.run_id is None and monitor.list_runs(crafted) == []
    assert monitor.latest_evaluation(crafted, GM0363) is None


LOCAL_INVESTMENT = """
id: lokaal-GM0363-invest-2024-2027
titel: Investeringsafspraak Amsterdam
soort: lokaal
gemeente: {code: GM0363, indelingsjaar: 2025}
periode: {start: 2024-01-01, eind: 2027-12-31}
partijen:
  - {id: GM0363, soort: gemeente, naam: Gemeente Amsterdam}
  - {id: L0001, soort: corporatie, naam: Woonstichting X}
toezeggingen:
  - id: extra-verbetering
    requirement: R2
    titel: Extra woningverbetering
    indicator: extra_investering_verbetering
    themas: [vocht_schimmel]
    scopes: [gemeente, corporatie]
    doel: {vergelijking: ">=", waarde: 1000000}
    deadline: 2025-12-31
    verantwoordelijke: L0001
"""


def test_local_investment_is_the_sum_of_its_associations_not_a_fair_share(crafted: str) -> None:
    result = parse_agreement_text(LOCAL_INVESTMENT, "invest.yaml")
    assert result.agreement is not None, result.fouten
    run = monitor.run_evaluation(crafted, date(2025, 12, 31), opslaan=False, agreements=[result.agreement])
    found = {str(b.scope): (b.waarde, b.doel, b.status) for b in run.beoordelingen}
    # only the vocht_schimmel theme counts: 1 million, exactly the local target (no pro-rata share)
    assert found == {
        "gemeente:GM0363": (1_000_000.0, 1_000_000.0, Status.GEHAALD),
        "corporatie:L0001": (1_000_000.0, 1_000_000.0, Status.GEHAALD),
    }
