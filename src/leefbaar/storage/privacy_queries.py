"""Queries for accounts, sessions, tokens, login attempts, agreements, signals and the processing log.

Services call these; they hold no rules (those are in ``leefbaar.privacy`` and the services).
Functions that must share a transaction with the processing log take a ``Conn`` from
:func:`transaction`; the others take the database URL. All SQL is SQLAlchemy Core, so it runs on
DuckDB and PostgreSQL alike. Times are naive UTC ``datetime`` values.

Appending to a hash chain is serialised: the next entry depends on the previous hash. On
PostgreSQL a transaction-scoped advisory lock does it; DuckDB is embedded in one process, where a
process-wide lock per database does it (DuckDB would otherwise abort one of two racing
transactions with a write conflict).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, text, update

from leefbaar.storage.engine import Backend, backend_of, get_engine
from leefbaar.storage.privacy_tables import (
    CHAINS,
    account,
    api_token,
    auditregel,
    gegevensdelingsovereenkomst,
    inlogpoging,
    loganker,
    sessie,
    signaal,
    verwerking,
    verwerkt_object,
)
from leefbaar.storage.tables import import_log, prestatieafspraak, toewijzing

#: An open transaction; services pass it on without looking inside.
Conn = Connection

_LOG_LOCK_KEY = 7_055_120_001  # arbitrary, fixed: the advisory lock of the processing-log chains
_duckdb_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def _rows(result: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in result]


def _duckdb_lock(url: str) -> threading.RLock:
    with _locks_guard:
        return _duckdb_locks.setdefault(url, threading.RLock())


@contextmanager
def _serialised(url: str) -> Iterator[Conn]:
    """A transaction that never races another one of its kind on DuckDB (one process, one lock per
    database); on PostgreSQL the statements themselves are atomic (row locks of ON CONFLICT)."""
    if backend_of(url) is Backend.DUCKDB:
        with _duckdb_lock(url), get_engine(url).begin() as conn:
            yield conn
        return
    with get_engine(url).begin() as conn:
        yield conn


_AFTER_COMMIT = "leefbaar.after_commit"


def after_commit(conn: Conn, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the transaction of ``conn`` (from :func:`transaction`) has committed;
    never when it rolls back."""
    conn.info.setdefault(_AFTER_COMMIT, []).append(callback)


@contextmanager
def transaction(url: str, *, log: bool = False) -> Iterator[Conn]:
    """One transaction; ``log=True`` when it will append to the processing log (serialised)."""
    if log and backend_of(url) is Backend.DUCKDB:
        with _duckdb_lock(url):
            with get_engine(url).begin() as conn:
                yield conn
                callbacks = conn.info.pop(_AFTER_COMMIT, [])
            for callback in callbacks:  # committed; still under the lock, so anchors stay in order
                callback()
        return
    with get_engine(url).begin() as conn:
        if log:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOG_LOCK_KEY})")
        yield conn
        callbacks = conn.info.pop(_AFTER_COMMIT, [])
    for callback in callbacks:
        callback()


# ----------------------------------------------------------------------------------------------
# Accounts


def insert_account(url: str, row: Mapping[str, Any]) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(insert(account).values(**row))


def account_by_email(url: str, email: str) -> dict[str, Any] | None:
    with get_engine(url).connect() as conn:
        found = _rows(conn.execute(select(account).where(account.c.email == email)))
    return found[0] if found else None


def account_by_id(url: str, account_id: str) -> dict[str, Any] | None:
    with get_engine(url).connect() as conn:
        found = _rows(conn.execute(select(account).where(account.c.account_id == account_id)))
    return found[0] if found else None


def list_accounts(url: str) -> list[dict[str, Any]]:
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(select(account).order_by(account.c.organisatie, account.c.email)))


def set_password(url: str, account_id: str, password_hash: str, now: datetime) -> None:
    """New password hash; every session and API token of the account ends (a reset must lock out a
    thief, whichever door he kept)."""
    with get_engine(url).begin() as conn:
        conn.execute(
            update(account)
            .where(account.c.account_id == account_id)
            .values(wachtwoord_hash=password_hash, wachtwoord_gewijzigd_op=now)
        )
        conn.execute(
            update(api_token)
            .where(and_(api_token.c.account_id == account_id, api_token.c.ingetrokken_op.is_(None)))
            .values(ingetrokken_op=now)
        )
        conn.execute(delete(sessie).where(sessie.c.account_id == account_id))


def set_active(url: str, account_id: str, active: bool) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(update(account).where(account.c.account_id == account_id).values(actief=active))
        if not active:
            conn.execute(delete(sessie).where(sessie.c.account_id == account_id))


# ----------------------------------------------------------------------------------------------
# Login attempts (lockout)


def login_attempt(url: str, email: str) -> dict[str, Any] | None:
    with get_engine(url).connect() as conn:
        found = _rows(conn.execute(select(inlogpoging).where(inlogpoging.c.email == email)))
    return found[0] if found else None


#: One statement counts an attempt and reads the outcome: no read-modify-write, so parallel attempts
#: are each counted. A lock that has expired starts the count again at 1; a running lock is kept.
_COUNT_ATTEMPT = text("""
INSERT INTO inlogpoging (email, mislukt, laatste_poging_op, geblokkeerd_tot)
VALUES (:email, 1, :now, NULL)
ON CONFLICT (email) DO UPDATE SET
  mislukt = CASE
    WHEN inlogpoging.geblokkeerd_tot > :now THEN inlogpoging.mislukt
    WHEN inlogpoging.geblokkeerd_tot IS NOT NULL THEN 1
    ELSE inlogpoging.mislukt + 1 END,
  laatste_poging_op = :now,
  geblokkeerd_tot = CASE
    WHEN inlogpoging.geblokkeerd_tot > :now THEN inlogpoging.geblokkeerd_tot
    ELSE NULL END
RETURNING mislukt, geblokkeerd_tot
""")


def count_login_attempt(url: str, email: str, now: datetime) -> tuple[int, datetime | None]:
    """Count one attempt for ``email`` before its password is checked: (attempts in a row, locked until)."""
    with _serialised(url) as conn:
        row = conn.execute(_COUNT_ATTEMPT, {"email": email, "now": now}).one()
    return int(row[0]), row[1]


def lock_login(url: str, email: str, until: datetime) -> None:
    """Lock ``email`` until ``until`` (kept when a lock already runs longer)."""
    with _serialised(url) as conn:
        conn.execute(
            update(inlogpoging)
            .where(
                and_(
                    inlogpoging.c.email == email,
                    or_(inlogpoging.c.geblokkeerd_tot.is_(None), inlogpoging.c.geblokkeerd_tot < until),
                )
            )
            .values(geblokkeerd_tot=until)
        )


_COUNT_CLIENT = text("""
INSERT INTO inlogpoging_client (client, venster_start, pogingen)
VALUES (:client, :now, 1)
ON CONFLICT (client) DO UPDATE SET
  pogingen = CASE WHEN inlogpoging_client.venster_start <= :window_start THEN 1
                  ELSE inlogpoging_client.pogingen + 1 END,
  venster_start = CASE WHEN inlogpoging_client.venster_start <= :window_start THEN :now
                       ELSE inlogpoging_client.venster_start END
RETURNING pogingen
""")


def count_client_attempt(url: str, client: str, now: datetime, window_start: datetime) -> int:
    """Count one login attempt from ``client`` in a fixed window that began after ``window_start``."""
    with _serialised(url) as conn:
        row = conn.execute(_COUNT_CLIENT, {"client": client, "now": now, "window_start": window_start}).one()
    return int(row[0])


def clear_login_attempts(url: str, email: str) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(delete(inlogpoging).where(inlogpoging.c.email == email))


# ----------------------------------------------------------------------------------------------
# Sessions


def replace_session(url: str, old_hash: str | None, row: Mapping[str, Any]) -> None:
    """Store a new session and end the old one (if any) in one transaction: rotation at login."""
    with get_engine(url).begin() as conn:
        if old_hash is not None:
            conn.execute(delete(sessie).where(sessie.c.sessie_hash == old_hash))
        conn.execute(insert(sessie).values(**row))


def session_by_hash(url: str, session_hash: str) -> dict[str, Any] | None:
    with get_engine(url).connect() as conn:
        found = _rows(conn.execute(select(sessie).where(sessie.c.sessie_hash == session_hash)))
    return found[0] if found else None


def touch_session(url: str, session_hash: str, now: datetime) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(
            update(sessie).where(sessie.c.sessie_hash == session_hash).values(laatst_gebruikt_op=now)
        )


def delete_session(url: str, session_hash: str) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(delete(sessie).where(sessie.c.sessie_hash == session_hash))


def delete_stale_sessions(url: str, absolute_before: datetime, idle_before: datetime) -> int:
    with get_engine(url).begin() as conn:
        result = conn.execute(
            delete(sessie).where(
                or_(sessie.c.verloopt_op <= absolute_before, sessie.c.laatst_gebruikt_op <= idle_before)
            )
        )
    return int(result.rowcount or 0)


# ----------------------------------------------------------------------------------------------
# API tokens


def insert_token(url: str, row: Mapping[str, Any]) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(insert(api_token).values(**row))


def token_by_hash(url: str, token_hash: str) -> dict[str, Any] | None:
    with get_engine(url).connect() as conn:
        found = _rows(conn.execute(select(api_token).where(api_token.c.token_hash == token_hash)))
    return found[0] if found else None


def tokens_of(url: str, account_id: str) -> list[dict[str, Any]]:
    with get_engine(url).connect() as conn:
        return _rows(
            conn.execute(
                select(api_token)
                .where(api_token.c.account_id == account_id)
                .order_by(api_token.c.aangemaakt_op)
            )
        )


def revoke_token(url: str, token_id: str, now: datetime) -> int:
    with get_engine(url).begin() as conn:
        result = conn.execute(
            update(api_token)
            .where(and_(api_token.c.token_id == token_id, api_token.c.ingetrokken_op.is_(None)))
            .values(ingetrokken_op=now)
        )
    return int(result.rowcount or 0)


# ----------------------------------------------------------------------------------------------
# Parties an organisation is linked to (through local performance agreements)


def agreement_partner_lists(url: str, organisatie: str) -> list[str]:
    """The ``partijen`` text (ids separated by ;) of every performance agreement naming ``organisatie``."""
    pattern = f"%{organisatie}%"
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            select(prestatieafspraak.c.partijen, prestatieafspraak.c.gemeentecode)
            .where(
                or_(
                    prestatieafspraak.c.partijen.like(pattern),
                    prestatieafspraak.c.gemeentecode == organisatie,
                )
            )
            .distinct()
        )
        return [f"{r.partijen};{r.gemeentecode}" for r in rows]


# ----------------------------------------------------------------------------------------------
# Sharing agreements and signals


def insert_agreement(conn: Conn, row: Mapping[str, Any]) -> None:
    conn.execute(insert(gegevensdelingsovereenkomst).values(**row))


def agreement_exists(conn: Conn, agreement_id: str) -> bool:
    g = gegevensdelingsovereenkomst
    return conn.execute(select(func.count()).where(g.c.overeenkomst_id == agreement_id)).scalar_one() > 0


def agreements_of(url: str, party: str | None = None) -> list[dict[str, Any]]:
    """Agreements in which ``party`` provides or receives (all agreements when None)."""
    g = gegevensdelingsovereenkomst
    query = select(g).order_by(g.c.begindatum, g.c.overeenkomst_id)
    if party is not None:
        query = query.where(or_(g.c.verstrekker == party, g.c.ontvanger == party))
    with get_engine(url).connect() as conn:
        return _rows(conn.execute(query))


def insert_signal(conn: Conn, row: Mapping[str, Any]) -> None:
    conn.execute(insert(signaal).values(**row))


def signals_for_receiver(conn: Conn, receiver: str) -> list[dict[str, Any]]:
    return _rows(
        conn.execute(
            select(signaal)
            .where(signaal.c.ontvanger == receiver)
            .order_by(signaal.c.signaaldatum, signaal.c.signaal_id)
        )
    )


def signals_of_provider(conn: Conn, provider: str) -> list[dict[str, Any]]:
    return _rows(
        conn.execute(
            select(signaal)
            .where(signaal.c.verstrekker == provider)
            .order_by(signaal.c.signaaldatum, signaal.c.signaal_id)
        )
    )


def signal_by_id(conn: Conn, signal_id: str) -> dict[str, Any] | None:
    found = _rows(conn.execute(select(signaal).where(signaal.c.signaal_id == signal_id)))
    return found[0] if found else None


def expired_signals(conn: Conn, today: date) -> list[dict[str, Any]]:
    return _rows(
        conn.execute(select(signaal).where(signaal.c.verwijderdatum <= today).order_by(signaal.c.signaal_id))
    )


def delete_signals(conn: Conn, signal_ids: Sequence[str]) -> int:
    if not signal_ids:
        return 0
    result = conn.execute(delete(signaal).where(signaal.c.signaal_id.in_(list(signal_ids))))
    return int(result.rowcount or 0)


# ----------------------------------------------------------------------------------------------
# The processing log (two hash chains and their anchors)


def anchor(conn: Conn, keten: str) -> tuple[int, str] | None:
    """The stored head (position, hash) of a chain, or None for a chain without entries."""
    row = conn.execute(
        select(loganker.c.volgnummer, loganker.c.hash).where(loganker.c.keten == keten)
    ).first()
    return None if row is None else (int(row.volgnummer), str(row.hash))


def chain_length(conn: Conn, keten: str) -> int:
    table = CHAINS[keten]
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def append_chain(
    conn: Conn,
    keten: str,
    rows: Sequence[Mapping[str, Any]],
    subjects: Sequence[tuple[int, str]] = (),
    now: datetime | None = None,
) -> None:
    """Insert chained rows (with volgnummer and hash computed by the caller) and move the anchor.

    ``subjects``: (volgnummer, log pseudonym) pairs for ``verwerkt_object`` (processing chain).
    """
    if not rows:
        return
    table = CHAINS[keten]
    conn.execute(insert(table), [dict(r) for r in rows])
    if subjects:
        conn.execute(insert(verwerkt_object), [{"volgnummer": v, "pseudoniem": p} for v, p in subjects])
    last = rows[-1]
    conn.execute(delete(loganker).where(loganker.c.keten == keten))
    conn.execute(
        insert(loganker).values(
            keten=keten,
            volgnummer=last["volgnummer"],
            hash=last["hash"],
            bijgewerkt_op=now or last["tijdstip"],
        )
    )


def read_chain(url: str, keten: str) -> list[dict[str, Any]]:
    """Every entry of a chain in order: volgnummer, inhoud, hash."""
    table = CHAINS[keten]
    with get_engine(url).connect() as conn:
        return _rows(
            conn.execute(
                select(table.c.volgnummer, table.c.inhoud, table.c.hash).order_by(table.c.volgnummer)
            )
        )


def allocation_pseudonyms(url: str, import_id: int) -> list[str]:
    """The household pseudonyms of the allocations one import wrote."""
    with get_engine(url).connect() as conn:
        return [
            str(v)
            for v in conn.execute(
                select(toewijzing.c.huishouden_pseudoniem).where(toewijzing.c.import_id == import_id)
            ).scalars()
        ]


def history_counts(url: str) -> dict[str, int]:
    """Evidence that personal data was processed: signals, allocation imports and imports by accounts."""
    with get_engine(url).connect() as conn:
        return {
            "signalen": int(conn.execute(select(func.count()).select_from(signaal)).scalar_one()),
            "toewijzing_imports": int(
                conn.execute(
                    select(func.count()).select_from(import_log).where(import_log.c.soort == "toewijzingen")
                ).scalar_one()
            ),
        }


def read_anchor(url: str, keten: str) -> tuple[int, str] | None:
    with get_engine(url).connect() as conn:
        return anchor(conn, keten)


def processing_for_pseudonym(conn: Conn, pseudonym: str) -> list[dict[str, Any]]:
    """Processing entries about a subject (log pseudonym), oldest first: volgnummer, inhoud."""
    return _rows(
        conn.execute(
            select(verwerking.c.volgnummer, verwerking.c.inhoud)
            .join(verwerkt_object, verwerkt_object.c.volgnummer == verwerking.c.volgnummer)
            .where(verwerkt_object.c.pseudoniem == pseudonym)
            .order_by(verwerking.c.volgnummer)
        )
    )


def audit_for_operations(conn: Conn, operation_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Audit entries linked to the given operation ids: volgnummer, inhoud."""
    if not operation_ids:
        return []
    return _rows(
        conn.execute(
            select(auditregel.c.volgnummer, auditregel.c.inhoud)
            .where(auditregel.c.operation_id.in_(list(operation_ids)))
            .order_by(auditregel.c.volgnummer)
        )
    )
