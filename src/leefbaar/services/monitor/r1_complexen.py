"""R1 per complex for one association: every complex in condition 5 or 6 under at least one of the
three rules, with its score under each rule side by side, the age of each measurement ("oude meting"
when older than ``domain.housing.R1_MAX_MEETLEEFTIJD_JAREN``) and its demolition plan.

The rules are the monitor's (``storage.monitor_queries.r1_complexes_of`` reads the same per-complex
relation as ``r1_condition``), so the dwellings per rule here are the association's R1 values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from leefbaar.domain.housing import NEN2767, SLECHTE_CONDITIE, PlanStatus, is_oude_meting, recent_na
from leefbaar.rules.indicators import R1Regel
from leefbaar.storage import monitor_queries as q

#: The rules as the page names them, in catalogue order.
REGEL_NAMEN = {
    R1Regel.COMPLEXSCORE: "complexscore",
    R1Regel.SLECHTSTE_ELEMENT: "slechtste element",
    R1Regel.HERBOUWWAARDE_GEWOGEN: "herbouwwaarde-gewogen",
}


@dataclass(frozen=True)
class RegelScore:
    """A complex's score under one rule: the score (None when unknown), its measurement date, old or not."""

    score: int | None
    meetdatum: date | None
    oud: bool

    @property
    def slecht(self) -> bool:
        return self.score in SLECHTE_CONDITIE

    @property
    def oordeel(self) -> str | None:
        return None if self.score is None else NEN2767[self.score]


@dataclass(frozen=True)
class R1Complex:
    """One complex (in one municipality) in condition 5 or 6 under at least one rule."""

    id: str
    complexnummer: str
    naam: str | None
    gemeentecode: str
    gemeentenaam: str | None
    woningen: int
    #: per rule (R1Regel value), in catalogue order
    regels: dict[str, RegelScore]
    sloopplan: str | None
    uitzondering: bool
    #: A municipal restructuring plan with demolition that lists the complex (shown, no exemption:
    #: ADR 0027).
    herstructurering: str | None = None

    @property
    def url(self) -> str:
        """Its page (as the evidence rows of the monitor have)."""
        return f"/complexen/{self.id}"


def r1_complexen(url: str, corporatie_id: str, peildatum: date | None = None) -> dict[str, Any]:
    """The association's complexes in condition 5/6 under any rule (largest first) and per rule the
    complexes and dwellings in 5/6 without a concrete demolition plan; ``peildatum`` defaults to today."""
    peildatum = peildatum or date.today()
    complexen: list[R1Complex] = []
    for r in q.r1_complexes_of(url, peildatum, corporatie_id):
        regels = {}
        for regel in R1Regel:
            score, datum = r[f"score_{regel.value}"], r[f"datum_{regel.value}"]
            regels[regel.value] = RegelScore(
                None if score is None else int(score),
                datum,
                datum is not None and is_oude_meting(datum, peildatum),
            )
        if not any(s.slecht for s in regels.values()):
            continue
        complexen.append(
            R1Complex(
                id=f"{r['corporatie_id']}-{r['complexnummer']}",
                complexnummer=str(r["complexnummer"]),
                naam=r["complex_naam"],
                gemeentecode=str(r["gemeentecode"]),
                gemeentenaam=r["gemeentenaam"],
                woningen=int(r["woningen"]),
                regels=regels,
                sloopplan=PlanStatus.CONCREET.value if r["sloop"] else r["sloop_anders"],
                uitzondering=bool(r["sloop"]),
                herstructurering=r.get("herstructurering"),
            )
        )
    complexen.sort(key=lambda c: (-c.woningen, c.complexnummer, c.gemeentecode))
    per_regel = [
        {
            "regel": regel.value,
            "naam": REGEL_NAMEN[regel],
            "complexen": sum(1 for c in complexen if c.regels[regel.value].slecht and not c.uitzondering),
            "woningen": sum(
                c.woningen for c in complexen if c.regels[regel.value].slecht and not c.uitzondering
            ),
        }
        for regel in R1Regel
    ]
    return {
        "peildatum": peildatum,
        "recent_na": recent_na(peildatum),
        "regels": per_regel,
        "complexen": complexen,
    }
