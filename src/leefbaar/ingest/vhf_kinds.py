"""The import kinds of the Volkshuisvestingsfonds (R7): its rounds, a municipality's grants, their
spending per year and the addresses of their implementation plans (``domain.vhf``).

A round is written by the ministry (or the beheerder); a grant, its spending and its plan by the
municipality that received it. Spending and plan addresses name the grant and its municipality, and
must match a stored grant: a municipality cannot report on another's grant.
"""

from __future__ import annotations

from leefbaar.domain.housing import Voorraad
from leefbaar.domain.parties import PartijSoort, Rol
from leefbaar.domain.vhf import PlanadresStatus, Uitvoeringsplan
from leefbaar.ingest.kind_parts import (
    BUURTCODE_LIST,
    COMPLEX_REFERENCE,
    GEMEENTE_EIGEN,
    choice_values,
    free_text_column,
)
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind, Reference
from leefbaar.privacy.ownership import Ownership

T = ColumnType

_BIJDRAGE_ID = Column("bijdrage_id", T.TEXT, "Kenmerk van de bijdrage", max_length=40, example="VHF-2023-017")
_GEMEENTE = Column("gemeentecode", T.GEMEENTECODE, "Gemeente die de bijdrage ontving", example="GM0363")
_BIJDRAGE_REF = Reference(
    ("bijdrage_id", "gemeentecode"),
    "vhf_bijdrage",
    ("bijdrage_id", "gemeentecode"),
    "onbekende bijdrage van deze gemeente: importeer eerst de VHF-bijdrage (vhf-bijdragen)",
)

VHF_RONDES = ImportKind(
    name="vhf-rondes",
    table="vhf_ronde",
    description="Aanvraagrondes van het Volkshuisvestingsfonds met het bedrag dat elke ronde beschikbaar stelde",
    columns=(
        Column("ronde", T.INTEGER, "Ronde (jaar)", minimum=2022, maximum=2030, example="2023"),
        Column("beschikbaar_eur", T.AMOUNT, "Beschikbaar bedrag van de ronde in euro", example="280000000"),
    ),
    key=("ronde",),
    # The ministry makes the fund available; one ministry, so no owner column.
    ownership=Ownership(frozenset({Rol.MINISTERIE})),
)

VHF_BIJDRAGEN = ImportKind(
    name="vhf-bijdragen",
    table="vhf_bijdrage",
    description="Bijdragen uit het Volkshuisvestingsfonds per gemeente, ronde en gebied",
    columns=(
        Column("bijdrage_id", T.TEXT, "Kenmerk", max_length=40, example="VHF-2023-017"),
        Column("gemeentecode", T.GEMEENTECODE, "Gemeente", example="GM0599"),
        Column("ronde", T.INTEGER, "Ronde (jaar)", minimum=2022, maximum=2030, example="2023"),
        free_text_column("gebied", "Naam van het gebied", 200, "Rotterdam-Zuid"),
        Column(
            "buurtcodes",
            T.TEXT,
            "Buurtcodes van het gebied gescheiden door ;",
            required=False,
            max_length=4000,
            pattern=BUURTCODE_LIST,
            pattern_hint="moet een lijst van buurtcodes zijn, gescheiden door ; (bijvoorbeeld BU05990110;BU05990111)",
            example="BU05990110;BU05990111",
        ),
        Column("bedrag_eur", T.AMOUNT, "Rijksbijdrage in euro", example="12500000"),
        Column("cofinanciering_eur", T.AMOUNT, "Cofinanciering in euro", example="12500000"),
        Column(
            "uitvoeringsplan",
            T.CHOICE,
            "Uitvoeringsplan met corporaties: per complex, per gebied of geen (de adressen staan in vhf-planadressen)",
            choices=choice_values(Uitvoeringsplan),
            example="per_complex",
        ),
        Column(
            "aantal_woningen",
            T.INTEGER,
            "Aantal woningen dat wordt aangepakt",
            required=False,
            minimum=0,
            maximum=1000000,
            example="850",
        ),
        Column(
            "betrokken_partijen",
            T.PARTY_LIST,
            "Betrokken corporaties, huurders- en bewonersorganisaties (partij-id's gescheiden door ;)",
            required=False,
            example="L0001;HO0001",
        ),
    ),
    key=("bijdrage_id",),
    ownership=GEMEENTE_EIGEN,
    stamps_indelingsjaar=True,
)

VHF_BESTEDINGEN = ImportKind(
    name="vhf-bestedingen",
    table="vhf_besteding",
    description="Besteding van een VHF-bijdrage per jaar (het bestede deel van de rijksbijdrage)",
    columns=(
        _GEMEENTE,
        _BIJDRAGE_ID,
        Column("jaar", T.INTEGER, "Jaar van de besteding", minimum=2022, maximum=2040, example="2024"),
        Column(
            "besteed_eur",
            T.AMOUNT,
            "In dat jaar besteed deel van de rijksbijdrage in euro",
            example="1250000",
        ),
    ),
    key=("gemeentecode", "bijdrage_id", "jaar"),
    ownership=GEMEENTE_EIGEN,
    references=(_BIJDRAGE_REF,),
)

VHF_PLANADRESSEN = ImportKind(
    name="vhf-planadressen",
    table="vhf_planadres",
    description="Uitvoeringsplan van een VHF-bijdrage: de aangepakte adressen, corporatie- of particuliere voorraad",
    columns=(
        _GEMEENTE,
        _BIJDRAGE_ID,
        Column(
            "verblijfsobject_id",
            T.VERBLIJFSOBJECT,
            "BAG-verblijfsobject-id van het adres (16 cijfers, objecttype 01)",
            example="0363010000123456",
        ),
        Column(
            "voorraad",
            T.CHOICE,
            "Corporatievoorraad of particuliere voorraad (eigenaar-bewoners, particuliere verhuurders)",
            choices=choice_values(Voorraad),
            example="corporatie",
        ),
        Column(
            "corporatie_id",
            T.PARTY,
            "Corporatie die eigenaar is (verplicht bij voorraad corporatie)",
            required=False,
            party_kinds=(PartijSoort.CORPORATIE,),
            required_when=("voorraad", (Voorraad.CORPORATIE.value,)),
            forbidden_when=("voorraad", (Voorraad.PARTICULIER.value,)),
            example="L0001",
        ),
        Column(
            "complexnummer",
            T.TEXT,
            "Complex van de corporatie (verplicht bij voorraad corporatie)",
            required=False,
            max_length=20,
            required_when=("voorraad", (Voorraad.CORPORATIE.value,)),
            forbidden_when=("voorraad", (Voorraad.PARTICULIER.value,)),
            example="1043",
        ),
        Column(
            "status",
            T.CHOICE,
            "Opgenomen in het plan, of ingetrokken (leeg = opgenomen)",
            required=False,
            choices=choice_values(PlanadresStatus),
            default=PlanadresStatus.OPGENOMEN.value,
            example="opgenomen",
        ),
    ),
    key=("gemeentecode", "bijdrage_id", "verblijfsobject_id"),
    ownership=GEMEENTE_EIGEN,
    references=(_BIJDRAGE_REF, COMPLEX_REFERENCE),
)

#: In import order: rounds, grants, then their spending and plan addresses.
VHF_KINDS = (VHF_RONDES, VHF_BIJDRAGEN, VHF_BESTEDINGEN, VHF_PLANADRESSEN)
