"""Keyed pseudonyms of a whole column in one DuckDB statement: the scheme of privacy.pseudonymise.

An import pseudonymises its household ids at the door (``Column.pseudonymised_as``): the id is
read from the staged file and only its pseudonym reaches the target table. Per row, DuckDB computes
HMAC-SHA256 by its definition (RFC 2104) with two ``sha256`` calls over blobs,
``SHA-256(outer || SHA-256(inner || id))``, where the prefixes come from
:meth:`leefbaar.privacy.pseudonymise.Pseudonymiser.hmac_prefixes`; the first 20 bytes of the
digest are written in base32 (RFC 4648): four groups of 40 bits, each eight characters of
``to_base(group, 32)`` (digits ``0-9A-V``), mapped onto the alphabet ``A-Z2-7``. A test shows the
result equal to ``Pseudonymiser.many``.

The prefixes are the key, so they never appear in SQL text (which could end up in an error
message or a query log): :func:`bind_key` hands them to the connection as session variables, bound
as parameters, and :func:`unbind_key` removes them when the import is done.
"""

from __future__ import annotations

from typing import Any

from leefbaar.privacy.pseudonymise import Pseudonymiser

_INNER = "leefbaar_hmac_inner"
_OUTER = "leefbaar_hmac_outer"
#: The digits ``to_base(x, 32)`` writes, and the base32 alphabet of RFC 4648 they stand for.
_TO_BASE_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def bind_key(duck: Any, pseudonymiser: Pseudonymiser) -> None:
    """Make ``pseudonymiser``'s key available to :func:`pseudonym_sql` on this connection."""
    inner, outer = pseudonymiser.hmac_prefixes()
    duck.execute(f"SET VARIABLE {_INNER} = ?", [inner])
    duck.execute(f"SET VARIABLE {_OUTER} = ?", [outer])


def unbind_key(duck: Any) -> None:
    """Forget the key on this connection (a pooled connection outlives the import)."""
    duck.execute(f"RESET VARIABLE {_INNER}")
    duck.execute(f"RESET VARIABLE {_OUTER}")


def pseudonym_sql(value: str) -> str:
    """The pseudonym of the text expression ``value`` (NULL stays NULL), as a DuckDB expression."""
    digest = f"sha256(getvariable('{_OUTER}') || unhex(sha256(getvariable('{_INNER}') || encode({value}))))"
    # 20 bytes = 40 hex digits = four groups of 40 bits, each exactly eight base32 characters.
    groups = " || ".join(
        f"lpad(to_base(CAST('0x' || substr(__digest, {10 * g + 1}, 10) AS BIGINT), 32), 8, '0')"
        for g in range(4)
    )
    base32 = f"translate({groups}, '{_TO_BASE_DIGITS}', '{_BASE32}')"
    # A lambda over the one digest, so that it is computed once per row, not four times.
    return f"list_transform([{digest}], lambda __digest: {base32})[1]"
