"""``leefbaar index``: compute, show, validate and calibrate the Leefbaar liveability index."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, console, database_url, fail
from leefbaar.domain.regions import Niveau
from leefbaar.liveability import DIMENSIES, TOTAAL, Bijdrage, getal
from leefbaar.services import liveability as service

app = typer.Typer(
    help="De Leefbaar-index: berekenen, tonen, valideren en kalibreren (geen Leefbaarometer-score).",
    no_args_is_help=True,
)

_NIVEAUS = {n.value: n for n in service.NIVEAUS}
_ONDERDEEL_NAAM = {d.value: d.label for d in DIMENSIES} | {TOTAAL: "totaal"}


def _niveau(waarde: str) -> Niveau:
    if waarde not in _NIVEAUS:
        fail(f"Onbekend niveau '{waarde}'. Kies uit: {', '.join(_NIVEAUS)}.")
    return _NIVEAUS[waarde]


def _dimensiekolommen(waarden: list[str] | None) -> dict[str, str]:
    uit: dict[str, str] = {}
    for waarde in waarden or []:
        dim, _, kolom = waarde.partition("=")
        if not kolom:
            fail(f"'{waarde}' is geen DIMENSIE=KOLOM (bijvoorbeeld woningvoorraad=lbm_won).")
        uit[dim.strip()] = kolom.strip()
    return uit


@app.command("compute")
def compute_command(
    year: int | None = typer.Option(
        None, "--year", help="Het jaar waarover de index gaat; standaard het nieuwste jaar met gegevens."
    ),
    weights: Path | None = typer.Option(
        None,
        "--weights",
        help="Gewichtenbestand (YAML); standaard de meegeleverde gewichten.",
        dir_okay=False,
    ),
    indelingsjaar: int | None = typer.Option(
        None, "--indelingsjaar", help="CBS-gebiedsindeling; standaard de nieuwste in de database."
    ),
    min_inwoners: float = typer.Option(
        100, "--min-inwoners", help="Gebieden met minder inwoners: geen score."
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Bereken de index voor alle buurten, wijken en gemeenten van een jaar en sla hem op."""
    url = database_url(database)
    if year is None:
        try:
            year = service.newest_data_year(url)
        except service.IndexFout as exc:
            fail(str(exc))
        console.print(f"Geen --year opgegeven: het nieuwste jaar met gegevens is {year}.")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        taak = bar.add_task("Starten", total=None)
        try:
            uitkomst = service.compute(
                url,
                year,
                weights_path=weights,
                indelingsjaar=indelingsjaar,
                min_inwoners=min_inwoners,
                progress=lambda stap: bar.update(taak, description=stap.capitalize()),
            )
        except service.IndexFout as exc:
            fail(str(exc))
    console.print(
        f"[green]Leefbaar-index {uitkomst.jaar} berekend[/green] (indeling {uitkomst.indelingsjaar}, "
        f"gewichten '{uitkomst.gewichten}', berekening {uitkomst.run_id})."
    )
    tabel = Table(title="Gebieden per niveau", title_justify="left")
    for kop in ("Niveau", "Gebieden", "Met score", "Onderdrukt", "Indicatoren gebruikt"):
        tabel.add_column(kop)
    for verslag in uitkomst.niveaus:
        tabel.add_row(
            verslag.niveau.value,
            str(verslag.gebieden),
            str(verslag.gescoord),
            str(verslag.onderdrukt),
            str(len(verslag.gebruikt)),
        )
    console.print(tabel)
    for verslag in uitkomst.niveaus:
        console.print(
            f"[bold]{verslag.niveau.value}[/bold] gebruikt: {', '.join(verslag.gebruikt) or 'geen'}"
        )
        niet = "; ".join(f"{k} ({r})" for k, r in verslag.niet_gebruikt.items())
        console.print(f"[dim]niet gebruikt: {niet or 'geen'}[/dim]")
    if not any(v.gebruikt for v in uitkomst.niveaus):
        fail("Er zijn geen indicatoren met waarden gevonden; importeer eerst CBS-kerncijfers.")


def _score_tekst(waarde: float | None) -> str:
    return "—" if waarde is None else getal(waarde, 2)


def _bijdragen_tabel(titel: str, bijdragen: tuple[Bijdrage, ...]) -> Table:
    tabel = Table(title=titel, title_justify="left")
    for kop, rechts in (("Indicator", False), ("Waarde", True), ("Landelijke mediaan", True)):
        tabel.add_column(kop, justify="right" if rechts else "left")
    tabel.add_column("Dimensie")
    tabel.add_column("Bijdrage dimensie", justify="right")
    tabel.add_column("Bijdrage totaal", justify="right")
    for b in bijdragen:
        tabel.add_row(
            b.naam,
            getal(b.waarde),
            getal(b.mediaan),
            b.dimensie.label,
            getal(b.bijdrage_dimensie, 2),
            getal(b.bijdrage_totaal, 2),
        )
    return tabel


@app.command("show")
def show_command(
    codes: list[str] = typer.Argument(..., help="Buurt-, wijk- of gemeentecodes (BU..., WK..., GM...)."),
    year: int | None = typer.Option(None, "--year", help="Jaar; standaard het nieuwste berekende jaar."),
    database: str | None = DatabaseOption,
) -> None:
    """Toon de scores van gebieden met de bijdrage van elke indicator (objectief en subjectief apart)."""
    url = database_url(database)
    ontbrekend = []
    for code in codes:
        try:
            toelichting = service.explanation(url, code, year)
        except service.IndexFout as exc:
            if "komt niet voor" in str(exc):
                ontbrekend.append(code)
                continue
            fail(str(exc))
        s = toelichting.score
        inwoners = "onbekend" if s.inwoners is None else getal(s.inwoners, 0)
        console.print(
            f"\n[bold]{s.code}[/bold] — Leefbaar-index {s.jaar} (indeling {s.indelingsjaar}), {inwoners} inwoners"
        )
        if s.onderdrukt:
            console.print(f"[yellow]Geen score:[/yellow] {s.reden}.")
            continue
        scores = Table(title="Scores (0 = landelijke mediaan; hoger is beter)", title_justify="left")
        for kop in ("Onderdeel", "Objectief", "Klasse", "Percentiel NL", "Subjectief", "Klasse "):
            scores.add_column(kop)
        for obj, subj in zip(s.objectief, s.subjectief, strict=True):
            scores.add_row(
                _ONDERDEEL_NAAM[obj.onderdeel],
                _score_tekst(obj.score),
                obj.klasse or "—",
                _score_tekst(obj.percentiel_landelijk),
                _score_tekst(subj.score),
                subj.klasse or "—",
            )
        console.print(scores)
        console.print(_bijdragen_tabel("Objectief: bijdrage per indicator", toelichting.objectief))
        if toelichting.subjectief:
            console.print(
                _bijdragen_tabel("Subjectief (enquête): bijdrage per indicator", toelichting.subjectief)
            )
        else:
            console.print("[dim]Subjectief: geen enquêtegegevens voor dit gebied.[/dim]")
    if ontbrekend:
        fail(f"Niet gevonden in de berekende index: {', '.join(ontbrekend)}.")


@app.command("validate")
def validate_command(
    reference: Path = typer.Option(
        ..., "--reference", help="Referentiebestand (CSV of XLSX).", dir_okay=False
    ),
    code_column: str = typer.Option(..., "--code-column", help="Kolom met de gebiedscodes."),
    score_column: str = typer.Option(..., "--score-column", help="Kolom met de totaalscore (hoger = beter)."),
    dimension_column: list[str] | None = typer.Option(
        None, "--dimension-column", help="DIMENSIE=KOLOM, bijvoorbeeld woningvoorraad=lbm_won (herhaalbaar)."
    ),
    level: str = typer.Option("buurt", "--level", help="buurt, wijk of gemeente."),
    year: int | None = typer.Option(None, "--year", help="Jaar; standaard het nieuwste berekende jaar."),
    database: str | None = DatabaseOption,
) -> None:
    """Vergelijk de objectieve scores met een referentie (bijvoorbeeld de Leefbaarometer)."""
    if not reference.exists():
        fail(f"Referentiebestand '{reference}' bestaat niet.")
    try:
        uitkomst = service.validate_reference(
            database_url(database),
            reference,
            code_column,
            score_column,
            niveau=_niveau(level),
            jaar=year,
            dimension_columns=_dimensiekolommen(dimension_column),
        )
    except service.IndexFout as exc:
        fail(str(exc))
    console.print(
        f"Validatie van de Leefbaar-index {uitkomst.jaar} ({uitkomst.niveau.value}) tegen {uitkomst.bestand}:"
    )
    samenvatting = Table(title_justify="left")
    for kop in ("Onderdeel", "n", "Spearman", "Pearson", "Onderste 10% gedeeld"):
        samenvatting.add_column(kop)
    for v in uitkomst.vergelijkingen:
        gedeeld = (
            "—"
            if v.n_onderste_deciel == 0
            else f"{getal(100 * v.onderste_deciel, 0)}% van {v.n_onderste_deciel}"
        )
        samenvatting.add_row(
            _ONDERDEEL_NAAM[v.onderdeel], str(v.n), getal(v.spearman, 3), getal(v.pearson, 3), gedeeld
        )
    console.print(samenvatting)
    console.print(
        "[dim]Onderste 10% gedeeld: welk deel van de gebieden in de laagste 10% van de referentie ook in "
        "de laagste 10% van de Leefbaar-index valt.[/dim]"
    )
    for v in uitkomst.vergelijkingen:
        if v.n == 0:
            console.print(f"[yellow]{_ONDERDEEL_NAAM[v.onderdeel]}: n = 0[/yellow] — {v.reden}.")
    for v in uitkomst.vergelijkingen:
        if v.n == 0:
            continue
        afwijkingen = Table(
            title=f"Grootste verschillen in rangorde ({_ONDERDEEL_NAAM[v.onderdeel]})", title_justify="left"
        )
        for kop in ("Code", "Onze score", "Referentie", "Rang ons", "Rang referentie", "Verschil"):
            afwijkingen.add_column(kop)
        for a in v.grootste_afwijkingen:
            afwijkingen.add_row(
                a.code,
                getal(a.ons, 2),
                getal(a.referentie, 2),
                getal(a.rang_ons, 0),
                getal(a.rang_referentie, 0),
                getal(a.rangverschil, 0),
            )
        console.print(afwijkingen)


@app.command("calibrate")
def calibrate_command(
    reference: Path = typer.Option(
        ..., "--reference", help="Referentiebestand (CSV of XLSX).", dir_okay=False
    ),
    code_column: str = typer.Option(..., "--code-column", help="Kolom met de gebiedscodes."),
    score_column: str = typer.Option(
        ..., "--score-column", help="Kolom met de referentiescore (hoger = beter)."
    ),
    output: Path = typer.Option(
        ..., "--output", help="Waar het gekalibreerde gewichtenbestand komt.", dir_okay=False
    ),
    level: str = typer.Option("buurt", "--level", help="buurt, wijk of gemeente."),
    year: int | None = typer.Option(None, "--year", help="Jaar; standaard het nieuwste berekende jaar."),
    folds: int = typer.Option(5, "--folds", min=2, help="Aantal delen voor de kruisvalidatie."),
    seed: int = typer.Option(0, "--seed", help="Startwaarde van de willekeurige verdeling in delen."),
    database: str | None = DatabaseOption,
) -> None:
    """Pas de gewichten aan een referentiescore aan en schrijf ze als gewichtenbestand."""
    if not reference.exists():
        fail(f"Referentiebestand '{reference}' bestaat niet.")
    try:
        uitkomst = service.calibrate_reference(
            database_url(database),
            reference,
            code_column,
            score_column,
            output,
            niveau=_niveau(level),
            jaar=year,
            folds=folds,
            seed=seed,
        )
    except service.IndexFout as exc:
        fail(str(exc))
    console.print(
        f"Gekalibreerd op {uitkomst.n} gebieden, {uitkomst.folds}-voudige kruisvalidatie (seed {seed})."
    )
    console.print(
        f"Spearman op weggelaten gebieden: gekalibreerd {getal(uitkomst.spearman_gekalibreerd, 3)}, "
        f"standaardgewichten {getal(uitkomst.spearman_standaard, 3)}."
    )
    modellen = Table(title="Modellen (Spearman op weggelaten gebieden)", title_justify="left")
    modellen.add_column("Model")
    modellen.add_column("Spearman", justify="right")
    for m in uitkomst.kandidaten:
        naam = f"{m.naam} (gekozen)" if m.sleutel == uitkomst.model else m.naam
        modellen.add_row(naam, getal(m.spearman, 3))
    modellen.add_row(
        "ter vergelijking: gewoon lineair model, vrije tekens (niet toegestaan)",
        getal(uitkomst.spearman_lineair, 3),
    )
    console.print(modellen)
    console.print(uitkomst.uitleg)
    gewichten = Table(title="Gefitte gewichten (aandeel)", title_justify="left")
    gewichten.add_column("Indicator")
    gewichten.add_column("Gewicht", justify="right")
    for sleutel, w in sorted(uitkomst.gefit.items(), key=lambda kv: -kv[1]):
        gewichten.add_row(sleutel, getal(w, 3))
    console.print(gewichten)
    console.print(
        f"[green]Gewichten geschreven naar {output}[/green]; gebruik: leefbaar index compute --weights {output}"
    )
