"""Sharing agreements (gegevensdelingsovereenkomsten) and signals between parties (R14, R15).

An association (or municipality, or care partner) shares a *signal* about a household
(betalingsachterstand, overlast, zorgsignaal) with a receiving party only under an agreement
that covers provider, receiver, purpose and category on that day
(``leefbaar.privacy.sharing.find_covering``). The household id never reaches the database: the
signal holds the receiver's pseudonym and the processing log's pseudonym. Every share, read and
deletion is one processing event plus one audit event, written in the same transaction; a
refusal leaves an audit event only.

:func:`authorize` is the single policy call for pages and endpoints: it turns an account into the
policy's Actor, loads the agreements the actor is party to, and calls ``privacy.policy.decide``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from leefbaar.config import Settings
from leefbaar.privacy.policy import ONTVANGENDE_ROLLEN, Decision, Resource, Rol, Verzoek, decide
from leefbaar.privacy.processing_log import (
    LOG_RECEIVER,
    Handeling,
    ProcessingEvent,
    Vertrouwelijkheid,
    VerwerktObject,
    new_operation_id,
    new_trace_id,
)
from leefbaar.privacy.pseudonymise import Pseudonymiser, Subjectsoort
from leefbaar.privacy.sharing import (
    Bewaartermijn,
    Gegevenscategorie,
    Gegevensdelingsovereenkomst,
    find_covering,
    is_bijzonder,
    verwijderdatum,
)
from leefbaar.services.accounts import Account, actor_for
from leefbaar.services.processing_log import (
    ACTIVITEIT_BEWAARTERMIJN,
    ACTIVITEIT_SIGNALEN,
    LOG_BEWAARTERMIJN,
    Geweigerd,
    audit_event,
    aware,
    master_key,
    record_audit,
)
from leefbaar.services.processing_log import append_events as _append_events
from leefbaar.storage import privacy_queries as q

#: The categories a signal may have (toewijzing and woninggegevens are not signals).
SIGNAALCATEGORIEEN = (
    Gegevenscategorie.BETALINGSACHTERSTAND,
    Gegevenscategorie.OVERLAST,
    Gegevenscategorie.ZORGSIGNAAL,
)
GRONDSLAG_BEWAARTERMIJN = "AVG art. 5 lid 1 onder e (opslagbeperking)"
MAX_OMSCHRIJVING = 2000


class NietGevonden(LookupError):
    """No such signal for this account. Deliberately the same for 'does not exist' and 'not yours'."""


# ----------------------------------------------------------------------------------------------
# The single policy call


def resource_for(categorie: Gegevenscategorie) -> Resource:
    return Resource.BIJZONDERE_PERSOONSGEGEVENS if is_bijzonder(categorie) else Resource.PERSOONSGEGEVENS


def authorize(
    url: str, account: Account | None, verzoek: Verzoek, *, on_date: date | None = None
) -> Decision:
    """``privacy.policy.decide`` for an account, with its linked parties and agreements resolved."""
    actor = actor_for(url, account)
    agreements = load_agreements(url, actor.organisatie) if actor is not None else []
    return decide(actor, verzoek, agreements, on_date=on_date or datetime.now(UTC).date())


# ----------------------------------------------------------------------------------------------
# Agreements


def _agreement(row: dict[str, Any]) -> Gegevensdelingsovereenkomst:
    return Gegevensdelingsovereenkomst(
        id=row["overeenkomst_id"],
        verstrekker=row["verstrekker"],
        ontvanger=row["ontvanger"],
        doel=row["doel"],
        doel_omschrijving=row["doel_omschrijving"],
        grondslag=row["grondslag"],
        categorieen=frozenset(Gegevenscategorie(c) for c in row["categorieen"].split(";") if c),
        bewaartermijn=Bewaartermijn.parse(row["bewaartermijn"]),
        begindatum=row["begindatum"],
        einddatum=row["einddatum"],
    )


def load_agreements(url: str, party: str | None = None) -> list[Gegevensdelingsovereenkomst]:
    """Agreements in which ``party`` provides or receives (every agreement when None)."""
    return [_agreement(r) for r in q.agreements_of(url, party)]


def receiving_purposes(url: str, account: Account) -> list[str]:
    """The purposes for which the account's organisation receives data under some agreement."""
    return sorted(
        {a.doel for a in load_agreements(url, account.organisatie) if a.ontvanger == account.organisatie}
    )


def register_agreement(
    url: str, account: Account, agreement: Gegevensdelingsovereenkomst, *, now: datetime | None = None
) -> Gegevensdelingsovereenkomst:
    """Record an agreement. The beheerder or an account of the providing party may do so."""
    now = aware(now or datetime.now(UTC))
    trace = new_trace_id()
    if account.rol is not Rol.BEHEERDER and account.organisatie != agreement.verstrekker:
        reden = "alleen de beheerder of de verstrekkende partij registreert een overeenkomst"
        record_audit(
            url, [audit_event(account, "overeenkomst.registreren", False, reden, now=now, trace_id=trace)]
        )
        raise Geweigerd(reden)
    with q.transaction(url, log=True) as conn:
        if q.agreement_exists(conn, agreement.id):
            raise ValueError(f"overeenkomst {agreement.id} bestaat al")
        q.insert_agreement(
            conn,
            {
                "overeenkomst_id": agreement.id,
                "verstrekker": agreement.verstrekker,
                "ontvanger": agreement.ontvanger,
                "doel": agreement.doel,
                "doel_omschrijving": agreement.doel_omschrijving,
                "grondslag": agreement.grondslag,
                "categorieen": ";".join(sorted(c.value for c in agreement.categorieen)),
                "bewaartermijn": agreement.bewaartermijn.iso(),
                "begindatum": agreement.begindatum,
                "einddatum": agreement.einddatum,
                "geregistreerd_door": account.account_id,
                "geregistreerd_op": now.astimezone(UTC).replace(tzinfo=None),
            },
        )
        _append_events(
            conn,
            [
                audit_event(
                    account,
                    "overeenkomst.registreren",
                    True,
                    f"overeenkomst {agreement.id}",
                    now=now,
                    trace_id=trace,
                )
            ],
        )
    return agreement


# ----------------------------------------------------------------------------------------------
# Signals


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
            VerwerktObject(Subjectsoort.HUISHOUDEN, log_pseudoniem, soorten_gegevens=(categorie,)),
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
    key = master_key(settings)
    row: dict[str, Any] = {
        "signaal_id": secrets.token_hex(16),
        "verstrekker": account.organisatie,
        "ontvanger": ontvanger,
        "overeenkomst_id": agreement.id,
        "categorie": categorie.value,
        "doel": doel,
        "pseudoniem": Pseudonymiser.for_receiver(key, ontvanger, Subjectsoort.HUISHOUDEN).pseudonym(
            household_id
        ),
        "log_pseudoniem": Pseudonymiser.for_receiver(key, LOG_RECEIVER, Subjectsoort.HUISHOUDEN).pseudonym(
            household_id
        ),
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


# ----------------------------------------------------------------------------------------------
# Demo data (development only)

#: Synthetic household ids of the demo signals; never real ids.
DEMO_HUISHOUDENS = ("DEMO-HH-000001", "DEMO-HH-000002", "DEMO-HH-000003")


def demo_agreements() -> list[Gegevensdelingsovereenkomst]:
    """Two demo agreements: arrears L0001 -> GM0363, care signals and nuisance L0001 -> ZP0001."""
    return [
        Gegevensdelingsovereenkomst(
            id="GDO-DEMO-L0001-GM0363",
            verstrekker="L0001",
            ontvanger="GM0363",
            doel="vroegsignalering_schulden",
            doel_omschrijving="vroegsignalering van betalingsachterstanden (demo)",
            grondslag="Wet gemeentelijke schuldhulpverlening, art. 3 en 5 (vroegsignalering)",
            categorieen=frozenset({Gegevenscategorie.BETALINGSACHTERSTAND}),
            bewaartermijn=Bewaartermijn(maanden=6),
            begindatum=date(2025, 1, 1),
        ),
        Gegevensdelingsovereenkomst(
            id="GDO-DEMO-L0001-ZP0001",
            verstrekker="L0001",
            ontvanger="ZP0001",
            doel="zorg_en_ondersteuning",
            doel_omschrijving="zorg en ondersteuning bij overlast en zorgen over een huurder (demo)",
            grondslag="uitdrukkelijke toestemming van de huurder (AVG art. 9 lid 2 onder a)",
            categorieen=frozenset({Gegevenscategorie.ZORGSIGNAAL, Gegevenscategorie.OVERLAST}),
            bewaartermijn=Bewaartermijn(dagen=90),
            begindatum=date(2025, 1, 1),
        ),
    ]


def create_demo_sharing(url: str, beheerder: Account, corporatie: Account, *, settings: Settings) -> int:
    """Register the demo agreements and share a few synthetic signals; development only.

    Returns the number of signals shared (0 when the demo agreements already exist).
    """
    if settings.environment != "development":
        raise Geweigerd("demogegevens voor signalen alleen in een ontwikkelomgeving")
    existing = {a.id for a in load_agreements(url, corporatie.organisatie)}
    agreements = demo_agreements()
    if all(a.id in existing for a in agreements):
        return 0
    for agreement in agreements:
        if agreement.id not in existing:
            register_agreement(url, beheerder, agreement)
    plan = [
        (
            DEMO_HUISHOUDENS[0],
            "GM0363",
            "betalingsachterstand",
            "vroegsignalering_schulden",
            "Huur 2 maanden niet betaald.",
        ),
        (
            DEMO_HUISHOUDENS[1],
            "GM0363",
            "betalingsachterstand",
            "vroegsignalering_schulden",
            "Betalingsregeling niet nagekomen.",
        ),
        (
            DEMO_HUISHOUDENS[2],
            "ZP0001",
            "zorgsignaal",
            "zorg_en_ondersteuning",
            "Zorgen over zelfredzaamheid bewoner.",
        ),
        (
            DEMO_HUISHOUDENS[2],
            "ZP0001",
            "overlast",
            "zorg_en_ondersteuning",
            "Herhaalde geluidsoverlast gemeld door buren.",
        ),
    ]
    for household, ontvanger, categorie, doel, tekst in plan:
        share_signal(url, corporatie, household, ontvanger, categorie, doel, tekst, settings=settings)
    return len(plan)
