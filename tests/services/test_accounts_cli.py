"""``leefbaar accounts``: create (password from stdin), list, reset, token, demo refused in production."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.config import get_settings
from leefbaar.services import accounts

runner = CliRunner()
PASSWORD = "correct-paard-batterij"


def _run(url: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["accounts", *args, "--database", url], input=stdin)
    # Rich wraps long lines at the terminal width; join them so the assertions read whole sentences.
    text = result.output if args[0] == "token" else " ".join(result.output.split())
    return result.exit_code, text


def test_create_list_reset_and_token(empty_db: str) -> None:
    code, out = _run(
        empty_db, "create", "--email", "a@gm.nl", "--rol", "gemeente", "--organisatie", "GM0363",
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, out
    assert "Account aangemaakt: a@gm.nl (gemeente, GM0363)." in out
    assert accounts.authenticate(empty_db, "a@gm.nl", PASSWORD).account is not None
    code, out = _run(empty_db, "list")
    assert code == 0 and "a@gm.nl" in out and "GM0363" in out
    code, out = _run(
        empty_db, "reset-password", "--email", "a@gm.nl", "--password-stdin", stdin="nieuw-wachtwoord-9\n"
    )
    assert code == 0, out
    assert accounts.authenticate(empty_db, "a@gm.nl", "nieuw-wachtwoord-9").account is not None
    code, out = _run(empty_db, "token", "--email", "a@gm.nl", "--scope", "lezen", "--scope", "signalen")
    assert code == 0, out
    token = out.strip().splitlines()[-1]
    found = accounts.token_account(empty_db, token)
    assert found is not None and {s.value for s in found[1]} == {"lezen", "signalen"}


def test_create_with_prompt_asks_twice(empty_db: str) -> None:
    code, out = _run(
        empty_db, "create", "--email", "b@l.nl", "--rol", "corporatie", "--organisatie", "L0001",
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert code == 0, out
    assert PASSWORD not in out  # the password is not echoed


def test_create_without_password_for_openid_connect_only(empty_db: str) -> None:
    code, out = _run(
        empty_db, "create", "--email", "oidc@gm.nl", "--rol", "gemeente", "--organisatie", "GM0363",
        "--zonder-wachtwoord",
    )  # fmt: skip
    assert code == 0, out
    assert "Account aangemaakt: oidc@gm.nl (gemeente, GM0363) (zonder wachtwoord" in out
    # No password works, not even an empty one; the account exists for OpenID Connect.
    assert accounts.authenticate(empty_db, "oidc@gm.nl", "").account is None
    assert accounts.authenticate(empty_db, "oidc@gm.nl", PASSWORD).account is None
    assert any(a.email == "oidc@gm.nl" for a in accounts.list_accounts(empty_db))
    code, out = _run(
        empty_db, "create", "--email", "x@gm.nl", "--rol", "gemeente", "--organisatie", "GM0363",
        "--zonder-wachtwoord", "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 1 and "niet allebei" in out


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--rol", "gemeente", "--organisatie", "L0001"], "past niet bij de rol"),  # wrong party id shape
        (["--rol", "keizer", "--organisatie", "GM0363"], "onbekende rol"),  # unknown role
    ],
)
def test_create_refuses_with_dutch_message(empty_db: str, args: list[str], melding: str) -> None:
    code, out = _run(
        empty_db, "create", "--email", "c@x.nl", *args, "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 1
    assert melding in out


def test_demo_accounts_refused_in_production_cli(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEEFBAAR_ENVIRONMENT", "production")
    get_settings.cache_clear()
    try:
        code, out = _run(empty_db, "demo")
    finally:
        get_settings.cache_clear()
    assert code == 1
    assert "alleen toegestaan in een ontwikkelomgeving" in out
    assert accounts.list_accounts(empty_db) == []
