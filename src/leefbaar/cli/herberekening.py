"""``leefbaar herberekening``: the queue of background re-evaluations, listed or run now."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, console, database_url, fail
from leefbaar.services import jobs
from leefbaar.services.database import SchemaOutdated, ensure_schema

app = typer.Typer(help="De wachtrij van herberekeningen na elke wijziging: bekijken of nu uitvoeren.")

_KLEUR = {"wachtend": "cyan", "bezig": "yellow", "klaar": "green", "mislukt": "red"}
_STATUSSEN = tuple(_KLEUR)


def _tijd(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M:%S")


def _url(database: str | None) -> str:
    url = database_url(database)
    try:
        ensure_schema(url)
    except SchemaOutdated as exc:
        fail(str(exc))
    return url


@app.command("lijst")
def lijst_command(
    aantal: int = typer.Option(30, "--aantal", min=1, max=1000, help="Hoeveel opdrachten (nieuwste eerst)."),
    status: str | None = typer.Option(
        None, "--status", help="Alleen opdrachten met deze status: wachtend, bezig, klaar of mislukt."
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Toon de nieuwste herberekeningen met hun status."""
    if status is not None and status not in _STATUSSEN:
        fail(f"Onbekende status '{status}': kies uit {', '.join(_STATUSSEN)}.", code=2)
    url = _url(database)
    found = jobs.recent_jobs(url, aantal, status)
    if not found:
        console.print("Er zijn geen herberekeningen" + (f" met status {status}." if status else "."))
        return
    table = Table(title="Herberekeningen (nieuwste eerst)", title_justify="left")
    for kolom in (
        "id",
        "soort",
        "scope",
        "status",
        "pogingen",
        "aangevraagd",
        "door",
        "uitgevoerd door",
        "klaar",
        "run",
        "reden / fout",
    ):
        table.add_column(kolom, overflow="fold")
    for job in found:
        table.add_row(*_row(job))
    console.print(table)
    console.print(f"[dim]{jobs.waiting(url)} wachtend.[/dim]")


def _row(job: dict[str, Any]) -> list[str]:
    kleur = _KLEUR.get(str(job["status"]), "white")
    scope = str(job["scope"]) + (f" {job['jaar']}" if job["jaar"] is not None else "")
    toelichting = escape(str(job["reden"]))
    if job["fout"]:
        toelichting += f"\n[red]{escape(str(job['fout']))}[/red]"
    return [
        str(job["opdracht_id"]),
        str(job["soort"]),
        escape(scope),
        f"[{kleur}]{job['status']}[/{kleur}]",
        str(job["pogingen"]),
        _tijd(job["aangevraagd_op"]),
        escape(str(job["aangevraagd_door"])),
        escape(str(job["uitgevoerd_door"] or "")),
        _tijd(job["klaar_op"]),
        "" if job["run_id"] is None else str(job["run_id"]),
        toelichting,
    ]


@app.command("uitvoeren")
def uitvoeren_command(
    database: str | None = DatabaseOption,
) -> None:
    """Voer alle wachtende herberekeningen nu uit (ook die op een nieuwe poging wachten)."""
    url = _url(database)
    jobs.make_all_due(url)
    total = jobs.waiting(url)
    if not total:
        console.print("Er wachten geen herberekeningen.")
        return
    results: list[jobs.Uitkomst] = []
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:.0f} van {task.total:.0f}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Starten", total=total)

        def started(job: dict[str, Any]) -> None:
            what = f"{job['soort']} {job['scope']}" + (f" {job['jaar']}" if job["jaar"] is not None else "")
            bar.update(task, description=f"Bezig: {what}")

        def done(outcome: jobs.Uitkomst) -> None:
            results.append(outcome)
            bar.update(task, completed=len(results), total=max(total, len(results)))

        jobs.run_pending(url, on_start=started, on_done=done)
    for r in results:
        what = f"{r.soort} {r.scope}" + (f" {r.jaar}" if r.jaar is not None else "")
        if r.status == "klaar":
            console.print(f"[green]Klaar:[/green] {escape(what)} (run {r.run_id}, {r.seconden:.1f} s).")
        else:
            opnieuw = "wordt opnieuw geprobeerd" if r.status == "wachtend" else "mislukt"
            console.print(f"[red]Mislukt ({opnieuw}):[/red] {escape(what)}: {escape(r.fout or '')}")
    if any(r.status != "klaar" for r in results):
        raise typer.Exit(code=1)
