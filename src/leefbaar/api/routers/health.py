"""``GET /health``: is the API up, and which Leefbaar version answers."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from leefbaar import __version__

router = APIRouter(tags=["beheer"])


class Gezondheid(BaseModel):
    status: str = Field(description="'ok' als de API antwoordt.", examples=["ok"])
    versie: str = Field(description="Versie van Leefbaar (niet van de API; zie de header API-Version).")


@router.get("/health", summary="Status van de API", response_model=Gezondheid, operation_id="getHealth")
def health() -> Gezondheid:
    return Gezondheid(status="ok", versie=__version__)
