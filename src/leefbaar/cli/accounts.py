"""``leefbaar accounts``: create accounts, reset passwords, list accounts, issue API tokens, demo accounts."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from leefbaar.cli.common import DatabaseOption, console, database_url, fail
from leefbaar.config import get_settings
from leefbaar.domain.parties import Rol
from leefbaar.services import accounts, sharing

ROLLEN = ", ".join(r.value for r in Rol)


def _password(password_stdin: bool) -> str:
    """The new password: from standard input (one line) or asked twice, never as an option."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Herhaal het wachtwoord"))


app = typer.Typer(help="Accounts, wachtwoorden en API-tokens beheren.", no_args_is_help=True)


@app.command("create")
def create(
    email: str = typer.Option(..., "--email", help="E-mailadres (de inlognaam)."),
    rol: str = typer.Option(..., "--rol", help=f"Rol: {ROLLEN}."),
    organisatie: str = typer.Option(
        ...,
        "--organisatie",
        help="Partij-id van de organisatie, bv. GM0363, L0001, ZP0001 (beheerder: LEEFBAAR).",
    ),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Lees het wachtwoord van stdin."),
    zonder_wachtwoord: bool = typer.Option(
        False,
        "--zonder-wachtwoord",
        help="Geen wachtwoord: het account logt alleen in via OpenID Connect (zie docs/security.md).",
    ),
    database_option: str | None = DatabaseOption,
) -> None:
    """Maak een account aan; het wachtwoord wordt gevraagd (of van stdin gelezen)."""
    url = database_url(database_option)
    if zonder_wachtwoord and password_stdin:
        fail("kies --zonder-wachtwoord of --password-stdin, niet allebei")
    password = None if zonder_wachtwoord else _password(password_stdin)
    try:
        account = accounts.create_account(url, email, rol, organisatie, password)
    except accounts.AccountError as exc:
        fail(str(exc))
    how = " (zonder wachtwoord: inloggen via OpenID Connect)" if password is None else ""
    console.print(f"Account aangemaakt: {account.label}{how}.", markup=False)


@app.command("reset-password")
def reset_password(
    email: str = typer.Option(..., "--email", help="E-mailadres van het account."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Lees het wachtwoord van stdin."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Stel een nieuw wachtwoord in; een blokkade vervalt en alle sessies van het account eindigen."""
    url = database_url(database_option)
    try:
        account = accounts.reset_password(url, email, _password(password_stdin))
    except accounts.AccountError as exc:
        fail(str(exc))
    console.print(f"Wachtwoord gewijzigd voor {account.label}; alle sessies zijn beëindigd.", markup=False)


@app.command("deactivate")
def deactivate(
    email: str = typer.Option(..., "--email", help="E-mailadres van het account."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Zet een account op non-actief: inloggen en tokens werken niet meer, sessies eindigen."""
    url = database_url(database_option)
    try:
        account = accounts.deactivate(url, email)
    except accounts.AccountError as exc:
        fail(str(exc))
    console.print(f"Account op non-actief gezet: {account.label}.", markup=False)


@app.command("list")
def list_(database_option: str | None = DatabaseOption) -> None:
    """Toon alle accounts met rol, organisatie en status."""
    url = database_url(database_option)
    table = Table(title="Accounts")
    for kolom in ("e-mail", "rol", "organisatie", "status"):
        table.add_column(kolom)
    for a in accounts.list_accounts(url):
        status = ("actief" if a.actief else "non-actief") + (" (demo)" if a.demo else "")
        table.add_row(a.email, a.rol.value, a.organisatie, status)
    console.print(table)


@app.command("token")
def token(
    email: str = typer.Option(..., "--email", help="E-mailadres van het account."),
    scope: list[str] = typer.Option(
        ..., "--scope", help="Scope: lezen, signalen, verwerkingenlog of schrijven (herhaal voor meer)."
    ),
    naam: str = typer.Option("", "--naam", help="Waarvoor het token is, bv. 'koppeling wijkteam'."),
    dagen: int | None = typer.Option(None, "--dagen", min=1, max=366, help="Geldigheid in dagen."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Maak een API-token; het wordt één keer getoond en alleen als hash bewaard."""
    url = database_url(database_option)
    try:
        value, info = accounts.create_token(url, email, " ".join(scope), naam, dagen=dagen)
    except accounts.AccountError as exc:
        fail(str(exc))
    scopes = " ".join(sorted(s.value for s in info.scopes))
    console.print(
        f"Token {info.token_id} ({scopes}), geldig tot {info.verloopt_op:%Y-%m-%d}. "
        "Bewaar het nu; het wordt niet nog eens getoond:",
        markup=False,
    )
    typer.echo(value)


@app.command("revoke-token")
def revoke_token(
    token_id: str = typer.Argument(..., help="Het token-id (het deel na lb_)."),
    database_option: str | None = DatabaseOption,
) -> None:
    """Trek een API-token in."""
    url = database_url(database_option)
    if not accounts.revoke_token(url, token_id):
        fail(f"geen actief token met id {token_id}")
    console.print(f"Token {token_id} ingetrokken.", markup=False)


@app.command("demo")
def demo(database_option: str | None = DatabaseOption) -> None:
    """Maak de gedocumenteerde demo-accounts aan (alleen in een ontwikkelomgeving)."""
    url = database_url(database_option)
    try:
        made = accounts.create_demo_accounts(url)
    except accounts.AccountError as exc:
        fail(str(exc))
    for a in made:
        console.print(f"Demo-account: {a.label}", markup=False)
    console.print("De wachtwoorden staan in docs/security.md.", markup=False)
    by_role = {a.rol: a for a in made}
    shared = sharing.create_demo_sharing(
        url, by_role[Rol.BEHEERDER], by_role[Rol.CORPORATIE], settings=get_settings()
    )
    if shared:
        console.print(f"Demo-overeenkomsten geregistreerd en {shared} demo-signalen gedeeld.", markup=False)
