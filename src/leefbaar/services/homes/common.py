"""What the homes services share: the error they raise, the row type, and the look-ups every
subject needs (database URL, suppression threshold, area division, stock date, municipalities,
stock per municipality).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from leefbaar.config import get_settings
from leefbaar.domain.regions import Niveau, is_valid_code
from leefbaar.storage import homes_queries as q

Row = dict[str, Any]


class HomesError(ValueError):
    """A request the homes services cannot answer (message in Dutch, fit to show as is)."""


def url_or_default(url: str | None) -> str:
    """The database URL given, else the configured one."""
    return url or get_settings().database_url


def suppression_k() -> int:
    """The disclosure threshold k from the settings (counts below it are hidden)."""
    return get_settings().suppression_k


def rounding() -> tuple[bytes, int]:
    """The key and base of the random rounding of published allocation counts (privacy.disclosure)."""
    from leefbaar.privacy.pseudonymise import hkdf_sha256
    from leefbaar.services.processing_log import master_key

    key = hkdf_sha256(master_key(), salt=b"leefbaar-afronding", info=b"toewijzingen")
    return key, get_settings().disclosure_rounding_base


def require_indelingsjaar(url: str) -> int:
    """The newest area division (indelingsjaar) in the database; HomesError when it holds none."""
    jaar = q.latest_indelingsjaar(url)
    if jaar is None:
        raise HomesError(
            "de database bevat geen gemeenten: importeer eerst de gebieden (leefbaar demo of import)"
        )
    return jaar


def require_stock_date(url: str, peildatum: date | None) -> date:
    """The newest dwelling peildatum on or before ``peildatum``; HomesError when there is none."""
    found = q.latest_stock_peildatum(url, peildatum)
    if found is None:
        when = f" op of voor {peildatum.isoformat()}" if peildatum else ""
        raise HomesError(f"de database bevat geen woningen{when}: importeer eerst woningen")
    return found


def gemeente_names(url: str, jaar: int) -> dict[str, Row]:
    """The municipalities of an area division by code (rows with ``naam``)."""
    return {r["gemeentecode"]: r for r in q.gemeenten(url, jaar)}


def check_gemeente(code: str, names: Mapping[str, Row]) -> None:
    """HomesError unless ``code`` is a municipality code in ``names``."""
    if not is_valid_code(Niveau.GEMEENTE, code):
        raise HomesError(f"'{code}' is geen gemeentecode (GM gevolgd door 4 cijfers)")
    if code not in names:
        raise HomesError(f"gemeente {code} bestaat niet in de nieuwste gebiedsindeling")


def stock_per_gemeente(url: str, peildatum: date, codes: list[str]) -> dict[str, Row]:
    """The dwelling stock counts per municipality on ``peildatum`` (municipalities without dwellings left out)."""
    found = {r["gemeentecode"]: r for r in q.stock_per_gemeente(url, peildatum, codes)}
    return {c: {k: int(v) for k, v in found[c].items() if k != "gemeentecode"} for c in codes if c in found}
