"""A home for everyone (R9-R12) for CLI, API and web: the 30% table and projection, the province view,
fair share of priority groups with the status-holder taakstelling, concentration per buurt, and the
municipal instruments.

Storage (``storage.homes_queries``) gives counts, ``leefbaar.homes`` computes, and every aggregate of
allocations (toewijzingen) passes through ``leefbaar.privacy.disclosure`` before it leaves this package:
counts below ``k`` (setting ``suppression_k``) are hidden with their complementary cells, and every
column derived from a hidden count is blanked with it (``disclosure.allocations`` says which). Stock
figures, inhabitants, targets and taakstelling are not counts of households and are published as
they are.

What the database does not hold (regional allocation keys, regional need per group and period, the
national status-holder numbers, new-build and sales) comes from a regional configuration file; see
:func:`load_config` and docs/home-for-everyone.md.

Modules: ``config`` (the regional configuration), ``social_rent`` (R10: woningvoorraad, provincie),
``regional_fair_share`` (R9: fair_share, taakstelling), ``concentration`` (R9: concentratie),
``instruments`` (R11, R12: instrumenten), ``overview`` (all of them for one municipality's page
and report: gemeente_overzicht), ``common`` (the error and shared look-ups). This package
re-exports the functions the faces call.
"""

from __future__ import annotations

from leefbaar.services.homes.common import HomesError, Row
from leefbaar.services.homes.concentration import concentratie, latest_allocation_year
from leefbaar.services.homes.config import (
    DOELJAAR,
    PERIODE_PATTERN,
    PIJPLIJN_KOLOMMEN,
    Instellingen,
    PijplijnRij,
    RegioInstelling,
    load_config,
    parse_config,
    parse_periode,
    read_pipeline,
)
from leefbaar.services.homes.instruments import instrumenten
from leefbaar.services.homes.overview import gemeente_overzicht
from leefbaar.services.homes.regional_fair_share import fair_share
from leefbaar.services.homes.social_rent import provincie, woningvoorraad

__all__ = [
    "DOELJAAR",
    "PERIODE_PATTERN",
    "PIJPLIJN_KOLOMMEN",
    "HomesError",
    "Instellingen",
    "PijplijnRij",
    "RegioInstelling",
    "Row",
    "concentratie",
    "fair_share",
    "gemeente_overzicht",
    "instrumenten",
    "latest_allocation_year",
    "load_config",
    "parse_config",
    "parse_periode",
    "provincie",
    "read_pipeline",
    "woningvoorraad",
]
