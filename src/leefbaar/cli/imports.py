"""``leefbaar import KIND FILE``: validate a file and load it whole, or report every error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, console, database_url, fail
from leefbaar.ingest.vocabulary import ImportOptions, ImportResult, ImportStatus
from leefbaar.services import imports, sharing
from leefbaar.services.database import SchemaOutdated, ensure_schema
from leefbaar.services.processing_log import Geweigerd

#: The stages of an import in order. Each is one set-based step, so the bar advances per stage.
_STAGES = {"lezen": "Bestand lezen", "controleren": "Rijen controleren", "laden": "Laden in de database"}
_STAGE_NUMBER = {stage: number for number, stage in enumerate(_STAGES)}


def _kinds_help() -> str:
    lines = [f"  {name}: {description}" for name, description in imports.all_kinds().items()]
    return (
        "Importeer een bestand (CSV, XLSX of Parquet; GeoJSON voor grenzen).\n\nSoorten:\n\n"
        + "\n\n".join(lines)
    )


#: Added to ``leefbaar`` without a group name (cli/__init__.py): its command is top level.
app = typer.Typer()


@app.command(name="import", help=_kinds_help())
def import_command(
    kind: str = typer.Argument(..., help="Soort gegevens (zie de lijst hierboven)."),
    file: Path = typer.Argument(..., help="Het bestand.", exists=True, dir_okay=False, readable=True),
    peildatum: str = typer.Option(None, help="Peildatum van de gegevens (JJJJ-MM-DD); standaard vandaag."),
    indelingsjaar: int = typer.Option(None, help="Jaar van de CBS-gebiedsindeling; standaard de nieuwste."),
    jaar: int = typer.Option(None, help="Bij cbs-kwb: het jaar waarop de cijfers betrekking hebben."),
    bron: str = typer.Option(None, help="Wie de gegevens leverde; standaard de bestandsnaam."),
    max_fouten: int = typer.Option(
        20, "--max-fouten", help="Hoeveel fouten tonen (het totaal wordt altijd geteld)."
    ),
    als: str | None = typer.Option(
        None,
        "--als",
        help="Importeer namens dit account (e-mailadres): alleen soorten en rijen van die organisatie, "
        "vastgelegd in het auditlog. Zonder --als importeert de beheerder van deze database.",
    ),
    database: str | None = DatabaseOption,
) -> None:
    if kind not in imports.all_kinds():
        fail(f"Onbekende soort '{kind}'. Kies uit: {', '.join(imports.all_kinds())}.")
    account = None
    if als is not None:
        try:
            account = sharing.acting_account(database_url(database), als)
            imports.check_may_write(database_url(database), account, kind)
        except (Geweigerd, imports.GeenSchrijfrecht) as exc:
            fail(str(exc))
    try:
        reference = date.fromisoformat(peildatum) if peildatum else date.today()
    except ValueError:
        fail(f"Peildatum '{peildatum}' is geen datum (JJJJ-MM-DD).")
    options = ImportOptions(
        peildatum=reference,
        indelingsjaar=indelingsjaar,
        bron=bron or file.name,
        gebruiker=imports.default_user(),
    )
    try:
        ensure_schema(database_url(database))
    except SchemaOutdated as exc:
        fail(str(exc))
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("stap {task.completed:.0f} van {task.total:.0f}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Starten", total=len(_STAGES))

        def stage(name: str) -> None:
            bar.update(task, description=_STAGES.get(name, name), completed=_STAGE_NUMBER.get(name, 0) + 1)

        result = imports.import_source_file(
            database_url(database),
            kind,
            file,
            options,
            jaar=jaar,
            max_errors=max_fouten,
            progress=stage,
            account=account,
        )
    report(result)
    if result.status is ImportStatus.REJECTED:
        raise typer.Exit(code=1)


def report(result: ImportResult) -> None:
    """Print an import result in Dutch."""
    for note in result.notes:
        console.print(f"[dim]{note}[/dim]")
    if result.status is ImportStatus.IMPORTED:
        rate = f"{result.rows / result.seconds:,.0f}".replace(",", ".") if result.seconds else ""
        speed = f", {rate} rijen/s" if rate else ""
        console.print(
            f"[green]Geïmporteerd:[/green] {result.file} ({result.kind}): {result.rows} rijen, "
            f"import {result.import_id}, {result.seconds:.1f} s{speed}."
        )
        return
    if result.status is ImportStatus.ALREADY_IMPORTED:
        console.print(
            f"[yellow]Al geïmporteerd:[/yellow] {result.file} is eerder ingelezen "
            f"(import {result.import_id}); er is niets veranderd."
        )
        return
    table = Table(title=f"{result.file}: afgekeurd, niets ingelezen", title_justify="left")
    for heading in ("Rij", "Kolom", "Waarde", "Reden"):
        table.add_column(heading)
    for error in result.errors:
        table.add_row(
            "" if error.row is None else str(error.row), error.column or "", error.value or "", error.reason
        )
    console.print(table)
    shown = len(result.errors)
    more = f" (eerste {shown} getoond)" if result.error_count > shown else ""
    console.print(
        f"[red]{result.error_count} fout(en){more}.[/red] Verbeter het bestand en importeer opnieuw."
    )
