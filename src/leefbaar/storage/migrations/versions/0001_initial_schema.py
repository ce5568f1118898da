"""Initial schema: regions, parties, housing stock, condition, defects, plans, investments,
buurtkamers, Volkshuisvestingsfonds, allocations, instruments, area indicators, import log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 03:56:49.361682
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("import_id_seq")))
    op.create_table(
        "buurtkamer",
        sa.Column("buurtkamer_id", sa.String(length=40), nullable=False),
        sa.Column("naam", sa.Text(), nullable=False),
        sa.Column("buurtcode", sa.String(length=10), nullable=False),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("corporatie_id", sa.String(length=12), nullable=True),
        sa.Column("partners", sa.Text(), nullable=True, comment="party ids separated by ;"),
        sa.Column("geopend_op", sa.Date(), nullable=False),
        sa.Column("activiteiten", sa.Text(), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "complex",
        sa.Column("corporatie_id", sa.String(length=12), nullable=False),
        sa.Column("complexnummer", sa.String(length=20), nullable=False),
        sa.Column("naam", sa.Text(), nullable=True),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("bouwjaar", sa.SmallInteger(), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
        sa.PrimaryKeyConstraint("corporatie_id", "complexnummer", "peildatum", name="pk_complex"),
    )
    op.create_table(
        "conditiemeting",
        sa.Column("corporatie_id", sa.String(length=12), nullable=False),
        sa.Column("complexnummer", sa.String(length=20), nullable=False),
        sa.Column(
            "element",
            sa.String(length=60),
            nullable=True,
            comment="bouwdeel/element; empty means the score of the whole complex",
        ),
        sa.Column(
            "score", sa.SmallInteger(), nullable=False, comment="NEN 2767: 1 uitstekend ... 6 zeer slecht"
        ),
        sa.Column("vervangingswaarde_eur", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("meetdatum", sa.Date(), nullable=False),
        sa.Column("methode", sa.String(length=40), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "gebiedsindicator",
        sa.Column("regiocode", sa.String(length=10), nullable=False),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("jaar", sa.SmallInteger(), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("waarde", sa.Float(), nullable=True),
        sa.Column("bron", sa.Text(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "gebrek",
        sa.Column("gebrek_id", sa.String(length=40), nullable=False),
        sa.Column("corporatie_id", sa.String(length=12), nullable=False),
        sa.Column("complexnummer", sa.String(length=20), nullable=False),
        sa.Column("verblijfsobject_id", sa.String(length=16), nullable=True),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("geconstateerd_op", sa.Date(), nullable=False),
        sa.Column("opgelost_op", sa.Date(), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "import_log",
        sa.Column("import_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False, comment="import kind, e.g. woningen"),
        sa.Column("bestandsnaam", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rijen", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("indelingsjaar", sa.Integer(), nullable=True),
        sa.Column(
            "bron", sa.Text(), nullable=False, comment="who supplied the data, e.g. CBS or an association"
        ),
        sa.Column("gebruiker", sa.Text(), nullable=False, comment="who ran the import"),
        sa.Column("gestart_op", sa.DateTime(), nullable=False),
        sa.Column("voltooid_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("import_id"),
        sa.UniqueConstraint("soort", "sha256", name="uq_import_log_soort_sha256"),
    )
    op.create_table(
        "investering",
        sa.Column("partij_id", sa.String(length=12), nullable=False),
        sa.Column("jaar", sa.SmallInteger(), nullable=False),
        sa.Column("thema", sa.String(length=20), nullable=False),
        sa.Column("soort", sa.String(length=10), nullable=False),
        sa.Column("bedrag_eur", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "partij",
        sa.Column("partij_id", sa.String(length=12), nullable=False),
        sa.Column("soort", sa.String(length=24), nullable=False),
        sa.Column("naam", sa.Text(), nullable=False),
        sa.Column(
            "gemeentecode", sa.String(length=6), nullable=True, comment="seat (vestiging) of the party"
        ),
        sa.Column("synthetisch", sa.Boolean(), nullable=False, comment="true for fictitious demo parties"),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
        sa.PrimaryKeyConstraint("partij_id", "peildatum", name="pk_partij"),
    )
    op.create_table(
        "plan",
        sa.Column("plan_id", sa.String(length=40), nullable=False),
        sa.Column("corporatie_id", sa.String(length=12), nullable=False),
        sa.Column("complexnummer", sa.String(length=20), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("geplande_datum", sa.Date(), nullable=True),
        sa.Column("aantal_woningen", sa.Integer(), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "prestatieafspraak",
        sa.Column("afspraak_id", sa.String(length=40), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("partijen", sa.Text(), nullable=False, comment="party ids separated by ;"),
        sa.Column("startjaar", sa.SmallInteger(), nullable=False),
        sa.Column("eindjaar", sa.SmallInteger(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "regio",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("indelingsjaar", sa.Integer(), nullable=False),
        sa.Column("niveau", sa.String(length=10), nullable=False),
        sa.Column("naam", sa.Text(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=True),
        sa.Column("wijkcode", sa.String(length=8), nullable=True),
        sa.Column("provinciecode", sa.String(length=4), nullable=True),
        sa.Column("import_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", "indelingsjaar", name="pk_regio"),
    )
    op.create_table(
        "regio_geometrie",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("indelingsjaar", sa.Integer(), nullable=False),
        sa.Column("geometrie", sa.Text(), nullable=False, comment="GeoJSON geometry in CRS84, generalised"),
        sa.Column("import_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", "indelingsjaar", name="pk_regio_geometrie"),
    )
    op.create_table(
        "toewijzing",
        sa.Column("toewijzing_id", sa.String(length=40), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("buurtcode", sa.String(length=10), nullable=True),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("aandachtsgroep", sa.String(length=24), nullable=False),
        sa.Column("huishouden_pseudoniem", sa.String(length=64), nullable=False),
        sa.Column("corporatie_id", sa.String(length=12), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "urgentieverordening",
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("vastgesteld_op", sa.Date(), nullable=False),
        sa.Column(
            "groepen", sa.Text(), nullable=False, comment="aandachtsgroepen covered, sorted, separated by ;"
        ),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "vhf_bijdrage",
        sa.Column("bijdrage_id", sa.String(length=40), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("ronde", sa.SmallInteger(), nullable=False),
        sa.Column("gebied", sa.Text(), nullable=False),
        sa.Column("buurtcodes", sa.Text(), nullable=True, comment="buurt codes of the area separated by ;"),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("bedrag_eur", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("cofinanciering_eur", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column(
            "uitvoeringsplan", sa.String(length=12), nullable=False, comment="per_complex | per_gebied | geen"
        ),
        sa.Column("aantal_woningen", sa.Integer(), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "woning",
        sa.Column("verblijfsobject_id", sa.String(length=16), nullable=False),
        sa.Column("postcode", sa.String(length=6), nullable=True),
        sa.Column("huisnummer", sa.Integer(), nullable=True),
        sa.Column("huisletter", sa.String(length=1), nullable=True),
        sa.Column("toevoeging", sa.String(length=4), nullable=True),
        sa.Column("buurtcode", sa.String(length=10), nullable=False),
        sa.Column("indelingsjaar", sa.SmallInteger(), nullable=False),
        sa.Column("eigendom", sa.String(length=12), nullable=False),
        sa.Column("corporatie_id", sa.String(length=12), nullable=True),
        sa.Column("complexnummer", sa.String(length=20), nullable=True),
        sa.Column("huursegment", sa.String(length=8), nullable=True),
        sa.Column("energielabel", sa.String(length=5), nullable=True),
        sa.Column("bouwjaar", sa.SmallInteger(), nullable=True),
        sa.Column("oppervlakte_m2", sa.Integer(), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    op.create_table(
        "woonzorgvisie",
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("vastgesteld_op", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False, comment="reference date the source states"),
        sa.Column("import_id", sa.BigInteger(), nullable=False, comment="the import that brought this row"),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Lookup indexes only on PostgreSQL: DuckDB scans with zone maps, and an ART index over
        # 8 million dwellings would cost it seconds on every load and hundreds of MB.
        op.create_index("ix_woning_buurt", "woning", ["buurtcode"])
        op.create_index("ix_woning_corporatie", "woning", ["corporatie_id", "complexnummer"])
        op.create_index("ix_woning_vbo", "woning", ["verblijfsobject_id"])
        op.create_index("ix_conditiemeting_complex", "conditiemeting", ["corporatie_id", "complexnummer"])
        op.create_index("ix_gebiedsindicator_regio", "gebiedsindicator", ["regiocode", "jaar"])
        op.create_index("ix_toewijzing_gemeente", "toewijzing", ["gemeentecode", "datum"])
