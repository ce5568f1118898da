"""The indicator registry: which indicators the liveability index may use, and how to read them.

The registry is a data file (``indicatoren.yaml`` next to this module). The services layer reads it
with ``yaml.safe_load`` and hands the parsed dict to :func:`parse_registry`, which validates it and
returns a :class:`Registry`. Errors are collected and reported together, in Dutch.

Fairness is enforced here, not only documented: a registry that names an indicator on migration
background, ethnicity, nationality or benefit dependency is refused (:data:`STIGMATISERENDE_TERMEN`),
because the Leefbaarometer 3.0 dropped such indicators as stigmatising and we follow it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Dimensie(StrEnum):
    """The five dimensions of the Leefbaarometer 3.0, in its order."""

    WONINGVOORRAAD = "woningvoorraad"
    FYSIEKE_OMGEVING = "fysieke_omgeving"
    VOORZIENINGEN = "voorzieningen"
    SOCIALE_SAMENHANG = "sociale_samenhang"
    OVERLAST_ONVEILIGHEID = "overlast_onveiligheid"

    @property
    def label(self) -> str:
        """The Dutch name as written in a sentence ("overlast en onveiligheid")."""
        return _DIMENSIE_LABELS[self]


_DIMENSIE_LABELS = {
    Dimensie.WONINGVOORRAAD: "woningvoorraad",
    Dimensie.FYSIEKE_OMGEVING: "fysieke omgeving",
    Dimensie.VOORZIENINGEN: "voorzieningen",
    Dimensie.SOCIALE_SAMENHANG: "sociale samenhang",
    Dimensie.OVERLAST_ONVEILIGHEID: "overlast en onveiligheid",
}

#: Dimensions in a fixed order: the column order of every score array.
DIMENSIES: tuple[Dimensie, ...] = tuple(Dimensie)


class Richting(StrEnum):
    """Which way is good for an indicator."""

    HOGER_BETER = "hoger_beter"
    LAGER_BETER = "lager_beter"


class IndicatorSoort(StrEnum):
    """Measured facts (objectief) versus residents' judgements (subjectief); never averaged together."""

    OBJECTIEF = "objectief"
    SUBJECTIEF = "subjectief"

    @property
    def bijvoeglijk(self) -> str:
        """The inflected adjective ("objectieve score")."""
        return self.value[:-1] + "ve"


#: Kinds in a fixed order: the first axis of every score array.
SOORTEN: tuple[IndicatorSoort, ...] = tuple(IndicatorSoort)

#: Terms that mark a stigmatising source: migration background, ethnicity, nationality, country of
#: birth, and benefit dependency. Matched case-insensitively as substrings of an indicator's key,
#: name and source with everything but letters and digits removed, so ``NietWestersTotaal_20``,
#: ``herkomst_buiten_europa`` and ``PersonenPerSoortUitkeringBijstand_83`` are all caught.
STIGMATISERENDE_TERMEN: tuple[str, ...] = (
    # migration background / ethnicity (CBS KWB: WestersTotaal, NietWestersTotaal, Marokko, ...)
    "herkomst",
    "migratie",
    "migrant",
    "etnici",
    "etnisch",
    "westers",
    "allochto",
    "autochto",
    "nationaliteit",
    "geborenbuiten",
    "buiteneuropa",
    "europaexclnl",
    "marokk",
    "turkije",
    "turks",
    "surinam",
    "antill",
    "indonesi",
    "vluchteling",
    # benefit dependency (CBS KWB: PersonenPerSoortUitkeringBijstand, ...AO, ...WW, ...AOW)
    "uitkering",
    "bijstand",
    "werkloosheid",
    "arbeidsongeschikt",
    "wajong",
    "minimainkomen",
)

#: Source prefixes that are not CBS columns.
BRON_LEEFBAAR = "leefbaar:"
BRON_ENQUETE = "enquete:"

_KEY_PATTERN = r"[a-z][a-z0-9_]*"
# A CBS column name without its numeric suffix ("AantalInwoners", not "AantalInwoners_5").
# CBS uses underscores inside names too (``k_65JaarOfOuder``); only a trailing ``_<digits>`` is a suffix.
_CBS_PATTERN = r"[A-Za-z][A-Za-z0-9_]*"
_CBS_SUFFIX = r"_[0-9]*$"
_ANDER_PATTERN = r"(leefbaar|enquete):[a-z][a-z0-9_]*"
_VERPLICHT = (
    "sleutel",
    "naam",
    "bron",
    "eenheid",
    "richting",
    "dimensie",
    "soort",
    "onderbouwing",
    "eerlijkheid",
)


class RegistryError(ValueError):
    """A registry or weights file that cannot be used; ``fouten`` lists every problem in Dutch."""

    def __init__(self, fouten: list[str]) -> None:
        self.fouten = fouten
        super().__init__("; ".join(fouten))


@dataclass(frozen=True)
class Indicator:
    """One indicator as the registry describes it.

    ``bron`` is a CBS Kerncijfers-wijken-en-buurten column name without numeric suffix, or
    ``leefbaar:<name>`` (Leefbaar's own data) or ``enquete:<name>`` (an imported survey). When
    ``noemer`` is set, the services layer divides ``bron`` by that column and multiplies by
    ``factor`` (for instance registered crimes per 1,000 inhabitants).
    """

    sleutel: str
    naam: str
    bron: str
    eenheid: str
    richting: Richting
    dimensie: Dimensie
    soort: IndicatorSoort
    onderbouwing: str
    eerlijkheid: str
    noemer: str | None = None
    factor: float = 1.0

    @property
    def teken(self) -> float:
        """+1 when higher is better, -1 when lower is better: multiply to make higher = better."""
        return 1.0 if self.richting is Richting.HOGER_BETER else -1.0


@dataclass(frozen=True)
class Registry:
    """The validated set of indicators, in file order, looked up by key."""

    indicatoren: tuple[Indicator, ...]

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicatoren)

    def __len__(self) -> int:
        return len(self.indicatoren)

    def __contains__(self, sleutel: object) -> bool:
        return any(i.sleutel == sleutel for i in self.indicatoren)

    def __getitem__(self, sleutel: str) -> Indicator:
        for indicator in self.indicatoren:
            if indicator.sleutel == sleutel:
                return indicator
        raise KeyError(sleutel)

    @property
    def sleutels(self) -> tuple[str, ...]:
        return tuple(i.sleutel for i in self.indicatoren)


def stigmatiserende_term(tekst: str) -> str | None:
    """The first deny-listed term found in ``tekst`` (letters and digits only, lower case), if any."""
    plat = re.sub(r"[^a-z0-9]", "", tekst.lower())
    for term in STIGMATISERENDE_TERMEN:
        if term in plat:
            return term
    return None


def parse_registry(data: Mapping[str, Any]) -> Registry:
    """Validate a parsed ``indicatoren.yaml`` and return the registry; raise RegistryError otherwise."""
    if not isinstance(data, Mapping) or not isinstance(data.get("indicatoren"), list):
        raise RegistryError(["het register moet een lijst 'indicatoren' bevatten"])
    fouten: list[str] = []
    indicatoren: list[Indicator] = []
    gezien: set[str] = set()
    for nummer, item in enumerate(data["indicatoren"], start=1):
        indicator = _parse_indicator(nummer, item, fouten)
        if indicator is None:
            continue
        if indicator.sleutel in gezien:
            fouten.append(f"indicator {nummer} ('{indicator.sleutel}'): sleutel komt vaker voor")
            continue
        gezien.add(indicator.sleutel)
        indicatoren.append(indicator)
    if not indicatoren and not fouten:
        fouten.append("het register bevat geen indicatoren")
    if fouten:
        raise RegistryError(fouten)
    return Registry(tuple(indicatoren))


def _parse_indicator(nummer: int, item: object, fouten: list[str]) -> Indicator | None:
    """One registry entry, or None after appending its problems to ``fouten``."""
    if not isinstance(item, Mapping):
        fouten.append(f"indicator {nummer}: verwacht een tabel met velden")
        return None
    waar = f"indicator {nummer} ('{item.get('sleutel', '?')}')"
    eigen = len(fouten)
    for veld in _VERPLICHT:
        waarde = item.get(veld)
        if not isinstance(waarde, str) or not waarde.strip():
            fouten.append(f"{waar}: veld '{veld}' ontbreekt of is leeg")
    onbekend = sorted(set(item) - set(_VERPLICHT) - {"noemer", "factor"})
    if onbekend:
        fouten.append(f"{waar}: onbekende velden {', '.join(map(str, onbekend))}")
    if len(fouten) > eigen:
        return None
    _check_waarden(waar, item, fouten)
    if len(fouten) > eigen:
        return None
    factor = item.get("factor", 1.0)
    return Indicator(
        sleutel=item["sleutel"],
        naam=item["naam"],
        bron=item["bron"],
        eenheid=item["eenheid"],
        richting=Richting(item["richting"]),
        dimensie=Dimensie(item["dimensie"]),
        soort=IndicatorSoort(item["soort"]),
        onderbouwing=item["onderbouwing"].strip(),
        eerlijkheid=item["eerlijkheid"].strip(),
        noemer=item.get("noemer"),
        factor=float(factor),
    )


def _check_waarden(waar: str, item: Mapping[str, Any], fouten: list[str]) -> None:
    """Check the values of the fields of one entry whose required fields are present."""
    if re.fullmatch(_KEY_PATTERN, item["sleutel"]) is None:
        fouten.append(f"{waar}: sleutel moet uit kleine letters, cijfers en '_' bestaan")
    bron = item["bron"]
    if re.fullmatch(_ANDER_PATTERN, bron) is None and not _is_cbs_kolom(bron):
        fouten.append(
            f"{waar}: bron '{bron}' is geen CBS-kolomnaam zonder nummer (zoals 'AantalInwoners') "
            "en geen 'leefbaar:...' of 'enquete:...'"
        )
    _check_keuze(waar, "richting", item["richting"], Richting, fouten)
    _check_keuze(waar, "dimensie", item["dimensie"], Dimensie, fouten)
    _check_keuze(waar, "soort", item["soort"], IndicatorSoort, fouten)
    noemer = item.get("noemer")
    if noemer is not None and (not isinstance(noemer, str) or not _is_cbs_kolom(noemer)):
        fouten.append(f"{waar}: noemer moet een CBS-kolomnaam zonder nummer zijn")
    factor = item.get("factor", 1.0)
    if isinstance(factor, bool) or not isinstance(factor, int | float) or not factor > 0:
        fouten.append(f"{waar}: factor moet een positief getal zijn")
    for veld in ("sleutel", "naam", "bron", "noemer"):
        waarde = item.get(veld)
        term = stigmatiserende_term(waarde) if isinstance(waarde, str) else None
        if term is not None:
            fouten.append(
                f"{waar}: {veld} '{waarde}' gaat over herkomst, etniciteit of uitkeringsafhankelijkheid "
                f"(term '{term}'); zulke indicatoren zijn stigmatiserend en niet toegestaan "
                "(ook de Leefbaarometer 3.0 gebruikt ze niet meer)"
            )


def _is_cbs_kolom(naam: str) -> bool:
    """A CBS column name without its numeric suffix."""
    return re.fullmatch(_CBS_PATTERN, naam) is not None and re.search(_CBS_SUFFIX, naam) is None


def _check_keuze(waar: str, veld: str, waarde: str, keuzes: type[StrEnum], fouten: list[str]) -> None:
    toegestaan = [k.value for k in keuzes]
    if waarde not in toegestaan:
        fouten.append(f"{waar}: {veld} '{waarde}' is onbekend; kies uit {', '.join(toegestaan)}")
