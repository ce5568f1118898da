"""JSON bodies of the agreement write routes (``/afspraken``): documented models and the problems.

The body of ``POST /afspraken`` and ``PUT /afspraken/{id}`` is the agreement document itself, in
the structure of the YAML format (docs/agreement-format.md), plus ``reden``; that of a commitment
is one entry of ``toezeggingen`` plus ``reden``. The models below document them in the OpenAPI
document; the validation is the one the YAML import runs (``rules.load_agreement``), so the API,
the forms and a file accept exactly the same agreements. Its errors name the path in the body
(``periode.eind``, ``toezeggingen[1].deadline``) and come back together in one 400.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from leefbaar.api.problems import InvalidParam
from leefbaar.rules.model import AgreementError

JaarOfDatum = date | int

PartijSoortTekst = Literal[
    "gemeente",
    "corporatie",
    "huurdersorganisatie",
    "zorgpartner",
    "veiligheidspartner",
    "bewonersorganisatie",
    "provincie",
    "ministerie",
]
StatusTekst = Literal["gehaald", "op koers", "risico", "niet gehaald", "geen gegevens"]


class PeriodeInvoer(BaseModel):
    """De looptijd, beide grenzen inbegrepen."""

    start: JaarOfDatum = Field(description="Een jaar (1 januari) of een datum.", examples=["2025-01-01"])
    eind: JaarOfDatum = Field(description="Een jaar (31 december) of een datum.", examples=["2028-12-31"])


class GemeenteInvoer(BaseModel):
    """De gemeente die de regie heeft (alleen bij een lokale afspraak)."""

    code: str = Field(pattern="^GM[0-9]{4}$", examples=["GM0363"])
    indelingsjaar: int = Field(ge=2000, le=2100, description="Jaar van de CBS-indeling.")


class PartijInvoer(BaseModel):
    """Een partij die de afspraak ondertekent."""

    id: str = Field(description="Partij-id: GM0363, L0001, HO0001, ZP0001, VP0001, BO0001 ...")
    soort: PartijSoortTekst
    naam: str


class JaardoelInvoer(BaseModel):
    jaar: int = Field(ge=2000, le=2100)
    waarde: float


class DoelInvoer(BaseModel):
    """Het doel van een gemeten toezegging: één waarde of een reeks jaardoelen."""

    vergelijking: Literal["<=", ">=", "==", "budget"] = Field(
        description="ten hoogste, ten minste, precies, of binnen een budget (een bedrag om toe te kennen)."
    )
    waarde: float | None = Field(None, description="Eén doelwaarde (of geef een reeks).")
    reeks: list[JaardoelInvoer] | None = Field(None, description="Jaardoelen, oplopend.")


class DrempelsInvoer(BaseModel):
    marge: float | None = Field(None, ge=0)
    marge_soort: Literal["absoluut", "relatief"] | None = None
    minimale_volledigheid: float | None = Field(None, ge=0, le=1)


class ToezeggingDocument(BaseModel):
    """Een toezegging zoals het afsprakenformaat die beschrijft: gemeten (indicator, doel) of
    kwalitatief (resultaat); beide met eis, titel, deadline en verantwoordelijke partij."""

    id: str = Field(pattern="^[A-Za-z0-9][A-Za-z0-9_.-]*$", examples=["wijkaanpak-zuidoost"])
    soort: Literal["gemeten", "kwalitatief"] | None = Field(None, description="Standaard gemeten.")
    requirement: str = Field(pattern="^R([1-9]|1[0-6])$", examples=["R4"])
    titel: str
    resultaat: str | None = Field(None, description="Wat wordt opgeleverd (alleen kwalitatief).")
    indicator: str | None = Field(None, description="Een indicator uit de catalogus (alleen gemeten).")
    doel: DoelInvoer | None = Field(None, description="Het doel (alleen gemeten).")
    deadline: JaarOfDatum = Field(description="Een jaar (31 december) of een datum, binnen de periode.")
    verantwoordelijke: str = Field(description="Het id van een partij van de afspraak.")
    scopes: list[Literal["nationaal", "provincie", "gemeente", "corporatie", "complex"]] | None = None
    variant: str | None = None
    themas: list[str] | None = None
    drempels: DrempelsInvoer | None = None
    toelichting: str | None = None


class ToezeggingInvoer(ToezeggingDocument):
    """Een toezegging om toe te voegen of te vervangen, met de reden van de nieuwe versie."""

    reden: str | None = Field(
        None,
        description="Waarom (verplicht bij een wijziging; bij toevoegen standaard 'toezegging ... toegevoegd').",
    )


class AfspraakInvoer(BaseModel):
    """Een afspraak zoals het afsprakenformaat (YAML) die beschrijft, met de reden van deze versie."""

    id: str | None = Field(
        None,
        pattern="^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$",
        description="Kenmerk; bij PUT gelijk aan het pad (mag ontbreken).",
        examples=["lokaal-GM0363-wijkaanpak-zuidoost-2025-2028"],
    )
    titel: str
    soort: Literal["nationaal", "lokaal"]
    periode: PeriodeInvoer
    gemeente: GemeenteInvoer | None = Field(None, description="Verplicht bij een lokale afspraak.")
    partijen: list[PartijInvoer] = Field(min_length=1)
    toezeggingen: list[ToezeggingDocument] = Field(min_length=1)
    toelichting: str | None = None
    bron: str | None = None
    reden: str | None = Field(
        None, description="Waarom deze versie (verplicht bij PUT; bij POST standaard 'opgesteld')."
    )


class MeldingInvoer(BaseModel):
    """De status die de verantwoordelijke partij meldt, met bewijs: een toelichting en/of een link."""

    status: StatusTekst
    toelichting: str | None = Field(None, max_length=4000)
    link: str | None = Field(None, max_length=500, description="Een webadres (https://...).")


class ReactieInvoer(BaseModel):
    """Een partij die mede ondertekende bevestigt of betwist een gemelde status."""

    opMelding: int = Field(ge=1, description="Het id van de gemelde status.")
    reactie: Literal["bevestigd", "betwist"]
    toelichting: str | None = Field(None, max_length=4000, description="Verplicht bij betwist.")


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with every ``$ref`` replaced by its definition (a request body
    documented through ``openapi_extra`` cannot point into ``$defs``)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` documenting a required JSON body of this model."""
    return {
        "requestBody": {"required": True, "content": {"application/json": {"schema": inline_schema(model)}}}
    }


def invalid_params(fouten: tuple[AgreementError, ...], prefix: str = "") -> list[InvalidParam]:
    """One ``invalidParams`` entry per error, named by its path in the body (``prefix`` removed:
    a commitment's body is one entry of ``toezeggingen``)."""
    out = []
    for f in fouten:
        name = f.pad.removeprefix(prefix) if prefix and f.pad.startswith(prefix) else f.pad
        code = "missing" if "verplicht veld ontbreekt" in f.reden else "invalid"
        out.append(InvalidParam(name=name or "body", code=code, reason=_sentence(f.reden)))
    return out


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
