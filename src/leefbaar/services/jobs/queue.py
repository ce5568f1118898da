"""What is re-evaluated after a write, how a job is run, retried and shown.

After a committed write the service that wrote calls :func:`enqueue_after_write` (or
:func:`after_import`, :func:`after_agreement`). It queues

- the writer's own scope (``corporatie:L0001``, ``gemeente:GM0363``, ``provincie:PV27``) at high
  priority: a scoped evaluation takes a fraction of a second, so one edit shows within seconds;
- a full re-evaluation (``alles``) at low priority: the national and every other verdict the write
  may change (a municipality's share of an association's stock, the national sums). Identical
  waiting jobs coalesce, so a burst of writes costs one full run;
- for the liveability index's inputs (imports of kinds ``gebiedsindicatoren`` and ``gebieden``) an
  ``index`` job per affected year.

:func:`run_pending` claims and runs jobs until none is due (the worker thread and
``leefbaar herberekening uitvoeren``). A monitor job is ``services.monitor.run_evaluation`` on today's
date for its scope, stored; an index job is ``services.liveability.compute`` for its year (what
``leefbaar index compute --year`` does). A failed attempt is retried after :data:`BACKOFF`; after
:data:`MAX_POGINGEN` failed attempts the job is ``mislukt`` and stays visible on the pages
(:func:`scope_state`) and in ``leefbaar herberekening lijst``.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from leefbaar.config import get_settings
from leefbaar.domain.parties import PartijSoort, soort_van_id
from leefbaar.rules.model import AfspraakSoort, Agreement
from leefbaar.storage import job_queries as q
from leefbaar.storage import liveability_inputs

log = logging.getLogger(__name__)

#: Job kinds.
MONITOR = "monitor"
INDEX = "index"
#: The scope of a full run (every commitment for every scope).
ALLES = "alles"

#: A writer's own scope goes first; the full run and the index after it.
PRIORITEIT_EIGEN = 10
PRIORITEIT_ALLES = 0

#: Failed attempts after which a job is ``mislukt``.
MAX_POGINGEN = 3
#: Wait before attempt 2 and 3 (after 1 and 2 failures).
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2))

#: Import kinds (the kind a file lands in) whose rows feed the liveability index.
INDEX_KINDS = frozenset({"gebiedsindicatoren", "gebieden"})

#: The scope kinds a party can have verdicts for.
_SCOPED = {PartijSoort.CORPORATIE, PartijSoort.GEMEENTE, PartijSoort.PROVINCIE}

#: Called after every new job in this process (the worker wakes at once).
on_enqueue: list[Callable[[str], None]] = []


def _process() -> str:
    """Who runs a claimed job: this host and process (``leefbaar herberekening lijst`` shows it)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def own_scope(organisatie: str | None) -> str | None:
    """The monitor scope of a party (``corporatie:L0001``), None for a party without verdicts."""
    soort = soort_van_id(organisatie or "")
    if soort not in _SCOPED:
        return None
    assert soort is not None and organisatie is not None
    return f"{soort.value}:{organisatie}"


def enqueue_after_write(
    url: str,
    *,
    scopes: Iterable[str] = (),
    kind: str | None = None,
    jaren: Sequence[int] = (),
    door: str,
    reden: str,
    now: datetime | None = None,
) -> list[int]:
    """Queue the re-evaluations a committed write needs; returns the ids of the jobs that are new.

    ``scopes``: the writer's own scopes first (``corporatie:L0001`` ...), each queued at high priority,
    then one full run (``alles``) at low priority. ``kind``: the import kind written; for a kind that
    feeds the liveability index, an index job per year in ``jaren`` (none given: the newest year
    with data). Never raises: the write has landed, and a queue that cannot be reached must not
    turn it into an error (it is logged; the next write or ``leefbaar monitor`` catches up).
    """
    moment = now or _now()
    try:
        return _enqueue(url, list(dict.fromkeys(scopes)), kind, jaren, door, reden, moment)
    except Exception:
        log.exception("Herberekening na '%s' kon niet worden ingepland.", reden)
        return []


def _enqueue(
    url: str,
    scopes: list[str],
    kind: str | None,
    jaren: Sequence[int],
    door: str,
    reden: str,
    now: datetime,
) -> list[int]:
    planned: list[tuple[str, str, int | None, int]] = [
        (MONITOR, s, None, PRIORITEIT_EIGEN) for s in scopes if s != ALLES
    ]
    planned.append((MONITOR, ALLES, None, PRIORITEIT_ALLES))
    if kind in INDEX_KINDS:
        years = list(jaren) or liveability_inputs.data_years(url)[-1:]
        planned += [(INDEX, ALLES, y, PRIORITEIT_ALLES) for y in years]
    new: list[int] = []
    for soort, scope, jaar, prioriteit in planned:
        opdracht_id, added = q.enqueue(
            url,
            soort=soort,
            scope=scope,
            jaar=jaar,
            prioriteit=prioriteit,
            reden=reden,
            door=door,
            now=now,
        )
        if added:
            new.append(opdracht_id)
    if new:
        for wake in on_enqueue:
            wake(url)
    return new


def after_import(
    url: str,
    kind: str,
    import_id: int | None,
    organisatie: str | None,
    door: str,
    reden: str,
) -> list[int]:
    """Queue what an import (a file, or one record) needs: the importer's own scope, the full run,
    and for index inputs the index of the years the import brought."""
    jaren: list[int] = []
    if kind == "gebiedsindicatoren" and import_id is not None:
        try:
            jaren = liveability_inputs.years_of_import(url, import_id)
        except Exception:
            log.exception("Jaren van import %s konden niet worden gelezen.", import_id)
    scope = own_scope(organisatie)
    return enqueue_after_write(
        url, scopes=[scope] if scope else [], kind=kind, jaren=jaren, door=door, reden=reden
    )


def agreement_scopes(agreement: Agreement) -> list[str]:
    """The scopes a local agreement's verdicts are about: its municipality, then its associations
    (a national agreement's are every scope: the full run covers them)."""
    if agreement.soort is not AfspraakSoort.LOKAAL or agreement.gemeente is None:
        return []
    found = [f"gemeente:{agreement.gemeente.code}"]
    found += [f"corporatie:{p.id}" for p in agreement.partijen if p.soort is PartijSoort.CORPORATIE]
    return found


def after_agreement(url: str, agreement: Agreement, door: str, reden: str) -> list[int]:
    """Queue what a new agreement version, status report or reaction needs: the agreement's scopes
    and the full run."""
    return enqueue_after_write(url, scopes=agreement_scopes(agreement), door=door, reden=reden)


# --- running ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Uitkomst:
    """What one attempt of one job gave."""

    opdracht_id: int
    soort: str
    scope: str
    jaar: int | None
    status: str  # klaar, wachtend (to be retried) or mislukt
    run_id: int | None
    seconden: float
    fout: str | None = None


def retry_at(pogingen_na: int, now: datetime) -> datetime | None:
    """When a job that has failed ``pogingen_na`` times is tried again; None: it is ``mislukt``."""
    if pogingen_na >= MAX_POGINGEN:
        return None
    return now + BACKOFF[min(pogingen_na, len(BACKOFF)) - 1]


def run_job(url: str, job: dict[str, Any], today: date) -> int | None:
    """Run one claimed job; returns the id of the run it appended. Raises on failure."""
    if job["soort"] == MONITOR:
        from leefbaar.services import monitor

        scope = None if job["scope"] == ALLES else monitor.parse_scope(job["scope"])
        run = monitor.run_evaluation(url, today, scope, opslaan=True)
        return run.run_id
    if job["soort"] == INDEX:
        from leefbaar.services import liveability

        jaar = int(job["jaar"]) if job["jaar"] is not None else liveability.newest_data_year(url)
        return liveability.compute(url, jaar, gebruiker=str(job["aangevraagd_door"])).run_id
    raise ValueError(f"onbekende soort herberekening '{job['soort']}'")


def _fout(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:1].upper() + text[1:]


def run_pending(
    url: str,
    *,
    today: Callable[[], date] = date.today,
    clock: Callable[[], datetime] = _now,
    limit: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_start: Callable[[dict[str, Any]], None] | None = None,
    on_done: Callable[[Uitkomst], None] | None = None,
) -> list[Uitkomst]:
    """Take back abandoned jobs, then claim and run jobs until none is due (or ``limit`` ran).

    ``today``: the peildatum of monitor jobs (injectable for tests); ``clock``: now. A job that
    fails here waits for its retry, so one call tries each job at most once.
    """
    minuten = get_settings().herberekening_timeout_minuten
    moment = clock()
    q.reclaim_stale(
        url,
        moment - timedelta(minutes=minuten),
        moment,
        f"Onderbroken: na {minuten} minuten niet klaar (het proces is waarschijnlijk gestopt)",
        MAX_POGINGEN,
    )
    done: list[Uitkomst] = []
    while (limit is None or len(done) < limit) and not should_stop():
        job = q.claim(url, clock(), _process())
        if job is None:
            break
        if on_start is not None:
            on_start(job)
        begin = datetime.now()
        try:
            run_id = run_job(url, job, today())
        except Exception as exc:
            log.exception("Herberekening %s (%s %s) mislukt.", job["opdracht_id"], job["soort"], job["scope"])
            fout = _fout(exc)
            pogingen = int(job["pogingen"]) + 1
            ended = clock()
            again = retry_at(pogingen, ended)
            q.fail(url, job, fout, ended, again)
            outcome = _outcome(job, "wachtend" if again else "mislukt", None, begin, fout)
        else:
            q.finish(url, job, run_id, clock())
            outcome = _outcome(job, "klaar", run_id, begin)
        done.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return done


def _outcome(
    job: dict[str, Any], status: str, run_id: int | None, begin: datetime, fout: str | None = None
) -> Uitkomst:
    return Uitkomst(
        int(job["opdracht_id"]),
        str(job["soort"]),
        str(job["scope"]),
        None if job["jaar"] is None else int(job["jaar"]),
        status,
        run_id,
        (datetime.now() - begin).total_seconds(),
        fout,
    )


# --- reading ----------------------------------------------------------------------------------------


def recent_jobs(url: str, limit: int = 50, status: str | None = None) -> list[dict[str, Any]]:
    """The newest jobs first (``leefbaar herberekening lijst``)."""
    return q.recent(url, limit, status)


def make_all_due(url: str) -> int:
    """Make every waiting job due now (``leefbaar herberekening uitvoeren``: a retry need not wait)."""
    return q.make_due(url, _now())


def report_metrics(url: str) -> None:
    """The queue's length (waiting or running) and its failed jobs in the Prometheus metrics."""
    from leefbaar.services import metrics

    found = q.count_per_status(url)
    metrics.set_queue(found.get("wachtend", 0) + found.get("bezig", 0), found.get("mislukt", 0))


def waiting(url: str) -> int:
    """How many jobs wait (due or not)."""
    return q.count_waiting(url)


@dataclass(frozen=True)
class Stand:
    """The re-evaluation of one scope's verdicts as a page shows it."""

    #: A job that covers the scope waits or runs.
    loopt: bool
    #: The newest attempt failed: when, why, and whether it will be tried again.
    mislukt_op: datetime | None = None
    fout: str | None = None
    opnieuw: bool = False


def scope_state(url: str, scope: str) -> Stand | None:
    """Whether the verdicts of ``scope`` (``nationaal``, ``gemeente:GM0363`` ...) are being computed
    again, or the newest job that covers them failed: the scope's own jobs and the full runs count.
    None when neither."""
    loopt = False
    failed: dict[str, Any] | None = None
    for job in q.newest_per_scope(url, MONITOR, [scope, ALLES]):
        retrying = job["status"] == "wachtend" and int(job["pogingen"]) > 0
        if job["status"] == "bezig" or (job["status"] == "wachtend" and not retrying):
            loopt = True
        if (job["status"] == "mislukt" or retrying) and failed is None:
            failed = job
    if failed is None:
        return Stand(True) if loopt else None
    return Stand(loopt, failed["gewijzigd_op"], failed["fout"], failed["status"] == "wachtend")
