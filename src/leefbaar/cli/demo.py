"""``leefbaar demo``: build a demo database (real CBS/PDOK data plus synthetic housing data)."""

from __future__ import annotations

import time

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from leefbaar.cli.common import DatabaseOption, console, database_url, fail
from leefbaar.services import demo

#: Added to ``leefbaar`` without a group name (cli/__init__.py): its command is top level.
app = typer.Typer()


@app.command(name="demo")
def demo_command(
    scale: str = typer.Option("tiny", "--scale", help="tiny (tests), gemeente (12 gemeenten) of national."),
    seed: int = typer.Option(2025, "--seed", help="Startwaarde: dezelfde seed geeft dezelfde gegevens."),
    database: str | None = DatabaseOption,
) -> None:
    """Bouw een demodatabase: echte CBS/PDOK-gegevens plus synthetische woningen, corporaties en afspraken."""
    if scale not in demo.scales():
        fail(f"Onbekende schaal '{scale}'; kies uit: {', '.join(demo.scales())}.")
    url = database_url(database)
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        task = bar.add_task("Voorbereiden", total=None)

        def report(step: str, index: int, total: int) -> None:
            bar.update(task, description=f"Demo ({scale}): {step}", completed=index, total=total)

        try:
            counts = demo.build(url, scale, seed, progress=report)
        except demo.DemoError as exc:
            fail(str(exc))
    console.print(f"Demodatabase klaar in {time.perf_counter() - started:.0f} s: {url}")
    console.print(", ".join(f"{name} {count:,}".replace(",", ".") for name, count in counts.items()))
    console.print(
        "[yellow]Let op: woningen, corporaties, complexen en huishoudens zijn synthetisch.[/yellow]"
    )
