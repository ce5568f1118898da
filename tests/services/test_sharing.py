"""Sharing agreements and signals: refused without cover, pseudonymised per receiver, read with a
purpose, unguessable for others, deleted when retention ends (and every step logged)."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from leefbaar.privacy.pseudonymise import is_pseudonym
from leefbaar.privacy.sharing import Gegevenscategorie
from leefbaar.services import processing_log, sharing
from leefbaar.services.processing_log import Geweigerd
from leefbaar.services.sharing import NietGevonden
from leefbaar.storage.engine import get_engine
from tests.security.helpers import DOEL, ZORGDOEL, agreement, make_accounts, standard_agreements

HOUSEHOLD = "HH-000123"
NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def _log(url: str, table: str) -> list[dict]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text(f"SELECT inhoud FROM {table} ORDER BY volgnummer")).scalars().all()
    return [json.loads(r) for r in rows]


@pytest.fixture
def world(empty_db: str) -> tuple[str, dict]:
    accs = make_accounts(empty_db)
    standard_agreements(empty_db, accs["beheerder"])
    return empty_db, accs


def test_share_without_agreement_is_refused_and_audited(world: tuple[str, dict]) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match="geen gegevensdelingsovereenkomst tussen L0001 en ZP0002"):
        sharing.share_signal(url, a["corporatie"], HOUSEHOLD, "ZP0002", "zorgsignaal", ZORGDOEL, "x", now=NOW)
    assert _log(url, "verwerking") == []
    last = _log(url, "auditregel")[-1]
    assert (last["handeling"], last["resultaat"]) == ("signaal.delen", "geweigerd")


@pytest.mark.parametrize(
    ("ontvanger", "categorie", "doel", "reden"),
    [
        ("GM0363", "overlast", DOEL, "omvat geen overlast"),  # category not in the agreement
        ("GM0363", "betalingsachterstand", "handhaving", "geldt voor doel"),  # other purpose
        ("GM0599", "betalingsachterstand", DOEL, "geen gegevensdelingsovereenkomst"),  # other receiver
        ("GM0363", "toewijzing", DOEL, "geen soort signaal"),  # not a signal category
    ],
)
def test_share_outside_the_agreement_is_refused(
    world: tuple[str, dict], ontvanger: str, categorie: str, doel: str, reden: str
) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match=reden):
        sharing.share_signal(url, a["corporatie"], HOUSEHOLD, ontvanger, categorie, doel, "x", now=NOW)


def test_only_receiving_roles_share(world: tuple[str, dict]) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match="ziet alleen aggregaten"):
        sharing.share_signal(url, a["huurders"], HOUSEHOLD, "GM0363", "overlast", DOEL, "x", now=NOW)


def test_agreement_before_start_and_after_end_does_not_cover(empty_db: str) -> None:
    a = make_accounts(empty_db)
    sharing.register_agreement(empty_db, a["beheerder"], agreement(eind=date(2026, 2, 28)))
    with pytest.raises(Geweigerd, match="verlopen op 2026-02-28"):
        sharing.share_signal(
            empty_db, a["corporatie"], HOUSEHOLD, "GM0363", "betalingsachterstand", DOEL, "x", now=NOW
        )


def test_signal_holds_only_pseudonyms_different_per_receiver(world: tuple[str, dict]) -> None:
    url, a = world
    s1 = sharing.share_signal(
        url, a["corporatie"], HOUSEHOLD, "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
    )
    s2 = sharing.share_signal(
        url, a["corporatie"], HOUSEHOLD, "ZP0001", "zorgsignaal", ZORGDOEL, "b", now=NOW
    )
    assert is_pseudonym(s1.pseudoniem) and is_pseudonym(s2.pseudoniem)
    assert s1.pseudoniem != s2.pseudoniem  # two receivers cannot link the household
    assert s1.verwijderdatum == date(2026, 9, 1)  # P6M from 1 March
    assert s2.verwijderdatum == date(2026, 3, 31)  # P30D from 1 March
    with get_engine(url).connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM signaal")) for v in row)
        log = " ".join(conn.execute(text("SELECT inhoud FROM verwerking")).scalars().all())
    assert HOUSEHOLD not in dump and HOUSEHOLD not in log


def test_sharing_writes_one_processing_and_one_audit_event(world: tuple[str, dict]) -> None:
    url, a = world
    s = sharing.share_signal(
        url, a["corporatie"], HOUSEHOLD, "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
    )
    (event,) = _log(url, "verwerking")
    assert event["handeling"] == "verstrekken"
    assert (event["organisatie"], event["ontvanger"], event["overeenkomst_id"]) == (
        "L0001",
        "GM0363",
        s.overeenkomst_id,
    )
    assert event["doel"] == DOEL and "gebruiker" not in event  # no user identity in the processing log
    audit = [e for e in _log(url, "auditregel") if e["operation_id"] == event["operation_id"]]
    assert [(x["gebruiker"], x["resultaat"]) for x in audit] == [(a["corporatie"].account_id, "toegestaan")]


def test_receiver_reads_with_purpose_and_each_read_is_logged(world: tuple[str, dict]) -> None:
    url, a = world
    for i in range(3):
        sharing.share_signal(
            url, a["corporatie"], f"HH-{i}", "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
        )
    before = len(_log(url, "verwerking"))
    seen = sharing.signals_for(url, a["gemeente"], DOEL, now=NOW)
    assert len(seen) == 3
    reads = _log(url, "verwerking")[before:]
    assert [e["handeling"] for e in reads] == ["lezen"] * 3
    assert {e["verwerkte_objecten"][0]["object_id"] for e in reads} == {
        processing_log.log_pseudonym(f"HH-{i}") for i in range(3)
    }
    # Another purpose sees nothing and logs nothing.
    assert sharing.signals_for(url, a["gemeente"], "handhaving", now=NOW) == []
    assert len(_log(url, "verwerking")) == before + 3


def test_receiver_cannot_read_after_agreement_ends(empty_db: str) -> None:
    a = make_accounts(empty_db)
    sharing.register_agreement(empty_db, a["beheerder"], agreement(eind=date(2026, 3, 31)))
    sharing.share_signal(
        empty_db, a["corporatie"], HOUSEHOLD, "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
    )
    assert len(sharing.signals_for(empty_db, a["gemeente"], DOEL, now=NOW)) == 1
    later = datetime(2026, 4, 1, tzinfo=UTC)
    assert sharing.signals_for(empty_db, a["gemeente"], DOEL, now=later) == []


@pytest.mark.parametrize("rol", ["ministerie", "provincie", "huurders", "beheerder"])
def test_roles_without_personal_data_get_no_signals(world: tuple[str, dict], rol: str) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match="ontvangt geen signalen"):
        sharing.signals_for(url, a[rol], DOEL, now=NOW)
    assert _log(url, "auditregel")[-1]["resultaat"] == "geweigerd"


def test_guessing_ids_of_another_organisations_signals(world: tuple[str, dict]) -> None:
    url, a = world
    s = sharing.share_signal(
        url, a["corporatie"], HOUSEHOLD, "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
    )
    assert len(s.signaal_id) == 32  # 128 random bits: not enumerable
    before = len(_log(url, "verwerking"))
    outsiders = ["andere_gemeente", "andere_corporatie", "zorgpartner", "andere_zorgpartner"]
    messages = set()
    for who in outsiders:
        for guess in (s.signaal_id, secrets.token_hex(16), "1", "' OR 1=1 --"):
            with pytest.raises(NietGevonden) as info:
                sharing.read_signal(url, a[who], guess, DOEL, now=NOW)
            messages.add(str(info.value))
    # The same answer for "exists but not yours" and "does not exist": no existence oracle.
    assert messages == {"signaal niet gevonden of niet voor deze organisatie"}
    assert len(_log(url, "verwerking")) == before  # nothing was read
    refused = [e for e in _log(url, "auditregel") if e["handeling"] == "signaal.lezen"]
    assert len(refused) == 16 and {e["resultaat"] for e in refused} == {"geweigerd"}
    # The receiver itself reads it, but only for the purpose it was shared for.
    assert sharing.read_signal(url, a["gemeente"], s.signaal_id, DOEL, now=NOW).signaal_id == s.signaal_id
    with pytest.raises(Geweigerd):
        sharing.read_signal(url, a["gemeente"], s.signaal_id, "handhaving", now=NOW)


def test_special_category_needs_an_agreement_covering_it(world: tuple[str, dict]) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match="omvat geen zorgsignaal"):
        sharing.share_signal(url, a["corporatie"], HOUSEHOLD, "GM0363", "zorgsignaal", DOEL, "x", now=NOW)
    s = sharing.share_signal(
        url, a["corporatie"], HOUSEHOLD, "ZP0001", "zorgsignaal", ZORGDOEL, "zorg", now=NOW
    )
    assert s.categorie is Gegevenscategorie.ZORGSIGNAAL
    assert [x.signaal_id for x in sharing.signals_for(url, a["zorgpartner"], ZORGDOEL, now=NOW)] == [
        s.signaal_id
    ]
    assert sharing.signals_for(url, a["andere_zorgpartner"], ZORGDOEL, now=NOW) == []


def test_retention_expiry_deletes_signals_and_logs_each_deletion(world: tuple[str, dict]) -> None:
    url, a = world
    kept = sharing.share_signal(
        url, a["corporatie"], "HH-1", "GM0363", "betalingsachterstand", DOEL, "a", now=NOW
    )
    gone1 = sharing.share_signal(
        url, a["corporatie"], "HH-2", "ZP0001", "zorgsignaal", ZORGDOEL, "b", now=NOW
    )
    gone2 = sharing.share_signal(url, a["corporatie"], "HH-3", "ZP0001", "overlast", ZORGDOEL, "c", now=NOW)
    # The day before the due date (31 March) nothing goes; on it, both P30D signals go.
    assert sharing.purge_expired(url, today=date(2026, 3, 30), now=NOW) == []
    deleted = sharing.purge_expired(url, today=date(2026, 3, 31), now=NOW)
    assert sorted(deleted) == sorted([gone1.signaal_id, gone2.signaal_id])
    with get_engine(url).connect() as conn:
        left = conn.execute(text("SELECT signaal_id FROM signaal")).scalars().all()
    assert left == [kept.signaal_id]
    deletions = [e for e in _log(url, "verwerking") if e["handeling"] == "verwijderen"]
    assert len(deletions) == 2
    assert {e["verwerkte_objecten"][0]["object_id"] for e in deletions} == {
        processing_log.log_pseudonym("HH-2"),
        processing_log.log_pseudonym("HH-3"),
    }
    assert {e["organisatie"] for e in deletions} == {"ZP0001"}
    audits = [e for e in _log(url, "auditregel") if e["handeling"] == "signaal.verwijderen"]
    assert {e["gebruiker"] for e in audits} == {"systeem:bewaartermijn"}
    assert all(v.breuk is None for v in processing_log.verify(url))


def test_register_agreement_only_by_beheerder_or_provider(world: tuple[str, dict]) -> None:
    url, a = world
    with pytest.raises(Geweigerd, match="alleen de beheerder of de verstrekkende partij"):
        sharing.register_agreement(url, a["gemeente"], agreement("GDO-X"))
    sharing.register_agreement(url, a["corporatie"], agreement("GDO-Y"))
    assert "GDO-Y" in {x.id for x in sharing.load_agreements(url, "L0001")}
    with pytest.raises(ValueError, match="bestaat al"):
        sharing.register_agreement(url, a["corporatie"], agreement("GDO-Y"))


def test_demo_sharing_data_only_in_development(empty_db: str) -> None:
    from leefbaar.config import Settings

    a = make_accounts(empty_db)
    with pytest.raises(Geweigerd, match="ontwikkelomgeving"):
        sharing.create_demo_sharing(
            empty_db, a["beheerder"], a["corporatie"], settings=Settings(environment="production")
        )
    dev = Settings(environment="development")
    assert sharing.create_demo_sharing(empty_db, a["beheerder"], a["corporatie"], settings=dev) == 4
    assert (
        sharing.create_demo_sharing(empty_db, a["beheerder"], a["corporatie"], settings=dev) == 0
    )  # idempotent
    assert len(sharing.signals_for(empty_db, a["gemeente"], "vroegsignalering_schulden")) == 2
    assert len(sharing.signals_for(empty_db, a["zorgpartner"], "zorg_en_ondersteuning")) == 2
