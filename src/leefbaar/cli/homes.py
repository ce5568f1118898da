"""``leefbaar woningvoorraad``, ``fair-share``, ``concentratie`` and ``instrumenten``: a home for everyone.

Each command parses its options, calls one function of ``leefbaar.services.homes`` and renders the
result as a Dutch table, or as JSON with ``--format json``. Counts of allocations arrive already
suppressed: a hidden count is shown as ``<5`` (fewer than k) or ``x`` (hidden to protect another
cell, or derived from a hidden one), with a legend under the table.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from leefbaar.cli.common import (
    DatabaseOption,
    console,
    database_url,
    fail,
    note_if_synthetic,
    with_synthetic_flag,
)
from leefbaar.privacy.disclosure import LabelStyle, hidden_label
from leefbaar.services import homes
from leefbaar.services.database import SchemaOutdated, ensure_schema

Row = dict[str, Any]


class Formaat(StrEnum):
    TABEL = "tabel"
    JSON = "json"


FormatOption = typer.Option(Formaat.TABEL, "--format", help="Uitvoer: tabel (standaard) of json.")
ConfigOption = typer.Option(
    None,
    "--config",
    help="Regionale configuratie (YAML): verdeelsleutels, behoefte per groep, taakstelling, pijplijn. "
    "Zie docs/home-for-everyone.md en examples/homes/.",
    exists=True,
    dir_okay=False,
    readable=True,
)
PeildatumOption = typer.Option(
    None, "--peildatum", help="Peildatum (JJJJ-MM-DD); standaard de nieuwste gegevens."
)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"Peildatum '{value}' is geen datum (JJJJ-MM-DD).")


def _prepare(database: str | None, config: Path | None) -> tuple[str, homes.Instellingen]:
    url = database_url(database)
    try:
        ensure_schema(url)
        return url, homes.load_config(config)
    except (SchemaOutdated, ValueError) as exc:  # HomesError and a bad database URL are ValueErrors
        fail(str(exc))


def _json(data: Row) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _pct(value: float | None) -> str:
    return "x" if value is None else f"{value * 100:.1f}%".replace(".", ",")


def _num(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "x"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _cell(row: Row, column: str, k: int, decimals: int = 0, percent: bool = False) -> str:
    """A value as text; hidden: '<k' for a primary cell, 'x' otherwise."""
    value = row.get(column)
    if value is None and column in row.get("onderdrukt", {}):
        return hidden_label(row["onderdrukt"][column], k, LabelStyle.AMSTERDAM)
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return _pct(value) if percent else _num(value, decimals)


def _legend(k: int) -> None:
    console.print(
        f"[dim]<{k}: minder dan {k} toewijzingen, niet getoond; x: verborgen omdat het een onderdrukte cel "
        "zou onthullen, of afgeleid van een onderdrukte cel.[/dim]"
    )


#: Added to ``leefbaar`` without a group name (cli/__init__.py): its commands are top level.
app = typer.Typer()


@app.command(name="woningvoorraad")
def woningvoorraad_command(
    gemeente: str | None = typer.Option(None, "--gemeente", help="Gemeentecode, bijvoorbeeld GM0363."),
    provincie: str | None = typer.Option(None, "--provincie", help="Provinciecode, bijvoorbeeld PV27."),
    doeljaar: int | None = typer.Option(None, "--doeljaar", help="Doeljaar voor 30% (standaard 2030)."),
    peildatum: str | None = PeildatumOption,
    config: Path | None = ConfigOption,
    formaat: Formaat = FormatOption,
    database: str | None = DatabaseOption,
) -> None:
    """Sociale huur tegen 30%: tabel en projectie van een gemeente, of het overzicht van een provincie."""
    if (gemeente is None) == (provincie is None):
        fail("Geef precies één van --gemeente en --provincie.", code=2)
    day = _date(peildatum)
    url, settings = _prepare(database, config)
    try:
        if gemeente is not None:
            data = homes.woningvoorraad(url, gemeente, peildatum=day, doeljaar=doeljaar, config=settings)
        else:
            assert provincie is not None
            data = homes.provincie(url, provincie, peildatum=day, doeljaar=doeljaar, config=settings)
    except homes.HomesError as exc:
        fail(str(exc))
    if formaat is Formaat.JSON:
        _json(with_synthetic_flag(url, data))
    elif gemeente is not None:
        _print_gemeente(data)
        note_if_synthetic(url)
    else:
        _print_provincie(data)
        note_if_synthetic(url)


@app.command(name="fair-share")
def fair_share_command(
    regio: str = typer.Option(..., "--regio", help="Provinciecode (PV26) of een regio uit de configuratie."),
    periode: str = typer.Option(..., "--periode", help="Jaar (2025) of halfjaar (2025-1, 2025-2)."),
    groep: str | None = typer.Option(None, "--groep", help="Alleen deze aandachtsgroep tonen."),
    alle: bool = typer.Option(False, "--alle", help="Ook gemeenten met doel en realisatie 0 tonen."),
    peildatum: str | None = PeildatumOption,
    config: Path | None = ConfigOption,
    formaat: Formaat = FormatOption,
    database: str | None = DatabaseOption,
) -> None:
    """Eerlijk delen van aandachtsgroepen: doel, gerealiseerd, afwijking en herverdelingsvoorstel."""
    day = _date(peildatum)
    url, settings = _prepare(database, config)
    try:
        data = homes.fair_share(url, regio, periode, config=settings, groep=groep, peildatum=day)
    except homes.HomesError as exc:
        fail(str(exc))
    if formaat is Formaat.JSON:
        _json(with_synthetic_flag(url, data))
    else:
        _print_fair_share(data, alle)
        note_if_synthetic(url)


@app.command(name="concentratie")
def concentratie_command(
    gemeente: str = typer.Option(..., "--gemeente", help="Gemeentecode, bijvoorbeeld GM0363."),
    periode: str | None = typer.Option(
        None, "--periode", help="Jaar of halfjaar; standaard het nieuwste jaar met toewijzingen."
    ),
    alleen_gesignaleerd: bool = typer.Option(
        False, "--alleen-gesignaleerd", help="Toon alleen de gesignaleerde buurten."
    ),
    alle: bool = typer.Option(False, "--alle", help="Ook buurten zonder toewijzingen tonen."),
    peildatum: str | None = PeildatumOption,
    config: Path | None = ConfigOption,
    formaat: Formaat = FormatOption,
    database: str | None = DatabaseOption,
) -> None:
    """Concentratie van toewijzingen aan aandachtsgroepen per buurt tegen het gemeentelijk gemiddelde."""
    day = _date(peildatum)
    url, settings = _prepare(database, config)
    try:
        data = homes.concentratie(url, gemeente, periode, config=settings, peildatum=day)
    except homes.HomesError as exc:
        fail(str(exc))
    if alleen_gesignaleerd:
        data = {**data, "rijen": [r for r in data["rijen"] if r["gesignaleerd"]]}
    if formaat is Formaat.JSON:
        _json(with_synthetic_flag(url, data))
    else:
        _print_concentratie(data, alle)
        note_if_synthetic(url)


@app.command(name="instrumenten")
def instrumenten_command(
    gemeente: str | None = typer.Option(None, "--gemeente", help="Gemeentecode, bijvoorbeeld GM0363."),
    provincie: str | None = typer.Option(None, "--provincie", help="Provinciecode, bijvoorbeeld PV27."),
    peildatum: str | None = typer.Option(
        None, "--peildatum", help="Peildatum (JJJJ-MM-DD); standaard vandaag."
    ),
    formaat: Formaat = FormatOption,
    database: str | None = DatabaseOption,
) -> None:
    """Urgentieverordening (verplichte groepen) en woonzorgvisie (actueel) per gemeente."""
    if (gemeente is None) == (provincie is None):
        fail("Geef precies één van --gemeente en --provincie.", code=2)
    day = _date(peildatum)
    url, _ = _prepare(database, None)
    try:
        data = homes.instrumenten(url, gemeentecode=gemeente, provinciecode=provincie, peildatum=day)
    except homes.HomesError as exc:
        fail(str(exc))
    if formaat is Formaat.JSON:
        _json(with_synthetic_flag(url, data))
    else:
        _print_instrumenten(data)
        note_if_synthetic(url)


# ---------------------------------------------------------------- tables


def _print_gemeente(d: Row) -> None:
    console.print(f"[bold]{d['naam']} ({d['gemeentecode']})[/bold], woningvoorraad op {d['peildatum']}")
    facts = Table(show_header=False, box=None)
    facts.add_column()
    facts.add_column(justify="right")
    b = d["benodigd"]
    for label, value in (
        ("Woningen", _num(d["woningen"])),
        ("Corporatiewoningen (sociaal)", _num(d["corporatiewoningen"])),
        ("Overige sociale huur", _num(d["overige_sociale_huur"])),
        ("Sociale huur", _num(d["sociale_huur"])),
        ("Aandeel sociale huur", _pct(d["aandeel"])),
        (f"Tekort tot {d['doelpercentage']}% (bestaande voorraad)", _num(d["tekort"])),
        (f"Tekort tot {d['doelpercentage']}% (met nieuwbouw)", _num(d["tekort_nieuwbouw"])),
        (f"Nodig per jaar tot {b['doeljaar']} ({b['jaren']} jaar)", _num(b["per_jaar_afgerond"])),
        ("Verwachte groei voorraad per jaar", _num(b["groei_per_jaar"], 1)),
    ):
        facts.add_row(label, value)
    console.print(facts)
    if b["meer_dan_groei"]:
        console.print("[yellow]Er zijn meer sociale toevoegingen nodig dan de hele voorraad groeit.[/yellow]")
    table = Table(title="Projectie (stand eind van het jaar)", title_justify="left")
    for heading in ("Jaar", "Sociale huur", "Woningen", "Aandeel", "Op 30%"):
        table.add_column(heading, justify="right")
    for j in d["traject"]["jaren"]:
        table.add_row(
            str(j["jaar"]), _num(j["sociale_huur"]), _num(j["woningen"]), _pct(j["aandeel"]),
            "ja" if j["op_doel"] else "nee",
        )  # fmt: skip
    console.print(table)
    console.print(f"Uitkomst: [bold]{d['traject']['uitkomst']}[/bold]")


def _print_provincie(d: Row) -> None:
    table = Table(
        title=f"{d['naam']} ({d['provinciecode']}): sociale huur op {d['peildatum']}, doeljaar {d['doeljaar']}",
        title_justify="left",
    )
    for heading, justify in (
        ("Gemeente", "left"), ("Aandeel", "right"), ("Tekort", "right"), ("Nodig/jaar", "right"),
        ("Gepland/jaar", "right"), ("Aandeel doeljaar", "right"), ("Kandidaat", "left"), ("Toelichting", "left"),
    ):  # fmt: skip
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for r in d["rijen"]:
        table.add_row(
            f"{r['naam']} ({r['gemeentecode']})", _pct(r["aandeel"]), _num(r["tekort"]),
            _num(r["benodigd_per_jaar"], 1), _num(r["gepland_per_jaar"], 1), _pct(r["aandeel_doeljaar"]),
            "[red]ja[/red]" if r["interventiekandidaat"] else "nee", r["toelichting"],
        )  # fmt: skip
    console.print(table)
    n = len(d["interventiekandidaten"])
    console.print(f"Kandidaten voor interventie door de provincie: {n}")
    if d["zonder_woningen"]:
        console.print(
            f"[dim]Zonder woninggegevens (niet beoordeeld): {len(d['zonder_woningen'])} gemeenten.[/dim]"
        )


def _print_fair_share(d: Row, alle: bool) -> None:
    k = d["k"]
    console.print(f"[bold]{d['naam']} ({d['regio']})[/bold], periode {d['periode']}, sleutel: {d['sleutel']}")
    table = Table(title_justify="left")
    for heading, justify in (
        ("Groep", "left"), ("Gemeente", "left"), ("Sleutel", "right"), ("Doel", "right"),
        ("Gerealiseerd", "right"), ("Afwijking", "right"), ("Voorstel", "right"), ("Verschuiving", "right"),
    ):  # fmt: skip
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    # Hidden counts are never 0 (zeros are published), so rows with a hidden count are always shown.
    shown = [r for r in d["rijen"] if alle or r["gerealiseerd"] != 0 or r["doel"] not in (0, None)]
    for r in shown:
        table.add_row(
            r["groep"], f"{r['naam']} ({r['gemeentecode']})", _cell(r, "sleutelaandeel", k, percent=True),
            _cell(r, "doel", k), _cell(r, "gerealiseerd", k), _cell(r, "afwijking", k), _cell(r, "voorstel", k),
            _cell(r, "verschuiving", k),
        )  # fmt: skip
    for t in d["totalen"]:
        table.add_row(
            f"[bold]{t['groep']}[/bold]", "[bold]Regio totaal[/bold]", "", _cell(t, "doel", k),
            _cell(t, "gerealiseerd", k), "", "", "",
        )  # fmt: skip
    console.print(table)
    _legend(k)
    if len(shown) < len(d["rijen"]):
        console.print(
            f"[dim]{len(d['rijen']) - len(shown)} regels met doel en realisatie 0 niet getoond (--alle).[/dim]"
        )
    if d["taakstelling"]:
        task = Table(title="Taakstelling statushouders (pro rata inwoners)", title_justify="left")
        for heading in ("Halfjaar", "Gemeente", "Inwoners", "Taakstelling"):
            task.add_column(heading)
        for t in d["taakstelling"]:
            task.add_row(t["halfjaar"], t["gemeentecode"], _num(t["inwoners"]), _num(t["taakstelling"]))
        console.print(task)
    for note in d["opmerkingen"]:
        console.print(f"[dim]{note}[/dim]")


def _print_concentratie(d: Row, alle: bool) -> None:
    k = d["k"]
    dr = d["drempel"]
    console.print(
        f"[bold]{d['naam']} ({d['gemeentecode']})[/bold], periode {d['periode']}: toewijzingen aan "
        f"aandachtsgroepen per 100 sociale huurwoningen; signaal bij {_num(dr['verhouding'], 1)} × het "
        f"gemeentelijk gemiddelde en minstens {dr['minimum_toewijzingen']} toewijzingen"
    )
    table = Table(title_justify="left")
    for heading, justify in (
        ("Buurt", "left"), ("Sociale huur", "right"), ("Toewijzingen", "right"), ("Per 100", "right"),
        ("Verhouding", "right"), ("Signaal", "left"), ("Reden", "left"),
    ):  # fmt: skip
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    # A hidden count is None, not 0 (even a hidden zero), so rows with hidden counts are always shown.
    shown = [r for r in d["rijen"] if alle or r["toewijzingen_aandachtsgroepen"] != 0]
    for r in shown:
        per100 = "x" if r["aandeel"] is None else _num(r["aandeel"] * 100, 1)
        table.add_row(
            f"{r['naam'] or ''} ({r['buurtcode']})", _num(r["sociale_huurwoningen"]),
            _cell(r, "toewijzingen_aandachtsgroepen", k), per100, _cell(r, "verhouding", k, 2),
            "x" if r["gesignaleerd"] is None else "[red]ja[/red]" if r["gesignaleerd"] else "nee", r["reden"],
        )  # fmt: skip
    t = d["totaal"]
    table.add_row(
        "[bold]Gemeente[/bold]", _num(t["sociale_huurwoningen"]), _cell(t, "toewijzingen_aandachtsgroepen", k),
        "", "", "", "",
    )  # fmt: skip
    console.print(table)
    _legend(k)
    if len(shown) < len(d["rijen"]):
        console.print(
            f"[dim]{len(d['rijen']) - len(shown)} buurten zonder toewijzingen niet getoond (--alle).[/dim]"
        )
    console.print(f"Gesignaleerde buurten: {len(d['gesignaleerd'])}")
    for note in d["opmerkingen"]:
        console.print(f"[dim]{note}[/dim]")


def _print_instrumenten(d: Row) -> None:
    table = Table(title=f"Urgentieverordening en woonzorgvisie op {d['peildatum']}", title_justify="left")
    for heading in (
        "Gemeente",
        "Verordening",
        "Dekking",
        "Toelichting",
        "Woonzorgvisie",
        "Actueel",
        "Toelichting",
    ):
        table.add_column(heading)
    for r in d["rijen"]:
        table.add_row(
            f"{r['naam']} ({r['gemeentecode']})", r["vastgesteld_op"] or "-",
            f"{r['gedekte_groepen']}/{r['verplichte_groepen']}", r["toelichting"],
            r["woonzorgvisie_vastgesteld_op"] or "-", "ja" if r["woonzorgvisie_actueel"] else "nee",
            r["woonzorgvisie_toelichting"],
        )  # fmt: skip
    console.print(table)
