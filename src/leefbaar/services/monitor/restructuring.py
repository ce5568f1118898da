"""Indicators over restructuring plans under municipal direction (ADR 0027):

- R3 ``herstructurering_renovatie_met_verduurzaming``: of the dwellings renovated in adopted plans, the
  percentage that goes to energy label B or better at the same time;
- R8 ``herstructureringsplannen_gemengde_voorraad``: of the adopted plans, the percentage that tackles
  association stock and private stock together.

Per municipality, province and the country, over the plans adopted (``domain.restructuring``:
vastgesteld, in uitvoering or afgerond). No adopted plan in an area is no data, not 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from leefbaar.domain.restructuring import is_gemengd, is_vastgesteld
from leefbaar.rules import formatting as fmt
from leefbaar.services.monitor.values import Values, Waarde, scope_keys
from leefbaar.storage import monitor_queries as q

R3_INDICATOR = "herstructurering_renovatie_met_verduurzaming"
R8_INDICATOR = "herstructureringsplannen_gemengde_voorraad"
INDICATORS = (R3_INDICATOR, R8_INDICATOR)


def _plan_name(plan: Mapping[str, Any], names: Mapping[str, str]) -> str:
    return f"{plan['naam']} ({names.get(plan['gemeentecode'], plan['gemeentecode'])})"


def _stock_words(plan: Mapping[str, Any]) -> str:
    complexen, particulier = plan["corporatie_complexen"], plan["particuliere_woningen"]
    if complexen and not particulier:
        return f"alleen corporatievoorraad ({complexen} complex{'en' if complexen != 1 else ''})"
    if particulier and not complexen:
        return f"alleen particuliere voorraad ({fmt.woningen(particulier)})"
    return "geen complexen of woningen opgegeven"


def restructuring_values(
    url: str, peildatum: date, scopes: Iterable[str], names: Mapping[str, str]
) -> dict[str, Values]:
    """R3 and R8 per area scope from the current plans (one query for both)."""
    wanted = set(scopes)
    per_scope: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for plan in q.restructuring_plans(url, peildatum):
        if not is_vastgesteld(plan["status"]):
            continue
        for key in scope_keys(plan):
            if key[0] in wanted:
                per_scope[key].append(plan)
    r3: Values = {}
    r8: Values = {}
    for (soort, code), plannen in per_scope.items():
        r8[(soort, code, "")] = _r8(plannen, names)
        value = _r3(plannen, names)
        if value is not None:
            r3[(soort, code, "")] = value
    return {R3_INDICATOR: r3, R8_INDICATOR: r8}


def _r8(plannen: list[Mapping[str, Any]], names: Mapping[str, str]) -> Waarde:
    gemengd = [p for p in plannen if is_gemengd(p["corporatie_complexen"], p["particuliere_woningen"])]
    bewijs = [
        {
            "soort": "herstructureringsplan",
            "code": p["plan_id"],
            "gemeentecode": p["gemeentecode"],
            "toelichting": f"{_plan_name(p, names)}: {_stock_words(p)}",
        }
        for p in plannen
        if p not in gemengd
    ]
    zin = (
        f"{len(gemengd)} van {len(plannen)} vastgestelde herstructureringsplannen pakken corporatievoorraad "
        "en particuliere voorraad samen aan."
    )
    return Waarde(
        100.0 * len(gemengd) / len(plannen),
        None,
        zin,
        bewijs,
        kerngetallen={"vastgestelde_plannen": len(plannen), "met_beide_voorraden": len(gemengd)},
    )


def _r3(plannen: list[Mapping[str, Any]], names: Mapping[str, str]) -> Waarde | None:
    """None when no adopted plan renovates, or none says how many renovated dwellings it makes
    sustainable (no data)."""
    met_renovatie = [p for p in plannen if p["woningen_renovatie"]]
    bekend = [p for p in met_renovatie if p["woningen_verduurzaamd"] is not None]
    renovatie = sum(int(p["woningen_renovatie"]) for p in bekend)
    if not renovatie:
        return None
    verduurzaamd = sum(int(p["woningen_verduurzaamd"]) for p in bekend)
    alle_renovatie = sum(int(p["woningen_renovatie"]) for p in met_renovatie)
    bewijs = [
        {
            "soort": "herstructureringsplan",
            "code": p["plan_id"],
            "gemeentecode": p["gemeentecode"],
            "toelichting": f"{_plan_name(p, names)}: "
            + (
                "niet opgegeven hoeveel gerenoveerde woningen worden verduurzaamd"
                if p["woningen_verduurzaamd"] is None
                else f"{fmt.getal(p['woningen_verduurzaamd'])} van {fmt.woningen(p['woningen_renovatie'])} "
                "gerenoveerd naar label B of beter"
            ),
        }
        for p in met_renovatie
        if p["woningen_verduurzaamd"] is None or p["woningen_verduurzaamd"] < p["woningen_renovatie"]
    ]
    zin = (
        f"{fmt.woningen(verduurzaamd)} van {fmt.woningen(renovatie)} die in vastgestelde "
        "herstructureringsplannen worden gerenoveerd, gaan naar energielabel B of beter."
    )
    return Waarde(
        100.0 * verduurzaamd / renovatie,
        renovatie / alle_renovatie,
        zin,
        bewijs,
        kerngetallen={
            "woningen_renovatie": renovatie,
            "woningen_verduurzaamd": verduurzaamd,
            "plannen_met_renovatie": len(met_renovatie),
        },
    )
