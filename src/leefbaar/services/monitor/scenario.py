"""The improvement scenario (what-if for R1 and R2) of one association: which of its complexes in
condition 5/6 to improve first within a yearly budget, and how that spending compares with its fair R2
share. A scenario, never a verdict (docs/adr/0023-improvement-scenario-never-a-verdict.md): nothing is
stored, nothing enters the monitor's history.

- the candidates are the R1 evidence of the association (``storage.monitor_queries.r1_improvement_candidates``:
  condition 5/6 under at least one rule, or under the rule asked for, and no concrete demolition plan);
- their cost and the proposal come from the pure optimiser ``rules.scenario``;
- the fair R2 share per year is the national amount of the stored national agreement's R2 commitment
  (``extra_investering_verbetering``) pro rata by association dwellings (``rules.fair_shares``, as the
  monitor judges it, ADR 0015); it is the default budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from leefbaar.domain.housing import SLECHTE_CONDITIE
from leefbaar.rules import formatting as fmt
from leefbaar.rules.contribution import fair_shares
from leefbaar.rules.indicators import R1Regel
from leefbaar.rules.model import AfspraakSoort, Agreement
from leefbaar.rules.scenario import (
    STANDAARD_KOSTEN_PER_WONING,
    Kandidaat,
    KostenBron,
    Scenario,
    Stap,
    improvement_cost,
    propose,
)
from leefbaar.services.agreements import current_agreements
from leefbaar.storage import monitor_queries as q

#: What every face says above the scenario.
SCENARIO_GEEN_OORDEEL = (
    "Scenario — geen oordeel. Dit is een rekenvoorbeeld bij aannames, geen beoordeling van de afspraken "
    "en geen advies: de kosten zijn geschat en de volgorde is een voorstel."
)
#: The cost assumption, as the faces state it.
SCENARIO_KOSTENAANNAME = (
    "Aanname: verbeteren kost de vervangingswaarde van de bouwdelen in conditie 5 of 6 (die worden "
    "vernieuwd, waarna het complex onder geen rekenregel meer in conditie 5 of 6 is); zonder zo'n "
    "vervangingswaarde het aantal woningen maal de kosten per woning."
)
SCENARIO_R2_TOELICHTING = (
    "R2 telt extra investeringen in vocht en schimmel, lood, asbest en brandveiligheid; verbeteren van "
    "complexen in conditie 5 of 6 overlapt daarmee, maar is niet hetzelfde. De vergelijking is een indicatie."
)
#: The national R2 commitment's indicator (its amount per year is divided by fair shares).
R2_INDICATOR = "extra_investering_verbetering"
#: The horizon: at most this many years; by default through the last year of the R2 commitment.
SCENARIO_MAX_JAREN = 10
STANDAARD_JAREN = 4
#: Amounts above this are refused as input (€ 100 billion: far beyond any association).
SCENARIO_MAX_BEDRAG = 100_000_000_000


class ScenarioFout(ValueError):
    """Bad input for a scenario: per field (its query key: ``budget``, ``jaren``, ``kostenPerWoning``,
    ``regel``) a Dutch message."""

    def __init__(self, fouten: dict[str, str]) -> None:
        super().__init__(" ".join(fouten.values()))
        self.fouten = dict(fouten)


@dataclass(frozen=True)
class ScenarioComplex:
    """A candidate complex as the faces show it."""

    id: str
    complexnummer: str
    naam: str | None
    gemeentecode: str
    gemeentenaam: str | None
    gemeenten: int
    woningen: int
    #: per R1 rule (R1Regel value): the score, None when unknown
    scores: dict[str, int | None]
    vervangingswaarde: float | None
    vervangingswaarde_slecht: float | None
    kosten: int
    bron: KostenBron

    @property
    def url(self) -> str:
        return f"/complexen/{self.id}"


@dataclass(frozen=True)
class R2Jaar:
    """One year of the R2 comparison: the national amount, the fair share, the scenario's spending."""

    jaar: int
    landelijk: float
    aandeel: float
    uitgaven: int

    @property
    def deel_van_aandeel(self) -> float | None:
        """Spending as a share of the fair R2 share (1.0 = exactly the share)."""
        return self.uitgaven / self.aandeel if self.aandeel else None


@dataclass(frozen=True)
class Verbeterscenario:
    """The scenario of one association with everything the faces show."""

    corporatie_id: str
    corporatie_naam: str
    peildatum: date
    regel: str | None
    kosten_per_woning: int
    #: "r2": the budget is the fair R2 share of the first year; "opgegeven": given by the user;
    #: "geen": no R2 share known and no budget given (0).
    budget_bron: str
    scenario: Scenario
    complexen: dict[str, ScenarioComplex]
    r2: tuple[R2Jaar, ...]
    #: How the fair R2 share of the first year was computed (None without an R2 commitment).
    r2_uitleg: str | None

    @property
    def stappen(self) -> list[tuple[Stap, ScenarioComplex]]:
        return [(s, self.complexen[s.kandidaat.id]) for s in self.scenario.stappen]

    @property
    def niet_gekozen(self) -> list[ScenarioComplex]:
        return [self.complexen[k.id] for k in self.scenario.niet_gekozen]

    def as_dict(self) -> dict[str, Any]:
        """Plain data (the command line's JSON)."""
        sc = self.scenario
        r2 = {r.jaar: r for r in self.r2}

        def complex_(c: ScenarioComplex) -> dict[str, Any]:
            return {
                "complex": c.id,
                "naam": c.naam,
                "gemeentecode": c.gemeentecode,
                "woningen": c.woningen,
                "scores": c.scores,
                "vervangingswaarde_eur": c.vervangingswaarde,
                "kosten_eur": c.kosten,
                "kosten_bron": c.bron.value,
            }

        return {
            "soort": "scenario",
            "toelichting": SCENARIO_GEEN_OORDEEL,
            "kostenaanname": SCENARIO_KOSTENAANNAME,
            "corporatie": self.corporatie_id,
            "naam": self.corporatie_naam,
            "peildatum": self.peildatum.isoformat(),
            "regel": self.regel,
            "budget_per_jaar_eur": sc.budget_per_jaar,
            "budget_bron": self.budget_bron,
            "kosten_per_woning_eur": self.kosten_per_woning,
            "optimaal": sc.optimaal,
            "woningen_totaal": sc.woningen_totaal,
            "woningen_verbeterd": sc.woningen_verbeterd,
            "woningen_resterend": sc.woningen_resterend,
            "kosten_alles_eur": sc.kosten_alles,
            "budget_nodig_per_jaar_eur": sc.budget_nodig_per_jaar,
            "gereed_in": sc.gereed_in,
            "jaren": [
                {
                    "jaar": j.jaar,
                    "budget_eur": j.budget,
                    "uitgaven_eur": j.uitgaven,
                    "complexen_gereed": j.complexen_gereed,
                    "woningen_gereed": j.woningen_gereed,
                    "woningen_gereed_cumulatief": j.woningen_gereed_cumulatief,
                    "r2_aandeel_eur": r2[j.jaar].aandeel if j.jaar in r2 else None,
                }
                for j in sc.jaren
            ],
            "stappen": [
                {
                    **complex_(c),
                    "volgorde": st.volgorde,
                    "start_jaar": st.start_jaar,
                    "gereed_jaar": st.gereed_jaar,
                    "cumulatief_eur": st.cumulatief,
                }
                for st, c in self.stappen
            ],
            "niet_gekozen": [complex_(c) for c in self.niet_gekozen],
            "r2_uitleg": self.r2_uitleg,
            "r2_toelichting": SCENARIO_R2_TOELICHTING,
        }


def parse_amount(text: str | None, veld: str, naam: str) -> int | None:
    """An amount in euro typed in a form: ``1500000``, ``1.500.000``, ``€ 1.500.000`` or ``1500000,50``
    (cents dropped); None when empty. :class:`ScenarioFout` (Dutch) for anything else."""
    if text is None or not text.strip():
        return None
    raw = text.strip().removeprefix("€").strip().replace(" ", "")
    if raw.startswith("-"):
        raise ScenarioFout({veld: f"{naam} kan niet negatief zijn."})
    if not re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?|\d+(,\d{1,2})?", raw):
        raise ScenarioFout(
            {veld: f"{naam} moet een bedrag in hele euro zijn, bijvoorbeeld 1500000 of 1.500.000."}
        )
    return int(raw.split(",")[0].replace(".", ""))


def input_errors(
    budget: int | None, jaren: int | None, kosten_per_woning: int, regel: str | None
) -> dict[str, str]:
    """Every problem with a scenario's input, per field (empty when the input is good)."""
    fouten: dict[str, str] = {}
    if budget is not None and budget < 0:
        fouten["budget"] = "Het budget per jaar kan niet negatief zijn."
    elif budget is not None and budget > SCENARIO_MAX_BEDRAG:
        fouten["budget"] = f"Het budget per jaar is te groot (ten hoogste {fmt.euro(SCENARIO_MAX_BEDRAG)})."
    if jaren is not None and not 1 <= jaren <= SCENARIO_MAX_JAREN:
        fouten["jaren"] = f"Het aantal jaren moet tussen 1 en {SCENARIO_MAX_JAREN} liggen."
    if not 0 < kosten_per_woning <= SCENARIO_MAX_BEDRAG:
        fouten["kostenPerWoning"] = (
            f"De kosten per woning moeten meer dan € 0 en ten hoogste {fmt.euro(SCENARIO_MAX_BEDRAG)} zijn."
        )
    if regel is not None and regel not in {r.value for r in R1Regel}:
        namen = ", ".join(r.value for r in R1Regel)
        fouten["regel"] = f"Onbekende rekenregel '{regel}'; kies uit {namen}, of laat leeg voor elke regel."
    return fouten


def improvement_scenario(
    url: str,
    corporatie_id: str,
    *,
    budget_per_jaar: int | None = None,
    jaren: int | None = None,
    kosten_per_woning: int = STANDAARD_KOSTEN_PER_WONING,
    regel: str | None = None,
    peildatum: date | None = None,
) -> Verbeterscenario | None:
    """The scenario for an association (None when it does not exist), starting the year after
    ``peildatum`` (default today); the budget defaults to the fair R2 share of that first year, the
    horizon to the years through the last year of R2 (at most :data:`SCENARIO_MAX_JAREN`). ``regel``: only the
    complexes in 5/6 under that R1 rule; None: under any rule. :class:`ScenarioFout` for bad input."""
    fouten = input_errors(budget_per_jaar, jaren, kosten_per_woning, regel)
    if fouten:
        raise ScenarioFout(fouten)
    peildatum = peildatum or date.today()
    partij = next(
        (
            p
            for p in q.parties(url, peildatum)
            if p["partij_id"] == corporatie_id and p["soort"] == "corporatie"
        ),
        None,
    )
    if partij is None:
        return None
    eerste = peildatum.year + 1
    landelijk = _r2_amounts(current_agreements(url))
    if jaren is None:
        laatste = max(landelijk, default=eerste + STANDAARD_JAREN - 1)
        jaren = min(SCENARIO_MAX_JAREN, max(1, laatste - eerste + 1))
    horizon = list(range(eerste, eerste + jaren))
    stock = q.stock_per_association(url, peildatum)
    voorraad = sum(stock.values())
    aandelen = {
        jaar: fair_shares(landelijk[jaar], stock).get(corporatie_id, 0.0)
        for jaar in horizon
        if jaar in landelijk and voorraad > 0
    }
    if budget_per_jaar is not None:
        bron = "opgegeven"
    elif horizon[0] in aandelen:
        budget_per_jaar, bron = round(aandelen[horizon[0]]), "r2"
    else:
        budget_per_jaar, bron = 0, "geen"
    complexen = _candidates(url, peildatum, corporatie_id, regel, kosten_per_woning)
    scenario = propose(
        [Kandidaat(c.id, c.woningen, c.kosten, c.bron) for c in complexen.values()], budget_per_jaar, horizon
    )
    uitgaven = {j.jaar: j.uitgaven for j in scenario.jaren}
    r2 = tuple(
        R2Jaar(jaar, landelijk[jaar], aandelen[jaar], uitgaven[jaar]) for jaar in horizon if jaar in aandelen
    )
    naam = str(partij["naam"] or corporatie_id)
    uitleg = None
    if r2:
        woningen = stock.get(corporatie_id, 0)
        uitleg = (
            f"Eerlijk R2-aandeel van {naam} in {r2[0].jaar}: {fmt.euro(r2[0].aandeel)} ({fmt.getal(woningen)} van "
            f"{fmt.getal(voorraad)} corporatiewoningen, naar rato van {fmt.euro(r2[0].landelijk)} landelijk)."
        )
    return Verbeterscenario(
        corporatie_id, naam, peildatum, regel, kosten_per_woning, bron, scenario, complexen, r2, uitleg
    )


def _r2_amounts(agreements: list[Agreement]) -> dict[int, float]:
    """The national R2 amount per year from the first national agreement that has the commitment."""
    for agreement in agreements:
        if agreement.soort is not AfspraakSoort.NATIONAAL:
            continue
        for c in agreement.toezeggingen:
            if c.indicator != R2_INDICATOR:
                continue
            if c.doel.reeks:
                return {m.jaar: m.waarde for m in c.doel.reeks}
            if c.doel.waarde is not None:
                start = agreement.periode.start.year
                return {jaar: c.doel.waarde for jaar in range(start, c.deadline.year + 1)}
    return {}


def _candidates(
    url: str, peildatum: date, corporatie_id: str, regel: str | None, kosten_per_woning: int
) -> dict[str, ScenarioComplex]:
    out: dict[str, ScenarioComplex] = {}
    for r in q.r1_improvement_candidates(url, peildatum, corporatie_id):
        scores = {
            rule.value: None if r[f"score_{rule.value}"] is None else int(r[f"score_{rule.value}"])
            for rule in R1Regel
        }
        if regel is not None and scores[regel] not in SLECHTE_CONDITIE:
            continue
        woningen = int(r["woningen"])
        slecht = None if r["vervangingswaarde_slecht"] is None else float(r["vervangingswaarde_slecht"])
        kosten, bron = improvement_cost(woningen, slecht, kosten_per_woning)
        ident = f"{corporatie_id}-{r['complexnummer']}"
        out[ident] = ScenarioComplex(
            id=ident,
            complexnummer=str(r["complexnummer"]),
            naam=r["complex_naam"],
            gemeentecode=str(r["gemeentecode"]),
            gemeentenaam=r["gemeentenaam"],
            gemeenten=int(r["gemeenten"]),
            woningen=woningen,
            scores=scores,
            vervangingswaarde=None if r["vervangingswaarde"] is None else float(r["vervangingswaarde"]),
            vervangingswaarde_slecht=slecht,
            kosten=kosten,
            bron=bron,
        )
    return out
