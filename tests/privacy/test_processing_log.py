"""Processing-log events: validation, VNG and LDV exports, canonical form, and the hash chain."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from leefbaar.privacy.processing_log import (
    GENESIS_HASH,
    AuditEvent,
    Handeling,
    LogEvent,
    ProcessingEvent,
    StatusCode,
    Vertrouwelijkheid,
    VerwerktObject,
    canonical_bytes,
    chain,
    chain_hash,
    from_dict,
    is_operation_id,
    is_trace_id,
    new_operation_id,
    new_trace_id,
    parse_traceparent,
    to_dict,
    to_ldv,
    to_vng,
    traceparent,
    verify_chain,
)
from leefbaar.privacy.pseudonymise import Subjectsoort, pseudonymise

MASTER = bytes(range(32))
SUBJECT = pseudonymise(MASTER, "verwerkingenlog", "HH000000001")
T0 = datetime(2025, 6, 1, 10, 0, 0, 123456, tzinfo=UTC)
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
OPERATION = "00f067aa0ba902b7"


def _event(**changes: object) -> ProcessingEvent:
    fields: dict[str, object] = {
        "verwerkingsactiviteit_id": "https://leefbaar.example/verwerkingsactiviteiten/signalen-delen",
        "verwerking_naam": "Signalen delen voor vroegsignalering",
        "actie_naam": "signalen huishouden tonen",
        "handeling": Handeling.LEZEN,
        "doel": "vroegsignalering_schulden",
        "grondslag": "Wet gemeentelijke schuldhulpverlening art. 3",
        "organisatie": "GM0363",
        "vertrouwelijkheid": Vertrouwelijkheid.VERTROUWELIJK,
        "bewaartermijn": "P2Y",
        "tijdstip": T0,
        "eind_tijdstip": T0 + timedelta(milliseconds=42),
        "trace_id": TRACE,
        "operation_id": OPERATION,
        "verwerkte_objecten": (
            VerwerktObject(Subjectsoort.HUISHOUDEN, SUBJECT, soorten_gegevens=("betalingsachterstand",)),
        ),
        "ontvanger": "GM0363",
        "overeenkomst_id": "GDO-1",
    }
    fields.update(changes)
    return ProcessingEvent(**fields)  # type: ignore[arg-type]


def _audit(i: int = 0) -> AuditEvent:
    return AuditEvent(
        tijdstip=T0 + timedelta(seconds=i),
        gebruiker="account-17",
        rol="gemeente",
        organisatie="GM0363",
        handeling="signalen huishouden bekeken",
        resultaat="toegestaan",
        reden="gedekt door overeenkomst GDO-1",
        trace_id=TRACE,
        operation_id=OPERATION,
    )


# ----------------------------------------------------------------------------------------------
# Ids and trace context


def test_new_ids_have_the_right_shape_and_differ() -> None:
    trace, op = new_trace_id(), new_operation_id()
    assert len(trace) == 32 and is_trace_id(trace)
    assert len(op) == 16 and is_operation_id(op)
    assert new_trace_id() != trace and new_operation_id() != op


def test_traceparent_round_trip() -> None:
    header = traceparent(TRACE, OPERATION)
    assert header == f"00-{TRACE}-{OPERATION}-01"
    assert parse_traceparent(header) == (TRACE, OPERATION)


@pytest.mark.parametrize(
    "header",
    [
        "",  # empty
        f"01-{TRACE}-{OPERATION}-01",  # unknown version
        f"00-{'0' * 32}-{OPERATION}-01",  # all-zero trace id is invalid (W3C)
        f"00-{TRACE}-{'0' * 16}-01",  # all-zero parent id is invalid
        f"00-{TRACE.upper()}-{OPERATION}-01",  # upper case is not allowed
        f"00-{TRACE}-{OPERATION}",  # missing flags
    ],
)
def test_bad_traceparent_is_ignored(header: str) -> None:
    assert parse_traceparent(header) is None


# ----------------------------------------------------------------------------------------------
# Validation: no raw ids, no user, no naive times


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"doel": ""}, "doel ontbreekt"),  # purpose is mandatory
        ({"grondslag": " "}, "grondslag ontbreekt"),  # legal basis is mandatory
        ({"tijdstip": datetime(2025, 6, 1, 10, 0)}, "tijdzone"),  # naive time
        ({"eind_tijdstip": T0 - timedelta(seconds=1)}, "eind_tijdstip ligt voor"),  # ends before it starts
        ({"trace_id": "abc"}, "trace_id"),  # not 16 bytes
        ({"operation_id": "0" * 16}, "operation_id"),  # all zeros
        ({"parent_operation_id": "xyz"}, "parent_operation_id"),  # not hex
        ({"bewaartermijn": "2 jaar"}, "ISO 8601"),  # not a duration
        ({"verwerkte_objecten": ()}, "minstens één betrokkene"),  # no subject
    ],
)
def test_bad_events_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _event(**changes)


def test_raw_household_id_is_refused_as_subject() -> None:
    with pytest.raises(ValueError, match="alleen als pseudoniem"):
        VerwerktObject(Subjectsoort.HUISHOUDEN, "HH000000001")


def test_processing_event_has_no_user_field() -> None:
    names = {f.name for f in dataclasses.fields(ProcessingEvent)}
    assert not names & {"gebruiker", "user", "account", "gebruikersnaam", "email"}
    assert "gebruiker" not in to_vng(_event())
    assert "account-17" not in json.dumps(to_ldv(_event()))


def test_audit_event_validation() -> None:
    with pytest.raises(ValueError, match="resultaat"):
        dataclasses.replace(_audit(), resultaat="misschien")
    with pytest.raises(ValueError, match="gebruiker ontbreekt"):
        dataclasses.replace(_audit(), gebruiker="")


# ----------------------------------------------------------------------------------------------
# Exports


def test_to_vng() -> None:
    vng = to_vng(_event(), base_url="https://log.example/api/v1/")
    assert vng["actieNaam"] == "signalen huishouden tonen"
    assert vng["handelingNaam"] == "lezen"
    assert vng["verwerkingNaam"] == "Signalen delen voor vroegsignalering"
    assert vng["verwerkingsactiviteitUrl"].endswith("/signalen-delen")
    assert "verwerkingsactiviteitId" not in vng
    assert vng["vertrouwelijkheid"] == "vertrouwelijk"
    assert vng["bewaartermijn"] == "P2Y"
    assert vng["uitvoerder"] == "GM0363"
    assert vng["systeem"] == "leefbaar"
    assert vng["gegevensbron"] == "leefbaar"
    assert vng["afnemerId"] == "GM0363"
    assert vng["tijdstip"] == "2025-06-01T10:00:00.123456Z"
    assert vng["tijdstipRegistratie"] == "2025-06-01T10:00:00.165456Z"
    assert vng["verwerkteObjecten"] == [
        {
            "objecttype": "huishouden",
            "soortObjectId": "pseudoniem-huishouden",
            "objectId": SUBJECT,
            "betrokkenheid": "betrokkene",
            "verwerkteSoortenGegevens": [{"soortGegeven": "betalingsachterstand"}],
        }
    ]
    assert vng["url"] == f"https://log.example/api/v1/verwerkingsacties/{vng['actieId']}"
    # actieId is a UUID, stable for the same trace and operation, different for another operation.
    assert len(vng["actieId"]) == 36 and vng["actieId"][14] == "4"
    assert to_vng(_event())["actieId"] == vng["actieId"]
    assert to_vng(_event(operation_id="1" * 16))["actieId"] != vng["actieId"]
    assert to_vng(_event(verwerkingsactiviteit_id="VA-12"))["verwerkingsactiviteitId"] == "VA-12"


def test_to_ldv() -> None:
    ldv = to_ldv(_event(parent_operation_id="1" * 16, status=StatusCode.FOUT))
    assert ldv["trace_id"] == TRACE
    assert ldv["operation_id"] == OPERATION
    assert ldv["parent_operation_id"] == "1" * 16
    assert ldv["status_code"] == 2
    assert ldv["name"] == "signalen huishouden tonen"
    assert ldv["start_time"] == 1748772000123  # 2025-06-01T10:00:00.123Z in ms
    assert ldv["end_time"] == 1748772000165
    attributes = ldv["attributes"]
    assert attributes["dpl.core.processing_activity_id"].endswith("/signalen-delen")
    assert attributes["dpl.core.data_subject_id"] == SUBJECT
    assert attributes["dpl.core.data_subject_id_type"] == "pseudoniem-huishouden"
    assert attributes["dpl.leefbaar.doel"] == "vroegsignalering_schulden"
    assert attributes["dpl.leefbaar.grondslag"].startswith("Wet gemeentelijke")
    assert ldv["resource"] == {"attributes": {"service.name": "leefbaar"}}
    assert "parent_operation_id" not in to_ldv(_event())


def test_to_ldv_with_several_subjects_gives_a_list() -> None:
    second = pseudonymise(MASTER, "verwerkingenlog", "HH000000002")
    event = _event(
        verwerkte_objecten=(
            VerwerktObject(Subjectsoort.HUISHOUDEN, SUBJECT),
            VerwerktObject(Subjectsoort.HUISHOUDEN, second),
        )
    )
    assert to_ldv(event)["attributes"]["dpl.core.data_subject_id"] == [SUBJECT, second]


# ----------------------------------------------------------------------------------------------
# Canonical form


def test_canonical_bytes_are_sorted_compact_utc_json() -> None:
    # The same moment in another time zone gives the same bytes.
    amsterdam = timezone(timedelta(hours=2))
    a = _event()
    b = _event(
        tijdstip=T0.astimezone(amsterdam),
        eind_tijdstip=(T0 + timedelta(milliseconds=42)).astimezone(amsterdam),
    )
    assert canonical_bytes(a) == canonical_bytes(b)
    text = canonical_bytes(a).decode()
    assert text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    parsed = json.loads(text)
    assert list(parsed) == sorted(parsed)
    assert parsed["soort"] == "verwerking" and parsed["versie"] == 1
    assert parsed["tijdstip"] == "2025-06-01T10:00:00.123456Z"


@pytest.mark.parametrize(
    "event", [_event(), _audit(), _event(tijdstip_registratie=T0 + timedelta(seconds=1))]
)
def test_from_dict_round_trip(event: LogEvent) -> None:
    again = from_dict(json.loads(canonical_bytes(event)))
    assert again == event
    assert canonical_bytes(again) == canonical_bytes(event)


def test_key_version_of_a_subject_is_hashed_from_version_2_and_absent_for_version_1() -> None:
    # Entries written before key versions existed have no sleutelversie: version 1 keeps their bytes.
    (plain,) = json.loads(canonical_bytes(_event()))["verwerkte_objecten"]
    assert "sleutelversie" not in plain
    rotated = _event(verwerkte_objecten=(VerwerktObject(Subjectsoort.HUISHOUDEN, SUBJECT, sleutelversie=2),))
    (subject,) = json.loads(canonical_bytes(rotated))["verwerkte_objecten"]
    assert subject["sleutelversie"] == 2
    assert canonical_bytes(rotated) != canonical_bytes(
        _event(verwerkte_objecten=(VerwerktObject(Subjectsoort.HUISHOUDEN, SUBJECT),))
    )
    again = from_dict(json.loads(canonical_bytes(rotated)))
    assert again == rotated and canonical_bytes(again) == canonical_bytes(rotated)
    with pytest.raises(ValueError, match="begint bij 1"):
        VerwerktObject(Subjectsoort.HUISHOUDEN, SUBJECT, sleutelversie=0)


def test_audit_and_processing_events_never_share_canonical_bytes() -> None:
    assert to_dict(_audit())["soort"] == "audit"
    assert to_dict(_event())["soort"] == "verwerking"


# ----------------------------------------------------------------------------------------------
# Hash chain


def _log(n: int = 6) -> list[tuple[LogEvent, str]]:
    events: list[LogEvent] = []
    for i in range(n):
        if i % 2:
            events.append(_audit(i))
        else:
            events.append(
                _event(
                    operation_id=f"{i + 1:016x}",
                    tijdstip=T0 + timedelta(seconds=i),
                    eind_tijdstip=T0 + timedelta(seconds=i),
                )
            )
    return list(zip(events, chain(events), strict=True))


def test_chain_hash_is_sha256_over_previous_hash_and_canonical_bytes() -> None:
    event = _event()
    expected = hashlib.sha256(bytes(32) + canonical_bytes(event)).hexdigest()
    assert chain_hash(GENESIS_HASH, event) == expected
    assert chain_hash(GENESIS_HASH, canonical_bytes(event)) == expected
    entries = _log(3)
    assert (
        entries[1][1]
        == hashlib.sha256(bytes.fromhex(entries[0][1]) + canonical_bytes(entries[1][0])).hexdigest()
    )


def test_intact_chain_verifies() -> None:
    entries = _log()
    assert verify_chain(entries) is None
    assert verify_chain(entries, anchor=(5, entries[5][1])) is None
    # Stored canonical bytes verify as well as the events themselves.
    assert verify_chain([(canonical_bytes(e), h) for e, h in entries]) is None
    # A check may continue from an earlier verified part.
    assert verify_chain(entries[3:], previous_hash=entries[2][1]) is None
    assert verify_chain([]) is None


def test_changed_field_is_detected() -> None:
    entries = _log()
    event, hash_ = entries[2]
    assert isinstance(event, ProcessingEvent)
    entries[2] = (dataclasses.replace(event, doel="iets anders"), hash_)
    breuk = verify_chain(entries)
    assert breuk is not None and breuk.index == 2
    assert "inhoud is gewijzigd" in breuk.uitleg


def test_changed_user_in_audit_log_is_detected() -> None:
    entries = _log()
    event, hash_ = entries[3]
    assert isinstance(event, AuditEvent)
    entries[3] = (dataclasses.replace(event, gebruiker="iemand-anders"), hash_)
    breuk = verify_chain(entries)
    assert breuk is not None and breuk.index == 3


def test_deleted_event_is_detected() -> None:
    entries = _log()
    del entries[2]
    breuk = verify_chain(entries)
    assert breuk is not None and breuk.index == 2
    assert "verwijderd" in breuk.uitleg


def test_deleted_first_event_is_detected() -> None:
    breuk = verify_chain(_log()[1:])
    assert breuk is not None and breuk.index == 0
    assert "ervoor verwijderd" in breuk.uitleg


def test_reordered_events_are_detected() -> None:
    entries = _log()
    entries[2], entries[3] = entries[3], entries[2]
    breuk = verify_chain(entries)
    assert breuk is not None and breuk.index == 2
    assert "volgorde" in breuk.uitleg


def test_inserted_event_with_a_forged_hash_is_detected() -> None:
    entries = _log()
    forged = _event(actie_naam="ingevoegd")
    entries.insert(3, (forged, "ab" * 32))
    breuk = verify_chain(entries)
    assert breuk is not None and breuk.index == 3
    assert "regel 3 is ingevoegd" in breuk.uitleg


def test_inserted_event_with_a_correctly_computed_hash_is_detected() -> None:
    entries = _log()
    forged = _event(actie_naam="ingevoegd")
    entries.insert(3, (forged, chain_hash(entries[2][1], forged)))
    breuk = verify_chain(entries)
    # The forged entry itself fits; the next one no longer does.
    assert breuk is not None and breuk.index == 4
    assert "regel 3 tot en met 3 is ingevoegd" in breuk.uitleg


def test_cut_off_tail_and_rewritten_chain_need_the_anchor() -> None:
    entries = _log()
    anchor = (5, entries[5][1])
    cut = entries[:4]
    assert verify_chain(cut) is None  # the chain alone cannot tell
    breuk = verify_chain(cut, anchor=anchor)
    assert breuk is not None and breuk.index == 4
    assert "laatste regels zijn verwijderd" in breuk.uitleg
    # Someone with write access rewrites everything consistently: only the anchor shows it.
    events = [e for e, _ in entries]
    first = events[0]
    assert isinstance(first, ProcessingEvent)
    events[0] = dataclasses.replace(first, doel="herschreven")
    rewritten = list(zip(events, chain(events), strict=True))
    assert verify_chain(rewritten) is None
    breuk = verify_chain(rewritten, anchor=anchor)
    assert breuk is not None and breuk.index == 5
    assert "herschreven" in breuk.uitleg
