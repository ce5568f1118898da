"""One source of truth (both backends): the monitor, R13, the linked parties of the privacy policy and
the municipality pages all read the stored agreements, so a new version changes what they see."""

from __future__ import annotations

import copy
from pathlib import Path

from leefbaar.services import accounts, agreements, areas, database, monitor
from tests.services import test_monitor_data as monitor_data
from tests.services.test_monitor_data import PEILDATUM

AMSTERDAM = next(p for p in agreements.shipped_files("lokaal-") if "GM0363" in p.name)
NATIONAAL = "nationaal-leefbaarheid-2022-2030"


def _national_r13(url: str) -> float | None:
    values = monitor.care_partner_values(url, PEILDATUM, ("nationaal",), [])
    return None if ("nationaal", "NL", "") not in values else values[("nationaal", "NL", "")].waarde


def test_r13_follows_the_stored_local_agreements(empty_db: str, tmp_path: Path) -> None:
    monitor_data.load(empty_db, tmp_path)
    gemeenten = [
        {"gemeentecode": "GM0363", "provinciecode": "PV27", "naam": "Amsterdam"},
        {"gemeentecode": "GM0599", "provinciecode": "PV28", "naam": "Rotterdam"},
    ]
    before = monitor.care_partner_values(empty_db, PEILDATUM, ("nationaal",), gemeenten)
    assert before[("nationaal", "NL", "")].waarde == 50.0  # PA-1 with, PA-2 without a care partner
    # a new version of PA-2 adds the care partner: R13 reads the current version
    document = monitor_data.local_agreement("PA-2", "GM0599", ("GM0599", "L0002", "ZP0001"), 2024, 2027)
    assert agreements.store_agreement(empty_db, document, account=None, reden="zorgpartner erbij").versie == 2
    after = monitor.care_partner_values(empty_db, PEILDATUM, ("nationaal",), gemeenten)
    assert after[("nationaal", "NL", "")].waarde == 100.0


def test_the_monitor_evaluates_the_stored_agreements(empty_db: str, tmp_path: Path) -> None:
    monitor_data.load(empty_db, tmp_path)
    database.upgrade(empty_db)  # the national agreement
    scope = monitor.parse_scope("gemeente:GM0363")
    run = monitor.run_evaluation(empty_db, PEILDATUM, scope, opslaan=False)
    r10 = next(b for b in run.beoordelingen if b.toezegging_id == "r10-dertig-procent-sociale-huur")
    assert (r10.afspraak_id, r10.doel) == (NATIONAAL, 30)
    # qualitative commitments are no monitor verdicts: their status is derived when read
    assert not any(b.toezegging_id.startswith("r4-") for b in run.beoordelingen)
    # the beheerder records a new version with a higher target; the next run judges against it
    stored = agreements.stored_agreement(empty_db, NATIONAAL)
    document = copy.deepcopy(stored.document)
    r10_doc = next(t for t in document["toezeggingen"] if t["id"] == "r10-dertig-procent-sociale-huur")
    r10_doc["doel"]["waarde"] = 35
    agreements.store_agreement(empty_db, document, account=None, reden="doel verhoogd", verwachte_versie=1)
    run = monitor.run_evaluation(empty_db, PEILDATUM, scope, opslaan=False)
    r10 = next(b for b in run.beoordelingen if b.toezegging_id == "r10-dertig-procent-sociale-huur")
    assert r10.doel == 35


def test_linked_parties_follow_the_current_version(empty_db: str) -> None:
    agreements.import_agreement_file(empty_db, AMSTERDAM, account=None)
    assert accounts.linked_parties(empty_db, "HO0001") == {"GM0363", "L0001", "L0002", "HO0002", "ZP0001"}
    assert accounts.linked_parties(empty_db, "GM0599") == frozenset()
    document = copy.deepcopy(agreements.stored_agreement(empty_db, AMSTERDAM.stem).document)
    document["partijen"] = [p for p in document["partijen"] if p["id"] != "HO0002"]
    agreements.store_agreement(empty_db, document, account=None, reden="HO0002 trad terug")
    assert accounts.linked_parties(empty_db, "HO0001") == {"GM0363", "L0001", "L0002", "ZP0001"}
    assert accounts.linked_parties(empty_db, "HO0002") == frozenset()
    # the national agreement links no one: every association is a party to it
    database.upgrade(empty_db)
    assert "L0003" not in accounts.linked_parties(empty_db, "L0001")


def test_the_municipality_page_lists_the_current_version(tiny_db: str) -> None:
    [listed] = areas.gemeente(tiny_db, "GM0363")["prestatieafspraken"]  # type: ignore[index]
    assert (listed["afspraak_id"], listed["versie"], listed["startjaar"], listed["eindjaar"]) == (
        AMSTERDAM.stem,
        1,
        2024,
        2027,
    )
    document = copy.deepcopy(agreements.stored_agreement(tiny_db, AMSTERDAM.stem).document)
    document["titel"] = "Herzien"
    agreements.store_agreement(tiny_db, document, account=None, reden="herzien")
    # no import happened, yet the page shows the new version (agreements are not cached with the data)
    [listed] = areas.gemeente(tiny_db, "GM0363")["prestatieafspraken"]  # type: ignore[index]
    assert (listed["titel"], listed["versie"]) == ("Herzien", 2)
