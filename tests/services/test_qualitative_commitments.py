"""Qualitative commitments at work (both backends): the responsible party reports with evidence,
co-signers confirm or contest, the deadline turns silence into "niet gehaald", everything is kept."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from leefbaar.config import Settings
from leefbaar.domain.agreements import Reactie, Status
from leefbaar.services import agreements, database
from leefbaar.services.accounts import Account
from leefbaar.services.sharing.fields import Invoerfouten
from leefbaar.storage.engine import get_engine
from tests.security.helpers import make_accounts

AMSTERDAM = next(p for p in agreements.shipped_files("lokaal-") if "GM0363" in p.name).stem
PLAN = "ams-plan-vocht-en-schimmel"  # L0001 responsible, deadline 30 June 2025
NATIONAAL = "nationaal-leefbaarheid-2022-2030"
WIJKAANPAK = "r4-gerichte-wijkaanpak"  # "gemeenten" responsible, each for its own part
PDF = b"%PDF-1.7\n%bewijs\n%%EOF\n"


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


@pytest.fixture
def world(empty_db: str) -> tuple[str, dict[str, Account]]:
    database.upgrade(empty_db)
    path = next(p for p in agreements.shipped_files("lokaal-") if "GM0363" in p.name)
    agreements.import_agreement_file(empty_db, path, account=None)
    return empty_db, make_accounts(empty_db)


def _audit(url: str) -> list[dict[str, Any]]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT inhoud FROM auditregel ORDER BY volgnummer")).scalars().all()
    return [json.loads(r) for r in rows]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("corporatie", True),  # L0001 is responsible
        ("andere_corporatie", False),  # L0003: no party
        ("huurders", False),  # a co-signer reacts, it does not report
        ("gemeente", False),  # the directing municipality does not report for the association
        ("beheerder", False),  # no party at all
    ],
)
def test_only_the_responsible_party_reports(
    world: tuple[str, dict[str, Account]], who: str, allowed: bool
) -> None:
    url, a = world
    call = lambda: agreements.report_status(  # noqa: E731
        url, a[who], AMSTERDAM, PLAN, Status.OP_KOERS, toelichting="plannen voor 12 van 14 complexen klaar"
    )
    if allowed:
        assert call() > 0
    else:
        with pytest.raises(agreements.ToezeggingGeweigerd):
            call()
    last = _audit(url)[-1]
    assert (last["gebruiker"], last["resultaat"]) == (
        a[who].account_id,
        "toegestaan" if allowed else "geweigerd",
    )
    assert [m.soort for m in agreements.commitment_history(url, AMSTERDAM, PLAN)] == (
        ["status"] if allowed else []
    )


def test_a_status_needs_evidence_and_a_sound_link(world: tuple[str, dict[str, Account]]) -> None:
    url, a = world
    with pytest.raises(Invoerfouten, match="Geef bewijs bij de status"):
        agreements.report_status(url, a["corporatie"], AMSTERDAM, PLAN, Status.GEHAALD)
    with pytest.raises(Invoerfouten, match="begint met https://"):
        agreements.report_status(
            url, a["corporatie"], AMSTERDAM, PLAN, Status.GEHAALD, link="javascript:alert(1)"
        )
    with pytest.raises(agreements.AfspraakNietGevonden):  # a measured commitment has no reported status
        agreements.report_status(
            url, a["corporatie"], AMSTERDAM, "ams-geen-conditie-5-6", Status.GEHAALD, toelichting="x"
        )


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_documents_are_stored_with_their_hash_and_checked_by_their_bytes(
    world: tuple[str, dict[str, Account]],
) -> None:
    url, a = world
    small = Settings(environment="development", evidence_max_mb=1)
    # an HTML page called .pdf is no PDF
    fake = agreements.Upload("bewijs.pdf", b"<html>niets</html>")
    with pytest.raises(Invoerfouten, match="geen PDF-, ODT- of DOCX-document"):
        agreements.report_status(
            url, a["corporatie"], AMSTERDAM, PLAN, Status.GEHAALD, document=fake, settings=small
        )
    # one byte over the limit
    big = agreements.Upload("groot.pdf", PDF + b"0" * (1024 * 1024 + 1 - len(PDF)))
    with pytest.raises(Invoerfouten, match="groter dan 1,0 MB"):
        agreements.report_status(
            url, a["corporatie"], AMSTERDAM, PLAN, Status.GEHAALD, document=big, settings=small
        )
    with get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM afspraak_document")).scalar_one() == 0
    # a DOCX named .pdf is stored as the DOCX it is, under a name that says so
    melding = agreements.report_status(
        url,
        a["corporatie"],
        AMSTERDAM,
        PLAN,
        Status.GEHAALD,
        document=agreements.Upload("../../plan.pdf", _docx()),
    )
    [m] = agreements.commitment_history(url, AMSTERDAM, PLAN)
    assert m.melding_id == melding and m.bewijsstuk is not None
    assert (m.bewijsstuk.naam, m.bewijsstuk.content_type) == (
        "plan.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    stored = agreements.evidence_document(url, m.bewijsstuk.document_id)
    assert stored.inhoud == _docx()
    import hashlib

    assert stored.sha256 == m.bewijsstuk.sha256 == hashlib.sha256(_docx()).hexdigest()
    assert "sha256" in _audit(url)[-1]["reden"]


def test_co_signers_confirm_or_contest_and_a_contest_shows_both_sides(
    world: tuple[str, dict[str, Account]],
) -> None:
    url, a = world
    melding = agreements.report_status(
        url,
        a["corporatie"],
        AMSTERDAM,
        PLAN,
        Status.GEHAALD,
        toelichting="plan per complex opgeleverd",
        now=at("2025-06-01T10:00"),
    )
    # the reporter itself, a party that did not sign and the beheerder may not react
    for who in ("corporatie", "andere_gemeente", "beheerder"):
        with pytest.raises(agreements.ToezeggingGeweigerd):
            agreements.react_to_status(url, a[who], AMSTERDAM, PLAN, melding, Reactie.BEVESTIGD)
    # a contest needs its reason
    with pytest.raises(Invoerfouten, match="Leg uit waarom"):
        agreements.react_to_status(url, a["huurders"], AMSTERDAM, PLAN, melding, Reactie.BETWIST)
    agreements.react_to_status(
        url,
        a["huurders"],
        AMSTERDAM,
        PLAN,
        melding,
        Reactie.BETWIST,
        toelichting="twee complexen hebben nog geen plan",
        now=at("2025-06-02T10:00"),
    )
    agreements.react_to_status(
        url, a["gemeente"], AMSTERDAM, PLAN, melding, Reactie.BEVESTIGD, now=at("2025-06-03T10:00")
    )
    stand = agreements.qualitative_state(url, AMSTERDAM, PLAN, date(2025, 6, 15))
    [deel] = stand.delen
    assert deel.oordeel.status is Status.GEHAALD and deel.oordeel.betwist
    assert (
        deel.oordeel.gemeld is not None and deel.oordeel.gemeld.toelichting == "plan per complex opgeleverd"
    )
    assert [(r.partij, r.toelichting) for r in deel.oordeel.betwistingen] == [
        ("HO0001", "twee complexen hebben nog geen plan")
    ]
    assert [r.partij for r in deel.oordeel.bevestigingen] == ["GM0363"]
    # the history keeps every entry, with the status after it
    historie = agreements.commitment_history(url, AMSTERDAM, PLAN)
    assert [(m.soort, m.organisatie, m.status_daarna) for m in historie] == [
        ("status", "L0001", Status.GEHAALD),
        ("reactie", "HO0001", Status.GEHAALD),
        ("reactie", "GM0363", Status.GEHAALD),
    ]


def test_past_the_deadline_without_delivery_is_niet_gehaald(world: tuple[str, dict[str, Account]]) -> None:
    url, a = world
    # nothing reported: no data before the deadline (30 June 2025), niet gehaald after it
    assert (
        agreements.qualitative_state(url, AMSTERDAM, PLAN, date(2025, 6, 30)).delen[0].oordeel.status
        is Status.GEEN_GEGEVENS
    )
    after = agreements.qualitative_state(url, AMSTERDAM, PLAN, date(2025, 7, 1)).delen[0].oordeel
    assert (after.status, after.automatisch) == (Status.NIET_GEHAALD, True)
    # "op koers" in time does not save it either: only delivery counts
    agreements.report_status(
        url,
        a["corporatie"],
        AMSTERDAM,
        PLAN,
        Status.OP_KOERS,
        toelichting="bijna",
        now=at("2025-05-01T09:00"),
    )
    assert (
        agreements.qualitative_state(url, AMSTERDAM, PLAN, date(2025, 6, 1)).delen[0].oordeel.status
        is Status.OP_KOERS
    )
    assert (
        agreements.qualitative_state(url, AMSTERDAM, PLAN, date(2025, 7, 1)).delen[0].oordeel.status
        is Status.NIET_GEHAALD
    )
    # nothing was written by the rule: the history holds the one report
    assert len(agreements.commitment_history(url, AMSTERDAM, PLAN)) == 1


def test_a_collective_commitment_is_reported_by_each_member_for_its_part(
    world: tuple[str, dict[str, Account]],
) -> None:
    url, a = world
    agreements.report_status(
        url,
        a["gemeente"],
        NATIONAAL,
        WIJKAANPAK,
        Status.OP_KOERS,
        link="https://gemeente.example.nl/wijkaanpak",
    )
    rotterdam = agreements.report_status(
        url, a["andere_gemeente"], NATIONAAL, WIJKAANPAK, Status.RISICO, toelichting="nog geen partners"
    )
    # a fellow municipality cannot contest Rotterdam's part; an association (via "corporaties") can
    with pytest.raises(agreements.ToezeggingGeweigerd):
        agreements.react_to_status(
            url, a["gemeente"], NATIONAAL, WIJKAANPAK, rotterdam, Reactie.BETWIST, toelichting="x"
        )
    agreements.react_to_status(url, a["corporatie"], NATIONAAL, WIJKAANPAK, rotterdam, Reactie.BEVESTIGD)
    # the ministry is no municipality: it cannot report for the collective
    with pytest.raises(agreements.ToezeggingGeweigerd):
        agreements.report_status(url, a["ministerie"], NATIONAAL, WIJKAANPAK, Status.GEHAALD, toelichting="x")
    stand = agreements.qualitative_state(url, NATIONAAL, WIJKAANPAK)
    assert [(d.partij_id, d.oordeel.status) for d in stand.delen] == [
        ("GM0363", Status.OP_KOERS),
        ("GM0599", Status.RISICO),
    ]
    assert stand.collectief and stand.niet_gemeld == 0  # no municipality in the party table of this database
    assert stand.telling[Status.RISICO] == 1


def test_activity_per_agreement_and_per_organisation(world: tuple[str, dict[str, Account]]) -> None:
    url, a = world
    melding = agreements.report_status(
        url,
        a["corporatie"],
        AMSTERDAM,
        PLAN,
        Status.RISICO,
        toelichting="vertraging",
        now=at("2099-01-02T09:00"),
    )
    agreements.react_to_status(
        url,
        a["huurders"],
        AMSTERDAM,
        PLAN,
        melding,
        Reactie.BETWIST,
        toelichting="erger",
        now=at("2099-01-03T09:00"),
    )
    feed = agreements.agreement_activity(url, AMSTERDAM)
    assert [(x.organisatie, x.wat) for x in feed[:2]] == [
        ("HO0001", f"betwistte de status die L0001 meldde voor {PLAN}"),
        ("L0001", f"meldde de status van {PLAN}: risico"),
    ]
    assert feed[-1].wat.startswith("legde de afspraak vast (versie 1)")
    assert [x.wat for x in agreements.organisation_activity(url, "L0001")] == [
        f"meldde de status van {PLAN}: risico"
    ]
    assert agreements.organisation_activity(url, "GM0599") == []


def test_members_of_a_collective_that_report_nothing_are_counted(tiny_db: str) -> None:
    # the tiny demo knows six municipalities; one reports, five have not (yet)
    a = make_accounts(tiny_db)
    agreements.report_status(
        tiny_db, a["gemeente"], NATIONAAL, WIJKAANPAK, Status.GEHAALD, toelichting="vastgesteld"
    )
    stand = agreements.qualitative_state(tiny_db, NATIONAAL, WIJKAANPAK, date(2026, 6, 1))
    assert (len(stand.delen), stand.niet_gemeld, stand.status_niet_gemeld) == (1, 5, Status.GEEN_GEGEVENS)
    after = agreements.qualitative_state(tiny_db, NATIONAAL, WIJKAANPAK, date(2031, 1, 1))
    assert after.telling[Status.NIET_GEHAALD] == 5 and after.telling[Status.GEHAALD] == 1
