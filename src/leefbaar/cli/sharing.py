"""``leefbaar delen``: register, list and end sharing agreements, share a signal, apply retention.

Commands that change something act as a named account (``--als EMAIL``): the audit log records
that account, and the same rules apply as on the web page (docs/sharing.md). The household
reference of a signal is never an option (it would end up in the shell history and the process
list): it is asked, or read from standard input with ``--huishouden-stdin``.

Exit codes: 0 done, 1 refused (not allowed, not found, no covering agreement), 2 invalid input.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from typing import NoReturn

import typer

from leefbaar.cli.common import DatabaseOption, console, database_url, error_console, fail
from leefbaar.privacy.sharing import Gegevenscategorie
from leefbaar.services import sharing
from leefbaar.services.accounts import Account
from leefbaar.services.processing_log import Geweigerd

ALS_HELP = "E-mailadres van het account namens wie u dit doet (beheerder of de verstrekkende partij)."
CATEGORIEEN = ", ".join(c.value for c in Gegevenscategorie)
SIGNAALSOORTEN = ", ".join(c.value for c in sharing.SIGNAALCATEGORIEEN)
INVALID = 2


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail(f"{name} '{value}' is geen datum in de vorm JJJJ-MM-DD.", INVALID)


def _actor(url: str, email: str) -> Account:
    try:
        return sharing.acting_account(url, email)
    except Geweigerd as exc:
        fail(str(exc))


def _invalid(exc: sharing.Invoerfouten) -> NoReturn:
    """Print every field problem and stop with exit code 2; nothing was stored."""
    for fout in exc.fouten:
        error_console.print(f"[red]Fout[/red] bij {fout.veld}: {fout.tekst}", highlight=False)
    fail("er is niets opgeslagen.", INVALID)


app = typer.Typer(
    help="Gegevensdelingsovereenkomsten en signalen tussen corporatie, gemeente en zorgpartner.",
    no_args_is_help=True,
)


@app.command("afspraken")
def afspraken(
    partij: str | None = typer.Option(None, "--partij", help="Alleen overeenkomsten van deze partij."),
    datum: str | None = typer.Option(
        None, "--datum", help="Status op deze datum JJJJ-MM-DD (standaard vandaag)."
    ),
    database_option: str | None = DatabaseOption,
) -> None:
    """Toon de overeenkomsten met partijen, doel, categorieën, bewaartermijn en status."""
    url = database_url(database_option)
    today = _date(datum, "--datum") or datetime.now(UTC).date()
    found = sharing.load_agreements(url, partij.strip().upper() if partij else None)
    if not found:
        console.print("Geen overeenkomsten gevonden.", markup=False)
        return
    # One block per agreement rather than a table: eight columns do not fit a terminal.
    console.print(f"Gegevensdelingsovereenkomsten op {today:%d-%m-%Y}:", markup=False)
    for a in sorted(found, key=lambda a: (a.begindatum, a.id), reverse=True):
        eind = f"{a.einddatum:%d-%m-%Y}" if a.einddatum else "beëindiging"
        categorieen = ", ".join(sorted(c.value for c in a.categorieen))
        console.print(f"\n{a.id} [{sharing.agreement_status(a, today).value}]", markup=False)
        console.print(f"  {a.verstrekker} -> {a.ontvanger}, doel {a.doel} ({categorieen})", markup=False)
        console.print(
            f"  bewaartermijn {a.bewaartermijn.iso()}, geldig {a.begindatum:%d-%m-%Y} t/m {eind}",
            markup=False,
        )


@app.command("afspraak-toevoegen")
def afspraak_toevoegen(
    als: str = typer.Option(..., "--als", help=ALS_HELP),
    ontvanger: str = typer.Option(..., "--ontvanger", help="Partij-id van de ontvanger, bv. GM0363."),
    doel: str = typer.Option(..., "--doel", help="Doel als code, bv. vroegsignalering_schulden."),
    doel_omschrijving: str = typer.Option(..., "--doel-omschrijving", help="Het doel in woorden."),
    grondslag: str = typer.Option(..., "--grondslag", help="De wettelijke grondslag."),
    categorie: list[str] = typer.Option(
        ..., "--categorie", help=f"Gegevenscategorie (herhaal voor meer): {CATEGORIEEN}."
    ),
    bewaartermijn: str = typer.Option(..., "--bewaartermijn", help="ISO 8601, bv. P6M, P90D of P1Y."),
    begindatum: str = typer.Option(..., "--begindatum", help="Eerste dag JJJJ-MM-DD."),
    einddatum: str = typer.Option("", "--einddatum", help="Laatste dag JJJJ-MM-DD (leeg: tot beëindiging)."),
    verstrekker: str = typer.Option(
        "", "--verstrekker", help="Partij-id van de verstrekker (standaard de organisatie van --als)."
    ),
    kenmerk: str = typer.Option("", "--kenmerk", help="Kenmerk van de overeenkomst (leeg: gegenereerd)."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Registreer een gegevensdelingsovereenkomst (gecontroleerd zoals op de website; gelogd)."""
    url = database_url(database_option)
    account = _actor(url, als)
    invoer = sharing.AfspraakInvoer(
        verstrekker=verstrekker,
        ontvanger=ontvanger,
        doel=doel,
        doel_omschrijving=doel_omschrijving,
        grondslag=grondslag,
        categorieen=tuple(categorie),
        bewaartermijn=bewaartermijn,
        begindatum=begindatum,
        einddatum=einddatum,
        overeenkomst_id=kenmerk,
    )
    try:
        a = sharing.register_agreement_from_input(url, account, invoer)
    except Geweigerd as exc:
        fail(str(exc))
    except sharing.Invoerfouten as exc:
        _invalid(exc)
    console.print(
        f"Overeenkomst {a.id} geregistreerd: {a.verstrekker} -> {a.ontvanger}, doel {a.doel}, "
        f"bewaartermijn {a.bewaartermijn.iso()}, vanaf {a.begindatum:%d-%m-%Y}.",
        markup=False,
    )


@app.command("afspraak-beeindigen")
def afspraak_beeindigen(
    kenmerk: str = typer.Argument(..., help="Kenmerk van de overeenkomst."),
    als: str = typer.Option(..., "--als", help="E-mailadres van de beheerder of een account van een partij."),
    einddatum: str | None = typer.Option(
        None, "--einddatum", help="Laatste dag waarop de overeenkomst geldt (standaard vandaag)."
    ),
    per_direct: bool = typer.Option(
        False, "--per-direct", help="Vandaag geldt de overeenkomst al niet meer (einddatum gisteren)."
    ),
    database_option: str | None = DatabaseOption,
) -> None:
    """Beëindig een overeenkomst eerder: daarna wordt niets meer gedeeld of ingezien."""
    url = database_url(database_option)
    if per_direct and einddatum:
        fail("geef --einddatum of --per-direct, niet allebei.", INVALID)
    end = _date(einddatum, "--einddatum")
    if per_direct:
        end = datetime.now(UTC).date() - timedelta(days=1)
    account = _actor(url, als)
    try:
        a = sharing.end_agreement(url, account, kenmerk, end)
    except sharing.NietGevonden as exc:
        fail(str(exc))
    except sharing.Invoerfouten as exc:
        _invalid(exc)
    assert a.einddatum is not None
    console.print(f"Overeenkomst {a.id} geldt tot en met {a.einddatum:%d-%m-%Y}.", markup=False)


@app.command("signaal")
def signaal(
    als: str = typer.Option(..., "--als", help="E-mailadres van een account van de verstrekkende partij."),
    overeenkomst: str = typer.Option(..., "--overeenkomst", help="Kenmerk van de overeenkomst."),
    categorie: str = typer.Option(..., "--categorie", help=f"Soort signaal: {SIGNAALSOORTEN}."),
    omschrijving: str = typer.Option(..., "--omschrijving", help="Wat de ontvanger moet weten."),
    signaaldatum: str = typer.Option("", "--signaaldatum", help="JJJJ-MM-DD (standaard vandaag)."),
    huishouden_stdin: bool = typer.Option(
        False, "--huishouden-stdin", help="Lees de referentie van het huishouden van stdin (één regel)."
    ),
    database_option: str | None = DatabaseOption,
) -> None:
    """Deel een signaal over een huishouden; de referentie wordt gevraagd en nooit opgeslagen."""
    url = database_url(database_option)
    account = _actor(url, als)
    if huishouden_stdin:
        huishouden = sys.stdin.readline().rstrip("\r\n")
    else:
        huishouden = str(typer.prompt("Referentie van het huishouden"))
    invoer = sharing.SignaalInvoer(overeenkomst, categorie, huishouden, omschrijving, signaaldatum)
    try:
        s = sharing.share_signal_from_input(url, account, invoer)
    except (Geweigerd, sharing.NietGevonden) as exc:
        fail(str(exc))
    except sharing.Invoerfouten as exc:
        _invalid(exc)
    # Not the pseudonym: the sender must not learn which pseudonym the receiver sees.
    console.print(
        f"Signaal gedeeld met {s.ontvanger} onder overeenkomst {s.overeenkomst_id} "
        f"(doel {s.doel}); het wordt verwijderd op {s.verwijderdatum:%d-%m-%Y}.",
        markup=False,
    )


@app.command("opschonen")
def opschonen(
    datum: str | None = typer.Option(None, "--datum", help="Peildatum JJJJ-MM-DD (standaard vandaag)."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Verwijder signalen waarvan de bewaartermijn is verstreken; elke verwijdering wordt gelogd."""
    url = database_url(database_option)
    deleted = sharing.purge_expired(url, today=_date(datum, "--datum"))
    console.print(f"{len(deleted)} signaal/signalen verwijderd na afloop van de bewaartermijn.", markup=False)
