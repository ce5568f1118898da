"""The improvement scenario of an association as the API answers it (``/corporaties/{id}/verbeterscenario``):
a scenario, never a verdict (docs/adr/0023-improvement-scenario-never-a-verdict.md)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import Request
from pydantic import BaseModel, Field

from leefbaar.api.pagination import Link
from leefbaar.services import monitor


class ComplexLinks(BaseModel):
    complex: Link = Field(description="Het complex: /complexen/{id}.")


class ScenarioComplex(BaseModel):
    complex: str = Field(
        description="Kenmerk van het complex (corporatie-complexnummer).", examples=["L0001-1021"]
    )
    naam: str | None = None
    gemeentecode: str = Field(description="De (eerste) gemeente van het complex.")
    woningen: int = Field(description="Corporatiewoningen van het complex; die zijn in conditie 5 of 6.")
    scores: dict[str, int | None] = Field(
        description="NEN 2767-score per rekenregel (complexscore, slechtste_element, herbouwwaarde_gewogen)."
    )
    vervangingswaardeEur: float | None = Field(
        None, description="Vervangingswaarde van de laatst gemeten bouwdelen samen; leeg: onbekend."
    )
    kostenEur: int = Field(description="Geschatte kosten van verbeteren, in hele euro (naar boven afgerond).")
    kostenBron: Literal["vervangingswaarde", "per_woning"] = Field(
        description="vervangingswaarde: van de bouwdelen in conditie 5 of 6; per_woning: woningen maal kostenPerWoningEur."
    )
    links: ComplexLinks = Field(alias="_links")


class ScenarioStap(ScenarioComplex):
    volgorde: int = Field(description="Plaats in de voorgestelde volgorde, vanaf 1.")
    startJaar: int = Field(description="Het jaar waarin de betaling begint.")
    gereedJaar: int = Field(description="Het jaar waarin het complex betaald en verbeterd is.")
    cumulatiefEur: int = Field(description="Uitgegeven in het scenario tot en met dit complex.")


class ScenarioJaar(BaseModel):
    jaar: int
    budgetEur: int
    uitgavenEur: int = Field(description="Nooit meer dan het budget; wat over is, blijft beschikbaar.")
    complexenGereed: int
    woningenGereed: int
    woningenGereedCumulatief: int
    r2AandeelEur: float | None = Field(
        None,
        description="Het eerlijke R2-aandeel van de corporatie in dit jaar; leeg buiten de looptijd van R2.",
    )
    deelVanR2Aandeel: float | None = Field(
        None, description="Uitgaven gedeeld door het R2-aandeel (1 = gelijk)."
    )


class ScenarioLinks(BaseModel):
    self: Link
    corporatie: Link = Field(description="De corporatie: /corporaties/{id}.")


class Verbeterscenario(BaseModel):
    soort: Literal["scenario"] = Field(description="Altijd scenario: een rekenvoorbeeld, geen oordeel.")
    toelichting: str
    kostenaanname: str
    corporatie: str = Field(examples=["L0001"])
    naam: str
    peildatum: date = Field(description="De datum van de conditie; het scenario begint het jaar erna.")
    regel: str | None = Field(
        None, description="De R1-rekenregel; leeg: in conditie 5 of 6 onder elke regel."
    )
    budgetPerJaarEur: int
    budgetBron: Literal["r2", "opgegeven", "geen"] = Field(
        description="r2: het eerlijke R2-aandeel van het eerste jaar (standaard); opgegeven: door de vrager; "
        "geen: geen R2-aandeel bekend en geen budget opgegeven (0)."
    )
    kostenPerWoningEur: int
    optimaal: bool = Field(
        description="De keuze is bewezen de beste (alleen niet bij een tijdslimiet van de rekenmachine)."
    )
    woningenTotaal: int
    woningenVerbeterd: int
    woningenResterend: int
    kostenAllesEur: int = Field(description="Kosten van het verbeteren van alle kandidaten.")
    budgetNodigPerJaarEur: int = Field(
        description="Het kleinste budget per jaar dat alle kandidaten verbetert."
    )
    gereedIn: int | None = Field(
        None, description="Het jaar waarin alles verbeterd is; leeg als dat niet lukt."
    )
    jaren: list[ScenarioJaar]
    stappen: list[ScenarioStap]
    nietGekozen: list[ScenarioComplex]
    r2Uitleg: str | None = None
    r2Toelichting: str
    links: ScenarioLinks = Field(alias="_links")


def _complex(request: Request, c: monitor.ScenarioComplex) -> dict[str, Any]:
    return {
        "complex": c.id,
        "naam": c.naam,
        "gemeentecode": c.gemeentecode,
        "woningen": c.woningen,
        "scores": c.scores,
        "vervangingswaardeEur": c.vervangingswaarde,
        "kostenEur": c.kosten,
        "kostenBron": c.bron.value,
        "_links": {"complex": {"href": str(request.url_for("get_complex", id=c.id))}},
    }


def verbeterscenario(request: Request, s: monitor.Verbeterscenario) -> dict[str, Any]:
    r2 = {r.jaar: r for r in s.r2}
    sc = s.scenario
    return {
        "soort": "scenario",
        "toelichting": monitor.SCENARIO_GEEN_OORDEEL,
        "kostenaanname": monitor.SCENARIO_KOSTENAANNAME,
        "corporatie": s.corporatie_id,
        "naam": s.corporatie_naam,
        "peildatum": s.peildatum,
        "regel": s.regel,
        "budgetPerJaarEur": sc.budget_per_jaar,
        "budgetBron": s.budget_bron,
        "kostenPerWoningEur": s.kosten_per_woning,
        "optimaal": sc.optimaal,
        "woningenTotaal": sc.woningen_totaal,
        "woningenVerbeterd": sc.woningen_verbeterd,
        "woningenResterend": sc.woningen_resterend,
        "kostenAllesEur": sc.kosten_alles,
        "budgetNodigPerJaarEur": sc.budget_nodig_per_jaar,
        "gereedIn": sc.gereed_in,
        "jaren": [
            {
                "jaar": j.jaar,
                "budgetEur": j.budget,
                "uitgavenEur": j.uitgaven,
                "complexenGereed": j.complexen_gereed,
                "woningenGereed": j.woningen_gereed,
                "woningenGereedCumulatief": j.woningen_gereed_cumulatief,
                "r2AandeelEur": r2[j.jaar].aandeel if j.jaar in r2 else None,
                "deelVanR2Aandeel": r2[j.jaar].deel_van_aandeel if j.jaar in r2 else None,
            }
            for j in sc.jaren
        ],
        "stappen": [
            {
                **_complex(request, c),
                "volgorde": st.volgorde,
                "startJaar": st.start_jaar,
                "gereedJaar": st.gereed_jaar,
                "cumulatiefEur": st.cumulatief,
            }
            for st, c in s.stappen
        ],
        "nietGekozen": [_complex(request, c) for c in s.niet_gekozen],
        "r2Uitleg": s.r2_uitleg,
        "r2Toelichting": monitor.SCENARIO_R2_TOELICHTING,
        "_links": {
            "self": {"href": str(request.url)},
            "corporatie": {"href": str(request.url_for("get_corporatie", id=s.corporatie_id))},
        },
    }
