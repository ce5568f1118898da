"""``/signalen``: the signals a receiver (or provider) may read, with a purpose; every read is logged.

Only with a token with scope ``signalen`` (``api.security.scope_vereist``); who may read which
signal for which purpose is decided by ``services.sharing`` (docs/sharing.md).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BaseModel, Field

from leefbaar.api.security import AUTH_RESPONSES, ApiIdentiteit, scope_vereist
from leefbaar.config import get_settings
from leefbaar.services import sharing
from leefbaar.services.accounts import Scope
from leefbaar.services.processing_log import Geweigerd


class Signaal(BaseModel):
    """Een signaal over een huishouden, met het huishouden alleen als pseudoniem voor de ontvanger."""

    signaalId: str = Field(description="Willekeurige id van het signaal.")
    verstrekker: str = Field(description="Partij-id van de verstrekker (bv. L0001).")
    ontvanger: str = Field(description="Partij-id van de ontvanger (bv. GM0363).")
    categorie: str = Field(description="betalingsachterstand, overlast of zorgsignaal.")
    doel: str = Field(description="Het doel waarvoor het signaal is gedeeld.")
    pseudoniem: str = Field(description="Pseudoniem van het huishouden voor deze ontvanger.")
    sleutelversie: int = Field(
        description="Versie van de pseudonimiseringssleutel waarmee het pseudoniem is gemaakt; "
        "pseudoniemen van verschillende versies zijn niet te vergelijken."
    )
    omschrijving: str = Field(description="De inhoud van het signaal.")
    signaaldatum: date = Field(description="Datum van het signaal.")
    verwijderdatum: date = Field(description="Eerste dag waarop het signaal niet meer bewaard mag worden.")
    overeenkomstId: str = Field(description="De gegevensdelingsovereenkomst waaronder gedeeld is.")


class SignalenLijst(BaseModel):
    """De signalen die de organisatie van het token voor dit doel mag lezen."""

    embedded: dict[str, list[Signaal]] = Field(alias="_embedded", description="signalen")


def _model(s: sharing.Signaal) -> Signaal:
    return Signaal(
        signaalId=s.signaal_id,
        verstrekker=s.verstrekker,
        ontvanger=s.ontvanger,
        categorie=s.categorie.value,
        doel=s.doel,
        pseudoniem=s.pseudoniem,
        sleutelversie=s.sleutelversie,
        omschrijving=s.omschrijving,
        signaaldatum=s.signaaldatum,
        verwijderdatum=s.verwijderdatum,
        overeenkomstId=s.overeenkomst_id,
    )


DOEL = Annotated[
    str,
    Query(
        min_length=1,
        max_length=80,
        pattern=r"^[a-z0-9_]+$",
        description="Het doel (doelbinding) waarvoor u de signalen leest, bv. vroegsignalering_schulden.",
    ),
]

router = APIRouter(prefix="/signalen", tags=["signalen"])


@router.get(
    "",
    summary="Ontvangen signalen",
    description="Signalen die aan de organisatie van het token zijn gedeeld voor dit doel, onder een "
    "geldende gegevensdelingsovereenkomst. Elke lezing wordt vastgelegd in het verwerkingenlog.",
    response_model=SignalenLijst,
    response_model_by_alias=True,
    responses=AUTH_RESPONSES,
    operation_id="listSignalen",
)
def list_signalen(
    doel: DOEL, identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SIGNALEN))
) -> SignalenLijst:
    try:
        found = sharing.signals_for(get_settings().database_url, identiteit.account, doel)
    except Geweigerd as exc:
        raise HTTPException(403, str(exc)) from None
    return SignalenLijst(_embedded={"signalen": [_model(s) for s in found]})


@router.get(
    "/{signaalId}",
    summary="Eén signaal",
    description="Eén signaal voor de verstrekker of de ontvanger, voor het opgegeven doel; vastgelegd in het "
    "verwerkingenlog. Een signaal van een andere organisatie geeft 404, net als een onbekende id.",
    response_model=Signaal,
    responses=AUTH_RESPONSES,
    operation_id="getSignaal",
)
def get_signaal(
    doel: DOEL,
    signaal_id: str = Path(alias="signaalId", pattern=r"^[0-9a-f]{32}$", description="Id van het signaal."),
    identiteit: ApiIdentiteit = Depends(scope_vereist(Scope.SIGNALEN)),
) -> Signaal:
    try:
        return _model(sharing.read_signal(get_settings().database_url, identiteit.account, signaal_id, doel))
    except sharing.NietGevonden:
        raise HTTPException(404, "Dit signaal bestaat niet of is niet voor uw organisatie.") from None
    except Geweigerd as exc:
        raise HTTPException(403, str(exc)) from None
