"""The records parties keep by hand: ``/plannen``, ``/investeringen``, ``/buurtkamers``,
``/vhf-bijdragen``, ``/vhf-bestedingen``, ``/vhf-planadressen``, ``/urgentieverordeningen``,
``/woonzorgvisies``, ``/conditiemetingen`` and ``/gebreken`` (one family of routes per kind in
``services.records.ALL``).

- ``GET /{soort}``, ``GET /{soort}/{id}``: the records of the token's organisation (scope ``lezen``);
  the single record carries its ``ETag``.
- ``POST /{soort}`` (201, ``Location``), ``PUT`` and ``PATCH /{soort}/{id}`` (scope ``schrijven``): a
  new version through the import pipeline; PUT and PATCH need ``If-Match`` with the current ETag
  (428 without, 412 when it is no longer current). PATCH merges the members sent onto the current
  version (JSON merge patch: null empties a member).
- ``DELETE /plannen/{id}``, ``DELETE /vhf-planadressen/{id}``: withdraws a plan, or an address from
  a VHF implementation plan, as a new version (status ``ingetrokken``); the other kinds cannot be
  withdrawn (405), see docs/api.md "Records".
- ``POST /gebreken/{id}/_sluiten``: closes an open defect (``opgelostOp``, today by default).

Invalid bodies: one 400 with every problem in ``invalidParams``; a record of another party: 403.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from leefbaar.api.pagination import Paginering, hal_page, paginering
from leefbaar.api.problems import InvalidInput, InvalidParam, problem_response
from leefbaar.api.record_bodies import (
    body_schema,
    invalid_params,
    page_model,
    parse_fields,
    pascal,
    representation,
    response_model,
)
from leefbaar.api.security import AUTH_RESPONSES, ApiIdentiteit, scope_vereist
from leefbaar.config import get_settings
from leefbaar.domain.parties import PARTIJ_ID_PATTERN
from leefbaar.services import records
from leefbaar.services.accounts import Scope
from leefbaar.services.records import RecordKind

router = APIRouter(tags=["bijhouden"])

CHANNEL = "api"
JSON_TYPES = ("application/json", "application/merge-patch+json")

_ETAG = {"ETag": {"description": "De versie van het record (sterke ETag).", "schema": {"type": "string"}}}
_LOCATION = {"Location": {"description": "Het adres van het nieuwe record.", "schema": {"type": "string"}}}
_WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES,
    409: {"description": "Conflict: het record bestaat al, of de wijziging past niet bij zijn toestand."},
    412: {"description": "De versie in If-Match is niet meer de huidige: iemand anders wijzigde het record."},
    415: {"description": "De invoer is geen JSON."},
    428: {"description": "If-Match ontbreekt: noem de versie (ETag) die u wijzigt."},
}

IF_MATCH = Header(
    None,
    alias="If-Match",
    description="De ETag van de versie die u wijzigt (verplicht; * voor elke versie).",
)


def _url() -> str:
    return get_settings().database_url


def _href(request: Request, kind: RecordKind, id_: str) -> str:
    """The absolute URL of a record (``root_path`` is where the API is mounted: /api/v1)."""
    path = f"{request.scope.get('root_path', '')}/{kind.name}/{quote(id_, safe=',')}"
    return str(request.url.replace(path=path, query=""))


def _expected(header: str | None) -> tuple[str, ...] | None:
    """The entity tags of an If-Match header (None when there is none)."""
    if header is None:
        return None
    return tuple(tag.strip() for tag in header.split(",") if tag.strip())


async def _json_body(request: Request, *, optional: bool = False) -> object:
    """The request body as JSON; 415 for another media type, 400 for invalid JSON."""
    raw = await request.body()
    if optional and not raw.strip():
        return {}
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in JSON_TYPES and not media_type.endswith("+json"):
        raise _Problem(problem_response(415, "Stuur de invoer als JSON (Content-Type: application/json)."))
    try:
        return json.loads(raw)
    except ValueError:
        raise InvalidInput(
            [InvalidParam(name="body", code="json_invalid", reason="Is geen geldige JSON.")]
        ) from None


class _Problem(Exception):
    def __init__(self, response: JSONResponse) -> None:
        self.response = response


def _fields(kind: RecordKind, body: object) -> tuple[dict[str, str | None], list[records.Veldfout]]:
    try:
        return parse_fields(kind, body)
    except ValueError as exc:
        raise InvalidInput([InvalidParam(name="body", code="dict_type", reason=str(exc))]) from None


async def _run(request: Request, kind: RecordKind, call: Callable[[], records.Record]) -> records.Record:
    """Run a service call in a worker thread; its refusals become problem answers."""
    path = request.url.path
    try:
        return await run_in_threadpool(call)
    except records.InvalidRecord as exc:
        raise InvalidInput(invalid_params(kind, exc.errors)) from None
    except records.GeenSchrijfrecht as exc:
        raise _Problem(problem_response(403, str(exc), instance=path)) from None
    except records.NotFound as exc:
        raise _Problem(problem_response(404, str(exc), instance=path)) from None
    except records.AlreadyExists as exc:
        raise _Problem(problem_response(409, str(exc), instance=path)) from None
    except records.VersionRequired as exc:
        raise _Problem(problem_response(428, str(exc), instance=path)) from None
    except records.VersionConflict as exc:
        raise _Problem(
            problem_response(412, str(exc), instance=path, headers={"ETag": exc.current.etag})
        ) from None


def _answer(request: Request, record: records.Record, status: int = 200) -> JSONResponse:
    href = _href(request, record.kind, record.id)
    headers = {"ETag": record.etag}
    if status == 201:
        headers["Location"] = href
    return JSONResponse(representation(record, href), status_code=status, headers=headers)


def _request_body(kind: RecordKind, *, patch: bool) -> dict[str, Any]:
    schema = body_schema(kind, patch=patch)
    types = JSON_TYPES if patch else JSON_TYPES[:1]
    return {"requestBody": {"required": True, "content": {t: {"schema": schema} for t in types}}}


def _id_path(kind: RecordKind) -> Any:
    parts = ", ".join(kind.key)
    return Path(
        alias="id",
        pattern=r"^[^/\x00-\x1f\x7f]{1,400}$",
        description=f"Id van {kind.the}: {parts}, elk deel URL-gecodeerd, gescheiden door komma's.",
    )


def _add_routes(kind: RecordKind) -> None:
    item = response_model(kind)
    page_type = page_model(kind, item)
    plural, single = pascal(kind.name), pascal(kind.enkelvoud)
    base, one = f"/{kind.name}", f"/{kind.name}/{{id}}"
    id_param = _id_path(kind)

    @router.get(
        base,
        summary=f"{kind.titel} van uw organisatie",
        description=f"De huidige versie van elk(e) {kind.enkelvoud} van de organisatie van het token, op "
        "sleutel, per pagina. De beheerder ziet die van alle organisaties, of van `organisatie`.",
        response_model=page_type,
        response_model_by_alias=True,
        response_model_exclude_none=True,
        responses=AUTH_RESPONSES,
        operation_id=f"list{plural}",
    )
    def list_records(
        request: Request,
        page: Paginering = Depends(paginering),
        organisatie: str | None = Query(
            None, pattern=f"^{PARTIJ_ID_PATTERN}$", description="Alleen voor de beheerder: één organisatie."
        ),
        identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.LEZEN)),
    ) -> Any:
        try:
            found = records.list_records(
                _url(),
                identiteit.account,
                kind,
                organisatie=organisatie,
                offset=page.offset,
                limit=page.limit,
            )
        except records.GeenSchrijfrecht as exc:
            return problem_response(403, str(exc))
        items = [representation(r, _href(request, kind, r.id)) for r in found]
        return hal_page(request, kind.name, items, page)

    @router.post(
        base,
        summary=f"{_cap(kind.new)} vastleggen",
        description=f"Legt {kind.the} vast via de importstraat (dezelfde controles als een bestand). Het "
        "veld van de eigenaar mag ontbreken: dan is het de organisatie van het token.",
        status_code=201,
        response_model=item,
        responses={**_WRITE_RESPONSES, 201: {"description": "Vastgelegd", "headers": {**_ETAG, **_LOCATION}}},
        operation_id=f"create{single}",
        openapi_extra=_request_body(kind, patch=False),
    )
    async def create_record(
        request: Request, identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN))
    ) -> Any:
        try:
            values, errors = _fields(kind, await _json_body(request))
            record = await _run(
                request,
                kind,
                lambda: records.create_record(
                    _url(), identiteit.account, kind, values, channel=CHANNEL, input_errors=errors
                ),
            )
        except _Problem as problem:
            return problem.response
        return _answer(request, record, 201)

    @router.get(
        one,
        summary=f"Eén {kind.enkelvoud}",
        description=f"De huidige versie van {kind.the}, met zijn ETag.",
        response_model=item,
        response_model_by_alias=True,
        responses={**AUTH_RESPONSES, 200: {"description": "Gelukt", "headers": _ETAG}},
        operation_id=f"get{single}",
    )
    async def get_record(
        request: Request,
        id_: str = id_param,
        identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.LEZEN)),
    ) -> Any:
        try:
            record = await _run(
                request, kind, lambda: records.get_record(_url(), identiteit.account, kind, id_)
            )
        except _Problem as problem:
            return problem.response
        return _answer(request, record)

    @router.put(
        one,
        summary=f"{_cap(kind.the)} vervangen",
        description="Een nieuwe versie met precies deze velden (een veld dat ontbreekt wordt leeg). De "
        "sleutel verandert niet. If-Match is verplicht.",
        response_model=item,
        responses={**_WRITE_RESPONSES, 200: {"description": "Gelukt", "headers": _ETAG}},
        operation_id=f"replace{single}",
        openapi_extra=_request_body(kind, patch=False),
    )
    async def replace_record(
        request: Request,
        id_: str = id_param,
        if_match: str | None = IF_MATCH,
        identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
    ) -> Any:
        try:
            values, errors = _fields(kind, await _json_body(request))
            record = await _run(
                request,
                kind,
                lambda: records.replace_record(
                    _url(),
                    identiteit.account,
                    kind,
                    id_,
                    values,
                    _expected(if_match),
                    channel=CHANNEL,
                    input_errors=errors,
                ),
            )
        except _Problem as problem:
            return problem.response
        return _answer(request, record)

    @router.patch(
        one,
        summary=f"{_cap(kind.the)} wijzigen",
        description="Een nieuwe versie: de huidige met de meegestuurde velden erover (JSON merge patch; "
        "null maakt een veld leeg). De sleutel verandert niet. If-Match is verplicht.",
        response_model=item,
        responses={**_WRITE_RESPONSES, 200: {"description": "Gelukt", "headers": _ETAG}},
        operation_id=f"patch{single}",
        openapi_extra=_request_body(kind, patch=True),
    )
    async def patch_record(
        request: Request,
        id_: str = id_param,
        if_match: str | None = IF_MATCH,
        identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
    ) -> Any:
        try:
            changes, errors = _fields(kind, await _json_body(request))
            record = await _run(
                request,
                kind,
                lambda: records.patch_record(
                    _url(),
                    identiteit.account,
                    kind,
                    id_,
                    changes,
                    _expected(if_match),
                    channel=CHANNEL,
                    input_errors=errors,
                ),
            )
        except _Problem as problem:
            return problem.response
        return _answer(request, record)

    if kind.withdrawn is not None:
        column, value = kind.withdrawn

        @router.delete(
            one,
            summary=f"{_cap(kind.the)} intrekken",
            description=f"Trekt {kind.the} in als nieuwe versie ({column} {value}); de geschiedenis blijft. "
            "If-Match is verplicht.",
            status_code=204,
            responses={**_WRITE_RESPONSES, 204: {"description": "Ingetrokken", "headers": _ETAG}},
            operation_id=f"delete{single}",
        )
        async def withdraw_record(
            request: Request,
            id_: str = id_param,
            if_match: str | None = IF_MATCH,
            identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
        ) -> Response:
            try:
                record = await _run(
                    request,
                    kind,
                    lambda: records.withdraw_record(
                        _url(), identiteit.account, kind, id_, _expected(if_match), channel=CHANNEL
                    ),
                )
            except _Problem as problem:
                return problem.response
            return Response(status_code=204, headers={"ETag": record.etag})


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


for _kind in records.ALL:
    _add_routes(_kind)

_GEBREKEN = records.BY_NAME["gebreken"]


@router.post(
    "/gebreken/{id}/_sluiten",
    summary="Een gebrek sluiten",
    description="Legt vast dat een open gebrek is opgelost: een nieuwe versie met `opgelostOp` (standaard "
    "vandaag). Een gebrek dat al gesloten is geeft 409. If-Match is verplicht.",
    response_model=response_model(_GEBREKEN),
    responses={**_WRITE_RESPONSES, 200: {"description": "Gesloten", "headers": _ETAG}},
    operation_id="closeGebrek",
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "opgelostOp": {
                                "type": "string",
                                "format": "date",
                                "description": "Datum opgelost; standaard vandaag.",
                            }
                        },
                    }
                }
            },
        }
    },
)
async def close_defect(
    request: Request,
    id_: str = _id_path(_GEBREKEN),
    if_match: str | None = IF_MATCH,
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
) -> Any:
    try:
        body = await _json_body(request, optional=True)
        values, errors = _fields(_GEBREKEN, body)
        # Only opgelostOp belongs in this body; another member of a defect is changed with PATCH.
        errors += [
            records.Veldfout(name, "Dit veld is niet toegestaan.", "extra_forbidden")
            for name in values
            if name != "opgelost_op"
        ]
        if errors:
            raise InvalidInput(invalid_params(_GEBREKEN, tuple(errors)))
        record = await _run(
            request,
            _GEBREKEN,
            lambda: records.close_defect(
                _url(),
                identiteit.account,
                id_,
                values.get("opgelost_op"),
                _expected(if_match),
                channel=CHANNEL,
            ),
        )
    except _Problem as problem:
        return problem.response
    return _answer(request, record)
