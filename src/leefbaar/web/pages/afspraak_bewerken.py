"""Drawing up and changing agreements with forms (who may: ``privacy.ownership``, docs/security.md).

- ``/afspraken/nieuw``: a municipality draws up a local agreement it directs: title, period,
  parties (organisations in the municipality, or others by id) and its first commitment; the
  beheerder first chooses the municipality (``?gemeente=``);
- ``/afspraken/{id}/wijzigen``: title, period, parties and explanation, as a new version with a reason;
- ``/afspraken/{id}/nieuwe-toezegging`` and ``/afspraken/{id}/toezeggingen/{tid}/wijzigen``: add or
  change a commitment, measured or qualitative (a new version of the agreement).

``GET`` shows the form, ``POST`` stores through ``services.agreements`` (the document the YAML
import validates, with the version the form showed: a change made in between is refused, never
overwritten) and redirects to the agreement (Post/Redirect/Get). With htmx only the form is
replaced; every message stands beside its field and in the summary, which takes the focus.
Registered before ``afspraak``: its ``/afspraken/{id}`` would otherwise take ``/afspraken/nieuw``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from leefbaar.domain.parties import Rol
from leefbaar.rules.model import AfspraakSoort, AgreementError
from leefbaar.services import agreements
from leefbaar.services.accounts import Account
from leefbaar.web import agreement_forms as af
from leefbaar.web.record_forms import Veld
from leefbaar.web.security import GeenToegang, database_url, login_vereist
from leefbaar.web.templating import not_found, render, templates

router = APIRouter()

#: Messages on the agreement's page after a successful POST (Post/Redirect/Get).
MELDINGEN = {
    "aangemaakt": "De afspraak is vastgelegd als versie 1. Voeg met ‘Toezegging toevoegen’ meer toezeggingen toe.",
    "gewijzigd": "De wijziging is opgeslagen als nieuwe versie; de vorige blijven bewaard.",
    "toezegging-toegevoegd": "De toezegging is toegevoegd; de afspraak heeft een nieuwe versie.",
    "toezegging-gewijzigd": "De toezegging is gewijzigd; de afspraak heeft een nieuwe versie.",
}


def _page(afspraak_id: str) -> str:
    return f"/afspraken/{quote(afspraak_id, safe='')}"


def _done(request: Request, afspraak_id: str, melding: str) -> Response:
    target = f"{_page(afspraak_id)}?melding={melding}"
    if request.headers.get("HX-Request") == "true":
        return Response(status_code=200, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _show(request: Request, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """The whole page, or with htmx only the form (its <title> announces "Fout:" too)."""
    if request.headers.get("HX-Request") == "true":
        return templates.TemplateResponse(
            request, "partials/afspraakformulier.html", {**context, "los": True}, status_code=status_code
        )
    return render(request, "afspraak_formulier.html", context, status_code=status_code)


def _summary(summary: list[tuple[str, str]], velden: Sequence[Veld]) -> list[dict[str, str]]:
    """The summary's items, each linked to its field when the form shows that field."""
    shown = {v.naam for v in velden}
    return [{"tekst": tekst, "anker": _anchor(veld) if veld in shown else ""} for tekst, veld in summary]


def _anchor(veld: str) -> str:
    return f"veld-{veld}-0" if veld == "partijen" else f"veld-{veld}"


def _changeable(account: Account, afspraak_id: str) -> agreements.StoredAgreement:
    """The current version, when the account may change it (else 403: a form it cannot use)."""
    stored = agreements.stored_agreement(database_url(), afspraak_id[:80])
    a = stored.agreement
    nationaal = a.soort is AfspraakSoort.NATIONAAL
    if not agreements.may_write(
        account, nationaal=nationaal, gemeentecode=a.gemeente.code if a.gemeente else None
    ):
        wie = (
            "de beheerder"
            if nationaal
            else f"de gemeente {a.gemeente.code if a.gemeente else ''} (zij heeft de regie) of de beheerder"
        )
        raise GeenToegang(f"Afspraak {a.id} wordt gewijzigd door {wie}, niet door {account.organisatie}.")
    return stored


def _responsible_choices(stored: agreements.StoredAgreement) -> list[tuple[str, str]]:
    return [(p.id, f"{p.naam} ({p.id})") for p in stored.agreement.partijen]


# ----------------------------------------------------------------------------------------------
# A new local agreement


def _municipality_for(account: Account, gekozen: str) -> str | None:
    """The municipality whose agreement the account draws up; None: the beheerder still chooses."""
    if account.rol is Rol.GEMEENTE:
        return account.organisatie
    if account.rol is Rol.BEHEERDER:
        return gekozen.strip().upper()[:6] or None
    raise GeenToegang(
        "Een lokale afspraak stelt de gemeente op die de regie heeft (of de beheerder), "
        f"niet een {account.rol.value}."
    )


def _new_form(
    request: Request,
    account: Account,
    gemeente: str,
    values: dict[str, str],
    fouten: tuple[Any, ...] = (),
    status_code: int = 200,
) -> HTMLResponse:
    url = database_url()
    per_field, summary = af.errors(fouten, 0)
    chosen = af.party_ids(values)
    keuzes = agreements.party_choices(url, gemeente, chosen)
    namen = {g.partij_id: g.naam for g in agreements.municipalities(url)}
    verantwoordelijken = [(gemeente, f"{namen.get(gemeente, gemeente)} ({gemeente})")] + [
        (o.partij_id, f"{o.naam} ({o.partij_id})") for o in keuzes
    ]
    context: dict[str, Any] = {
        "kop": "Nieuwe afspraak",
        "paginatitel": ("Fout: " if fouten else "") + f"Nieuwe afspraak – {namen.get(gemeente, gemeente)}",
        "uitleg": "Een lokale prestatieafspraak onder regie van de gemeente, met haar partners en een eerste "
        "toezegging. Dezelfde controles als bij het importeren van een afsprakenbestand: wat niet klopt, "
        "wordt per veld gemeld en er wordt dan niets opgeslagen.",
        "actie": "/afspraken/nieuw",
        "vaste_gemeente": gemeente,
        "gemeentenaam": namen.get(gemeente, gemeente),
        "afspraak_velden": af.agreement_fields(
            values, per_field, keuzes=keuzes, gemeenten=None, reden_verplicht=False
        ),
        "toezegging_kop": "De eerste toezegging",
        "toezegging_velden": af.commitment_fields(values, per_field, verantwoordelijken=verantwoordelijken),
        "reden_veld": [],
        "fouten": [],
        "knop": "Afspraak vastleggen",
    }
    velden: list[Veld] = [*context["afspraak_velden"], *context["toezegging_velden"], *context["reden_veld"]]
    context["fouten"] = _summary(summary, velden)
    return _show(request, context, status_code)


@router.get("/afspraken/nieuw", response_class=HTMLResponse)
def nieuw(request: Request, gemeente: str = "", account: Account = Depends(login_vereist)) -> HTMLResponse:
    code = _municipality_for(account, gemeente[:10])
    if code is None:
        context = {
            "kop": "Nieuwe afspraak",
            "paginatitel": "Nieuwe afspraak",
            "uitleg": "Een lokale prestatieafspraak onder regie van een gemeente.",
            "gemeentekeuze": agreements.municipalities(database_url()),
        }
        return render(request, "afspraak_formulier.html", context)
    return _new_form(request, account, code, {"t_soort": "kwalitatief"})


@router.post("/afspraken/nieuw", response_class=HTMLResponse, response_model=None)
async def aanmaken(request: Request, account: Account = Depends(login_vereist)) -> Response:
    form = await request.form()
    values = af.form_values(form)
    code = _municipality_for(account, values.get("gemeente", ""))
    if code is None:
        return RedirectResponse("/afspraken/nieuw", status_code=303)
    try:
        found = await run_in_threadpool(
            agreements.draw_up,
            database_url(),
            account,
            af.afspraak_invoer(values, code),
            af.toezegging_invoer(values),
            values.get("reden", ""),
        )
    except agreements.AfspraakGeweigerd as exc:
        raise GeenToegang(_sentence(str(exc))) from None
    except agreements.AfspraakBestaat as exc:
        fouten = (AgreementError("(formulier)", "titel", str(exc)),)
        return await run_in_threadpool(_new_form, request, account, code, values, fouten, 409)
    except agreements.AfspraakOngeldig as exc:
        return await run_in_threadpool(_new_form, request, account, code, values, exc.fouten, 400)
    return _done(request, found.afspraak_id, "aangemaakt")


# ----------------------------------------------------------------------------------------------
# Changing an agreement


def _change_form(
    request: Request,
    stored: agreements.StoredAgreement,
    values: dict[str, str],
    fouten: tuple[Any, ...] = (),
    conflict: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    a = stored.agreement
    per_field, summary = af.errors(fouten, None)
    lokaal = a.soort is AfspraakSoort.LOKAAL
    keuzes = (
        agreements.party_choices(database_url(), a.gemeente.code, af.party_ids(values)) if a.gemeente else []
    )
    # a party of the agreement that the register of organisations does not know stays offered
    offered = {o.partij_id for o in keuzes}
    keuzes += [
        agreements.Organisatie(p.id, p.soort.value, p.naam)
        for p in a.partijen
        if p.id not in offered and (a.gemeente is None or p.id != a.gemeente.code)
    ]
    context: dict[str, Any] = {
        "kop": f"Afspraak wijzigen: {a.titel}",
        "paginatitel": ("Fout: " if fouten or conflict else "") + f"Afspraak wijzigen – {a.titel}",
        "uitleg": f"Elke wijziging wordt een nieuwe versie; de vorige blijven bewaard. U wijzigt versie {stored.versie}. "
        "De toezeggingen wijzigt u elk op hun eigen formulier.",
        "actie": f"{_page(a.id)}/wijzigen",
        "versie": str(stored.versie),
        "terug": _page(a.id),
        "afspraaktitel": a.titel,
        "vaste_gemeente": a.gemeente.code if a.gemeente else "",
        "gemeentenaam": next((p.naam for p in a.partijen if a.gemeente and p.id == a.gemeente.code), ""),
        "afspraak_velden": af.agreement_fields(
            values, per_field, keuzes=keuzes, gemeenten=None, reden_verplicht=True, partijen=lokaal
        ),
        "toezegging_velden": [],
        "reden_veld": [],
        "fouten": [],
        "conflict": conflict,
        "knop": "Wijziging opslaan",
    }
    velden: list[Veld] = [*context["afspraak_velden"], *context["toezegging_velden"], *context["reden_veld"]]
    context["fouten"] = _summary(summary, velden)
    return _show(request, context, status_code)


def _conflict_text(stored: agreements.StoredAgreement) -> str:
    return (
        f"De afspraak is intussen door iemand anders gewijzigd: versie {stored.versie} is nu de actuele. "
        "Hieronder staat die versie; er is niets van uw wijziging opgeslagen. Breng uw wijziging opnieuw aan."
    )


def _expected(form_versie: str) -> int:
    return int(form_versie) if form_versie.isdigit() and len(form_versie) < 9 else -1


@router.get("/afspraken/{afspraak_id}/wijzigen", response_class=HTMLResponse)
def wijzigen(request: Request, afspraak_id: str, account: Account = Depends(login_vereist)) -> HTMLResponse:
    try:
        stored = _changeable(account, afspraak_id)
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, _sentence(str(exc)))
    return _change_form(request, stored, af.agreement_values(stored))


@router.post("/afspraken/{afspraak_id}/wijzigen", response_class=HTMLResponse, response_model=None)
async def opslaan(request: Request, afspraak_id: str, account: Account = Depends(login_vereist)) -> Response:
    form = await request.form()
    values = af.form_values(form)
    try:
        stored = await run_in_threadpool(_changeable, account, afspraak_id)
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, _sentence(str(exc)))
    code = stored.agreement.gemeente.code if stored.agreement.gemeente else ""
    try:
        found = await run_in_threadpool(
            agreements.change,
            database_url(),
            account,
            stored.agreement.id,
            af.afspraak_invoer(values, code),
            values.get("reden", ""),
            _expected(str(form.get("versie") or "")),
        )
    except agreements.AfspraakGeweigerd as exc:
        raise GeenToegang(_sentence(str(exc))) from None
    except agreements.AfspraakOngeldig as exc:
        return await run_in_threadpool(_change_form, request, stored, values, exc.fouten, "", 400)
    except agreements.VersieConflict:
        current = await run_in_threadpool(agreements.stored_agreement, database_url(), stored.agreement.id)
        return await run_in_threadpool(
            _change_form, request, current, af.agreement_values(current), (), _conflict_text(current), 409
        )
    return _done(request, found.afspraak_id, "gewijzigd")


# ----------------------------------------------------------------------------------------------
# Adding or changing a commitment


def _commitment_form(
    request: Request,
    stored: agreements.StoredAgreement,
    toezegging_id: str | None,
    values: dict[str, str],
    fouten: tuple[Any, ...] = (),
    conflict: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    a = stored.agreement
    ids = [str(t["id"]) for t in stored.document["toezeggingen"]]
    index = ids.index(toezegging_id) if toezegging_id in ids else len(ids)
    per_field, summary = af.errors(fouten, index)
    reden = Veld(
        naam="reden",
        label=af.LABELS["reden"],
        uitleg="Waarom deze versie; staat bij de versie in de geschiedenis."
        if toezegging_id
        else "Standaard: toezegging … toegevoegd.",
        soort="tekst",
        verplicht=toezegging_id is not None,
        waarde=values.get("reden", ""),
        maxlength=400,
        fout=per_field.get("reden"),
    )
    if toezegging_id:
        kop, actie = (
            f"Toezegging wijzigen: {values.get('t_titel') or toezegging_id}",
            f"{_page(a.id)}/toezeggingen/{quote(toezegging_id, safe='')}/wijzigen",
        )
    else:
        kop, actie = "Toezegging toevoegen", f"{_page(a.id)}/nieuwe-toezegging"
    context: dict[str, Any] = {
        "kop": kop,
        "paginatitel": ("Fout: " if fouten or conflict else "") + f"{kop} – {a.titel}",
        "uitleg": f"Bij {a.titel}, versie {stored.versie}. De afspraak krijgt een nieuwe versie; de vorige blijven bewaard.",
        "actie": actie,
        "versie": str(stored.versie),
        "terug": _page(a.id),
        "afspraaktitel": a.titel,
        "afspraak_velden": [],
        "toezegging_kop": "De toezegging",
        "toezegging_velden": af.commitment_fields(
            values, per_field, verantwoordelijken=_responsible_choices(stored)
        ),
        "reden_veld": [reden],
        "fouten": [],
        "conflict": conflict,
        "knop": "Toezegging opslaan" if toezegging_id else "Toezegging toevoegen",
    }
    velden: list[Veld] = [*context["afspraak_velden"], *context["toezegging_velden"], *context["reden_veld"]]
    context["fouten"] = _summary(summary, velden)
    return _show(request, context, status_code)


async def _save_commitment(
    request: Request, account: Account, afspraak_id: str, toezegging_id: str | None
) -> Response:
    form = await request.form()
    values = af.form_values(form)
    try:
        stored = await run_in_threadpool(_changeable, account, afspraak_id)
        if toezegging_id is not None and af.commitment_values(stored, toezegging_id) is None:
            raise agreements.AfspraakNietGevonden(
                f"afspraak {afspraak_id} heeft geen toezegging {toezegging_id}"
            )
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, _sentence(str(exc)))
    try:
        await run_in_threadpool(
            agreements.put_commitment,
            database_url(),
            account,
            stored.agreement.id,
            af.toezegging_invoer(values),
            values.get("reden", ""),
            _expected(str(form.get("versie") or "")),
            toezegging_id,
        )
    except agreements.AfspraakGeweigerd as exc:
        raise GeenToegang(_sentence(str(exc))) from None
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, _sentence(str(exc)))
    except agreements.AfspraakOngeldig as exc:
        return await run_in_threadpool(
            _commitment_form, request, stored, toezegging_id, values, exc.fouten, "", 400
        )
    except agreements.VersieConflict:
        current = await run_in_threadpool(agreements.stored_agreement, database_url(), stored.agreement.id)
        shown = (af.commitment_values(current, toezegging_id) if toezegging_id else None) or {
            "t_soort": "kwalitatief"
        }
        return await run_in_threadpool(
            _commitment_form, request, current, toezegging_id, shown, (), _conflict_text(current), 409
        )
    return _done(
        request, stored.agreement.id, "toezegging-gewijzigd" if toezegging_id else "toezegging-toegevoegd"
    )


@router.get("/afspraken/{afspraak_id}/nieuwe-toezegging", response_class=HTMLResponse)
def nieuwe_toezegging(
    request: Request, afspraak_id: str, account: Account = Depends(login_vereist)
) -> HTMLResponse:
    try:
        stored = _changeable(account, afspraak_id)
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, _sentence(str(exc)))
    return _commitment_form(request, stored, None, {"t_soort": "kwalitatief"})


@router.post("/afspraken/{afspraak_id}/nieuwe-toezegging", response_class=HTMLResponse, response_model=None)
async def toezegging_toevoegen(
    request: Request, afspraak_id: str, account: Account = Depends(login_vereist)
) -> Response:
    return await _save_commitment(request, account, afspraak_id, None)


@router.get("/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}/wijzigen", response_class=HTMLResponse)
def toezegging_wijzigen(
    request: Request, afspraak_id: str, toezegging_id: str, account: Account = Depends(login_vereist)
) -> HTMLResponse:
    try:
        stored = _changeable(account, afspraak_id)
    except agreements.AfspraakNietGevonden as exc:
        return not_found(request, _sentence(str(exc)))
    values = af.commitment_values(stored, toezegging_id[:80])
    if values is None:
        return not_found(
            request, f"Afspraak {stored.agreement.id} heeft geen toezegging {toezegging_id[:80]}."
        )
    return _commitment_form(request, stored, toezegging_id[:80], values)


@router.post(
    "/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}/wijzigen",
    response_class=HTMLResponse,
    response_model=None,
)
async def toezegging_opslaan(
    request: Request, afspraak_id: str, toezegging_id: str, account: Account = Depends(login_vereist)
) -> Response:
    return await _save_commitment(request, account, afspraak_id, toezegging_id[:80])
