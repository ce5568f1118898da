"""The ``leefbaar`` command: one Typer sub-module per command group, registered here."""

from __future__ import annotations

import typer

from leefbaar.cli import common

app = typer.Typer(
    name="leefbaar",
    help="Leefbaar: monitor van de nationale prestatieafspraken leefbare en veilige wijken.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)



@app.callback()
def root() -> None:
    """Leefbaar: monitor van de nationale prestatieafspraken leefbare en veilige wijken."""


common.register(app)


def main() -> None:
    app()
