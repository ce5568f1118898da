"""The municipal instruments of a home for everyone: urgentieverordening (R11) and woonzorgvisie (R12).

Both are judged on a reference date (peildatum) and give a value the monitor can use as an indicator:
the share of the mandatory urgency groups an ordinance covers (0..1), and whether the woonzorgvisie is
current (bool). An instrument adopted after the peildatum does not count yet on that date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from leefbaar.domain.allocation import VERPLICHTE_URGENTIEGROEPEN, Aandachtsgroep
from leefbaar.homes.labels import AANDACHTSGROEP_LABELS

#: The agreements ask for a woonzorgvisie in 2023.
WOONZORGVISIE_UITERLIJK = date(2023, 12, 31)
#: Default maximum age of a woonzorgvisie before it counts as outdated (a council period is 4 years;
#: visions commonly run 4-5 years).
WOONZORGVISIE_MAX_JAREN = 5


# ---------------------------------------------------------------- urgentieverordening (R11)


@dataclass(frozen=True)
class Urgentieverordening:
    """A municipality's urgency ordinance: the groups it gives priority and the date it was adopted."""

    gemeentecode: str
    vastgesteld_op: date | None
    groepen: frozenset[Aandachtsgroep] = field(default_factory=frozenset)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Urgentieverordening:
        """From parsed data: ``{"gemeente": "GM0344", "vastgesteld_op": "2024-07-01", "groepen": [...]}``."""
        code = data.get("gemeente")
        if not isinstance(code, str):
            raise ValueError("een urgentieverordening hoort bij een gemeente ('gemeente')")
        return cls(
            code, _date(data.get("vastgesteld_op"), "vastgesteld_op"), _groups(data.get("groepen", []))
        )


def _date(value: object, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"'{name}' is geen datum (JJJJ-MM-DD): {value!r}")


def _groups(value: object) -> frozenset[Aandachtsgroep]:
    if not isinstance(value, list | tuple | set | frozenset):
        raise ValueError("'groepen' moet een lijst aandachtsgroepen zijn")
    known = ", ".join(g.value for g in Aandachtsgroep)
    groups = set()
    for item in value:
        try:
            groups.add(Aandachtsgroep(item))
        except ValueError:
            raise ValueError(f"onbekende aandachtsgroep '{item}' (kies uit: {known})") from None
    return frozenset(groups)


@dataclass(frozen=True)
class Verordeningsdekking:
    """How far an ordinance covers the mandatory groups on a reference date."""

    gemeentecode: str
    peildatum: date
    vastgesteld: bool
    vastgesteld_op: date | None
    gedekt: tuple[Aandachtsgroep, ...]
    ontbrekend: tuple[Aandachtsgroep, ...]
    extra: tuple[Aandachtsgroep, ...]
    #: Indicator value: covered mandatory groups / mandatory groups (0 without an ordinance).
    dekkingsgraad: float
    volledig: bool
    toelichting: str

    def as_row(self) -> dict[str, str | int | float | bool | None]:
        return {
            "gemeentecode": self.gemeentecode,
            "peildatum": self.peildatum.isoformat(),
            "vastgesteld": self.vastgesteld,
            "vastgesteld_op": self.vastgesteld_op.isoformat() if self.vastgesteld_op else None,
            "gedekte_groepen": len(self.gedekt),
            "verplichte_groepen": len(VERPLICHTE_URGENTIEGROEPEN),
            "ontbrekend": ", ".join(g.value for g in self.ontbrekend),
            "dekkingsgraad": self.dekkingsgraad,
            "volledig": self.volledig,
            "toelichting": self.toelichting,
        }


def ordinance_coverage(
    gemeentecode: str, verordening: Urgentieverordening | None, peildatum: date
) -> Verordeningsdekking:
    """Coverage of VERPLICHTE_URGENTIEGROEPEN; missing groups listed in Dutch, in the mandatory order."""
    adopted = (
        verordening is not None
        and verordening.vastgesteld_op is not None
        and verordening.vastgesteld_op <= peildatum
    )
    groups = verordening.groepen if verordening is not None and adopted else frozenset()
    covered = tuple(g for g in VERPLICHTE_URGENTIEGROEPEN if g in groups)
    missing = tuple(g for g in VERPLICHTE_URGENTIEGROEPEN if g not in groups)
    extra = tuple(g for g in Aandachtsgroep if g in groups and g not in VERPLICHTE_URGENTIEGROEPEN)
    if verordening is None or verordening.vastgesteld_op is None:
        text = "geen urgentieverordening vastgesteld"
    elif not adopted:
        text = f"urgentieverordening pas vastgesteld op {verordening.vastgesteld_op.isoformat()}"
    elif missing:
        text = "ontbreekt: " + ", ".join(AANDACHTSGROEP_LABELS[g] for g in missing)
    else:
        text = "alle verplichte groepen gedekt"
    return Verordeningsdekking(
        gemeentecode=gemeentecode,
        peildatum=peildatum,
        vastgesteld=adopted,
        vastgesteld_op=verordening.vastgesteld_op if verordening else None,
        gedekt=covered,
        ontbrekend=missing,
        extra=extra,
        dekkingsgraad=len(covered) / len(VERPLICHTE_URGENTIEGROEPEN),
        volledig=adopted and not missing,
        toelichting=text,
    )


# ---------------------------------------------------------------- woonzorgvisie (R12)


@dataclass(frozen=True)
class Woonzorgvisie:
    """A municipality's housing-and-care vision: adoption date and, when it states one, its end date."""

    gemeentecode: str
    vastgesteld_op: date | None
    geldig_tot: date | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Woonzorgvisie:
        """From parsed data: ``{"gemeente": ..., "vastgesteld_op": "2023-06-01", "geldig_tot": None}``."""
        code = data.get("gemeente")
        if not isinstance(code, str):
            raise ValueError("een woonzorgvisie hoort bij een gemeente ('gemeente')")
        return cls(
            code,
            _date(data.get("vastgesteld_op"), "vastgesteld_op"),
            _date(data.get("geldig_tot"), "geldig_tot"),
        )


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class WoonzorgvisieStatus:
    gemeentecode: str
    peildatum: date
    vastgesteld: bool
    vastgesteld_op: date | None
    #: Adopted by the end of 2023, as the agreements ask.
    op_tijd: bool
    verouderd_na: date | None
    #: Indicator value: adopted, at most ``max_jaren`` old and not past its own end date.
    actueel: bool
    toelichting: str

    def as_row(self) -> dict[str, str | bool | None]:
        return {
            "gemeentecode": self.gemeentecode,
            "peildatum": self.peildatum.isoformat(),
            "vastgesteld": self.vastgesteld,
            "vastgesteld_op": self.vastgesteld_op.isoformat() if self.vastgesteld_op else None,
            "op_tijd": self.op_tijd,
            "verouderd_na": self.verouderd_na.isoformat() if self.verouderd_na else None,
            "actueel": self.actueel,
            "toelichting": self.toelichting,
        }


def woonzorgvisie_status(
    gemeentecode: str, visie: Woonzorgvisie | None, peildatum: date, max_jaren: int = WOONZORGVISIE_MAX_JAREN
) -> WoonzorgvisieStatus:
    """Current when adopted on or before the peildatum, the peildatum is on or before the anniversary
    ``max_jaren`` after adoption, and on or before the vision's own end date (if it has one).

    ``verouderd_na`` is the last day it still counts as current: the earlier of that anniversary and
    the end date.
    """
    if max_jaren < 1:
        raise ValueError("de maximale leeftijd van een woonzorgvisie is minstens 1 jaar")
    adopted_on = visie.vastgesteld_op if visie else None
    if adopted_on is None:
        return WoonzorgvisieStatus(
            gemeentecode, peildatum, False, None, False, None, False, "geen woonzorgvisie"
        )
    if adopted_on > peildatum:
        return WoonzorgvisieStatus(
            gemeentecode,
            peildatum,
            False,
            adopted_on,
            False,
            None,
            False,
            f"woonzorgvisie pas vastgesteld op {adopted_on.isoformat()}",
        )
    last = add_years(adopted_on, max_jaren)
    end = visie.geldig_tot if visie else None
    if end is not None and end < last:
        last = end
    current = peildatum <= last
    if current:
        text = f"actueel tot en met {last.isoformat()}"
    elif end is not None and last == end:
        text = f"verouderd: looptijd eindigde op {end.isoformat()}"
    else:
        text = f"verouderd: ouder dan {max_jaren} jaar (vastgesteld op {adopted_on.isoformat()})"
    return WoonzorgvisieStatus(
        gemeentecode=gemeentecode,
        peildatum=peildatum,
        vastgesteld=True,
        vastgesteld_op=adopted_on,
        op_tijd=adopted_on <= WOONZORGVISIE_UITERLIJK,
        verouderd_na=last,
        actueel=current,
        toelichting=text,
    )
