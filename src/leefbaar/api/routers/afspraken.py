"""``/afspraken`` and ``/activiteit``: the stored agreements (current version or any earlier one),
their versions, the status and history of their qualitative commitments, and activity feeds.

Everything reads the records through ``services.agreements``; the verdicts of measured commitments
are under ``/monitor``. Reading is public, like the agreements themselves; evidence documents are
named with their SHA-256 but served only on the web pages to logged-in parties.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from leefbaar.api.problems import problem_response
from leefbaar.services import agreements
from leefbaar.services.areas import database_url

router = APIRouter(tags=["afspraken"])

AFSPRAAK_ID = Annotated[
    str,
    Path(pattern="^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$", description="Kenmerk van de afspraak."),
]


class Partij(BaseModel):
    id: str = Field(
        description="Partij-id, of een verzamelpartij (corporaties, gemeenten ...).", examples=["L0001"]
    )
    soort: str
    naam: str
    collectief: bool = Field(
        description="Een verzamelpartij: elke partij van deze soort, elk voor het eigen deel."
    )


class Toezegging(BaseModel):
    id: str = Field(
        description="Kenmerk van de toezegging binnen de afspraak.", examples=["r1-geen-conditie-5-6"]
    )
    soort: str = Field(description="gemeten of kwalitatief.")
    requirement: str
    titel: str
    indicator: str | None = Field(None, description="De indicator (alleen bij een gemeten toezegging).")
    resultaat: str | None = Field(
        None, description="Wat wordt opgeleverd (alleen bij een kwalitatieve toezegging)."
    )
    deadline: date
    verantwoordelijke: str = Field(description="Id van de verantwoordelijke partij.")
    scopes: list[str] = Field(
        default_factory=list, description="Voor welke niveaus een gemeten toezegging geldt."
    )


class Afspraak(BaseModel):
    id: str = Field(examples=["nationaal-leefbaarheid-2022-2030"])
    titel: str
    soort: str = Field(description="nationaal of lokaal.")
    start: date
    eind: date
    gemeentecode: str | None = None
    versie: int = Field(description="De getoonde versie; elke wijziging is een nieuwe versie.")
    vastgelegdOp: datetime = Field(description="Wanneer deze versie is vastgelegd (UTC).")
    partijen: list[Partij]
    toezeggingen: list[Toezegging]


class Afspraken(BaseModel):
    afspraken: list[Afspraak]


class Versie(BaseModel):
    versie: int
    vastgelegdOp: datetime
    organisatie: str = Field(
        description="Namens welke organisatie de versie is vastgelegd (LEEFBAAR: de beheerder)."
    )
    reden: str


class Versies(BaseModel):
    afspraak: str
    versies: list[Versie]


class Activiteit(BaseModel):
    moment: datetime = Field(description="Wanneer (UTC).")
    organisatie: str
    organisatieNaam: str
    afspraak: str
    toezegging: str | None = None
    wat: str


class ActiviteitLijst(BaseModel):
    activiteit: list[Activiteit] = Field(description="Nieuwste eerst.")


class Bewijsstuk(BaseModel):
    naam: str
    contentType: str = Field(description="Vastgesteld uit de inhoud (PDF, ODT of DOCX).")
    grootte: int = Field(description="In bytes.")
    sha256: str


class Reactie(BaseModel):
    partij: str
    reactie: str = Field(description="bevestigd of betwist.")
    gemeldOp: datetime
    toelichting: str | None = None


class Deel(BaseModel):
    partij: str = Field(description="De (lid van de) verantwoordelijke partij die voor dit deel meldt.")
    naam: str
    status: str = Field(description="gehaald, op koers, risico, niet gehaald of geen gegevens.")
    automatisch: bool = Field(
        description="Waar als de deadline de status bepaalde (niet gehaald zonder levering)."
    )
    betwist: bool
    uitleg: str
    gemeldOp: datetime | None = None
    toelichting: str | None = None
    link: str | None = None
    bewijsstuk: Bewijsstuk | None = None
    reacties: list[Reactie]


class Melding(BaseModel):
    id: int
    soort: str = Field(description="status of reactie.")
    partij: str = Field(description="Wiens deel.")
    organisatie: str = Field(description="Wie meldde of reageerde.")
    gemeldOp: datetime
    status: str | None = None
    reactie: str | None = None
    opMelding: int | None = None
    toelichting: str | None = None
    link: str | None = None
    bewijsstuk: Bewijsstuk | None = None
    statusDaarna: str | None = Field(None, description="De status van dit deel direct na deze melding.")


class KwalitatieveToezegging(BaseModel):
    afspraak: str
    versie: int
    toezegging: Toezegging
    peildatum: date
    delen: list[Deel]
    nietGemeld: int = Field(description="Leden van een verzamelpartij die nog niets meldden.")
    statusNietGemeld: str | None = None
    historie: list[Melding] = Field(description="Elke melding en reactie, oudste eerst.")


def _utc(moment: datetime | None) -> datetime | None:
    """Stored times are naive UTC; the API writes them as RFC 3339 with their offset (Z)."""
    return None if moment is None else moment.replace(tzinfo=UTC)


def _toezeggingen(a: Any, document: dict[str, Any]) -> list[dict[str, Any]]:
    measured = {t.id: t for t in a.toezeggingen}
    qualitative = {t.id: t for t in a.kwalitatieve_toezeggingen}
    out = []
    for item in document["toezeggingen"]:
        m, q = measured.get(item["id"]), qualitative.get(item["id"])
        if m is not None:
            out.append(
                {
                    "id": m.id,
                    "soort": "gemeten",
                    "requirement": m.requirement,
                    "titel": m.titel,
                    "indicator": m.indicator,
                    "deadline": m.deadline,
                    "verantwoordelijke": m.verantwoordelijke,
                    "scopes": [s.value for s in m.scopes],
                }
            )
        elif q is not None:
            out.append(_kwalitatief(q))
    return out


def _kwalitatief(q: Any) -> dict[str, Any]:
    return {
        "id": q.id,
        "soort": "kwalitatief",
        "requirement": q.requirement,
        "titel": q.titel,
        "resultaat": q.resultaat,
        "deadline": q.deadline,
        "verantwoordelijke": q.verantwoordelijke,
    }


def afspraak_body(stored: agreements.StoredAgreement) -> dict[str, Any]:
    a = stored.agreement
    return {
        "id": a.id,
        "titel": a.titel,
        "soort": a.soort.value,
        "start": a.periode.start,
        "eind": a.periode.eind,
        "gemeentecode": a.gemeente.code if a.gemeente else None,
        "versie": stored.versie,
        "vastgelegdOp": _utc(stored.vastgelegd_op),
        "partijen": [
            {"id": p.id, "soort": p.soort.value, "naam": p.naam, "collectief": p.collectief}
            for p in a.partijen
        ],
        "toezeggingen": _toezeggingen(a, stored.document),
    }


def version_etag(versie: int) -> str:
    """The strong entity tag of an agreement version: its number in quotes (``"3"``)."""
    return f'"{versie}"'


#: The ETag of an agreement answer, documented.
ETAG_HEADER = {
    "ETag": {
        "description": "De versie van de afspraak (sterke ETag): stuur die mee in If-Match bij een wijziging.",
        "schema": {"type": "string"},
    }
}


def _zin(text: str) -> str:
    """A Dutch message as a sentence: its first letter upper case (codes such as L0001 stay as they are)."""
    return text[:1].upper() + text[1:]


@router.get(
    "/afspraken",
    summary="Afspraken",
    description="De landelijke en lokale prestatieafspraken (actuele versie) met hun partijen en toezeggingen.",
    response_model=Afspraken,
    response_model_exclude_none=True,
    operation_id="listAfspraken",
)
def list_afspraken() -> dict[str, Any]:
    return {"afspraken": [afspraak_body(stored) for stored in agreements.current_stored(database_url())]}


@router.get(
    "/afspraken/{id}",
    summary="Eén afspraak",
    description="De actuele versie van een afspraak, of een eerdere met ?versie=.",
    response_model=Afspraak,
    response_model_exclude_none=True,
    operation_id="getAfspraak",
    responses={
        200: {"description": "Gelukt", "headers": ETAG_HEADER},
        404: {"description": "De afspraak (of versie) bestaat niet."},
    },
)
def get_afspraak(
    response: Response,
    id: AFSPRAAK_ID,
    versie: Annotated[int | None, Query(ge=1, le=100000, description="Een eerdere versie.")] = None,
) -> Any:
    try:
        stored = agreements.stored_agreement(database_url(), id, versie)
    except agreements.AfspraakNietGevonden as exc:
        return problem_response(404, f"{_zin(str(exc))}.")
    response.headers["ETag"] = version_etag(stored.versie)
    return afspraak_body(stored)


@router.get(
    "/afspraken/{id}/versies",
    summary="Versies van een afspraak",
    description="Elke versie van een afspraak: wanneer, namens wie en waarom, oudste eerst.",
    response_model=Versies,
    operation_id="listAfspraakVersies",
    responses={404: {"description": "De afspraak bestaat niet."}},
)
def list_versies(id: AFSPRAAK_ID) -> Any:
    try:
        rows = agreements.agreement_versions(database_url(), id)
    except agreements.AfspraakNietGevonden as exc:
        return problem_response(404, f"{_zin(str(exc))}.")
    return {
        "afspraak": id,
        "versies": [
            {
                "versie": r["versie"],
                "vastgelegdOp": _utc(r["vastgelegd_op"]),
                "organisatie": r["organisatie"],
                "reden": r["reden"],
            }
            for r in rows
        ],
    }


def _activiteit(feed: list[agreements.Activiteit]) -> dict[str, Any]:
    return {
        "activiteit": [
            {
                "moment": _utc(x.moment),
                "organisatie": x.organisatie,
                "organisatieNaam": x.organisatie_naam,
                "afspraak": x.afspraak_id,
                "toezegging": x.toezegging_id,
                "wat": x.wat,
            }
            for x in feed
        ]
    }


@router.get(
    "/afspraken/{id}/activiteit",
    summary="Activiteit bij een afspraak",
    description="Wie wat veranderde: versies, gemelde statussen, bevestigingen en betwistingen, nieuwste eerst.",
    response_model=ActiviteitLijst,
    response_model_exclude_none=True,
    operation_id="listAfspraakActiviteit",
    responses={404: {"description": "De afspraak bestaat niet."}},
)
def afspraak_activiteit(id: AFSPRAAK_ID) -> Any:
    try:
        return _activiteit(agreements.agreement_activity(database_url(), id))
    except agreements.AfspraakNietGevonden as exc:
        return problem_response(404, f"{_zin(str(exc))}.")


@router.get(
    "/activiteit",
    summary="Activiteit van een organisatie",
    description="Wat een organisatie veranderde aan de afspraken, nieuwste eerst (ten hoogste 200).",
    response_model=ActiviteitLijst,
    response_model_exclude_none=True,
    operation_id="listActiviteit",
)
def organisatie_activiteit(
    organisatie: Annotated[
        str,
        Query(pattern="^[A-Z0-9]{2,20}$", description="Partij-id van de organisatie.", examples=["L0001"]),
    ],
) -> Any:
    return _activiteit(agreements.organisation_activity(database_url(), organisatie))


def _bewijsstuk(b: agreements.Bewijsstuk | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"naam": b.naam, "contentType": b.content_type, "grootte": b.grootte, "sha256": b.sha256}


@router.get(
    "/afspraken/{id}/toezeggingen/{toezegging}",
    summary="Een kwalitatieve toezegging",
    description="De status per verantwoordelijke partij vandaag (met bewijs en reacties) en de volledige "
    "geschiedenis. Gemeten toezeggingen staan onder /monitor.",
    response_model=KwalitatieveToezegging,
    response_model_exclude_none=True,
    operation_id="getKwalitatieveToezegging",
    responses={404: {"description": "De afspraak heeft geen kwalitatieve toezegging met dit kenmerk."}},
)
def get_toezegging(
    id: AFSPRAAK_ID,
    toezegging: Annotated[
        str, Path(pattern="^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$", description="Kenmerk van de toezegging.")
    ],
) -> Any:
    url = database_url()
    try:
        o = agreements.commitment_overview(url, id, toezegging, None)
    except agreements.AfspraakNietGevonden as exc:
        return problem_response(404, f"{_zin(str(exc))}.")
    stand = o.stand
    return {
        "afspraak": id,
        "versie": stand.versie,
        "toezegging": _kwalitatief(stand.toezegging),
        "peildatum": stand.peildatum,
        "delen": [
            {
                "partij": d.partij_id,
                "naam": d.naam,
                "status": d.oordeel.status.value,
                "automatisch": d.oordeel.automatisch,
                "betwist": d.oordeel.betwist,
                "uitleg": d.oordeel.uitleg,
                "gemeldOp": _utc(d.oordeel.gemeld.gemeld_op) if d.oordeel.gemeld else None,
                "toelichting": d.oordeel.gemeld.toelichting if d.oordeel.gemeld else None,
                "link": d.oordeel.gemeld.link if d.oordeel.gemeld else None,
                "bewijsstuk": _bewijsstuk(d.bewijsstuk),
                "reacties": [
                    {
                        "partij": r.partij,
                        "reactie": r.reactie.value,
                        "gemeldOp": _utc(r.gemeld_op),
                        "toelichting": r.toelichting,
                    }
                    for r in (*d.oordeel.bevestigingen, *d.oordeel.betwistingen)
                ],
            }
            for d in stand.delen
        ],
        "nietGemeld": stand.niet_gemeld,
        "statusNietGemeld": stand.status_niet_gemeld.value if stand.status_niet_gemeld else None,
        "historie": [melding_body(m) for m in o.historie],
    }


def melding_body(m: agreements.Melding) -> dict[str, Any]:
    """One report or reaction as the API shows it (``Melding``)."""
    return {
        "id": m.melding_id,
        "soort": m.soort,
        "partij": m.partij_id,
        "organisatie": m.organisatie,
        "gemeldOp": _utc(m.gemeld_op),
        "status": m.status.value if m.status else None,
        "reactie": m.reactie.value if m.reactie else None,
        "opMelding": m.op_melding,
        "toelichting": m.toelichting,
        "link": m.link,
        "bewijsstuk": _bewijsstuk(m.bewijsstuk),
        "statusDaarna": m.status_daarna.value if m.status_daarna else None,
    }
