"""Restructuring plans under municipal direction (herstructurering, R3 and R8).

A municipality directs a plan for an area (wijken and buurten) that holds association complexes and
private dwellings (BAG verblijfsobjecten) together, with the numbers of dwellings demolished,
renovated and built, the tenure mix before and after and the energy-label improvement
(docs/adr/0027-restructuring-plans-under-municipal-direction.md).
"""

from __future__ import annotations

from enum import StrEnum


class HerstructureringStatus(StrEnum):
    """How far a restructuring plan is: explored, adopted by the municipality, under way, done."""

    VERKENNING = "verkenning"
    VASTGESTELD = "vastgesteld"
    IN_UITVOERING = "in_uitvoering"
    AFGEROND = "afgerond"


#: A plan the municipality adopted (and so an agreement on quality, numbers and locations): it
#: counts for R3 and R8. A plan in exploration does not yet.
VASTGESTELDE_STATUSSEN = (
    HerstructureringStatus.VASTGESTELD,
    HerstructureringStatus.IN_UITVOERING,
    HerstructureringStatus.AFGEROND,
)

#: The statuses in which a plan's demolition is still ahead: a condition 5/6 complex in such a plan
#: with demolition is named in R1's evidence (it is not an exemption, ADR 0027).
SLOOP_VOORZIEN_STATUSSEN = (HerstructureringStatus.VASTGESTELD, HerstructureringStatus.IN_UITVOERING)


#: The tenure categories of a plan's mix before and after (column prefixes in the table).
HUURMIX = ("sociale_huur", "middenhuur", "koop")
HUURMIX_NAMEN = {"sociale_huur": "sociale huur", "middenhuur": "middenhuur", "koop": "koop"}


def is_vastgesteld(status: str) -> bool:
    """The plan counts for R3 and R8 (adopted, under way or done)."""
    return status in {s.value for s in VASTGESTELDE_STATUSSEN}


def is_gemengd(corporatie_complexen: int, particuliere_woningen: int) -> bool:
    """R8: the plan tackles association stock and private stock together (at least one of each)."""
    return corporatie_complexen > 0 and particuliere_woningen > 0
