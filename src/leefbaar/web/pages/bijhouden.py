"""``/bijhouden/{organisatie}``: the forms with which a party keeps its own records by hand.

- ``GET /bijhouden/{organisatie}``: the kinds of records the logged-in account may keep for this
  organisation (its own; the beheerder: any), reached from the corporatie and gemeente pages;
- ``GET /bijhouden/{organisatie}/{soort}``: its current records of that kind, 50 per page;
- ``/bijhouden/{organisatie}/{soort}/nieuw`` and ``/bijhouden/{organisatie}/{soort}/{id}``: the
  form for a new record and for the current version of one (``POST`` saves; the form carries the
  version it shows, so a change made in between is refused, not overwritten);
- ``POST .../{id}/sluiten`` (a defect) and ``POST .../{id}/intrekken`` (a plan, a VHF plan address).

Every write goes through ``services.records`` (the import pipeline, ownership and audit). With htmx
the form is sent in the background and only the form is replaced: the messages appear beside their
fields and in the summary, which takes the focus; without JavaScript the whole page does the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from leefbaar.services import records
from leefbaar.services.accounts import Account
from leefbaar.services.records import RecordKind
from leefbaar.web import record_forms
from leefbaar.web.security import GeenToegang, database_url, huidig_account, login_vereist
from leefbaar.web.templating import not_found, render, templates

router = APIRouter()

CHANNEL = "formulier"
PER_PAGE = 50

#: Messages after a successful POST (Post/Redirect/Get): only these codes are shown.
MELDINGEN = {
    "opgeslagen": "De wijziging is opgeslagen als nieuwe versie.",
    "aangemaakt": "Het record is vastgelegd.",
    "gesloten": "Het gebrek is gesloten.",
    "ingetrokken": "Het record is ingetrokken. De geschiedenis blijft bewaard.",
}


def kan_bijhouden(request: Request, organisatie: str) -> bool:
    """Whether the page of ``organisatie`` links to its forms: the logged-in account may keep some."""
    return bool(records.kinds_for(huidig_account(request), organisatie))


def _kinds(account: Account, organisatie: str) -> list[RecordKind]:
    found = records.kinds_for(account, organisatie)
    if not found:
        raise GeenToegang(
            f"Uw account ({account.rol.value}, {account.organisatie}) houdt geen gegevens bij voor {organisatie[:12]}."
        )
    return found


def _kind(account: Account, organisatie: str, soort: str) -> RecordKind:
    for kind in _kinds(account, organisatie):
        if kind.name == soort:
            return kind
    raise GeenToegang(f"Uw account houdt geen {soort[:40]} bij voor {organisatie[:12]}.")


def _base(organisatie: str, kind: RecordKind | None = None) -> str:
    return f"/bijhouden/{organisatie}" + (f"/{kind.name}" if kind else "")


def _record_path(organisatie: str, kind: RecordKind, id_: str) -> str:
    return f"{_base(organisatie, kind)}/{quote(id_, safe=',')}"


def _org_page(organisatie: str) -> str:
    return f"/gemeenten/{organisatie}" if organisatie.startswith("GM") else f"/corporaties/{organisatie}"


def _common(organisatie: str) -> dict[str, Any]:
    return {
        "organisatie": organisatie,
        "naam": records.organisation_name(database_url(), organisatie) or organisatie,
        "organisatiepagina": _org_page(organisatie),
    }


# ----------------------------------------------------------------------------------------------
# Overview and lists


@router.get("/bijhouden/{organisatie}", response_class=HTMLResponse)
def overzicht(request: Request, organisatie: str, account: Account = Depends(login_vereist)) -> HTMLResponse:
    organisatie = organisatie.upper()[:12]
    kinds = _kinds(account, organisatie)
    return render(
        request, "bijhouden.html", {**_common(organisatie), "soorten": kinds, "basis": _base(organisatie)}
    )


def _pagina(value: str) -> int:
    return int(value) if value.isdigit() and 1 <= int(value) <= 100_000 else 1


@router.get("/bijhouden/{organisatie}/{soort}", response_class=HTMLResponse)
def lijst(
    request: Request,
    organisatie: str,
    soort: str,
    pagina: str = "1",
    melding: str = "",
    account: Account = Depends(login_vereist),
) -> HTMLResponse:
    organisatie = organisatie.upper()[:12]
    kind = _kind(account, organisatie, soort)
    nummer = _pagina(pagina[:8])
    found = records.list_records(
        database_url(),
        account,
        kind,
        organisatie=organisatie,
        offset=(nummer - 1) * PER_PAGE,
        limit=PER_PAGE + 1,
    )
    kolommen = [c for c in kind.key if c != kind.owner_column] + list(kind.summary)
    rijen = [
        {
            "pad": _record_path(organisatie, kind, r.id),
            "naam": " ".join(
                record_forms.display(kind, c, r.values.get(c)) for c in kind.key if c != kind.owner_column
            ),
            "cellen": [record_forms.display(kind, c, r.values.get(c)) for c in kolommen],
        }
        for r in found[:PER_PAGE]
    ]
    context = {
        **_common(organisatie),
        "soort": kind,
        "kolommen": [kind.label(c) for c in kolommen],
        "rijen": rijen,
        "pagina": nummer,
        "volgende": len(found) > PER_PAGE,
        "basis": _base(organisatie, kind),
        "melding": MELDINGEN.get(melding, ""),
    }
    return render(request, "bijhouden_lijst.html", context)


# ----------------------------------------------------------------------------------------------
# The form


def _form(
    request: Request,
    organisatie: str,
    kind: RecordKind,
    values: dict[str, str],
    *,
    record: records.Record | None,
    fouten: tuple[records.Veldfout, ...] = (),
    conflict: str = "",
    melding: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    errors = record_forms.error_texts(fouten)
    velden = record_forms.fields(kind, values, errors, existing=record is not None)
    ankers = {v.naam: v.anker for v in velden}
    context = {
        **_common(organisatie),
        "soort": kind,
        "record": record,
        "velden": velden,
        "fouten": [
            {
                "tekst": f"{kind.label(f.field)}: {f.reason}" if f.field else f.reason,
                "anker": ankers.get(f.field or "", ""),
            }
            for f in fouten
        ],
        "conflict": conflict,
        "melding": melding,
        "actie": _record_path(organisatie, kind, record.id)
        if record
        else f"{_base(organisatie, kind)}/nieuw",
        "basis": _base(organisatie, kind),
        "versie": record.etag if record else "",
        "vandaag": date.today().isoformat(),
        "intrekbaar": record is not None
        and kind.withdrawn is not None
        and record.values.get(kind.withdrawn[0]) != kind.withdrawn[1],
        "sluitbaar": record is not None
        and kind.name == "gebreken"
        and record.values.get("opgelost_op") is None,
    }
    name = f"{kind.enkelvoud} {record.id} wijzigen" if record else kind.new
    context["paginatitel"] = (
        "Fout: " if fouten or conflict else ""
    ) + f"{_sentence(name)} – {context['naam']}"
    if request.headers.get("HX-Request") == "true":
        # Only the form; its <title> becomes the page's (htmx), so "Fout:" is announced there too.
        context["los"] = True
        return templates.TemplateResponse(
            request, "partials/recordformulier.html", context, status_code=status_code
        )
    return render(request, "bijhouden_formulier.html", context, status_code=status_code)


def _done(request: Request, target: str) -> Response:
    """After a successful save: the list with a message (htmx navigates there itself)."""
    if request.headers.get("HX-Request") == "true":
        return Response(status_code=200, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _current_values(record: records.Record) -> dict[str, str]:
    return {c: records.as_text(v) for c, v in record.values.items()}


@router.get("/bijhouden/{organisatie}/{soort}/nieuw", response_class=HTMLResponse)
def nieuw(
    request: Request, organisatie: str, soort: str, account: Account = Depends(login_vereist)
) -> HTMLResponse:
    organisatie = organisatie.upper()[:12]
    kind = _kind(account, organisatie, soort)
    return _form(request, organisatie, kind, {}, record=None)


@router.post("/bijhouden/{organisatie}/{soort}/nieuw", response_class=HTMLResponse, response_model=None)
async def aanmaken(
    request: Request, organisatie: str, soort: str, account: Account = Depends(login_vereist)
) -> Response:
    organisatie = organisatie.upper()[:12]
    kind = await run_in_threadpool(_kind, account, organisatie, soort)
    values = record_forms.form_values(kind, await request.form())
    try:
        record = await run_in_threadpool(
            records.create_record,
            database_url(),
            account,
            kind,
            {**values, kind.owner_column: organisatie},
            channel=CHANNEL,
        )
    except records.GeenSchrijfrecht as exc:
        raise GeenToegang(str(exc)) from None
    except records.InvalidRecord as exc:
        fouten, status = exc.errors, 400
    except records.AlreadyExists as exc:
        fouten, status = (records.Veldfout(kind.key[-1], str(exc), "bestaat"),), 409
    else:
        return _done(request, f"{_record_path(organisatie, kind, record.id)}?melding=aangemaakt")
    return await run_in_threadpool(
        _form, request, organisatie, kind, values, record=None, fouten=fouten, status_code=status
    )


def _record(account: Account, organisatie: str, kind: RecordKind, id_: str) -> records.Record:
    try:
        record = records.get_record(database_url(), account, kind, id_)
    except records.GeenSchrijfrecht as exc:
        raise GeenToegang(str(exc)) from None
    if record.owner != organisatie:
        raise records.NotFound(f"Er is geen {kind.enkelvoud} {id_[:120]} van {organisatie}.")
    return record


@router.get("/bijhouden/{organisatie}/{soort}/{record_id}", response_class=HTMLResponse)
def bewerken(
    request: Request,
    organisatie: str,
    soort: str,
    record_id: str,
    melding: str = "",
    account: Account = Depends(login_vereist),
) -> HTMLResponse:
    organisatie = organisatie.upper()[:12]
    kind = _kind(account, organisatie, soort)
    try:
        record = _record(account, organisatie, kind, record_id)
    except records.NotFound as exc:
        return not_found(request, str(exc))
    return _form(
        request, organisatie, kind, _current_values(record), record=record, melding=MELDINGEN.get(melding, "")
    )


async def _change(
    request: Request,
    account: Account,
    organisatie: str,
    soort: str,
    record_id: str,
    write: Callable[[RecordKind, records.Record, dict[str, str], tuple[str, ...]], records.Record],
    melding: str,
) -> Response:
    """Run one change of an existing record from a form that names its version (``versie``)."""
    organisatie = organisatie.upper()[:12]
    kind = await run_in_threadpool(_kind, account, organisatie, soort)
    form = await request.form()
    values = record_forms.form_values(kind, form)
    expected = (str(form.get("versie") or ""),)
    try:
        current = await run_in_threadpool(_record, account, organisatie, kind, record_id)
    except records.NotFound as exc:
        return not_found(request, str(exc))
    shown, conflict = current, ""
    fouten: tuple[records.Veldfout, ...] = ()
    try:
        record = await run_in_threadpool(write, kind, current, values, expected)
    except records.NotFound as exc:
        return not_found(request, str(exc))
    except records.GeenSchrijfrecht as exc:
        raise GeenToegang(str(exc)) from None
    except records.InvalidRecord as exc:
        fouten = exc.errors
    except records.VersionConflict as exc:
        shown, values = exc.current, _current_values(exc.current)
        conflict = (
            f"{_sentence(kind.the)} is intussen door iemand anders gewijzigd. Hieronder staat de nieuwe versie; "
            "er is niets van uw wijziging opgeslagen. Breng uw wijziging opnieuw aan."
        )
    except (records.AlreadyExists, records.VersionRequired) as exc:
        values, conflict = _current_values(current), str(exc)
    else:
        return _done(request, f"{_record_path(organisatie, kind, record.id)}?melding={melding}")
    return await run_in_threadpool(
        _form,
        request,
        organisatie,
        kind,
        values,
        record=shown,
        fouten=fouten,
        conflict=conflict,
        status_code=400 if fouten else 409,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


@router.post("/bijhouden/{organisatie}/{soort}/{record_id}", response_class=HTMLResponse, response_model=None)
async def opslaan(
    request: Request, organisatie: str, soort: str, record_id: str, account: Account = Depends(login_vereist)
) -> Response:
    def write(
        kind: RecordKind, current: records.Record, values: dict[str, str], expected: tuple[str, ...]
    ) -> records.Record:
        owner = records.as_text(current.values.get(kind.owner_column))
        return records.replace_record(
            database_url(),
            account,
            kind,
            current.id,
            {**values, kind.owner_column: owner},
            expected,
            channel=CHANNEL,
        )

    return await _change(request, account, organisatie, soort, record_id, write, "opgeslagen")


@router.post(
    "/bijhouden/{organisatie}/{soort}/{record_id}/sluiten", response_class=HTMLResponse, response_model=None
)
async def sluiten(
    request: Request, organisatie: str, soort: str, record_id: str, account: Account = Depends(login_vereist)
) -> Response:
    def write(
        kind: RecordKind, current: records.Record, values: dict[str, str], expected: tuple[str, ...]
    ) -> records.Record:
        if kind.name != "gebreken":
            raise records.NotFound("Alleen een gebrek kan worden gesloten.")
        return records.close_defect(
            database_url(), account, current.id, values.get("opgelost_op") or None, expected, channel=CHANNEL
        )

    return await _change(request, account, organisatie, soort, record_id, write, "gesloten")


@router.post(
    "/bijhouden/{organisatie}/{soort}/{record_id}/intrekken", response_class=HTMLResponse, response_model=None
)
async def intrekken(
    request: Request, organisatie: str, soort: str, record_id: str, account: Account = Depends(login_vereist)
) -> Response:
    def write(
        kind: RecordKind, current: records.Record, values: dict[str, str], expected: tuple[str, ...]
    ) -> records.Record:
        if kind.withdrawn is None:
            raise records.NotFound(f"{_sentence(kind.the)} kan niet worden ingetrokken.")
        return records.withdraw_record(database_url(), account, kind, current.id, expected, channel=CHANNEL)

    return await _change(request, account, organisatie, soort, record_id, write, "ingetrokken")
