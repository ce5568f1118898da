"""``leefbaar monitor``: evaluate the agreements for a scope on a reference date, as a table or JSON."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, database_url, fail, note_if_synthetic, with_synthetic_flag
from leefbaar.services import monitor
from leefbaar.services.agreements import AgreementsInvalid

_KLEUR = {
    "gehaald": "green",
    "op koers": "cyan",
    "risico": "yellow",
    "niet gehaald": "red",
    "geen gegevens": "dim",
}

SCOPE_HELP = (
    "Waarover: nationaal, provincie:PV27, gemeente:GM0363, corporatie:L0001, complex:L0001/1043, "
    "of alles (alle toezeggingen voor elke gemeente en corporatie; toont een samenvatting)."
)


#: Added to ``leefbaar`` without a group name (cli/__init__.py): its command is top level.
app = typer.Typer()


@app.command(name="monitor")
def monitor_command(
    scope: str = typer.Option("nationaal", "--scope", help=SCOPE_HELP),
    peildatum: str = typer.Option(
        None, "--date", "--peildatum", help="Peildatum (JJJJ-MM-DD); standaard vandaag."
    ),
    formaat: str = typer.Option("tabel", "--format", "--formaat", help="tabel of json."),
    opslaan: bool = typer.Option(
        True,
        "--opslaan/--niet-opslaan",
        help="De uitkomst aan de geschiedenis toevoegen (standaard: ja).",
    ),
    map_: Path | None = typer.Option(
        None,
        "--map",
        help="Beoordeel de afsprakenbestanden in deze map (om ontwerpen te proberen); standaard de "
        "afspraken in de database.",
    ),
    top: int = typer.Option(
        monitor.STANDAARD_TOP_N, "--top", min=0, help="Hoeveel bewijsregels per oordeel bewaren."
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Beoordeel de toezeggingen uit de prestatieafspraken voor een scope op een peildatum."""
    if formaat not in ("tabel", "json"):
        fail(f"Onbekend formaat '{formaat}': kies tabel of json.", code=2)
    try:
        reference = date.fromisoformat(peildatum) if peildatum else date.today()
    except ValueError:
        fail(f"Peildatum '{peildatum}' is geen geldige datum (JJJJ-MM-DD).", code=2)
    alles = scope.strip().lower() == "alles"
    try:
        gekozen = None if alles else monitor.parse_scope(scope)
        run = monitor.run_evaluation(
            database_url(database), reference, gekozen, opslaan=opslaan, agreements_dir=map_, top_n=top
        )
    except monitor.ScopeError as error:
        fail(str(error), code=2)
    except AgreementsInvalid as error:
        fail(f"De afsprakenbestanden zijn ongeldig:\n{error}")
    url = database_url(database)
    if formaat == "json":
        typer.echo(json.dumps(with_synthetic_flag(url, run.as_dict()), ensure_ascii=False, indent=2))
        return
    if alles:
        _summary(run)
    else:
        _table(run)
    note_if_synthetic(url)


def _table(run: monitor.MonitorRun) -> None:
    console = Console(width=200)
    naam = run.beoordelingen[0].scope_naam if run.beoordelingen else str(run.scope)
    table = Table(
        title=f"Toezeggingen voor {naam} ({run.scope}) op {run.peildatum.isoformat()}", title_justify="left"
    )
    for kolom in ("toezegging", "status", "waarde", "doel", "toelichting"):
        table.add_column(kolom, overflow="fold")
    for b in run.beoordelingen:
        kleur = _KLEUR.get(b.status.value, "white")
        table.add_row(
            escape(f"{b.requirement} {b.titel}"),
            f"[{kleur}]{b.status.value}[/{kleur}]",
            b.waarde_tekst,
            b.doel_tekst,
            escape(b.uitleg),
        )
    console.print(table)
    if not run.beoordelingen:
        console.print("Geen toezeggingen gelden voor deze scope.")
    _footer(console, run)


def _summary(run: monitor.MonitorRun) -> None:
    console = Console(width=160)
    telling = Counter((b.requirement, b.toezegging_id, b.status.value) for b in run.beoordelingen)
    toezeggingen = sorted({(b.requirement, b.toezegging_id) for b in run.beoordelingen})
    statussen = list(_KLEUR)
    table = Table(title=f"Alle toezeggingen op {run.peildatum.isoformat()}", title_justify="left")
    table.add_column("toezegging")
    for status in statussen:
        table.add_column(status, justify="right")
    for requirement, toezegging in toezeggingen:
        table.add_row(
            f"{requirement} {toezegging}", *(str(telling[(requirement, toezegging, s)]) for s in statussen)
        )
    console.print(table)
    _footer(console, run)


def _footer(console: Console, run: monitor.MonitorRun) -> None:
    if run.run_id is not None:
        console.print(f"[dim]Opgeslagen als run {run.run_id} (gegevensversie {run.data_versie}).[/dim]")
    else:
        console.print("[dim]Niet opgeslagen (--niet-opslaan).[/dim]")
