"""Qualitative commitments at work: the responsible party reports a status with evidence, co-signers
confirm or contest it, and the status is derived when read (``rules.qualitative``).

Every write is append-only (``toezegging_melding``), checked by ``privacy.ownership``
(``status_refusal``, ``reaction_refusal``) and audited in the same transaction; a refusal is
audited on its own. Evidence is a text, a link or a document (PDF, ODT, DOCX; checked by its bytes
in ``ingest.documents``, at most ``evidence_max_mb``), stored in the database with its SHA-256.

For a collective responsible party (``gemeenten`` in the national agreement) each member reports
for its own part; :func:`qualitative_state` shows every part that reported and counts the members
that did not (past the deadline they count as "niet gehaald").
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import PurePath
from typing import Any

from leefbaar.config import Settings, get_settings
from leefbaar.domain.agreements import Reactie, Status, hoort_bij, is_collectief, soort_van_partij
from leefbaar.ingest.documents import DocumentRefused, check_document
from leefbaar.privacy.ownership import Writer, reaction_refusal, status_refusal
from leefbaar.privacy.processing_log import new_trace_id
from leefbaar.rules.model import Agreement, QualitativeCommitment
from leefbaar.rules.qualitative import QualitativeVerdict, Reaction, StatusReport, judge_qualitative
from leefbaar.services import jobs
from leefbaar.services.accounts import Account
from leefbaar.services.agreements.records import AfspraakNietGevonden, StoredAgreement, stored_agreement
from leefbaar.services.processing_log import append_events, audit_event, record_audit
from leefbaar.services.sharing.fields import Invoerfouten, Veldfout, has_control
from leefbaar.storage import agreement_queries as q

MAX_TOELICHTING = 4000
MAX_LINK = 500
MAX_NAAM = 200


class ToezeggingGeweigerd(PermissionError):
    """The account may not report or react here (Dutch). The refusal is audited."""


@dataclass(frozen=True)
class Upload:
    """An uploaded evidence file as received: its name (shown, never trusted) and bytes."""

    naam: str
    inhoud: bytes


@dataclass(frozen=True)
class Bewijsstuk:
    """A stored evidence document, without its bytes."""

    document_id: str
    naam: str
    content_type: str
    grootte: int
    sha256: str


@dataclass(frozen=True)
class Melding:
    """One entry of a commitment's history: a reported status or a co-signer's reaction."""

    melding_id: int
    toezegging_id: str
    soort: str  # "status" or "reactie"
    partij_id: str  # whose part
    organisatie: str  # who wrote it
    gemeld_op: datetime
    afspraak_versie: int
    status: Status | None = None
    reactie: Reactie | None = None
    op_melding: int | None = None
    toelichting: str | None = None
    link: str | None = None
    bewijsstuk: Bewijsstuk | None = None
    #: The derived status of this part right after this entry (history only).
    status_daarna: Status | None = None


@dataclass(frozen=True)
class Deel:
    """The part of one responsible party: its derived status and the report it rests on."""

    partij_id: str
    naam: str
    oordeel: QualitativeVerdict
    bewijsstuk: Bewijsstuk | None


@dataclass(frozen=True)
class KwalitatieveStand:
    """A qualitative commitment on a date: every responsible part with its status."""

    afspraak_id: str
    versie: int
    toezegging: QualitativeCommitment
    verantwoordelijke_naam: str
    peildatum: date
    delen: tuple[Deel, ...]
    #: Collective responsibility: members that reported nothing, and the status that gives them.
    niet_gemeld: int = 0
    status_niet_gemeld: Status | None = None

    @property
    def collectief(self) -> bool:
        return is_collectief(self.toezegging.verantwoordelijke)

    @property
    def telling(self) -> dict[Status, int]:
        """How many parts have each status (members that reported nothing included)."""
        counts = {s: 0 for s in Status}
        for d in self.delen:
            counts[d.oordeel.status] += 1
        if self.status_niet_gemeld is not None:
            counts[self.status_niet_gemeld] += self.niet_gemeld
        return counts


@dataclass(frozen=True)
class StoredDocument:
    naam: str
    content_type: str
    inhoud: bytes
    sha256: str


# --- writing ----------------------------------------------------------------------------------------


def report_status(
    url: str,
    account: Account,
    afspraak_id: str,
    toezegging_id: str,
    status: Status,
    *,
    toelichting: str = "",
    link: str = "",
    document: Upload | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> int:
    """Record the status the account's organisation reports for its part; returns the report's id.

    Raises :class:`AfspraakNietGevonden`, :class:`ToezeggingGeweigerd` (audited) or
    :class:`Invoerfouten` (no evidence, a bad link, a refused document ...).
    """
    stored, toezegging = _qualitative(url, afspraak_id, toezegging_id)
    moment = _moment(now)
    wat = f"status {toezegging_id} ({afspraak_id}) melden"
    refusal = status_refusal(Writer(account.rol, account.organisatie), toezegging.verantwoordelijke)
    if refusal is not None:
        _refuse(url, account, wat, refusal, moment)
    fouten: list[Veldfout] = []
    tekst = _text(toelichting, "toelichting", fouten)
    adres = _link(link, fouten)
    checked = None
    if document is not None and document.inhoud:
        max_bytes = (settings or get_settings()).evidence_max_mb * 1024 * 1024
        try:
            checked = check_document(document.inhoud, max_bytes)
        except DocumentRefused as exc:
            fouten.append(Veldfout("document", f"Het document kan niet worden gebruikt: {exc}."))
    if not fouten and not (tekst or adres or checked):
        fouten.append(
            Veldfout("toelichting", "Geef bewijs bij de status: een toelichting, een link of een document.")
        )
    if fouten:
        raise Invoerfouten(fouten)
    with q.transaction(url) as conn:
        document_id = None
        if checked is not None and document is not None:
            document_id = uuid.uuid4().hex
            q.insert_document(
                conn,
                {
                    "document_id": document_id,
                    "sha256": checked.sha256,
                    "naam": _file_name(document.naam, checked.soort.name.lower()),
                    "content_type": checked.soort.value,
                    "grootte": checked.grootte,
                    "inhoud": document.inhoud,
                    "account_id": account.account_id,
                    "organisatie": account.organisatie,
                    "geupload_op": moment,
                },
            )
        melding_id = q.next_melding_id(conn)
        q.append_melding(
            conn,
            {
                "melding_id": melding_id,
                "afspraak_id": afspraak_id,
                "afspraak_versie": stored.versie,
                "toezegging_id": toezegging_id,
                "partij_id": account.organisatie,
                "soort": "status",
                "status": status.value,
                "toelichting": tekst,
                "link": adres,
                "document_id": document_id,
                "account_id": account.account_id,
                "organisatie": account.organisatie,
                "gemeld_op": moment,
            },
        )
        reden = f"gemeld: {status.value}" + (f", document sha256 {checked.sha256}" if checked else "")
        append_events(conn, [_audit(account, wat, True, reden, moment)])
    jobs.after_agreement(url, stored.agreement, account.email, f"{wat}: {status.value}")
    return melding_id


def react_to_status(
    url: str,
    account: Account,
    afspraak_id: str,
    toezegging_id: str,
    melding_id: int,
    reactie: Reactie,
    *,
    toelichting: str = "",
    now: datetime | None = None,
) -> int:
    """Confirm or contest a reported status as a co-signer; returns the reaction's id.

    A contest needs an explanation: it is shown beside the reporter's.
    """
    stored, toezegging = _qualitative(url, afspraak_id, toezegging_id)
    moment = _moment(now)
    wat = f"status {toezegging_id} ({afspraak_id}) {'betwisten' if reactie is Reactie.BETWIST else 'bevestigen'}"
    with q.transaction(url) as conn:
        gemeld = q.melding_in(conn, melding_id)
    if (
        gemeld is None
        or gemeld["soort"] != "status"
        or gemeld["afspraak_id"] != afspraak_id
        or gemeld["toezegging_id"] != toezegging_id
    ):
        raise AfspraakNietGevonden(f"melding {melding_id} hoort niet bij toezegging {toezegging_id}")
    partijen = [p.id for p in stored.agreement.partijen]
    refusal = reaction_refusal(
        Writer(account.rol, account.organisatie),
        partijen,
        toezegging.verantwoordelijke,
        str(gemeld["partij_id"]),
    )
    if refusal is not None:
        _refuse(url, account, wat, refusal, moment)
    fouten: list[Veldfout] = []
    tekst = _text(toelichting, "toelichting", fouten)
    if reactie is Reactie.BETWIST and not tekst and not fouten:
        fouten.append(Veldfout("toelichting", "Leg uit waarom u de status betwist."))
    if fouten:
        raise Invoerfouten(fouten)
    with q.transaction(url) as conn:
        reactie_id = q.next_melding_id(conn)
        q.append_melding(
            conn,
            {
                "melding_id": reactie_id,
                "afspraak_id": afspraak_id,
                "afspraak_versie": stored.versie,
                "toezegging_id": toezegging_id,
                "partij_id": str(gemeld["partij_id"]),
                "soort": "reactie",
                "reactie": reactie.value,
                "op_melding": melding_id,
                "toelichting": tekst,
                "account_id": account.account_id,
                "organisatie": account.organisatie,
                "gemeld_op": moment,
            },
        )
        append_events(conn, [_audit(account, wat, True, f"{reactie.value} op melding {melding_id}", moment)])
    jobs.after_agreement(url, stored.agreement, account.email, f"{wat}: {reactie.value}")
    return reactie_id


def check_may_report(url: str, account: Account, afspraak_id: str, toezegging_id: str) -> None:
    """Refuse (audited) an account that may not report for this commitment, before its input is read."""
    _, toezegging = _qualitative(url, afspraak_id, toezegging_id)
    refusal = status_refusal(Writer(account.rol, account.organisatie), toezegging.verantwoordelijke)
    if refusal is not None:
        _refuse(url, account, f"status {toezegging_id} ({afspraak_id}) melden", refusal, _moment(None))


def check_may_react(url: str, account: Account, afspraak_id: str, toezegging_id: str) -> None:
    """Refuse (audited) an account that co-signed nothing here, before its input is read (whose
    report it reacts to is checked when it reacts)."""
    stored, toezegging = _qualitative(url, afspraak_id, toezegging_id)
    partijen = [p.id for p in stored.agreement.partijen]
    writer = Writer(account.rol, account.organisatie)
    refusal = reaction_refusal(writer, partijen, toezegging.verantwoordelijke, toezegging.verantwoordelijke)
    if refusal is not None:
        _refuse(url, account, f"status {toezegging_id} ({afspraak_id}) beoordelen", refusal, _moment(None))


def evidence_errors(toelichting: str, link: str, *, document: bool = False) -> list[Veldfout]:
    """What is wrong with the evidence of a status report (the same checks :func:`report_status` runs)."""
    fouten: list[Veldfout] = []
    tekst = _text(toelichting, "toelichting", fouten)
    adres = _link(link, fouten)
    if not fouten and not (tekst or adres or document):
        fouten.append(
            Veldfout("toelichting", "Geef bewijs bij de status: een toelichting, een link of een document.")
        )
    return fouten


def _qualitative(
    url: str, afspraak_id: str, toezegging_id: str
) -> tuple[StoredAgreement, QualitativeCommitment]:
    stored = stored_agreement(url, afspraak_id)
    toezegging = stored.agreement.kwalitatieve_toezegging(toezegging_id)
    if toezegging is None:
        raise AfspraakNietGevonden(
            f"afspraak {afspraak_id} heeft geen kwalitatieve toezegging {toezegging_id}"
        )
    return stored, toezegging


def _moment(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, microsecond=0)


def _audit(account: Account, wat: str, ok: bool, reden: str, moment: datetime) -> Any:
    return audit_event(account, wat, ok, reden, now=moment.replace(tzinfo=UTC), trace_id=new_trace_id())


def _refuse(url: str, account: Account, wat: str, refusal: str, moment: datetime) -> None:
    record_audit(url, [_audit(account, wat, False, refusal, moment)])
    raise ToezeggingGeweigerd(refusal)


def _text(value: str, veld: str, fouten: list[Veldfout]) -> str | None:
    text = (value or "").strip()
    if has_control(text):
        fouten.append(Veldfout(veld, "De toelichting bevat tekens die niet zijn toegestaan."))
    elif len(text) > MAX_TOELICHTING:
        fouten.append(Veldfout(veld, f"De toelichting is langer dan {MAX_TOELICHTING} tekens."))
    return text or None


def _link(value: str, fouten: list[Veldfout]) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > MAX_LINK or has_control(text, multiline=False) or any(c.isspace() for c in text):
        fouten.append(
            Veldfout("link", f"De link is geen geldig webadres (hooguit {MAX_LINK} tekens, zonder spaties).")
        )
    elif not text.lower().startswith(("https://", "http://")) or len(text.split("//", 1)[1]) < 3:
        fouten.append(Veldfout("link", "De link moet een webadres zijn dat begint met https:// of http://."))
    return text


def _file_name(naam: str, extensie: str) -> str:
    """The uploaded name without any path and control characters, with the extension its bytes showed."""
    base = PurePath((naam or "").replace("\\", "/")).name
    clean = "".join(c for c in base if c.isprintable() and c not in "\"'<>")[:MAX_NAAM].strip() or "bewijs"
    stem = clean.rsplit(".", 1)[0] if "." in clean else clean
    return f"{stem}.{extensie}"


# --- reading ----------------------------------------------------------------------------------------


def _meldingen(url: str, rows: Sequence[dict[str, Any]]) -> list[Melding]:
    meta = q.document_meta(url, sorted({str(r["document_id"]) for r in rows if r["document_id"]}))
    out = []
    for r in rows:
        doc = meta.get(str(r["document_id"])) if r["document_id"] else None
        out.append(
            Melding(
                melding_id=int(r["melding_id"]),
                toezegging_id=str(r["toezegging_id"]),
                soort=str(r["soort"]),
                partij_id=str(r["partij_id"]),
                organisatie=str(r["organisatie"]),
                gemeld_op=r["gemeld_op"],
                afspraak_versie=int(r["afspraak_versie"]),
                status=Status(r["status"]) if r["status"] else None,
                reactie=Reactie(r["reactie"]) if r["reactie"] else None,
                op_melding=int(r["op_melding"]) if r["op_melding"] is not None else None,
                toelichting=r["toelichting"],
                link=r["link"],
                bewijsstuk=_bewijsstuk(doc) if doc else None,
            )
        )
    return out


def _bewijsstuk(row: dict[str, Any]) -> Bewijsstuk:
    return Bewijsstuk(
        str(row["document_id"]),
        str(row["naam"]),
        str(row["content_type"]),
        int(row["grootte"]),
        str(row["sha256"]),
    )


def _verdict(
    toezegging: QualitativeCommitment, meldingen: Sequence[Melding], peildatum: date
) -> QualitativeVerdict:
    reports = [
        StatusReport(
            m.melding_id,
            m.status,
            m.gemeld_op,
            m.toelichting,
            m.link,
            m.bewijsstuk.document_id if m.bewijsstuk else None,
        )
        for m in meldingen
        if m.soort == "status" and m.status is not None
    ]
    reactions = [
        Reaction(m.melding_id, m.op_melding, m.organisatie, m.reactie, m.gemeld_op, m.toelichting)
        for m in meldingen
        if m.soort == "reactie" and m.reactie is not None and m.op_melding is not None
    ]
    return judge_qualitative(toezegging.deadline, peildatum, reports, reactions)


def _state(
    url: str,
    stored: StoredAgreement,
    toezegging: QualitativeCommitment,
    meldingen: Sequence[Melding],
    peildatum: date,
) -> KwalitatieveStand:
    agreement = stored.agreement
    per_deel: dict[str, list[Melding]] = {}
    for m in meldingen:
        per_deel.setdefault(m.partij_id, []).append(m)
    verantwoordelijke = toezegging.verantwoordelijke
    collectief = is_collectief(verantwoordelijke)
    delen_ids = sorted(per_deel) if collectief else [verantwoordelijke]
    names = _names(url, agreement, delen_ids)
    delen = []
    for partij in delen_ids:
        own = per_deel.get(partij, [])
        oordeel = _verdict(toezegging, own, peildatum)
        stuk = next(
            (m.bewijsstuk for m in own if oordeel.gemeld and m.melding_id == oordeel.gemeld.melding_id), None
        )
        delen.append(Deel(partij, names.get(partij, partij), oordeel, stuk))
    niet_gemeld, status_niet_gemeld = 0, None
    if collectief:
        soort = soort_van_partij(verantwoordelijke)
        members = q.parties_of_kind(url, soort.value) if soort else 0
        niet_gemeld = max(members - len(delen), 0)
        status_niet_gemeld = _verdict(toezegging, [], peildatum).status
    responsible = agreement.partij(verantwoordelijke)
    return KwalitatieveStand(
        agreement.id,
        stored.versie,
        toezegging,
        responsible.naam if responsible else verantwoordelijke,
        peildatum,
        tuple(delen),
        niet_gemeld,
        status_niet_gemeld,
    )


def _names(url: str, agreement: Agreement, ids: Sequence[str]) -> dict[str, str]:
    names = {p.id: p.naam for p in agreement.partijen}
    missing = [i for i in ids if i not in names]
    names.update(q.party_names(url, missing))
    return names


def qualitative_states(
    url: str, stored: StoredAgreement, peildatum: date | None = None
) -> list[KwalitatieveStand]:
    """Every qualitative commitment of a stored agreement on ``peildatum`` (default today)."""
    day = peildatum or datetime.now(UTC).date()
    alle = _meldingen(url, q.meldingen(url, stored.agreement.id))
    return [
        _state(url, stored, t, [m for m in alle if m.toezegging_id == t.id], day)
        for t in stored.agreement.kwalitatieve_toezeggingen
    ]


def qualitative_state(
    url: str, afspraak_id: str, toezegging_id: str, peildatum: date | None = None
) -> KwalitatieveStand:
    """One qualitative commitment of the current agreement on ``peildatum`` (default today)."""
    stored, toezegging = _qualitative(url, afspraak_id, toezegging_id)
    day = peildatum or datetime.now(UTC).date()
    return _state(url, stored, toezegging, _meldingen(url, q.meldingen(url, afspraak_id, toezegging_id)), day)


def commitment_history(url: str, afspraak_id: str, toezegging_id: str) -> list[Melding]:
    """Every report and reaction on a qualitative commitment, oldest first, each with the status its
    part had right after it (derived as on that day)."""
    _, toezegging = _qualitative(url, afspraak_id, toezegging_id)
    alle = _meldingen(url, q.meldingen(url, afspraak_id, toezegging_id))
    out = []
    for index, m in enumerate(alle):
        tot_nu = [x for x in alle[: index + 1] if x.partij_id == m.partij_id]
        status = _verdict(toezegging, tot_nu, m.gemeld_op.date()).status
        out.append(_with_status(m, status))
    return out


def _with_status(m: Melding, status: Status) -> Melding:
    return replace(m, status_daarna=status)


def may_report(account: Account | None, toezegging: QualitativeCommitment) -> bool:
    """Whether the account may report a status for this commitment (for showing a form)."""
    if account is None:
        return False
    return status_refusal(Writer(account.rol, account.organisatie), toezegging.verantwoordelijke) is None


def may_react(
    account: Account | None, agreement: Agreement, toezegging: QualitativeCommitment, partij: str
) -> bool:
    """Whether the account may confirm or contest the status ``partij`` reported (for showing a form)."""
    if account is None:
        return False
    partijen = [p.id for p in agreement.partijen]
    writer = Writer(account.rol, account.organisatie)
    return reaction_refusal(writer, partijen, toezegging.verantwoordelijke, partij) is None


def is_party(account: Account | None, agreement: Agreement) -> bool:
    """Whether the account's organisation is (a member of) a party of the agreement."""
    return account is not None and any(hoort_bij(account.organisatie, p.id) for p in agreement.partijen)


def evidence_document(url: str, document_id: str) -> StoredDocument:
    """A stored evidence document with its bytes; :class:`AfspraakNietGevonden` when there is none."""
    row = q.document(url, document_id) if len(document_id) == 32 else None
    if row is None:
        raise AfspraakNietGevonden(f"document {document_id} bestaat niet")
    return StoredDocument(
        str(row["naam"]), str(row["content_type"]), bytes(row["inhoud"]), str(row["sha256"])
    )
