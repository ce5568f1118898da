"""Options, consoles and helpers shared by every command module."""

from __future__ import annotations

from typing import Any, NoReturn

import typer
from rich.console import Console

DATABASE_HELP = (
    "Database-URL, bijvoorbeeld duckdb:///pad/leefbaar.duckdb of postgresql+psycopg://user@host:5432/db. "
    "Standaard LEEFBAAR_DATABASE_URL, anders duckdb:///leefbaar.duckdb."
)

DatabaseOption = typer.Option(None, "--database", help=DATABASE_HELP, envvar="LEEFBAAR_DATABASE_URL")

console = Console()
error_console = Console(stderr=True)


SYNTHETIC_NOTE = (
    "Let op: deze database bevat synthetische demogegevens; woningen, corporaties, complexen en "
    "huishoudens zijn fictief."
)


def note_if_synthetic(url: str) -> None:
    """Say under a table that the figures come from synthetic demo data, when they do."""
    from leefbaar.services import demo

    if demo.is_synthetisch(url):
        console.print(f"[yellow]{SYNTHETIC_NOTE}[/yellow]")


def with_synthetic_flag(url: str, data: dict[str, Any]) -> dict[str, Any]:
    """JSON output with ``synthetisch``: true when the database holds synthetic demo data."""
    from leefbaar.services import demo

    return {**data, "synthetisch": demo.is_synthetisch(url)}


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a Dutch error message and stop with a non-zero exit code."""
    error_console.print(f"[red]Fout:[/red] {message}")
    raise typer.Exit(code=code)


def database_url(value: str | None) -> str:
    """The database URL from the option, else the setting (environment), else the embedded default."""
    from leefbaar.config import get_settings

    return value or get_settings().database_url
