"""The background worker: one thread per server process that runs the queued re-evaluations.

Started from the application's lifespan (``leefbaar.app``) when the setting ``herberekening`` is on,
stopped on shutdown. It sleeps on an event: a job queued in this process wakes it at once (the
``on_enqueue`` hook of :mod:`.queue`); otherwise it looks every ``herberekening_interval_seconden``
for jobs that other processes or the command line queued. The work itself (evaluations, index
runs) happens in this thread, never on the event loop. Several processes on PostgreSQL each run a
worker; ``SKIP LOCKED`` gives each job to exactly one of them.
"""

from __future__ import annotations

import logging
import threading

from leefbaar.services.jobs import queue

log = logging.getLogger(__name__)

_workers: dict[str, Worker] = {}
_guard = threading.Lock()


class Worker(threading.Thread):
    """Runs due jobs of one database until stopped."""

    def __init__(self, url: str, interval: float) -> None:
        super().__init__(name="leefbaar-herberekening", daemon=True)
        self.url = url
        self.interval = interval
        self._woken = threading.Event()
        self._stopping = threading.Event()

    def wake(self) -> None:
        """Look at the queue now (a job was queued in this process)."""
        self._woken.set()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Finish the job at hand, then stop (a job still running after ``timeout`` is left to be
        taken back as abandoned; the thread is a daemon and does not keep the process alive)."""
        self._stopping.set()
        self._woken.set()
        self.join(timeout)

    def run(self) -> None:
        failing = False
        while not self._stopping.is_set():
            self._woken.clear()
            try:
                queue.run_pending(self.url, should_stop=self._stopping.is_set)
                queue.report_metrics(self.url)
            except Exception as exc:  # a database that cannot be reached (yet): try again at the next turn
                if not failing:  # once, not every few seconds
                    log.exception("De herberekeningen konden niet worden uitgevoerd; volgende poging straks.")
                else:
                    log.debug("De herberekeningen kunnen nog niet worden uitgevoerd: %s", exc)
                failing = True
            else:
                if failing:
                    log.info("De herberekeningen worden weer uitgevoerd.")
                failing = False
            self._woken.wait(self.interval)


def _wake(url: str) -> None:
    worker = _workers.get(url)
    if worker is not None:
        worker.wake()


def start(url: str, interval: float) -> Worker:
    """Start the worker for ``url`` in this process (once; a running one is returned)."""
    with _guard:
        found = _workers.get(url)
        if found is not None and found.is_alive():
            return found
        worker = Worker(url, interval)
        _workers[url] = worker
        if _wake not in queue.on_enqueue:
            queue.on_enqueue.append(_wake)
        worker.start()
        return worker


def stop(url: str, timeout: float | None = 30.0) -> None:
    """Stop the worker for ``url`` (nothing when none runs)."""
    with _guard:
        worker = _workers.pop(url, None)
    if worker is not None:
        worker.stop(timeout)


def running(url: str) -> Worker | None:
    """The worker of ``url`` in this process, if one runs."""
    found = _workers.get(url)
    return found if found is not None and found.is_alive() else None
