"""Processing-log events (verwerkingenlog), audit events, exports to VNG and LDV, and the hash chain.

Every read or write of personal data appends one ``ProcessingEvent``. Its fields map to VNG
*Verwerkingenlogging* (``to_vng``) and Logius *Logboek Dataverwerkingen* (``to_ldv``); the
mapping table is in docs/privacy.md. Following the LDV decision "no identifying user data in log
lines", a processing event never names the user: who did it goes into a separate ``AuditEvent``
linked by ``operation_id``. Subjects appear only as pseudonyms (see pseudonymise.py).

Both logs are append-only and tamper-evident: each entry's hash is
``SHA-256(previous hash (32 bytes) || canonical bytes of the event)``, starting from 32 zero
bytes. ``verify_chain`` finds the first entry that does not fit and says why, in Dutch. A chain
alone cannot show that its *last* entries were cut off or that the whole chain was rewritten:
storage must keep an anchor (the head hash and its position) somewhere the log's writers cannot
change, and pass it to ``verify_chain``.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from leefbaar.privacy.pseudonymise import Subjectsoort, is_pseudonym

#: Version of the canonical form; part of every hashed event.
CANONICAL_VERSION = 1
#: The "previous hash" of the first entry.
GENESIS_HASH = "0" * 64
#: The party id under which subjects are pseudonymised for the log itself.
LOG_RECEIVER = "verwerkingenlog"


class Vertrouwelijkheid(StrEnum):
    """VNG ``vertrouwelijkheid`` of a processing action."""

    NORMAAL = "normaal"
    VERTROUWELIJK = "vertrouwelijk"
    OPGEHEVEN = "opgeheven"


class Handeling(StrEnum):
    """What was done with the data (VNG ``handelingNaam``)."""

    LEZEN = "lezen"
    AANMAKEN = "aanmaken"
    WIJZIGEN = "wijzigen"
    VERWIJDEREN = "verwijderen"
    VERSTREKKEN = "verstrekken"


class StatusCode(IntEnum):
    """LDV ``status_code``."""

    ONBEKEND = 0
    OK = 1
    FOUT = 2


_HEX16 = re.compile(r"[0-9a-f]{32}")
_HEX8 = re.compile(r"[0-9a-f]{16}")
_DURATION = re.compile(r"P(?=\d)(\d+Y)?(\d+M)?(\d+D)?")


def new_trace_id() -> str:
    """A random W3C trace id: 16 bytes as 32 lowercase hex digits, never all zeros."""
    while True:
        value = secrets.token_hex(16)
        if value != "0" * 32:
            return value


def new_operation_id() -> str:
    """A random operation (span) id: 8 bytes as 16 lowercase hex digits, never all zeros."""
    while True:
        value = secrets.token_hex(8)
        if value != "0" * 16:
            return value


def is_trace_id(value: str) -> bool:
    return _HEX16.fullmatch(value) is not None and value != "0" * 32


def is_operation_id(value: str) -> bool:
    return _HEX8.fullmatch(value) is not None and value != "0" * 16


def traceparent(trace_id: str, operation_id: str) -> str:
    """The W3C Trace Context header for an outgoing call (version 00, sampled)."""
    if not (is_trace_id(trace_id) and is_operation_id(operation_id)):
        raise ValueError("ongeldige trace- of operatie-id")
    return f"00-{trace_id}-{operation_id}-01"


def parse_traceparent(header: str) -> tuple[str, str] | None:
    """(trace id, parent operation id) from an incoming ``traceparent`` header; None if invalid."""
    parts = header.strip().split("-")
    if len(parts) != 4 or parts[0] != "00" or not re.fullmatch(r"[0-9a-f]{2}", parts[3]):
        return None
    if not (is_trace_id(parts[1]) and is_operation_id(parts[2])):
        return None
    return parts[1], parts[2]


@dataclass(frozen=True)
class VerwerktObject:
    """A data subject touched by the processing (VNG ``verwerkteObjecten[]``): a pseudonym only.

    ``soort_object_id`` names the kind of id, e.g. ``pseudoniem-huishouden``;
    ``soorten_gegevens`` are the data categories processed (``betalingsachterstand`` ...);
    ``sleutelversie`` the version of the pseudonym key ``object_id`` was made with. Version 1 is
    left out of the canonical form, so entries written before key versions existed keep their bytes.
    """

    objecttype: Subjectsoort
    object_id: str
    soort_object_id: str = ""
    betrokkenheid: str = "betrokkene"
    soorten_gegevens: tuple[str, ...] = ()
    sleutelversie: int = 1

    def __post_init__(self) -> None:
        if not is_pseudonym(self.object_id):
            raise ValueError("een verwerkt object staat alleen als pseudoniem in het log, niet als ruwe id")
        if self.sleutelversie < 1:
            raise ValueError("de sleutelversie van een verwerkt object begint bij 1")
        if not self.soort_object_id:
            object.__setattr__(self, "soort_object_id", f"pseudoniem-{self.objecttype.value}")


def _aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} heeft geen tijdzone")


@dataclass(frozen=True)
class ProcessingEvent:
    """One processing of personal data. No user identity: see AuditEvent.

    ``verwerkingsactiviteit_id`` refers to the register of processing activities (id or URI);
    ``organisatie`` is the acting organisation (party id); ``ontvanger`` the receiving party when
    data is provided to another (VNG afnemer); ``bewaartermijn`` an ISO 8601 duration.
    """

    verwerkingsactiviteit_id: str
    verwerking_naam: str
    actie_naam: str
    handeling: Handeling
    doel: str
    grondslag: str
    organisatie: str
    vertrouwelijkheid: Vertrouwelijkheid
    bewaartermijn: str
    tijdstip: datetime
    eind_tijdstip: datetime
    trace_id: str
    operation_id: str
    verwerkte_objecten: tuple[VerwerktObject, ...]
    parent_operation_id: str | None = None
    status: StatusCode = StatusCode.OK
    systeem: str = "leefbaar"
    gegevensbron: str = "leefbaar"
    ontvanger: str | None = None
    overeenkomst_id: str | None = None
    tijdstip_registratie: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("verwerkingsactiviteit_id", "verwerking_naam", "actie_naam", "doel", "grondslag"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"{name} ontbreekt in de verwerking")
        if not self.organisatie.strip():
            raise ValueError("organisatie ontbreekt in de verwerking")
        if _DURATION.fullmatch(self.bewaartermijn) is None:
            raise ValueError(f"bewaartermijn '{self.bewaartermijn}' is geen ISO 8601-duur (P10Y, P6M, P30D)")
        _aware("tijdstip", self.tijdstip)
        _aware("eind_tijdstip", self.eind_tijdstip)
        if self.tijdstip_registratie is not None:
            _aware("tijdstip_registratie", self.tijdstip_registratie)
        if self.eind_tijdstip < self.tijdstip:
            raise ValueError("eind_tijdstip ligt voor tijdstip")
        if not is_trace_id(self.trace_id):
            raise ValueError("trace_id is geen 16 bytes hex")
        for name in ("operation_id", "parent_operation_id"):
            value = getattr(self, name)
            if value is not None and not is_operation_id(value):
                raise ValueError(f"{name} is geen 8 bytes hex")
        if not self.verwerkte_objecten:
            raise ValueError("een verwerking van persoonsgegevens heeft minstens één betrokkene")


@dataclass(frozen=True)
class AuditEvent:
    """Who did what (BIO audit log), linked to the processing event by ``operation_id``.

    ``gebruiker`` is the account id (not a name or e-mail address). A refused access has
    ``resultaat`` ``geweigerd`` and usually no processing event (``operation_id`` None).
    """

    tijdstip: datetime
    gebruiker: str
    rol: str
    organisatie: str
    handeling: str
    resultaat: str
    reden: str
    trace_id: str
    operation_id: str | None = None

    def __post_init__(self) -> None:
        _aware("tijdstip", self.tijdstip)
        if self.resultaat not in ("toegestaan", "geweigerd"):
            raise ValueError("resultaat is 'toegestaan' of 'geweigerd'")
        if not self.gebruiker.strip():
            raise ValueError("gebruiker ontbreekt in de auditregel")
        if not is_trace_id(self.trace_id):
            raise ValueError("trace_id is geen 16 bytes hex")
        if self.operation_id is not None and not is_operation_id(self.operation_id):
            raise ValueError("operation_id is geen 8 bytes hex")


LogEvent = ProcessingEvent | AuditEvent

# ----------------------------------------------------------------------------------------------
# Canonical form


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, IntEnum):
        return int(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, VerwerktObject):
        plain = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        if value.sleutelversie == 1:
            del plain["sleutelversie"]
        return plain
    return value


def to_dict(event: LogEvent) -> dict[str, Any]:
    """The event as plain JSON values, with ``soort`` and ``versie`` (what the canonical form hashes)."""
    soort = "verwerking" if isinstance(event, ProcessingEvent) else "audit"
    data: dict[str, Any] = {"soort": soort, "versie": CANONICAL_VERSION}
    for f in fields(event):
        data[f.name] = _plain(getattr(event, f.name))
    return data


def canonical_bytes(event: LogEvent) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces; times in UTC with microseconds and ``Z``."""
    return json.dumps(to_dict(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def from_dict(data: Mapping[str, Any]) -> LogEvent:
    """Rebuild an event from ``to_dict`` output (e.g. a stored JSON column)."""
    values = {k: v for k, v in data.items() if k not in ("soort", "versie")}
    if data.get("versie") != CANONICAL_VERSION:
        raise ValueError(f"onbekende versie {data.get('versie')!r} van een logregel")
    if data.get("soort") == "audit":
        values["tijdstip"] = _time(values["tijdstip"])
        return AuditEvent(**values)
    if data.get("soort") != "verwerking":
        raise ValueError(f"onbekende soort logregel {data.get('soort')!r}")
    for name in ("tijdstip", "eind_tijdstip", "tijdstip_registratie"):
        if values.get(name) is not None:
            values[name] = _time(values[name])
    values["handeling"] = Handeling(values["handeling"])
    values["vertrouwelijkheid"] = Vertrouwelijkheid(values["vertrouwelijkheid"])
    values["status"] = StatusCode(values["status"])
    values["verwerkte_objecten"] = tuple(
        VerwerktObject(
            objecttype=Subjectsoort(o["objecttype"]),
            object_id=o["object_id"],
            soort_object_id=o["soort_object_id"],
            betrokkenheid=o["betrokkenheid"],
            soorten_gegevens=tuple(o["soorten_gegevens"]),
            sleutelversie=int(o.get("sleutelversie", 1)),
        )
        for o in values["verwerkte_objecten"]
    )
    return ProcessingEvent(**values)


# ----------------------------------------------------------------------------------------------
# Exports


def _uuid_from(*parts: str) -> str:
    """A stable UUID (version 4 layout) derived from ids, so an export is repeatable."""
    digest = hashlib.sha256("/".join(parts).encode("ascii")).digest()[:16]
    return str(uuid.UUID(bytes=digest, version=4))


def to_vng(event: ProcessingEvent, *, base_url: str | None = None) -> dict[str, Any]:
    """The event as a VNG Verwerkingenlogging ``Verwerkingsactie`` (API v0.9.0).

    ``actieId`` is derived from trace and operation id, ``verwerkingId`` from the trace id (a
    trace groups the actions of one processing). ``gebruiker`` is left out on purpose (see
    AuditEvent). ``url`` is only set when ``base_url`` (the log API's root) is given.
    """
    actie_id = _uuid_from(event.trace_id, event.operation_id)
    activity_is_url = event.verwerkingsactiviteit_id.startswith(("https://", "http://"))
    data: dict[str, Any] = {
        "actieId": actie_id,
        "actieNaam": event.actie_naam,
        "handelingNaam": event.handeling.value,
        "verwerkingNaam": event.verwerking_naam,
        "verwerkingId": _uuid_from(event.trace_id),
        ("verwerkingsactiviteitUrl" if activity_is_url else "verwerkingsactiviteitId"): (
            event.verwerkingsactiviteit_id
        ),
        "vertrouwelijkheid": event.vertrouwelijkheid.value,
        "bewaartermijn": event.bewaartermijn,
        "uitvoerder": event.organisatie,
        "systeem": event.systeem,
        "gegevensbron": event.gegevensbron,
        "tijdstip": _utc(event.tijdstip),
        "tijdstipRegistratie": _utc(event.tijdstip_registratie or event.eind_tijdstip),
        "verwerkteObjecten": [
            {
                "objecttype": o.objecttype.value,
                "soortObjectId": o.soort_object_id,
                "objectId": o.object_id,
                "betrokkenheid": o.betrokkenheid,
                "verwerkteSoortenGegevens": [{"soortGegeven": s} for s in o.soorten_gegevens],
            }
            for o in event.verwerkte_objecten
        ],
    }
    if event.ontvanger is not None:
        data["afnemerId"] = event.ontvanger
    if base_url is not None:
        data["url"] = f"{base_url.rstrip('/')}/verwerkingsacties/{actie_id}"
    return data


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _ms(value: datetime) -> int:
    # Integer arithmetic: a float timestamp can round 123 ms down to 122.999.
    return (value - _EPOCH) // timedelta(milliseconds=1)


def to_ldv(event: ProcessingEvent) -> dict[str, Any]:
    """The event as a Logboek Dataverwerkingen log line (field names of the LDV draft 0.7).

    Times are milliseconds since the epoch (UTC). ``dpl.core.data_subject_id`` is a pseudonym (a
    list when several subjects are processed, an OTLP array value); ``dpl.leefbaar.*`` carries
    our own fields (purpose, legal basis, acting organisation) that the LDV leaves to the
    register of processing activities.
    """
    subjects = [o.object_id for o in event.verwerkte_objecten]
    kinds = sorted({o.soort_object_id for o in event.verwerkte_objecten})
    attributes: dict[str, Any] = {
        "dpl.core.processing_activity_id": event.verwerkingsactiviteit_id,
        "dpl.core.data_subject_id": subjects[0] if len(subjects) == 1 else subjects,
        "dpl.core.data_subject_id_type": kinds[0] if len(kinds) == 1 else kinds,
        "dpl.leefbaar.doel": event.doel,
        "dpl.leefbaar.grondslag": event.grondslag,
        "dpl.leefbaar.organisatie": event.organisatie,
        "dpl.leefbaar.handeling": event.handeling.value,
        "dpl.leefbaar.vertrouwelijkheid": event.vertrouwelijkheid.value,
        "dpl.leefbaar.bewaartermijn": event.bewaartermijn,
    }
    if event.ontvanger is not None:
        attributes["dpl.leefbaar.ontvanger"] = event.ontvanger
    line: dict[str, Any] = {
        "trace_id": event.trace_id,
        "operation_id": event.operation_id,
        "status_code": int(event.status),
        "name": event.actie_naam,
        "start_time": _ms(event.tijdstip),
        "end_time": _ms(event.eind_tijdstip),
        "resource": {"attributes": {"service.name": event.systeem}},
        "attributes": attributes,
    }
    if event.parent_operation_id is not None:
        line["parent_operation_id"] = event.parent_operation_id
    return line


# ----------------------------------------------------------------------------------------------
# Hash chain


def chain_hash(previous_hash: str, event: LogEvent | bytes) -> str:
    """SHA-256 over the previous hash (32 bytes) and the event's canonical bytes, as hex.

    ``event`` may be the canonical bytes themselves, so storage can verify exactly what it keeps.
    """
    body = event if isinstance(event, bytes) else canonical_bytes(event)
    return hashlib.sha256(bytes.fromhex(previous_hash) + body).hexdigest()


def chain(events: Sequence[LogEvent | bytes], previous_hash: str = GENESIS_HASH) -> list[str]:
    """The hashes of ``events`` appended after ``previous_hash`` (the last stored hash)."""
    hashes: list[str] = []
    for event in events:
        previous_hash = chain_hash(previous_hash, event)
        hashes.append(previous_hash)
    return hashes


@dataclass(frozen=True)
class Breuk:
    """Where a chain stops fitting (``index`` of the first entry that fails) and why, in Dutch."""

    index: int
    uitleg: str


def verify_chain(
    entries: Sequence[tuple[LogEvent | bytes, str]],
    *,
    anchor: tuple[int, str] | None = None,
    previous_hash: str = GENESIS_HASH,
) -> Breuk | None:
    """Check a chain of (event, stored hash) pairs; None when it is intact.

    ``anchor`` (position, hash), kept outside the log, also catches cut-off last entries and a
    completely rewritten chain. ``previous_hash`` lets a check start after an earlier verified
    part.
    """
    stored = [h for _, h in entries]
    expected_previous = previous_hash
    for i, (event, hash_) in enumerate(entries):
        if hash_ != chain_hash(expected_previous, event):
            return Breuk(i, _explain(entries, stored, i, previous_hash))
        expected_previous = hash_
    if anchor is not None:
        position, anchored = anchor
        if position >= len(entries):
            return Breuk(
                len(entries),
                f"het log eindigt bij regel {len(entries) - 1}, maar het ankerpunt ligt bij regel {position}: "
                "de laatste regels zijn verwijderd",
            )
        if stored[position] != anchored:
            return Breuk(
                position,
                f"regel {position} heeft niet de hash van het ankerpunt: het log is (vanaf het begin) herschreven",
            )
    return None


def _explain(entries: Sequence[tuple[LogEvent | bytes, str]], stored: list[str], i: int, start: str) -> str:
    """Why entry i does not fit, as precisely as the stored hashes allow."""
    event = entries[i][0]
    before = [start, *stored]  # before[j] is the hash preceding entry j
    links_to = {chain_hash(h, event): j for j, h in enumerate(before)}
    j = links_to.get(stored[i])
    if j is not None and j < i:
        return (
            f"regel {i} sluit aan op regel {j - 1} in plaats van op regel {i - 1}: "
            f"regel {j} tot en met {i - 1} is ingevoegd"
        )
    if j is not None and j > i:
        return f"regel {i} hoort na regel {j - 1}: de volgorde van het log is veranderd"
    if i + 1 < len(entries) and stored[i + 1] == chain_hash(before[i], entries[i + 1][0]):
        return f"regel {i} hoort niet in de keten (regel {i + 1} sluit aan op regel {i - 1}): regel {i} is ingevoegd"
    where = "ervoor" if i == 0 else f"tussen regel {i - 1} en {i}"
    return (
        f"regel {i} klopt niet met zijn hash: de inhoud is gewijzigd, de hash vervalst, "
        f"of er is een regel {where} verwijderd"
    )
