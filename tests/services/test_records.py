"""Single records through the import pipeline (services.records), on DuckDB and PostgreSQL.

Versions (a same-day second edit is the current one everywhere), PATCH merging onto the current
version, PUT replacing it, the key that does not change, every problem in one refusal, If-Match
(missing, stale, "*"), defects opened and closed, a plan withdrawn, ownership and its audit.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import areas, records
from leefbaar.services.accounts import Account
from leefbaar.services.imports import import_file
from leefbaar.storage import area_queries, homes_queries, vhf_queries
from leefbaar.storage import monitor_queries as mq
from leefbaar.storage.engine import get_engine
from leefbaar.storage.monitor_queries.shared import current_facts
from tests.security.helpers import make_accounts

PLANNEN = records.BY_NAME["plannen"]
INVESTERINGEN = records.BY_NAME["investeringen"]
GEBREKEN = records.BY_NAME["gebreken"]
VHF = records.BY_NAME["vhf-bijdragen"]
PLANADRESSEN = records.BY_NAME["vhf-planadressen"]
BUURTKAMERS = records.BY_NAME["buurtkamers"]
WOONZORGVISIES = records.BY_NAME["woonzorgvisies"]
CONDITIEMETINGEN = records.BY_NAME["conditiemetingen"]


@pytest.fixture
def db(tiny_db: str) -> tuple[str, dict[str, Account]]:
    return tiny_db, make_accounts(tiny_db)


def _sql(url: str, statement: str, **params: Any) -> list[Any]:
    with get_engine(url).connect() as conn:
        return list(conn.execute(text(statement), params))


def _plan(url: str, who: Account, plan_id: str = "P-T1", **extra: str) -> records.Record:
    values = {"plan_id": plan_id, "complexnummer": "1001", "soort": "sloop", "status": "voornemen", **extra}
    return records.create_record(url, who, PLANNEN, values, channel="test")


# ---------------------------------------------------------------- versions on one day


def test_a_same_day_second_edit_is_the_current_version_everywhere(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    first = records.create_record(
        url,
        acc["corporatie"],
        INVESTERINGEN,
        {"jaar": "2026", "thema": "lood", "soort": "extra", "bedrag_eur": "100", "gemeentecode": "GM0363"},
        channel="test",
    )
    second = records.patch_record(
        url, acc["corporatie"], INVESTERINGEN, first.id, {"bedrag_eur": "200"}, [first.etag], channel="test"
    )
    third = records.patch_record(
        url, acc["corporatie"], INVESTERINGEN, first.id, {"bedrag_eur": "300"}, [second.etag], channel="test"
    )
    assert first.peildatum == second.peildatum == third.peildatum == date.today()
    assert first.version < second.version < third.version
    # Three rows with one key and one peildatum: append-only, nothing overwritten.
    rows = _sql(
        url, "SELECT bedrag_eur FROM investering WHERE partij_id = 'L0001' AND jaar = 2026 ORDER BY import_id"
    )
    assert [float(r[0]) for r in rows] == [100.0, 200.0, 300.0]
    # The service, the corporatie page's query and the monitor's current facts all see the third.
    assert records.get_record(url, acc["corporatie"], INVESTERINGEN, first.id).values["bedrag_eur"] == 300
    page = {
        (r["jaar"], r["thema"], r["soort"]): float(r["bedrag_eur"])
        for r in area_queries.investeringen(url, "L0001")
    }
    assert page[(2026, "lood", "extra")] == 300.0
    with get_engine(url).connect() as conn:
        current = current_facts(conn, "investering", date.today())
        found = conn.execute(
            text(f"SELECT bedrag_eur FROM {current} i WHERE partij_id = 'L0001' AND jaar = 2026"),
            {"p": date.today()},
        ).all()
    assert [float(r[0]) for r in found] == [300.0]


def test_same_day_versions_in_the_monitor_homes_and_area_queries(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    gm = acc["gemeente"]
    today = date.today()
    vhf = records.create_record(
        url,
        gm,
        VHF,
        {
            "bijdrage_id": "VHF-T-1",
            "ronde": "2026",
            "gebied": "Proef",
            "bedrag_eur": "1000",
            "cofinanciering_eur": "0",
            "uitvoeringsplan": "geen",
        },
        channel="test",
    )
    records.patch_record(url, gm, VHF, vhf.id, {"uitvoeringsplan": "per_complex"}, [vhf.etag], channel="test")
    adres = records.create_record(
        url,
        gm,
        PLANADRESSEN,
        {"bijdrage_id": "VHF-T-1", "verblijfsobject_id": "0363010000777001", "voorraad": "particulier"},
        channel="test",
    )
    records.withdraw_record(url, gm, PLANADRESSEN, adres.id, [adres.etag], channel="test")
    (grant,) = [
        g for g in vhf_queries.grants(url, today, gemeentecode="GM0363") if g["bijdrage_id"] == "VHF-T-1"
    ]
    # the second versions are current: a plan per complex, its one address withdrawn the same day
    assert (grant["uitvoeringsplan"], grant["particulier"]) == ("per_complex", 0)
    visie = records.create_record(url, gm, WOONZORGVISIES, {"vastgesteld_op": "2026-01-15"}, channel="test")
    records.patch_record(
        url, gm, WOONZORGVISIES, visie.id, {"geldig_tot": "2030-12-31"}, [visie.etag], channel="test"
    )
    found = [
        r
        for r in homes_queries.woonzorgvisies(url, today, ["GM0363"])
        if r["vastgesteld_op"] == date(2026, 1, 15)
    ]
    assert [r["geldig_tot"] for r in found] == [date(2030, 12, 31)]
    latest = {r["gemeentecode"]: r for r in mq.latest_instruments(url, today, "woonzorgvisie")}
    assert latest["GM0363"]["geldig_tot"] == date(2030, 12, 31)
    plan = _plan(url, acc["corporatie"], "P-T2")
    records.patch_record(
        url, acc["corporatie"], PLANNEN, plan.id, {"status": "besluit"}, [plan.etag], channel="test"
    )
    statuses = [
        r["status"] for r in area_queries.complex_plannen(url, "L0001", "1001") if r["plan_id"] == "P-T2"
    ]
    assert statuses == ["besluit"]


def test_a_file_keeps_its_rule_one_version_per_key_and_peildatum(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    plan = _plan(url, acc["corporatie"], "P-T3")
    path = tmp_path / "plannen.csv"
    path.write_text(
        "plan_id;corporatie_id;complexnummer;soort;status;geplande_datum;aantal_woningen\n"
        "P-T3;L0001;1001;sloop;concreet;;\n"
    )
    result = import_file(url, "plannen", path, ImportOptions(peildatum=plan.peildatum))
    assert result.status is ImportStatus.REJECTED
    assert "staat al in de database met deze peildatum" in result.errors[0].reason


def test_the_new_version_keeps_a_later_peildatum_of_the_current_one(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    later = date.today() + timedelta(days=1)  # within import_future_days (1 by default)
    path = tmp_path / "plannen.csv"
    path.write_text(
        "plan_id;corporatie_id;complexnummer;soort;status;geplande_datum;aantal_woningen\n"
        "P-T4;L0001;1001;sloop;voornemen;;\n"
    )
    assert import_file(url, "plannen", path, ImportOptions(peildatum=later)).ok
    current = records.get_record(url, acc["corporatie"], PLANNEN, "L0001,P-T4")
    changed = records.patch_record(
        url, acc["corporatie"], PLANNEN, current.id, {"status": "besluit"}, [current.etag], channel="test"
    )
    assert changed.peildatum == later
    assert records.get_record(url, acc["corporatie"], PLANNEN, current.id).values["status"] == "besluit"


# ---------------------------------------------------------------- PUT, PATCH, keys, errors


def test_patch_merges_onto_the_current_version_and_null_empties(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    plan = _plan(url, acc["corporatie"], "P-T5", geplande_datum="2027-06-01", aantal_woningen="40")
    changed = records.patch_record(
        url, acc["corporatie"], PLANNEN, plan.id, {"status": "concreet"}, [plan.etag], channel="test"
    )
    assert changed.values["status"] == "concreet"
    assert changed.values["geplande_datum"] == date(2027, 6, 1)  # kept
    assert changed.values["aantal_woningen"] == 40  # kept
    emptied = records.patch_record(
        url, acc["corporatie"], PLANNEN, plan.id, {"aantal_woningen": None}, [changed.etag], channel="test"
    )
    assert emptied.values["aantal_woningen"] is None
    assert emptied.values["status"] == "concreet"


def test_put_replaces_the_whole_record_and_the_key_stays(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    plan = _plan(url, acc["corporatie"], "P-T6", aantal_woningen="40")
    replaced = records.replace_record(
        url,
        acc["corporatie"],
        PLANNEN,
        plan.id,
        {"complexnummer": "1001", "soort": "renovatie", "status": "besluit"},
        [plan.etag],
        channel="test",
    )
    assert replaced.values["soort"] == "renovatie"
    assert replaced.values["aantal_woningen"] is None  # left out: emptied
    assert replaced.values["plan_id"] == "P-T6"  # from the id
    with pytest.raises(records.InvalidRecord) as refused:
        records.replace_record(
            url,
            acc["corporatie"],
            PLANNEN,
            plan.id,
            {"plan_id": "P-ANDERS", "complexnummer": "1001", "soort": "sloop", "status": "besluit"},
            [replaced.etag],
            channel="test",
        )
    assert [(e.field, e.code) for e in refused.value.errors] == [("plan_id", "onveranderlijk")]
    assert records.get_record(url, acc["corporatie"], PLANNEN, plan.id).version == replaced.version


def test_every_problem_is_reported_at_once_and_nothing_is_written(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    before = _sql(url, "SELECT count(*) FROM plan")[0][0]
    with pytest.raises(records.InvalidRecord) as refused:
        records.create_record(
            url,
            acc["corporatie"],
            PLANNEN,
            {
                "plan_id": "P-T7",
                "complexnummer": "9999",
                "soort": "slopen",
                "geplande_datum": "morgen",
                "aantal_woningen": "-4",
            },
            channel="test",
            input_errors=[records.Veldfout("kleur", "Dit veld is niet toegestaan.", "extra_forbidden")],
        )
    fields = sorted((e.field or "", e.code) for e in refused.value.errors)
    assert fields == [
        ("aantal_woningen", "ongeldig"),
        ("complexnummer", "ongeldig"),
        ("geplande_datum", "ongeldig"),
        ("kleur", "extra_forbidden"),
        ("soort", "ongeldig"),
        ("status", "verplicht"),
    ]
    assert _sql(url, "SELECT count(*) FROM plan")[0][0] == before


def test_a_record_that_exists_cannot_be_created_again(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    _plan(url, acc["corporatie"], "P-T8")
    with pytest.raises(records.AlreadyExists):
        _plan(url, acc["corporatie"], "p-t8".upper())
    # the same key written otherwise (lower case association id, Dutch date) is the same record
    records.create_record(
        url, acc["gemeente"], WOONZORGVISIES, {"vastgesteld_op": "2026-02-01"}, channel="test"
    )
    with pytest.raises(records.AlreadyExists):
        records.create_record(
            url,
            acc["gemeente"],
            WOONZORGVISIES,
            {"vastgesteld_op": "01-02-2026", "gemeentecode": "gm0363"},
            channel="test",
        )


# ---------------------------------------------------------------- If-Match


def test_a_change_must_name_the_current_version(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    plan = _plan(url, acc["corporatie"], "P-T9")
    with pytest.raises(records.VersionRequired):
        records.patch_record(
            url, acc["corporatie"], PLANNEN, plan.id, {"status": "besluit"}, None, channel="test"
        )
    newer = records.patch_record(
        url, acc["corporatie"], PLANNEN, plan.id, {"status": "besluit"}, [plan.etag], channel="test"
    )
    with pytest.raises(records.VersionConflict) as stale:
        records.patch_record(
            url, acc["corporatie"], PLANNEN, plan.id, {"status": "concreet"}, [plan.etag], channel="test"
        )
    assert stale.value.current.etag == newer.etag
    anything = records.patch_record(
        url, acc["corporatie"], PLANNEN, plan.id, {"status": "concreet"}, ["*"], channel="test"
    )
    assert anything.values["status"] == "concreet"


# ---------------------------------------------------------------- defects and plans


def test_a_defect_is_opened_closed_and_reopened(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    opened = records.create_record(
        url,
        acc["corporatie"],
        GEBREKEN,
        {
            "gebrek_id": "M-T-1",
            "complexnummer": "1001",
            "soort": "vocht_schimmel",
            "geconstateerd_op": "2026-01-10",
        },
        channel="test",
    )
    assert opened.values["opgelost_op"] is None
    closed = records.close_defect(url, acc["corporatie"], opened.id, None, [opened.etag], channel="test")
    assert closed.values["opgelost_op"] == date.today()
    with pytest.raises(records.AlreadyExists):
        records.close_defect(url, acc["corporatie"], opened.id, None, [closed.etag], channel="test")
    with pytest.raises(records.InvalidRecord) as early:
        records.patch_record(
            url,
            acc["corporatie"],
            GEBREKEN,
            opened.id,
            {"opgelost_op": "2025-01-01"},
            [closed.etag],
            channel="test",
        )
    assert early.value.errors[0].field == "opgelost_op"
    reopened = records.patch_record(
        url, acc["corporatie"], GEBREKEN, opened.id, {"opgelost_op": None}, [closed.etag], channel="test"
    )
    assert reopened.values["opgelost_op"] is None
    counts = {
        r["soort"]: (int(r["aantal"]), int(r["open"]))
        for r in area_queries.complex_gebreken(url, "L0001", "1001")
    }
    assert counts["vocht_schimmel"][1] >= 1


def test_a_withdrawn_plan_no_longer_counts(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db

    def fase() -> object:
        return {
            r["complexnummer"]: r["sloopfase"] for r in area_queries.complexen_met_conditie(url, "L0001")
        }["1001"]

    assert fase() is None  # complex 1001 has no plan in the demo
    plan = _plan(url, acc["corporatie"], "P-T10", status="concreet")
    assert fase() == 3  # concreet
    withdrawn = records.withdraw_record(url, acc["corporatie"], PLANNEN, plan.id, [plan.etag], channel="test")
    assert withdrawn.values["status"] == "ingetrokken"
    assert withdrawn.version > plan.version
    assert fase() is None
    # withdrawing again changes nothing; a defect cannot be withdrawn at all
    again = records.withdraw_record(
        url, acc["corporatie"], PLANNEN, plan.id, [withdrawn.etag], channel="test"
    )
    assert again.version == withdrawn.version
    with pytest.raises(records.RecordError):
        records.withdraw_record(url, acc["corporatie"], GEBREKEN, "L0001,M-X", ["*"], channel="test")


def test_a_condition_score_of_the_whole_complex_has_an_empty_element_in_its_id(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    meting = records.create_record(
        url,
        acc["corporatie"],
        CONDITIEMETINGEN,
        {"complexnummer": "1001", "score": "4", "meetdatum": "2026-03-14"},
        channel="test",
    )
    assert meting.id == "L0001,1001,,2026-03-14"
    assert meting.values["methode"] == "NEN 2767"  # the import's default
    changed = records.patch_record(
        url, acc["corporatie"], CONDITIEMETINGEN, meting.id, {"score": "5"}, [meting.etag], channel="test"
    )
    assert changed.values["score"] == 5
    element = records.create_record(
        url,
        acc["corporatie"],
        CONDITIEMETINGEN,
        {"complexnummer": "1001", "element": "dak noord", "score": "6", "meetdatum": "2026-03-14"},
        channel="test",
    )
    assert element.id == "L0001,1001,dak%20noord,2026-03-14"
    assert records.get_record(url, acc["corporatie"], CONDITIEMETINGEN, element.id).values["score"] == 6


# ---------------------------------------------------------------- ownership


def test_another_partys_record_is_refused_and_the_attempt_audited(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    other = records.get_record(url, acc["beheerder"], PLANNEN, "L0002,P-1002")
    before = _sql(url, "SELECT count(*) FROM auditregel")[0][0]
    with pytest.raises(records.GeenSchrijfrecht, match="hoort bij L0002, niet bij uw organisatie L0001"):
        records.patch_record(
            url, acc["corporatie"], PLANNEN, other.id, {"status": "voornemen"}, [other.etag], channel="test"
        )
    with pytest.raises(records.GeenSchrijfrecht, match="hoort bij L0002"):
        records.get_record(url, acc["corporatie"], PLANNEN, other.id)
    with pytest.raises(records.GeenSchrijfrecht, match="worden vastgelegd door een corporatie"):
        records.list_records(url, acc["gemeente"], PLANNEN)
    assert _sql(url, "SELECT count(*) FROM auditregel")[0][0] == before + 1
    assert records.get_record(url, acc["beheerder"], PLANNEN, other.id).version == other.version


def test_a_buurtkamer_key_of_another_association_is_not_taken_over(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    with pytest.raises(records.GeenSchrijfrecht, match="al vastgelegd door L0002"):
        records.create_record(
            url,
            acc["corporatie"],
            BUURTKAMERS,
            {
                "buurtkamer_id": "BK-0363EE02",
                "naam": "Overgenomen",
                "buurtcode": "BU0363EE02",
                "geopend_op": "2026-01-01",
            },
            channel="test",
        )


def test_lists_hold_the_own_records_and_the_beheerder_chooses(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    own = records.list_records(url, acc["corporatie"], PLANNEN, limit=100)
    assert own and {r.owner for r in own} == {"L0001"}
    assert [r.id for r in own] == sorted(r.id for r in own)
    assert {
        r.owner for r in records.list_records(url, acc["beheerder"], PLANNEN, organisatie="L0002", limit=100)
    } == {"L0002"}
    with pytest.raises(records.GeenSchrijfrecht):
        records.list_records(url, acc["corporatie"], PLANNEN, organisatie="L0002")


GEMEENTE_KINDS = [
    "investeringen",
    "vhf-bijdragen",
    "vhf-bestedingen",
    "vhf-planadressen",
    "herstructureringsplannen",
    "urgentieverordeningen",
    "woonzorgvisies",
]


@pytest.mark.parametrize(
    ("who", "organisatie", "expected"),
    [
        ("corporatie", "L0001", ["plannen", "investeringen", "buurtkamers", "conditiemetingen", "gebreken"]),
        ("corporatie", "L0003", []),  # another association's records: none
        ("gemeente", "GM0363", GEMEENTE_KINDS),
        ("gemeente", "L0001", []),  # a municipality keeps no association records
        ("beheerder", "L0003", ["plannen", "investeringen", "buurtkamers", "conditiemetingen", "gebreken"]),
        ("beheerder", "GM0599", GEMEENTE_KINDS),
        ("huurders", "HO0001", []),  # tenants keep none of these records
    ],
)
def test_the_kinds_each_account_keeps_for_an_organisation(
    db, who: str, organisatie: str, expected: list[str]
) -> None:  # type: ignore[no-untyped-def]
    _url, acc = db
    assert [k.name for k in records.kinds_for(acc[who], organisatie)] == expected


def test_the_corporatie_page_shows_the_written_investment(db) -> None:  # type: ignore[no-untyped-def]
    url, acc = db
    records.create_record(
        url,
        acc["corporatie"],
        INVESTERINGEN,
        {
            "jaar": "2029",
            "thema": "asbest",
            "soort": "regulier",
            "bedrag_eur": "4321",
            "gemeentecode": "GM0363",
        },
        channel="test",
    )
    shown = {(i["jaar"], i["thema"]): i for i in areas.corporatie(url, "L0001")["investeringen"]}
    assert float(shown[(2029, "asbest")]["bedrag_eur"]) == 4321.0


def test_two_changes_of_one_version_at_once_one_wins(db) -> None:  # type: ignore[no-untyped-def]
    """The version check and the write are one step (record_lock): of two writers holding the same
    ETag, exactly one succeeds and the other is told the record changed."""
    from concurrent.futures import ThreadPoolExecutor

    url, acc = db
    plan = _plan(url, acc["corporatie"], "P-T11")

    def change(status: str) -> str:
        try:
            records.patch_record(
                url, acc["corporatie"], PLANNEN, plan.id, {"status": status}, [plan.etag], channel="test"
            )
        except records.VersionConflict:
            return "412"
        return "200"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(change, ["besluit", "concreet"]))
    assert outcomes == ["200", "412"]
    rows = _sql(url, "SELECT count(*) FROM plan WHERE plan_id = 'P-T11'")
    assert rows[0][0] == 2  # the created version and one change
