"""``leefbaar scenario``: the improvement scenario of an association (what-if for R1 and R2), as a table
or JSON. A scenario, never a verdict: nothing is stored."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, database_url, fail, note_if_synthetic, with_synthetic_flag
from leefbaar.rules import formatting as fmt
from leefbaar.services import monitor

#: Added to ``leefbaar`` without a group name (cli/__init__.py): its command is top level.
app = typer.Typer()


@contextmanager
def _solver_output_to_stderr() -> Iterator[None]:
    """The HiGHS build in SciPy can print a stray debug line on the process's standard output; during
    the computation that goes to standard error, so that ``--format json`` stays valid JSON."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _whole_number(text: str | None, naam: str) -> int | None:
    if text is None:
        return None
    if not text.strip().isdigit():
        fail(f"{naam} moet een geheel getal zijn, niet '{text}'.", code=2)
    return int(text)


@app.command(name="scenario")
def scenario_command(
    corporatie: str = typer.Argument(..., help="Kenmerk van de corporatie, bijvoorbeeld L0001."),
    budget: str = typer.Option(
        None,
        "--budget",
        help="Budget per jaar in euro (1500000 of 1.500.000); standaard het eerlijke R2-aandeel van het eerste jaar.",
    ),
    jaren: str = typer.Option(
        None,
        "--jaren",
        help=f"Aantal jaren (1 tot en met {monitor.SCENARIO_MAX_JAREN}); standaard tot en met het laatste jaar van R2.",
    ),
    kosten_per_woning: str = typer.Option(
        str(monitor.STANDAARD_KOSTEN_PER_WONING),
        "--kosten-per-woning",
        help="Aangenomen kosten per woning in euro, voor complexen zonder vervangingswaarde van bouwdelen in "
        "conditie 5 of 6.",
    ),
    regel: str = typer.Option(
        None,
        "--regel",
        help="Alleen complexen in conditie 5 of 6 onder deze rekenregel (complexscore, slechtste_element, "
        "herbouwwaarde_gewogen); standaard onder elke regel.",
    ),
    formaat: str = typer.Option("tabel", "--format", "--formaat", help="tabel of json."),
    database: str | None = DatabaseOption,
) -> None:
    """Verbeterscenario: welke complexen in conditie 5 of 6 eerst verbeteren binnen een budget per jaar (geen oordeel)."""
    if formaat not in ("tabel", "json"):
        fail(f"Onbekend formaat '{formaat}': kies tabel of json.", code=2)
    url = database_url(database)
    try:
        bedrag = monitor.parse_amount(budget, "budget", "Het budget per jaar")
        per_woning = monitor.parse_amount(kosten_per_woning, "kostenPerWoning", "De kosten per woning")
        with _solver_output_to_stderr():
            s = monitor.improvement_scenario(
                url,
                corporatie.strip().upper(),
                budget_per_jaar=bedrag,
                jaren=_whole_number(jaren, "Het aantal jaren"),
                kosten_per_woning=monitor.STANDAARD_KOSTEN_PER_WONING if per_woning is None else per_woning,
                regel=regel,
            )
    except monitor.ScenarioFout as error:
        fail(str(error), code=2)
    if s is None:
        fail(f"Corporatie {corporatie} bestaat niet.")
    if formaat == "json":
        typer.echo(json.dumps(with_synthetic_flag(url, s.as_dict()), ensure_ascii=False, indent=2))
        return
    _tables(s)
    note_if_synthetic(url)


def _tables(s: monitor.Verbeterscenario) -> None:
    console = Console(width=160)
    sc = s.scenario
    console.print(f"[bold]{monitor.SCENARIO_GEEN_OORDEEL}[/bold]")
    bron = {"r2": " (het eerlijke R2-aandeel)", "opgegeven": "", "geen": " (geen R2-aandeel bekend)"}[
        s.budget_bron
    ]
    console.print(
        f"{escape(s.corporatie_naam)} ({s.corporatie_id}): budget {fmt.euro(sc.budget_per_jaar)} per jaar{bron}, "
        f"{sc.jaren[0].jaar}–{sc.jaren[-1].jaar}; {fmt.woningen(sc.woningen_verbeterd)} van "
        f"{fmt.getal(sc.woningen_totaal)} uit conditie 5 of 6; alles verbeteren kost {fmt.euro(sc.kosten_alles)} "
        f"({fmt.euro(sc.budget_nodig_per_jaar)} per jaar)."
    )
    stappen = Table(title="Voorgestelde volgorde", title_justify="left")
    for kolom, rechts in (
        ("#", True),
        ("complex", False),
        ("gemeente", False),
        ("woningen", True),
        ("kosten", True),
        ("bron", False),
        ("start", True),
        ("gereed", True),
    ):
        stappen.add_column(kolom, justify="right" if rechts else "left")
    for st, c in s.stappen:
        stappen.add_row(
            str(st.volgorde),
            escape(f"{c.id} {c.naam or ''}".strip()),
            escape(c.gemeentenaam or c.gemeentecode),
            fmt.getal(c.woningen),
            fmt.euro(c.kosten),
            c.bron.value.replace("_", " "),
            str(st.start_jaar),
            str(st.gereed_jaar),
        )
    console.print(stappen)
    if s.niet_gekozen:
        console.print(
            "Niet binnen dit budget: "
            + ", ".join(f"{c.id} ({fmt.woningen(c.woningen)}, {fmt.euro(c.kosten)})" for c in s.niet_gekozen)
        )
    r2 = {r.jaar: r for r in s.r2}
    jaren = Table(title="Per jaar", title_justify="left")
    for kolom in ("jaar", "uitgaven", "woningen gereed", "totaal gereed", "eerlijk R2-aandeel"):
        jaren.add_column(kolom, justify="right")
    for j in sc.jaren:
        jaren.add_row(
            str(j.jaar),
            fmt.euro(j.uitgaven),
            fmt.getal(j.woningen_gereed),
            fmt.getal(j.woningen_gereed_cumulatief),
            fmt.euro(r2[j.jaar].aandeel) if j.jaar in r2 else "–",
        )
    console.print(jaren)
    console.print(f"[dim]{monitor.SCENARIO_KOSTENAANNAME}[/dim]")
    if s.r2_uitleg:
        console.print(f"[dim]{escape(s.r2_uitleg)} {monitor.SCENARIO_R2_TOELICHTING}[/dim]")
