"""Commitments that hold per municipality, summarised for the country.

A national commitment such as "Gemeenten onder 30% sociale huur groeien naar 30%" (R10) is judged per
municipality: there is no national figure to hold against 30%. The national level therefore shows
how many municipalities have each status, and the list of municipalities with their verdicts, from
the run the national map shows (``storage.monitor_queries.municipality_verdicts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from leefbaar.domain.agreements import ScopeSoort, Status
from leefbaar.services.monitor.scopes import Scope, load_universe
from leefbaar.services.monitor.verdicts import Beoordeling, MonitorRun, from_row
from leefbaar.storage import monitor_queries as q

#: The order of the list: the municipalities that need attention first.
_AANDACHT = (Status.NIET_GEHAALD, Status.RISICO, Status.OP_KOERS, Status.GEEN_GEGEVENS, Status.GEHAALD)


@dataclass(frozen=True)
class PerGemeente:
    """One commitment's verdicts for every municipality it was judged for, in one run."""

    toezegging_id: str
    variant: str
    titel: str
    afspraak_id: str
    run_id: int
    peildatum: date
    #: Per municipality, the ones that need attention first (status, then the value, lowest first).
    beoordelingen: tuple[Beoordeling, ...]

    @property
    def aantal(self) -> int:
        return len(self.beoordelingen)

    @property
    def telling(self) -> dict[Status, int]:
        """How many municipalities have each status, in the order of Status (zeros included)."""
        return {s: sum(1 for b in self.beoordelingen if b.status is s) for s in Status}

    @property
    def telling_tekst(self) -> str:
        """E.g. "77 gehaald, 32 op koers, 233 risico (342 gemeenten)"; statuses nobody has are left out."""
        delen = [f"{n} {s.value}" for s, n in self.telling.items() if n]
        return f"{', '.join(delen)} ({self.aantal} gemeenten)"

    @property
    def doel_tekst(self) -> str:
        """The target every municipality is held to ("per gemeente ten minste 30,0%"), or "per gemeente
        verschillend" when the targets differ."""
        doelen = {b.doel_tekst for b in self.beoordelingen}
        return f"per gemeente {doelen.pop()}" if len(doelen) == 1 else "per gemeente verschillend"


def per_gemeente(url: str, toezegging_id: str, variant: str = "") -> PerGemeente | None:
    """The verdicts of a commitment for every municipality from the map's run; None without such a run
    or when the commitment was judged for fewer than two municipalities there."""
    rows = q.municipality_verdicts(url, toezegging_id, variant)
    if len(rows) < 2:
        return None
    peildatum = rows[0]["peildatum"]
    universe = load_universe(url, peildatum)
    beoordelingen = [from_row(r, universe.name(Scope(ScopeSoort.GEMEENTE, r["scope_code"]))) for r in rows]
    beoordelingen.sort(
        key=lambda b: (_AANDACHT.index(b.status), b.waarde if b.waarde is not None else 0.0, b.scope_naam)
    )
    eerste = rows[0]
    return PerGemeente(
        toezegging_id,
        variant,
        eerste["titel"],
        eerste["afspraak_id"],
        int(eerste["run_id"]),
        peildatum,
        tuple(beoordelingen),
    )


def national_gaps(url: str, national: MonitorRun | None) -> list[PerGemeente]:
    """The national agreements' commitments the map shows per municipality that have no verdict in the
    national run: for the national table, a summary over the municipalities in their place."""
    kaart = q.municipality_statuses(url)
    landelijk = {(b.toezegging_id, b.variant) for b in (national.beoordelingen if national else ())}
    seen: list[tuple[str, str]] = []
    for r in kaart:
        key = (r["toezegging_id"], r["variant"])
        # national agreements are named so (verdicts.verdict_order sorts by it too)
        if str(r["afspraak_id"]).startswith("nationaal") and key not in landelijk and key not in seen:
            seen.append(key)
    found = (per_gemeente(url, toezegging_id, variant) for toezegging_id, variant in seen)
    return [p for p in found if p is not None]
