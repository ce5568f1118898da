"""``leefbaar audit``: verify the processing log, export its anchor, delete expired signals, rotate
the pseudonym key and show the key versions."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import typer

from leefbaar.cli.common import DatabaseOption, database_url
from leefbaar.config import get_settings
from leefbaar.services import accounts, processing_log, pseudonym_keys, sharing
from leefbaar.services.database import SchemaOutdated, ensure_schema
from leefbaar.services.imports import default_user

ANCHOR_HELP = "Bestand met geëxporteerde ankerpunten; standaard LEEFBAAR_AUDIT_ANCHOR_FILE."


app = typer.Typer(help="Verwerkingenlog controleren en bewaartermijnen uitvoeren.", no_args_is_help=True)


@app.command("verify")
def verify(
    anker_bestand: str | None = typer.Option(None, "--anker-bestand", help=ANCHOR_HELP),
    database_option: str | None = DatabaseOption,
) -> None:
    """Controleer de hashketens van het verwerkingenlog en het auditlog tegen hun ankerpunten."""
    url = database_url(database_option)
    path = anker_bestand if anker_bestand is not None else get_settings().audit_anchor_file
    try:
        results = processing_log.verify(url, path or None)
    except processing_log.LogError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(code=2) from None
    broken = False
    for result in results:
        if result.breuk is None:
            typer.echo(result.tekst())
        else:
            broken = True
            typer.echo(f"GEMANIPULEERD: {result.tekst()}", err=True)
    if broken:
        raise typer.Exit(code=1)
    typer.echo("Het verwerkingenlog is intact.")


@app.command("anker")
def anker(
    anker_bestand: str | None = typer.Option(None, "--anker-bestand", help=ANCHOR_HELP),
    database_option: str | None = DatabaseOption,
) -> None:
    """Schrijf de huidige kop van beide ketens bij in het ankerbestand (buiten de database)."""
    url = database_url(database_option)
    path = anker_bestand or get_settings().audit_anchor_file
    if not path:
        typer.echo("Fout: geef --anker-bestand op of stel LEEFBAAR_AUDIT_ANCHOR_FILE in.", err=True)
        raise typer.Exit(code=2)
    lines = processing_log.export_anchor(url, path)
    for line in lines:
        typer.echo(line)
    typer.echo(f"{len(lines)} ankerpunt(en) toegevoegd aan {path}.")


@app.command("opschonen")
def opschonen(
    datum: str | None = typer.Option(None, "--datum", help="Peildatum JJJJ-MM-DD (standaard vandaag)."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Verwijder signalen waarvan de bewaartermijn is verstreken (elke verwijdering wordt gelogd) en verlopen sessies."""
    url = database_url(database_option)
    try:
        today = date.fromisoformat(datum) if datum else None
    except ValueError:
        typer.echo(f"Fout: '{datum}' is geen datum in de vorm JJJJ-MM-DD.", err=True)
        raise typer.Exit(code=2) from None
    deleted = sharing.purge_expired(url, today=today)
    typer.echo(f"{len(deleted)} signaal/signalen verwijderd na afloop van de bewaartermijn.")
    sessions = accounts.purge_sessions(url)
    typer.echo(f"{sessions} verlopen sessie(s) verwijderd.")


KEY_FILE_HELP = (
    "Schrijf de nieuwe sleutel in dit bestand (alleen leesbaar voor u; het mag nog niet bestaan) "
    "in plaats van hem op het scherm te tonen."
)


@app.command("sleutel-roteren")
def sleutel_roteren(
    sleutel_bestand: Path | None = typer.Option(None, "--sleutel-bestand", help=KEY_FILE_HELP),
    database_option: str | None = DatabaseOption,
) -> None:
    """Maak een nieuwe pseudonimiseringssleutel: versie en vingerafdruk worden vastgelegd, nooit de sleutel."""
    url = database_url(database_option)
    settings = get_settings()
    handle = None
    if sleutel_bestand is not None:
        # Created (only readable by its owner) before the version is recorded: a key is never lost.
        try:
            handle = os.open(sleutel_bestand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            typer.echo(
                f"Fout: {sleutel_bestand} kan niet als nieuw bestand worden gemaakt ({exc.strerror}).",
                err=True,
            )
            raise typer.Exit(code=2) from None
    try:
        ensure_schema(url)
        rotatie = pseudonym_keys.rotate(url, door=f"opdrachtregel ({default_user()})", settings=settings)
    except (processing_log.SleutelFout, SchemaOutdated) as exc:
        if handle is not None and sleutel_bestand is not None:
            os.close(handle)
            sleutel_bestand.unlink()
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(code=2) from None
    if handle is not None:
        with os.fdopen(handle, "w", encoding="ascii") as f:
            f.write(rotatie.sleutel_hex + "\n")
        sleutel = f"<de inhoud van {sleutel_bestand}>"
    else:
        sleutel = rotatie.sleutel_hex
    vorige = f"{rotatie.vorige_versie}:<de huidige waarde van LEEFBAAR_PSEUDONYM_KEY>"
    if settings.pseudonym_keys_previous.strip():
        vorige += ",<de huidige waarde van LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS>"
    for line in (
        f"Nieuwe pseudonimiseringssleutel: versie {rotatie.versie}, vingerafdruk {rotatie.vingerafdruk}.",
        "In de database staan alleen het versienummer en de vingerafdruk, nooit de sleutel zelf.",
        "",
        "Stel nu in op elke machine waarop Leefbaar draait (bewaar de sleutel in uw geheimenbeheer;",
        "Leefbaar toont hem geen tweede keer):",
        f"  LEEFBAAR_PSEUDONYM_KEY={sleutel}",
        f"  LEEFBAAR_PSEUDONYM_KEY_VERSION={rotatie.versie}",
        f"  LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS={vorige}",
        "en herstart Leefbaar. Tot die herstart maakt Leefbaar pseudoniemen met versie "
        f"{rotatie.vorige_versie}.",
        "",
        f"Daarna krijgen nieuwe pseudoniemen versie {rotatie.versie}.",
        "Wat onder een vorige versie is opgeslagen, blijft vindbaar (wie zag dit huishouden) zolang die "
        "versie bij de vorige sleutels staat.",
        "Haal een vorige sleutel pas weg als niets wat eronder is opgeslagen nog nodig is.",
        "Een ontvanger van signalen ziet een huishouden na de wissel onder een nieuw pseudoniem: "
        "pseudoniemen van verschillende versies zijn niet te vergelijken.",
        "Controleer na de herstart met: leefbaar audit sleutels",
    ):
        typer.echo(line)


@app.command("sleutels")
def sleutels(database_option: str | None = DatabaseOption) -> None:
    """Toon de vastgelegde en ingestelde sleutelversies met hun vingerafdruk (nooit de sleutel)."""
    url = database_url(database_option)
    try:
        ensure_schema(url)
        standen = pseudonym_keys.status(url)
    except (processing_log.SleutelFout, SchemaOutdated) as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(code=2) from None
    for stand in standen:
        typer.echo(stand.tekst())
    if not all(stand.klopt for stand in standen):
        typer.echo("De ingestelde sleutels passen niet bij de vastgelegde versies.", err=True)
        raise typer.Exit(code=1)
