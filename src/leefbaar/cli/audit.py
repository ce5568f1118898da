"""``leefbaar audit``: verify the processing log, export its anchor, delete expired signals."""

from __future__ import annotations

from datetime import date

import typer

from leefbaar.cli.common import DatabaseOption, database_url
from leefbaar.config import get_settings
from leefbaar.services import accounts, processing_log, sharing

ANCHOR_HELP = "Bestand met geëxporteerde ankerpunten; standaard LEEFBAAR_AUDIT_ANCHOR_FILE."


app = typer.Typer(help="Verwerkingenlog controleren en bewaartermijnen uitvoeren.", no_args_is_help=True)


@app.command("verify")
def verify(
    anker_bestand: str | None = typer.Option(None, "--anker-bestand", help=ANCHOR_HELP),
    database_option: str | None = DatabaseOption,
) -> None:
    """Controleer de hashketens van het verwerkingenlog en het auditlog tegen hun ankerpunten."""
    url = database_url(database_option)
    path = anker_bestand if anker_bestand is not None else get_settings().audit_anchor_file
    try:
        results = processing_log.verify(url, path or None)
    except processing_log.LogError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(code=2) from None
    broken = False
    for result in results:
        if result.breuk is None:
            typer.echo(result.tekst())
        else:
            broken = True
            typer.echo(f"GEMANIPULEERD: {result.tekst()}", err=True)
    if broken:
        raise typer.Exit(code=1)
    typer.echo("Het verwerkingenlog is intact.")


@app.command("anker")
def anker(
    anker_bestand: str | None = typer.Option(None, "--anker-bestand", help=ANCHOR_HELP),
    database_option: str | None = DatabaseOption,
) -> None:
    """Schrijf de huidige kop van beide ketens bij in het ankerbestand (buiten de database)."""
    url = database_url(database_option)
    path = anker_bestand or get_settings().audit_anchor_file
    if not path:
        typer.echo("Fout: geef --anker-bestand op of stel LEEFBAAR_AUDIT_ANCHOR_FILE in.", err=True)
        raise typer.Exit(code=2)
    lines = processing_log.export_anchor(url, path)
    for line in lines:
        typer.echo(line)
    typer.echo(f"{len(lines)} ankerpunt(en) toegevoegd aan {path}.")


@app.command("opschonen")
def opschonen(
    datum: str | None = typer.Option(None, "--datum", help="Peildatum JJJJ-MM-DD (standaard vandaag)."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Verwijder signalen waarvan de bewaartermijn is verstreken (elke verwijdering wordt gelogd) en verlopen sessies."""
    url = database_url(database_option)
    try:
        today = date.fromisoformat(datum) if datum else None
    except ValueError:
        typer.echo(f"Fout: '{datum}' is geen datum in de vorm JJJJ-MM-DD.", err=True)
        raise typer.Exit(code=2) from None
    deleted = sharing.purge_expired(url, today=today)
    typer.echo(f"{len(deleted)} signaal/signalen verwijderd na afloop van de bewaartermijn.")
    sessions = accounts.purge_sessions(url)
    typer.echo(f"{sessions} verlopen sessie(s) verwijderd.")
