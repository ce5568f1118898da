"""The access policy as one pure decision: may this actor see this kind of data, and must it be logged?

Every face (web, API, CLI, exports) asks ``decide`` before it reads; services resolve the facts
the decision needs (who the actor is, whose data it is, which agreements are in force) and pass
them in. The rules (docs/privacy.md, "Access policy"):

* public aggregates: everyone, also without an account;
* aggregates per party: ministerie, provincie and beheerder for every party; gemeente,
  corporatie and huurdersorganisatie for themselves and the parties they are linked to
  (``verbonden_partijen``: for a tenants' organisation the parties of the agreements it signed);
  a zorgpartner only for itself;
* detailed stock: only the association that owns it;
* dwellings in a municipality's territory in detail: the owning association, and the
  municipality of that territory under a sharing agreement covering ``woninggegevens``;
* personal and special personal data: the party whose data it is (it recorded it), and a
  gemeente, corporatie or zorgpartner that receives it under an agreement covering the purpose
  and category on that day; always with a purpose, always logged. Ministerie, provincie and
  huurdersorganisatie never see personal data;
* the beheerder administers accounts and reads the processing log (with a purpose, logged) but
  never reads personal data, with or without a purpose: support goes through the organisation
  whose data it is, under that organisation's account;
* anything not listed is denied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from leefbaar.domain.parties import Rol, organisatie_past_bij_rol
from leefbaar.privacy.sharing import (
    Gegevenscategorie,
    Gegevensdelingsovereenkomst,
    find_covering,
    is_bijzonder,
    is_persoonsgegeven,
)


class Resource(StrEnum):
    """The kind and detail level of what is asked for."""

    PUBLIEKE_AGGREGATEN = "publieke_aggregaten"
    AGGREGATEN_PER_PARTIJ = "aggregaten_per_partij"
    VOORRAAD_DETAIL = "voorraad_detail"
    WONINGEN_IN_GEMEENTE = "woningen_in_gemeente"
    PERSOONSGEGEVENS = "persoonsgegevens"
    BIJZONDERE_PERSOONSGEGEVENS = "bijzondere_persoonsgegevens"
    ACCOUNTBEHEER = "accountbeheer"
    VERWERKINGENLOG = "verwerkingenlog"


#: Roles that may hold or receive personal data (under their own records or an agreement).
ONTVANGENDE_ROLLEN = frozenset({Rol.GEMEENTE, Rol.CORPORATIE, Rol.ZORGPARTNER})

#: Legal basis stated when an organisation reads personal data it recorded itself.
GRONDSLAG_EIGEN = "eigen verwerking als verwerkingsverantwoordelijke (register van verwerkingsactiviteiten)"
#: Legal basis for reading the processing log: the controller's accountability duty.
GRONDSLAG_VERANTWOORDING = "AVG art. 5 lid 2 (verantwoordingsplicht)"


@dataclass(frozen=True)
class Actor:
    """Who asks: role, organisation (party id) and the parties it is linked to."""

    rol: Rol
    organisatie: str
    verbonden_partijen: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Verzoek:
    """What is asked.

    ``eigenaar``: the party whose data it is (the association for stock, the party that recorded
    personal data, the party an aggregate is about). ``gemeente``: the municipality whose
    territory the dwellings lie in. ``categorie`` and ``doel`` are needed for personal data.
    """

    resource: Resource
    eigenaar: str | None = None
    gemeente: str | None = None
    categorie: Gegevenscategorie | None = None
    doel: str | None = None


@dataclass(frozen=True)
class Decision:
    """The answer: allowed or not, why (Dutch), and what the processing log must record."""

    allowed: bool
    reason: str
    needs_logging: bool = False
    purpose: str | None = None
    legal_basis: str | None = None
    agreement_id: str | None = None

    def __bool__(self) -> bool:
        return self.allowed


def _deny(reason: str) -> Decision:
    return Decision(False, reason)


def _allow(reason: str) -> Decision:
    return Decision(True, reason)


def decide(
    actor: Actor | None,
    verzoek: Verzoek,
    agreements: Sequence[Gegevensdelingsovereenkomst] = (),
    *,
    on_date: date,
) -> Decision:
    """Decide one access. ``actor`` None is a visitor without an account.

    ``agreements`` may be every agreement the actor's organisation is party to; the decision
    finds the covering one itself. ``on_date`` is today (passed in to keep this pure).
    """
    r = verzoek.resource
    if r is Resource.PUBLIEKE_AGGREGATEN:
        return _allow("publieke aggregaten zijn voor iedereen")
    if actor is None:
        return _deny("log in om meer dan publieke aggregaten te zien")
    if not organisatie_past_bij_rol(actor.rol, actor.organisatie):
        return _deny(f"organisatie {actor.organisatie} past niet bij de rol {actor.rol.value}")
    handlers = {
        Resource.AGGREGATEN_PER_PARTIJ: _aggregates_per_party,
        Resource.VOORRAAD_DETAIL: _stock_detail,
        Resource.WONINGEN_IN_GEMEENTE: _dwellings_in_territory,
        Resource.PERSOONSGEGEVENS: _personal_data,
        Resource.BIJZONDERE_PERSOONSGEGEVENS: _personal_data,
        Resource.ACCOUNTBEHEER: _accounts,
        Resource.VERWERKINGENLOG: _processing_log,
    }
    return handlers[r](actor, verzoek, agreements, on_date)


def _aggregates_per_party(
    actor: Actor, verzoek: Verzoek, _agreements: Sequence[Gegevensdelingsovereenkomst], _on: date
) -> Decision:
    if verzoek.eigenaar is None:
        return _deny("geef aan over welke partij de aggregaten gaan")
    if actor.rol in (Rol.BEHEERDER, Rol.MINISTERIE, Rol.PROVINCIE):
        return _allow(f"rol {actor.rol.value} ziet aggregaten van alle partijen")
    if verzoek.eigenaar == actor.organisatie:
        return _allow("aggregaten van de eigen organisatie")
    if actor.rol is not Rol.ZORGPARTNER and verzoek.eigenaar in actor.verbonden_partijen:
        return _allow(f"{verzoek.eigenaar} is partij bij afspraken van {actor.organisatie}")
    return _deny(f"{actor.organisatie} heeft geen afspraken met {verzoek.eigenaar}")


def _stock_detail(
    actor: Actor, verzoek: Verzoek, _agreements: Sequence[Gegevensdelingsovereenkomst], _on: date
) -> Decision:
    if actor.rol is Rol.CORPORATIE and verzoek.eigenaar == actor.organisatie:
        return _allow("eigen woningvoorraad in detail")
    if actor.rol is Rol.GEMEENTE:
        return _deny(
            "een gemeente ziet alleen woningen in het eigen grondgebied in detail, onder overeenkomst"
        )
    return _deny("alleen de eigen corporatie ziet haar voorraad in detail; anderen zien aggregaten")


def _dwellings_in_territory(
    actor: Actor, verzoek: Verzoek, agreements: Sequence[Gegevensdelingsovereenkomst], on_date: date
) -> Decision:
    if verzoek.eigenaar is None or verzoek.gemeente is None:
        return _deny("geef de eigenaar van de woningen en de gemeente op")
    if actor.rol is Rol.CORPORATIE and verzoek.eigenaar == actor.organisatie:
        return _allow("eigen woningen in detail")
    if actor.rol is not Rol.GEMEENTE:
        return _deny("alleen de eigenaar en de gemeente van het grondgebied zien woningen in detail")
    if verzoek.gemeente != actor.organisatie:
        return _deny(f"woningen in {verzoek.gemeente} liggen buiten het grondgebied van {actor.organisatie}")
    cover = find_covering(
        agreements,
        verzoek.eigenaar,
        actor.organisatie,
        verzoek.doel,
        Gegevenscategorie.WONINGGEGEVENS,
        on_date,
    )
    if not cover:
        return _deny(f"zonder overeenkomst alleen aggregaten: {cover.reden}")
    assert cover.overeenkomst is not None
    return Decision(
        True,
        cover.reden,
        needs_logging=False,
        purpose=cover.overeenkomst.doel,
        legal_basis=cover.overeenkomst.grondslag,
        agreement_id=cover.overeenkomst.id,
    )


def _personal_data(
    actor: Actor, verzoek: Verzoek, agreements: Sequence[Gegevensdelingsovereenkomst], on_date: date
) -> Decision:
    special = verzoek.resource is Resource.BIJZONDERE_PERSOONSGEGEVENS
    category = verzoek.categorie
    if category is None or not is_persoonsgegeven(category) or is_bijzonder(category) != special:
        soort = "bijzondere persoonsgegevens" if special else "gewone persoonsgegevens"
        return _deny(f"geef een categorie {soort} op")
    if actor.rol is Rol.BEHEERDER:
        return _deny("de beheerder leest geen persoonsgegevens; dat gaat via de organisatie zelf")
    if actor.rol not in ONTVANGENDE_ROLLEN:
        return _deny(f"rol {actor.rol.value} ziet alleen aggregaten, geen persoonsgegevens")
    if not verzoek.doel:
        return _deny("geen doel opgegeven: persoonsgegevens alleen met doelbinding")
    if verzoek.eigenaar is None:
        return _deny("geef op van welke partij de gegevens komen")
    if verzoek.eigenaar == actor.organisatie:
        return Decision(
            True,
            "eigen vastgelegde gegevens, voor het opgegeven doel",
            needs_logging=True,
            purpose=verzoek.doel,
            legal_basis=GRONDSLAG_EIGEN,
        )
    cover = find_covering(agreements, verzoek.eigenaar, actor.organisatie, verzoek.doel, category, on_date)
    if not cover:
        return _deny(cover.reden)
    assert cover.overeenkomst is not None
    return Decision(
        True,
        cover.reden,
        needs_logging=True,
        purpose=verzoek.doel,
        legal_basis=cover.overeenkomst.grondslag,
        agreement_id=cover.overeenkomst.id,
    )


def _accounts(
    actor: Actor, _verzoek: Verzoek, _agreements: Sequence[Gegevensdelingsovereenkomst], _on: date
) -> Decision:
    if actor.rol is Rol.BEHEERDER:
        return _allow("de beheerder beheert accounts")
    return _deny("alleen de beheerder beheert accounts")


def _processing_log(
    actor: Actor, verzoek: Verzoek, _agreements: Sequence[Gegevensdelingsovereenkomst], _on: date
) -> Decision:
    if actor.rol is not Rol.BEHEERDER:
        return _deny("alleen de beheerder (functionaris gegevensbescherming) leest het verwerkingenlog")
    if not verzoek.doel:
        return _deny(
            "geen doel opgegeven: het verwerkingenlog alleen met doelbinding (bv. een inzageverzoek)"
        )
    return Decision(
        True,
        "verantwoording van verwerkingen",
        needs_logging=True,
        purpose=verzoek.doel,
        legal_basis=GRONDSLAG_VERANTWOORDING,
    )
