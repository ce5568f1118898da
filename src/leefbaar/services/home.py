"""A signed-in user's home ("Mijn organisatie"): the organisation's agreements, the commitments that
wait on it, how fresh its data is, its recent imports and activity. Read-only; everything shown here
is also on the public agreement pages, apart from the imports, which only the organisation sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from leefbaar.domain.agreements import Status
from leefbaar.domain.parties import BEHEER_ORGANISATIE, PartijSoort, soort_van_id
from leefbaar.rules.model import AfspraakSoort
from leefbaar.services.accounts import Account
from leefbaar.services.agreements import activity, commitments, records
from leefbaar.storage import organisation_queries as q

#: How many recent imports and activity entries the home page lists.
RECENT = 10

#: Reported statuses that ask the responsible party to act before the deadline.
_NEEDS_ATTENTION = (Status.GEEN_GEGEVENS, Status.RISICO, Status.NIET_GEHAALD)


@dataclass(frozen=True)
class Actiepunt:
    """A qualitative commitment that waits on the organisation, and why."""

    afspraak_id: str
    afspraak_titel: str
    toezegging_id: str
    omschrijving: str
    deadline: date
    status: Status
    reden: str

    @property
    def pad(self) -> str:
        return f"/afspraken/{self.afspraak_id}/toezeggingen/{self.toezegging_id}"


@dataclass(frozen=True)
class MijnAfspraak:
    afspraak_id: str
    titel: str
    lokaal: bool
    partijen: int


@dataclass(frozen=True)
class Thuis:
    organisatie: str
    naam: str
    soort: PartijSoort | None
    eigen_pagina: str | None
    afspraken: tuple[MijnAfspraak, ...]
    actiepunten: tuple[Actiepunt, ...]
    actualiteit: tuple[dict[str, Any], ...]
    invoer: tuple[dict[str, Any], ...]
    activiteit: tuple[activity.Activiteit, ...]


def own_page(organisatie: str) -> str | None:
    """The public page of the organisation, where it has one."""
    soort = soort_van_id(organisatie)
    if soort is PartijSoort.GEMEENTE:
        return f"/gemeenten/{organisatie}"
    if soort is PartijSoort.CORPORATIE:
        return f"/corporaties/{organisatie}"
    return None


def _wait_reason(account: Account, stand: commitments.KwalitatieveStand) -> tuple[Status, str] | None:
    """Why this commitment waits on the account's organisation, or None when it does not."""
    org = account.organisatie
    own = [d for d in stand.delen if d.partij_id == org]
    if commitments.may_report(account, stand.toezegging):
        if not own or own[0].oordeel.gemeld is None:
            late = stand.peildatum > stand.toezegging.deadline
            status = own[0].oordeel.status if own else (Status.NIET_GEHAALD if late else Status.GEEN_GEGEVENS)
            return status, "Uw organisatie heeft nog geen stand gemeld."
        oordeel = own[0].oordeel
        if oordeel.betwist:
            return oordeel.status, "Een medeondertekenaar betwist de gemelde stand."
        if oordeel.status in _NEEDS_ATTENTION:
            return oordeel.status, f"De stand is '{oordeel.status.value}'."
        return None
    for deel in stand.delen:  # a co-signer: reported statuses it has not reacted to yet
        gemeld = deel.oordeel.gemeld
        if gemeld is None or deel.partij_id == org:
            continue
        reacted = any(
            r.partij == org and r.op_melding == gemeld.melding_id
            for r in (*deel.oordeel.bevestigingen, *deel.oordeel.betwistingen)
        )
        if not reacted:
            return (
                deel.oordeel.status,
                f"{deel.naam} meldde '{gemeld.status.value}'; u kunt bevestigen of betwisten.",
            )
    return None


def _action_items(
    url: str, account: Account, mine: list[records.StoredAgreement], day: date
) -> list[Actiepunt]:
    items: list[Actiepunt] = []
    for stored in mine:
        for stand in commitments.qualitative_states(url, stored, day):
            found = _wait_reason(account, stand)
            if found is None:
                continue
            status, reden = found
            items.append(
                Actiepunt(
                    stored.agreement.id,
                    stored.agreement.titel,
                    stand.toezegging.id,
                    stand.toezegging.titel,
                    stand.toezegging.deadline,
                    status,
                    reden,
                )
            )
    return sorted(items, key=lambda a: (a.deadline, a.afspraak_id, a.toezegging_id))


def organisation_home(url: str, account: Account, today: date | None = None) -> Thuis:
    """The home of the account's organisation on ``today`` (default: today)."""
    day = today or datetime.now().date()
    org = account.organisatie
    mine = [s for s in records.current_stored(url) if commitments.is_party(account, s.agreement)]
    naam = "Beheer van Leefbaar" if org == BEHEER_ORGANISATIE else (q.organisation_name(url, org) or org)
    return Thuis(
        organisatie=org,
        naam=naam,
        soort=soort_van_id(org),
        eigen_pagina=own_page(org),
        afspraken=tuple(
            MijnAfspraak(
                s.agreement.id,
                s.agreement.titel,
                s.agreement.soort is AfspraakSoort.LOKAAL,
                len(s.agreement.partijen),
            )
            for s in mine
        ),
        actiepunten=tuple(_action_items(url, account, mine, day)),
        actualiteit=tuple(q.freshness_by(url, org)),
        invoer=tuple(q.imports_by(url, org, RECENT)),
        activiteit=tuple(activity.organisation_activity(url, org, RECENT)),
    )
