"""``leefbaar agreements``: check and list agreement files, import one into the database as a new
version, export a stored version as YAML, show the stored agreements, their versions and the
status of their qualitative commitments, and report a status or react to one as an account."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, console, database_url, fail
from leefbaar.domain.agreements import Reactie, Status
from leefbaar.services import agreements, sharing
from leefbaar.services.accounts import Account
from leefbaar.services.agreements import (
    AfspraakGeweigerd,
    AfspraakNietGevonden,
    AfspraakOngeldig,
    ToezeggingGeweigerd,
    default_agreements_dir,
    read_agreement_file,
    read_agreements_dir,
)
from leefbaar.services.database import SchemaOutdated, ensure_schema
from leefbaar.services.processing_log import Geweigerd
from leefbaar.services.sharing.fields import Invoerfouten

app = typer.Typer(
    help="Nationale en lokale prestatieafspraken: bestanden controleren, importeren en exporteren, "
    "versies en status van toezeggingen.",
    no_args_is_help=True,
)

AlsOption = typer.Option(
    None,
    "--als",
    help="Handel namens dit account (e-mailadres): de eigendomsregels gelden en het auditlog legt het "
    "vast. Zonder --als handelt de beheerder van deze database.",
)


def _zin(text: str) -> str:
    """A Dutch message as a sentence: its first letter upper case (codes such as L0001 stay as they are)."""
    return text[:1].upper() + text[1:]


@app.command("check")
def check(bestand: Path = typer.Argument(..., help="Het afsprakenbestand (YAML) om te controleren.")) -> None:
    """Controleer een afsprakenbestand tegen het schema en de indicatorcatalogus."""
    result = read_agreement_file(bestand)
    if result.agreement is None:
        _print_errors(f"Ongeldig: {bestand} ({len(result.fouten)} fout(en))", result.fouten)
        raise typer.Exit(code=1)
    agreement = result.agreement
    typer.echo(f"Geldig: {agreement.titel} ({agreement.aantal_toezeggingen} toezeggingen)")


def _print_errors(kop: str, fouten: tuple[object, ...]) -> None:
    err = Console(stderr=True, highlight=False)
    err.print(kop, markup=False)
    for fout in fouten:
        err.print(f"  {getattr(fout, 'pad', '')}: {getattr(fout, 'reden', fout)}", markup=False)


@app.command("list")
def list_agreements(
    map_: Path | None = typer.Option(
        None, "--map", help="Map met afsprakenbestanden; standaard de afspraken die Leefbaar meelevert."
    ),
) -> None:
    """Toon de afsprakenbestanden in de map, met soort, gemeente, periode en aantal toezeggingen."""
    folder = map_ if map_ is not None else default_agreements_dir()
    results = read_agreements_dir(folder)
    table = Table(title=f"Afspraken in {folder}")
    for kolom in ("bestand", "id", "soort", "gemeente", "periode", "toezeggingen", "status"):
        table.add_column(kolom)
    for result in results:
        naam = Path(result.bestand).name
        agreement = result.agreement
        if agreement is None:
            table.add_row(naam, "", "", "", "", "", f"ongeldig ({len(result.fouten)} fout(en))")
            continue
        gemeente = agreement.gemeente.code if agreement.gemeente else ""
        periode = f"{agreement.periode.start} t/m {agreement.periode.eind}"
        aantal = str(agreement.aantal_toezeggingen)
        table.add_row(naam, agreement.id, agreement.soort, gemeente, periode, aantal, "geldig")
    Console(width=160).print(table)
    if any(not result.ok for result in results):
        raise typer.Exit(code=1)


def _url(database: str | None) -> str:
    url = database_url(database)
    try:
        ensure_schema(url)
    except SchemaOutdated as exc:
        fail(str(exc))
    return url


def _account(url: str, als: str | None) -> Account | None:
    if als is None:
        return None
    try:
        return sharing.acting_account(url, als)
    except Geweigerd as exc:
        fail(str(exc))


@app.command("import")
def import_agreement(
    bestand: Path = typer.Argument(..., help="Het afsprakenbestand (YAML).", exists=True, dir_okay=False),
    reden: str | None = typer.Option(None, "--reden", help="Waarom deze versie; standaard de bestandsnaam."),
    als: str | None = AlsOption,
    database: str | None = DatabaseOption,
) -> None:
    """Leg de afspraak in het bestand vast als nieuwe versie (gecontroleerd zoals 'check')."""
    url = _url(database)
    account = _account(url, als)
    try:
        result = agreements.import_agreement_file(url, bestand, account=account, reden=reden)
    except AfspraakOngeldig as exc:
        _print_errors(f"Ongeldig: {bestand} ({len(exc.fouten)} fout(en))", exc.fouten)
        raise typer.Exit(code=1) from exc
    except AfspraakGeweigerd as exc:
        fail(f"Geweigerd: {exc}.")
    if result.nieuw:
        console.print(f"[green]Vastgelegd:[/green] {result.afspraak_id} versie {result.versie}.")
    else:
        console.print(
            f"[yellow]Ongewijzigd:[/yellow] {result.afspraak_id} is al zo vastgelegd (versie {result.versie})."
        )


@app.command("export")
def export_agreement(
    afspraak_id: str = typer.Argument(..., help="Het id van de afspraak."),
    versie: int | None = typer.Option(None, "--versie", min=1, help="Welke versie; standaard de actuele."),
    uit: Path | None = typer.Option(None, "--uit", help="Schrijf naar dit bestand in plaats van het scherm."),
    database: str | None = DatabaseOption,
) -> None:
    """Geef een vastgelegde versie van een afspraak als YAML (het afsprakenformaat)."""
    try:
        text = agreements.export_agreement(_url(database), afspraak_id, versie)
    except AfspraakNietGevonden as exc:
        fail(f"{_zin(str(exc))}.")
    if uit is None:
        typer.echo(text, nl=False)
    else:
        uit.write_text(text, encoding="utf-8")
        console.print(f"Geschreven: {uit}")


@app.command("stored")
def stored(database: str | None = DatabaseOption) -> None:
    """Toon de afspraken in de database (actuele versie)."""
    rows = agreements.current_rows(_url(database))
    table = Table(title="Afspraken in de database")
    for kolom in ("id", "soort", "gemeente", "periode", "versie", "vastgelegd", "partijen"):
        table.add_column(kolom, overflow="fold")
    for r in rows:
        table.add_row(
            r["afspraak_id"],
            r["soort"],
            r["gemeentecode"] or "",
            f"{r['startdatum']} t/m {r['einddatum']}",
            str(r["versie"]),
            r["vastgelegd_op"].isoformat(sep=" "),
            str(len(r["partijen"])),
        )
    Console(width=180).print(table)


@app.command("versions")
def versions(
    afspraak_id: str = typer.Argument(..., help="Het id van de afspraak."),
    database: str | None = DatabaseOption,
) -> None:
    """Toon alle versies van een afspraak: wie, wanneer, waarom."""
    try:
        rows = agreements.agreement_versions(_url(database), afspraak_id)
    except AfspraakNietGevonden as exc:
        fail(f"{_zin(str(exc))}.")
    table = Table(title=f"Versies van {afspraak_id}")
    for kolom in ("versie", "vastgelegd (UTC)", "organisatie", "reden"):
        table.add_column(kolom, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["versie"]), r["vastgelegd_op"].isoformat(sep=" "), r["organisatie"], escape(r["reden"])
        )
    Console(width=160).print(table)


@app.command("status")
def status(
    afspraak_id: str = typer.Argument(..., help="Het id van de afspraak."),
    database: str | None = DatabaseOption,
) -> None:
    """Toon de status van de kwalitatieve toezeggingen van een afspraak (vandaag)."""
    url = _url(database)
    try:
        stored_agreement = agreements.stored_agreement(url, afspraak_id)
    except AfspraakNietGevonden as exc:
        fail(f"{_zin(str(exc))}.")
    table = Table(title=f"Kwalitatieve toezeggingen van {afspraak_id}")
    for kolom in ("toezegging", "partij", "status", "toelichting"):
        table.add_column(kolom, overflow="fold")
    for stand in agreements.qualitative_states(url, stored_agreement):
        for deel in stand.delen:
            betwist = " (betwist)" if deel.oordeel.betwist else ""
            table.add_row(
                stand.toezegging.id, deel.naam, deel.oordeel.status.value + betwist, deel.oordeel.uitleg
            )
        if stand.niet_gemeld and stand.status_niet_gemeld is not None:
            table.add_row(
                stand.toezegging.id, f"{stand.niet_gemeld} zonder melding", stand.status_niet_gemeld.value, ""
            )
    Console(width=180).print(table)


@app.command("report")
def report(
    afspraak_id: str = typer.Argument(..., help="Het id van de afspraak."),
    toezegging_id: str = typer.Argument(..., help="Het id van de kwalitatieve toezegging."),
    status_: str = typer.Option(
        ..., "--status", help="gehaald, op koers, risico, niet gehaald of geen gegevens."
    ),
    toelichting: str = typer.Option("", "--toelichting", help="Toelichting (bewijs in woorden)."),
    link: str = typer.Option("", "--link", help="Link naar het bewijs (https://...)."),
    document: Path | None = typer.Option(
        None, "--document", help="Bewijsdocument: PDF, ODT of DOCX.", exists=True
    ),
    als: str = typer.Option(
        ..., "--als", help="Meld namens dit account (e-mailadres) van de verantwoordelijke partij."
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Meld de status van een kwalitatieve toezegging, met bewijs, namens de verantwoordelijke partij."""
    url = _url(database)
    account = _account(url, als)
    assert account is not None
    try:
        gekozen = Status(status_)
    except ValueError:
        fail(f"Onbekende status '{status_}': kies uit {', '.join(s.value for s in Status)}.", code=2)
    upload = agreements.Upload(document.name, document.read_bytes()) if document else None
    try:
        melding = agreements.report_status(
            url,
            account,
            afspraak_id,
            toezegging_id,
            gekozen,
            toelichting=toelichting,
            link=link,
            document=upload,
        )
    except (AfspraakNietGevonden, ToezeggingGeweigerd, Invoerfouten) as exc:
        fail(f"{_zin(str(exc))}")
    console.print(f"[green]Gemeld:[/green] {toezegging_id}: {gekozen.value} (melding {melding}).")


@app.command("react")
def react(
    afspraak_id: str = typer.Argument(..., help="Het id van de afspraak."),
    toezegging_id: str = typer.Argument(..., help="Het id van de kwalitatieve toezegging."),
    melding: int = typer.Argument(..., help="Het nummer van de gemelde status."),
    reactie: str = typer.Option(..., "--reactie", help="bevestigd of betwist."),
    toelichting: str = typer.Option("", "--toelichting", help="Waarom (verplicht bij betwist)."),
    als: str = typer.Option(
        ..., "--als", help="Reageer namens dit account (e-mailadres) van een medeondertekenaar."
    ),
    database: str | None = DatabaseOption,
) -> None:
    """Bevestig of betwist een gemelde status, als partij die de afspraak mede ondertekende."""
    url = _url(database)
    account = _account(url, als)
    assert account is not None
    try:
        gekozen = Reactie(reactie)
    except ValueError:
        fail(f"Onbekende reactie '{reactie}': kies bevestigd of betwist.", code=2)
    try:
        agreements.react_to_status(
            url, account, afspraak_id, toezegging_id, melding, gekozen, toelichting=toelichting
        )
    except (AfspraakNietGevonden, ToezeggingGeweigerd, Invoerfouten) as exc:
        fail(f"{_zin(str(exc))}")
    console.print(f"[green]Vastgelegd:[/green] {gekozen.value} op melding {melding}.")
