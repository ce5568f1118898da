"""Stored results of the liveability index (Leefbaar-index): runs, scores, indicators, contributions.

Append-only: every ``leefbaar index compute`` adds one run; nothing is updated or deleted, so the
history of the index is kept (R16). Readers take the latest run of a year (highest ``run_id``).
Web pages and the API read these tables instead of recomputing the index.

- ``leefbaarheid_run``: one computation for one year on one CBS division (``indelingsjaar``), with
  the weights used (as the YAML text of the weights file) and the population threshold.
- ``leefbaarheid_indicator``: per run, level and registry indicator: used or not and why, its weight
  within its dimension, the national median and scale of the normalisation, the data years used.
- ``leefbaarheid_score``: per run, level, area, kind (objectief/subjectief) and part (five
  dimensions and ``totaal``): score, standardised score, national and within-region percentile,
  class, suppression with its reason, and how many indicators the area had for that part.
- ``leefbaarheid_bijdrage``: per run, level, area and used indicator: the value, the normalised
  value and the contributions to its dimension score and to the overall score of its kind.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Double,
    Integer,
    PrimaryKeyConstraint,
    Sequence,
    SmallInteger,
    String,
    Table,
    Text,
)

from leefbaar.storage.tables import metadata

leefbaarheid_run_id_seq = Sequence("leefbaarheid_run_id_seq", metadata=metadata)

leefbaarheid_run = Table(
    "leefbaarheid_run",
    metadata,
    Column("run_id", BigInteger, nullable=False, autoincrement=False),
    Column("jaar", SmallInteger, nullable=False, comment="year the index is about"),
    Column("indelingsjaar", SmallInteger, nullable=False, comment="CBS division the codes belong to"),
    Column("gewichten_naam", Text, nullable=False),
    Column("gewichten", Text, nullable=False, comment="the weights file used, as YAML"),
    Column("min_inwoners", Double, nullable=False, comment="population threshold for suppression"),
    Column("berekend_op", DateTime, nullable=False),
    Column("gebruiker", Text, nullable=False),
    PrimaryKeyConstraint("run_id", name="pk_leefbaarheid_run"),
)

leefbaarheid_indicator = Table(
    "leefbaarheid_indicator",
    metadata,
    Column("run_id", BigInteger, nullable=False),
    Column("niveau", String(10), nullable=False),
    Column("indicator", String(80), nullable=False, comment="registry key"),
    Column("gebruikt", Boolean, nullable=False),
    Column("reden", Text, comment="why it was not used"),
    Column("gewicht", Double, comment="weight within its dimension"),
    Column("mediaan", Double, comment="national median of the level (normalisation)"),
    Column("schaal", Double, comment="robust scale of the normalisation"),
    Column("aantal_gebieden", Integer, nullable=False, comment="areas with a value"),
    Column("jaar_van", SmallInteger, comment="oldest data year used"),
    Column("jaar_tot", SmallInteger, comment="newest data year used"),
    PrimaryKeyConstraint("run_id", "niveau", "indicator", name="pk_leefbaarheid_indicator"),
)

leefbaarheid_score = Table(
    "leefbaarheid_score",
    metadata,
    Column("run_id", BigInteger, nullable=False),
    Column("jaar", SmallInteger, nullable=False),
    Column("indelingsjaar", SmallInteger, nullable=False),
    Column("niveau", String(10), nullable=False),
    Column("code", String(10), nullable=False),
    Column("regio", String(10), comment="region for the within-region percentile (gemeente/provincie)"),
    Column("soort", String(12), nullable=False, comment="objectief | subjectief"),
    Column("onderdeel", String(24), nullable=False, comment="a dimension or totaal"),
    Column("inwoners", Double),
    Column("score", Double),
    Column("gestandaardiseerd", Double),
    Column("percentiel_landelijk", Double),
    Column("percentiel_regio", Double),
    Column("klasse", String(20)),
    Column("onderdrukt", Boolean, nullable=False),
    Column("reden", Text, comment="why the area is suppressed"),
    Column("aantal_indicatoren", SmallInteger, nullable=False, comment="indicators present for this part"),
)

leefbaarheid_bijdrage = Table(
    "leefbaarheid_bijdrage",
    metadata,
    Column("run_id", BigInteger, nullable=False),
    Column("niveau", String(10), nullable=False),
    Column("code", String(10), nullable=False),
    Column("indicator", String(80), nullable=False),
    Column("waarde", Double),
    Column("genormaliseerd", Double),
    Column("bijdrage_dimensie", Double),
    Column("bijdrage_totaal", Double),
)

#: Column order of the bulk-written tables (the writer relies on it).
KOLOMMEN: dict[str, tuple[str, ...]] = {
    t.name: tuple(c.name for c in t.columns)
    for t in (leefbaarheid_run, leefbaarheid_indicator, leefbaarheid_score, leefbaarheid_bijdrage)
}
