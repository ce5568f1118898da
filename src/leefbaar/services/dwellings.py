"""The dwellings of a complex: the last step of the evidence drill-down (afspraak -> complex -> woningen).

Dwelling rows are not public (docs/privacy.md, "Access policy"). The association that owns the
complex sees them (``Resource.VOORRAAD_DETAIL``); a municipality sees the ones in its own territory,
and only under a sharing agreement with the owner covering ``woninggegevens``
(``Resource.WONINGEN_IN_GEMEENTE``). Everyone else, including a visitor without an account, gets the
public counts of the complex and the policy's reason. Dwelling data is stock data, not personal
data, so a read writes no processing-log event (privacy.md: "not personal data and is not logged").

One call, :func:`complex_woningen`, serves the page ``/complexen/{id}/woningen`` and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from leefbaar.domain.parties import Rol
from leefbaar.privacy.policy import Decision, Resource, Verzoek
from leefbaar.services import areas, sharing
from leefbaar.services.accounts import Account
from leefbaar.storage import dwelling_queries as q

#: What a reader without the right to the rows is told, besides the policy's own reason.
ALLEEN_AANTALLEN = "details alleen voor de eigenaar of onder een deelovereenkomst"


@dataclass(frozen=True)
class Woning:
    """One current dwelling of a complex as the owner (or a municipality under agreement) sees it."""

    verblijfsobject_id: str
    postcode: str | None
    huisnummer: int | None
    huisletter: str | None
    toevoeging: str | None
    buurtcode: str
    eigendom: str
    huursegment: str | None
    energielabel: str | None
    bouwjaar: int | None
    oppervlakte_m2: int | None
    peildatum: date
    open_gebreken: tuple[str, ...]

    @property
    def adres(self) -> str:
        """Postcode and house number the Dutch way: ``3329 AA 12A-2``; the BAG id when unknown."""
        if not self.postcode or self.huisnummer is None:
            return f"verblijfsobject {self.verblijfsobject_id}"
        nummer = f"{self.huisnummer}{self.huisletter or ''}" + (
            f"-{self.toevoeging}" if self.toevoeging else ""
        )
        return f"{self.postcode[:4]} {self.postcode[4:]} {nummer}"


@dataclass(frozen=True)
class ComplexWoningen:
    """What a reader may see of a complex's dwellings.

    ``complex`` is the public complex (``areas.complex_``: counts per segment and label group).
    ``detail`` says whether the rows are allowed; ``reden`` is the policy's Dutch reason either way.
    ``gemeente`` is set when only one municipality's territory is shown. ``woningen`` is the page
    asked for (with the look-ahead row, if any) and ``totaal`` the number of rows in the whole
    selection; both are empty without ``detail``.
    """

    complex: dict[str, Any]
    detail: bool
    reden: str
    gemeente: str | None = None
    overeenkomst_id: str | None = None
    woningen: tuple[Woning, ...] = ()
    totaal: int = 0


def _woning(row: dict[str, Any]) -> Woning:
    gebreken = str(row["open_gebreken"] or "")
    return Woning(
        verblijfsobject_id=row["verblijfsobject_id"],
        postcode=row["postcode"],
        huisnummer=None if row["huisnummer"] is None else int(row["huisnummer"]),
        huisletter=row["huisletter"],
        toevoeging=row["toevoeging"],
        buurtcode=row["buurtcode"],
        eigendom=row["eigendom"],
        huursegment=row["huursegment"],
        energielabel=row["energielabel"],
        bouwjaar=None if row["bouwjaar"] is None else int(row["bouwjaar"]),
        oppervlakte_m2=None if row["oppervlakte_m2"] is None else int(row["oppervlakte_m2"]),
        peildatum=row["peildatum"],
        open_gebreken=tuple(s for s in gebreken.split(";") if s),
    )


def _decide(
    url: str, account: Account | None, c: dict[str, Any], on_date: date | None
) -> tuple[Decision, str | None]:
    """The policy decision for this reader and complex, and the territory to restrict the rows to."""
    if account is not None and account.rol is Rol.GEMEENTE:
        # A municipality asks for the dwellings in its territory; the policy checks that the complex
        # lies there and that an agreement with the owner covers woninggegevens.
        verzoek = Verzoek(
            Resource.WONINGEN_IN_GEMEENTE, eigenaar=c["corporatie_id"], gemeente=c["gemeentecode"]
        )
        return sharing.authorize(url, account, verzoek, on_date=on_date), account.organisatie
    verzoek = Verzoek(Resource.VOORRAAD_DETAIL, eigenaar=c["corporatie_id"])
    return sharing.authorize(url, account, verzoek, on_date=on_date), None


def complex_woningen(
    url: str | None,
    account: Account | None,
    complex_id: str,
    *,
    offset: int = 0,
    limit: int | None = None,
    on_date: date | None = None,
) -> ComplexWoningen | None:
    """The dwellings of complex ``complex_id`` (``L0001-1021``) that ``account`` may see, one page.

    None when the complex does not exist. ``limit`` rows from ``offset`` (ask one more than the page
    size to learn whether a next page exists). ``account`` None is a visitor: counts only.
    """
    url = areas.database_url(url)
    c = areas.complex_(url, complex_id)
    if c is None:
        return None
    decision, gemeente = _decide(url, account, c, on_date)
    if not decision:
        return ComplexWoningen(c, False, decision.reason)
    rows = q.complex_dwellings(url, c["corporatie_id"], c["complexnummer"], gemeente, offset, limit)
    return ComplexWoningen(
        complex=c,
        detail=True,
        reden=decision.reason,
        gemeente=gemeente,
        overeenkomst_id=decision.agreement_id,
        woningen=tuple(_woning(r) for r in rows),
        totaal=int(rows[0]["totaal"]) if rows else 0,
    )
