"""The ``leefbaar`` command: one Typer sub-module per command group, registered here."""

from __future__ import annotations

import typer

from leefbaar.cli import common

app = typer.Typer(
    name="leefbaar",
    help="Leefbaar: monitor van de nationale prestatieafspraken leefbare en veilige wijken.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


@app.callback()
def root() -> None:
    """Leefbaar: monitor van de nationale prestatieafspraken leefbare en veilige wijken."""


common.register(app)


def main() -> None:
    try:
        app()
    except Exception as exc:  # the last line of defence: a Dutch message, not a traceback
        from leefbaar.cli.common import error_console

        error_console.print(f"[red]Onverwachte fout:[/red] {type(exc).__name__}: {exc}")
        raise SystemExit(2) from exc
