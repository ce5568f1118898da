"""The agreements monitor: every commitment evaluated per scope and reference date, explained, kept.

Use cases for CLI, API and web:

- :func:`run_evaluation` evaluates all agreements (national and local, from ``agreements/``) for every
  scope they apply to, or for one scope, on a reference date (peildatum), and appends the run to the
  history (``evaluatie_run`` / ``evaluatie``) unless ``opslaan=False``;
- :func:`latest_evaluation`, :func:`status_history`, :func:`evidence` and :func:`list_runs` read the
  history back (the trend chart and the drill-down).

Indicators are computed set-based by ``storage.monitor_queries`` (one aggregate query per indicator
over all scopes); this module gives the numbers their meaning (value, completeness, evidence, a Dutch
sentence) and hands them to the pure rules engine for the status. Missing data stays ``None``:
"geen gegevens", never 0. The definitions are documented in docs/monitor.md.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from leefbaar.domain.agreements import ScopeSoort, Status
from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.housing import InvesteringThema
from leefbaar.homes.instruments import (
    Urgentieverordening,
    Woonzorgvisie,
    ordinance_coverage,
    woonzorgvisie_status,
)
from leefbaar.rules import formatting as fmt
from leefbaar.rules.contribution import fair_shares
from leefbaar.rules.evaluation import Measurement, evaluate, target_on
from leefbaar.rules.indicators import INDICATOREN, Eenheid, themes_for, variants_for
from leefbaar.rules.model import AfspraakSoort, Agreement, Commitment
from leefbaar.services.agreements import load_agreements
from leefbaar.storage import monitor_queries as q

#: A complex-level score older than this many years does not count as known for the completeness of R1.
R1_MAX_MEETLEEFTIJD_JAREN = 5
#: Evidence rows kept per verdict (the rest is counted).
STANDAARD_TOP_N = 10
#: The national social-rent norm (R10); municipalities below it are the evidence of an area's gap.
SOCIALE_HUUR_NORM = 30.0

_FAIR_CONTRIBUTION = ("extra_investering_verbetering", "extra_investering_leefbaarheid")
_ORDER = tuple(ScopeSoort)
_CODE_PATTERNS = {
    ScopeSoort.PROVINCIE: (r"PV\d{2}", "PV27"),
    ScopeSoort.GEMEENTE: (r"GM\d{4}", "GM0363"),
    ScopeSoort.CORPORATIE: (r"L\d{4}", "L0001"),
    ScopeSoort.COMPLEX: (r"L\d{4}/[A-Za-z0-9._-]{1,20}", "L0001/1043"),
}
_PLAN_WOORDEN = {"voornemen": "alleen een sloopvoornemen", "besluit": "een sloopbesluit"}
_THEMA_WOORDEN = {
    InvesteringThema.VOCHT_SCHIMMEL: "vocht en schimmel",
    InvesteringThema.LOOD: "lood",
    InvesteringThema.ASBEST: "asbest",
    InvesteringThema.BRANDVEILIGHEID: "brandveiligheid",
    InvesteringThema.BUURTKAMERS: "buurtkamers",
    InvesteringThema.SOCIALE_COHESIE: "sociale cohesie",
}


class ScopeError(ValueError):
    """A scope the monitor does not know (message in Dutch)."""


@dataclass(frozen=True, order=True)
class Scope:
    """What a verdict is about: the nation, a province, municipality, association or complex."""

    soort: ScopeSoort
    code: str = "NL"

    def __str__(self) -> str:
        return "nationaal" if self.soort is ScopeSoort.NATIONAAL else f"{self.soort.value}:{self.code}"


NATIONAAL = Scope(ScopeSoort.NATIONAAL, "NL")


def parse_scope(text: str) -> Scope:
    """``nationaal``, ``provincie:PV27``, ``gemeente:GM0363``, ``corporatie:L0001``, ``complex:L0001/1043``."""
    raw = text.strip()
    if raw.lower() == "nationaal":
        return NATIONAAL
    soort_text, sep, code = raw.partition(":")
    try:
        soort = ScopeSoort(soort_text.strip().lower())
    except ValueError:
        soort = None
    if not sep or soort is None or soort is ScopeSoort.NATIONAAL:
        raise ScopeError(
            f"Onbekende scope '{text}'. Gebruik nationaal, provincie:PV27, gemeente:GM0363, "
            "corporatie:L0001 of complex:L0001/1043."
        )
    pattern, example = _CODE_PATTERNS[soort]
    code = code.strip().upper() if soort is not ScopeSoort.COMPLEX else code.strip()
    if soort is ScopeSoort.COMPLEX:
        corp, _, nummer = code.partition("/")
        code = f"{corp.upper()}/{nummer}"
    if not re.fullmatch(pattern, code):
        raise ScopeError(
            f"'{code}' is geen geldige code voor een {soort.value}; voorbeeld: {soort.value}:{example}."
        )
    return Scope(soort, code)


@dataclass(frozen=True)
class Bewijs:
    """The evidence behind a verdict: the first rows (largest contribution to the gap first) and the total."""

    rijen: tuple[dict[str, Any], ...] = ()
    totaal: int = 0
    #: The figures behind the value (counts, sums, measurement age), for the web and the API.
    kerngetallen: dict[str, Any] = field(default_factory=dict)

    @property
    def overig(self) -> int:
        return max(self.totaal - len(self.rijen), 0)

    def as_dict(self) -> dict[str, Any]:
        return {"rijen": list(self.rijen), "totaal": self.totaal, "kerngetallen": self.kerngetallen}


@dataclass(frozen=True)
class Beoordeling:
    """The verdict on one commitment for one scope (and rule variant) on a reference date."""

    afspraak_id: str
    toezegging_id: str
    requirement: str
    titel: str
    indicator: str
    eenheid: str
    scope: Scope
    scope_naam: str
    variant: str
    status: Status
    waarde: float | None
    doel: float
    afstand: float | None
    volledigheid: float | None
    deadline: date
    uitleg: str
    bewijs: Bewijs = field(default_factory=Bewijs)
    vergelijking: str = ">="

    @property
    def waarde_tekst(self) -> str:
        """The measured value written the Dutch way in its unit; "geen gegevens" when unknown."""
        return "geen gegevens" if self.waarde is None else fmt.waarde(self.waarde, Eenheid(self.eenheid))

    @property
    def doel_tekst(self) -> str:
        """The target with its comparison, e.g. "ten hoogste 0 woningen"."""
        woord = {"<=": "ten hoogste", ">=": "ten minste", "==": "precies"}.get(self.vergelijking, "")
        return f"{woord} {fmt.waarde(self.doel, Eenheid(self.eenheid))}".strip()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return {
            "afspraak_id": self.afspraak_id,
            "toezegging_id": self.toezegging_id,
            "requirement": self.requirement,
            "titel": self.titel,
            "indicator": self.indicator,
            "eenheid": self.eenheid,
            "scope": str(self.scope),
            "scope_soort": self.scope.soort.value,
            "scope_code": self.scope.code,
            "scope_naam": self.scope_naam,
            "variant": self.variant or None,
            "status": self.status.value,
            "waarde": self.waarde,
            "doel": self.doel,
            "vergelijking": self.vergelijking,
            "afstand": self.afstand,
            "volledigheid": self.volledigheid,
            "deadline": self.deadline.isoformat(),
            "uitleg": self.uitleg,
            "bewijs": self.bewijs.as_dict(),
        }


@dataclass(frozen=True)
class MonitorRun:
    """One evaluation run: its verdicts, and its id in the history when it was stored."""

    run_id: int | None
    peildatum: date
    data_versie: int | None
    scope: Scope | None
    beoordelingen: tuple[Beoordeling, ...]
    gestart_op: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "peildatum": self.peildatum.isoformat(),
            "data_versie": self.data_versie,
            "scope": None if self.scope is None else str(self.scope),
            "gestart_op": None if self.gestart_op is None else self.gestart_op.isoformat(),
            "beoordelingen": [b.as_dict() for b in self.beoordelingen],
        }


@dataclass(frozen=True)
class HistoryPoint:
    """One stored verdict of a commitment for a scope, for a trend chart."""

    run_id: int
    peildatum: date
    gestart_op: datetime
    data_versie: int | None
    variant: str
    status: Status
    waarde: float | None
    doel: float
    volledigheid: float | None


# ----------------------------------------------------------------------------- indicator values


@dataclass
class Waarde:
    """An indicator's value for one scope (and variant): value, completeness, a sentence, evidence."""

    waarde: float | None
    volledigheid: float | None = None
    zin: str | None = None
    bewijs: list[dict[str, Any]] = field(default_factory=list)
    #: For R2/R5: realised per association (None = nothing reported) and stock, for the fair share.
    extra: dict[str, Any] = field(default_factory=dict)
    #: Figures behind the value, shown with the verdict (Bewijs.kerngetallen).
    kerngetallen: dict[str, Any] = field(default_factory=dict)


Key = tuple[str, str, str]  # scope_soort, scope_code, variant
Values = dict[Key, Waarde]


def _share(part: float | None, whole: float | None) -> float | None:
    return None if part is None or not whole else float(part) / float(whole)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _scope_keys(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The scopes a complex-level evidence row belongs to."""
    keys = [("nationaal", "NL")]
    for soort, column in (
        ("provincie", "provinciecode"),
        ("gemeente", "gemeentecode"),
        ("corporatie", "corporatie_id"),
    ):
        if row.get(column):
            keys.append((soort, row[column]))
    if row.get("corporatie_id") and row.get("complexnummer"):
        keys.append(("complex", f"{row['corporatie_id']}/{row['complexnummer']}"))
    return keys


def r1_values(url: str, peildatum: date, scopes: Iterable[str]) -> Values:
    """R1 under the three rules: dwellings in condition 5/6 without a concrete demolition plan."""
    grens = _add_years(peildatum, -R1_MAX_MEETLEEFTIJD_JAREN)
    rows, complexes = q.r1_condition(url, peildatum, grens, scopes)
    evidence: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for e in complexes:
        for rule in q.R1_RULES:
            score = e[f"score_{rule}"]
            if score is None or score < 5:
                continue
            item = _r1_evidence_row(e, int(score))
            for soort, code in _scope_keys(e):
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
                _share(row[f"recent_{rule}"], row["woningen"]),
                zin,
                evidence.get(key, []),
                kerngetallen=kern,
            )
    return values


def _r1_evidence_row(e: Mapping[str, Any], score: int) -> dict[str, Any]:
    corporatie = e.get("corporatie_naam") or e["corporatie_id"]
    plan = _PLAN_WOORDEN.get(e.get("sloop_anders") or "")
    reden = f"er is {plan}, geen concreet sloopplan" if plan else "er is geen concreet sloopplan"
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
        volledig = _share(melders, row["woningen"])
        zin = f"Gebreken gemeld door corporaties met {fmt.woningen(melders)} van {fmt.woningen(row['woningen'])}."
        vocht[key] = Waarde(row["vocht_open"] if melders else None, volledig, zin)
        lood[key] = Waarde(row["lood_open"] if melders else None, volledig, zin)
        bekend = row["label_bekend"] or 0
        label[key] = Waarde(
            100.0 * row["label_efg"] / bekend if bekend else None,
            _share(bekend, row["woningen"]),
            f"{fmt.woningen(row['label_efg'])} met label E, F of G van {fmt.woningen(bekend)} met een bekend label.",
        )
    return {
        "woningen_met_open_vochtgebrek": vocht,
        "woningen_met_loden_leidingen": lood,
        "energielabel_efg_aandeel": label,
    }


def investment_values(
    url: str,
    peildatum: date,
    themas: Sequence[InvesteringThema],
    names: Mapping[str, str],
    stock: Mapping[str, int] | None = None,
) -> Values:
    """Extra investment in the reference year on the given themes, nationally and per association.

    An association that reported nothing for the year has no value ("geen gegevens"); the national
    completeness is the share of association dwellings whose association reported for that year.
    """
    stock = dict(stock) if stock is not None else q.stock_per_association(url, peildatum)
    rows = q.extra_investments(url, peildatum, peildatum.year, [t.value for t in themas])
    gemeld = {r["corporatie_id"] for r in rows if r["thema"] is None}
    per_corp: dict[str, dict[str, float]] = defaultdict(dict)
    for r in rows:
        if r["thema"] is not None:
            per_corp[r["corporatie_id"]][r["thema"]] = float(r["bedrag"])
    realised = {c: sum(per_corp[c].values()) for c in gemeld}
    values: Values = {}
    for corp in sorted(gemeld | set(stock)):
        waarde = realised.get(corp)
        values[("corporatie", corp, "")] = Waarde(
            waarde,
            None,
            _theme_sentence(per_corp.get(corp, {}), themas) if waarde is not None else None,
            extra={"woningen": stock.get(corp, 0), "stock_all": stock},
            kerngetallen={
                "jaar": peildatum.year,
                "woningen": stock.get(corp, 0),
                "per_thema": per_corp.get(corp, {}),
            },
        )
    if gemeld:
        totaal_thema: dict[str, float] = defaultdict(float)
        for amounts in per_corp.values():
            for thema, bedrag in amounts.items():
                totaal_thema[thema] += bedrag
        volledig = _share(sum(stock.get(c, 0) for c in gemeld), sum(stock.values()))
        zin = (
            f"Jaar {peildatum.year}; {len(gemeld)} van {len(stock)} corporaties rapporteerden. "
            + _theme_sentence(totaal_thema, themas)
        )
        values[("nationaal", "NL", "")] = Waarde(
            sum(realised.values()),
            volledig,
            zin,
            extra={"stock": stock, "realised": realised, "names": names},
            kerngetallen={
                "jaar": peildatum.year,
                "corporaties_gerapporteerd": len(gemeld),
                "corporaties": len(stock),
                "per_thema": dict(totaal_thema),
            },
        )
    return values


def _theme_sentence(amounts: Mapping[str, float], themas: Sequence[InvesteringThema]) -> str:
    parts = [f"{_THEMA_WOORDEN.get(t, t.value)} {fmt.euro(amounts.get(t.value, 0.0))}" for t in themas]
    return "Per thema: " + ", ".join(parts) + "."


def vhf_values(url: str, peildatum: date, scopes: Iterable[str], names: Mapping[str, str]) -> Values:
    """Volkshuisvestingsfonds: grants with an implementation plan (per complex or per area)."""
    evidence: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for g in q.vhf_without_complex_plan(url, peildatum):
        plan = (
            "geen uitvoeringsplan"
            if g["uitvoeringsplan"] == "geen"
            else "een uitvoeringsplan per gebied, niet per complex"
        )
        item = {
            "soort": "vhf_bijdrage",
            "code": g["bijdrage_id"],
            "gemeentecode": g["gemeentecode"],
            "bedrag": g["bedrag_eur"],
            "uitvoeringsplan": g["uitvoeringsplan"],
            "toelichting": f"{g['gebied']} ({names.get(g['gemeentecode'], g['gemeentecode'])}, ronde {g['ronde']}): "
            f"{fmt.euro(g['bedrag_eur'])}, {plan}",
        }
        for key in _scope_keys({"provinciecode": g["provinciecode"], "gemeentecode": g["gemeentecode"]}):
            evidence[key].append(item)
    values: Values = {}
    for row in q.vhf_grants(url, peildatum, scopes):
        # No grant up to this date is no data for the commitment, not a total of zero.
        if row["scope_code"] is None or not row["totaal"]:
            continue
        zin = (
            f"Toegekend in rondes tot en met {peildatum.year}: {fmt.euro(row['totaal'])} in {row['bijdragen']} "
            f"bijdrage(n); {fmt.aandeel(row['per_complex'] / row['totaal'])} daarvan met een uitvoeringsplan per "
            "complex."
        )
        key = (row["scope_soort"], row["scope_code"])
        kern = {
            "totaal_toegekend": row["totaal"],
            "bijdragen": row["bijdragen"],
            "met_uitvoeringsplan": row["met_plan"],
            "per_complex": row["per_complex"],
            "aandeel_per_complex": row["per_complex"] / row["totaal"] if row["totaal"] else None,
        }
        values[(*key, "")] = Waarde(
            float(row["met_plan"]), None, zin, evidence.get(key, []), kerngetallen=kern
        )
    return values


def social_rent_values(
    url: str,
    peildatum: date,
    scopes: Iterable[str],
    names: Mapping[str, str],
    provincie_van: Mapping[str, str | None],
) -> Values:
    """Social rent share (%): association dwellings plus overige_huur 'sociaal', over all dwellings."""
    rows = [r for r in q.social_rent(url, peildatum, scopes) if r["scope_code"] is not None]
    gemeenten = [r for r in rows if r["scope_soort"] == "gemeente"]
    values: Values = {}
    for row in rows:
        sociaal = row["corporatie"] + row["overig_sociaal"]
        bewijs = []
        if row["scope_soort"] != "gemeente":
            # the municipalities of this area below the norm, furthest behind first
            kandidaten = [
                (100.0 * (g["corporatie"] + g["overig_sociaal"]) / g["woningen"], g)
                for g in gemeenten
                if _in_area(row, g["scope_code"], provincie_van) and g["woningen"]
            ]
            onder = sorted((p, str(g["scope_code"])) for p, g in kandidaten if p < SOCIALE_HUUR_NORM)
            bewijs = [
                {
                    "soort": "gemeente",
                    "code": code,
                    "naam": names.get(code, code),
                    "aandeel": p,
                    "toelichting": f"{names.get(code, code)}: {fmt.procent(p)} sociale huur",
                }
                for p, code in onder
            ]
        zin = (
            f"{fmt.woningen(sociaal)} sociale huur ({fmt.getal(row['corporatie'])} van corporaties, "
            f"{fmt.getal(row['overig_sociaal'])} overige sociale huur) van {fmt.woningen(row['woningen'])}."
        )
        values[(row["scope_soort"], row["scope_code"], "")] = Waarde(
            100.0 * sociaal / row["woningen"] if row["woningen"] else None,
            1.0 - row["onbekend"] / row["woningen"] if row["woningen"] else None,
            zin,
            bewijs,
            kerngetallen={
                "woningen": row["woningen"],
                "corporatie": row["corporatie"],
                "overige_sociale_huur": row["overig_sociaal"],
                "segment_onbekend": row["onbekend"],
            },
        )
    return values


def _in_area(area: Mapping[str, Any], gemeentecode: str, provincie_van: Mapping[str, str | None]) -> bool:
    if area["scope_soort"] == "nationaal":
        return True
    return bool(provincie_van.get(gemeentecode) == area["scope_code"])


def _area_rollup(
    per_gemeente: Mapping[str, tuple[bool, str]],
    gemeenten: Sequence[Mapping[str, Any]],
    scopes: Iterable[str],
    onderwerp: str,
) -> Values:
    """Nation and provinces from per-municipality verdicts: % of municipalities with data that comply,
    completeness = share of municipalities with data; the non-compliant ones are the evidence."""
    values: Values = {}
    gebieden: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for g in gemeenten:
        gebieden[("nationaal", "NL")].append(g)
        if g["provinciecode"]:
            gebieden[("provincie", g["provinciecode"])].append(g)
    for (soort, code), leden in gebieden.items():
        if soort not in scopes:
            continue
        met_data = [g for g in leden if g["gemeentecode"] in per_gemeente]
        goed = [g for g in met_data if per_gemeente[g["gemeentecode"]][0]]
        bewijs = [
            {
                "soort": "gemeente",
                "code": g["gemeentecode"],
                "naam": g["naam"],
                "toelichting": f"{g['naam']}: {per_gemeente[g['gemeentecode']][1]}",
            }
            for g in met_data
            if not per_gemeente[g["gemeentecode"]][0]
        ]
        zin = (
            f"{len(goed)} van {len(met_data)} gemeenten met gegevens {onderwerp}; "
            f"van {len(leden) - len(met_data)} van de {len(leden)} gemeenten zijn geen gegevens bekend."
        )
        values[(soort, code, "")] = Waarde(
            100.0 * len(goed) / len(met_data) if met_data else None, len(met_data) / len(leden), zin, bewijs
        )
    return values


def urgency_values(
    url: str, peildatum: date, scopes: Iterable[str], gemeenten: Sequence[Mapping[str, Any]]
) -> Values:
    """R11: share of the mandatory urgency groups the latest adopted ordinance covers (per municipality),
    and the share of municipalities with full coverage (areas). No ordinance on file: no data."""
    values: Values = {}
    oordeel: dict[str, tuple[bool, str]] = {}
    for row in q.latest_instruments(url, peildatum, "urgentieverordening"):
        groepen = frozenset(Aandachtsgroep(g) for g in (row["groepen"] or "").split(";") if g)
        dekking = ordinance_coverage(
            row["gemeentecode"],
            Urgentieverordening(row["gemeentecode"], row["vastgesteld_op"], groepen),
            peildatum,
        )
        tekst = f"urgentieverordening van {fmt.datum(row['vastgesteld_op'])}: {dekking.toelichting}"
        oordeel[row["gemeentecode"]] = (dekking.volledig, tekst)
        values[("gemeente", row["gemeentecode"], "")] = Waarde(
            100.0 * dekking.dekkingsgraad, None, tekst[0].upper() + tekst[1:] + "."
        )
    values.update(
        _area_rollup(oordeel, gemeenten, scopes, "hebben een verordening die alle verplichte groepen dekt")
    )
    return values


def woonzorgvisie_values(
    url: str, peildatum: date, scopes: Iterable[str], gemeenten: Sequence[Mapping[str, Any]]
) -> Values:
    """R12: 100 when the latest woonzorgvisie is current on the date, else 0; areas as a share."""
    values: Values = {}
    oordeel: dict[str, tuple[bool, str]] = {}
    for row in q.latest_instruments(url, peildatum, "woonzorgvisie"):
        status = woonzorgvisie_status(
            row["gemeentecode"],
            Woonzorgvisie(row["gemeentecode"], row["vastgesteld_op"], row["geldig_tot"]),
            peildatum,
        )
        tekst = f"woonzorgvisie van {fmt.datum(row['vastgesteld_op'])}: {status.toelichting}"
        oordeel[row["gemeentecode"]] = (status.actueel, tekst)
        values[("gemeente", row["gemeentecode"], "")] = Waarde(
            100.0 if status.actueel else 0.0, None, tekst[0].upper() + tekst[1:] + "."
        )
    values.update(_area_rollup(oordeel, gemeenten, scopes, "hebben een actuele woonzorgvisie"))
    return values


def care_partner_values(
    url: str, peildatum: date, scopes: Iterable[str], gemeenten: Sequence[Mapping[str, Any]]
) -> Values:
    """R13: % of the local prestatieafspraken in force that include a zorgpartner (party soort)."""
    per_gemeente: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for a in q.local_agreements_with_care(url, peildatum):
        per_gemeente[a["gemeentecode"]].append(a)
    values: Values = {}
    gebieden: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for g in gemeenten:
        gebieden[("gemeente", g["gemeentecode"])].append(g)
        gebieden[("nationaal", "NL")].append(g)
        if g["provinciecode"]:
            gebieden[("provincie", g["provinciecode"])].append(g)
    for (soort, code), leden in gebieden.items():
        if soort not in scopes:
            continue
        afspraken = [a for g in leden for a in per_gemeente.get(g["gemeentecode"], [])]
        if not afspraken:
            continue
        met = [a for a in afspraken if a["met_zorgpartner"]]
        namen = {g["gemeentecode"]: g["naam"] for g in leden}
        bewijs = [
            {
                "soort": "prestatieafspraak",
                "code": a["afspraak_id"],
                "gemeentecode": a["gemeentecode"],
                "toelichting": f"{a['afspraak_id']} ({namen.get(a['gemeentecode'])}, {a['startjaar']}-{a['eindjaar']}): "
                "geen zorg- of welzijnspartij",
            }
            for a in afspraken
            if not a["met_zorgpartner"]
        ]
        gemeenten_met = len({a["gemeentecode"] for a in afspraken})
        zin = (
            f"{len(met)} van {len(afspraken)} lopende prestatieafspraken hebben een zorg- of welzijnspartij."
        )
        values[(soort, code, "")] = Waarde(
            100.0 * len(met) / len(afspraken),
            None if soort == "gemeente" else gemeenten_met / len(leden),
            zin,
            bewijs,
        )
    return values


def buurtkamer_values(url: str, peildatum: date) -> Values:
    return {
        (r["scope_soort"], r["scope_code"], ""): Waarde(float(r["aantal"]), None, None)
        for r in q.buurtkamers(url, peildatum)
    }


# ----------------------------------------------------------------------------- which scopes


@dataclass
class _Universe:
    gemeenten: list[dict[str, Any]]
    names: dict[str, str]
    corporaties: list[str]

    def codes(self, soort: ScopeSoort) -> list[str]:
        if soort is ScopeSoort.NATIONAAL:
            return ["NL"]
        if soort is ScopeSoort.PROVINCIE:
            return sorted({g["provinciecode"] for g in self.gemeenten if g["provinciecode"]})
        if soort is ScopeSoort.GEMEENTE:
            return [g["gemeentecode"] for g in self.gemeenten]
        if soort is ScopeSoort.CORPORATIE:
            return self.corporaties
        return []

    def name(self, scope: Scope) -> str:
        if scope.soort is ScopeSoort.NATIONAAL:
            return "Nederland"
        if scope.soort is ScopeSoort.COMPLEX:
            corp, _, nummer = scope.code.partition("/")
            return f"complex {nummer} ({self.names.get(corp, corp)})"
        return self.names.get(scope.code, scope.code)


def _universe(url: str, peildatum: date) -> _Universe:
    gemeenten = q.municipalities(url)
    partijen = q.parties(url, peildatum)
    names = {p["partij_id"]: p["naam"] for p in partijen}
    names.update({g["gemeentecode"]: g["naam"] for g in gemeenten})
    for p in partijen:
        if p["soort"] == "provincie":
            names[p["partij_id"]] = p["naam"]
    corporaties = sorted(p["partij_id"] for p in partijen if p["soort"] == "corporatie")
    return _Universe(gemeenten, names, corporaties)


def _check_scope(scope: Scope, universe: _Universe) -> None:
    if scope.soort is ScopeSoort.NATIONAAL:
        return
    if scope.soort is ScopeSoort.COMPLEX:
        corp = scope.code.partition("/")[0]
        if corp not in universe.corporaties:
            raise ScopeError(f"Onbekende corporatie '{corp}' in scope {scope}.")
        return
    if scope.code not in universe.codes(scope.soort):
        raise ScopeError(f"Onbekende {scope.soort.value} '{scope.code}': niet in de gegevens gevonden.")


def _scopes_for(
    agreement: Agreement, toezegging: Commitment, universe: _Universe, only: Scope | None
) -> list[Scope]:
    """The scopes one commitment is judged for (all of them, or just ``only`` when it applies)."""
    kinds = set(toezegging.scopes)
    if agreement.soort is AfspraakSoort.NATIONAAL and toezegging.indicator in _FAIR_CONTRIBUTION:
        kinds.add(ScopeSoort.CORPORATIE)  # each association against its fair contribution
    found: list[Scope] = []
    for soort in _ORDER:
        if soort not in kinds:
            continue
        if agreement.soort is AfspraakSoort.LOKAAL:
            assert agreement.gemeente is not None
            if soort is ScopeSoort.GEMEENTE:
                codes = [agreement.gemeente.code]
            elif soort is ScopeSoort.CORPORATIE:
                codes = [p.id for p in agreement.partijen if p.soort.value == "corporatie"]
            elif soort is ScopeSoort.COMPLEX and only is not None and only.soort is soort:
                codes = (
                    [only.code] if only.code.partition("/")[0] in {p.id for p in agreement.partijen} else []
                )
            else:
                codes = []
        elif soort is ScopeSoort.COMPLEX:
            codes = [only.code] if only is not None and only.soort is soort else []
        else:
            codes = universe.codes(soort)
        found += [Scope(soort, c) for c in codes]
    return [s for s in found if only is None or s == only]


# ----------------------------------------------------------------------------- evaluation


def _compute(
    url: str,
    peildatum: date,
    needed: Mapping[str, set[str]],
    themas: Mapping[str, set[tuple[InvesteringThema, ...]]],
    universe: _Universe,
) -> dict[tuple[str, tuple[InvesteringThema, ...]], Values]:
    """Every needed indicator once, for all needed scope kinds (one set-based query each)."""
    out: dict[tuple[str, tuple[InvesteringThema, ...]], Values] = {}
    scopes_of = {name: kinds for name, kinds in needed.items()}
    if "woningen_conditie_5_6_zonder_sloopplan" in needed:
        out[("woningen_conditie_5_6_zonder_sloopplan", ())] = r1_values(
            url, peildatum, scopes_of["woningen_conditie_5_6_zonder_sloopplan"]
        )
    stock_names = {
        "woningen_met_open_vochtgebrek",
        "woningen_met_loden_leidingen",
        "energielabel_efg_aandeel",
    }
    if stock_names & set(needed):
        kinds = set().union(*(needed[n] for n in stock_names & set(needed)))
        for name, values in stock_values(url, peildatum, kinds).items():
            out[(name, ())] = values
    if any(themas.get(name) for name in _FAIR_CONTRIBUTION):
        stock = q.stock_per_association(url, peildatum)  # one scan for every theme combination
        for name in _FAIR_CONTRIBUTION:
            for combo in themas.get(name, set()):
                out[(name, combo)] = investment_values(url, peildatum, combo, universe.names, stock)
    simple: dict[str, Callable[[set[str]], Values]] = {
        "vhf_bijdragen_met_uitvoeringsplan": lambda k: vhf_values(url, peildatum, k, universe.names),
        "aandeel_sociale_huur": lambda k: social_rent_values(
            url,
            peildatum,
            k,
            universe.names,
            {g["gemeentecode"]: g["provinciecode"] for g in universe.gemeenten},
        ),
        "urgentieverordening_dekking": lambda k: urgency_values(url, peildatum, k, universe.gemeenten),
        "woonzorgvisie_actueel": lambda k: woonzorgvisie_values(url, peildatum, k, universe.gemeenten),
        "lokale_afspraken_met_zorgpartner": lambda k: care_partner_values(
            url, peildatum, k, universe.gemeenten
        ),
        "aantal_buurtkamers": lambda k: buurtkamer_values(url, peildatum),
    }
    for name, compute in simple.items():
        if name in needed:
            out[(name, ())] = compute(needed[name])
    return out


def _earlier(url: str, peildatum: date) -> dict[Key | tuple[str, str, str, str], list[Measurement]]:
    found: dict[Any, list[Measurement]] = defaultdict(list)
    for r in q.earlier_values(url, peildatum):
        found[(r["toezegging_id"], r["scope_soort"], r["scope_code"], r["variant"])].append(
            Measurement(r["peildatum"], float(r["waarde"]))
        )
    return found


def _judge(
    agreement: Agreement,
    toezegging: Commitment,
    scope: Scope,
    variant: str,
    value: Waarde | None,
    peildatum: date,
    universe: _Universe,
    eerdere: Sequence[Measurement],
    top_n: int,
) -> Beoordeling:
    ind = INDICATOREN[toezegging.indicator]
    doel, deadline = target_on(toezegging.doel, toezegging.deadline, peildatum)
    bewijs_rijen = list(value.bewijs) if value is not None else []
    zinnen: list[str] = []
    if (
        toezegging.indicator in _FAIR_CONTRIBUTION
        and value is not None
        and agreement.soort is AfspraakSoort.NATIONAAL
    ):
        if scope.soort is ScopeSoort.CORPORATIE:
            doel, zin = _fair_target(doel, scope.code, value, universe)
            zinnen.append(zin)
        elif scope.soort is ScopeSoort.NATIONAAL:
            bewijs_rijen = _fair_evidence(doel, value)
    gemeten = value.waarde if value is not None else None
    ev = evaluate(
        gemeten,
        doel,
        toezegging.doel.vergelijking,
        peildatum,
        deadline,
        eerdere=eerdere,
        volledigheid=value.volledigheid if value is not None else None,
        drempels=toezegging.drempels,
        eenheid=ind.eenheid,
    )
    if value is None:
        zinnen.append(f"Voor {universe.name(scope)} zijn hierover geen gegevens in de database.")
    elif value.zin:
        zinnen.append(value.zin)
    if bewijs_rijen and ev.status not in (Status.GEHAALD, Status.GEEN_GEGEVENS):
        eerste = "; ".join(r["toelichting"] for r in bewijs_rijen[:3])
        rest = len(bewijs_rijen) - 3
        zinnen.append(f"Onder meer: {eerste}" + (f" (en nog {rest} andere)." if rest > 0 else "."))
    variant_tekst = f" (regel: {variant.replace('_', ' ')})" if variant else ""
    return Beoordeling(
        afspraak_id=agreement.id,
        toezegging_id=toezegging.id,
        requirement=toezegging.requirement,
        titel=toezegging.titel + variant_tekst,
        indicator=toezegging.indicator,
        eenheid=ind.eenheid.value,
        scope=scope,
        scope_naam=universe.name(scope),
        variant=variant,
        status=ev.status,
        waarde=ev.gemeten,
        doel=ev.doel,
        afstand=ev.afstand,
        volledigheid=ev.volledigheid,
        deadline=ev.deadline,
        uitleg=" ".join([ev.uitleg, *zinnen]),
        bewijs=Bewijs(
            tuple(bewijs_rijen[:top_n]),
            len(bewijs_rijen),
            dict(value.kerngetallen) if value is not None else {},
        ),
        vergelijking=toezegging.doel.vergelijking.value,
    )


def _local_investment(agreement: Agreement, values: Values) -> Waarde | None:
    """Investments carry no location: a local agreement's municipality value is the sum of what its
    association parties reported (None when none of them reported for the year)."""
    partijen = [p.id for p in agreement.partijen if p.soort.value == "corporatie"]
    gemeld = [(p, values[("corporatie", p, "")].waarde) for p in partijen if ("corporatie", p, "") in values]
    bedragen = [(p, w) for p, w in gemeld if w is not None]
    if not bedragen:
        return None
    delen = ", ".join(f"{p} {fmt.euro(w)}" for p, w in bedragen)
    return Waarde(
        sum(w for _, w in bedragen), len(bedragen) / len(partijen), f"Som van de corporaties: {delen}."
    )


def _fair_target(doel: float, corporatie: str, value: Waarde, universe: _Universe) -> tuple[float, str]:
    """An association's target: the national amount pro rata by its dwellings (rules.fair_shares)."""
    nationaal_stock: dict[str, int] = value.extra.get("stock_all") or {}
    woningen = int(value.extra.get("woningen", 0))
    totaal = sum(nationaal_stock.values()) if nationaal_stock else 0
    if not totaal:
        return 0.0, "Zonder woningen is er geen eerlijk aandeel."
    aandeel = fair_shares(doel, nationaal_stock)[corporatie] if corporatie in nationaal_stock else 0.0
    return aandeel, (
        f"Eerlijk aandeel van {universe.name(Scope(ScopeSoort.CORPORATIE, corporatie))}: {fmt.euro(aandeel)} "
        f"({fmt.getal(woningen)} van {fmt.getal(totaal)} corporatiewoningen, naar rato van "
        f"{fmt.euro(doel)} landelijk)."
    )


def _fair_evidence(doel: float, value: Waarde) -> list[dict[str, Any]]:
    """Associations furthest behind their fair contribution (nothing reported counts as furthest)."""
    stock: dict[str, int] = value.extra.get("stock", {})
    realised: dict[str, float] = value.extra.get("realised", {})
    names: Mapping[str, str] = value.extra.get("names", {})
    if not stock or not sum(stock.values()):
        return []
    shares = fair_shares(doel, stock)
    rows: list[dict[str, Any]] = []
    for corp, aandeel in shares.items():
        got = realised.get(corp)
        if got is not None and got >= aandeel:
            continue
        achter = aandeel if got is None else aandeel - got
        tekst = "niets gerapporteerd" if got is None else f"{fmt.euro(got)} gerealiseerd"
        rows.append(
            {
                "soort": "corporatie",
                "code": corp,
                "naam": names.get(corp, corp),
                "aandeel": aandeel,
                "gerealiseerd": got,
                "toelichting": f"{names.get(corp, corp)}: {tekst}, eerlijk aandeel {fmt.euro(aandeel)}",
                "_achter": achter,
            }
        )
    rows.sort(key=lambda r: (-r["_achter"], r["code"]))
    for r in rows:
        del r["_achter"]
    return rows


def run_evaluation(
    url: str,
    peildatum: date,
    scope: Scope | None = None,
    *,
    opslaan: bool = True,
    agreements_dir: Path | str | None = None,
    agreements: Sequence[Agreement] | None = None,
    top_n: int = STANDAARD_TOP_N,
) -> MonitorRun:
    """Evaluate every commitment of every agreement for all its scopes (or only ``scope``) on ``peildatum``.

    Agreements come from ``agreements`` or else the folder (``agreements_dir`` / the repository's
    ``agreements/``); an agreement that starts after the peildatum is skipped. With ``opslaan`` the
    run is appended to the history and ``run_id`` is set. Raises :class:`ScopeError` for an unknown scope.
    """
    gestart = datetime.now().replace(microsecond=0)
    universe = _universe(url, peildatum)
    if scope is not None:
        _check_scope(scope, universe)
    loaded = list(agreements) if agreements is not None else load_agreements(agreements_dir)
    plan: list[tuple[Agreement, Commitment, Scope]] = []
    needed: dict[str, set[str]] = defaultdict(set)
    themas: dict[str, set[tuple[InvesteringThema, ...]]] = defaultdict(set)
    for agreement in loaded:
        if agreement.periode.start > peildatum:
            continue
        for toezegging in agreement.toezeggingen:
            for s in _scopes_for(agreement, toezegging, universe, scope):
                plan.append((agreement, toezegging, s))
                needed[toezegging.indicator].add(s.soort.value)
                if toezegging.indicator in _FAIR_CONTRIBUTION:
                    themas[toezegging.indicator].add(tuple(themes_for(toezegging)))
    computed: dict[tuple[str, tuple[InvesteringThema, ...]], Values] = {}
    if plan:
        with q.shared_connection(url):  # the dwelling stock is aggregated once for all indicators
            computed = _compute(url, peildatum, needed, themas, universe)
    earlier = _earlier(url, peildatum) if plan else {}
    results: list[Beoordeling] = []
    for agreement, toezegging, s in plan:
        combo = tuple(themes_for(toezegging)) if toezegging.indicator in _FAIR_CONTRIBUTION else ()
        values = computed.get((toezegging.indicator, combo), {})
        for variant in variants_for(toezegging) or ("",):
            value = values.get((s.soort.value, s.code, variant))
            if (
                value is None
                and toezegging.indicator in _FAIR_CONTRIBUTION
                and s.soort is ScopeSoort.GEMEENTE
            ):
                value = _local_investment(agreement, values)
            eerdere = earlier.get((toezegging.id, s.soort.value, s.code, variant), [])
            results.append(
                _judge(agreement, toezegging, s, variant, value, peildatum, universe, eerdere, top_n)
            )
    results.sort(key=_order)
    data_versie = q.data_version(url)
    run_id = None
    if opslaan:
        run_id = q.append_run(
            url, peildatum, data_versie, None if scope is None else str(scope), [_row(b) for b in results]
        )
    return MonitorRun(run_id, peildatum, data_versie, scope, tuple(results), gestart)


def _order(b: Beoordeling) -> tuple[Any, ...]:
    """Scope kind, then requirement number, national before local, then commitment and rule."""
    nummer = int(b.requirement[1:]) if b.requirement[1:].isdigit() else 99
    regel = q.R1_RULES.index(b.variant) if b.variant in q.R1_RULES else -1
    return (
        _ORDER.index(b.scope.soort),
        b.scope.code,
        nummer,
        not b.afspraak_id.startswith("nationaal"),
        b.afspraak_id,
        b.toezegging_id,
        regel,
    )


def _row(b: Beoordeling) -> dict[str, Any]:
    return {
        "afspraak_id": b.afspraak_id,
        "toezegging_id": b.toezegging_id,
        "requirement": b.requirement,
        "indicator": b.indicator,
        "titel": b.titel,
        "eenheid": b.eenheid,
        "scope_soort": b.scope.soort.value,
        "scope_code": b.scope.code,
        "variant": b.variant,
        "status": b.status.value,
        "waarde": b.waarde,
        "doel": b.doel,
        "afstand": b.afstand,
        "volledigheid": b.volledigheid,
        "deadline": b.deadline,
        "uitleg": b.uitleg,
        "bewijs": b.bewijs.as_dict(),
    }


# ----------------------------------------------------------------------------- history


def _from_row(row: Mapping[str, Any], scope_naam: str | None = None) -> Beoordeling:
    bewijs: dict[str, Any] = json.loads(row["bewijs"]) if row.get("bewijs") else {"rijen": [], "totaal": 0}
    scope = Scope(ScopeSoort(row["scope_soort"]), row["scope_code"])
    return Beoordeling(
        afspraak_id=row["afspraak_id"],
        toezegging_id=row["toezegging_id"],
        requirement=row["requirement"],
        titel=row["titel"],
        indicator=row["indicator"],
        eenheid=row["eenheid"],
        scope=scope,
        scope_naam=scope_naam or str(scope),
        variant=row["variant"],
        status=Status(row["status"]),
        waarde=row["waarde"],
        doel=row["doel"],
        afstand=row["afstand"],
        volledigheid=row["volledigheid"],
        deadline=row["deadline"],
        uitleg=row["uitleg"],
        bewijs=Bewijs(
            tuple(bewijs.get("rijen", [])), int(bewijs.get("totaal", 0)), dict(bewijs.get("kerngetallen", {}))
        ),
    )


def list_runs(url: str, scope: Scope | None = None) -> list[dict[str, Any]]:
    """Stored runs, newest first (run_id, peildatum, data_versie, gestart_op, scope, aantal)."""
    return q.runs(url, None if scope is None else f"{scope.soort.value}:{scope.code}")


def latest_evaluation(url: str, scope: Scope) -> MonitorRun | None:
    """The verdicts for ``scope`` from the newest stored run that covers it; None when there is none."""
    found = q.runs(url, f"{scope.soort.value}:{scope.code}")
    if not found:
        return None
    run = found[0]
    rows = q.evaluations(url, int(run["run_id"]), scope.soort.value, scope.code)
    stored_scope = parse_scope(run["scope"]) if run["scope"] else None
    naam = _universe(url, run["peildatum"]).name(scope)
    return MonitorRun(
        int(run["run_id"]),
        run["peildatum"],
        run["data_versie"],
        stored_scope,
        tuple(sorted((_from_row(r, naam) for r in rows), key=_order)),
        run["gestart_op"],
    )


def status_history(
    url: str, toezegging_id: str, scope: Scope, variant: str | None = None
) -> list[HistoryPoint]:
    """Every stored verdict of a commitment for a scope, oldest peildatum first (a trend chart)."""
    points = []
    for r in q.history(url, toezegging_id, scope.soort.value, scope.code):
        if variant is not None and r["variant"] != variant:
            continue
        points.append(
            HistoryPoint(
                int(r["run_id"]),
                r["peildatum"],
                r["gestart_op"],
                r["data_versie"],
                r["variant"],
                Status(r["status"]),
                r["waarde"],
                r["doel"],
                r["volledigheid"],
            )
        )
    return points


def evidence(url: str, run_id: int, toezegging_id: str, scope: Scope, variant: str = "") -> Bewijs | None:
    """The stored evidence of one verdict (drill-down); None when the run has no such verdict."""
    rows = q.evaluations(url, run_id, scope.soort.value, scope.code, toezegging_id)
    row = next((r for r in rows if r["variant"] == variant), None)
    return None if row is None else _from_row(row).bewijs


@dataclass(frozen=True)
class KaartToezegging:
    """A commitment the national map can be coloured by (judged for every municipality)."""

    sleutel: str  # toezegging_id, or toezegging_id:variant for a rule variant (R1)
    toezegging_id: str
    variant: str
    titel: str  # as judged; a rule variant's title names its rule
    afspraak_id: str = ""  # the agreement the commitment belongs to


@dataclass(frozen=True)
class StatusKaart:
    """The newest status per municipality of each such commitment: what the map colours by."""

    run_id: int
    peildatum: date
    toezeggingen: tuple[KaartToezegging, ...]
    #: sleutel -> gemeentecode -> status
    statussen: dict[str, dict[str, str]]

    def status(self, sleutel: str, gemeentecode: str) -> str | None:
        return self.statussen.get(sleutel, {}).get(gemeentecode)

    def telling(self, sleutel: str) -> dict[str, int]:
        """How many municipalities have each status (in the order of Status)."""
        found = self.statussen.get(sleutel, {}).values()
        return {s.value: sum(1 for v in found if v == s.value) for s in Status}


def status_map(url: str) -> StatusKaart | None:
    """Per municipality the status of every commitment judged for all municipalities, from the newest
    run that judged them; None when no such run is stored."""
    rows = q.municipality_statuses(url)
    if not rows:
        return None
    toezeggingen: dict[str, KaartToezegging] = {}
    statussen: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        sleutel = r["toezegging_id"] if not r["variant"] else f"{r['toezegging_id']}:{r['variant']}"
        toezeggingen.setdefault(
            sleutel,
            KaartToezegging(sleutel, r["toezegging_id"], r["variant"], r["titel"], r["afspraak_id"]),
        )
        statussen[sleutel][r["scope_code"]] = r["status"]
    return StatusKaart(
        int(rows[0]["run_id"]), rows[0]["peildatum"], tuple(toezeggingen.values()), dict(statussen)
    )
