"""Sharing agreements (gegevensdelingsovereenkomsten): stored, listed, registered and ended.

Who may register (the beheerder or an account of the providing party) and who may end one (the
beheerder and both parties) is checked here, whichever face asks; every registration and ending is
an audit event, and so is a refusal. Agreements name parties, purposes and legal bases, no person:
reading them is not logged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from leefbaar.domain.parties import Rol
from leefbaar.privacy.processing_log import new_trace_id
from leefbaar.privacy.sharing import Bewaartermijn, Gegevenscategorie, Gegevensdelingsovereenkomst
from leefbaar.services.accounts import Account
from leefbaar.services.processing_log import Geweigerd, audit_event, aware, record_audit
from leefbaar.services.processing_log import append_events as _append_events
from leefbaar.services.sharing.fields import Invoerfouten, Veldfout, has_control
from leefbaar.storage import privacy_queries as q
from leefbaar.storage import sharing_queries as sq


class NietGevonden(LookupError):
    """No such signal for this account. Deliberately the same for 'does not exist' and 'not yours'."""


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


def check_may_register(url: str, account: Account, verstrekker: str, *, now: datetime, trace: str) -> None:
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
    check_may_register(url, account, agreement.verstrekker, now=now, trace=trace)
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


def party_agreement(url: str, account: Account, agreement_id: str) -> Gegevensdelingsovereenkomst | None:
    """The agreement when the account may see it (a party to it, or the beheerder); else None."""
    if not agreement_id or has_control(agreement_id, multiline=False):
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
    agreement = party_agreement(url, account, agreement_id)
    if agreement is None:
        raise NietGevonden("overeenkomst niet gevonden of niet van deze organisatie")
    return _regel(account, agreement, today or datetime.now(UTC).date())


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
    agreement = party_agreement(url, account, agreement_id)

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
