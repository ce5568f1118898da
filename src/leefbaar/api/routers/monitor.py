"""``/monitor``: the latest stored verdicts of the agreements' measured commitments.

The monitor service (``leefbaar.services.monitor``) evaluates and stores verdicts; these routes read
the newest stored run per scope. The agreements themselves are under ``/afspraken`` (routers.afspraken).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.pagination import Link
from leefbaar.api.problems import InvalidInput, InvalidParam, problem_response
from leefbaar.services import monitor
from leefbaar.services.areas import database_url

router = APIRouter(tags=["afspraken"])


class Beoordeling(BaseModel):
    afspraak: str
    toezegging: str
    titel: str
    variant: str | None = None
    status: str = Field(description="gehaald, op koers, risico, niet gehaald of geen gegevens.")
    waarde: float | None = None
    doel: float
    eenheid: str
    volledigheid: float | None = None
    deadline: date
    uitleg: str


class MonitorStand(BaseModel):
    scope: str
    runId: int
    peildatum: date
    beoordelingen: list[Beoordeling]


@router.get(
    "/monitor",
    summary="Laatste beoordeling van de afspraken voor een scope",
    description="De nieuwste opgeslagen beoordeling: status, waarde, doel en uitleg per toezegging.",
    response_model=MonitorStand,
    response_model_exclude_none=True,
    operation_id="getMonitor",
    responses={
        404: {"description": "Er is voor deze scope nog geen beoordeling opgeslagen."},
        **NOT_MODIFIED,
    },
    dependencies=[Depends(voorwaardelijk)],
)
def get_monitor(
    scope: Annotated[
        str,
        Query(
            max_length=60,
            pattern=r"^(nationaal|provincie:PV[0-9]{2}|gemeente:GM[0-9]{4}|corporatie:L[0-9]{4}"
            r"|complex:L[0-9]{4}/[A-Za-z0-9._-]{1,20})$",
            description="nationaal, provincie:PV27, gemeente:GM0363, corporatie:L0001 of complex:L0001/1043.",
        ),
    ] = "nationaal",
) -> Any:
    try:
        parsed = monitor.parse_scope(scope)
    except monitor.ScopeError as exc:
        raise InvalidInput([InvalidParam(name="scope", code="scope", reason=str(exc))]) from exc
    run = monitor.latest_evaluation(database_url(), parsed)
    if run is None or run.run_id is None:
        return problem_response(404, f"Er is nog geen beoordeling voor {parsed} opgeslagen.")
    return {
        "scope": str(parsed),
        "runId": run.run_id,
        "peildatum": run.peildatum,
        "beoordelingen": [
            {
                "afspraak": b.afspraak_id,
                "toezegging": b.toezegging_id,
                "titel": b.titel,
                "variant": b.variant or None,
                "status": b.status.value,
                "waarde": b.waarde,
                "doel": b.doel,
                "eenheid": b.eenheid,
                "volledigheid": b.volledigheid,
                "deadline": b.deadline,
                "uitleg": b.uitleg,
            }
            for b in run.beoordelingen
        ],
    }


class GemeenteLinks(BaseModel):
    gemeente: Link = Field(description="De gemeente: /gemeenten/{code}.")


class GemeenteStatus(BaseModel):
    gemeentecode: str = Field(examples=["GM0363"])
    status: str = Field(description="gehaald, op koers, risico, niet gehaald of geen gegevens.")
    links: GemeenteLinks = Field(alias="_links")


class StatusLinks(BaseModel):
    self: Link
    afspraak: Link = Field(description="De afspraak waar de toezegging bij hoort: /afspraken/{id}.")


class StatusPerGemeente(BaseModel):
    runId: int
    peildatum: date
    afspraak: str = Field(examples=["nationaal-leefbaarheid-2022-2030"])
    toezegging: str
    variant: str | None = None
    titel: str
    statussen: list[GemeenteStatus] = Field(
        description="Eén status per beoordeelde gemeente; een gemeente zonder oordeel ontbreekt (geen oordeel)."
    )
    links: StatusLinks = Field(alias="_links")


@router.get(
    "/monitor/gemeenten",
    summary="Status van een landelijke toezegging per gemeente",
    description="Uit de nieuwste opgeslagen beoordeling van alle gemeenten: de status van één toezegging "
    "per gemeente (de kleuring van de landelijke kaart).",
    response_model=StatusPerGemeente,
    response_model_by_alias=True,
    response_model_exclude_none=True,
    operation_id="getMonitorGemeenten",
    responses={
        404: {"description": "Deze toezegging is niet voor alle gemeenten beoordeeld."},
        **NOT_MODIFIED,
    },
    dependencies=[Depends(voorwaardelijk)],
)
def get_monitor_gemeenten(
    request: Request,
    toezegging: Annotated[
        str,
        Query(
            pattern="^[a-z0-9-]{1,80}$",
            description="Kenmerk van de toezegging.",
            examples=["r11-urgentieverordening"],
        ),
    ],
    variant: Annotated[
        str | None,
        Query(pattern="^[a-z_]{1,40}$", description="Rekenregel (alleen bij R1), bijvoorbeeld complexscore."),
    ] = None,
) -> Any:
    kaart = monitor.status_map(database_url())
    sleutel = toezegging if not variant else f"{toezegging}:{variant}"
    gevonden = None if kaart is None else next((t for t in kaart.toezeggingen if t.sleutel == sleutel), None)
    if kaart is None or gevonden is None:
        varianten = (
            [] if kaart is None else [t.variant for t in kaart.toezeggingen if t.toezegging_id == toezegging]
        )
        hint = f" Kies een rekenregel (variant): {', '.join(varianten)}." if any(varianten) else ""
        return problem_response(404, f"Toezegging {sleutel} is niet voor alle gemeenten beoordeeld.{hint}")
    return {
        "runId": kaart.run_id,
        "peildatum": kaart.peildatum,
        "afspraak": gevonden.afspraak_id,
        "toezegging": gevonden.toezegging_id,
        "variant": gevonden.variant or None,
        "titel": gevonden.titel,
        "statussen": [
            {
                "gemeentecode": code,
                "status": status,
                "_links": {"gemeente": {"href": str(request.url_for("get_gemeente", code=code))}},
            }
            for code, status in sorted(kaart.statussen[sleutel].items())
        ],
        "_links": {
            "self": {"href": str(request.url)},
            "afspraak": {"href": str(request.url_for("get_afspraak", id=gevonden.afspraak_id))},
        },
    }
