"""Page sections fed by feature services that are built alongside the pages (monitor, liveability, homes).

Each function returns ``None`` when its service is not available yet, so the template shows the
section with a "nog niet beschikbaar" note instead of failing. A feature's service decides what the
numbers are; these helpers only pick the call and shape nothing.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import Any

from leefbaar.services.areas import database_url

log = logging.getLogger(__name__)


def _service(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"leefbaar.services.{name}")
    except ImportError:
        return None


def monitor_beschikbaar() -> bool:
    return _service("monitor") is not None


def monitor_run(scope_text: str) -> dict[str, Any] | None:
    """The newest stored verdicts for a scope: ``{"run": MonitorRun | None, "scope": str}``; None without a monitor."""
    monitor = _service("monitor")
    if monitor is None:
        return None
    scope = monitor.parse_scope(scope_text)
    return {"run": monitor.latest_evaluation(database_url(), scope), "scope": str(scope)}


def leefbaarheid(buurtcode: str, indelingsjaar: int) -> dict[str, Any] | None:
    """The liveability index of a buurt, split into objective and subjective dimensions, with its trend.

    None while the liveability service has no read function for one area.
    """
    service = _service("liveability")
    reader = getattr(service, "area_report", None) if service is not None else None
    if reader is None:
        return None
    return dict(reader(database_url(), buurtcode, indelingsjaar=indelingsjaar))


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
    return None


def afspraak(toezegging_id: str, scope_text: str, variant: str | None) -> dict[str, Any] | None:
    """One commitment for one scope: the newest verdict, its status history and its evidence rows.

    None without a monitor; ``{"beoordeling": None}`` when no stored run has this commitment.
    """
    monitor = _service("monitor")
    if monitor is None:
        return None
    url = database_url()
    scope = monitor.parse_scope(scope_text)
    run = monitor.latest_evaluation(url, scope)
    matches = [
        b
        for b in (run.beoordelingen if run else ())
        if b.toezegging_id == toezegging_id and (variant is None or b.variant == variant)
    ]
    if not matches:
        return {"beoordeling": None, "scope": str(scope)}
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
        "varianten": [m.variant for m in matches] if variant is None else [],
        "historie": list(by_date.values()),
        "bewijs": rows,
        "bewijs_overig": b.bewijs.overig,
    }
