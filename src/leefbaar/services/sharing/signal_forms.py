"""Signals on the sharing screens: which agreements a form offers, sharing what was typed, and the
provider's overview of the signals it sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from leefbaar.config import Settings
from leefbaar.domain.parties import Rol
from leefbaar.privacy.personal_text import personal_data_refusal
from leefbaar.privacy.policy import ONTVANGENDE_ROLLEN
from leefbaar.privacy.processing_log import new_trace_id
from leefbaar.privacy.sharing import Gegevenscategorie, Gegevensdelingsovereenkomst
from leefbaar.services.accounts import Account
from leefbaar.services.processing_log import Geweigerd, audit_event, aware, record_audit
from leefbaar.services.sharing.agreements import NietGevonden, load_agreements, party_agreement
from leefbaar.services.sharing.fields import (
    MAX_OMSCHRIJVING,
    Invoerfouten,
    Veldfout,
    has_control,
    parse_date,
)
from leefbaar.services.sharing.signals import SIGNAALCATEGORIEEN, Signaal, share_signal
from leefbaar.storage import sharing_queries as sq

MAX_HUISHOUDEN = 64


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
    elif len(huishouden) > MAX_HUISHOUDEN or has_control(huishouden, multiline=False):
        fouten.append(
            Veldfout(
                "huishouden",
                f"De referentie van het huishouden is één regel van ten hoogste {MAX_HUISHOUDEN} tekens.",
            )
        )
    omschrijving = invoer.omschrijving.strip()
    if not omschrijving:
        fouten.append(Veldfout("omschrijving", "Beschrijf het signaal."))
    elif len(omschrijving) > MAX_OMSCHRIJVING or has_control(omschrijving):
        fouten.append(Veldfout("omschrijving", f"De omschrijving is langer dan {MAX_OMSCHRIJVING} tekens."))
    elif (personal := personal_data_refusal(omschrijving)) is not None:
        fouten.append(Veldfout("omschrijving", f"De omschrijving {personal}."))
    signaaldatum = parse_date(invoer.signaaldatum, "signaaldatum", "signaaldatum", fouten, nodig=False)
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
    agreement = party_agreement(url, account, invoer.overeenkomst_id.strip())
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
