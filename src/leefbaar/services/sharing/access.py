"""Who may do what with shared personal data: the single policy call and the sharing screens' doors.

:func:`authorize` is the single policy call for pages and endpoints: it turns an account into the
policy's Actor, loads the agreements the actor is party to, and calls ``privacy.policy.decide``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from leefbaar.config import Settings, get_settings
from leefbaar.domain.parties import Rol
from leefbaar.privacy.policy import ONTVANGENDE_ROLLEN, Decision, Resource, Verzoek, decide
from leefbaar.privacy.sharing import Gegevenscategorie, is_bijzonder
from leefbaar.services.accounts import Account, actor_for, get_account
from leefbaar.services.processing_log import Geweigerd
from leefbaar.services.sharing.agreements import load_agreements


def resource_for(categorie: Gegevenscategorie) -> Resource:
    return Resource.BIJZONDERE_PERSOONSGEGEVENS if is_bijzonder(categorie) else Resource.PERSOONSGEGEVENS


def authorize(
    url: str, account: Account | None, verzoek: Verzoek, *, on_date: date | None = None
) -> Decision:
    """``privacy.policy.decide`` for an account, with its linked parties and agreements resolved."""
    actor = actor_for(url, account)
    agreements = load_agreements(url, actor.organisatie) if actor is not None else []
    return decide(actor, verzoek, agreements, on_date=on_date or datetime.now(UTC).date())


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
    if found.demo and not settings.is_development:
        raise Geweigerd("demo-accounts werken alleen in een ontwikkelomgeving")
    return found
