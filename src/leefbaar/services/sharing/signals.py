"""Signals about a household between parties (R14, R15): share, read, and delete after retention.

An association (or municipality, or care partner) shares a *signal* about a household
(betalingsachterstand, overlast, zorgsignaal) with a receiving party only under an agreement
that covers provider, receiver, purpose and category on that day
(``leefbaar.privacy.sharing.find_covering``). The household id never reaches the database: the
signal holds the receiver's pseudonym and the processing log's pseudonym, with the version of the
pseudonym key both were made with (``sleutelversie``). Every share, read and
deletion is one processing event plus one audit event, written in the same transaction; a
refusal leaves an audit event only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from leefbaar.config import Settings
from leefbaar.privacy.personal_text import personal_data_refusal
from leefbaar.privacy.policy import ONTVANGENDE_ROLLEN, Decision, Verzoek, decide
from leefbaar.privacy.processing_log import (
    LOG_RECEIVER,
    Handeling,
    ProcessingEvent,
    Vertrouwelijkheid,
    VerwerktObject,
    new_operation_id,
    new_trace_id,
)
from leefbaar.privacy.pseudonymise import Subjectsoort
from leefbaar.privacy.sharing import Gegevenscategorie, find_covering, verwijderdatum
from leefbaar.services.accounts import Account, actor_for
from leefbaar.services.processing_log import (
    ACTIVITEIT_BEWAARTERMIJN,
    ACTIVITEIT_SIGNALEN,
    LOG_BEWAARTERMIJN,
    Geweigerd,
    audit_event,
    aware,
    checked_keyring,
    record_audit,
)
from leefbaar.services.processing_log import append_events as _append_events
from leefbaar.services.sharing.access import authorize, resource_for
from leefbaar.services.sharing.agreements import NietGevonden, load_agreements
from leefbaar.services.sharing.fields import MAX_OMSCHRIJVING
from leefbaar.storage import privacy_queries as q

#: The categories a signal may have (toewijzing and woninggegevens are not signals).
SIGNAALCATEGORIEEN = (
    Gegevenscategorie.BETALINGSACHTERSTAND,
    Gegevenscategorie.OVERLAST,
    Gegevenscategorie.ZORGSIGNAAL,
)
GRONDSLAG_BEWAARTERMIJN = "AVG art. 5 lid 1 onder e (opslagbeperking)"


@dataclass(frozen=True)
class Signaal:
    """A signal as a receiver sees it: the household only as the receiver's pseudonym."""

    signaal_id: str
    verstrekker: str
    ontvanger: str
    categorie: Gegevenscategorie
    doel: str
    pseudoniem: str
    omschrijving: str
    signaaldatum: date
    verwijderdatum: date
    overeenkomst_id: str
    #: The pseudonym key version: pseudonyms of different versions cannot be compared.
    sleutelversie: int = 1


def _signal(row: dict[str, Any]) -> Signaal:
    return Signaal(
        signaal_id=row["signaal_id"],
        verstrekker=row["verstrekker"],
        ontvanger=row["ontvanger"],
        categorie=Gegevenscategorie(row["categorie"]),
        doel=row["doel"],
        pseudoniem=row["pseudoniem"],
        omschrijving=row["omschrijving"],
        signaaldatum=row["signaaldatum"],
        verwijderdatum=row["verwijderdatum"],
        overeenkomst_id=row["overeenkomst_id"],
        sleutelversie=int(row["sleutelversie"]),
    )


def _event(
    *,
    handeling: Handeling,
    actie: str,
    activiteit: str,
    doel: str,
    grondslag: str,
    organisatie: str,
    log_pseudoniem: str,
    sleutelversie: int,
    categorie: str,
    now: datetime,
    trace: str,
    operation: str,
    ontvanger: str | None = None,
    overeenkomst_id: str | None = None,
) -> ProcessingEvent:
    return ProcessingEvent(
        verwerkingsactiviteit_id=activiteit,
        verwerking_naam="Signalen delen tussen corporatie, gemeente en zorgpartner",
        actie_naam=actie,
        handeling=handeling,
        doel=doel,
        grondslag=grondslag,
        organisatie=organisatie,
        vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
        bewaartermijn=LOG_BEWAARTERMIJN,
        tijdstip=now,
        eind_tijdstip=now,
        trace_id=trace,
        operation_id=operation,
        verwerkte_objecten=(
            VerwerktObject(
                Subjectsoort.HUISHOUDEN,
                log_pseudoniem,
                soorten_gegevens=(categorie,),
                sleutelversie=sleutelversie,
            ),
        ),
        ontvanger=ontvanger,
        overeenkomst_id=overeenkomst_id,
    )


def share_signal(
    url: str,
    account: Account,
    household_id: str,
    ontvanger: str,
    categorie: Gegevenscategorie | str,
    doel: str,
    omschrijving: str,
    *,
    signaaldatum: date | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Signaal:
    """Share a signal about a household with ``ontvanger``; refused without a covering agreement."""
    now = aware(now or datetime.now(UTC))
    today = now.date()
    signaaldatum = signaaldatum or today
    trace = new_trace_id()

    def refuse(reden: str) -> Geweigerd:
        record_audit(url, [audit_event(account, "signaal.delen", False, reden, now=now, trace_id=trace)])
        return Geweigerd(reden)

    try:
        categorie = Gegevenscategorie(categorie)
    except ValueError:
        raise refuse(f"'{categorie}' is geen soort signaal") from None
    if categorie not in SIGNAALCATEGORIEEN:
        raise refuse(f"'{categorie.value}' is geen soort signaal")
    omschrijving = omschrijving.strip()
    if not omschrijving or len(omschrijving) > MAX_OMSCHRIJVING:
        raise ValueError(f"een signaal heeft een omschrijving van 1 tot {MAX_OMSCHRIJVING} tekens")
    personal = personal_data_refusal(omschrijving)
    if personal is not None:
        raise ValueError(f"de omschrijving {personal}")
    if signaaldatum > today:
        raise ValueError("de signaaldatum ligt in de toekomst")
    verzoek = Verzoek(resource_for(categorie), eigenaar=account.organisatie, categorie=categorie, doel=doel)
    own = authorize(url, account, verzoek, on_date=today)
    if not own:
        raise refuse(own.reason)
    cover = find_covering(
        load_agreements(url, account.organisatie), account.organisatie, ontvanger, doel, categorie, today
    )
    if not cover:
        raise refuse(cover.reden)
    agreement = cover.overeenkomst
    assert agreement is not None
    due = verwijderdatum(signaaldatum, agreement.bewaartermijn)
    if due <= today:
        raise refuse(f"de bewaartermijn ({agreement.bewaartermijn.iso()}) van dit signaal is al verstreken")
    ring = checked_keyring(url, settings)
    row: dict[str, Any] = {
        "signaal_id": secrets.token_hex(16),
        "verstrekker": account.organisatie,
        "ontvanger": ontvanger,
        "overeenkomst_id": agreement.id,
        "categorie": categorie.value,
        "doel": doel,
        "pseudoniem": ring.pseudonymiser(ontvanger, Subjectsoort.HUISHOUDEN).pseudonym(household_id),
        "log_pseudoniem": ring.pseudonymiser(LOG_RECEIVER, Subjectsoort.HUISHOUDEN).pseudonym(household_id),
        "sleutelversie": ring.huidige.versie,
        "omschrijving": omschrijving,
        "signaaldatum": signaaldatum,
        "verwijderdatum": due,
        "aangemaakt_op": now.astimezone(UTC).replace(tzinfo=None),
    }
    operation = new_operation_id()
    with q.transaction(url, log=True) as conn:
        q.insert_signal(conn, row)
        _append_events(
            conn,
            [
                _event(
                    handeling=Handeling.VERSTREKKEN,
                    actie="signaal delen",
                    activiteit=ACTIVITEIT_SIGNALEN,
                    doel=doel,
                    grondslag=agreement.grondslag,
                    organisatie=account.organisatie,
                    log_pseudoniem=row["log_pseudoniem"],
                    sleutelversie=int(row["sleutelversie"]),
                    categorie=categorie.value,
                    now=now,
                    trace=trace,
                    operation=operation,
                    ontvanger=ontvanger,
                    overeenkomst_id=agreement.id,
                ),
                audit_event(
                    account,
                    "signaal.delen",
                    True,
                    cover.reden,
                    now=now,
                    trace_id=trace,
                    operation_id=operation,
                ),
            ],
        )
    return _signal(row)


def _read_events(
    account: Account, rows: list[dict[str, Any]], decisions: list[Decision], now: datetime, trace: str
) -> list[Any]:
    events: list[Any] = []
    for row, decision in zip(rows, decisions, strict=True):
        operation = new_operation_id()
        events.append(
            _event(
                handeling=Handeling.LEZEN,
                actie="signaal lezen",
                activiteit=ACTIVITEIT_SIGNALEN,
                doel=decision.purpose or row["doel"],
                grondslag=decision.legal_basis or "",
                organisatie=account.organisatie,
                log_pseudoniem=row["log_pseudoniem"],
                sleutelversie=int(row["sleutelversie"]),
                categorie=row["categorie"],
                now=now,
                trace=trace,
                operation=operation,
                overeenkomst_id=decision.agreement_id or row["overeenkomst_id"],
            )
        )
        events.append(
            audit_event(
                account,
                "signaal.lezen",
                True,
                decision.reason,
                now=now,
                trace_id=trace,
                operation_id=operation,
            )
        )
    return events


def signals_for(url: str, account: Account, doel: str, *, now: datetime | None = None) -> list[Signaal]:
    """The signals the account's organisation received for ``doel`` and may still read; each read is logged."""
    now = aware(now or datetime.now(UTC))
    today = now.date()
    trace = new_trace_id()
    if account.rol not in ONTVANGENDE_ROLLEN or not doel.strip():
        reden = (
            "geen doel opgegeven: persoonsgegevens alleen met doelbinding"
            if account.rol in ONTVANGENDE_ROLLEN
            else f"rol {account.rol.value} ontvangt geen signalen"
        )
        record_audit(url, [audit_event(account, "signalen.lezen", False, reden, now=now, trace_id=trace)])
        raise Geweigerd(reden)
    actor = actor_for(url, account)
    agreements = load_agreements(url, account.organisatie)
    with q.transaction(url, log=True) as conn:
        rows, decisions = [], []
        for row in q.signals_for_receiver(conn, account.organisatie):
            if row["doel"] != doel or row["verwijderdatum"] <= today:
                continue
            categorie = Gegevenscategorie(row["categorie"])
            verzoek = Verzoek(
                resource_for(categorie), eigenaar=row["verstrekker"], categorie=categorie, doel=doel
            )
            decision = decide(actor, verzoek, agreements, on_date=today)
            if decision:
                rows.append(row)
                decisions.append(decision)
        _append_events(conn, _read_events(account, rows, decisions, now, trace))
    return [_signal(r) for r in rows]


def read_signal(
    url: str, account: Account, signal_id: str, doel: str, *, now: datetime | None = None
) -> Signaal:
    """One signal by id, for its provider or receiver, with a purpose; logged. Otherwise NietGevonden."""
    now = aware(now or datetime.now(UTC))
    today = now.date()
    trace = new_trace_id()
    refusal: str | None = None
    with q.transaction(url, log=True) as conn:
        row = q.signal_by_id(conn, signal_id[:64])
        if row is None or account.organisatie not in (row["verstrekker"], row["ontvanger"]):
            refusal = "signaal niet gevonden of niet voor deze organisatie"
        elif row["verwijderdatum"] <= today:
            refusal = "de bewaartermijn van dit signaal is verstreken"
        else:
            categorie = Gegevenscategorie(row["categorie"])
            verzoek = Verzoek(
                resource_for(categorie), eigenaar=row["verstrekker"], categorie=categorie, doel=doel
            )
            decision = authorize(url, account, verzoek, on_date=today)
            if not decision or (row["ontvanger"] == account.organisatie and doel != row["doel"]):
                refusal = (
                    decision.reason if not decision else f"dit signaal is gedeeld voor doel '{row['doel']}'"
                )
            else:
                _append_events(conn, _read_events(account, [row], [decision], now, trace))
    if refusal is not None:
        record_audit(url, [audit_event(account, "signaal.lezen", False, refusal, now=now, trace_id=trace)])
        raise NietGevonden(refusal) if "niet gevonden" in refusal else Geweigerd(refusal)
    assert row is not None
    return _signal(row)


def purge_expired(url: str, *, today: date | None = None, now: datetime | None = None) -> list[str]:
    """Delete every signal whose retention has run out, logging each deletion; returns their ids."""
    now = aware(now or datetime.now(UTC))
    today = today or now.date()
    trace = new_trace_id()
    with q.transaction(url, log=True) as conn:
        rows = q.expired_signals(conn, today)
        q.delete_signals(conn, [r["signaal_id"] for r in rows])
        events: list[Any] = []
        for row in rows:
            operation = new_operation_id()
            events.append(
                _event(
                    handeling=Handeling.VERWIJDEREN,
                    actie="signaal verwijderen na bewaartermijn",
                    activiteit=ACTIVITEIT_BEWAARTERMIJN,
                    doel="bewaartermijn",
                    grondslag=GRONDSLAG_BEWAARTERMIJN,
                    organisatie=row["ontvanger"],
                    log_pseudoniem=row["log_pseudoniem"],
                    sleutelversie=int(row["sleutelversie"]),
                    categorie=row["categorie"],
                    now=now,
                    trace=trace,
                    operation=operation,
                    overeenkomst_id=row["overeenkomst_id"],
                )
            )
            events.append(
                audit_event(
                    None,
                    "signaal.verwijderen",
                    True,
                    f"bewaartermijn verstreken op {row['verwijderdatum'].isoformat()}",
                    now=now,
                    trace_id=trace,
                    operation_id=operation,
                    gebruiker="systeem:bewaartermijn",
                )
            )
        _append_events(conn, events)
    return [r["signaal_id"] for r in rows]
