"""Activity feeds: who changed what and when, per agreement and per organisation.

Built from the two append-only sources, the agreement versions and the status reports and
reactions, newest first. A feed names organisations, never the person behind an account (the audit
log keeps the account).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from leefbaar.domain.parties import BEHEER_ORGANISATIE
from leefbaar.services.agreements.records import agreement_versions
from leefbaar.storage import agreement_queries as q

#: The longest feed an organisation gets in one piece.
MAX_ACTIVITEIT = 200


@dataclass(frozen=True)
class Activiteit:
    """One change: when, by which organisation, on which agreement (and commitment), in words."""

    moment: datetime
    organisatie: str
    organisatie_naam: str
    afspraak_id: str
    wat: str
    toezegging_id: str | None = None
    versie: int | None = None
    melding_id: int | None = None


def _version_entry(r: dict[str, Any], names: dict[str, str]) -> Activiteit:
    versie = int(r["versie"])
    wat = (
        f"legde de afspraak vast (versie 1): {r['reden']}"
        if versie == 1
        else f"legde versie {versie} vast: {r['reden']}"
    )
    org = str(r["organisatie"])
    return Activiteit(r["vastgelegd_op"], org, names.get(org, org), str(r["afspraak_id"]), wat, versie=versie)


def _melding_entry(r: dict[str, Any], names: dict[str, str]) -> Activiteit:
    org = str(r["organisatie"])
    if r["soort"] == "status":
        wat = f"meldde de status van {r['toezegging_id']}: {r['status']}"
        if r["document_id"]:
            wat += " (met document)"
    else:
        werkwoord = "betwistte" if r["reactie"] == "betwist" else "bevestigde"
        wat = f"{werkwoord} de status die {r['partij_id']} meldde voor {r['toezegging_id']}"
    return Activiteit(
        r["gemeld_op"],
        org,
        names.get(org, org),
        str(r["afspraak_id"]),
        wat,
        toezegging_id=str(r["toezegging_id"]),
        melding_id=int(r["melding_id"]),
    )


def _names(url: str, orgs: set[str]) -> dict[str, str]:
    names = q.party_names(url, sorted(orgs - {BEHEER_ORGANISATIE}))
    names[BEHEER_ORGANISATIE] = "Beheer Leefbaar"
    return names


def _newest_first(entries: list[Activiteit]) -> list[Activiteit]:
    return sorted(entries, key=lambda a: (a.moment, a.melding_id or 0, a.versie or 0), reverse=True)


def agreement_activity(url: str, afspraak_id: str) -> list[Activiteit]:
    """Every version and every report or reaction of one agreement, newest first."""
    versions = agreement_versions(url, afspraak_id)
    meldingen = q.meldingen(url, afspraak_id)
    names = _names(url, {str(r["organisatie"]) for r in [*versions, *meldingen]})
    return _newest_first(
        [_version_entry(r, names) for r in versions] + [_melding_entry(r, names) for r in meldingen]
    )


def organisation_activity(url: str, organisatie: str, limit: int = MAX_ACTIVITEIT) -> list[Activiteit]:
    """What an organisation changed (versions it recorded, statuses and reactions), newest first."""
    versions = q.versions_by(url, organisatie, limit)
    meldingen = q.meldingen_by(url, organisatie, limit)
    names = _names(url, {organisatie})
    entries = [_version_entry(r, names) for r in versions] + [_melding_entry(r, names) for r in meldingen]
    return _newest_first(entries)[:limit]
