"""Report downloads on the pages (``/gemeenten/{code}/rapport.pdf``, ``/corporaties/{id}/rapport.xlsx``):
the file with its media type and Content-Disposition, or the 404 page with the Dutch refusal.

Routes that use this are plain ``def`` routes: rendering takes seconds and runs in the thread pool,
never on the event loop."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from fastapi.responses import Response

from leefbaar.services import reports
from leefbaar.web.templating import not_found


def rapport_download(request: Request, make: Callable[[], reports.Rendered]) -> Response:
    try:
        r = make()
    except reports.RapportFout as exc:
        return not_found(request, str(exc))
    return Response(
        r.inhoud,
        media_type=r.media_type,
        headers={"Content-Disposition": f'attachment; filename="{r.bestandsnaam}"'},
    )
