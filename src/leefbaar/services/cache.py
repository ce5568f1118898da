"""The one cache of answers, keyed by (name, database, data version, arguments).

Every layer that keeps answers between requests uses this module (areas, search, the page
sections, the demo flag, the encoded GeoJSON bodies); there is no other cache of data. An answer
is valid for one data version (``storage.data_version``: the newest id of each append-only table),
so a write by any process, the command line included, makes every process compute anew on its next
request; nothing has to be invalidated by hand. Old versions' answers are dropped when a newer
version is seen and otherwise age out of the LRU.

The version is read once per request for GET and HEAD (:func:`request_scope`, set by the
application's middleware), and on every call outside a request or in a request that writes, so a
page that imports a file and then shows the result sees its own write.

The same version gives the HTTP validators (:func:`validators`): an ``ETag`` and ``Last-Modified``
for pages and API answers, so browsers and proxies revalidate with ``If-None-Match`` and get a 304
while nothing changed.

Answers are shared between requests and threads: callers must not change what they get.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, TypeVar

from leefbaar import __version__
from leefbaar.config import get_settings
from leefbaar.storage import data_version
from leefbaar.storage.data_version import DataVersion

__all__ = [
    "DataVersion",
    "Validators",
    "cached",
    "clear",
    "memo",
    "not_modified",
    "request_scope",
    "stats",
    "validators",
    "version",
]

#: How many answers are kept (all names together; a gemeente page is a handful of entries).
SIZE = 2048

F = TypeVar("F", bound=Callable[..., Any])

_lock = threading.Lock()
_answers: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
_building: dict[tuple[Hashable, ...], threading.Lock] = {}
#: The newest version token seen per database: older answers are dropped when it changes.
_newest: dict[str, str] = {}
_counts = {"hit": 0, "miss": 0}
#: Per request (GET/HEAD): database URL -> the version read at the first lookup.
_request_versions: ContextVar[dict[str, DataVersion] | None] = ContextVar("leefbaar_versions", default=None)

#: Called with "hit" or "miss" on every lookup (services.metrics counts them for /metrics).
on_lookup: list[Callable[[str], None]] = []


def database_url(url: str | None = None) -> str:
    return url or get_settings().database_url


@contextmanager
def request_scope(method: str) -> Iterator[None]:
    """Read the data version once for this request when it cannot write (GET, HEAD)."""
    token = _request_versions.set({} if method in ("GET", "HEAD") else None)
    try:
        yield
    finally:
        _request_versions.reset(token)


def version(url: str | None = None) -> DataVersion:
    """The data version of ``url`` (once per GET request; outside a request on every call)."""
    url = database_url(url)
    seen = _request_versions.get()
    if seen is not None and url in seen:
        return seen[url]
    found = data_version.read(url)
    if seen is not None:
        seen[url] = found
    if _newest.get(url) != found.token:
        _forget_other_versions(url, found.token)
    return found


def _forget_other_versions(url: str, token: str) -> None:
    with _lock:
        _newest[url] = token
        for key in [k for k in _answers if k[1] == url and k[2] != token]:
            del _answers[key]


def memo(
    name: str, url: str | None, args: tuple[Hashable, ...], build: Callable[[], Any], *, counted: bool = True
) -> Any:
    """The answer kept under (``name``, database, data version, ``args``), built once when missing.

    Concurrent requests for a missing answer wait for the one that builds it. An answer of
    ``None`` is not kept (an unknown code must not push real answers out). ``counted=False``: a
    bookkeeping step (a derived table made current), left out of the hit rate.
    """
    url = database_url(url)
    key = (name, url, version(url).token, args)
    with _lock:
        if key in _answers:
            _answers.move_to_end(key)
            _count("hit", counted)
            return _answers[key]
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _lock:
            if key in _answers:
                _answers.move_to_end(key)
                _count("hit", counted)
                return _answers[key]
        _count("miss", counted)
        try:
            value = build()
        finally:
            with _lock:
                _building.pop(key, None)
        if value is not None:
            with _lock:
                _answers[key] = value
                while len(_answers) > SIZE:
                    _answers.popitem(last=False)
    return value


def _count(result: str, counted: bool) -> None:
    if not counted:
        return
    _counts[result] += 1  # a lost increment under contention only blurs a statistic
    for listener in on_lookup:
        listener(result)


def cached(function: F) -> F:
    """Keep ``function``'s answers per database, data version and arguments.

    The first argument of ``function`` is the database URL (or None for the setting).
    """
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(url: str | None = None, *args: Any, **kwargs: Any) -> Any:
        url = database_url(url)
        key = (args, tuple(sorted(kwargs.items())))
        return memo(name, url, key, lambda: function(url, *args, **kwargs))

    return wrapper  # type: ignore[return-value]


def stats() -> dict[str, int]:
    """Lookups in this process so far: ``{"hit": n, "miss": m}``."""
    return dict(_counts)


def clear() -> None:
    """Forget every answer (tests; an operator never needs it: versions make answers stale)."""
    with _lock:
        _answers.clear()
        _newest.clear()


# --- HTTP validators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Validators:
    """The ``ETag`` and ``Last-Modified`` values of an answer."""

    etag: str
    last_modified: str | None
    changed_at: datetime | None


def validators(url: str | None, *parts: str, weak: bool = True) -> Validators:
    """Validators for an answer that depends on the data version and on ``parts`` (the path and
    query, and whatever else chooses the representation: an account, a CRS, a cookie-bound token)."""
    current = version(url)
    # Leefbaar's own version too: a new release may show the same data differently.
    text = "\x1f".join((__version__, current.token, *parts))
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    etag = f'W/"{digest}"' if weak else f'"{digest}"'
    changed = _utc(current.changed_at)
    return Validators(etag, format_datetime(changed, usegmt=True) if changed else None, changed)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    # Stored times are the server's local time without a zone; HTTP dates are whole seconds in GMT.
    return moment.astimezone(UTC).replace(microsecond=0)


def etag_matches(if_none_match: str | None, *etags: str) -> bool:
    """Whether an ``If-None-Match`` value names one of ``etags`` (weak comparison, RFC 9110 13.1.2)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in etags}
    return any(tag.strip().removeprefix("W/") in wanted for tag in if_none_match.split(","))


def not_modified(found: Validators, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """Whether the client's copy is current: its ``If-None-Match`` names the ETag, or, without that
    header, its ``If-Modified-Since`` is not before ``Last-Modified`` (RFC 9110 13.1.3)."""
    if if_none_match is not None:
        return etag_matches(if_none_match, found.etag)
    if not if_modified_since or found.changed_at is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return found.changed_at <= since
