"""``leefbaar agreements``: check one agreement file, list the agreements in a folder."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from leefbaar.services.agreements import default_agreements_dir, read_agreement_file, read_agreements_dir

app = typer.Typer(
    help="Nationale en lokale prestatieafspraken (bestanden in agreements/).",
    no_args_is_help=True,
)


@app.command("check")
def check(bestand: Path = typer.Argument(..., help="Het afsprakenbestand (YAML) om te controleren.")) -> None:
    """Controleer een afsprakenbestand tegen het schema en de indicatorcatalogus."""
    result = read_agreement_file(bestand)
    if result.agreement is None:
        console = Console(stderr=True, highlight=False)
        console.print(f"Ongeldig: {bestand} ({len(result.fouten)} fout(en))", markup=False)
        for fout in result.fouten:
            console.print(f"  {fout.pad}: {fout.reden}", markup=False)
        raise typer.Exit(code=1)
    agreement = result.agreement
    typer.echo(f"Geldig: {agreement.titel} ({len(agreement.toezeggingen)} toezeggingen)")


@app.command("list")
def list_agreements(
    map_: Path | None = typer.Option(
        None, "--map", help="Map met afsprakenbestanden; standaard de map agreements/ van Leefbaar."
    ),
) -> None:
    """Toon de afspraken in de map, met soort, gemeente, periode en aantal toezeggingen."""
    folder = map_ if map_ is not None else default_agreements_dir()
    results = read_agreements_dir(folder)
    table = Table(title=f"Afspraken in {folder}")
    for kolom in ("bestand", "id", "soort", "gemeente", "periode", "toezeggingen", "status"):
        table.add_column(kolom)
    for result in results:
        naam = Path(result.bestand).name
        agreement = result.agreement
        if agreement is None:
            table.add_row(naam, "", "", "", "", "", f"ongeldig ({len(result.fouten)} fout(en))")
            continue
        gemeente = agreement.gemeente.code if agreement.gemeente else ""
        periode = f"{agreement.periode.start} t/m {agreement.periode.eind}"
        table.add_row(
            naam, agreement.id, agreement.soort, gemeente, periode, str(len(agreement.toezeggingen)), "geldig"
        )
    Console(width=160).print(table)
    if any(not result.ok for result in results):
        raise typer.Exit(code=1)
