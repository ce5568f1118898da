"""The ``leefbaar`` command: one Typer app per module in this package, added here.

A module whose app is added with a name is a command group (``leefbaar db ...``); one added
without a name puts its commands at the top level (``leefbaar serve``). ``leefbaar --help`` lists
them in the order they are added below.
"""

from __future__ import annotations

import typer

from leefbaar.cli import (
    accounts,
    agreements,
    audit,
    db,
    demo,
    export,
    geld,
    herberekening,
    homes,
    imports,
    index,
    monitor,
    rapport,
    scenario,
    serve,
    sharing,
)

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


# Commands at the top level.
app.add_typer(serve.app)
app.add_typer(imports.app)
app.add_typer(demo.app)
app.add_typer(homes.app)
app.add_typer(monitor.app)
app.add_typer(scenario.app)
# Command groups.
app.add_typer(db.app, name="db")
app.add_typer(agreements.app, name="agreements")
app.add_typer(index.app, name="index")
app.add_typer(accounts.app, name="accounts")
app.add_typer(audit.app, name="audit")
app.add_typer(sharing.app, name="delen")
app.add_typer(herberekening.app, name="herberekening")
app.add_typer(rapport.app, name="rapport")
app.add_typer(export.app, name="export")
app.add_typer(geld.app, name="geld")


def main() -> None:
    from leefbaar.cli.common import error_console
    from leefbaar.domain.errors import DatabaseInGebruik

    try:
        app()
    except DatabaseInGebruik as exc:
        error_console.print(f"[red]Fout:[/red] {str(exc)[0].upper()}{str(exc)[1:]}")
        raise SystemExit(3) from exc
    except Exception as exc:  # the last line of defence: a Dutch message, not a traceback
        error_console.print(f"[red]Onverwachte fout:[/red] {type(exc).__name__}: {exc}")
        raise SystemExit(2) from exc
