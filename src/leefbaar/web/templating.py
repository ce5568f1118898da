"""Jinja2 set-up and the context every page gets (navigation, the synthetic-data banner)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from leefbaar import __version__

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

#: The main navigation: (label, path). The current page gets aria-current="page".
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("Landelijk", "/"),
    ("Gegevens", "/gegevens"),
    ("Toegankelijkheid", "/toegankelijkheid"),
)

templates = Jinja2Templates(directory=TEMPLATE_DIR)


def is_synthetisch() -> bool:
    """Whether the database holds synthetic demonstration data (the banner on every page says so)."""
    # WIRE: leefbaar.services.demo.is_synthetisch() once the services layer records how data was loaded.
    # Until then assume demo data: showing the warning wrongly is harmless, hiding it wrongly is not.
    return True


def base_context(request: Request) -> dict[str, Any]:
    """What base.html needs on every page."""
    return {
        "request": request,
        "navigatie": NAVIGATION,
        "huidig_pad": request.url.path,
        "synthetisch": is_synthetisch(),
        "versie": __version__,
    }


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render ``template`` with the base context plus ``context``."""
    return templates.TemplateResponse(
        request, template, {**base_context(request), **(context or {})}, status_code=status_code
    )
