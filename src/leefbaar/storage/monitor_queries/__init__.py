"""Set-based SQL for the agreements monitor: one aggregate query per indicator, for all scopes at once.

Every indicator query returns one row per scope (``scope_soort``, ``scope_code``) with plain counts or
sums; the meaning (value, completeness, status) is given to them in ``services.monitor``. Scopes come
from one ``GROUP BY GROUPING SETS`` pass over a small pre-aggregate (per complex and municipality, or
per municipality), never from a query per municipality. By subject:

- :mod:`.shared`       scope grouping sets, current facts, the shared connection and the stock aggregate;
- :mod:`.stock`        over the association stock: R1 condition 5/6, defects and labels, investments;
- :mod:`.areas`        about areas and their parties: social rent, instruments, care partners,
  buurtkamers, and the municipalities and parties of an evaluation (the Volkshuisvestingsfonds
  is ``storage.vhf_queries``);
- :mod:`.restructuring` restructuring plans and their stock (R3, R8; the R1 evidence link);
- :mod:`.run_history`  the append-only history of runs and verdicts.

Callers use this package (``from leefbaar.storage import monitor_queries as q``), not its modules.
"""

from __future__ import annotations

from leefbaar.storage.monitor_queries.areas import (
    buurtkamers,
    latest_instruments,
    municipalities,
    parties,
    social_rent,
)
from leefbaar.storage.monitor_queries.restructuring import (
    restructuring_plan_complexes,
    restructuring_plans,
)
from leefbaar.storage.monitor_queries.run_history import (
    append_run,
    data_version,
    earlier_values,
    evaluations,
    history,
    municipality_statuses,
    municipality_verdicts,
    runs,
)
from leefbaar.storage.monitor_queries.shared import SCOPE_SETS, Row, shared_connection
from leefbaar.storage.monitor_queries.stock import (
    R1_RULES,
    association_stock,
    defects_known_until,
    investment_baselines,
    investments_in_year,
    newest_investment_year,
    r1_complexes_of,
    r1_condition,
    r1_improvement_candidates,
    risk_resolution,
    stock_per_association,
)

__all__ = [
    "R1_RULES",
    "SCOPE_SETS",
    "Row",
    "append_run",
    "association_stock",
    "buurtkamers",
    "data_version",
    "defects_known_until",
    "earlier_values",
    "evaluations",
    "history",
    "investment_baselines",
    "investments_in_year",
    "latest_instruments",
    "municipalities",
    "municipality_statuses",
    "municipality_verdicts",
    "newest_investment_year",
    "parties",
    "r1_complexes_of",
    "r1_condition",
    "r1_improvement_candidates",
    "restructuring_plan_complexes",
    "restructuring_plans",
    "risk_resolution",
    "runs",
    "shared_connection",
    "social_rent",
    "stock_per_association",
]
