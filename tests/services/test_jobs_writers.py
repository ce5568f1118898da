"""Every committed write queues the re-evaluation of what it may change, and only a committed one
(both backends): uploads and command-line imports, single records, agreement versions, status
reports and reactions. A refused or rejected write queues nothing."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from leefbaar.domain.agreements import Reactie, Status
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import agreements, database, datasets, imports, records
from leefbaar.services.accounts import Account
from leefbaar.services.sharing.fields import Invoerfouten
from leefbaar.storage.engine import get_engine
from tests.security.helpers import make_accounts

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"
AMSTERDAM_FILE = next(p for p in agreements.shipped_files("lokaal-") if "GM0363" in p.name)
AMSTERDAM = AMSTERDAM_FILE.stem
PLAN = "ams-plan-vocht-en-schimmel"  # qualitative, L0001 responsible
#: The Amsterdam agreement's scopes: the municipality, then its two associations.
AMSTERDAM_SCOPES = ["gemeente:GM0363", "corporatie:L0001", "corporatie:L0002"]


def _queued(url: str) -> list[tuple[str, str, int | None]]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT soort, scope, jaar FROM herberekening ORDER BY opdracht_id")).all()
    return [(r[0], r[1], r[2]) for r in rows]


def _clear(url: str) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM herberekening"))


@pytest.fixture
def world(tiny_db: str) -> tuple[str, dict[str, Account]]:
    return tiny_db, make_accounts(tiny_db)


def test_an_upload_queues_the_uploaders_scope_and_a_refused_one_nothing(world: Any) -> None:
    url, acc = world
    plannen = (EXAMPLES / "plannen.csv").read_bytes()
    # The file names L0001's rows: another association's upload is refused as a whole.
    refused = datasets.importeer_upload(
        acc["andere_corporatie"], "plannen", "plannen.csv", io.BytesIO(plannen), date(2026, 1, 5), url=url
    )
    assert refused.status is ImportStatus.REJECTED and refused.refused_for_ownership
    # A kind the role may not write at all is refused before the file is read.
    with pytest.raises(imports.GeenSchrijfrecht):
        datasets.importeer_upload(
            acc["corporatie"], "vhf-bijdragen", "v.csv", io.BytesIO(b""), date(2026, 1, 5), url=url
        )
    assert _queued(url) == []
    result = datasets.importeer_upload(
        acc["corporatie"], "plannen", "plannen.csv", io.BytesIO(plannen), date(2026, 1, 5), url=url
    )
    assert result.status is ImportStatus.IMPORTED, result.errors
    assert _queued(url) == [("monitor", "corporatie:L0001", None), ("monitor", "alles", None)]


def test_index_inputs_queue_the_index_of_the_years_they_bring(world: Any) -> None:
    url, _ = world
    options = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025, gebruiker="operator")
    result = imports.import_source_file(
        url, "gebiedsindicatoren", EXAMPLES / "gebiedsindicatoren.csv", options
    )
    assert result.status is ImportStatus.IMPORTED, result.errors
    # The command line has no scope of its own; the file's rows are of 2025.
    assert _queued(url) == [("monitor", "alles", None), ("index", "alles", 2025)]
    # The same file again is "already imported": nothing changed, nothing queued.
    _clear(url)
    again = imports.import_source_file(
        url, "gebiedsindicatoren", EXAMPLES / "gebiedsindicatoren.csv", options
    )
    assert again.status is ImportStatus.ALREADY_IMPORTED
    assert _queued(url) == []


def test_a_record_queues_its_writers_scope_and_an_invalid_one_nothing(world: Any) -> None:
    url, acc = world
    kind = records.BY_NAME["investeringen"]
    values = {
        "jaar": "2026",
        "thema": "lood",
        "soort": "extra",
        "bedrag_eur": "100",
        "gemeentecode": "GM0363",
    }
    records.create_record(url, acc["corporatie"], kind, values, channel="test")
    assert _queued(url) == [("monitor", "corporatie:L0001", None), ("monitor", "alles", None)]
    _clear(url)
    with pytest.raises(records.InvalidRecord):
        records.create_record(url, acc["corporatie"], kind, {**values, "jaar": "twee"}, channel="test")
    assert _queued(url) == []


def test_agreement_versions_reports_and_reactions_queue_the_agreements_scopes(empty_db: str) -> None:
    database.upgrade(empty_db)
    agreements.import_agreement_file(empty_db, AMSTERDAM_FILE, account=None)
    expected = [("monitor", s, None) for s in AMSTERDAM_SCOPES] + [("monitor", "alles", None)]
    assert _queued(empty_db) == expected
    _clear(empty_db)
    acc = make_accounts(empty_db)
    # The same document again is no new version: nothing queued.
    assert agreements.import_agreement_file(empty_db, AMSTERDAM_FILE, account=None).nieuw is False
    assert _queued(empty_db) == []
    melding = agreements.report_status(
        empty_db, acc["corporatie"], AMSTERDAM, PLAN, Status.OP_KOERS, toelichting="plannen klaar"
    )
    assert _queued(empty_db) == expected
    _clear(empty_db)
    agreements.react_to_status(
        empty_db, acc["huurders"], AMSTERDAM, PLAN, melding, Reactie.BETWIST, toelichting="niet gezien"
    )
    assert _queued(empty_db) == expected
    _clear(empty_db)
    # Refused (not the responsible party) and invalid (no evidence): nothing queued.
    with pytest.raises(agreements.ToezeggingGeweigerd):
        agreements.report_status(empty_db, acc["gemeente"], AMSTERDAM, PLAN, Status.GEHAALD, toelichting="x")
    with pytest.raises(Invoerfouten):
        agreements.report_status(empty_db, acc["corporatie"], AMSTERDAM, PLAN, Status.GEHAALD)
    assert _queued(empty_db) == []


def test_an_index_job_computes_the_index_of_its_year(world: Any) -> None:
    from leefbaar.services import jobs

    url, _ = world
    jobs.enqueue_after_write(url, kind="gebiedsindicatoren", jaren=[2024], door="beheer@x.nl", reden="kwb")
    done = jobs.run_pending(url)
    assert [(d.soort, d.scope, d.jaar, d.status) for d in done] == [
        ("monitor", "alles", None, "klaar"),
        ("index", "alles", 2024, "klaar"),
    ]
    with get_engine(url).connect() as conn:
        run = conn.execute(
            text("SELECT jaar, gebruiker FROM leefbaarheid_run WHERE run_id = :r"), {"r": done[1].run_id}
        ).one()
    assert (run[0], run[1]) == (2024, "beheer@x.nl")
