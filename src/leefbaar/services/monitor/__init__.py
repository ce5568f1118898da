"""The agreements monitor: every commitment evaluated per scope and reference date, explained, kept.

Use cases for CLI, API and web:

- :func:`run_evaluation` evaluates all stored agreements (national and local, their current version) for every
  scope they apply to, or for one scope, on a reference date (peildatum), and appends the run to the
  history (``evaluatie_run`` / ``evaluatie``) unless ``opslaan=False``;
- :func:`latest_evaluation`, :func:`status_history`, :func:`evidence`, :func:`list_runs` and
  :func:`status_map` read the history back (the trend chart, the drill-down, the map).

Indicators are computed set-based by ``storage.monitor_queries`` (one aggregate query per indicator
over all scopes); this package gives the numbers their meaning (value, completeness, evidence, a Dutch
sentence) and hands them to the pure rules engine for the status. Missing data stays ``None``:
"geen gegevens", never 0. The definitions are documented in docs/monitor.md. By subject:

- :mod:`.scopes`            what a verdict is about: parsing, naming, which scopes a commitment gets;
- :mod:`.verdicts`          the verdicts and evidence, their order and stored form;
- :mod:`.values`            what an indicator computation gives per scope;
- :mod:`.stock_indicators`  R1, defects and labels over the association stock;
- :mod:`.investments`       the extra investments of R2 and R5: per association, municipality, country;
- :mod:`.area_indicators`   VHF, social rent, instruments, care partners and buurtkamers per area;
- :mod:`.evaluation`        planning, computing, judging (with the fair contribution), storing a run;
- :mod:`.history`           the stored runs read back;
- :mod:`.per_gemeente`      a commitment that holds per municipality, summarised for the country;
- :mod:`.r1_complexen`      R1 per complex of one association, the three rules side by side;
- :mod:`.scenario`          the improvement scenario (what-if for R1 and R2): a scenario, never a verdict.

Callers use this package (``from leefbaar.services import monitor``), not its modules.
"""

from __future__ import annotations

from leefbaar.rules.scenario import STANDAARD_KOSTEN_PER_WONING
from leefbaar.services.monitor.area_indicators import (
    buurtkamer_values,
    care_partner_values,
    social_rent_values,
    urgency_values,
    vhf_values,
    woonzorgvisie_values,
)
from leefbaar.services.monitor.evaluation import STANDAARD_TOP_N, run_evaluation
from leefbaar.services.monitor.history import (
    HistoryPoint,
    KaartToezegging,
    StatusKaart,
    evidence,
    latest_evaluation,
    list_runs,
    newest_full_evaluation,
    status_history,
    status_map,
)
from leefbaar.services.monitor.investments import investment_values
from leefbaar.services.monitor.per_gemeente import PerGemeente, national_gaps, per_gemeente
from leefbaar.services.monitor.r1_complexen import REGEL_NAMEN, R1Complex, r1_complexen
from leefbaar.services.monitor.scenario import (
    SCENARIO_GEEN_OORDEEL,
    SCENARIO_KOSTENAANNAME,
    SCENARIO_MAX_BEDRAG,
    SCENARIO_MAX_JAREN,
    SCENARIO_R2_TOELICHTING,
    ScenarioComplex,
    ScenarioFout,
    Verbeterscenario,
    improvement_scenario,
    input_errors,
    parse_amount,
)
from leefbaar.services.monitor.scopes import NATIONAAL, Scope, ScopeError, parse_scope
from leefbaar.services.monitor.stock_indicators import r1_values, stock_values
from leefbaar.services.monitor.values import Key, Values, Waarde
from leefbaar.services.monitor.verdicts import Beoordeling, Bewijs, MonitorRun

__all__ = [
    "NATIONAAL",
    "REGEL_NAMEN",
    "SCENARIO_GEEN_OORDEEL",
    "SCENARIO_KOSTENAANNAME",
    "SCENARIO_MAX_BEDRAG",
    "SCENARIO_MAX_JAREN",
    "SCENARIO_R2_TOELICHTING",
    "STANDAARD_KOSTEN_PER_WONING",
    "STANDAARD_TOP_N",
    "Beoordeling",
    "Bewijs",
    "HistoryPoint",
    "KaartToezegging",
    "Key",
    "MonitorRun",
    "PerGemeente",
    "R1Complex",
    "ScenarioComplex",
    "ScenarioFout",
    "Scope",
    "ScopeError",
    "StatusKaart",
    "Values",
    "Verbeterscenario",
    "Waarde",
    "buurtkamer_values",
    "care_partner_values",
    "evidence",
    "improvement_scenario",
    "input_errors",
    "investment_values",
    "latest_evaluation",
    "list_runs",
    "national_gaps",
    "newest_full_evaluation",
    "parse_amount",
    "parse_scope",
    "per_gemeente",
    "r1_complexen",
    "r1_values",
    "run_evaluation",
    "social_rent_values",
    "status_history",
    "status_map",
    "stock_values",
    "urgency_values",
    "vhf_values",
    "woonzorgvisie_values",
]
