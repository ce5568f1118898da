"""``leefbaar rapport gemeente CODE``, ``leefbaar rapport corporatie ID`` and ``leefbaar rapport
alle-gemeenten DIR``: the report "Stand van de afspraken" as PDF or XLSX, written to a file (see
docs/reports.md)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from leefbaar.cli.common import DatabaseOption, console, database_url, fail, note_if_synthetic
from leefbaar.services import reports
from leefbaar.services.database import SchemaOutdated, ensure_schema


class Formaat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"


FormaatOption = typer.Option(Formaat.PDF, "--formaat", help="pdf (standaard) of xlsx.")
PeildatumOption = typer.Option(
    None,
    "--peildatum",
    help="Peildatum (JJJJ-MM-DD): de beoordeling op of vóór die datum; standaard de nieuwste.",
)

#: Added to ``leefbaar`` as the group ``rapport`` (cli/__init__.py).
app = typer.Typer(help="Rapporten per gemeente of corporatie als PDF of XLSX.", no_args_is_help=True)


def _prepare(database: str | None, peildatum: str | None) -> tuple[str, date | None]:
    url = database_url(database)
    try:
        ensure_schema(url)
    except (SchemaOutdated, ValueError) as exc:
        fail(str(exc))
    if peildatum is None:
        return url, None
    try:
        return url, date.fromisoformat(peildatum)
    except ValueError:
        fail(f"Peildatum '{peildatum}' is geen datum (JJJJ-MM-DD).")


@app.command(name="gemeente")
def gemeente_command(
    code: str = typer.Argument(..., help="Gemeentecode, bijvoorbeeld GM0363."),
    formaat: Formaat = FormaatOption,
    peildatum: str | None = PeildatumOption,
    uit: Path | None = typer.Option(
        None,
        "--uit",
        help="Bestand om naar te schrijven; standaard de bestandsnaam van het rapport hier.",
        dir_okay=False,
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Het rapport "Stand van de afspraken" van één gemeente."""
    url, dag = _prepare(database, peildatum)
    try:
        rendered = reports.gemeente_rapport(url, code, formaat.value, dag)
    except reports.RapportFout as exc:
        fail(str(exc))
    target = uit or Path(rendered.bestandsnaam)
    target.write_bytes(rendered.inhoud)
    console.print(f"Geschreven: {target} ({len(rendered.inhoud):,} bytes)".replace(",", "."))
    note_if_synthetic(url)


@app.command(name="corporatie")
def corporatie_command(
    partij_id: str = typer.Argument(..., metavar="ID", help="Kenmerk van de corporatie, bijvoorbeeld L0001."),
    formaat: Formaat = FormaatOption,
    peildatum: str | None = PeildatumOption,
    uit: Path | None = typer.Option(
        None,
        "--uit",
        help="Bestand om naar te schrijven; standaard de bestandsnaam van het rapport hier.",
        dir_okay=False,
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Het rapport "Stand van de afspraken" van één corporatie."""
    url, dag = _prepare(database, peildatum)
    try:
        rendered = reports.corporatie_rapport(url, partij_id, formaat.value, dag)
    except reports.RapportFout as exc:
        fail(str(exc))
    target = uit or Path(rendered.bestandsnaam)
    target.write_bytes(rendered.inhoud)
    console.print(f"Geschreven: {target} ({len(rendered.inhoud):,} bytes)".replace(",", "."))
    note_if_synthetic(url)


@app.command(name="nationaal")
def nationaal_command(
    formaat: Formaat = FormaatOption,
    peildatum: str | None = PeildatumOption,
    uit: Path | None = typer.Option(
        None,
        "--uit",
        help="Bestand om naar te schrijven; standaard de bestandsnaam van het rapport hier.",
        dir_okay=False,
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Het landelijke rapport: de landelijke beoordelingen en de status per gemeente."""
    url, dag = _prepare(database, peildatum)
    rendered = reports.nationaal_rapport(url, formaat.value, dag)
    target = uit or Path(rendered.bestandsnaam)
    target.write_bytes(rendered.inhoud)
    console.print(f"Geschreven: {target} ({len(rendered.inhoud):,} bytes)".replace(",", "."))
    note_if_synthetic(url)


@app.command(name="alle-gemeenten")
def alle_gemeenten_command(
    map_: Path = typer.Argument(
        ..., metavar="DIR", help="Map voor de rapporten (wordt gemaakt).", file_okay=False
    ),
    formaat: Formaat = FormaatOption,
    peildatum: str | None = PeildatumOption,
    provincie: str | None = typer.Option(
        None, "--provincie", help="Alleen de gemeenten van deze provincie, bijvoorbeeld PV24."
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Het rapport van elke gemeente van de nieuwste gebiedsindeling, met voortgangsbalk."""
    url, dag = _prepare(database, peildatum)
    codes = reports.gemeentecodes(url, provincie)
    if not codes:
        fail(
            f"Geen gemeenten in provincie {provincie}."
            if provincie
            else "De database bevat geen gemeenten: laad eerst de gebieden (leefbaar demo of leefbaar import)."
        )
    map_.mkdir(parents=True, exist_ok=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("Rapporten", total=len(codes))
        for code in codes:
            progress.update(task, description=f"Rapport {code}")
            rendered = reports.gemeente_rapport(url, code, formaat.value, dag, bewaren=False)
            (map_ / rendered.bestandsnaam).write_bytes(rendered.inhoud)
            progress.advance(task)
    console.print(f"{len(codes)} rapporten geschreven in {map_}.")
    note_if_synthetic(url)
