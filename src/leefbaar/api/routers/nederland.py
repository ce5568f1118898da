"""``/nederland/rapport``: the national report (the Netherlands as a whole; see docs/reports.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from leefbaar.api.conditional import NOT_MODIFIED, voorwaardelijk
from leefbaar.api.downloads import FORMAAT, PEILDATUM, RESPONSES, rapport_response
from leefbaar.services import reports

router = APIRouter(
    prefix="/nederland", tags=["rapporten"], dependencies=[Depends(voorwaardelijk)], responses=NOT_MODIFIED
)


@router.get(
    "/rapport",
    summary="Landelijk rapport (PDF of XLSX)",
    description='Het rapport "Stand van de afspraken — Nederland": de landelijke beoordelingen met hun '
    "toelichting en, voor de toezeggingen die voor elke gemeente gelden, de status per gemeente en het aantal "
    "gemeenten per status; met de bronnen en een colofon. Als toegankelijke PDF (PDF/UA-1, A4) of als "
    "Excel-werkmap (XLSX).",
    response_class=Response,
    responses=RESPONSES,
    operation_id="getNederlandRapport",
)
def get_rapport(formaat: FORMAAT = "pdf", peildatum: PEILDATUM = None) -> Any:
    # A plain def: rendering takes seconds and runs in the thread pool, never on the event loop.
    return rapport_response(lambda: reports.nationaal_rapport(None, formaat, peildatum))
