"""The extra investments of R2 (dwelling improvement) and R5 (buurtkamers and social cohesion):
per association, per municipality and nationally.

- Only associations count toward the national amounts (€200 million, €75 million a year); what
  municipalities invest in the same themes is shown beside them, never added.
- "Extra" is spending above the baseline an association declares (a reference year's regular
  spending, ``investering_basislijn``); without a baseline it is the association's own declaration,
  and the verdict says so (rules.contribution.measured_extra, docs/adr/0025-extra-against-a-baseline-and-where-money-goes.md).
- A municipality's figure is what was invested in it: each association's extra spread over the
  municipalities where it spent the money, never its nationwide total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.domain.housing import InvesteringSoort, InvesteringThema
from leefbaar.domain.parties import PartijSoort
from leefbaar.rules import formatting as fmt
from leefbaar.rules.contribution import Baseline, ExtraTheme, ThemeSpending, measured_extra
from leefbaar.rules.model import Agreement
from leefbaar.services.monitor.scopes import Scope
from leefbaar.services.monitor.values import Values, Waarde, share
from leefbaar.storage import monitor_queries as q

#: Investment themes as the explanation names them.
THEMA_WOORDEN = {
    InvesteringThema.VOCHT_SCHIMMEL: "vocht en schimmel",
    InvesteringThema.LOOD: "lood",
    InvesteringThema.ASBEST: "asbest",
    InvesteringThema.BRANDVEILIGHEID: "brandveiligheid",
    InvesteringThema.BUURTKAMERS: "buurtkamers",
    InvesteringThema.SOCIALE_COHESIE: "sociale cohesie",
}


def _spending(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, ThemeSpending]]:
    """Per party and theme: all spending and the declared extra, in total and per municipality."""
    besteed: dict[tuple[str, str], dict[str | None, float]] = defaultdict(lambda: defaultdict(float))
    extra: dict[tuple[str, str], dict[str | None, float]] = defaultdict(lambda: defaultdict(float))
    for r in rows:
        if r["thema"] is None:
            continue
        key = (r["partij_id"], r["thema"])
        bedrag = float(r["bedrag"])
        besteed[key][r["gemeentecode"]] += bedrag
        if r["soort"] == InvesteringSoort.EXTRA.value:
            extra[key][r["gemeentecode"]] += bedrag
    out: dict[str, dict[str, ThemeSpending]] = defaultdict(dict)
    for (partij, thema), per_gemeente in besteed.items():
        declared = dict(extra.get((partij, thema), {}))
        out[partij][thema] = ThemeSpending(
            thema, sum(per_gemeente.values()), sum(declared.values()), dict(per_gemeente), declared
        )
    return out


def _theme_sentence(themes: Sequence[ExtraTheme]) -> str:
    parts = []
    for t in themes:
        woord = THEMA_WOORDEN.get(InvesteringThema(t.thema), t.thema)
        if t.basislijn is not None:
            parts.append(
                f"{woord}: besteed {fmt.euro(t.besteed)}, basislijn {fmt.euro(t.basislijn.bedrag)} "
                f"({t.basislijn.referentiejaar}), extra {fmt.euro(t.extra)}"
            )
        else:
            parts.append(f"{woord}: opgegeven extra {fmt.euro(t.extra)} (geen basislijn)")
    return "Per thema: " + "; ".join(parts) + "."


def _kerngetallen(themes: Sequence[ExtraTheme]) -> dict[str, Any]:
    return {
        "per_thema": {t.thema: t.extra for t in themes},
        "besteed_per_thema": {t.thema: t.besteed for t in themes},
        "basislijn_per_thema": {
            t.thema: {"referentiejaar": t.basislijn.referentiejaar, "bedrag": t.basislijn.bedrag}
            for t in themes
            if t.basislijn is not None
        },
    }


def investment_values(
    url: str,
    peildatum: date,
    themas: Sequence[InvesteringThema],
    names: Mapping[str, str],
    stock: Mapping[str, int] | None = None,
    jaar: int | None = None,
) -> Values:
    """Extra investment in the reference year on the given themes: per association, per
    municipality (what was invested in it) and nationally (associations only).

    An association that reported nothing for the year has no value ("geen gegevens"); the national
    completeness is the share of association dwellings whose association reported for that year.
    The year is the reference date's unless ``jaar`` is given.
    """
    jaar = peildatum.year if jaar is None else jaar
    stock = dict(stock) if stock is not None else q.stock_per_association(url, peildatum)
    codes = [t.value for t in themas]
    rows = q.investments_in_year(url, peildatum, jaar, codes)
    soort = {r["partij_id"]: r["partij_soort"] for r in rows}
    corporatie = PartijSoort.CORPORATIE.value
    gemeld = {r["partij_id"] for r in rows if r["thema"] is None and r["partij_soort"] == corporatie}
    spending = _spending(rows)
    baselines: dict[str, dict[str, Baseline]] = defaultdict(dict)
    for b in q.investment_baselines(url, peildatum, codes):
        baselines[b["partij_id"]][b["thema"]] = Baseline(
            b["thema"], int(b["referentiejaar"]), float(b["bedrag"])
        )

    values: Values = {}
    per_gemeente: dict[str, float] = defaultdict(float)
    per_gemeente_thema: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    realised: dict[str, float] = {}
    per_thema_nl: dict[str, float] = defaultdict(float)
    met_basislijn = 0
    for corp in sorted(gemeld | set(stock)):
        themes = (
            measured_extra(codes, spending.get(corp, {}), baselines.get(corp, {})) if corp in gemeld else []
        )
        waarde = sum(t.extra for t in themes) if corp in gemeld else None
        spread: dict[str, float] = defaultdict(float)
        for t in themes:
            per_thema_nl[t.thema] += t.extra
            for g, bedrag in t.per_gemeente.items():
                if g is not None:
                    spread[g] += bedrag
                    per_gemeente[g] += bedrag
                    per_gemeente_thema[g][t.thema] += bedrag
        if waarde is not None:
            realised[corp] = waarde
            met_basislijn += any(t.gemeten for t in themes)
        values[("corporatie", corp, "")] = Waarde(
            waarde,
            None,
            _theme_sentence(themes) if waarde is not None else None,
            extra={"woningen": stock.get(corp, 0), "stock_all": stock, "per_gemeente": dict(spread)},
            kerngetallen={"jaar": jaar, "woningen": stock.get(corp, 0), **_kerngetallen(themes)},
        )
    gemeenten_per_thema = _municipal_contributions(spending, soort)
    gemeenten_bijdrage = {g: sum(t.values()) for g, t in gemeenten_per_thema.items()}
    for g, bedrag in per_gemeente.items():
        eigen = gemeenten_bijdrage.get(g, 0.0)
        zin = (
            f"Extra van de corporaties in de gemeente, naar waar zij het geld besteedden: {fmt.euro(bedrag)}."
        )
        if eigen:
            zin += f" De gemeente investeerde daarnaast zelf {fmt.euro(eigen)} (telt niet mee)."
        values[("gemeente", g, "")] = Waarde(
            bedrag,
            None,
            zin,
            kerngetallen={"jaar": jaar, "gemeente_zelf": eigen, "per_thema": dict(per_gemeente_thema[g])},
        )
    if gemeld:
        gemeentelijk = sum(gemeenten_bijdrage.values())
        zin = (
            f"Jaar {jaar}; {len(gemeld)} van {len(stock)} corporaties rapporteerden, "
            f"{met_basislijn} met een basislijn. "
            + "Extra per thema: "
            + "; ".join(
                f"{THEMA_WOORDEN.get(InvesteringThema(t), t)} {fmt.euro(per_thema_nl[t])}" for t in codes
            )
            + "."
        )
        if gemeentelijk:
            zin += (
                f" Gemeenten investeerden daarnaast {fmt.euro(gemeentelijk)} in deze thema's; "
                "dat telt niet mee voor het bedrag van de corporaties."
            )
        values[("nationaal", "NL", "")] = Waarde(
            sum(realised.values()),
            share(sum(stock.get(c, 0) for c in gemeld), sum(stock.values())),
            zin,
            extra={"stock": stock, "realised": realised, "names": names},
            kerngetallen={
                "jaar": jaar,
                "corporaties_gerapporteerd": len(gemeld),
                "corporaties_met_basislijn": met_basislijn,
                "corporaties": len(stock),
                "per_thema": dict(per_thema_nl),
                "gemeenten_zelf": gemeentelijk,
            },
        )
    return values


def _municipal_contributions(
    spending: Mapping[str, Mapping[str, ThemeSpending]], soort: Mapping[str, str | None]
) -> dict[str, dict[str, float]]:
    """What municipalities spent, per municipality where it was spent and per theme."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for partij, themes in spending.items():
        if soort.get(partij) != PartijSoort.GEMEENTE.value:
            continue
        for t in themes.values():
            for g, bedrag in t.besteed_per_gemeente.items():
                out[g or partij][t.thema] += bedrag
    return {g: dict(t) for g, t in out.items()}


def municipal_investments(
    url: str, peildatum: date, themas: Sequence[InvesteringThema], jaar: int
) -> dict[str, dict[str, float]]:
    """What municipalities invested themselves in the themes in ``jaar``, per municipality where it
    was spent and per theme (shown beside the associations' extra, never added to it)."""
    rows = q.investments_in_year(url, peildatum, jaar, [t.value for t in themas])
    return _municipal_contributions(_spending(rows), {r["partij_id"]: r["partij_soort"] for r in rows})


def local_investment(agreement: Agreement, scope: Scope, values: Values) -> Waarde | None:
    """A local agreement's figure: what its associations invested in its municipality (for an
    association scope, what that association invested there). None when none of them reported."""
    gemeente = agreement.gemeente.code if agreement.gemeente is not None else None
    if gemeente is None:
        return values.get((scope.soort.value, scope.code, ""))
    if scope.soort is ScopeSoort.CORPORATIE:
        partijen = [scope.code]
    else:
        partijen = [p.id for p in agreement.partijen if p.soort is PartijSoort.CORPORATIE]
    bedragen = []
    for p in partijen:
        value = values.get(("corporatie", p, ""))
        if value is not None and value.waarde is not None:
            bedragen.append((p, float(value.extra.get("per_gemeente", {}).get(gemeente, 0.0))))
    if not bedragen:
        return None
    delen = ", ".join(f"{p} {fmt.euro(w)}" for p, w in bedragen)
    return Waarde(
        sum(w for _, w in bedragen),
        len(bedragen) / len(partijen),
        f"Extra in deze gemeente, naar waar het geld is besteed: {delen}.",
    )
