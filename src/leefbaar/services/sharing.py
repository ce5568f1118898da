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

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from leefbaar.config import Settings, get_settings
from leefbaar.domain.parties import PARTIJ_ID_PATTERN
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
    is_persoonsgegeven,
    verwijderdatum,
)
from leefbaar.services.accounts import Account, actor_for, get_account
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
from leefbaar.storage import sharing_queries as sq

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


def _check_may_register(url: str, account: Account, verstrekker: str, *, now: datetime, trace: str) -> None:
    """Only the beheerder or an account of the providing party registers; a refusal is audited."""
    if account.rol is Rol.BEHEERDER or account.organisatie == verstrekker:
        return
    reden = "alleen de beheerder of de verstrekkende partij registreert een overeenkomst"
    record_audit(
        url, [audit_event(account, "overeenkomst.registreren", False, reden, now=now, trace_id=trace)]
    )
    raise Geweigerd(reden)


def register_agreement(
    url: str, account: Account, agreement: Gegevensdelingsovereenkomst, *, now: datetime | None = None
) -> Gegevensdelingsovereenkomst:
    """Record an agreement. The beheerder or an account of the providing party may do so."""
    now = aware(now or datetime.now(UTC))
    trace = new_trace_id()
    _check_may_register(url, account, agreement.verstrekker, now=now, trace=trace)
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
# The sharing screens (web page /delen, command group ``leefbaar delen``)
#
# Both faces hand in what the user typed as text; the checks and their Dutch messages per field
# live here so that the page and the command refuse the same things in the same words.

#: Party kinds (``partij.soort``) that may hold, provide and receive personal data (the policy's
#: receiving roles have the same names).
PERSOONSGEGEVENS_PARTIJEN = frozenset(r.value for r in ONTVANGENDE_ROLLEN)
#: The longest retention an agreement may set; longer is almost certainly a typing error.
MAX_BEWAARTERMIJN_JAREN = 10
MAX_GRONDSLAG = 500
MAX_HUISHOUDEN = 64
_OVEREENKOMST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,39}")
_DOEL = re.compile(r"[a-z0-9][a-z0-9_-]{2,79}")
_EERSTE_DATUM, _LAATSTE_DATUM = date(2000, 1, 1), date(2100, 12, 31)


class AfspraakStatus(StrEnum):
    """Where an agreement stands on a given day."""

    ACTIEF = "actief"
    VERLOPEN = "verlopen"
    NOG_NIET_BEGONNEN = "nog niet begonnen"


def agreement_status(agreement: Gegevensdelingsovereenkomst, today: date) -> AfspraakStatus:
    if today < agreement.begindatum:
        return AfspraakStatus.NOG_NIET_BEGONNEN
    if agreement.einddatum is not None and today > agreement.einddatum:
        return AfspraakStatus.VERLOPEN
    return AfspraakStatus.ACTIEF


@dataclass(frozen=True)
class Veldfout:
    """One problem with one input field, in Dutch, for the error summary and next to the field."""

    veld: str
    tekst: str


class Invoerfouten(ValueError):
    """What the user typed cannot be used; nothing was stored. ``fouten`` has one entry per problem."""

    def __init__(self, fouten: Sequence[Veldfout]) -> None:
        super().__init__("; ".join(f.tekst for f in fouten))
        self.fouten = tuple(fouten)


def may_use_sharing(account: Account) -> Decision:
    """Whether the account has anything to do on the sharing screens.

    The beheerder registers and ends agreements (never reads signals); gemeente, corporatie and
    zorgpartner share and receive. The other roles never see personal data (privacy.md §4).
    """
    if account.rol is Rol.BEHEERDER:
        return Decision(True, "de beheerder registreert en beëindigt overeenkomsten")
    if account.rol in ONTVANGENDE_ROLLEN:
        return Decision(True, f"een {account.rol.value} deelt en ontvangt signalen onder overeenkomsten")
    return Decision(
        False,
        f"rol {account.rol.value} deelt en ontvangt geen persoonsgegevens, "
        "dus ook geen gegevensdelingsovereenkomsten en signalen",
    )


def acting_account(url: str, email: str, *, settings: Settings | None = None) -> Account:
    """The account a command acts as (``--als``): it must exist and be active; demo ones only in development."""
    settings = settings or get_settings()
    found = get_account(url, email)
    if found is None:
        raise Geweigerd(f"geen account voor {email.strip().lower()}")
    if not found.actief:
        raise Geweigerd(f"account {found.email} is niet actief")
    if found.demo and settings.environment != "development":
        raise Geweigerd("demo-accounts werken alleen in een ontwikkelomgeving")
    return found


@dataclass(frozen=True)
class Afspraakregel:
    """An agreement as the sharing screens list it: its status today and the organisation's part in it."""

    overeenkomst: Gegevensdelingsovereenkomst
    status: AfspraakStatus
    #: ``verstrekker``, ``ontvanger``, or ``beheer`` for the beheerder (party to none).
    rol: str


def _regel(account: Account, agreement: Gegevensdelingsovereenkomst, today: date) -> Afspraakregel:
    if agreement.verstrekker == account.organisatie:
        rol = "verstrekker"
    elif agreement.ontvanger == account.organisatie:
        rol = "ontvanger"
    else:
        rol = "beheer"
    return Afspraakregel(agreement, agreement_status(agreement, today), rol)


def agreements_for(url: str, account: Account, *, today: date | None = None) -> list[Afspraakregel]:
    """The agreements the account's organisation is party to (every agreement for the beheerder), newest first.

    Agreements name parties, purposes and legal bases, no person: reading them is not logged.
    """
    today = today or datetime.now(UTC).date()
    party = None if account.rol is Rol.BEHEERDER else account.organisatie
    found = sorted(load_agreements(url, party), key=lambda a: (a.begindatum, a.id), reverse=True)
    return [_regel(account, a, today) for a in found]


def _party_agreement(url: str, account: Account, agreement_id: str) -> Gegevensdelingsovereenkomst | None:
    """The agreement when the account may see it (a party to it, or the beheerder); else None."""
    if not agreement_id or _has_control(agreement_id, multiline=False):
        return None  # PostgreSQL refuses NUL in a query; no stored id has control characters
    with q.transaction(url) as conn:
        row = sq.agreement_by_id(conn, agreement_id[:40])
    if row is None:
        return None
    agreement = _agreement(row)
    mine = account.organisatie in (agreement.verstrekker, agreement.ontvanger)
    return agreement if mine or account.rol is Rol.BEHEERDER else None


def agreement_for(
    url: str, account: Account, agreement_id: str, *, today: date | None = None
) -> Afspraakregel:
    """One agreement for a party to it or the beheerder; otherwise NietGevonden (also for unknown ids)."""
    agreement = _party_agreement(url, account, agreement_id)
    if agreement is None:
        raise NietGevonden("overeenkomst niet gevonden of niet van deze organisatie")
    return _regel(account, agreement, today or datetime.now(UTC).date())


def _text(value: str) -> str:
    return value.strip()


def _has_control(value: str, *, multiline: bool = True) -> bool:
    """Control characters (NUL and the like) in typed text; line breaks and tabs only where allowed."""
    allowed = "\r\n\t" if multiline else ""
    return any((ord(c) < 32 and c not in allowed) or ord(c) == 127 for c in value)


def _parse_date(value: str, veld: str, naam: str, fouten: list[Veldfout], *, nodig: bool) -> date | None:
    text = value.strip()
    if not text:
        if nodig:
            fouten.append(Veldfout(veld, f"Vul de {naam} in (jjjj-mm-dd)."))
        return None
    try:
        found = date.fromisoformat(text)
    except ValueError:
        fouten.append(
            Veldfout(veld, f"De {naam} is geen datum; schrijf jjjj-mm-dd, bijvoorbeeld 2026-01-31.")
        )
        return None
    if not _EERSTE_DATUM <= found <= _LAATSTE_DATUM:
        fouten.append(Veldfout(veld, f"De {naam} ligt niet tussen 2000 en 2100."))
        return None
    return found


def _parse_retention(value: str, fouten: list[Veldfout]) -> Bewaartermijn | None:
    voorbeeld = "bijvoorbeeld P6M (zes maanden), P90D (90 dagen) of P1Y (een jaar)"
    if not value.strip():
        fouten.append(Veldfout("bewaartermijn", f"Vul de bewaartermijn in, {voorbeeld}."))
        return None
    try:
        termijn = Bewaartermijn.parse(value.upper()[:40])
    except ValueError:
        fouten.append(Veldfout("bewaartermijn", f"De bewaartermijn is niet te lezen; schrijf {voorbeeld}."))
        return None
    try:
        limit = date(_EERSTE_DATUM.year + MAX_BEWAARTERMIJN_JAREN, 1, 1)
        too_long = termijn.add_to(_EERSTE_DATUM) > limit
    except (ValueError, OverflowError):  # so many years or days that no calendar date is left
        too_long = True
    if too_long:
        fouten.append(
            Veldfout("bewaartermijn", f"Een bewaartermijn is ten hoogste {MAX_BEWAARTERMIJN_JAREN} jaar.")
        )
        return None
    return termijn


def _check_party(
    party_id: str, veld: str, naam: str, kinds: dict[str, str], fouten: list[Veldfout]
) -> str | None:
    """The party's kind (gemeente, corporatie ...) when it is known; otherwise a field error."""
    if not party_id:
        fouten.append(Veldfout(veld, f"Vul de {naam} partij in, bijvoorbeeld L0001, GM0363 of ZP0001."))
        return None
    if party_id not in kinds:
        fouten.append(
            Veldfout(veld, f"Partij {party_id[:20]} is onbekend; gebruik de code van een bekende partij.")
        )
        return None
    return kinds[party_id]


def _check_categories(
    values: Sequence[str], provider_kind: str | None, receiver_kind: str | None, fouten: list[Veldfout]
) -> frozenset[Gegevenscategorie]:
    chosen: set[Gegevenscategorie] = set()
    for value in values:
        try:
            chosen.add(Gegevenscategorie(value.strip()))
        except ValueError:
            fouten.append(Veldfout("categorieen", f"‘{value[:40]}’ is geen gegevenscategorie."))
    if not chosen and not values:
        fouten.append(Veldfout("categorieen", "Kies minstens één gegevenscategorie."))
    personal = sorted(c.value for c in chosen if is_persoonsgegeven(c))
    if personal and receiver_kind is not None and receiver_kind not in PERSOONSGEGEVENS_PARTIJEN:
        fouten.append(
            Veldfout(
                "categorieen",
                f"Een {receiver_kind} ontvangt geen persoonsgegevens ({', '.join(personal)}); "
                "alleen een gemeente, corporatie of zorgpartner.",
            )
        )
    # Only judged when both parties are known; an unknown party already has its own message.
    known = receiver_kind is not None and provider_kind is not None
    if (
        Gegevenscategorie.WONINGGEGEVENS in chosen
        and known
        and (provider_kind, receiver_kind)
        != (
            "corporatie",
            "gemeente",
        )
    ):
        fouten.append(
            Veldfout("categorieen", "Woninggegevens gaan alleen van een corporatie naar een gemeente.")
        )
    return frozenset(chosen)


@dataclass(frozen=True)
class AfspraakInvoer:
    """A sharing agreement as typed on the form or the command line (all text)."""

    verstrekker: str = ""
    ontvanger: str = ""
    doel: str = ""
    doel_omschrijving: str = ""
    grondslag: str = ""
    categorieen: tuple[str, ...] = ()
    bewaartermijn: str = ""
    begindatum: str = ""
    einddatum: str = ""
    overeenkomst_id: str = ""


def _provider_of(account: Account, invoer: AfspraakInvoer) -> str:
    """The providing party: as typed (upper case), or the account's own organisation when left empty."""
    typed = invoer.verstrekker.strip().upper()
    return typed or ("" if account.rol is Rol.BEHEERDER else account.organisatie)


def check_agreement(url: str, account: Account, invoer: AfspraakInvoer) -> Gegevensdelingsovereenkomst:
    """The agreement the input describes, or Invoerfouten with a Dutch message per field."""
    fouten: list[Veldfout] = []
    verstrekker = _provider_of(account, invoer)
    ontvanger = invoer.ontvanger.strip().upper()
    # Only well-formed ids reach the query (PostgreSQL refuses a NUL; anything else is unknown anyway).
    ids = [p for p in (verstrekker, ontvanger) if re.fullmatch(PARTIJ_ID_PATTERN, p)]
    kinds = {k: str(v["soort"]) for k, v in sq.parties_by_id(url, ids).items()}
    provider_kind = _check_party(verstrekker, "verstrekker", "verstrekkende", kinds, fouten)
    if provider_kind is not None and provider_kind not in PERSOONSGEGEVENS_PARTIJEN:
        fouten.append(
            Veldfout(
                "verstrekker",
                f"Een {provider_kind} verstrekt geen gegevens onder een overeenkomst; "
                "alleen een gemeente, corporatie of zorgpartner.",
            )
        )
        provider_kind = None
    receiver_kind = _check_party(ontvanger, "ontvanger", "ontvangende", kinds, fouten)
    if receiver_kind is not None and ontvanger == verstrekker:
        fouten.append(Veldfout("ontvanger", "De ontvanger is dezelfde partij als de verstrekker."))
        receiver_kind = None
    doel = invoer.doel.strip()
    if not doel:
        fouten.append(
            Veldfout("doel", "Vul het doel in als korte code, bijvoorbeeld vroegsignalering_schulden.")
        )
    elif _DOEL.fullmatch(doel) is None:
        fouten.append(
            Veldfout(
                "doel",
                "Het doel is een code van 3 tot 80 kleine letters, cijfers, - of _, "
                "bijvoorbeeld vroegsignalering_schulden.",
            )
        )
    omschrijving = _text(invoer.doel_omschrijving)
    if not omschrijving:
        fouten.append(
            Veldfout("doel_omschrijving", "Beschrijf in woorden waarvoor de gegevens gedeeld worden.")
        )
    elif len(omschrijving) > MAX_OMSCHRIJVING or _has_control(omschrijving):
        fouten.append(
            Veldfout(
                "doel_omschrijving", f"De omschrijving van het doel is langer dan {MAX_OMSCHRIJVING} tekens."
            )
        )
    grondslag = _text(invoer.grondslag)
    if not grondslag:
        fouten.append(
            Veldfout(
                "grondslag",
                "Vul de wettelijke grondslag in, bijvoorbeeld ‘Wet gemeentelijke schuldhulpverlening, art. 3’.",
            )
        )
    elif len(grondslag) > MAX_GRONDSLAG or _has_control(grondslag):
        fouten.append(Veldfout("grondslag", f"De grondslag is langer dan {MAX_GRONDSLAG} tekens."))
    categorieen = _check_categories(invoer.categorieen, provider_kind, receiver_kind, fouten)
    termijn = _parse_retention(invoer.bewaartermijn, fouten)
    begin = _parse_date(invoer.begindatum, "begindatum", "begindatum", fouten, nodig=True)
    eind = _parse_date(invoer.einddatum, "einddatum", "einddatum", fouten, nodig=False)
    if begin is not None and eind is not None and eind < begin:
        fouten.append(Veldfout("einddatum", "De einddatum ligt voor de begindatum."))
    agreement_id = invoer.overeenkomst_id.strip()
    if agreement_id and _OVEREENKOMST_ID.fullmatch(agreement_id) is None:
        fouten.append(
            Veldfout(
                "overeenkomst_id",
                "Het kenmerk heeft 3 tot 40 letters, cijfers, punten, - of _, of laat het leeg.",
            )
        )
    elif agreement_id:
        with q.transaction(url) as conn:
            if q.agreement_exists(conn, agreement_id):
                fouten.append(Veldfout("overeenkomst_id", f"Er bestaat al een overeenkomst {agreement_id}."))
    if fouten:
        raise Invoerfouten(fouten)
    assert termijn is not None and begin is not None
    return Gegevensdelingsovereenkomst(
        id=agreement_id or f"GDO-{verstrekker}-{ontvanger}-{secrets.token_hex(3).upper()}",
        verstrekker=verstrekker,
        ontvanger=ontvanger,
        doel=doel,
        doel_omschrijving=omschrijving,
        grondslag=grondslag,
        categorieen=categorieen,
        bewaartermijn=termijn,
        begindatum=begin,
        einddatum=eind,
    )


def register_agreement_from_input(
    url: str, account: Account, invoer: AfspraakInvoer, *, now: datetime | None = None
) -> Gegevensdelingsovereenkomst:
    """Check who asks (Geweigerd, audited), then the input (Invoerfouten), then register it (audited)."""
    now = aware(now or datetime.now(UTC))
    # Who may register comes first: a corporatie typing another association learns nothing from field checks.
    _check_may_register(url, account, _provider_of(account, invoer), now=now, trace=new_trace_id())
    agreement = check_agreement(url, account, invoer)
    try:
        return register_agreement(url, account, agreement, now=now)
    except Geweigerd:
        raise
    except ValueError as exc:  # registered by someone else between the check and now
        raise Invoerfouten([Veldfout("overeenkomst_id", str(exc)[0].upper() + str(exc)[1:] + ".")]) from None


def end_agreement(
    url: str,
    account: Account,
    agreement_id: str,
    einddatum: date | None = None,
    *,
    now: datetime | None = None,
) -> Gegevensdelingsovereenkomst:
    """End an agreement early: its last day becomes ``einddatum`` (default today; yesterday = at once).

    The beheerder and both parties may end it (ending only takes access away). Unknown ids and
    agreements of others give NietGevonden; the attempt is audited. The end date cannot lie
    before yesterday (signals were shared under the agreement until now, and that record stays
    true), before the start, or on or after the current end (extending is a new agreement).
    """
    now = aware(now or datetime.now(UTC))
    today = now.date()
    einddatum = einddatum or today
    trace = new_trace_id()
    agreement = _party_agreement(url, account, agreement_id)

    def refuse(reden: str) -> None:
        record_audit(
            url, [audit_event(account, "overeenkomst.beeindigen", False, reden, now=now, trace_id=trace)]
        )

    if agreement is None:
        refuse("overeenkomst niet gevonden of niet van deze organisatie")
        raise NietGevonden("overeenkomst niet gevonden of niet van deze organisatie")
    problem = None
    if agreement.einddatum is not None and agreement.einddatum < today:
        problem = f"De overeenkomst is al verlopen op {agreement.einddatum:%d-%m-%Y}."
    elif einddatum < today - timedelta(days=1):
        problem = "De einddatum ligt in het verleden; kies gisteren (per direct) of later."
    elif einddatum < agreement.begindatum:
        problem = f"De einddatum ligt voor de begindatum ({agreement.begindatum:%d-%m-%Y})."
    elif agreement.einddatum is not None and einddatum >= agreement.einddatum:
        problem = (
            f"De overeenkomst eindigt al op {agreement.einddatum:%d-%m-%Y}; beëindigen kan alleen eerder "
            "(verlengen is een nieuwe overeenkomst)."
        )
    if problem is not None:
        raise Invoerfouten([Veldfout("einddatum", problem)])
    with q.transaction(url, log=True) as conn:
        sq.set_agreement_end(conn, agreement.id, einddatum)
        _append_events(
            conn,
            [
                audit_event(
                    account,
                    "overeenkomst.beeindigen",
                    True,
                    f"overeenkomst {agreement.id} eindigt op {einddatum.isoformat()}",
                    now=now,
                    trace_id=trace,
                )
            ],
        )
    return replace(agreement, einddatum=einddatum)


# Signals on the screens


def signal_agreements(
    url: str, account: Account, *, today: date | None = None
) -> list[Gegevensdelingsovereenkomst]:
    """Agreements in force today under which the account's organisation may share signals."""
    today = today or datetime.now(UTC).date()
    if account.rol not in ONTVANGENDE_ROLLEN:
        return []
    return [
        a
        for a in load_agreements(url, account.organisatie)
        if a.verstrekker == account.organisatie
        and a.in_force(today)
        and any(c in SIGNAALCATEGORIEEN for c in a.categorieen)
    ]


@dataclass(frozen=True)
class SignaalInvoer:
    """A signal as typed on the form or the command line: under which agreement, about which household."""

    overeenkomst_id: str = ""
    categorie: str = ""
    huishouden: str = ""
    omschrijving: str = ""
    signaaldatum: str = ""


def _signal_errors(
    invoer: SignaalInvoer, agreement: Gegevensdelingsovereenkomst, today: date
) -> tuple[list[Veldfout], date | None]:
    fouten: list[Veldfout] = []
    soorten = [c for c in SIGNAALCATEGORIEEN if c in agreement.categorieen]
    if invoer.categorie.strip() not in {c.value for c in soorten}:
        fouten.append(
            Veldfout(
                "categorie",
                f"Kies een soort signaal dat overeenkomst {agreement.id} omvat: "
                + ", ".join(c.value for c in soorten)
                + ".",
            )
        )
    huishouden = invoer.huishouden.strip()
    if not huishouden:
        fouten.append(Veldfout("huishouden", "Vul de eigen referentie van het huishouden in."))
    elif len(huishouden) > MAX_HUISHOUDEN or _has_control(huishouden, multiline=False):
        fouten.append(
            Veldfout(
                "huishouden",
                f"De referentie van het huishouden is één regel van ten hoogste {MAX_HUISHOUDEN} tekens.",
            )
        )
    omschrijving = invoer.omschrijving.strip()
    if not omschrijving:
        fouten.append(Veldfout("omschrijving", "Beschrijf het signaal."))
    elif len(omschrijving) > MAX_OMSCHRIJVING or _has_control(omschrijving):
        fouten.append(Veldfout("omschrijving", f"De omschrijving is langer dan {MAX_OMSCHRIJVING} tekens."))
    signaaldatum = _parse_date(invoer.signaaldatum, "signaaldatum", "signaaldatum", fouten, nodig=False)
    if signaaldatum is not None and signaaldatum > today:
        fouten.append(Veldfout("signaaldatum", "De signaaldatum ligt in de toekomst."))
    return fouten, signaaldatum


def share_signal_from_input(
    url: str,
    account: Account,
    invoer: SignaalInvoer,
    *,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Signaal:
    """Share a signal under the chosen agreement (see :func:`share_signal` for the rules and the log).

    An agreement the account's organisation is not party to gives NietGevonden; one where it is
    the receiver, not the provider, gives Geweigerd; both are audited. Field problems give
    Invoerfouten and store nothing.
    """
    now = aware(now or datetime.now(UTC))
    agreement = _party_agreement(url, account, invoer.overeenkomst_id.strip())
    if agreement is None or agreement.verstrekker != account.organisatie:
        reden = (
            "overeenkomst niet gevonden of niet van deze organisatie"
            if agreement is None or account.rol is Rol.BEHEERDER
            else f"alleen de verstrekker ({agreement.verstrekker}) deelt signalen onder overeenkomst {agreement.id}"
        )
        record_audit(
            url, [audit_event(account, "signaal.delen", False, reden, now=now, trace_id=new_trace_id())]
        )
        raise NietGevonden(reden) if "niet gevonden" in reden else Geweigerd(reden)
    fouten, signaaldatum = _signal_errors(invoer, agreement, now.date())
    if fouten:
        raise Invoerfouten(fouten)
    return share_signal(
        url,
        account,
        invoer.huishouden.strip(),
        agreement.ontvanger,
        invoer.categorie.strip(),
        agreement.doel,
        invoer.omschrijving.strip(),
        signaaldatum=signaaldatum,
        now=now,
        settings=settings,
    )


@dataclass(frozen=True)
class VerstuurdSignaal:
    """What the provider's overview shows of a signal it sent: no household, no pseudonym, no text.

    Without any of those a row is not about an identifiable household, so listing it is not a
    read of personal data (the text the provider wrote stays with the receiver).
    """

    signaal_id: str
    ontvanger: str
    overeenkomst_id: str
    categorie: Gegevenscategorie
    doel: str
    signaaldatum: date
    verwijderdatum: date


def sent_signals(url: str, account: Account, *, today: date | None = None) -> list[VerstuurdSignaal]:
    """The signals the account's organisation sent that are still kept, newest first."""
    today = today or datetime.now(UTC).date()
    if account.rol not in ONTVANGENDE_ROLLEN:
        return []
    return [
        VerstuurdSignaal(
            signaal_id=r["signaal_id"],
            ontvanger=r["ontvanger"],
            overeenkomst_id=r["overeenkomst_id"],
            categorie=Gegevenscategorie(r["categorie"]),
            doel=r["doel"],
            signaaldatum=r["signaaldatum"],
            verwijderdatum=r["verwijderdatum"],
        )
        for r in sq.sent_signal_summaries(url, account.organisatie)
        if r["verwijderdatum"] > today
    ]


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
