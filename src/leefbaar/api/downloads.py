"""What the report resources share (``/gemeenten/{code}/rapport``, ``/corporaties/{id}/rapport``): the
query parameters, the documented binary answers and the file response with its Content-Disposition."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import Response

from leefbaar.api.problems import problem_response
from leefbaar.services import reports

FORMAAT = Annotated[Literal["pdf", "xlsx"], Query(description="pdf (standaard) of xlsx.")]
PEILDATUM = Annotated[
    date | None,
    Query(description="De beoordeling op of vóór deze datum (JJJJ-MM-DD); standaard de nieuwste."),
]
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            reports.MEDIA_TYPES["pdf"]: {"schema": {"type": "string", "format": "binary"}},
            reports.MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
        },
        "description": "Het rapport als bestand (Content-Disposition: attachment met de bestandsnaam).",
    }
}


def rapport_response(make: Callable[[], reports.Rendered]) -> Any:
    """The report as a file download; a 404 problem when the service refuses (Dutch)."""
    try:
        r = make()
    except reports.RapportFout as exc:
        return problem_response(404, str(exc))
    return Response(
        r.inhoud,
        media_type=r.media_type,
        headers={"Content-Disposition": f'attachment; filename="{r.bestandsnaam}"'},
    )
