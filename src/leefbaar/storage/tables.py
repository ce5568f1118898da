"""The one schema of Leefbaar, as SQLAlchemy Core tables (DuckDB and PostgreSQL alike).

Conventions:
- CBS codes are strings and always travel with their ``indelingsjaar``.
- Fact tables are append-only: every row carries the ``import_id`` of the import that brought it and
  the ``peildatum`` (reference date) the source states. A newer version of a fact is a new row with a
  later peildatum, or, for a record written on its own by a form or the write API
  (``SAME_DAY_VERSIONS``), the same peildatum and a later import; "current" means the latest version
  per natural key (see ``NATURAL_KEYS``): the latest peildatum, then the latest import
  (``CURRENT_FIRST``).
- The big fact tables have no primary-key index (8 million dwellings would cost DuckDB seconds and
  hundreds of MB for an index nobody reads); uniqueness of the natural key is enforced by the import
  executor, the only write path.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    Integer,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Sequence,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

import_id_seq = Sequence("import_id_seq", metadata=metadata)

Money = Numeric(14, 2)


def _provenance() -> list[Column[object]]:
    return [
        Column("peildatum", Date, nullable=False, comment="reference date the source states"),
        Column("import_id", BigInteger, nullable=False, comment="the import that brought this row"),
    ]


import_log = Table(
    "import_log",
    metadata,
    Column("import_id", BigInteger, primary_key=True, autoincrement=False),
    Column("soort", String(40), nullable=False, comment="import kind, e.g. woningen"),
    Column("bestandsnaam", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("rijen", Integer, nullable=False),
    Column("peildatum", Date, nullable=False),
    Column("indelingsjaar", Integer),
    Column("bron", Text, nullable=False, comment="who supplied the data, e.g. CBS or an association"),
    Column("gebruiker", Text, nullable=False, comment="who ran the import"),
    Column("organisatie", String(12), comment="organisation of the importing account (migration 0010)"),
    Column("gestart_op", DateTime, nullable=False),
    Column("voltooid_op", DateTime, nullable=False),
    UniqueConstraint("soort", "sha256", name="uq_import_log_soort_sha256"),
)

regio = Table(
    "regio",
    metadata,
    Column("code", String(10), nullable=False),
    Column("indelingsjaar", Integer, nullable=False),
    Column("niveau", String(10), nullable=False),
    Column("naam", Text, nullable=False),
    Column("gemeentecode", String(6)),
    Column("wijkcode", String(8)),
    Column("provinciecode", String(4)),
    Column("import_id", BigInteger, nullable=False),
    PrimaryKeyConstraint("code", "indelingsjaar", name="pk_regio"),
)

regio_geometrie = Table(
    "regio_geometrie",
    metadata,
    Column("code", String(10), nullable=False),
    Column("indelingsjaar", Integer, nullable=False),
    Column("geometrie", Text, nullable=False, comment="GeoJSON geometry in CRS84, generalised"),
    Column("import_id", BigInteger, nullable=False),
    PrimaryKeyConstraint("code", "indelingsjaar", name="pk_regio_geometrie"),
)

partij = Table(
    "partij",
    metadata,
    Column("partij_id", String(12), nullable=False),
    Column("soort", String(24), nullable=False),
    Column("naam", Text, nullable=False),
    Column("gemeentecode", String(6), comment="seat (vestiging) of the party"),
    Column("synthetisch", Boolean, nullable=False, comment="true for fictitious demo parties"),
    *_provenance(),
    PrimaryKeyConstraint("partij_id", "peildatum", name="pk_partij"),
)

complex_ = Table(
    "complex",
    metadata,
    Column("corporatie_id", String(12), nullable=False),
    Column("complexnummer", String(20), nullable=False),
    Column("naam", Text),
    Column("gemeentecode", String(6), nullable=False),
    Column("bouwjaar", SmallInteger),
    *_provenance(),
    PrimaryKeyConstraint("corporatie_id", "complexnummer", "peildatum", name="pk_complex"),
)

woning = Table(
    "woning",
    metadata,
    Column("verblijfsobject_id", String(16), nullable=False),
    Column("postcode", String(6)),
    Column("huisnummer", Integer),
    Column("huisletter", String(1)),
    Column("toevoeging", String(4)),
    Column("buurtcode", String(10), nullable=False),
    Column("indelingsjaar", SmallInteger, nullable=False),
    Column("eigendom", String(12), nullable=False),
    Column("corporatie_id", String(12)),
    Column("complexnummer", String(20)),
    Column("huursegment", String(8)),
    Column("energielabel", String(5)),
    Column("bouwjaar", SmallInteger),
    Column("oppervlakte_m2", Integer),
    *_provenance(),
)

conditiemeting = Table(
    "conditiemeting",
    metadata,
    Column("corporatie_id", String(12), nullable=False),
    Column("complexnummer", String(20), nullable=False),
    Column("element", String(60), comment="bouwdeel/element; empty means the score of the whole complex"),
    Column("score", SmallInteger, nullable=False, comment="NEN 2767: 1 uitstekend ... 6 zeer slecht"),
    Column("vervangingswaarde_eur", Money),
    Column("meetdatum", Date, nullable=False),
    Column("methode", String(40), nullable=False),
    *_provenance(),
)

gebrek = Table(
    "gebrek",
    metadata,
    Column("gebrek_id", String(40), nullable=False),
    Column("corporatie_id", String(12), nullable=False),
    Column("complexnummer", String(20), nullable=False),
    Column("verblijfsobject_id", String(16)),
    Column("soort", String(20), nullable=False),
    Column("geconstateerd_op", Date, nullable=False),
    Column("opgelost_op", Date),
    *_provenance(),
)

plan = Table(
    "plan",
    metadata,
    Column("plan_id", String(40), nullable=False),
    Column("corporatie_id", String(12), nullable=False),
    Column("complexnummer", String(20), nullable=False),
    Column("soort", String(20), nullable=False),
    Column("status", String(12), nullable=False),
    Column("geplande_datum", Date),
    Column("aantal_woningen", Integer),
    *_provenance(),
)

investering = Table(
    "investering",
    metadata,
    Column("partij_id", String(12), nullable=False),
    Column("jaar", SmallInteger, nullable=False),
    Column("thema", String(20), nullable=False),
    Column("soort", String(10), nullable=False),
    Column("bedrag_eur", Money, nullable=False),
    # Where the money went (migration 0016): the municipality, and optionally a wijk, buurt or complex.
    # Rows imported before 0016 have no location ("locatie onbekend").
    Column("gemeentecode", String(6)),
    Column("wijkcode", String(8)),
    Column("buurtcode", String(10)),
    Column("complexnummer", String(20), comment="a complex of the investing association"),
    Column("indelingsjaar", SmallInteger),
    *_provenance(),
)

investering_basislijn = Table(
    "investering_basislijn",
    metadata,
    Column("partij_id", String(12), nullable=False),
    Column("thema", String(20), nullable=False),
    Column("referentiejaar", SmallInteger, nullable=False),
    Column(
        "bedrag_eur", Money, nullable=False, comment="regular spending on the theme in the reference year"
    ),
    *_provenance(),
)

buurtkamer = Table(
    "buurtkamer",
    metadata,
    Column("buurtkamer_id", String(40), nullable=False),
    Column("naam", Text, nullable=False),
    Column("buurtcode", String(10), nullable=False),
    Column("indelingsjaar", SmallInteger, nullable=False),
    Column("corporatie_id", String(12)),
    Column("partners", Text, comment="party ids separated by ;"),
    Column("geopend_op", Date, nullable=False),
    Column("activiteiten", Text),
    Column("adres", String(200), comment="street, number and place (migration 0008)"),
    Column("gesloten_op", Date, comment="closing date; empty while open (migration 0017)"),
    Column("jaarkosten_eur", Money, comment="yearly cost in euro (migration 0017)"),
    Column("betaald_door", Text, comment="party ids paying the yearly cost, separated by ; (migration 0017)"),
    Column("bezoekers_per_jaar", Integer, comment="visitors per year, when reported (migration 0017)"),
    Column("activiteiten_per_jaar", Integer, comment="activities per year, when reported (migration 0017)"),
    *_provenance(),
)

vhf_bijdrage = Table(
    "vhf_bijdrage",
    metadata,
    Column("bijdrage_id", String(40), nullable=False),
    Column("gemeentecode", String(6), nullable=False),
    Column("ronde", SmallInteger, nullable=False),
    Column("gebied", Text, nullable=False),
    Column("buurtcodes", Text, comment="buurt codes of the area separated by ;"),
    Column("indelingsjaar", SmallInteger, nullable=False),
    Column("bedrag_eur", Money, nullable=False),
    Column("cofinanciering_eur", Money, nullable=False),
    Column("uitvoeringsplan", String(12), nullable=False, comment="per_complex | per_gebied | geen"),
    Column("aantal_woningen", Integer),
    Column(
        "betrokken_partijen",
        Text,
        comment="associations, tenants' and residents' organisations involved: party ids separated by ; (0016)",
    ),
    *_provenance(),
)

vhf_ronde = Table(
    "vhf_ronde",
    metadata,
    Column("ronde", SmallInteger, nullable=False, comment="year of the application round"),
    Column("beschikbaar_eur", Money, nullable=False, comment="the amount the round made available"),
    *_provenance(),
)

vhf_besteding = Table(
    "vhf_besteding",
    metadata,
    Column("gemeentecode", String(6), nullable=False, comment="the municipality of the grant"),
    Column("bijdrage_id", String(40), nullable=False),
    Column("jaar", SmallInteger, nullable=False),
    Column("besteed_eur", Money, nullable=False, comment="grant money spent in that year"),
    *_provenance(),
)

vhf_planadres = Table(
    "vhf_planadres",
    metadata,
    Column("gemeentecode", String(6), nullable=False, comment="the municipality of the grant"),
    Column("bijdrage_id", String(40), nullable=False),
    Column("verblijfsobject_id", String(16), nullable=False, comment="BAG verblijfsobject"),
    Column("voorraad", String(12), nullable=False, comment="corporatie | particulier"),
    Column("corporatie_id", String(12), comment="association stock: the association"),
    Column("complexnummer", String(20), comment="association stock: its complex"),
    Column("status", String(12), nullable=False, comment="opgenomen | ingetrokken"),
    *_provenance(),
)

herstructureringsplan = Table(
    "herstructureringsplan",
    metadata,
    Column("plan_id", String(40), nullable=False),
    Column("gemeentecode", String(6), nullable=False, comment="the municipality that directs the plan"),
    Column("naam", Text, nullable=False),
    Column("gebied", Text, comment="wijk and buurt codes of the area separated by ;"),
    Column("indelingsjaar", SmallInteger, nullable=False),
    Column("startjaar", SmallInteger, nullable=False),
    Column("eindjaar", SmallInteger, nullable=False),
    Column(
        "status", String(14), nullable=False, comment="verkenning | vastgesteld | in_uitvoering | afgerond"
    ),
    Column("woningen_sloop", Integer, nullable=False),
    Column("woningen_renovatie", Integer, nullable=False),
    Column("woningen_nieuwbouw", Integer, nullable=False),
    Column(
        "woningen_verduurzaamd", Integer, comment="renovated dwellings brought to energy label B or better"
    ),
    Column("sociale_huur_voor", Integer),
    Column("middenhuur_voor", Integer),
    Column("koop_voor", Integer),
    Column("sociale_huur_na", Integer),
    Column("middenhuur_na", Integer),
    Column("koop_na", Integer),
    Column("partijen", Text, comment="party ids of the parties involved separated by ;"),
    *_provenance(),
)

herstructureringsplan_object = Table(
    "herstructureringsplan_object",
    metadata,
    Column("plan_id", String(40), nullable=False),
    Column("gemeentecode", String(6), nullable=False),
    Column("voorraad", String(12), nullable=False, comment="corporatie | particulier"),
    Column("corporatie_id", String(12), comment="association stock: the complex's association"),
    Column("complexnummer", String(20)),
    Column("verblijfsobject_id", String(16), comment="private stock: the BAG verblijfsobject"),
    Column("vervallen", Boolean, nullable=False, comment="true: no longer part of the plan"),
    *_provenance(),
)

toewijzing = Table(
    "toewijzing",
    metadata,
    Column("toewijzing_id", String(40), nullable=False),
    Column("datum", Date, nullable=False),
    Column("gemeentecode", String(6), nullable=False),
    Column("buurtcode", String(10)),
    Column("indelingsjaar", SmallInteger, nullable=False),
    Column("aandachtsgroep", String(24), nullable=False),
    Column(
        "huishouden_pseudoniem",
        String(64),
        nullable=False,
        comment="Leefbaar's keyed pseudonym of the supplier's household id (never the id itself)",
    ),
    Column("corporatie_id", String(12)),
    Column(
        "sleutelversie",
        SmallInteger,
        nullable=False,
        server_default="1",
        comment="version of the pseudonym key the pseudonym was made with",
    ),
    *_provenance(),
)

urgentieverordening = Table(
    "urgentieverordening",
    metadata,
    Column("gemeentecode", String(6), nullable=False),
    Column("vastgesteld_op", Date, nullable=False),
    Column("groepen", Text, nullable=False, comment="aandachtsgroepen covered, sorted, separated by ;"),
    *_provenance(),
)

woonzorgvisie = Table(
    "woonzorgvisie",
    metadata,
    Column("gemeentecode", String(6), nullable=False),
    Column("vastgesteld_op", Date, nullable=False),
    Column("geldig_tot", Date),
    *_provenance(),
)

prestatieafspraak = Table(
    "prestatieafspraak",
    metadata,
    Column("afspraak_id", String(40), nullable=False),
    Column("gemeentecode", String(6), nullable=False),
    Column("partijen", Text, nullable=False, comment="party ids separated by ;"),
    Column("startjaar", SmallInteger, nullable=False),
    Column("eindjaar", SmallInteger, nullable=False),
    *_provenance(),
)

gebiedsindicator = Table(
    "gebiedsindicator",
    metadata,
    Column("regiocode", String(10), nullable=False),
    Column("indelingsjaar", SmallInteger, nullable=False),
    Column("jaar", SmallInteger, nullable=False),
    Column("indicator", String(80), nullable=False),
    Column("waarde", Double),
    Column("bron", Text, nullable=False),
    *_provenance(),
)

#: The order that puts the current version of a fact first, in every "latest version per key"
#: query: the latest peildatum and, on one peildatum, the latest import (import ids only grow).
CURRENT_FIRST = "peildatum DESC, import_id DESC"


def current_first(alias: str) -> str:
    """:data:`CURRENT_FIRST` for the table aliased ``alias``."""
    return f"{alias}.peildatum DESC, {alias}.import_id DESC"


#: Tables whose records are also written one at a time (services.records: forms and the write API).
#: Two edits of one record on one day are two versions with the same peildatum; the later import is
#: the newer version. Files keep the rule of one version per key and peildatum.
SAME_DAY_VERSIONS = frozenset(
    {
        "plan",
        "investering",
        "buurtkamer",
        "vhf_bijdrage",
        "vhf_besteding",
        "vhf_planadres",
        "herstructureringsplan",
        "urgentieverordening",
        "woonzorgvisie",
        "conditiemeting",
        "gebrek",
    }
)

#: Natural key of every fact table: with peildatum (and for SAME_DAY_VERSIONS the import) it names
#: one version; used for "latest version".
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "regio": ("code", "indelingsjaar"),
    "regio_geometrie": ("code", "indelingsjaar"),
    "partij": ("partij_id",),
    "complex": ("corporatie_id", "complexnummer"),
    "woning": ("verblijfsobject_id",),
    "conditiemeting": ("corporatie_id", "complexnummer", "element", "meetdatum"),
    "gebrek": ("corporatie_id", "gebrek_id"),
    "plan": ("corporatie_id", "plan_id"),
    "investering": (
        "partij_id",
        "jaar",
        "thema",
        "soort",
        "gemeentecode",
        "wijkcode",
        "buurtcode",
        "complexnummer",
    ),
    "investering_basislijn": ("partij_id", "thema"),
    "buurtkamer": ("buurtkamer_id",),
    "vhf_bijdrage": ("bijdrage_id",),
    "vhf_ronde": ("ronde",),
    "vhf_besteding": ("gemeentecode", "bijdrage_id", "jaar"),
    "vhf_planadres": ("gemeentecode", "bijdrage_id", "verblijfsobject_id"),
    "herstructureringsplan": ("gemeentecode", "plan_id"),
    "herstructureringsplan_object": (
        "gemeentecode",
        "plan_id",
        "corporatie_id",
        "complexnummer",
        "verblijfsobject_id",
    ),
    "toewijzing": ("toewijzing_id",),
    "urgentieverordening": ("gemeentecode", "vastgesteld_op"),
    "woonzorgvisie": ("gemeentecode", "vastgesteld_op"),
    "prestatieafspraak": ("afspraak_id",),
    "gebiedsindicator": ("regiocode", "indelingsjaar", "jaar", "indicator"),
}
