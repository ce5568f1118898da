"""``/gegevens``: which data is loaded (imports per source and year) and how complete it is."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.models import INDELINGSJAAR
from leefbaar.services import datasets

router = APIRouter(tags=["gegevens"], dependencies=[Depends(voorwaardelijk)], responses=NOT_MODIFIED)


def _utc(value: datetime) -> datetime:
    # import_log stores the server's UTC clock without a zone; the API answers in UTC (ADR date-time).
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class ImportGroep(BaseModel):
    soort: str = Field(description="Importsoort, bijvoorbeeld woningen.")
    bron: str
    jaar: int = Field(description="Jaar van de peildatum.")
    imports: int
    rijen: int
    laatsteImport: datetime


class Dekking(BaseModel):
    niveau: str = Field(description="gemeente, wijk of buurt.")
    totaal: int = Field(description="Aantal gebieden in het indelingsjaar.")
    metGrens: int
    metInwoners: int
    metWoningen: int


class Volledigheid(BaseModel):
    indelingsjaar: int | None = None
    imports: list[ImportGroep]
    dekking: list[Dekking]


@router.get(
    "/gegevens",
    summary="Volledigheid van de gegevens",
    description="Imports per soort, bron en jaar, en per gebiedsniveau hoeveel gebieden grenzen, inwoners "
    "en woningen hebben.",
    response_model=Volledigheid,
    response_model_exclude_none=True,
    operation_id="getGegevens",
)
def get_gegevens(indelingsjaar: INDELINGSJAAR = None) -> dict[str, Any]:
    data = datasets.volledigheid(jaar=indelingsjaar)
    return {
        "indelingsjaar": data["indelingsjaar"],
        "imports": [
            {
                "soort": r["soort"],
                "bron": r["bron"],
                "jaar": r["jaar"],
                "imports": r["imports"],
                "rijen": r["rijen"],
                "laatsteImport": _utc(r["laatste_import"]),
            }
            for r in data["imports"]
        ],
        "dekking": [
            {
                "niveau": d["niveau"],
                "totaal": d["totaal"],
                "metGrens": d["met_grens"],
                "metInwoners": d["met_inwoners"],
                "metWoningen": d["met_woningen"],
            }
            for d in data["dekking"]
        ],
    }
