"""``leefbaar serve``: start the web application and API."""

from __future__ import annotations

import os
import re

import typer

from leefbaar.cli.common import DatabaseOption, database_url, fail

#: Added to ``leefbaar`` without a group name (cli/__init__.py): its command is top level.
app = typer.Typer()


def shown_url(url: str) -> str:
    """The database URL without its password (it would end up in terminals and service logs)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Adres om op te luisteren."),
    port: int = typer.Option(8000, help="Poort."),
    workers: int = typer.Option(1, help="Aantal processen (PostgreSQL); DuckDB gebruikt er altijd 1."),
    database: str | None = DatabaseOption,
) -> None:
    """Start Leefbaar (webpagina's en API) op http://HOST:PORT."""
    import uvicorn

    from leefbaar.config import get_settings

    problems = get_settings().bind_problems(host)
    if problems:
        fail("Leefbaar start niet met onveilige instellingen: " + " ".join(problems))
    url = database_url(database)
    os.environ["LEEFBAAR_DATABASE_URL"] = url
    # The app reads its settings (and so the database) from the environment: read them anew.
    get_settings.cache_clear()
    if url.startswith("duckdb"):
        workers = 1
    typer.echo(f"Leefbaar draait op http://{host}:{port}  (database: {shown_url(url)})")
    uvicorn.run(
        "leefbaar.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
