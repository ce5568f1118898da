"""The processing log (verwerkingenlog) and audit log in storage: append, verify, anchor, inspect.

Two append-only hash chains (``leefbaar.privacy.processing_log``): ``verwerking`` holds
ProcessingEvents (what was processed, about which pseudonymised subject, why; no user) and
``audit`` holds AuditEvents (which account did it). Services append them with
:func:`append_events` **inside the transaction of the access they record**, so an access and its
log line are committed together or not at all.

The head of each chain (position and hash) is kept in the ``loganker`` table, moved in the same
transaction, and can be exported to a file outside the database (:func:`export_anchor`,
setting ``audit_anchor_file``). :func:`verify` checks both chains against both anchors and
reports the first break in Dutch. The threat model is in docs/security.md.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from leefbaar.config import Settings, get_settings
from leefbaar.ingest.vocabulary import ImportResult, ImportStatus
from leefbaar.privacy.policy import Resource, Verzoek, decide
from leefbaar.privacy.processing_log import (
    GENESIS_HASH,
    LOG_RECEIVER,
    AuditEvent,
    Breuk,
    Handeling,
    ProcessingEvent,
    Vertrouwelijkheid,
    VerwerktObject,
    canonical_bytes,
    chain_hash,
    from_dict,
    new_operation_id,
    new_trace_id,
    verify_chain,
)
from leefbaar.privacy.pseudonymise import Pseudonymiser, Subjectsoort, is_pseudonym, parse_master_key
from leefbaar.services.accounts import Account, actor_for, get_account_by_id, list_accounts
from leefbaar.storage import privacy_queries as q

log = logging.getLogger(__name__)

CHAINS = ("verwerking", "audit")
#: How long a log entry is kept (VNG ``bewaartermijn`` of the processing action itself).
LOG_BEWAARTERMIJN = "P7Y"
SYSTEEM = "leefbaar"

#: The register of processing activities this package performs (ids in the processing log).
ACTIVITEIT_SIGNALEN = "leefbaar/verwerkingsactiviteit/signalen-delen"
ACTIVITEIT_BEWAARTERMIJN = "leefbaar/verwerkingsactiviteit/signalen-bewaartermijn"
ACTIVITEIT_INZAGE = "leefbaar/verwerkingsactiviteit/verwerkingenlog-inzien"


class LogError(RuntimeError):
    """The processing log cannot be written (message in Dutch); the access it records is rolled back."""


class Geweigerd(PermissionError):
    """An access the policy refuses (message in Dutch). The refusal is in the audit log."""


def aware(now: datetime) -> datetime:
    """``now`` with UTC attached (log events need a time zone; the database stores naive UTC)."""
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def master_key(settings: Settings | None = None) -> bytes:
    """The pseudonymisation master key from configuration (placeholder only in development)."""
    settings = settings or get_settings()
    return parse_master_key(settings.pseudonym_key, development=settings.is_development)


def log_pseudonym(household_id: str, settings: Settings | None = None) -> str:
    """The pseudonym under which the processing log records a household."""
    p = Pseudonymiser.for_receiver(master_key(settings), LOG_RECEIVER, Subjectsoort.HUISHOUDEN)
    return p.pseudonym(household_id)


# ----------------------------------------------------------------------------------------------
# Writing


def append_events(conn: q.Conn, events: Sequence[ProcessingEvent | AuditEvent]) -> None:
    """Append events to their chains inside the caller's transaction (opened with ``log=True``)."""
    _append(conn, "verwerking", [e for e in events if isinstance(e, ProcessingEvent)])
    _append(conn, "audit", [e for e in events if isinstance(e, AuditEvent)])


def _append(conn: q.Conn, keten: str, events: Sequence[ProcessingEvent | AuditEvent]) -> None:
    if not events:
        return
    head = q.anchor(conn, keten)
    if head is None:
        if q.chain_length(conn, keten):
            raise LogError(f"het ankerpunt van keten {keten} ontbreekt terwijl het log regels bevat")
        position, previous = -1, GENESIS_HASH
    else:
        position, previous = head
    rows = []
    subjects: list[tuple[int, str]] = []
    for event in events:
        body = canonical_bytes(event)
        previous = chain_hash(previous, body)
        position += 1
        row: dict[str, object] = {
            "volgnummer": position,
            "tijdstip": naive_utc(event.tijdstip),
            "trace_id": event.trace_id,
            "operation_id": event.operation_id,
            "inhoud": body.decode("utf-8"),
            "hash": previous,
        }
        if isinstance(event, ProcessingEvent):
            row["organisatie"] = event.organisatie
            subjects.extend((position, p) for p in sorted({o.object_id for o in event.verwerkte_objecten}))
        else:
            row["gebruiker"] = event.gebruiker
        rows.append(row)
    q.append_chain(conn, keten, rows, subjects)
    _anchor_after_commit(conn, keten, first=position - len(rows) + 1, head=(position, previous))


def _anchor_after_commit(conn: q.Conn, keten: str, first: int, head: tuple[int, str]) -> None:
    """Export the new head to the anchor file once the transaction commits, when the chain passed a
    multiple of ``audit_anchor_every``: an entry cut from the tail is then caught by the file."""
    settings = get_settings()
    if not settings.audit_anchor_file:
        return
    every = settings.audit_anchor_every
    if first // every == (head[0] + 1) // every:
        return
    path = settings.audit_anchor_file

    def export() -> None:
        try:
            _write_anchor_lines(path, [(keten, head[0], head[1])])
        except OSError as exc:  # the access is committed; `audit verify` reports the unanchored tail
            log.error("ankerbestand %s niet bijgewerkt: %s", path, exc)

    q.after_commit(conn, export)


def _write_anchor_lines(path: str | Path, heads: Sequence[tuple[str, int, str]]) -> list[str]:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [f"{keten} {position} {hash_} {now}" for keten, position, hash_ in heads]
    if lines:
        with Path(path).open("a", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
    return lines


def audit_event(
    account: Account | None,
    handeling: str,
    toegestaan: bool,
    reden: str,
    *,
    now: datetime,
    trace_id: str,
    operation_id: str | None = None,
    gebruiker: str | None = None,
) -> AuditEvent:
    return AuditEvent(
        tijdstip=aware(now),
        gebruiker=gebruiker or (account.account_id if account else "onbekend"),
        rol=account.rol.value if account else "",
        organisatie=account.organisatie if account else "",
        handeling=handeling,
        resultaat="toegestaan" if toegestaan else "geweigerd",
        reden=reden,
        trace_id=trace_id,
        operation_id=operation_id,
    )


def record_audit(url: str, events: Sequence[AuditEvent]) -> None:
    """Append audit events in their own transaction (refusals, logins: no data access to join)."""
    with q.transaction(url, log=True) as conn:
        append_events(conn, events)


def record_login(url: str, account: Account | None, email_known: bool, ok: bool, reden: str) -> None:
    """Audit a login attempt (never the typed address or password: only the account id, if any)."""
    now = datetime.now(UTC)
    record_audit(
        url,
        [
            audit_event(
                account if email_known else None, "inloggen", ok, reden, now=now, trace_id=new_trace_id()
            )
        ],
    )


def record_refusal(url: str, account: Account, wat: str, reden: str) -> None:
    """Audit a refusal by the access policy (a 403 on a page or an endpoint) of a logged-in account."""
    record_audit(
        url,
        [
            audit_event(
                account, f"toegang {wat}", False, reden, now=datetime.now(UTC), trace_id=new_trace_id()
            )
        ],
    )


ACTIVITEIT_TOEWIJZINGEN = "leefbaar/verwerkingsactiviteit/toewijzingen-vastleggen"


def record_import(
    url: str,
    account: Account,
    soort: str,
    result: ImportResult | None,
    refusal: str | None,
    *,
    personal: bool = False,
) -> None:
    """Audit an import by an account (accepted, rejected or refused); an import of personal data
    (allocations) is also a processing: recorded in the processing log under its activity."""
    now = datetime.now(UTC)
    trace = new_trace_id()
    if result is None:
        record_audit(
            url, [audit_event(account, f"importeren {soort}", False, refusal or "", now=now, trace_id=trace)]
        )
        return
    reden = f"{result.status.value}: {result.rows} rijen, {result.error_count} fouten, bestand {result.file}"
    operation = new_operation_id()
    events: list[ProcessingEvent | AuditEvent] = [
        audit_event(
            account, f"importeren {soort}", result.ok, reden, now=now, trace_id=trace, operation_id=operation
        )
    ]
    if personal and result.status is ImportStatus.IMPORTED and result.import_id is not None:
        # The households as the log knows them: keyed again under the log's own receiver key. One
        # HMAC per allocation of this file (a file of one party's allocations, not national data).
        log = Pseudonymiser.for_receiver(master_key(), LOG_RECEIVER, Subjectsoort.HUISHOUDEN)
        households = sorted(set(q.allocation_pseudonyms(url, result.import_id)))
        events.append(
            ProcessingEvent(
                verwerkingsactiviteit_id=ACTIVITEIT_TOEWIJZINGEN,
                verwerking_naam="Toewijzingen aan aandachtsgroepen vastleggen",
                actie_naam=f"import {result.import_id}: {result.rows} toewijzingen",
                handeling=Handeling.AANMAKEN,
                doel="monitoring van de eerlijke verdeling van aandachtsgroepen",
                grondslag="prestatieafspraken (R9); AVG art. 6 lid 1 sub e",
                organisatie=account.organisatie,
                vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
                bewaartermijn=LOG_BEWAARTERMIJN,
                tijdstip=now,
                eind_tijdstip=now,
                trace_id=trace,
                operation_id=operation,
                verwerkte_objecten=tuple(
                    VerwerktObject(Subjectsoort.HUISHOUDEN, log.pseudonym(h)) for h in households
                ),
            )
        )
    with q.transaction(url, log=True) as conn:
        append_events(conn, events)


# ----------------------------------------------------------------------------------------------
# Verification and anchors


@dataclass(frozen=True)
class Verificatie:
    """The result for one chain: how many entries, the anchors checked, the first break (None: intact)."""

    keten: str
    regels: int
    ankers: int
    breuk: Breuk | None

    def tekst(self) -> str:
        if self.breuk is None:
            return (
                f"keten {self.keten}: {self.regels} regels, {self.ankers} ankerpunt(en) gecontroleerd, intact"
            )
        return f"keten {self.keten}: breuk bij regel {self.breuk.index}: {self.breuk.uitleg}"


def read_anchor_file(path: str | Path) -> dict[str, list[tuple[int, str]]]:
    """Anchors per chain from an export file (lines ``keten volgnummer hash tijdstip``)."""
    found: dict[str, list[tuple[int, str]]] = {k: [] for k in CHAINS}
    file = Path(path)
    if not file.exists():
        return found
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) < 3 or parts[0] not in found or not parts[1].isdigit() or len(parts[2]) != 64:
            raise LogError(f"regel {number} van het ankerbestand {file} is onleesbaar")
        found[parts[0]].append((int(parts[1]), parts[2]))
    return found


def _anchor_break(stored: Sequence[str], anchor: tuple[int, str], source: str) -> Breuk | None:
    position, anchored = anchor
    if position >= len(stored):
        return Breuk(
            len(stored),
            f"het log eindigt bij regel {len(stored) - 1}, maar het ankerpunt ({source}) ligt bij regel "
            f"{position}: de laatste regels zijn verwijderd",
        )
    if stored[position] != anchored:
        return Breuk(
            position,
            f"regel {position} heeft niet de hash van het ankerpunt ({source}): het log is herschreven",
        )
    return None


def verify(url: str, anchor_file: str | None = None) -> list[Verificatie]:
    """Check both chains, their anchor in the database and (if given) the exported anchors.

    With an anchor file a chain also breaks when the file is missing although the chain has entries,
    and when more than ``audit_anchor_every`` entries at its end are not anchored in the file (its
    tail could have been cut and the database anchor moved back). A processing chain without entries
    breaks when signals or allocation imports show that personal data was processed.
    """
    exported = read_anchor_file(anchor_file) if anchor_file else {k: [] for k in CHAINS}
    missing_file = bool(anchor_file) and not Path(str(anchor_file)).exists()
    history = q.history_counts(url)
    every = get_settings().audit_anchor_every
    results = []
    for keten in CHAINS:
        rows = q.read_chain(url, keten)
        entries = [(str(r["inhoud"]).encode("utf-8"), str(r["hash"])) for r in rows]
        stored = [h for _, h in entries]
        table_anchor = q.read_anchor(url, keten)
        breuk = verify_chain(entries)
        if breuk is None:
            for i, r in enumerate(rows):
                if int(r["volgnummer"]) != i:
                    breuk = Breuk(i, f"volgnummer {i} ontbreekt: er is een regel verwijderd")
                    break
        if breuk is None and table_anchor is None and entries:
            breuk = Breuk(0, "het ankerpunt in de database ontbreekt terwijl het log regels bevat")
        checks = [(table_anchor, "database")] if table_anchor else []
        checks += [(a, "ankerbestand") for a in exported[keten]]
        for anchor, source in checks:
            if breuk is not None:
                break
            assert anchor is not None
            breuk = _anchor_break(stored, anchor, source)
        if (
            breuk is None
            and keten == "verwerking"
            and not entries
            and (history["signalen"] or history["toewijzing_imports"])
        ):
            breuk = Breuk(
                0,
                f"het verwerkingenlog is leeg, terwijl er {history['signalen']} signaal/signalen en "
                f"{history['toewijzing_imports']} import(s) van toewijzingen zijn: het log is geleegd",
            )
        if breuk is None and anchor_file and entries:
            breuk = _external_anchor_gap(keten, len(entries), exported[keten], missing_file, every)
        results.append(Verificatie(keten, len(entries), len(checks), breuk))
    return results


def _external_anchor_gap(
    keten: str, length: int, anchors: Sequence[tuple[int, str]], missing_file: bool, every: int
) -> Breuk | None:
    """A chain whose last entries are not anchored outside the database (or whose file is gone)."""
    if missing_file:
        return Breuk(length - 1, "het ankerbestand ontbreekt, terwijl het log regels bevat")
    last = max((position for position, _ in anchors), default=-1)
    unanchored = length - 1 - last
    if unanchored >= every:
        return Breuk(
            last + 1,
            f"de laatste {unanchored} regel(s) zijn niet in het ankerbestand verankerd (ten hoogste "
            f"{every - 1} toegestaan): het anker is niet bijgewerkt of het einde van het log is afgeknipt",
        )
    return None


def export_anchor(url: str, path: str | Path) -> list[str]:
    """Append the current head of each chain to ``path`` (a file outside the database's reach)."""
    heads = []
    for keten in CHAINS:
        head = q.read_anchor(url, keten)
        if head is not None:
            heads.append((keten, head[0], head[1]))
    return _write_anchor_lines(path, heads)


# ----------------------------------------------------------------------------------------------
# "Who saw this household's data, when and why"


@dataclass(frozen=True)
class Inzage:
    """One processing of a subject's data, with the account that did it (from the audit log)."""

    tijdstip: datetime
    handeling: str
    actie: str
    organisatie: str
    doel: str
    grondslag: str
    ontvanger: str | None
    overeenkomst_id: str | None
    gebruiker: str


def who_saw(
    url: str,
    account: Account,
    subject: str,
    doel: str,
    *,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> list[Inzage]:
    """Every processing of a household's data, oldest first. Beheerder only, with a purpose; logged.

    ``subject`` is the household's log pseudonym, or its household id (pseudonymised here).
    """
    now = aware(now or datetime.now(UTC))
    trace = new_trace_id()
    decision = decide(
        actor_for(url, account), Verzoek(Resource.VERWERKINGENLOG, doel=doel), on_date=now.date()
    )
    if not decision:
        record_audit(
            url,
            [audit_event(account, "verwerkingenlog.inzien", False, decision.reason, now=now, trace_id=trace)],
        )
        raise Geweigerd(decision.reason)
    subject = subject.strip()
    if not subject:
        raise ValueError("geef een huishouden-id of pseudoniem op")
    pseudonym = subject if is_pseudonym(subject) else log_pseudonym(subject, settings)
    operation = new_operation_id()
    with q.transaction(url, log=True) as conn:
        processing = [from_dict(json.loads(r["inhoud"])) for r in q.processing_for_pseudonym(conn, pseudonym)]
        ops = [e.operation_id for e in processing if isinstance(e, ProcessingEvent)]
        audits = [from_dict(json.loads(r["inhoud"])) for r in q.audit_for_operations(conn, ops)]
        append_events(
            conn,
            [
                ProcessingEvent(
                    verwerkingsactiviteit_id=ACTIVITEIT_INZAGE,
                    verwerking_naam="Verantwoording van verwerkingen",
                    actie_naam="verwerkingenlog inzien",
                    handeling=Handeling.LEZEN,
                    doel=doel,
                    grondslag=decision.legal_basis or "",
                    organisatie=account.organisatie,
                    vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
                    bewaartermijn=LOG_BEWAARTERMIJN,
                    tijdstip=now,
                    eind_tijdstip=now,
                    trace_id=trace,
                    operation_id=operation,
                    verwerkte_objecten=(VerwerktObject(Subjectsoort.HUISHOUDEN, pseudonym),),
                ),
                audit_event(
                    account,
                    "verwerkingenlog.inzien",
                    True,
                    decision.reason,
                    now=now,
                    trace_id=trace,
                    operation_id=operation,
                ),
            ],
        )
    who = {a.operation_id: a.gebruiker for a in audits if isinstance(a, AuditEvent)}
    names = {a.account_id: a.label for a in list_accounts(url)}
    result = []
    for e in processing:
        assert isinstance(e, ProcessingEvent)
        account_id = who.get(e.operation_id, "")
        result.append(
            Inzage(
                tijdstip=e.tijdstip,
                handeling=e.handeling.value,
                actie=e.actie_naam,
                organisatie=e.organisatie,
                doel=e.doel,
                grondslag=e.grondslag,
                ontvanger=e.ontvanger,
                overeenkomst_id=e.overeenkomst_id,
                gebruiker=names.get(account_id, account_id or "onbekend"),
            )
        )
    return result


def account_label(url: str, account_id: str) -> str:
    found = get_account_by_id(url, account_id)
    return found.label if found else account_id
