"""The evaluation: every commitment of every agreement judged for its scopes on a reference date.

:func:`run_evaluation` plans commitment x scope pairs, computes each needed indicator once for all
scopes (one set-based query each, on one shared connection), hands value, target and earlier values
to the pure rules engine for the status, sets each association's fair contribution (R2, R5) and
appends the run to the history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from leefbaar.domain.agreements import ScopeSoort, Status
from leefbaar.domain.housing import InvesteringThema
from leefbaar.rules import formatting as fmt
from leefbaar.rules.contribution import FAIR_CONTRIBUTION_INDICATORS, fair_shares
from leefbaar.rules.evaluation import Measurement, evaluate, target_on
from leefbaar.rules.indicators import INDICATOREN, themes_for, variants_for
from leefbaar.rules.model import AfspraakSoort, Agreement, Commitment
from leefbaar.services.agreements import current_agreements, load_agreements
from leefbaar.services.monitor.area_indicators import (
    buurtkamer_values,
    care_partner_values,
    social_rent_values,
    urgency_values,
    vhf_values,
    woonzorgvisie_values,
)
from leefbaar.services.monitor.investments import investment_values, local_investment
from leefbaar.services.monitor.restructuring import INDICATORS as RESTRUCTURING_INDICATORS
from leefbaar.services.monitor.restructuring import restructuring_values
from leefbaar.services.monitor.scopes import (
    Scope,
    Universe,
    check_scope,
    load_universe,
    scopes_for,
)
from leefbaar.services.monitor.stock_indicators import r1_values, stock_values
from leefbaar.services.monitor.values import Key, Values, Waarde
from leefbaar.services.monitor.verdicts import Beoordeling, Bewijs, MonitorRun, as_row, verdict_order
from leefbaar.storage import monitor_queries as q

#: Evidence rows kept per verdict (the rest is counted).
STANDAARD_TOP_N = 10


def _compute(
    url: str,
    peildatum: date,
    needed: Mapping[str, set[str]],
    themas: Mapping[str, set[tuple[InvesteringThema, ...]]],
    universe: Universe,
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
    if set(RESTRUCTURING_INDICATORS) & set(needed):
        kinds = set().union(*(needed[n] for n in set(RESTRUCTURING_INDICATORS) & set(needed)))
        for name, values in restructuring_values(url, peildatum, kinds, universe.names).items():
            out[(name, ())] = values
    if any(themas.get(name) for name in FAIR_CONTRIBUTION_INDICATORS):
        stock = q.stock_per_association(url, peildatum)  # one scan for every theme combination
        for name in FAIR_CONTRIBUTION_INDICATORS:
            for combo in themas.get(name, set()):
                out[(name, combo)] = investment_values(url, peildatum, combo, universe.names, stock)
    simple: dict[str, Callable[[set[str]], Values]] = {
        "vhf_toegekend": lambda k: vhf_values(url, peildatum, k, universe.names),
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


def _with_replacements(needed: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """The indicators to compute: those asked for, a retired one's replacement in its place (a stored
    agreement version may still name a retired indicator, ``Indicator.vervangen_door``)."""
    out: dict[str, set[str]] = defaultdict(set)
    for name, kinds in needed.items():
        out[INDICATOREN[name].vervangen_door or name] |= kinds
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
    universe: Universe,
    eerdere: Sequence[Measurement],
    top_n: int,
) -> Beoordeling:
    ind = INDICATOREN[toezegging.indicator]
    doel, deadline = target_on(toezegging.doel, toezegging.deadline, peildatum)
    bewijs_rijen = list(value.bewijs) if value is not None else []
    zinnen: list[str] = []
    if (
        toezegging.indicator in FAIR_CONTRIBUTION_INDICATORS
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
        rondes=value.extra.get("rondes", ()) if value is not None else (),
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
        vergelijking=ev.vergelijking,
        bewijs=Bewijs(
            tuple(bewijs_rijen[:top_n]),
            len(bewijs_rijen),
            dict(value.kerngetallen) if value is not None else {},
        ),
    )


def _fair_target(doel: float, corporatie: str, value: Waarde, universe: Universe) -> tuple[float, str]:
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

    Agreements come from ``agreements``, else the files in ``agreements_dir`` (to try drafts), else
    the current version of every stored agreement (the records); an agreement that starts after the
    peildatum is skipped. Only measured commitments are evaluated: a qualitative one has its status
    derived when read (``services.agreements.qualitative_state``). With ``opslaan`` the run is
    appended to the history and ``run_id`` is set. Raises :class:`ScopeError` for an unknown scope.
    """
    gestart = datetime.now().replace(microsecond=0)
    universe = load_universe(url, peildatum)
    if scope is not None:
        check_scope(scope, universe)
    if agreements is not None:
        loaded = list(agreements)
    elif agreements_dir is not None:
        loaded = load_agreements(agreements_dir)
    else:
        loaded = current_agreements(url)
    plan: list[tuple[Agreement, Commitment, Scope]] = []
    needed: dict[str, set[str]] = defaultdict(set)
    themas: dict[str, set[tuple[InvesteringThema, ...]]] = defaultdict(set)
    for agreement in loaded:
        if agreement.periode.start > peildatum:
            continue
        for toezegging in agreement.toezeggingen:
            for s in scopes_for(agreement, toezegging, universe, scope):
                plan.append((agreement, toezegging, s))
                needed[toezegging.indicator].add(s.soort.value)
                if toezegging.indicator in FAIR_CONTRIBUTION_INDICATORS:
                    themas[toezegging.indicator].add(tuple(themes_for(toezegging)))
    computed: dict[tuple[str, tuple[InvesteringThema, ...]], Values] = {}
    if plan:
        with q.shared_connection(url):  # the dwelling stock is aggregated once for all indicators
            computed = _compute(url, peildatum, _with_replacements(needed), themas, universe)
        for name in needed:
            vervanger = INDICATOREN[name].vervangen_door
            if vervanger:
                computed[(name, ())] = computed.get((vervanger, ()), {})
    earlier = _earlier(url, peildatum) if plan else {}
    results: list[Beoordeling] = []
    for agreement, toezegging, s in plan:
        combo = tuple(themes_for(toezegging)) if toezegging.indicator in FAIR_CONTRIBUTION_INDICATORS else ()
        values = computed.get((toezegging.indicator, combo), {})
        for variant in variants_for(toezegging) or ("",):
            if toezegging.indicator in FAIR_CONTRIBUTION_INDICATORS and agreement.gemeente is not None:
                value = local_investment(agreement, s, values)
            else:
                value = values.get((s.soort.value, s.code, variant))
            eerdere = earlier.get((toezegging.id, s.soort.value, s.code, variant), [])
            results.append(
                _judge(agreement, toezegging, s, variant, value, peildatum, universe, eerdere, top_n)
            )
    results.sort(key=verdict_order)
    data_versie = q.data_version(url)
    run_id = None
    if opslaan:
        run_id = q.append_run(
            url,
            peildatum,
            data_versie,
            None if scope is None else str(scope),
            [as_row(b) for b in results],
            gestart_op=gestart,
        )
    return MonitorRun(run_id, peildatum, data_versie, scope, tuple(results), gestart)
