"""Money and outcomes side by side (R2, R5): per theme the extra an association (or the associations
in a municipality) invested in the newest year with data, its baseline, what the municipality
invested itself, and for the R2 risks the share of dwellings whose risk was resolved within that year.

The euros come from the monitor's one definition (services.monitor.investments); the outcomes from
the defects register. Used by the gemeente and corporatie pages and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from leefbaar.domain.housing import R2_THEMAS, R5_THEMAS, InvesteringThema
from leefbaar.services import cache
from leefbaar.services.monitor.investments import THEMA_WOORDEN, investment_values, municipal_investments
from leefbaar.storage import monitor_queries as q


@dataclass(frozen=True)
class ThemaRegel:
    """One theme of the overview; None is "geen gegevens"."""

    thema: str
    naam: str
    #: "R2" or "R5".
    requirement: str
    extra_eur: float | None
    besteed_eur: float | None
    basislijn_eur: float | None
    basislijn_jaar: int | None
    #: What the municipality itself invested in the theme (gemeente overview only).
    gemeente_zelf_eur: float | None
    #: R2 risks: units (dwellings, or a complex for a complex-wide defect) with the risk open during
    #: the year, and those with it resolved by the end of the year (or the reference date).
    met_risico: int | None
    opgelost: int | None

    @property
    def opgelost_aandeel(self) -> float | None:
        return None if not self.met_risico or self.opgelost is None else self.opgelost / self.met_risico


@dataclass(frozen=True)
class Overzicht:
    jaar: int | None
    regels: tuple[ThemaRegel, ...]
    #: The extra is measured against a baseline for every theme with data (else partly declared).
    gemeten: bool
    #: The calendar year of the outcomes: the money's year, or the last year the defects register
    #: covers when it does not reach that far (None: no defects register).
    resultaatjaar: int | None


def _themes() -> list[tuple[InvesteringThema, str]]:
    return [(t, "R2") for t in R2_THEMAS] + [(t, "R5") for t in R5_THEMAS]


def outcome_year(url: str, peildatum: date, jaar: int) -> int | None:
    """The year of the outcomes beside the money of ``jaar``: the same year, unless the defects
    register only reaches an earlier one (its newest reference date; a year it has not begun to
    cover would show nothing resolved for want of data, not of work)."""
    known = q.defects_known_until(url, peildatum)
    return None if known is None else min(jaar, (known - timedelta(days=1)).year)


def _risks(url: str, peildatum: date, jaar: int | None, column: str, code: str) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    if jaar is None:
        return out
    eind = min(date(jaar, 12, 31), peildatum)
    scope = {column: code}  # corporatie_id or gemeentecode: the database keeps only that one
    for r in q.risk_resolution(url, peildatum, date(jaar, 1, 1), eind, **scope):
        met, opgelost = out.get(r["soort"], (0, 0))
        out[r["soort"]] = (met + int(r["met_risico"]), opgelost + int(r["opgelost"]))
    return out


def corporatie(url: str | None, corporatie_id: str, peildatum: date | None = None) -> Overzicht:
    """The overview of one association (its nationwide extra, against its own baseline)."""
    url = cache.database_url(url)
    peildatum = peildatum or date.today()
    jaar = q.newest_investment_year(url, peildatum)
    if jaar is None:
        return Overzicht(None, (), False, None)
    themes = _themes()
    values = investment_values(url, peildatum, [t for t, _ in themes], {}, stock={}, jaar=jaar)
    value = values.get(("corporatie", corporatie_id, ""))
    resultaatjaar = outcome_year(url, peildatum, jaar)
    risks = _risks(url, peildatum, resultaatjaar, "corporatie_id", corporatie_id)
    regels = []
    for thema, requirement in themes:
        k = value.kerngetallen if value is not None and value.waarde is not None else None
        basis = (k or {}).get("basislijn_per_thema", {}).get(thema.value)
        risk = risks.get(thema.value, (0, 0)) if requirement == "R2" and resultaatjaar else None
        regels.append(
            ThemaRegel(
                thema.value,
                THEMA_WOORDEN[thema],
                requirement,
                None if k is None else k["per_thema"].get(thema.value),
                None if k is None else k["besteed_per_thema"].get(thema.value),
                None if basis is None else basis["bedrag"],
                None if basis is None else basis["referentiejaar"],
                None,
                None if risk is None else risk[0],
                None if risk is None else risk[1],
            )
        )
    gemeten = value is not None and bool(value.kerngetallen.get("basislijn_per_thema"))
    return Overzicht(jaar, tuple(regels), gemeten, resultaatjaar)


def gemeente(url: str | None, gemeentecode: str, peildatum: date | None = None) -> Overzicht:
    """The overview of one municipality: the associations' extra invested in it (spread by where
    they spent it), beside what the municipality invested itself."""
    url = cache.database_url(url)
    peildatum = peildatum or date.today()
    jaar = q.newest_investment_year(url, peildatum)
    if jaar is None:
        return Overzicht(None, (), False, None)
    resultaatjaar = outcome_year(url, peildatum, jaar)
    risks = _risks(url, peildatum, resultaatjaar, "gemeentecode", gemeentecode)
    themes = _themes()
    # One computation for every theme: the associations' extra spread over the municipalities, and
    # what the municipality spent itself.
    values = investment_values(url, peildatum, [t for t, _ in themes], {}, stock={}, jaar=jaar)
    value = values.get(("gemeente", gemeentecode, ""))
    per_thema: dict[str, float] = value.kerngetallen["per_thema"] if value is not None else {}
    zelf = municipal_investments(url, peildatum, [t for t, _ in themes], jaar).get(gemeentecode, {})
    regels = []
    for thema, requirement in themes:
        risk = risks.get(thema.value, (0, 0)) if requirement == "R2" and resultaatjaar else None
        regels.append(
            ThemaRegel(
                thema.value,
                THEMA_WOORDEN[thema],
                requirement,
                per_thema.get(thema.value),
                None,
                None,
                None,
                zelf.get(thema.value),
                None if risk is None else risk[0],
                None if risk is None else risk[1],
            )
        )
    return Overzicht(jaar, tuple(regels), False, resultaatjaar)
