"""Indicators over the association stock: R1 (condition 5/6 without a concrete demolition plan, under
the three rules), open damp/mould and lead defects (R2), energy labels E/F/G (R3).

The numbers come set-based from ``storage.monitor_queries``; here they get their meaning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from leefbaar.domain.housing import (
    SLECHTE_CONDITIE_VANAF,
    PlanStatus,
    recent_na,
)
from leefbaar.rules import formatting as fmt
from leefbaar.services.monitor.values import Key, Values, Waarde, scope_keys, share
from leefbaar.storage import monitor_queries as q

#: How a demolition plan short of *concreet* is named in R1 evidence (it does not exempt).
_PLAN_WOORDEN = {
    PlanStatus.VOORNEMEN.value: "alleen een sloopvoornemen",
    PlanStatus.BESLUIT.value: "een sloopbesluit",
}


def r1_values(url: str, peildatum: date, scopes: Iterable[str]) -> Values:
    """R1 under the three rules: dwellings in condition 5/6 without a concrete demolition plan."""
    grens = recent_na(peildatum)
    rows, complexes = q.r1_condition(url, peildatum, grens, scopes)
    evidence: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for e in complexes:
        for rule in q.R1_RULES:
            score = e[f"score_{rule}"]
            if score is None or score < SLECHTE_CONDITIE_VANAF:
                continue
            item = _r1_evidence_row(e, int(score))
            for soort, code in scope_keys(e):
                evidence[(soort, code, rule)].append(item)
    values: Values = {}
    for row in rows:
        if row["scope_code"] is None:
            continue
        for rule in q.R1_RULES:
            bekend = row[f"bekend_{rule}"] or 0
            key = (row["scope_soort"], row["scope_code"], rule)
            leeftijd = row[f"leeftijd_{rule}"]
            zin = None
            if bekend:
                zin = (
                    f"Score bekend voor {fmt.woningen(bekend)} van {fmt.woningen(row['woningen'])}; "
                    f"meetleeftijd gemiddeld {fmt.getal(float(leeftijd) / 365.25, 1)} jaar, oudste meting "
                    f"{fmt.datum(row[f'oudste_{rule}'])}; als recent telt een meting van na "
                    f"{fmt.datum(grens)}."
                )
            oudste = row[f"oudste_{rule}"]
            kern = {
                "corporatiewoningen": row["woningen"],
                "woningen_met_score": bekend,
                "woningen_met_recente_score": row[f"recent_{rule}"],
                "recent_na": grens.isoformat(),
                "gemiddelde_meetleeftijd_jaren": None
                if leeftijd is None
                else round(float(leeftijd) / 365.25, 2),
                "oudste_meting": None if oudste is None else oudste.isoformat(),
            }
            values[key] = Waarde(
                float(row[f"slecht_{rule}"]) if bekend else None,
                share(row[f"recent_{rule}"], row["woningen"]),
                zin,
                evidence.get(key, []),
                kerngetallen=kern,
            )
    return values


def _r1_evidence_row(e: Mapping[str, Any], score: int) -> dict[str, Any]:
    corporatie = e.get("corporatie_naam") or e["corporatie_id"]
    plan = _PLAN_WOORDEN.get(e.get("sloop_anders") or "")
    reden = f"er is {plan}, geen concreet sloopplan" if plan else "er is geen concreet sloopplan"
    if e.get("herstructurering"):
        # ADR 0027: the municipality's restructuring plan is shown, it does not exempt by itself
        reden += (
            f"; het complex staat in herstructureringsplan {e['herstructurering']} van de gemeente, "
            "met sloop (telt pas als de corporatie een concreet sloopplan voor het complex meldt)"
        )
    n = int(e["woningen"])
    werkwoord = "heeft" if n == 1 else "hebben"
    return {
        "soort": "complex",
        "code": f"{e['corporatie_id']}/{e['complexnummer']}",
        "naam": e.get("complex_naam"),
        "corporatie_id": e["corporatie_id"],
        "corporatie": corporatie,
        "gemeentecode": e["gemeentecode"],
        "woningen": n,
        "score": score,
        "herstructurering": e.get("herstructurering"),
        "toelichting": (
            f"{fmt.woningen(n)} in complex {e['complexnummer']} ({corporatie}) {werkwoord} conditie {score}; {reden}"
        ),
    }


def stock_values(url: str, peildatum: date, scopes: Iterable[str]) -> dict[str, Values]:
    """Open damp/mould and lead defects, and the share of labels E/F/G, from one pass over the stock."""
    vocht: Values = {}
    lood: Values = {}
    label: Values = {}
    for row in q.association_stock(url, peildatum, scopes):
        if row["scope_code"] is None:
            continue
        key = (row["scope_soort"], row["scope_code"], "")
        melders = row["woningen_rapporterend"] or 0
        volledig = share(melders, row["woningen"])
        zin = f"Gebreken gemeld door corporaties met {fmt.woningen(melders)} van {fmt.woningen(row['woningen'])}."
        vocht[key] = Waarde(row["vocht_open"] if melders else None, volledig, zin)
        lood[key] = Waarde(row["lood_open"] if melders else None, volledig, zin)
        bekend = row["label_bekend"] or 0
        label[key] = Waarde(
            100.0 * row["label_efg"] / bekend if bekend else None,
            share(bekend, row["woningen"]),
            f"{fmt.woningen(row['label_efg'])} met label E, F of G van {fmt.woningen(bekend)} met een bekend label.",
        )
    return {
        "woningen_met_open_vochtgebrek": vocht,
        "woningen_met_loden_leidingen": lood,
        "energielabel_efg_aandeel": label,
    }
