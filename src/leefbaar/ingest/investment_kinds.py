"""The import kinds of money: investments with their place and payer, and the baselines against
which "extra" is measured (R2, R5; docs/monitor.md)."""

from __future__ import annotations

from leefbaar.domain.housing import InvesteringSoort, InvesteringThema
from leefbaar.domain.parties import PartijSoort, Rol
from leefbaar.ingest.kind_parts import choice_values
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind, Reference
from leefbaar.privacy.ownership import Ownership

T = ColumnType

_INVESTEERDER = Column(
    "partij_id",
    T.PARTY,
    "Partij die investeert",
    party_kinds=(PartijSoort.CORPORATIE, PartijSoort.GEMEENTE),
    example="L0001",
)
_INVESTERINGSTHEMA = Column(
    "thema", T.CHOICE, "Thema", choices=choice_values(InvesteringThema), example="vocht_schimmel"
)
#: An association or a municipality writes its own investments and baselines.
_EIGEN_INVESTERING = Ownership(frozenset({Rol.CORPORATIE, Rol.GEMEENTE}), ("partij_id",))

INVESTERINGEN = ImportKind(
    name="investeringen",
    table="investering",
    description="Investeringen per partij, jaar, thema en plaats, regulier of extra",
    columns=(
        _INVESTEERDER,
        Column("jaar", T.INTEGER, "Jaar", minimum=2000, maximum=2100, example="2025"),
        _INVESTERINGSTHEMA,
        Column(
            "soort",
            T.CHOICE,
            "Regulier of extra (bovenop de afspraken)",
            choices=choice_values(InvesteringSoort),
            example="extra",
        ),
        Column("bedrag_eur", T.AMOUNT, "Bedrag in euro", example="1250000"),
        Column("gemeentecode", T.GEMEENTECODE, "Gemeente waarin het geld is besteed", example="GM0363"),
        Column("wijkcode", T.WIJKCODE, "Wijk (leeg = de hele gemeente)", required=False, example=""),
        Column(
            "buurtcode", T.BUURTCODE, "Buurt (leeg = de hele wijk of gemeente)", required=False, example=""
        ),
        Column(
            "complexnummer", T.TEXT, "Complex van de corporatie", required=False, max_length=20, example=""
        ),
    ),
    key=("partij_id", "jaar", "thema", "soort", "gemeentecode", "wijkcode", "buurtcode", "complexnummer"),
    references=(
        Reference(
            ("partij_id", "complexnummer"),
            "complex",
            ("corporatie_id", "complexnummer"),
            "onbekend complex: alleen een complex van de investerende corporatie",
        ),
    ),
    within=(("wijkcode", "gemeentecode"), ("buurtcode", "gemeentecode")),
    ownership=_EIGEN_INVESTERING,
    stamps_indelingsjaar=True,
)

INVESTERINGSBASISLIJNEN = ImportKind(
    name="investeringsbasislijnen",
    table="investering_basislijn",
    description="Basislijn per partij en thema: de reguliere uitgaven in een referentiejaar, waartegen 'extra' wordt gemeten",
    columns=(
        _INVESTEERDER,
        _INVESTERINGSTHEMA,
        Column("referentiejaar", T.INTEGER, "Referentiejaar", minimum=2000, maximum=2100, example="2021"),
        Column(
            "bedrag_eur", T.AMOUNT, "Reguliere uitgaven in het referentiejaar, in euro", example="5000000"
        ),
    ),
    key=("partij_id", "thema"),
    ownership=_EIGEN_INVESTERING,
)
