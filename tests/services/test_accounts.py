"""Accounts: argon2id passwords, role/organisation checks, lockout, sessions, API tokens, demo accounts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from leefbaar.config import Settings
from leefbaar.domain.parties import Rol
from leefbaar.services import accounts
from leefbaar.services.accounts import AccountError, Scope
from leefbaar.storage.engine import get_engine

PASSWORD = "correct-paard-batterij"
DEV = Settings(environment="development")


def _make(
    url: str, email: str = "a@gemeente.nl", rol: str = "gemeente", org: str = "GM0363"
) -> accounts.Account:
    return accounts.create_account(url, email, rol, org, PASSWORD)


def test_password_stored_as_argon2id_and_login_works(empty_db: str) -> None:
    made = _make(empty_db, "A@Gemeente.NL ")
    with get_engine(empty_db).connect() as conn:
        stored = conn.execute(text("SELECT wachtwoord_hash FROM account")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    result = accounts.authenticate(empty_db, "a@gemeente.nl", PASSWORD, settings=DEV)
    assert result.account == made
    assert made.email == "a@gemeente.nl"  # normalised
    assert accounts.authenticate(empty_db, "a@gemeente.nl", PASSWORD + "x", settings=DEV).account is None


@pytest.mark.parametrize(
    ("rol", "org", "fout"),
    [
        ("gemeente", "L0001", "past niet bij de rol"),  # a municipality account needs a GM code
        ("corporatie", "GM0363", "past niet bij de rol"),  # an association needs an L code
        ("zorgpartner", "ZP001", "past niet bij de rol"),  # four digits
        ("beheerder", "GM0363", "hoort bij organisatie LEEFBAAR"),  # administrators belong to the platform
        ("koning", "GM0363", "onbekende rol"),  # not a role
    ],
)
def test_role_and_organisation_must_fit(empty_db: str, rol: str, org: str, fout: str) -> None:
    with pytest.raises(AccountError, match=fout):
        accounts.create_account(empty_db, "x@y.nl", rol, org, PASSWORD)


@pytest.mark.parametrize(
    ("password", "fout"),
    [
        ("kort", "korter dan 12"),  # too short
        (" met-spatie-ervoor", "spatie"),  # leading space is almost always a paste mistake
    ],
)
def test_weak_password_refused(empty_db: str, password: str, fout: str) -> None:
    with pytest.raises(AccountError, match=fout):
        accounts.create_account(empty_db, "x@y.nl", "gemeente", "GM0363", password)


def test_duplicate_email_refused(empty_db: str) -> None:
    _make(empty_db)
    with pytest.raises(AccountError, match="bestaat al"):
        _make(empty_db, "A@gemeente.nl")


def test_lockout_after_five_failures_refuses_even_the_right_password(empty_db: str) -> None:
    _make(empty_db)
    now = accounts.utcnow()
    for attempt in range(4):
        result = accounts.authenticate(empty_db, "a@gemeente.nl", "fout-wachtwoord", now=now, settings=DEV)
        assert result.geblokkeerd_tot is None, attempt
    fifth = accounts.authenticate(empty_db, "a@gemeente.nl", "fout-wachtwoord", now=now, settings=DEV)
    assert fifth.geblokkeerd_tot == now + timedelta(minutes=15)
    locked = accounts.authenticate(
        empty_db, "a@gemeente.nl", PASSWORD, now=now + timedelta(minutes=14), settings=DEV
    )
    assert locked.account is None and "geblokkeerd" in locked.reden
    later = accounts.authenticate(
        empty_db, "a@gemeente.nl", PASSWORD, now=now + timedelta(minutes=15), settings=DEV
    )
    assert later.account is not None


def test_unknown_address_locks_the_same_way(empty_db: str) -> None:
    # Same answers for unknown and known addresses: the form reveals no account list.
    now = accounts.utcnow()
    answers = [
        accounts.authenticate(empty_db, "niemand@x.nl", "wat-dan-ook-123", now=now, settings=DEV).reden
        for _ in range(5)
    ]
    assert answers[:4] == ["e-mailadres of wachtwoord onjuist"] * 4
    assert "geblokkeerd" in answers[4]


def test_success_resets_the_failure_count(empty_db: str) -> None:
    _make(empty_db)
    now = accounts.utcnow()
    for _ in range(4):
        accounts.authenticate(empty_db, "a@gemeente.nl", "fout-wachtwoord", now=now, settings=DEV)
    assert accounts.authenticate(empty_db, "a@gemeente.nl", PASSWORD, now=now, settings=DEV).account
    for _ in range(4):
        result = accounts.authenticate(empty_db, "a@gemeente.nl", "fout-wachtwoord", now=now, settings=DEV)
    assert result.geblokkeerd_tot is None


def test_session_rotates_and_old_id_stops_working(empty_db: str) -> None:
    account = _make(empty_db)
    first = accounts.start_session(empty_db, account, settings=DEV)
    assert accounts.session_account(empty_db, first, settings=DEV) == account
    second = accounts.start_session(empty_db, account, old_session_id=first, settings=DEV)
    assert second != first
    assert accounts.session_account(empty_db, first, settings=DEV) is None
    assert accounts.session_account(empty_db, second, settings=DEV) == account
    with get_engine(empty_db).connect() as conn:
        stored = conn.execute(text("SELECT sessie_hash FROM sessie")).scalars().all()
    assert second not in stored and len(stored) == 1  # only the hash is stored


def test_session_idle_and_absolute_timeouts(empty_db: str) -> None:
    account = _make(empty_db)
    sid = accounts.start_session(empty_db, account, settings=DEV)
    now = accounts.utcnow()
    assert accounts.session_account(empty_db, sid, now=now + timedelta(minutes=29), settings=DEV) == account
    # Used at minute 29: idle counts from then.
    assert accounts.session_account(empty_db, sid, now=now + timedelta(minutes=58), settings=DEV) == account
    assert accounts.session_account(empty_db, sid, now=now + timedelta(minutes=58 + 31), settings=DEV) is None
    sid2 = accounts.start_session(empty_db, account, settings=DEV)
    assert (
        accounts.session_account(empty_db, sid2, now=now + timedelta(hours=12, minutes=1), settings=DEV)
        is None
    )


def test_password_reset_ends_sessions_and_lifts_lockout(empty_db: str) -> None:
    account = _make(empty_db)
    sid = accounts.start_session(empty_db, account, settings=DEV)
    for _ in range(5):
        accounts.authenticate(empty_db, "a@gemeente.nl", "fout-wachtwoord", settings=DEV)
    accounts.reset_password(empty_db, "a@gemeente.nl", "nieuw-wachtwoord-42")
    assert accounts.session_account(empty_db, sid, settings=DEV) is None
    assert accounts.authenticate(empty_db, "a@gemeente.nl", "nieuw-wachtwoord-42", settings=DEV).account
    assert not accounts.authenticate(empty_db, "a@gemeente.nl", PASSWORD, settings=DEV).account


def test_deactivated_account_cannot_log_in_or_use_tokens(empty_db: str) -> None:
    account = _make(empty_db)
    token, _ = accounts.create_token(empty_db, account.email, "lezen", settings=DEV)
    accounts.deactivate(empty_db, account.email)
    assert accounts.authenticate(empty_db, account.email, PASSWORD, settings=DEV).account is None
    assert accounts.token_account(empty_db, token) is None


def test_api_token_scopes_expiry_and_revocation(empty_db: str) -> None:
    account = _make(empty_db)
    token, info = accounts.create_token(empty_db, account.email, "lezen signalen", "koppeling", settings=DEV)
    assert token.startswith(f"lb_{info.token_id}_")
    found = accounts.token_account(empty_db, token)
    assert found == (account, frozenset({Scope.LEZEN, Scope.SIGNALEN}))
    assert accounts.token_account(empty_db, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert accounts.token_account(empty_db, token, now=info.verloopt_op) is None  # expired
    with get_engine(empty_db).connect() as conn:
        stored = conn.execute(text("SELECT token_hash FROM api_token")).scalar_one()
    assert stored != token and token not in stored
    assert accounts.revoke_token(empty_db, info.token_id)
    assert accounts.token_account(empty_db, token) is None
    assert not accounts.revoke_token(empty_db, info.token_id)  # already revoked


def test_unknown_scope_refused(empty_db: str) -> None:
    _make(empty_db)
    with pytest.raises(AccountError, match="onbekende scope 'alles'"):
        accounts.create_token(empty_db, "a@gemeente.nl", "alles", settings=DEV)


def test_demo_accounts_refused_in_production(empty_db: str) -> None:
    with pytest.raises(AccountError, match="alleen toegestaan in een ontwikkelomgeving"):
        accounts.create_demo_accounts(empty_db, settings=Settings(environment="production"))
    assert accounts.list_accounts(empty_db) == []


def test_demo_accounts_one_per_role_with_documented_passwords(empty_db: str) -> None:
    made = accounts.create_demo_accounts(empty_db, settings=DEV)
    assert sorted(a.rol for a in made) == sorted(Rol)
    for email, _rol, _org, password in accounts.DEMO_ACCOUNTS:
        assert accounts.authenticate(empty_db, email, password, settings=DEV).account is not None
    # Idempotent: a second call creates nothing new.
    accounts.create_demo_accounts(empty_db, settings=DEV)
    assert len(accounts.list_accounts(empty_db)) == len(Rol)


def test_demo_accounts_stop_working_outside_development(empty_db: str) -> None:
    # A demo database copied to a server: the published passwords, sessions and tokens open nothing.
    accounts.create_demo_accounts(empty_db, settings=DEV)
    email, _rol, _org, password = accounts.DEMO_ACCOUNTS[3]
    account = accounts.get_account(empty_db, email)
    assert account is not None
    session = accounts.start_session(empty_db, account, settings=DEV)
    token, _ = accounts.create_token(empty_db, email, "lezen", settings=DEV)
    prod = Settings(environment="production")
    refused = accounts.authenticate(empty_db, email, password, settings=prod)
    # The same words as a wrong password (no oracle for the published password); the audit knows why.
    assert refused.account is None and refused.reden == accounts.WRONG_CREDENTIALS
    assert "demo-account" in refused.intern
    assert accounts.token_account(empty_db, token, settings=prod) is None
    assert accounts.session_account(empty_db, session, settings=prod) is None


def test_actor_links_parties_of_performance_agreements(tiny_db: str) -> None:
    # The tiny demo stores the example lokaal-GM0363-amsterdam-2024-2027 with GM0363, HO0001, HO0002,
    # L0001, L0002 and ZP0001 as parties.
    huurders = accounts.create_account(tiny_db, "h@ho.nl", "huurdersorganisatie", "HO0001", PASSWORD)
    actor = accounts.actor_for(tiny_db, huurders)
    assert actor is not None
    assert {"GM0363", "L0001", "L0002"} <= actor.verbonden_partijen
    assert "HO0001" not in actor.verbonden_partijen
    assert "GM0599" not in actor.verbonden_partijen
