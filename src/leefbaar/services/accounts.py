"""Accounts, passwords, login with lockout, web sessions and scoped API tokens.

Every account belongs to one organisation (a party id such as ``GM0363`` or ``L0001``) and has one
role (:class:`leefbaar.privacy.policy.Rol`). What an account may see is decided by
``leefbaar.privacy.policy.decide``; :func:`actor_for` turns an account into the policy's Actor.

- Passwords: argon2id (argon2-cffi's defaults, RFC 9106 second recommended profile), at least
  12 characters. An unknown e-mail address costs the same hash as a known one, and locks the
  same way, so the login form does not reveal which addresses have an account.
- Lockout: ``login_max_failures`` failures in a row for one address lock it for
  ``login_lockout_minutes``; during the lockout even the right password is refused. Attempts are
  counted atomically before the password is checked, per address and per client address (a rate
  limit), and at most ``PARALLEL_VERIFICATIONS`` argon2 checks run at once.
- OpenID Connect: :func:`oidc_account` maps the verified claims of an ID token (checked by
  ``web.oidc``) to an existing active account; it never creates accounts, roles or organisations.
- Sessions: a random 256-bit id in the cookie, only its SHA-256 in the database; a new id at every
  login (the old one is deleted), an idle and an absolute time-out, all sessions end at a password
  reset.
- API tokens: ``lb_<id>_<secret>``, shown once; stored as SHA-256 (the secret has 256 bits, so a
  slow hash adds nothing); each has scopes (``lezen``, ``signalen``, ``verwerkingenlog``) and an
  expiry date.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from leefbaar.config import Settings, get_settings
from leefbaar.domain.parties import (
    BEHEER_ORGANISATIE,
    ID_PATTERN_PER_SOORT,
    PartijSoort,
    Rol,
    organisatie_past_bij_rol,
)
from leefbaar.privacy.policy import Actor
from leefbaar.storage import privacy_queries as q

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes any length; this only stops absurd request bodies

_EMAIL = re.compile(r"[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the address is unknown, so both paths cost one argon2 verification.

    Made on first use, not at import: hashing costs a fifth of a second on every command's start.
    """
    return _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A request about accounts that cannot be carried out (message in Dutch)."""


class Scope(StrEnum):
    """What an API token may be used for (on top of the account's role)."""

    LEZEN = "lezen"
    SIGNALEN = "signalen"
    VERWERKINGENLOG = "verwerkingenlog"


@dataclass(frozen=True)
class Account:
    account_id: str
    email: str
    rol: Rol
    organisatie: str
    actief: bool
    demo: bool = False

    @property
    def label(self) -> str:
        return f"{self.email} ({self.rol.value}, {self.organisatie})"


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt; ``account`` None means refused (``reden`` says why, in Dutch)."""

    account: Account | None
    reden: str
    geblokkeerd_tot: datetime | None = None
    #: The true reason, for the audit log only (never shown: it could tell a right password).
    intern: str = ""
    #: Refused because too many attempts came at once (answer 429/503, try again later).
    te_druk: bool = False


def utcnow() -> datetime:
    """Now in UTC as a naive datetime (the database stores naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _account(row: Mapping[str, object]) -> Account:
    return Account(
        account_id=str(row["account_id"]),
        email=str(row["email"]),
        rol=Rol(str(row["rol"])),
        organisatie=str(row["organisatie"]),
        actief=bool(row["actief"]),
        demo=bool(row["demo"]),
    )


def _has_control(text: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in text)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    check_password(password)
    return _hasher.hash(password)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"het wachtwoord is korter dan {MIN_PASSWORD_LENGTH} tekens")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"het wachtwoord is langer dan {MAX_PASSWORD_LENGTH} tekens")
    if password.strip() != password:
        raise AccountError("het wachtwoord begint of eindigt met een spatie")


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_organisation(rol: Rol, organisatie: str) -> None:
    if organisatie_past_bij_rol(rol, organisatie):
        return
    if rol is Rol.BEHEERDER:
        raise AccountError(f"een beheerder hoort bij organisatie {BEHEER_ORGANISATIE}")
    pattern = ID_PATTERN_PER_SOORT[PartijSoort(rol.value)]
    raise AccountError(f"organisatie '{organisatie}' past niet bij de rol {rol.value} (verwacht {pattern})")


def create_account(
    url: str, email: str, rol: Rol | str, organisatie: str, password: str | None, *, demo: bool = False
) -> Account:
    """Create an account. ``password`` None: no password login (OpenID Connect only)."""
    email = normalise_email(email)
    if _EMAIL.fullmatch(email) is None or _has_control(email):
        raise AccountError(f"'{email}' is geen e-mailadres")
    try:
        rol = Rol(rol)
    except ValueError as exc:
        rollen = ", ".join(r.value for r in Rol)
        raise AccountError(f"onbekende rol '{rol}'; kies uit {rollen}") from exc
    organisatie = organisatie.strip().upper()
    check_organisation(rol, organisatie)
    if q.account_by_email(url, email) is not None:
        raise AccountError(f"er bestaat al een account voor {email}")
    row = {
        "account_id": secrets.token_hex(16),
        "email": email,
        "rol": rol.value,
        "organisatie": organisatie,
        "wachtwoord_hash": None if password is None else hash_password(password),
        "actief": True,
        "demo": demo,
        "aangemaakt_op": utcnow(),
        "wachtwoord_gewijzigd_op": None,
    }
    q.insert_account(url, row)
    return _account(row)


def get_account(url: str, email: str) -> Account | None:
    if _has_control(email) or len(email) > 300:
        return None
    row = q.account_by_email(url, normalise_email(email))
    return None if row is None else _account(row)


def get_account_by_id(url: str, account_id: str) -> Account | None:
    row = q.account_by_id(url, account_id)
    return None if row is None else _account(row)


def list_accounts(url: str) -> list[Account]:
    return [_account(r) for r in q.list_accounts(url)]


def reset_password(url: str, email: str, password: str) -> Account:
    """Set a new password, lift a lockout and end every session of the account."""
    found = get_account(url, email)
    if found is None:
        raise AccountError(f"geen account voor {normalise_email(email)}")
    q.set_password(url, found.account_id, hash_password(password), utcnow())
    q.clear_login_attempts(url, found.email)
    return found


def deactivate(url: str, email: str) -> Account:
    found = get_account(url, email)
    if found is None:
        raise AccountError(f"geen account voor {normalise_email(email)}")
    q.set_active(url, found.account_id, False)
    return found


# ----------------------------------------------------------------------------------------------
# Login with lockout


#: Password verifications running at once in one process. argon2id takes 64 MiB and most of a core
#: for each; more at once only makes every login slower and the server's memory larger.
PARALLEL_VERIFICATIONS = 2
#: How long a login waits for a free verification before it is refused as "busy" (seconds).
VERIFY_WAIT_SECONDS = 10.0
#: Login attempts from one client address per window, whatever addresses it tries.
CLIENT_ATTEMPTS_PER_WINDOW = 30
CLIENT_WINDOW = timedelta(minutes=5)

_verifications = threading.BoundedSemaphore(PARALLEL_VERIFICATIONS)

#: The one answer for every refusal that is not a lockout: wrong address, wrong password, inactive
#: or refused demo account. Any other text would tell an attacker that the password was right.
WRONG_CREDENTIALS = "e-mailadres of wachtwoord onjuist"


def _verify_bounded(stored: str | None, password: str) -> bool | None:
    """:func:`_verify` with at most PARALLEL_VERIFICATIONS at once; None when none came free in time."""
    if not _verifications.acquire(timeout=VERIFY_WAIT_SECONDS):
        return None
    try:
        return _verify(stored, password)
    finally:
        _verifications.release()


def authenticate(
    url: str,
    email: str,
    password: str,
    *,
    client: str | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> LoginResult:
    """Check e-mail and password, counting attempts per address and per client, locking after too many.

    Every attempt is counted *before* its password is checked, in one atomic statement, so parallel
    attempts are each counted and none slips past a lockout; a success clears the count. ``client``
    (the client's address) is rate-limited to CLIENT_ATTEMPTS_PER_WINDOW per window.
    ``LoginResult.intern`` holds the true reason for the audit log; ``reden`` is what the person sees.
    """
    settings = settings or get_settings()
    now = now or utcnow()
    email = normalise_email(email)[:254]
    if client is not None:
        attempts = q.count_client_attempt(url, client[:64], now, now - CLIENT_WINDOW)
        if attempts > CLIENT_ATTEMPTS_PER_WINDOW:
            return LoginResult(
                None,
                "te veel inlogpogingen vanaf dit adres; probeer het over enkele minuten opnieuw",
                intern="te veel pogingen vanaf dit clientadres",
                te_druk=True,
            )
    if _has_control(email):
        # Never a real address; PostgreSQL would refuse a NUL in the lookup anyway.
        return LoginResult(None, WRONG_CREDENTIALS, intern="e-mailadres met stuurtekens")
    count, locked_until = q.count_login_attempt(url, email, now)
    if locked_until is not None and now < locked_until:
        return LoginResult(None, _locked_text(locked_until), locked_until, intern="geblokkeerd")
    if count > settings.login_max_failures:
        # Parallel attempts overshot the limit before any of them failed: lock now.
        until = now + timedelta(minutes=settings.login_lockout_minutes)
        q.lock_login(url, email, until)
        return LoginResult(None, _locked_text(until), until, intern="te veel gelijktijdige pogingen")
    row = q.account_by_email(url, email)
    ok = _verify_bounded(row["wachtwoord_hash"] if row else None, password[:MAX_PASSWORD_LENGTH])
    if ok is None:
        return LoginResult(
            None,
            "het is nu te druk om in te loggen; probeer het zo opnieuw",
            intern="geen verificatie vrij",
            te_druk=True,
        )
    if ok and row is not None and row["actief"] and (settings.is_development or not row["demo"]):
        q.clear_login_attempts(url, email)
        return LoginResult(_account(row), "aangemeld", intern="aangemeld")
    if ok and row is not None:
        # The right password of an inactive or (outside development) demo account: refused with
        # the same words as a wrong one, and counted like one.
        intern = "demo-account buiten ontwikkelomgeving" if row["actief"] else "account niet actief"
    else:
        intern = "onbekend e-mailadres" if row is None else "wachtwoord onjuist"
    if count >= settings.login_max_failures:
        until = now + timedelta(minutes=settings.login_lockout_minutes)
        q.lock_login(url, email, until)
        return LoginResult(None, _locked_text(until), until, intern=intern + "; nu geblokkeerd")
    return LoginResult(None, WRONG_CREDENTIALS, intern=intern)


def oidc_account(
    url: str, claims: Mapping[str, object], *, settings: Settings | None = None
) -> tuple[LoginResult, Account | None]:
    """The existing account that verified OIDC claims belong to; OIDC never creates one.

    The rule: the value of the claim ``oidc_claim`` (default ``email``) must equal, ignoring case,
    the e-mail address of an account, and that account must be active. For the ``email`` claim the
    provider must also assert ``email_verified: true``: an address a user could type in himself at
    the provider proves nothing. Returns the outcome and the account found (also when refused, for
    the audit log). The password lockout does not apply: no password is tried.
    """
    settings = settings or get_settings()
    claim = settings.oidc_claim
    value = claims.get(claim)
    if not isinstance(value, str) or not value.strip():
        return LoginResult(None, f"het ID-token bevat geen claim {claim}"), None
    if claim == "email" and claims.get("email_verified") is not True:
        return LoginResult(None, "de identiteitsaanbieder heeft het e-mailadres niet bevestigd"), None
    found = get_account(url, value)
    if found is None:
        return LoginResult(None, "er is geen Leefbaar-account voor deze identiteit"), None
    if not found.actief:
        return LoginResult(None, "dit account is niet actief"), found
    if found.demo and not settings.is_development:
        return LoginResult(None, "demo-accounts werken alleen in een ontwikkelomgeving"), found
    return LoginResult(found, "aangemeld"), found


def _locked_text(until: datetime) -> str:
    return (
        "te veel mislukte pogingen: dit e-mailadres is tijdelijk geblokkeerd tot "
        f"{until.strftime('%H:%M')} UTC"
    )


# ----------------------------------------------------------------------------------------------
# Sessions


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def start_session(
    url: str, account: Account, old_session_id: str | None = None, *, settings: Settings | None = None
) -> str:
    """A fresh session id for ``account``; the old session (if any) ends: no session fixation."""
    settings = settings or get_settings()
    now = utcnow()
    session_id = secrets.token_urlsafe(32)
    q.replace_session(
        url,
        _sha256(old_session_id) if old_session_id else None,
        {
            "sessie_hash": _sha256(session_id),
            "account_id": account.account_id,
            "aangemaakt_op": now,
            "laatst_gebruikt_op": now,
            "verloopt_op": now + timedelta(hours=settings.session_max_hours),
        },
    )
    return session_id


def session_account(
    url: str, session_id: str, *, now: datetime | None = None, settings: Settings | None = None
) -> Account | None:
    """The account of a live session, or None (unknown, expired, idle too long, account inactive)."""
    settings = settings or get_settings()
    now = now or utcnow()
    if not session_id or len(session_id) > 100:
        return None
    key = _sha256(session_id)
    row = q.session_by_hash(url, key)
    if row is None:
        return None
    idle_limit = row["laatst_gebruikt_op"] + timedelta(minutes=settings.session_idle_minutes)
    if now >= row["verloopt_op"] or now >= idle_limit:
        q.delete_session(url, key)
        return None
    found = get_account_by_id(url, str(row["account_id"]))
    if found is None or not found.actief or (found.demo and not settings.is_development):
        q.delete_session(url, key)
        return None
    # Write the activity time at most once a minute: a page with many requests costs one write.
    if now - row["laatst_gebruikt_op"] >= timedelta(minutes=1):
        q.touch_session(url, key, now)
    return found


def end_session(url: str, session_id: str) -> None:
    if session_id:
        q.delete_session(url, _sha256(session_id))


def purge_sessions(url: str, *, settings: Settings | None = None) -> int:
    """Delete expired and idle sessions; returns how many."""
    settings = settings or get_settings()
    now = utcnow()
    return q.delete_stale_sessions(url, now, now - timedelta(minutes=settings.session_idle_minutes))


# ----------------------------------------------------------------------------------------------
# API tokens


@dataclass(frozen=True)
class TokenInfo:
    token_id: str
    naam: str
    scopes: frozenset[Scope]
    aangemaakt_op: datetime
    verloopt_op: datetime
    ingetrokken_op: datetime | None


def parse_scopes(text: str) -> frozenset[Scope]:
    scopes = set()
    for part in re.split(r"[\s,]+", text.strip()):
        if not part:
            continue
        try:
            scopes.add(Scope(part))
        except ValueError as exc:
            raise AccountError(
                f"onbekende scope '{part}'; kies uit {', '.join(s.value for s in Scope)}"
            ) from exc
    if not scopes:
        raise AccountError("geef minstens één scope op")
    return frozenset(scopes)


def create_token(
    url: str,
    email: str,
    scopes: frozenset[Scope] | str,
    naam: str = "",
    *,
    dagen: int | None = None,
    settings: Settings | None = None,
) -> tuple[str, TokenInfo]:
    """A new API token for the account (the plain token is returned once and never stored)."""
    settings = settings or get_settings()
    found = get_account(url, email)
    if found is None:
        raise AccountError(f"geen account voor {normalise_email(email)}")
    if not found.actief:
        raise AccountError(f"account {found.email} is niet actief")
    scope_set = parse_scopes(scopes) if isinstance(scopes, str) else frozenset(scopes)
    if not scope_set:
        raise AccountError("geef minstens één scope op")
    token_id = secrets.token_hex(6)
    token = f"lb_{token_id}_{secrets.token_urlsafe(32)}"
    now = utcnow()
    info = TokenInfo(
        token_id=token_id,
        naam=naam.strip() or f"token {token_id}",
        scopes=scope_set,
        aangemaakt_op=now,
        verloopt_op=now + timedelta(days=dagen or settings.api_token_days),
        ingetrokken_op=None,
    )
    q.insert_token(
        url,
        {
            "token_hash": _sha256(token),
            "token_id": token_id,
            "account_id": found.account_id,
            "scopes": " ".join(sorted(s.value for s in scope_set)),
            "naam": info.naam,
            "aangemaakt_op": now,
            "verloopt_op": info.verloopt_op,
            "ingetrokken_op": None,
        },
    )
    return token, info


def token_account(
    url: str, token: str, *, now: datetime | None = None, settings: Settings | None = None
) -> tuple[Account, frozenset[Scope]] | None:
    """The account and scopes of a valid token; None when unknown, expired, revoked or inactive."""
    settings = settings or get_settings()
    now = now or utcnow()
    if not token.startswith("lb_") or len(token) > 200:
        return None
    row = q.token_by_hash(url, _sha256(token))
    if row is None or row["ingetrokken_op"] is not None or now >= row["verloopt_op"]:
        return None
    found = get_account_by_id(url, str(row["account_id"]))
    if found is None or not found.actief or (found.demo and not settings.is_development):
        return None
    return found, frozenset(Scope(s) for s in str(row["scopes"]).split())


def list_tokens(url: str, email: str) -> list[TokenInfo]:
    found = get_account(url, email)
    if found is None:
        raise AccountError(f"geen account voor {normalise_email(email)}")
    return [
        TokenInfo(
            token_id=str(r["token_id"]),
            naam=str(r["naam"]),
            scopes=frozenset(Scope(s) for s in str(r["scopes"]).split()),
            aangemaakt_op=r["aangemaakt_op"],
            verloopt_op=r["verloopt_op"],
            ingetrokken_op=r["ingetrokken_op"],
        )
        for r in q.tokens_of(url, found.account_id)
    ]


def revoke_token(url: str, token_id: str) -> bool:
    return q.revoke_token(url, token_id, utcnow()) > 0


# ----------------------------------------------------------------------------------------------
# Policy actor


def linked_parties(url: str, organisatie: str) -> frozenset[str]:
    """Parties of the local performance agreements the organisation takes part in (itself excluded)."""
    parties: set[str] = set()
    for text in q.agreement_partner_lists(url, organisatie):
        members = {p.strip() for p in text.split(";") if p.strip()}
        if organisatie in members:
            parties |= members
    parties.discard(organisatie)
    return frozenset(parties)


def actor_for(url: str, account: Account | None) -> Actor | None:
    """The policy's Actor for an account (None for a visitor without one)."""
    if account is None:
        return None
    linked = linked_parties(url, account.organisatie) if account.rol is not Rol.BEHEERDER else frozenset()
    return Actor(account.rol, account.organisatie, linked)


# ----------------------------------------------------------------------------------------------
# Demo accounts


#: One account per role: (e-mail, role, organisation, password). Documented in docs/security.md.
DEMO_ACCOUNTS: tuple[tuple[str, Rol, str, str], ...] = (
    ("beheerder@demo.leefbaar.nl", Rol.BEHEERDER, BEHEER_ORGANISATIE, "demo-beheerder-2026"),
    ("ministerie@demo.leefbaar.nl", Rol.MINISTERIE, "MINBZK", "demo-ministerie-2026"),
    ("provincie@demo.leefbaar.nl", Rol.PROVINCIE, "PV27", "demo-provincie-2026"),
    ("gemeente@demo.leefbaar.nl", Rol.GEMEENTE, "GM0363", "demo-gemeente-2026"),
    ("corporatie@demo.leefbaar.nl", Rol.CORPORATIE, "L0001", "demo-corporatie-2026"),
    ("huurders@demo.leefbaar.nl", Rol.HUURDERSORGANISATIE, "HO0001", "demo-huurders-2026"),
    ("zorgpartner@demo.leefbaar.nl", Rol.ZORGPARTNER, "ZP0001", "demo-zorgpartner-2026"),
    ("veiligheid@demo.leefbaar.nl", Rol.VEILIGHEIDSPARTNER, "VP0001", "demo-veiligheid-2026"),
    ("bewoners@demo.leefbaar.nl", Rol.BEWONERSORGANISATIE, "BO0001", "demo-bewoners-2026"),
)


def create_demo_accounts(url: str, *, settings: Settings | None = None) -> list[Account]:
    """Create the documented demo accounts (existing ones are kept). Development only."""
    settings = settings or get_settings()
    if not settings.is_development:
        raise AccountError(
            "demo-accounts met bekende wachtwoorden zijn alleen toegestaan in een ontwikkelomgeving "
            "(LEEFBAAR_ENVIRONMENT=development)"
        )
    made = []
    for email, rol, organisatie, password in DEMO_ACCOUNTS:
        existing = get_account(url, email)
        made.append(existing or create_account(url, email, rol, organisatie, password, demo=True))
    return made
