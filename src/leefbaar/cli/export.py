"""``leefbaar export open-data DIR``: the open datasets and their DCAT-AP-NL description, written to a
folder (the same files as ``/open-data``; see docs/reports.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from leefbaar.cli.common import DatabaseOption, console, database_url, fail, note_if_synthetic
from leefbaar.services import open_data
from leefbaar.services.database import SchemaOutdated, ensure_schema

#: Added to ``leefbaar`` as the group ``export`` (cli/__init__.py).
app = typer.Typer(help="Open data exporteren.", no_args_is_help=True)


@app.command(name="open-data")
def open_data_command(
    map_: Path = typer.Argument(
        ..., metavar="DIR", help="Map voor de bestanden (wordt gemaakt).", file_okay=False
    ),
    basis_url: str | None = typer.Option(
        None,
        "--basis-url",
        help="Waar de bestanden gepubliceerd worden (voor catalogus.jsonld); standaard de map.",
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Schrijf de open datasets (CSV) en catalogus.jsonld (DCAT-AP-NL) naar DIR."""
    url = database_url(database)
    try:
        ensure_schema(url)
    except (SchemaOutdated, ValueError) as exc:
        fail(str(exc))
    for path in open_data.exporteer(url, map_, basis_url):
        console.print(f"Geschreven: {path}")
    note_if_synthetic(url)
