"""``/health``: liveness and readiness probes for load balancers and orchestrators.

* ``GET /health`` and ``GET /health/live`` (liveness): the process answers. ``/health/live`` makes no
  database query at all (``api.middleware.PROBE_PATHS``), so a slow or missing database never gets
  a healthy process restarted.
* ``GET /health/ready`` (readiness): the database answers and its schema is at the revision this
  version of Leefbaar expects (``leefbaar db upgrade`` has run). Otherwise 503 with a problem
  (``application/problem+json``, ADR /core/error-handling/problem-details) that says why, so a
  load balancer sends no traffic to this process until it can serve.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from leefbaar import __version__
from leefbaar.api.problems import problem_response
from leefbaar.services import database
from leefbaar.services.areas import database_url

router = APIRouter(tags=["beheer"])


class Gezondheid(BaseModel):
    status: str = Field(description="'ok' als de API antwoordt.", examples=["ok"])
    versie: str = Field(description="Versie van Leefbaar (niet van de API; zie de header API-Version).")


class Gereedheid(BaseModel):
    status: str = Field(description="'ok' als dit proces verzoeken kan afhandelen.", examples=["ok"])
    versie: str = Field(description="Versie van Leefbaar (niet van de API; zie de header API-Version).")
    schemaversie: str = Field(
        description="Schemaversie (migratie) van de database.", examples=["0011_zoeken"]
    )


@router.get("/health", summary="Status van de API", response_model=Gezondheid, operation_id="getHealth")
def health() -> Gezondheid:
    return Gezondheid(status="ok", versie=__version__)


@router.get(
    "/health/live",
    summary="Leeft dit proces (liveness)",
    description="Antwoordt zolang het proces draait; raadpleegt de database niet.",
    response_model=Gezondheid,
    operation_id="getHealthLive",
)
def health_live() -> Gezondheid:
    return Gezondheid(status="ok", versie=__version__)


@router.get(
    "/health/ready",
    summary="Kan dit proces verzoeken afhandelen (readiness)",
    description="200 als de database bereikbaar is en haar schema de versie heeft die deze versie van "
    "Leefbaar verwacht; anders 503 met de reden.",
    response_model=Gereedheid,
    responses={503: {"description": "Niet gereed: de database is niet bereikbaar of niet bijgewerkt."}},
    operation_id="getHealthReady",
)
async def health_ready() -> Any:
    url = database_url()
    problems = await run_in_threadpool(database.readiness, url)
    if problems:
        return problem_response(503, " ".join(problems), headers={"Retry-After": "10"})
    current, _head = await run_in_threadpool(database.status, url)
    return Gereedheid(status="ok", versie=__version__, schemaversie=current or "")
