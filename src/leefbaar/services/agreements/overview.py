"""What the agreement pages and the API show in one call: an agreement with its qualitative
commitments, versions and activity; one qualitative commitment with its history and what the
account may do with it; the list of stored agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from leefbaar.rules.model import QualitativeCommitment
from leefbaar.services.accounts import Account
from leefbaar.services.agreements.activity import Activiteit, agreement_activity
from leefbaar.services.agreements.commitments import (
    KwalitatieveStand,
    Melding,
    commitment_history,
    is_party,
    may_react,
    may_report,
    qualitative_state,
    qualitative_states,
)
from leefbaar.services.agreements.records import (
    AfspraakNietGevonden,
    StoredAgreement,
    agreement_versions,
    current_rows,
    stored_agreement,
)


@dataclass(frozen=True)
class AfspraakOverzicht:
    """An agreement as its page shows it."""

    stored: StoredAgreement
    kwalitatief: list[KwalitatieveStand]
    versies: list[dict[str, Any]]
    activiteit: list[Activiteit]
    peildatum: date


@dataclass(frozen=True)
class ToezeggingOverzicht:
    """A qualitative commitment as its page shows it, with the forms the account may use."""

    stored: StoredAgreement
    stand: KwalitatieveStand
    historie: list[Melding]
    mag_melden: bool
    #: The reported statuses (melding ids) the account may confirm or contest.
    mag_reageren_op: tuple[int, ...]
    is_partij: bool


def _today() -> date:
    return datetime.now(UTC).date()


def agreement_overview(url: str, afspraak_id: str, peildatum: date | None = None) -> AfspraakOverzicht:
    """The current version of an agreement with everything its page shows; AfspraakNietGevonden if absent."""
    day = peildatum or _today()
    stored = stored_agreement(url, afspraak_id)
    return AfspraakOverzicht(
        stored,
        qualitative_states(url, stored, day),
        agreement_versions(url, afspraak_id),
        agreement_activity(url, afspraak_id),
        day,
    )


def commitment_overview(
    url: str, afspraak_id: str, toezegging_id: str, account: Account | None, peildatum: date | None = None
) -> ToezeggingOverzicht:
    """One qualitative commitment: its state, full history and what ``account`` may do."""
    stored = stored_agreement(url, afspraak_id)
    toezegging: QualitativeCommitment | None = stored.agreement.kwalitatieve_toezegging(toezegging_id)
    if toezegging is None:
        raise AfspraakNietGevonden(
            f"afspraak {afspraak_id} heeft geen kwalitatieve toezegging {toezegging_id}"
        )
    stand = qualitative_state(url, afspraak_id, toezegging_id, peildatum or _today())
    reageren = tuple(
        d.oordeel.gemeld.melding_id
        for d in stand.delen
        if d.oordeel.gemeld is not None and may_react(account, stored.agreement, toezegging, d.partij_id)
    )
    return ToezeggingOverzicht(
        stored,
        stand,
        commitment_history(url, afspraak_id, toezegging_id),
        may_report(account, toezegging),
        reageren,
        is_party(account, stored.agreement),
    )


def agreement_list(url: str) -> list[dict[str, Any]]:
    """The stored agreements (current versions) with their parties, national ones first."""
    return current_rows(url)
