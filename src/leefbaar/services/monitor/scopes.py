"""What a verdict is about: scopes (nation, province, municipality, association, complex), parsed from
text, named, checked against the data, and planned per commitment.

:class:`Universe` holds the municipalities and parties of the database on the reference date; it names
scopes and lists the codes of each kind that an evaluation judges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from leefbaar.domain.agreements import ScopeSoort
from leefbaar.rules.contribution import FAIR_CONTRIBUTION_INDICATORS
from leefbaar.rules.model import AfspraakSoort, Agreement, Commitment
from leefbaar.storage import monitor_queries as q

#: Scope kinds from the widest to the finest: the order of verdicts and of planning.
SCOPE_ORDER = tuple(ScopeSoort)

_CODE_PATTERNS = {
    ScopeSoort.PROVINCIE: (r"PV\d{2}", "PV27"),
    ScopeSoort.GEMEENTE: (r"GM\d{4}", "GM0363"),
    ScopeSoort.CORPORATIE: (r"L\d{4}", "L0001"),
    ScopeSoort.COMPLEX: (r"L\d{4}/[A-Za-z0-9._-]{1,20}", "L0001/1043"),
}


class ScopeError(ValueError):
    """A scope the monitor does not know (message in Dutch)."""


@dataclass(frozen=True, order=True)
class Scope:
    """What a verdict is about: the nation, a province, municipality, association or complex."""

    soort: ScopeSoort
    code: str = "NL"

    def __str__(self) -> str:
        return "nationaal" if self.soort is ScopeSoort.NATIONAAL else f"{self.soort.value}:{self.code}"


NATIONAAL = Scope(ScopeSoort.NATIONAAL, "NL")


def parse_scope(text: str) -> Scope:
    """``nationaal``, ``provincie:PV27``, ``gemeente:GM0363``, ``corporatie:L0001``, ``complex:L0001/1043``."""
    raw = text.strip()
    if raw.lower() == "nationaal":
        return NATIONAAL
    soort_text, sep, code = raw.partition(":")
    try:
        soort = ScopeSoort(soort_text.strip().lower())
    except ValueError:
        soort = None
    if not sep or soort is None or soort is ScopeSoort.NATIONAAL:
        raise ScopeError(
            f"Onbekende scope '{text}'. Gebruik nationaal, provincie:PV27, gemeente:GM0363, "
            "corporatie:L0001 of complex:L0001/1043."
        )
    pattern, example = _CODE_PATTERNS[soort]
    code = code.strip().upper() if soort is not ScopeSoort.COMPLEX else code.strip()
    if soort is ScopeSoort.COMPLEX:
        corp, _, nummer = code.partition("/")
        code = f"{corp.upper()}/{nummer}"
    if not re.fullmatch(pattern, code):
        raise ScopeError(
            f"'{code}' is geen geldige code voor een {soort.value}; voorbeeld: {soort.value}:{example}."
        )
    return Scope(soort, code)


@dataclass
class Universe:
    """The municipalities (with province) and parties on the reference date: scope codes and names."""

    gemeenten: list[dict[str, Any]]
    names: dict[str, str]
    corporaties: list[str]

    def codes(self, soort: ScopeSoort) -> list[str]:
        """Every code of this kind an evaluation judges (complexes only when asked for one)."""
        if soort is ScopeSoort.NATIONAAL:
            return ["NL"]
        if soort is ScopeSoort.PROVINCIE:
            return sorted({g["provinciecode"] for g in self.gemeenten if g["provinciecode"]})
        if soort is ScopeSoort.GEMEENTE:
            return [g["gemeentecode"] for g in self.gemeenten]
        if soort is ScopeSoort.CORPORATIE:
            return self.corporaties
        return []

    def name(self, scope: Scope) -> str:
        """The scope's name as a verdict shows it ("Nederland", "Amsterdam", "complex 1043 (...)")."""
        if scope.soort is ScopeSoort.NATIONAAL:
            return "Nederland"
        if scope.soort is ScopeSoort.COMPLEX:
            corp, _, nummer = scope.code.partition("/")
            return f"complex {nummer} ({self.names.get(corp, corp)})"
        return self.names.get(scope.code, scope.code)


def load_universe(url: str, peildatum: date) -> Universe:
    """The municipalities of the latest indeling and the parties current on ``peildatum``."""
    gemeenten = q.municipalities(url)
    partijen = q.parties(url, peildatum)
    names = {p["partij_id"]: p["naam"] for p in partijen}
    names.update({g["gemeentecode"]: g["naam"] for g in gemeenten})
    for p in partijen:
        if p["soort"] == "provincie":
            names[p["partij_id"]] = p["naam"]
    corporaties = sorted(p["partij_id"] for p in partijen if p["soort"] == "corporatie")
    return Universe(gemeenten, names, corporaties)


def check_scope(scope: Scope, universe: Universe) -> None:
    """Raise :class:`ScopeError` when the data do not know ``scope`` (a complex: its association)."""
    if scope.soort is ScopeSoort.NATIONAAL:
        return
    if scope.soort is ScopeSoort.COMPLEX:
        corp = scope.code.partition("/")[0]
        if corp not in universe.corporaties:
            raise ScopeError(f"Onbekende corporatie '{corp}' in scope {scope}.")
        return
    if scope.code not in universe.codes(scope.soort):
        raise ScopeError(f"Onbekende {scope.soort.value} '{scope.code}': niet in de gegevens gevonden.")


def scopes_for(
    agreement: Agreement, toezegging: Commitment, universe: Universe, only: Scope | None
) -> list[Scope]:
    """The scopes one commitment is judged for (all of them, or just ``only`` when it applies)."""
    kinds = set(toezegging.scopes)
    if agreement.soort is AfspraakSoort.NATIONAAL and toezegging.indicator in FAIR_CONTRIBUTION_INDICATORS:
        kinds.add(ScopeSoort.CORPORATIE)  # each association against its fair contribution
    found: list[Scope] = []
    for soort in SCOPE_ORDER:
        if soort not in kinds:
            continue
        if agreement.soort is AfspraakSoort.LOKAAL:
            assert agreement.gemeente is not None
            if soort is ScopeSoort.GEMEENTE:
                codes = [agreement.gemeente.code]
            elif soort is ScopeSoort.CORPORATIE:
                codes = [p.id for p in agreement.partijen if p.soort.value == "corporatie"]
            elif soort is ScopeSoort.COMPLEX and only is not None and only.soort is soort:
                codes = (
                    [only.code] if only.code.partition("/")[0] in {p.id for p in agreement.partijen} else []
                )
            else:
                codes = []
        elif soort is ScopeSoort.COMPLEX:
            codes = [only.code] if only is not None and only.soort is soort else []
        else:
            codes = universe.codes(soort)
        found += [Scope(soort, c) for c in codes]
    return [s for s in found if only is None or s == only]
