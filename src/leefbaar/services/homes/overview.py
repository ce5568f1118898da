"""A home for everyone for one municipality, as its page and its report show it.

The one place that picks the calls: the 30% table (R10), fair share of priority groups in its province
for the latest allocation year (R9, already suppressed by ``regional_fair_share``) and the instruments
(R11, R12). The gemeente page (``web.sections.thuis``) and the reports (``services.reports``) both use
:func:`gemeente_overzicht`, so the figures come from one source.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from leefbaar.services import cache
from leefbaar.services.homes.concentration import latest_allocation_year
from leefbaar.services.homes.instruments import instrumenten
from leefbaar.services.homes.regional_fair_share import fair_share
from leefbaar.services.homes.social_rent import woningvoorraad


def _call(call: Callable[[], Any], meldingen: list[str]) -> Any:
    """Run one homes call; its Dutch refusal (HomesError, a ValueError) becomes a note."""
    try:
        return call()
    except ValueError as exc:
        meldingen.append(str(exc))
        return None


def gemeente_overzicht(
    url: str, gemeentecode: str, provinciecode: str | None, peildatum: date | None = None
) -> dict[str, Any]:
    """``sociaal`` (the 30% table or None), ``instrumenten`` (this municipality's row or None),
    ``verdeling`` (fair share rows of this municipality, the threshold ``k`` and the disclosure notes,
    or None) and ``meldingen`` (Dutch notes on what could not be computed)."""
    meldingen: list[str] = []
    sociaal = _call(lambda: woningvoorraad(url, gemeentecode, peildatum=peildatum), meldingen)
    rijen = _call(lambda: instrumenten(url, gemeentecode=gemeentecode, peildatum=peildatum), meldingen)
    verdeling = None
    jaar = _call(lambda: latest_allocation_year(url, gemeentecode), meldingen)
    if jaar is not None and provinciecode:
        # One province's table serves each of its gemeenten (kept per data version).
        regio = _call(
            lambda: cache.memo(
                "homes.fair_share",
                url,
                (provinciecode, str(jaar)),
                lambda: fair_share(url, provinciecode, str(jaar)),
            ),
            meldingen,
        )
        if regio is not None:
            verdeling = {
                "periode": str(jaar),
                "regio": regio.get("naam") or provinciecode,
                "rijen": [r for r in regio["rijen"] if r.get("gemeentecode") == gemeentecode],
                # The disclosure threshold the figures were suppressed with (setting suppression_k).
                "k": regio["k"],
                # Disclosure notes (what had to be hidden more, and why) belong with the figures.
                "opmerkingen": list(regio.get("opmerkingen") or []),
            }
    return {
        "sociaal": sociaal,
        "instrumenten": (rijen or {}).get("rijen", [None])[0] if rijen else None,
        "verdeling": verdeling,
        "meldingen": meldingen,
    }
