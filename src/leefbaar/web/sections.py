"""Page sections fed by the feature services (monitor, liveability, homes), kept per data version.

A feature's service decides what the numbers are; these helpers only pick the call, turn the
service's Dutch refusals into notes on the page, and shape nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from leefbaar.services import cache, homes, investments, jobs, liveability, monitor, restructuring
from leefbaar.services.areas import database_url, prepare

log = logging.getLogger(__name__)


def _cached(name: str, args: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """Reuse a section per database, data version and arguments (sections are expensive on national
    data and the same for every visitor). Stored monitor and index runs are part of the data
    version, so a new run shows at once. One request builds a missing section, the others wait."""
    url = database_url()
    prepare(url)
    return cache.memo(f"sections.{name}", url, args, build)


def monitor_run(scope_text: str) -> dict[str, Any]:
    """The newest stored verdicts for a scope: ``{"run": MonitorRun | None, "scope": str}``."""
    return _cached("monitor_run", (scope_text,), lambda: _monitor_run(scope_text))  # type: ignore[no-any-return]


def _monitor_run(scope_text: str) -> dict[str, Any]:
    url = database_url()
    scope = monitor.parse_scope(scope_text)
    run = monitor.latest_evaluation(url, scope)
    # The country also answers for the commitments that hold per municipality: their counts per status.
    per_gemeente = monitor.national_gaps(url, run) if scope == monitor.NATIONAAL else []
    return {
        "run": run,
        "scope": str(scope),
        "per_gemeente": per_gemeente,
        "herberekening": jobs.scope_state(url, str(scope)),
    }


def herberekening(scope_text: str) -> jobs.Stand | None:
    """Whether the verdicts of a scope are being computed again, or that failed (the queue is part of
    the data version, so this is kept like the verdicts themselves)."""
    return _cached("herberekening", (scope_text,), lambda: jobs.scope_state(database_url(), scope_text))  # type: ignore[no-any-return]


def geld_en_resultaat(soort: str, code: str) -> investments.Overzicht:
    """Money and outcomes per theme of a gemeente or corporatie (services.investments)."""
    overview = investments.gemeente if soort == "gemeente" else investments.corporatie
    return _cached("geld_en_resultaat", (soort, code), lambda: overview(database_url(), code))  # type: ignore[no-any-return]


def herstructurering(gemeentecode: str) -> list[restructuring.Plan]:
    """The restructuring plans of a municipality (services.restructuring)."""
    plans: list[restructuring.Plan] = _cached(
        "herstructurering", (gemeentecode,), lambda: restructuring.gemeente(database_url(), gemeentecode)
    )
    return plans


def status_kaart() -> Any:
    """The newest status per municipality of the commitments judged for all of them (the national
    map's status colouring); None without a stored run."""
    return _cached("status_kaart", (), _status_kaart)


def _status_kaart() -> Any:
    return monitor.status_map(database_url())


def r1_complexen(corporatie_id: str) -> dict[str, Any]:
    """An association's complexes in condition 5/6 under each R1 rule, on today's date."""
    vandaag = date.today()
    args = (corporatie_id, vandaag)
    return _cached("r1_complexen", args, lambda: monitor.r1_complexen(database_url(), corporatie_id, vandaag))  # type: ignore[no-any-return]


def verbeterscenario(
    corporatie_id: str, budget: int | None, jaren: int | None, kosten_per_woning: int, regel: str | None
) -> monitor.Verbeterscenario | None:
    """An association's improvement scenario from today's date; :class:`monitor.ScenarioFout` for bad
    input (kept per data version and input, like the other sections)."""
    vandaag = date.today()
    args = (corporatie_id, budget, jaren, kosten_per_woning, regel, vandaag)
    found: monitor.Verbeterscenario | None = _cached(
        "verbeterscenario",
        args,
        lambda: monitor.improvement_scenario(
            database_url(),
            corporatie_id,
            budget_per_jaar=budget,
            jaren=jaren,
            kosten_per_woning=kosten_per_woning,
            regel=regel,
            peildatum=vandaag,
        ),
    )
    return found


def _bewijs_url(row: dict[str, Any]) -> str | None:
    soort, code = row.get("soort"), str(row.get("code") or "")
    if soort == "complex" and "/" in code:
        return "/complexen/" + code.replace("/", "-", 1)
    if soort == "gemeente":
        return f"/gemeenten/{code}"
    if soort == "corporatie":
        return f"/corporaties/{code}"
    if soort == "buurt":
        return f"/buurten/{code}"
    if soort == "vhf_bijdrage" and row.get("gemeentecode"):
        return f"/gemeenten/{row['gemeentecode']}#volkshuisvestingsfonds"
    if soort == "buurtkamer" and row.get("buurtcode"):
        return f"/buurten/{row['buurtcode']}#buurtkamers"  # the Buurtkamers section of its buurt page
    return None


def afspraak(toezegging_id: str, scope_text: str, variant: str | None) -> dict[str, Any]:
    """One commitment for one scope: the newest verdict, its status history and its evidence rows.

    ``{"beoordeling": None}`` when no stored run has this commitment.
    """
    args = (toezegging_id, scope_text, variant)
    return _cached("afspraak", args, lambda: _afspraak(*args))  # type: ignore[no-any-return]


def _afspraak(toezegging_id: str, scope_text: str, variant: str | None) -> dict[str, Any]:
    url = database_url()
    scope = monitor.parse_scope(scope_text)
    run = monitor.latest_evaluation(url, scope)
    matches = [
        b
        for b in (run.beoordelingen if run else ())
        if b.toezegging_id == toezegging_id and (variant is None or b.variant == variant)
    ]
    if not matches:
        # a commitment that holds per municipality has no national verdict: its list of municipalities
        per_gemeente = (
            monitor.per_gemeente(url, toezegging_id, variant or "") if scope == monitor.NATIONAAL else None
        )
        return {
            "beoordeling": None,
            "scope": str(scope),
            "per_gemeente": per_gemeente,
            "herberekening": jobs.scope_state(url, str(scope)),
        }
    b = matches[0]
    history = monitor.status_history(url, toezegging_id, scope, b.variant)
    by_date: dict[str, Any] = {}
    for point in history:
        by_date[point.peildatum.isoformat()] = point  # the newest run per reference date wins
    rows = [{**r, "url": _bewijs_url(r)} for r in b.bewijs.rijen]
    return {
        "beoordeling": b,
        "scope": str(scope),
        "run": run,
        "herberekening": jobs.scope_state(url, str(scope)),
        "varianten": [m.variant for m in matches] if variant is None else [],
        "historie": list(by_date.values()),
        "bewijs": rows,
        "bewijs_overig": b.bewijs.overig,
        "buurtkamers_url": _buurtkamers_url(b.requirement, scope),
    }


def _buurtkamers_url(requirement: str, scope: monitor.Scope) -> str | None:
    """An R5 verdict (buurtkamers and social cohesion) of a municipality points to the Buurtkamers
    section of its page: where the buurtkamers behind it are, open or closed, with costs and reach."""
    if requirement == "R5" and scope.soort.value == "gemeente":
        return f"/gemeenten/{scope.code}#buurtkamers"
    return None


def thuis(gemeentecode: str, provinciecode: str | None) -> dict[str, Any]:
    """A home for everyone for one municipality: the 30% table, fair share of priority groups (in its
    province, the latest allocation year) and the instruments (``homes.gemeente_overzicht``, which the
    reports use too)."""
    args = (gemeentecode, provinciecode)
    return _cached(  # type: ignore[no-any-return]
        "thuis", args, lambda: homes.gemeente_overzicht(database_url(), gemeentecode, provinciecode)
    )


def leefbaarheid(buurtcode: str, indelingsjaar: int) -> dict[str, Any]:
    """The liveability index of a buurt: objective and subjective dimensions apart, the main
    contributions in Dutch, and the trend over the computed years."""
    args = (buurtcode, indelingsjaar)
    return _cached("leefbaarheid", args, lambda: _leefbaarheid(*args))  # type: ignore[no-any-return]


def _leefbaarheid(buurtcode: str, indelingsjaar: int) -> dict[str, Any]:
    url = database_url()
    try:
        toelichting = liveability.explanation(url, buurtcode)
        reeks = liveability.trend(url, buurtcode)
    except ValueError as exc:  # IndexFout: no index computed, or the buurt is not in it (Dutch)
        return {"score": None, "melding": f"Geen leefbaarheidsscore: {exc}."}
    score = toelichting.score
    if score.onderdrukt:
        return {"score": None, "melding": f"Geen leefbaarheidsscore: {score.reden or 'te weinig inwoners'}."}

    def groep(titel: str, delen: Any) -> dict[str, Any]:
        return {
            "titel": titel,
            "dimensies": [
                {"naam": d.naam, "score": d.score, "klasse": d.klasse} for d in delen if d.score is not None
            ],
        }

    totaal = next((d for d in score.objectief if d.onderdeel == "totaal"), None)
    trend = [(g.jaar, next((d.score for d in g.objectief if d.onderdeel == "totaal"), None)) for g in reeks]
    return {
        "score": totaal.score if totaal else None,
        "klasse": totaal.klasse if totaal else None,
        "jaar": score.jaar,
        "groepen": [
            groep("Objectief: gemeten (registraties)", score.objectief),
            groep("Subjectief: ervaren (enquêtes)", score.subjectief),
        ],
        "bijdragen": [b.zin for b in (toelichting.objectief + toelichting.subjectief)[:5]],
        "trend": trend,
    }
