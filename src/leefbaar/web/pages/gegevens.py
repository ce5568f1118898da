"""``/gegevens``: completeness per source and year, and uploading a file for import (with its report)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from leefbaar.services import datasets
from leefbaar.services.imports import GeenSchrijfrecht, UnknownKind
from leefbaar.web.security import GeenToegang, LoginVereist, huidig_account
from leefbaar.web.templating import render

router = APIRouter()


def _page(request: Request, extra: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    account = huidig_account(request)
    context = {
        "mag_importeren": account is not None and datasets.mag_importeren(account.rol),
        "gegevens": datasets.volledigheid(),
        "soorten": datasets.importsoorten_voor(account.rol) if account is not None else {},
        "kolommen": datasets.kolommen,
        "invoer": {},
        "fouten": [],
        "resultaat": None,
        **(extra or {}),
    }
    return render(request, "gegevens.html", context, status_code=status_code)


@router.get("/gegevens", response_class=HTMLResponse)
def gegevens(request: Request) -> HTMLResponse:
    return _page(request)


@router.get("/gegevens/sjablonen/{soort}.csv")
def sjabloon(soort: str) -> Response:
    """A CSV to fill in for an import kind: its header and one example row."""
    text = datasets.sjabloon(soort)
    if text is None:
        return Response(
            "Geen sjabloon voor deze soort.", status_code=404, media_type="text/plain; charset=utf-8"
        )
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{soort}.csv"'},
    )


def _form_errors(
    soorten: dict[str, str], soort: str, peildatum: str, indelingsjaar: str, jaar: str, has_file: bool
) -> list[dict[str, str]]:
    errors = []
    if soort not in soorten:
        errors.append({"veld": "soort", "tekst": "Kies wat voor bestand u importeert."})
    if not has_file:
        errors.append({"veld": "bestand", "tekst": "Kies een bestand."})
    try:
        date.fromisoformat(peildatum)
    except ValueError:
        errors.append({"veld": "peildatum", "tekst": "Vul de peildatum in als datum (jjjj-mm-dd)."})
    for name, value in (("indelingsjaar", indelingsjaar), ("jaar", jaar)):
        if value and not (value.isdigit() and 1900 <= int(value) <= 2100):
            errors.append({"veld": name, "tekst": f"Vul bij {name} een jaartal in, of laat het leeg."})
    return errors


@router.post("/gegevens", response_class=HTMLResponse)
def importeer(
    request: Request,
    soort: str = Form(""),
    peildatum: str = Form(""),
    indelingsjaar: str = Form(""),
    jaar: str = Form(""),
    bron: str = Form(""),
    alleen_controleren: str = Form(""),
    bestand: UploadFile | None = File(None),
) -> HTMLResponse:
    # A plain ``def``: FastAPI runs it in a worker thread, so an import of many seconds never
    # blocks the event loop (the other visitors' requests). The upload arrives spooled to disk.
    invoer = {
        "soort": soort,
        "peildatum": peildatum,
        "indelingsjaar": indelingsjaar,
        "jaar": jaar,
        "bron": bron,
        "alleen_controleren": alleen_controleren == "ja",
    }
    account = huidig_account(request)
    if account is None:
        raise LoginVereist("/gegevens")
    if not datasets.mag_importeren(account.rol):
        raise GeenToegang("Uw organisatie levert geen gegevens aan via bestanden.")
    has_file = bestand is not None and bool(bestand.filename)
    soorten = datasets.importsoorten_voor(account.rol)
    if soort and soort in datasets.importsoorten() and soort not in soorten:
        # A kind this role may not write: refused (and audited) before the file is read.
        try:
            datasets.controleer_schrijfrecht(account, soort)
        except GeenSchrijfrecht as exc:
            return _page(request, {"invoer": invoer, "fouten": [{"veld": "soort", "tekst": str(exc)}]}, 403)
    errors = _form_errors(soorten, soort, peildatum, indelingsjaar, jaar, has_file)
    if errors:
        return _page(request, {"invoer": invoer, "fouten": errors}, status_code=400)
    assert bestand is not None
    try:
        result = datasets.importeer_upload(
            account,
            soort,
            bestand.filename or "bestand",
            bestand.file,
            date.fromisoformat(peildatum),
            indelingsjaar=int(indelingsjaar) if indelingsjaar else None,
            bron=bron.strip()[:200] or "upload via de website",
            url=None,
            jaar=int(jaar) if jaar else None,
            alleen_controleren=alleen_controleren == "ja",
        )
    except UnknownKind as exc:
        return _page(request, {"invoer": invoer, "fouten": [{"veld": "soort", "tekst": str(exc)}]}, 400)
    except GeenSchrijfrecht as exc:
        return _page(request, {"invoer": invoer, "fouten": [{"veld": "soort", "tekst": str(exc)}]}, 403)
    except datasets.TeGrootBestand as exc:
        fout = {"veld": "bestand", "tekst": str(exc)[0].upper() + str(exc)[1:] + "."}
        return _page(request, {"invoer": invoer, "fouten": [fout]}, 400)
    return _page(request, {"invoer": invoer, "resultaat": result}, status_code=200 if result.ok else 400)
