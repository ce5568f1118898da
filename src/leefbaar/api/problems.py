"""Errors as RFC 9457 problem details (ADR /core/error-handling/*), with Dutch titles and details.

Every 4xx/5xx answer of the API is ``application/problem+json`` with at least ``status``, ``title``
and ``detail``. Invalid input is a 400 (never 422) that lists *all* errors in ``invalidParams``,
shaped like the VNG ``ValidatieFout`` (``name``, ``code``, ``reason``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"

log = logging.getLogger(__name__)

# Dutch title per status code; the detail says what happened in this case.
TITLES: dict[int, str] = {
    400: "Ongeldige invoer",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Gevraagd formaat niet beschikbaar",
    409: "Conflict",
    412: "Voorwaarde niet vervuld",
    415: "Formaat van de invoer niet ondersteund",
    428: "Voorwaarde vereist",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Dienst niet beschikbaar",
}

DETAILS: dict[int, str] = {
    401: "Meld u aan om deze bron te gebruiken.",
    403: "U hebt geen toegang tot deze bron.",
    404: "De opgevraagde bron bestaat niet.",
    405: "Deze bron ondersteunt deze HTTP-methode niet.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
}

# Dutch reasons for the pydantic error types a query, path or body parameter can produce.
REASONS: dict[str, str] = {
    "missing": "Dit veld is verplicht.",
    "int_parsing": "Moet een geheel getal zijn.",
    "int_type": "Moet een geheel getal zijn.",
    "float_parsing": "Moet een getal zijn.",
    "float_type": "Moet een getal zijn.",
    "bool_parsing": "Moet true of false zijn.",
    "date_parsing": "Moet een datum zijn in de vorm JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Moet een datum zijn in de vorm JJJJ-MM-DD.",
    "datetime_parsing": "Moet een datum en tijd zijn volgens RFC 3339.",
    "datetime_from_date_parsing": "Moet een datum en tijd zijn volgens RFC 3339.",
    "string_pattern_mismatch": "Heeft niet de verwachte vorm.",
    "string_too_short": "Is te kort.",
    "string_too_long": "Is te lang.",
    "greater_than": "Is te klein.",
    "greater_than_equal": "Is te klein.",
    "less_than": "Is te groot.",
    "less_than_equal": "Is te groot.",
    "enum": "Is geen toegestane waarde.",
    "literal_error": "Is geen toegestane waarde.",
    "json_invalid": "Is geen geldige JSON.",
    "model_attributes_type": "Moet een JSON-object zijn.",
    "dict_type": "Moet een JSON-object zijn.",
    "list_type": "Moet een lijst zijn.",
    "extra_forbidden": "Dit veld is niet toegestaan.",
}


class InvalidParam(BaseModel):
    """One invalid input field."""

    name: str = Field(description="Naam van de parameter of het veld (bij een body: pad met punten).")
    code: str = Field(description="Machineleesbare code van de fout.")
    reason: str = Field(description="Uitleg in het Nederlands.")


class Problem(BaseModel):
    """An error answer following RFC 9457 (problem details)."""

    type: str = Field("about:blank", description="URI die het soort fout aanduidt.")
    title: str = Field(description="Korte, vaste omschrijving van het soort fout.")
    status: int = Field(description="De HTTP-statuscode.")
    detail: str = Field(description="Uitleg van deze fout in dit geval.")
    instance: str | None = Field(None, description="Het pad waarop de fout optrad.")
    invalidParams: list[InvalidParam] | None = Field(  # name fixed by the VNG error model
        None, description="Alle ongeldige parameters (alleen bij status 400)."
    )


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    instance: str | None = None,
    invalid_params: Sequence[InvalidParam] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A problem+json response; title and detail default to the Dutch texts for ``status``."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail or DETAILS.get(status, TITLES.get(status, "Er is een fout opgetreden.")),
    }
    if instance:
        body["instance"] = instance
    if invalid_params is not None:
        body["invalidParams"] = [p.model_dump() for p in invalid_params]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def invalid_params_from_errors(errors: Sequence[Any]) -> list[InvalidParam]:
    """Turn FastAPI/pydantic validation errors into ``invalidParams`` entries with Dutch reasons."""
    params = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        # The first element says where the value came from (query, path, header, body); the name is the rest.
        name = ".".join(loc[1:]) if len(loc) > 1 else ".".join(loc) or "body"
        code = str(err.get("type", "invalid"))
        params.append(InvalidParam(name=name, code=code, reason=REASONS.get(code, "Ongeldige waarde.")))
    return params


class InvalidInput(Exception):
    """Raise from a route for input FastAPI cannot validate itself; answered as a 400 problem."""

    def __init__(self, params: Sequence[InvalidParam], detail: str | None = None) -> None:
        super().__init__(detail or "Invoer ongeldig.")
        self.params = list(params)
        self.detail = detail


def _detail_for(params: Sequence[InvalidParam]) -> str:
    if len(params) == 1:
        return f"De invoer bevat 1 fout: {params[0].name}."
    return f"De invoer bevat {len(params)} fouten: " + ", ".join(p.name for p in params) + "."


def install_problem_handlers(api: FastAPI) -> None:
    """Answer validation errors, HTTP errors and unexpected exceptions with problem details."""

    @api.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        params = invalid_params_from_errors(exc.errors())
        return problem_response(400, _detail_for(params), instance=request.url.path, invalid_params=params)

    @api.exception_handler(InvalidInput)
    async def _invalid(request: Request, exc: InvalidInput) -> JSONResponse:
        detail = exc.detail or _detail_for(exc.params)
        return problem_response(400, detail, instance=request.url.path, invalid_params=exc.params)

    @api.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Starlette's own detail texts are English ("Not Found"); keep a route's own Dutch detail only.
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in _STARLETTE_DEFAULTS else None
        return problem_response(exc.status_code, detail, instance=request.url.path, headers=exc.headers)

    @api.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("Onverwachte fout bij %s", request.url.path)
        return problem_response(500, instance=request.url.path)


_STARLETTE_DEFAULTS = {"Not Found", "Method Not Allowed", "Internal Server Error", "Bad Request"}
