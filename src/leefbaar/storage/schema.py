"""The whole schema as one MetaData: the base tables plus every feature area's tables (for Alembic).

The web summary tables (migration 0006_web) are a cache rebuilt from the facts and are not
declared here; autogenerate would propose dropping them, so review generated migrations.
"""

from __future__ import annotations

from leefbaar.storage import (
    agreement_tables,
    job_tables,
    liveability_tables,
    monitor_tables,
    privacy_tables,
    tables,
)

metadata = tables.metadata

#: The modules whose tables live on ``metadata`` (imported for their side effect).
AREA_TABLE_MODULES = (monitor_tables, liveability_tables, privacy_tables, agreement_tables, job_tables)
