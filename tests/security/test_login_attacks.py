"""Login under attack (issue 13, item 4) replayed: parallel guesses are each counted and locked out,
nothing fails with a 500, every attempt is audited, one client is rate-limited, and argon2
verifications are bounded."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import text

from leefbaar.config import Settings
from leefbaar.services import accounts
from leefbaar.storage.engine import get_engine
from tests.security.conftest import Omgeving
from tests.security.helpers import PASSWORD
from tests.security.test_web_auth import _login

DEV = Settings(environment="development", login_max_failures=5)


def test_thirty_parallel_wrong_passwords_are_each_counted_then_the_right_one_is_locked_out(
    empty_db: str,
) -> None:
    accounts.create_account(empty_db, "a@gemeente.nl", "gemeente", "GM0363", PASSWORD)
    now = accounts.utcnow()

    def guess(i: int) -> accounts.LoginResult:
        return accounts.authenticate(empty_db, "a@gemeente.nl", f"fout-wachtwoord-{i}", now=now, settings=DEV)

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(guess, range(30)))  # an exception (a 500 on the page) would raise here
    assert all(r.account is None for r in results)
    # Attempts 1-4 are plain failures; the fifth failure and every attempt after it meet the lock.
    assert sum(r.geblokkeerd_tot is not None for r in results) >= 26
    right = accounts.authenticate(empty_db, "a@gemeente.nl", PASSWORD, now=now, settings=DEV)
    assert right.account is None and "geblokkeerd" in right.reden
    with get_engine(empty_db).connect() as conn:
        stored = conn.execute(text("SELECT mislukt, geblokkeerd_tot FROM inlogpoging")).one()
    assert stored[0] >= 5 and stored[1] == now + timedelta(minutes=DEV.login_lockout_minutes)


def test_parallel_right_and_wrong_passwords_never_let_more_than_the_limit_through(empty_db: str) -> None:
    # 90 wrong guesses with the right one among them: the right one is tried only if it comes among
    # the first five attempts counted; after that it meets the lock like every other.
    accounts.create_account(empty_db, "a@gemeente.nl", "gemeente", "GM0363", PASSWORD)
    now = accounts.utcnow()
    passwords = [f"fout-wachtwoord-{i}" for i in range(90)] + [PASSWORD]

    def attempt(password: str) -> accounts.LoginResult:
        return accounts.authenticate(empty_db, "a@gemeente.nl", password, now=now, settings=DEV)

    with ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(attempt, passwords))
    checked = [r for r in results if r.geblokkeerd_tot is None or "nu geblokkeerd" in r.intern]
    assert len(checked) <= DEV.login_max_failures
    assert sum(r.account is not None for r in results) == 0  # the right one came last: locked out


def test_every_web_login_attempt_is_audited_without_errors(omgeving: Omgeving) -> None:
    client = omgeving.client
    statuses = [_login(client, "corporatie", f"fout-wachtwoord-{i}").status_code for i in range(7)]
    assert statuses == [400, 400, 400, 400, 429, 429, 429]
    with get_engine(omgeving.url).connect() as conn:
        contents = conn.execute(text("SELECT inhoud FROM auditregel")).scalars().all()
    logins = [json.loads(c) for c in contents if '"inloggen"' in c]
    assert len(logins) == 7


def test_a_refused_demo_account_answers_like_a_wrong_password(empty_db: str) -> None:
    # Before: "demo-accounts werken alleen in een ontwikkelomgeving" only for the right password,
    # which told an attacker the published password was still valid.
    accounts.create_demo_accounts(empty_db, settings=DEV)
    email, _rol, _org, password = accounts.DEMO_ACCOUNTS[0]
    prod = Settings(environment="production", secret_key="x" * 40, pseudonym_key="ab" * 32)
    right = accounts.authenticate(empty_db, email, password, settings=prod)
    wrong = accounts.authenticate(empty_db, email, password + "-niet", settings=prod)
    assert right.account is None and wrong.account is None
    assert right.reden == wrong.reden == accounts.WRONG_CREDENTIALS


def test_one_client_is_rate_limited_across_addresses(empty_db: str) -> None:
    now = accounts.utcnow()
    answers = [
        accounts.authenticate(
            empty_db, f"iemand{i}@x.nl", "wat-dan-ook-12", client="203.0.113.9", now=now, settings=DEV
        )
        for i in range(accounts.CLIENT_ATTEMPTS_PER_WINDOW + 1)
    ]
    assert not any(a.te_druk for a in answers[:-1])
    assert answers[-1].te_druk and "te veel inlogpogingen vanaf dit adres" in answers[-1].reden
    other = accounts.authenticate(
        empty_db, "x@x.nl", "wat-dan-ook-12", client="198.51.100.1", now=now, settings=DEV
    )
    assert not other.te_druk
    later = now + accounts.CLIENT_WINDOW + timedelta(seconds=1)
    again = accounts.authenticate(
        empty_db, "y@x.nl", "wat-dan-ook-12", client="203.0.113.9", now=later, settings=DEV
    )
    assert not again.te_druk


def test_argon2_verifications_are_bounded(monkeypatch: pytest.MonkeyPatch, empty_duckdb: str) -> None:
    running = 0
    most = 0
    guard = threading.Lock()

    def slow_verify(stored: str | None, password: str) -> bool:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with guard:
            running -= 1
        return False

    monkeypatch.setattr(accounts, "_verify", slow_verify)
    with ThreadPoolExecutor(max_workers=12) as pool:
        list(
            pool.map(
                lambda i: accounts.authenticate(empty_duckdb, f"p{i}@x.nl", "wat-dan-ook-12", settings=DEV),
                range(12),
            )
        )
    assert most == accounts.PARALLEL_VERIFICATIONS


def test_a_password_reset_revokes_api_tokens(empty_db: str) -> None:
    accounts.create_account(empty_db, "a@gemeente.nl", "gemeente", "GM0363", PASSWORD)
    token, _ = accounts.create_token(empty_db, "a@gemeente.nl", "lezen", settings=DEV)
    assert accounts.token_account(empty_db, token, settings=DEV) is not None
    accounts.reset_password(empty_db, "a@gemeente.nl", "nieuw-wachtwoord-42")
    assert accounts.token_account(empty_db, token, settings=DEV) is None


def test_a_policy_refusal_of_a_logged_in_account_is_audited(omgeving: Omgeving) -> None:
    client = omgeving.client
    _login(client, "corporatie")
    answer = client.get("/verwerkingenlog")  # the processing log: beheerder only
    assert answer.status_code == 403
    with get_engine(omgeving.url).connect() as conn:
        contents = conn.execute(text("SELECT inhoud FROM auditregel")).scalars().all()
    refusals = [json.loads(c) for c in contents if '"toegang GET /verwerkingenlog"' in c]
    assert len(refusals) == 1 and refusals[0]["resultaat"] == "geweigerd"
