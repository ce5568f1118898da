"""Writing agreements (scope ``schrijven``): draw one up, change it, add or change a commitment, and
report or judge the status of a qualitative commitment.

- ``POST /afspraken`` (201, ``Location``, ``ETag: "1"``): a new agreement; the body is the document
  (docs/agreement-format.md) plus ``reden``. An id that exists: 409.
- ``PUT /afspraken/{id}``: a new version with exactly this document; ``If-Match`` with the current
  version's ETag (``"3"``) is required: 428 without it, 412 when it is no longer current.
- ``POST /afspraken/{id}/toezeggingen`` and ``PUT /afspraken/{id}/toezeggingen/{toezegging}``: add or
  replace one commitment (a new version of the agreement; ``If-Match`` required).
- ``POST .../toezeggingen/{toezegging}/meldingen``: the responsible party reports a status with
  evidence (text, link); ``POST .../reacties``: a co-signer confirms or contests a reported status.

Who may: ``privacy.ownership`` through ``services.agreements`` (a refusal is a 403 and audited; it is
checked before the body is read). Invalid input: one 400 naming every problem by its path in the body.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Path, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from leefbaar.api.agreement_bodies import (
    AfspraakInvoer,
    MeldingInvoer,
    ReactieInvoer,
    ToezeggingInvoer,
    invalid_params,
    request_body,
)
from leefbaar.api.problems import InvalidInput, InvalidParam, problem_response
from leefbaar.api.routers.afspraken import (
    AFSPRAAK_ID,
    ETAG_HEADER,
    Afspraak,
    Melding,
    afspraak_body,
    melding_body,
    version_etag,
)
from leefbaar.api.security import AUTH_RESPONSES, ApiIdentiteit, scope_vereist
from leefbaar.domain.agreements import Reactie, Status
from leefbaar.services import agreements
from leefbaar.services.accounts import Account, Scope
from leefbaar.services.areas import database_url
from leefbaar.services.sharing.fields import Invoerfouten, Veldfout

router = APIRouter(tags=["afspraken"])

T = TypeVar("T")

TOEZEGGING_ID = Annotated[
    str, Path(pattern="^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$", description="Kenmerk van de toezegging.")
]
IF_MATCH = Header(
    None, alias="If-Match", description='De ETag van de versie die u wijzigt, bijvoorbeeld "3" (verplicht).'
)

_LOCATION = {"Location": {"description": "Het adres van de nieuwe afspraak.", "schema": {"type": "string"}}}
_WRITE: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES,
    403: {"description": "Geen toegang: het token mist de scope, of de afspraak is niet van uw organisatie."},
    415: {"description": "De invoer is geen JSON."},
}
_CHANGE: dict[int | str, dict[str, Any]] = {
    **_WRITE,
    412: {
        "description": "De versie in If-Match is niet meer de huidige: iemand anders wijzigde de afspraak."
    },
    428: {"description": "If-Match ontbreekt: noem de versie (ETag) die u wijzigt."},
}


class _Problem(Exception):
    def __init__(self, response: JSONResponse) -> None:
        self.response = response


async def _json(request: Request) -> object:
    """The body as JSON; 415 for another media type, 400 for invalid JSON."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise _Problem(problem_response(415, "Stuur de invoer als JSON (Content-Type: application/json)."))
    try:
        return json.loads(await request.body())
    except ValueError:
        raise InvalidInput(
            [InvalidParam(name="body", code="json_invalid", reason="Is geen geldige JSON.")]
        ) from None


def _zin(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


async def _run(request: Request, call: Callable[[], T], prefix: str = "", afspraak_id: str = "") -> T:
    """Run a service call in a worker thread; its refusals become problem answers (a version
    conflict on ``afspraak_id`` a 412 with the current version's ETag)."""
    path = request.url.path
    try:
        return await run_in_threadpool(call)
    except agreements.AfspraakOngeldig as exc:
        raise InvalidInput(invalid_params(exc.fouten, prefix)) from None
    except (agreements.AfspraakGeweigerd, agreements.ToezeggingGeweigerd) as exc:
        raise _Problem(problem_response(403, _zin(str(exc)), instance=path)) from None
    except agreements.AfspraakNietGevonden as exc:
        raise _Problem(problem_response(404, _zin(str(exc)), instance=path)) from None
    except agreements.AfspraakBestaat as exc:
        raise _Problem(problem_response(409, _zin(str(exc)), instance=path)) from None
    except agreements.VersieConflict as exc:
        current = await run_in_threadpool(agreements.stored_agreement, database_url(), afspraak_id)
        headers = {"ETag": version_etag(current.versie)}
        raise _Problem(problem_response(412, _zin(str(exc)), instance=path, headers=headers)) from None
    except Invoerfouten as exc:
        raise InvalidInput([_param(f) for f in exc.fouten]) from None


def _param(fout: Veldfout) -> InvalidParam:
    return InvalidParam(name=fout.veld, code="invalid", reason=fout.tekst)


def _expected(if_match: str | None, current: int) -> int:
    """The version an ``If-Match`` names (``*``: the current one); 428 without it, 412 when stale."""
    if if_match is None or not if_match.strip():
        raise _Problem(
            problem_response(
                428, f'Geef met If-Match de versie (ETag) die u wijzigt; de huidige is "{current}".'
            )
        )
    tags = [t.strip() for t in if_match.split(",") if t.strip()]
    if "*" in tags or version_etag(current) in tags:
        return current
    raise _Problem(
        problem_response(
            412,
            f'De afspraak is intussen gewijzigd: de huidige versie is "{current}". Haal die op en breng uw '
            "wijziging daarin opnieuw aan.",
            headers={"ETag": version_etag(current)},
        )
    )


def _current(account: Account, afspraak_id: str) -> agreements.StoredAgreement:
    """The current version, after the ownership check (404 unknown, 403 another party's; audited)."""
    url = database_url()
    stored = agreements.stored_agreement(url, afspraak_id)
    agreements.check_may_change(url, account, stored)
    return stored


def _answer(request: Request, afspraak_id: str, status: int = 200) -> JSONResponse:
    stored = agreements.stored_agreement(database_url(), afspraak_id)
    headers = {"ETag": version_etag(stored.versie)}
    if status == 201:
        path = f"{request.scope.get('root_path', '')}/afspraken/{quote(afspraak_id, safe='')}"
        headers["Location"] = str(request.url.replace(path=path, query=""))
    body = Afspraak.model_validate(afspraak_body(stored)).model_dump(mode="json", exclude_none=True)
    return JSONResponse(body, status_code=status, headers=headers)


@router.post(
    "/afspraken",
    summary="Een afspraak opstellen",
    description="Legt een nieuwe afspraak vast (versie 1): het document in de structuur van het "
    "afsprakenformaat, met `reden`. Een gemeente stelt de lokale afspraken op waarvan zij de regie "
    "heeft; de landelijke afspraak legt alleen de beheerder vast. Dezelfde controles als bij het "
    "importeren van een bestand; alle fouten samen in één 400. Een bestaand id geeft 409.",
    status_code=201,
    response_model=Afspraak,
    response_model_exclude_none=True,
    responses={
        **_WRITE,
        201: {"description": "Vastgelegd", "headers": {**ETAG_HEADER, **_LOCATION}},
        409: {"description": "Er is al een afspraak met dit id."},
    },
    operation_id="createAfspraak",
    openapi_extra=request_body(AfspraakInvoer),
)
async def create_afspraak(
    request: Request, identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN))
) -> Any:
    try:
        body = await _json(request)
        found = await _run(
            request, lambda: agreements.create_document(database_url(), identiteit.account, body)
        )
    except _Problem as problem:
        return problem.response
    return await run_in_threadpool(_answer, request, found.afspraak_id, 201)


@router.put(
    "/afspraken/{id}",
    summary="Een afspraak wijzigen",
    description="Een nieuwe versie van de afspraak met precies dit document (de vorige blijven "
    "bewaard); `reden` is verplicht, soort en gemeente veranderen niet. If-Match is verplicht.",
    response_model=Afspraak,
    response_model_exclude_none=True,
    responses={**_CHANGE, 200: {"description": "Gelukt", "headers": ETAG_HEADER}},
    operation_id="replaceAfspraak",
    openapi_extra=request_body(AfspraakInvoer),
)
async def replace_afspraak(
    request: Request,
    id: AFSPRAAK_ID,
    if_match: str | None = IF_MATCH,
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
) -> Any:
    account = identiteit.account
    try:
        stored = await _run(request, lambda: _current(account, id))
        expected = _expected(if_match, stored.versie)
        body = await _json(request)
        await _run(
            request,
            lambda: agreements.replace_document(database_url(), account, id, body, expected),
            afspraak_id=id,
        )
    except _Problem as problem:
        return problem.response
    return await run_in_threadpool(_answer, request, id)


async def _commitment(
    request: Request, account: Account, afspraak_id: str, toezegging: str | None, if_match: str | None
) -> JSONResponse:
    stored = await _run(request, lambda: _current(account, afspraak_id))
    ids = [str(t["id"]) for t in stored.document["toezeggingen"]]
    if toezegging is not None and toezegging not in ids:
        raise _Problem(
            problem_response(
                404, f"Afspraak {afspraak_id} heeft geen toezegging {toezegging}.", instance=request.url.path
            )
        )
    expected = _expected(if_match, stored.versie)
    body = await _json(request)
    index = ids.index(toezegging) if toezegging is not None else len(ids)
    await _run(
        request,
        lambda: agreements.put_commitment_item(
            database_url(), account, afspraak_id, body, expected, toezegging
        ),
        prefix=f"toezeggingen[{index}].",
        afspraak_id=afspraak_id,
    )
    return await run_in_threadpool(_answer, request, afspraak_id, 201 if toezegging is None else 200)


@router.post(
    "/afspraken/{id}/toezeggingen",
    summary="Een toezegging toevoegen",
    description="Voegt een gemeten of kwalitatieve toezegging toe aan de afspraak (een nieuwe versie "
    "van de afspraak, die het antwoord is). If-Match is verplicht. Fouten noemen het veld in de toezegging.",
    status_code=201,
    response_model=Afspraak,
    response_model_exclude_none=True,
    responses={**_CHANGE, 201: {"description": "Toegevoegd", "headers": ETAG_HEADER}},
    operation_id="createToezegging",
    openapi_extra=request_body(ToezeggingInvoer),
)
async def create_toezegging(
    request: Request,
    id: AFSPRAAK_ID,
    if_match: str | None = IF_MATCH,
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
) -> Any:
    try:
        return await _commitment(request, identiteit.account, id, None, if_match)
    except _Problem as problem:
        return problem.response


@router.put(
    "/afspraken/{id}/toezeggingen/{toezegging}",
    summary="Een toezegging wijzigen",
    description="Vervangt een toezegging door deze (een nieuwe versie van de afspraak, die het antwoord "
    "is); `reden` is verplicht, het id verandert niet. If-Match is verplicht.",
    response_model=Afspraak,
    response_model_exclude_none=True,
    responses={**_CHANGE, 200: {"description": "Gelukt", "headers": ETAG_HEADER}},
    operation_id="replaceToezegging",
    openapi_extra=request_body(ToezeggingInvoer),
)
async def replace_toezegging(
    request: Request,
    id: AFSPRAAK_ID,
    toezegging: TOEZEGGING_ID,
    if_match: str | None = IF_MATCH,
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
) -> Any:
    try:
        return await _commitment(request, identiteit.account, id, toezegging, if_match)
    except _Problem as problem:
        return problem.response


def _text(body: dict[str, Any], name: str, errors: list[InvalidParam]) -> str:
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(InvalidParam(name=name, code="string_type", reason="Moet een tekst zijn."))
        return ""
    return value


def _object(body: object, allowed: set[str]) -> tuple[dict[str, Any], list[InvalidParam]]:
    if not isinstance(body, dict):
        raise InvalidInput([InvalidParam(name="body", code="dict_type", reason="Moet een JSON-object zijn.")])
    errors = [
        InvalidParam(name=k, code="extra_forbidden", reason="Dit veld is niet toegestaan.")
        for k in body
        if k not in allowed
    ]
    return body, errors


def _melding(afspraak_id: str, toezegging: str, melding_id: int) -> dict[str, Any]:
    history = agreements.commitment_history(database_url(), afspraak_id, toezegging)
    found = melding_body(next(m for m in history if m.melding_id == melding_id))
    return Melding.model_validate(found).model_dump(mode="json", exclude_none=True)


@router.post(
    "/afspraken/{id}/toezeggingen/{toezegging}/meldingen",
    summary="De status van een kwalitatieve toezegging melden",
    description="De verantwoordelijke partij (voor een verzamelpartij: elk lid voor het eigen deel) meldt "
    "de status met bewijs: een toelichting en/of een link. Een document uploaden kan op de webpagina.",
    status_code=201,
    response_model=Melding,
    response_model_exclude_none=True,
    responses={**_WRITE, 201: {"description": "Gemeld"}},
    operation_id="createMelding",
    openapi_extra=request_body(MeldingInvoer),
)
async def create_melding(
    request: Request,
    id: AFSPRAAK_ID,
    toezegging: TOEZEGGING_ID,
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
) -> Any:
    url, account = database_url(), identiteit.account
    try:
        await _run(request, lambda: agreements.check_may_report(url, account, id, toezegging))
        body, errors = _object(await _json(request), {"status", "toelichting", "link"})
        status = body.get("status")
        if status not in {s.value for s in Status}:
            errors.append(
                InvalidParam(
                    name="status",
                    code="enum",
                    reason="Kies gehaald, op koers, risico, niet gehaald of geen gegevens.",
                )
            )
        toelichting, link = _text(body, "toelichting", errors), _text(body, "link", errors)
        errors += [_param(f) for f in agreements.evidence_errors(toelichting, link)]
        if errors:
            raise InvalidInput(errors)
        melding_id = await _run(
            request,
            lambda: agreements.report_status(
                url, account, id, toezegging, Status(str(status)), toelichting=toelichting, link=link
            ),
        )
    except _Problem as problem:
        return problem.response
    return JSONResponse(await run_in_threadpool(_melding, id, toezegging, melding_id), status_code=201)


@router.post(
    "/afspraken/{id}/toezeggingen/{toezegging}/reacties",
    summary="Een gemelde status bevestigen of betwisten",
    description="Een partij die de afspraak mede ondertekende (niet de verantwoordelijke) bevestigt of "
    "betwist een gemelde status (`opMelding`); betwisten vraagt een toelichting.",
    status_code=201,
    response_model=Melding,
    response_model_exclude_none=True,
    responses={**_WRITE, 201: {"description": "Vastgelegd"}},
    operation_id="createReactie",
    openapi_extra=request_body(ReactieInvoer),
)
async def create_reactie(
    request: Request,
    id: AFSPRAAK_ID,
    toezegging: TOEZEGGING_ID,
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SCHRIJVEN)),
) -> Any:
    url, account = database_url(), identiteit.account
    try:
        await _run(request, lambda: agreements.check_may_react(url, account, id, toezegging))
        body, errors = _object(await _json(request), {"opMelding", "reactie", "toelichting"})
        op = body.get("opMelding")
        if not isinstance(op, int) or isinstance(op, bool) or op < 1:
            errors.append(
                InvalidParam(
                    name="opMelding", code="int_type", reason="Moet het id van een gemelde status zijn."
                )
            )
        reactie = body.get("reactie")
        if reactie not in {r.value for r in Reactie}:
            errors.append(InvalidParam(name="reactie", code="enum", reason="Kies bevestigd of betwist."))
        toelichting = _text(body, "toelichting", errors)
        if reactie == Reactie.BETWIST.value and not toelichting.strip():
            errors.append(
                InvalidParam(name="toelichting", code="missing", reason="Leg uit waarom u de status betwist.")
            )
        if errors:
            raise InvalidInput(errors)
        melding_id = await _run(
            request,
            lambda: agreements.react_to_status(
                url, account, id, toezegging, int(str(op)), Reactie(str(reactie)), toelichting=toelichting
            ),
        )
    except _Problem as problem:
        return problem.response
    return JSONResponse(await run_in_threadpool(_melding, id, toezegging, melding_id), status_code=201)
