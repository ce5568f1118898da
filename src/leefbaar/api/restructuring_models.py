"""Response models of restructuring plans (R3, R8): ``/gemeenten/{code}/herstructureringsplannen``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from leefbaar.api.pagination import HalPage


class Woningmix(BaseModel):
    """One tenure category before and after the restructuring; null is "niet opgegeven"."""

    soort: str = Field(description="sociale_huur, middenhuur of koop.")
    voor: int | None = None
    na: int | None = None


class Voorraden(BaseModel):
    """The plan's objects per stock."""

    corporatieComplexen: int = Field(description="Complexen van corporaties in het plan.")
    corporatieWoningen: int = Field(description="Corporatiewoningen in die complexen (woningregister).")
    particuliereWoningen: int = Field(
        description="Particuliere woningen (BAG-verblijfsobjecten) in het plan."
    )
    gemengd: bool = Field(description="R8: corporatievoorraad en particuliere voorraad samen.")
    complexen: list[str] = Field(description="De complexen als corporatie-id/complexnummer.")


class Herstructureringsplan(BaseModel):
    id: str = Field(description="Kenmerk van het plan bij de gemeente.")
    gemeentecode: str
    naam: str
    gebied: list[str] = Field(description="Wijk- en buurtcodes van het gebied.")
    startjaar: int
    eindjaar: int
    status: str = Field(description="verkenning, vastgesteld, in_uitvoering of afgerond.")
    vastgesteld: bool = Field(description="Telt voor R3 en R8 (vastgesteld, in uitvoering of afgerond).")
    woningenSloop: int
    woningenRenovatie: int
    woningenNieuwbouw: int
    woningenVerduurzaamd: int | None = Field(
        None, description="Gerenoveerde woningen die naar energielabel B of beter gaan (R3)."
    )
    woningmix: list[Woningmix]
    partijen: list[str] = Field(description="Betrokken partijen (partij-id's).")
    voorraden: Voorraden


class HerstructureringsplannenPagina(HalPage[Herstructureringsplan]):
    """One page of plans: ``_embedded.herstructureringsplannen`` and ``_links``."""


def herstructureringsplan(plan: Any) -> dict[str, Any]:
    """A ``services.restructuring.Plan`` as API JSON."""
    return {
        "id": plan.plan_id,
        "gemeentecode": plan.gemeentecode,
        "naam": plan.naam,
        "gebied": list(plan.gebied),
        "startjaar": plan.startjaar,
        "eindjaar": plan.eindjaar,
        "status": plan.status,
        "vastgesteld": plan.vastgesteld,
        "woningenSloop": plan.woningen_sloop,
        "woningenRenovatie": plan.woningen_renovatie,
        "woningenNieuwbouw": plan.woningen_nieuwbouw,
        "woningenVerduurzaamd": plan.woningen_verduurzaamd,
        "woningmix": [{"soort": m.soort, "voor": m.voor, "na": m.na} for m in plan.mix],
        "partijen": list(plan.partijen),
        "voorraden": {
            "corporatieComplexen": plan.corporatie_complexen,
            "corporatieWoningen": plan.corporatie_woningen,
            "particuliereWoningen": plan.particuliere_woningen,
            "gemengd": plan.gemengd,
            "complexen": [c for c, _naam in plan.complexen],
        },
    }
