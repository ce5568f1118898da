"""Jinja2 set-up and the context every page gets (navigation, the synthetic-data banner, filters)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from leefbaar import __version__
from leefbaar.services import demo
from leefbaar.services.areas import database_url
from leefbaar.web.headers import VALIDATORS_SCOPE_KEY, set_validators

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

#: The main navigation: (label, path). The current page gets aria-current="page".
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("Landelijk", "/"),
    ("Afspraken", "/afspraken"),
    ("Corporaties", "/corporaties"),
    ("Gegevens", "/gegevens"),
    ("Toegankelijkheid", "/toegankelijkheid"),
)

templates = Jinja2Templates(directory=TEMPLATE_DIR)


def getal(value: Any, decimals: int = 0) -> str:
    """A number written the Dutch way (1.234.567 and 12,5); an em dash when unknown."""
    if value is None or value == "":
        return "–"
    number = float(value)
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def procent(value: Any) -> str:
    return "–" if value is None else f"{getal(value, 1)}%"


def euro(value: Any) -> str:
    return "–" if value is None else f"€ {getal(value)}"


def datum(value: Any) -> str:
    """A date (or an ISO date text, as the services' JSON-shaped answers hold them) as 25-11-2026."""
    if value is None:
        return "–"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return str(value)
    return str(value.strftime("%d-%m-%Y")) if hasattr(value, "strftime") else str(value)


def tijdstip(value: Any) -> str:
    """A moment as 25-11-2026 14:03."""
    if value is None:
        return "–"
    return value.strftime("%d-%m-%Y %H:%M") if hasattr(value, "strftime") else str(value)


templates.env.filters.update(getal=getal, procent=procent, euro=euro, datum=datum, tijdstip=tijdstip)


def is_synthetisch() -> bool:
    """Whether the database holds synthetic demonstration data (the banner on every page says so)."""
    return demo.is_synthetisch_cached(database_url())


def base_context(request: Request) -> dict[str, Any]:
    """What base.html needs on every page."""
    path = request.url.path
    current = next(
        (p for _, p in NAVIGATION if p != "/" and path.startswith(p)), "/" if path == "/" else None
    )
    return {
        "request": request,
        "navigatie": NAVIGATION,
        "huidig_pad": current,
        "synthetisch": is_synthetisch(),
        "versie": __version__,
    }


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render ``template`` with the base context plus ``context``; a 200 of a conditional page
    (``web.conditional``) carries its ETag and Last-Modified."""
    response = templates.TemplateResponse(
        request, template, {**base_context(request), **(context or {})}, status_code=status_code
    )
    found = request.scope.get(VALIDATORS_SCOPE_KEY)
    if found is not None and status_code == 200:
        set_validators(response.headers, found)
    return response


def not_found(request: Request, message: str) -> HTMLResponse:
    """The 404 page with a specific Dutch message."""
    return render(request, "404.html", {"status": 404, "melding": message}, status_code=404)
