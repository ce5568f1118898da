"""The monitor's history read back: stored runs, the newest verdicts of a scope, a commitment's status
over time (the trend chart), the evidence of one verdict (the drill-down) and the status map of all
municipalities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from leefbaar.domain.agreements import ScopeSoort, Status
from leefbaar.services.monitor.scopes import Scope, load_universe, parse_scope
from leefbaar.services.monitor.verdicts import Bewijs, MonitorRun, from_row, verdict_order
from leefbaar.storage import monitor_queries as q


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


def list_runs(url: str, scope: Scope | None = None) -> list[dict[str, Any]]:
    """Stored runs, newest first (run_id, peildatum, data_versie, gestart_op, scope, aantal)."""
    return q.runs(url, None if scope is None else f"{scope.soort.value}:{scope.code}")


def latest_evaluation(url: str, scope: Scope, peildatum: date | None = None) -> MonitorRun | None:
    """The verdicts for ``scope`` from the newest stored run that covers it; None when there is none.

    With ``peildatum``: the run with the latest reference date on or before it (the newest such run).
    """
    found = q.runs(url, f"{scope.soort.value}:{scope.code}")
    if peildatum is not None:
        found = sorted(
            (r for r in found if r["peildatum"] <= peildatum),
            key=lambda r: (r["peildatum"], int(r["run_id"])),
            reverse=True,
        )
    if not found:
        return None
    run = found[0]
    rows = q.evaluations(url, int(run["run_id"]), scope.soort.value, scope.code)
    stored_scope = parse_scope(run["scope"]) if run["scope"] else None
    naam = load_universe(url, run["peildatum"]).name(scope)
    return MonitorRun(
        int(run["run_id"]),
        run["peildatum"],
        run["data_versie"],
        stored_scope,
        tuple(sorted((from_row(r, naam) for r in rows), key=verdict_order)),
        run["gestart_op"],
    )


def newest_full_evaluation(url: str) -> MonitorRun | None:
    """Every verdict of the newest run over all scopes (the newest run when none covered all), each
    named by its scope; None before the first run. The open-data set of verdicts."""
    found = q.runs(url)
    if not found:
        return None
    run = next((r for r in found if not r["scope"]), found[0])
    universe = load_universe(url, run["peildatum"])
    verdicts = []
    for r in q.evaluations(url, int(run["run_id"])):
        scope = Scope(ScopeSoort(r["scope_soort"]), r["scope_code"])
        verdicts.append(from_row(r, universe.name(scope)))
    return MonitorRun(
        int(run["run_id"]),
        run["peildatum"],
        run["data_versie"],
        parse_scope(run["scope"]) if run["scope"] else None,
        tuple(sorted(verdicts, key=verdict_order)),
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
    return None if row is None else from_row(row).bewijs


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
