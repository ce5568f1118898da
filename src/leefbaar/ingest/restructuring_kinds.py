"""The import kinds of restructuring under municipal direction (R3, R8; docs/monitor.md): the plan of
a municipality for an area, and its objects, association complexes and private dwellings.

Both belong to the municipality that directs the plan (``gemeentecode``); an object names an existing
plan of that municipality.
"""

from __future__ import annotations

from leefbaar.domain.housing import Voorraad
from leefbaar.domain.parties import PartijSoort
from leefbaar.domain.regions import CODE_PATTERNS, Niveau
from leefbaar.domain.restructuring import HerstructureringStatus
from leefbaar.ingest.kind_parts import COMPLEX_REFERENCE, GEMEENTE_EIGEN, choice_values, free_text_column
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind, Reference

T = ColumnType

_AREA = f"({CODE_PATTERNS[Niveau.WIJK]}|{CODE_PATTERNS[Niveau.BUURT]})"
#: Wijk and buurt codes separated by ';' (spaces around them and a closing ';' are tolerated).
_AREA_LIST = rf" *{_AREA} *(; *{_AREA} *)*;?"

_PLAN_ID = Column(
    "plan_id", T.TEXT, "Kenmerk van het plan bij de gemeente", max_length=40, example="HS-0599-01"
)
_GEMEENTE = Column("gemeentecode", T.GEMEENTECODE, "Gemeente die de regie voert", example="GM0599")


def _count(name: str, description: str, example: str, required: bool = False) -> Column:
    return Column(
        name, T.INTEGER, description, required=required, minimum=0, maximum=1000000, example=example
    )


HERSTRUCTURERINGSPLANNEN = ImportKind(
    name="herstructureringsplannen",
    table="herstructureringsplan",
    description="Herstructureringsplannen onder regie van de gemeente: gebied, aantallen, woningmix voor en na, planning en status",
    columns=(
        _PLAN_ID,
        _GEMEENTE,
        free_text_column("naam", "Naam van het plan", 200, "Herstructurering Tarwewijk"),
        Column(
            "gebied",
            T.TEXT,
            "Wijk- en buurtcodes van het gebied gescheiden door ;",
            required=False,
            max_length=4000,
            pattern=_AREA_LIST,
            pattern_hint="moet een lijst van wijk- of buurtcodes zijn, gescheiden door ; (bijvoorbeeld WK059915;BU05991510)",
            example="WK059915;BU05991510",
        ),
        Column(
            "startjaar", T.INTEGER, "Eerste jaar van uitvoering", minimum=2000, maximum=2100, example="2025"
        ),
        Column(
            "eindjaar", T.INTEGER, "Laatste jaar van uitvoering", minimum=2000, maximum=2100, example="2030"
        ),
        Column(
            "status",
            T.CHOICE,
            "Status: verkenning, vastgesteld, in_uitvoering of afgerond (alleen vastgesteld en verder telt voor R3 en R8)",
            choices=choice_values(HerstructureringStatus),
            example="vastgesteld",
        ),
        _count("woningen_sloop", "Aantal woningen dat wordt gesloopt", "120", required=True),
        _count("woningen_renovatie", "Aantal woningen dat wordt gerenoveerd", "300", required=True),
        _count("woningen_nieuwbouw", "Aantal woningen dat wordt gebouwd", "180", required=True),
        _count(
            "woningen_verduurzaamd",
            "Gerenoveerde woningen die naar energielabel B of beter gaan",
            "240",
        ),
        _count("sociale_huur_voor", "Sociale huurwoningen in het gebied voor de herstructurering", "420"),
        _count("middenhuur_voor", "Middenhuurwoningen voor", "30"),
        _count("koop_voor", "Koopwoningen voor", "150"),
        _count("sociale_huur_na", "Sociale huurwoningen na de herstructurering", "360"),
        _count("middenhuur_na", "Middenhuurwoningen na", "110"),
        _count("koop_na", "Koopwoningen na", "190"),
        Column(
            "partijen",
            T.PARTY_LIST,
            "Betrokken partijen (corporaties, bewoners; partij-id's gescheiden door ;)",
            required=False,
            example="L0003;L0004;HO0003",
        ),
    ),
    key=("gemeentecode", "plan_id"),
    ownership=GEMEENTE_EIGEN,
    stamps_indelingsjaar=True,
    ordered=(
        ("startjaar", "eindjaar", "het eindjaar ligt voor het startjaar"),
        ("woningen_verduurzaamd", "woningen_renovatie", "meer verduurzaamde dan gerenoveerde woningen"),
    ),
)

_PARTICULIER = (Voorraad.PARTICULIER.value,)
_CORPORATIE = (Voorraad.CORPORATIE.value,)

HERSTRUCTURERINGSPLAN_OBJECTEN = ImportKind(
    name="herstructureringsplan-objecten",
    table="herstructureringsplan_object",
    description="Objecten van een herstructureringsplan: complexen van corporaties en particuliere woningen (BAG)",
    columns=(
        _PLAN_ID,
        _GEMEENTE,
        Column(
            "voorraad",
            T.CHOICE,
            "corporatie (een complex) of particulier (een woning)",
            choices=choice_values(Voorraad),
            example="corporatie",
        ),
        Column(
            "corporatie_id",
            T.PARTY,
            "Corporatie van het complex (verplicht bij voorraad corporatie)",
            required=False,
            party_kinds=(PartijSoort.CORPORATIE,),
            required_when=("voorraad", _CORPORATIE),
            forbidden_when=("voorraad", _PARTICULIER),
            example="L0003",
        ),
        Column(
            "complexnummer",
            T.TEXT,
            "Complexnummer (verplicht bij voorraad corporatie)",
            required=False,
            max_length=20,
            required_when=("voorraad", _CORPORATIE),
            forbidden_when=("voorraad", _PARTICULIER),
            example="2001",
        ),
        Column(
            "verblijfsobject_id",
            T.VERBLIJFSOBJECT,
            "BAG-verblijfsobject-id van de particuliere woning (verplicht bij voorraad particulier)",
            required=False,
            required_when=("voorraad", _PARTICULIER),
            forbidden_when=("voorraad", _CORPORATIE),
            example="",
        ),
        Column(
            "vervallen",
            T.BOOLEAN,
            "ja: het object hoort niet meer bij het plan",
            required=False,
            example="nee",
        ),
    ),
    key=("gemeentecode", "plan_id", "corporatie_id", "complexnummer", "verblijfsobject_id"),
    ownership=GEMEENTE_EIGEN,
    references=(
        Reference(
            ("gemeentecode", "plan_id"),
            "herstructureringsplan",
            ("gemeentecode", "plan_id"),
            "onbekend plan: importeer eerst het herstructureringsplan van deze gemeente",
        ),
        COMPLEX_REFERENCE,
    ),
)
