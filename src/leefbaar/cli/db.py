"""``leefbaar db``: create or upgrade the database schema."""

from __future__ import annotations

import typer

from leefbaar.cli.common import DatabaseOption, console, database_url, fail
from leefbaar.services import database

app = typer.Typer(help="Databaseschema aanmaken en bijwerken.", no_args_is_help=True)


@app.command()
def upgrade(database_option: str | None = DatabaseOption) -> None:
    """Werk het schema bij tot de nieuwste versie; bestaande gegevens blijven behouden."""
    url = database_url(database_option)
    try:
        revision = database.upgrade(url)
    except Exception as exc:  # show the reason in Dutch, not a traceback
        fail(f"Bijwerken mislukt: {exc}")
    console.print(f"Database bijgewerkt tot versie [bold]{revision}[/bold] ({url}).")


@app.command()
def status(database_option: str | None = DatabaseOption) -> None:
    """Toon de schemaversie van de database en de nieuwste versie."""
    url = database_url(database_option)
    current, head = database.status(url)
    state = "actueel" if current == head else "verouderd: voer 'leefbaar db upgrade' uit"
    console.print(f"Database: {current or 'leeg'}; nieuwste: {head} ({state}).")
