"""Registering a sharing agreement from what was typed on the form or the command line.

Each problem with the input becomes a :class:`~leefbaar.services.sharing.fields.Veldfout` with a
Dutch message for that field; nothing is stored while there is one.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from leefbaar.domain.parties import PARTIJ_ID_PATTERN, Rol
from leefbaar.privacy.policy import ONTVANGENDE_ROLLEN
from leefbaar.privacy.processing_log import new_trace_id
from leefbaar.privacy.sharing import (
    Bewaartermijn,
    Gegevenscategorie,
    Gegevensdelingsovereenkomst,
    is_persoonsgegeven,
)
from leefbaar.services.accounts import Account
from leefbaar.services.processing_log import Geweigerd, aware
from leefbaar.services.sharing.agreements import check_may_register, register_agreement
from leefbaar.services.sharing.fields import (
    EERSTE_DATUM,
    MAX_OMSCHRIJVING,
    Invoerfouten,
    Veldfout,
    has_control,
    parse_date,
)
from leefbaar.storage import privacy_queries as q
from leefbaar.storage import sharing_queries as sq

#: Party kinds (``partij.soort``) that may hold, provide and receive personal data (the policy's
#: receiving roles have the same names).
PERSOONSGEGEVENS_PARTIJEN = frozenset(r.value for r in ONTVANGENDE_ROLLEN)
#: The longest retention an agreement may set; longer is almost certainly a typing error.
MAX_BEWAARTERMIJN_JAREN = 10
MAX_GRONDSLAG = 500
_OVEREENKOMST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,39}")
_DOEL = re.compile(r"[a-z0-9][a-z0-9_-]{2,79}")


def _text(value: str) -> str:
    return value.strip()


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
        limit = date(EERSTE_DATUM.year + MAX_BEWAARTERMIJN_JAREN, 1, 1)
        too_long = termijn.add_to(EERSTE_DATUM) > limit
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
    elif len(omschrijving) > MAX_OMSCHRIJVING or has_control(omschrijving):
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
    elif len(grondslag) > MAX_GRONDSLAG or has_control(grondslag):
        fouten.append(Veldfout("grondslag", f"De grondslag is langer dan {MAX_GRONDSLAG} tekens."))
    categorieen = _check_categories(invoer.categorieen, provider_kind, receiver_kind, fouten)
    termijn = _parse_retention(invoer.bewaartermijn, fouten)
    begin = parse_date(invoer.begindatum, "begindatum", "begindatum", fouten, nodig=True)
    eind = parse_date(invoer.einddatum, "einddatum", "einddatum", fouten, nodig=False)
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
    check_may_register(url, account, _provider_of(account, invoer), now=now, trace=new_trace_id())
    agreement = check_agreement(url, account, invoer)
    try:
        return register_agreement(url, account, agreement, now=now)
    except Geweigerd:
        raise
    except ValueError as exc:  # registered by someone else between the check and now
        raise Invoerfouten([Veldfout("overeenkomst_id", str(exc)[0].upper() + str(exc)[1:] + ".")]) from None
