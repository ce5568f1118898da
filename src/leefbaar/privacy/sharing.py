"""Sharing agreements (gegevensdelingsovereenkomsten) and retention (bewaartermijn) of shared data.

A sharing agreement records who shares what with whom (R14, R15): the providing and receiving
party, the purpose (doelbinding), the legal basis (grondslag), the data categories, how long the
receiver may keep what it receives, and the period in which the agreement is in force. Reading or
receiving personal data requires an agreement that covers the parties, the purpose and the
category on that day. Pure: the agreements are passed in; storage keeps them.

Dates are inclusive: an agreement with ``einddatum`` 31 December still covers that day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Gegevenscategorie(StrEnum):
    """Kinds of data an agreement may cover."""

    BETALINGSACHTERSTAND = "betalingsachterstand"
    OVERLAST = "overlast"
    ZORGSIGNAAL = "zorgsignaal"
    TOEWIJZING = "toewijzing"
    #: Dwelling-level stock data (condition, defects) of an association: not personal data,
    #: but a municipality sees it in detail only under an agreement.
    WONINGGEGEVENS = "woninggegevens"


#: Special categories of personal data (AVG art. 9): health, care needs.
BIJZONDERE_CATEGORIEEN = frozenset({Gegevenscategorie.ZORGSIGNAAL})
#: Categories that are personal data (about an identifiable household or person).
PERSOONSGEGEVENS_CATEGORIEEN = frozenset(
    {
        Gegevenscategorie.BETALINGSACHTERSTAND,
        Gegevenscategorie.OVERLAST,
        Gegevenscategorie.ZORGSIGNAAL,
        Gegevenscategorie.TOEWIJZING,
    }
)


def is_bijzonder(categorie: Gegevenscategorie) -> bool:
    """True for a special category of personal data."""
    return categorie in BIJZONDERE_CATEGORIEEN


def is_persoonsgegeven(categorie: Gegevenscategorie) -> bool:
    return categorie in PERSOONSGEGEVENS_CATEGORIEEN


_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?")


@dataclass(frozen=True)
class Bewaartermijn:
    """A retention period in years, months and days, as VNG's ``bewaartermijn`` (ISO 8601, ``P1Y6M``).

    Months and years are calendar steps; a day that does not exist in the target month moves to
    the month's last day (31 January + 1 month = 28 or 29 February).
    """

    jaren: int = 0
    maanden: int = 0
    dagen: int = 0

    def __post_init__(self) -> None:
        if min(self.jaren, self.maanden, self.dagen) < 0:
            raise ValueError("een bewaartermijn is niet negatief")
        if self.jaren == self.maanden == self.dagen == 0:
            raise ValueError("een bewaartermijn van 0 dagen is geen bewaartermijn")

    @classmethod
    def parse(cls, text: str) -> Bewaartermijn:
        """Read an ISO 8601 duration of years, months and days (``P2Y``, ``P6M``, ``P30D``)."""
        match = _DURATION.fullmatch(text.strip())
        if match is None or not any(match.groups()):
            raise ValueError(f"'{text}' is geen bewaartermijn zoals P2Y, P6M of P30D")
        years, months, days = (int(g) if g else 0 for g in match.groups())
        return cls(years, months, days)

    def iso(self) -> str:
        parts = [f"{v}{unit}" for v, unit in ((self.jaren, "Y"), (self.maanden, "M"), (self.dagen, "D")) if v]
        return "P" + "".join(parts)

    def add_to(self, start: date) -> date:
        months = start.month - 1 + self.maanden + 12 * self.jaren
        year, month = start.year + months // 12, months % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) + timedelta(days=self.dagen)


def verwijderdatum(signaal_datum: date, bewaartermijn: Bewaartermijn) -> date:
    """The deletion due date: the first day on which the data may no longer be kept.

    A signal of 1 March with a retention of 30 days is kept 1-30 March and deleted on 31 March.
    """
    return bewaartermijn.add_to(signaal_datum)


def expired(signaal_datum: date, bewaartermijn: Bewaartermijn, today: date) -> bool:
    """True when the retention period is over on ``today`` (from the deletion due date on)."""
    return today >= verwijderdatum(signaal_datum, bewaartermijn)


@dataclass(frozen=True)
class Gegevensdelingsovereenkomst:
    """A sharing agreement between one providing and one receiving party, for one purpose.

    ``verstrekker`` and ``ontvanger`` are party ids (``L0001``, ``GM0363``, ``ZP0001``); ``doel``
    is a short purpose code (``vroegsignalering_schulden``) and ``doel_omschrijving`` says it in
    words; ``grondslag`` names the legal basis. ``einddatum`` None: in force until ended.
    """

    id: str
    verstrekker: str
    ontvanger: str
    doel: str
    grondslag: str
    categorieen: frozenset[Gegevenscategorie]
    bewaartermijn: Bewaartermijn
    begindatum: date
    einddatum: date | None = None
    doel_omschrijving: str = ""

    def __post_init__(self) -> None:
        problems = agreement_problems(self)
        if problems:
            raise ValueError(f"overeenkomst {self.id}: " + "; ".join(problems))

    @property
    def bijzonder(self) -> bool:
        """True when the agreement covers special categories of personal data."""
        return any(is_bijzonder(c) for c in self.categorieen)

    def in_force(self, on_date: date) -> bool:
        return self.begindatum <= on_date and (self.einddatum is None or on_date <= self.einddatum)


def agreement_problems(agreement: Gegevensdelingsovereenkomst) -> list[str]:
    """What is wrong with an agreement, in Dutch (empty when it is sound)."""
    problems = []
    for name in ("id", "verstrekker", "ontvanger", "doel", "grondslag"):
        if not str(getattr(agreement, name)).strip():
            problems.append(f"{name} ontbreekt")
    if agreement.verstrekker == agreement.ontvanger:
        problems.append("verstrekker en ontvanger zijn dezelfde partij")
    if not agreement.categorieen:
        problems.append("geen gegevenscategorieën")
    if agreement.einddatum is not None and agreement.einddatum < agreement.begindatum:
        problems.append("einddatum ligt voor begindatum")
    return problems


@dataclass(frozen=True)
class Dekking:
    """Whether an agreement covers a use, with the reason in Dutch. Truthy when it does."""

    gedekt: bool
    reden: str
    overeenkomst: Gegevensdelingsovereenkomst | None = None

    def __bool__(self) -> bool:
        return self.gedekt


def covers(
    agreement: Gegevensdelingsovereenkomst,
    provider: str,
    receiver: str,
    purpose: str,
    category: Gegevenscategorie,
    on_date: date,
) -> Dekking:
    """Does ``agreement`` let ``receiver`` have ``category`` from ``provider`` for ``purpose`` on that day?"""
    a = agreement
    if (a.verstrekker, a.ontvanger) != (provider, receiver):
        return Dekking(False, f"overeenkomst {a.id} geldt tussen {a.verstrekker} en {a.ontvanger}")
    if on_date < a.begindatum:
        return Dekking(False, f"overeenkomst {a.id} gaat pas in op {a.begindatum.isoformat()}")
    if a.einddatum is not None and on_date > a.einddatum:
        return Dekking(False, f"overeenkomst {a.id} is verlopen op {a.einddatum.isoformat()}")
    if purpose != a.doel:
        return Dekking(False, f"overeenkomst {a.id} geldt voor doel '{a.doel}', niet voor '{purpose}'")
    if category not in a.categorieen:
        return Dekking(False, f"overeenkomst {a.id} omvat geen {category.value}")
    return Dekking(True, f"gedekt door overeenkomst {a.id} (doel '{a.doel}', grondslag {a.grondslag})", a)


def find_covering(
    agreements: Iterable[Gegevensdelingsovereenkomst],
    provider: str,
    receiver: str,
    purpose: str | None,
    category: Gegevenscategorie,
    on_date: date,
) -> Dekking:
    """The agreement that covers the use, or the reason none does.

    ``purpose`` None accepts any purpose (only for data that is not personal, such as
    woninggegevens). When several agreements cover, the one that started last wins (ties by
    id), so the answer does not depend on the order they were passed in.
    """
    candidates = sorted(agreements, key=lambda a: (a.begindatum, a.id), reverse=True)
    between = [a for a in candidates if (a.verstrekker, a.ontvanger) == (provider, receiver)]
    if not between:
        return Dekking(False, f"geen gegevensdelingsovereenkomst tussen {provider} en {receiver}")
    first_refusal: Dekking | None = None
    for a in between:
        result = covers(a, provider, receiver, a.doel if purpose is None else purpose, category, on_date)
        if result:
            return result
        first_refusal = first_refusal or result
    assert first_refusal is not None
    return first_refusal
