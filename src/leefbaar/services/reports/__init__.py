"""Reports for CLI, API and web: the per-gemeente, per-corporatie and national report as PDF or XLSX.

The figures come from the services the pages use (``monitor.latest_evaluation``,
``homes.gemeente_overzicht``, ``areas``), already suppressed where disclosure control applies; this
package puts them in a ``reports.Rapport`` and the pure renderers in ``leefbaar.reports`` write it.

- :mod:`.common`    formats, errors, the sources and the colophon every report shares;
- :mod:`.gemeente`  "Stand van de afspraken — gemeente X": its model, PDF and XLSX;
- :mod:`.corporatie` the same for a housing association;
- :mod:`.nationaal`  the national verdicts and the status per gemeente.
"""

from __future__ import annotations

from leefbaar.services.reports.common import FORMATEN, MEDIA_TYPES, Formaat, RapportFout, Rendered
from leefbaar.services.reports.corporatie import corporatie_model, corporatie_rapport
from leefbaar.services.reports.gemeente import gemeente_model, gemeente_rapport, gemeentecodes
from leefbaar.services.reports.nationaal import nationaal_model, nationaal_rapport

__all__ = [
    "FORMATEN",
    "MEDIA_TYPES",
    "Formaat",
    "RapportFout",
    "Rendered",
    "corporatie_model",
    "corporatie_rapport",
    "gemeente_model",
    "gemeente_rapport",
    "gemeentecodes",
    "nationaal_model",
    "nationaal_rapport",
]
