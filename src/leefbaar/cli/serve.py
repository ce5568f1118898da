"""``leefbaar serve``: start the web application and API.

``--workers N`` starts N server processes (uvicorn workers) on PostgreSQL: each process checks the
schema and the summaries once at start-up, and every process reads the data version from the
database on each request, so a write through one is seen by all on their next request. Their
Prometheus metrics are added up through a shared folder (``PROMETHEUS_MULTIPROC_DIR``). DuckDB is
an embedded file that one process at a time may write: it always runs one process.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile

import typer

from leefbaar.cli.common import DatabaseOption, database_url, fail

#: Added to ``leefbaar`` without a group name (cli/__init__.py): its command is top level.
app = typer.Typer()


def shown_url(url: str) -> str:
    """The database URL without its password (it would end up in terminals and service logs)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def duckdb_workers_note(workers: int) -> str:
    """What ``serve`` says when more than one process is asked for on DuckDB."""
    return (
        f"Let op: DuckDB is een ingebed bestand dat maar één proces tegelijk mag gebruiken; Leefbaar start "
        f"daarom 1 proces in plaats van {workers}. Gebruik PostgreSQL voor meer processen (docs/deployment.md)."
    )


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Adres om op te luisteren."),
    port: int = typer.Option(8000, help="Poort."),
    workers: int = typer.Option(1, min=1, help="Aantal processen (PostgreSQL); DuckDB gebruikt er altijd 1."),
    log_level: str = typer.Option("info", help="Logniveau van Leefbaar: debug, info, warning of error."),
    database: str | None = DatabaseOption,
) -> None:
    """Start Leefbaar (webpagina's en API) op http://HOST:PORT."""
    import uvicorn

    from leefbaar.config import get_settings
    from leefbaar.services import logs, metrics

    problems = get_settings().bind_problems(host)
    if problems:
        fail("Leefbaar start niet met onveilige instellingen: " + " ".join(problems))
    url = database_url(database)
    os.environ["LEEFBAAR_DATABASE_URL"] = url
    # The app reads its settings (and so the database) from the environment: read them anew.
    get_settings.cache_clear()
    if url.startswith("duckdb") and workers > 1:
        typer.echo(duckdb_workers_note(workers), err=True)
        workers = 1
    own_metrics_dir = None
    if workers > 1 and not os.environ.get(metrics.MULTIPROC_ENV):
        # Set before the workers start (and import prometheus-client): they share this folder.
        own_metrics_dir = tempfile.mkdtemp(prefix="leefbaar-metrics-")
        os.environ[metrics.MULTIPROC_ENV] = own_metrics_dir
    processes = "1 proces" if workers == 1 else f"{workers} processen"
    typer.echo(f"Leefbaar draait op http://{host}:{port}  ({processes}, database: {shown_url(url)})")
    try:
        uvicorn.run(
            "leefbaar.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_config=logs.log_config(log_level.upper()),
            access_log=False,
        )
    finally:
        if own_metrics_dir is not None:
            os.environ.pop(metrics.MULTIPROC_ENV, None)
            shutil.rmtree(own_metrics_dir, ignore_errors=True)
