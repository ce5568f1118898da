"""``leefbaar geld gemeente CODE`` and ``leefbaar geld corporatie ID``: money and outcomes per theme
(R2, R5), the table "Geld en resultaat" of the pages (services.investments), as a table or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import typer
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, console, database_url, note_if_synthetic, with_synthetic_flag
from leefbaar.rules import formatting as fmt
from leefbaar.services import investments

app = typer.Typer(help="Geld en resultaat per thema (R2, R5): extra investeringen en opgeloste risico's.")

FormatOption = typer.Option("tabel", "--format", help="tabel of json")


def _show(url: str, overzicht: investments.Overzicht, voor: str, naam: str, output: str) -> None:
    if output == "json":
        data: dict[str, Any] = {
            "jaar": overzicht.jaar,
            "resultaatjaar": overzicht.resultaatjaar,
            "gemeten": overzicht.gemeten,
            "themas": [asdict(r) for r in overzicht.regels],
        }
        console.print_json(json.dumps(with_synthetic_flag(url, data)))
        return
    if overzicht.jaar is None:
        console.print(f"Voor {naam} zijn nog geen investeringen geladen.")
        return
    table = Table(title=f"Geld en resultaat {naam}, {overzicht.jaar}")
    naast = "Gemeente zelf" if voor == "gemeente" else "Basislijn"
    risico = f"Met risico in {overzicht.resultaatjaar}" if overzicht.resultaatjaar else "Met risico"
    for kop in ("Thema", "Afspraak", "Extra", naast, risico, "Opgelost"):
        table.add_column(kop, justify="left" if kop in ("Thema", "Afspraak") else "right")
    for r in overzicht.regels:
        bedrag = r.gemeente_zelf_eur if voor == "gemeente" else r.basislijn_eur
        opgelost = (
            f"{fmt.getal(r.opgelost)} ({fmt.procent(100 * r.opgelost_aandeel)})"
            if r.opgelost_aandeel is not None and r.opgelost is not None
            else "–"
        )
        table.add_row(
            r.naam,
            r.requirement,
            "–" if r.extra_eur is None else fmt.euro(r.extra_eur),
            "–" if bedrag is None else fmt.euro(bedrag),
            "n.v.t." if r.met_risico is None else fmt.getal(r.met_risico),
            "n.v.t." if r.met_risico is None else opgelost,
        )
    console.print(table)
    note_if_synthetic(url)


@app.command(name="gemeente")
def gemeente(
    code: str = typer.Argument(..., help="CBS-code van de gemeente, bijvoorbeeld GM0363."),
    database: str | None = DatabaseOption,
    output: str = FormatOption,
) -> None:
    """Het extra geld van de corporaties in de gemeente, naast wat de gemeente zelf investeerde."""
    url = database_url(database)
    _show(url, investments.gemeente(url, code.upper()), "gemeente", code.upper(), output)


@app.command(name="corporatie")
def corporatie(
    partij_id: str = typer.Argument(..., help="Kenmerk van de corporatie, bijvoorbeeld L0001."),
    database: str | None = DatabaseOption,
    output: str = FormatOption,
) -> None:
    """Het extra geld van een corporatie tegen haar basislijn, met de opgeloste risico's."""
    url = database_url(database)
    _show(url, investments.corporatie(url, partij_id.upper()), "corporatie", partij_id.upper(), output)
