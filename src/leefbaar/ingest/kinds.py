"""The import kinds: for every entity, the columns a file must have and what makes a row valid.

docs/import-formats.md describes the same kinds for people (a test keeps the two in step), and
``examples/import/`` holds one example file per kind.
"""

from __future__ import annotations

from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.housing import (
    ENERGIELABELS,
    Eigendom,
    GebrekSoort,
    Huursegment,
    PlanSoort,
    PlanStatus,
)
from leefbaar.domain.parties import (
    ID_PATTERN_PER_SOORT,
    PARTIJ_ID_PATTERN,
    PARTIJ_ID_UITLEG,
    PartijSoort,
    Rol,
)
from leefbaar.ingest.investment_kinds import INVESTERINGEN, INVESTERINGSBASISLIJNEN
from leefbaar.ingest.kind_parts import COMPLEX_REFERENCE as _COMPLEX_REF
from leefbaar.ingest.kind_parts import COMPLEXNUMMER_COLUMN as _COMPLEXNUMMER
from leefbaar.ingest.kind_parts import CORPORATIE_COLUMN as _CORPORATIE
from leefbaar.ingest.kind_parts import CORPORATIE_EIGEN, GEMEENTE_EIGEN
from leefbaar.ingest.kind_parts import choice_values as _values
from leefbaar.ingest.kind_parts import free_text_column as _free_text
from leefbaar.ingest.restructuring_kinds import HERSTRUCTURERINGSPLAN_OBJECTEN, HERSTRUCTURERINGSPLANNEN
from leefbaar.ingest.vhf_kinds import VHF_KINDS
from leefbaar.ingest.vocabulary import Column, ColumnType, ImportKind
from leefbaar.privacy.ownership import Ownership
from leefbaar.privacy.pseudonymise import ALLOCATION_RECEIVER

T = ColumnType


GEBIEDEN = ImportKind(
    name="gebieden",
    table="regio",
    description="CBS-gebiedsindeling van één jaar: gemeenten, wijken en buurten (code en naam)",
    columns=(
        Column(
            "code",
            T.REGIOCODE,
            "CBS-code met voorvoegsel (GM, WK, BU)",
            must_exist=False,
            example="BU03630001",
        ),
        Column("naam", T.TEXT, "Naam van het gebied", max_length=200, example="Planciusbuurt-Noord"),
        Column(
            "provinciecode",
            T.TEXT,
            "Provincie (PV20-PV31), alleen bij gemeenten",
            required=False,
            pattern=r"PV(2[0-9]|3[01])",
            pattern_hint="provinciecode is PV20 t/m PV31",
            example="PV27",
        ),
    ),
    key=("code",),
    stamps_indelingsjaar=True,
    stamps_peildatum=False,
    derived=(
        ("niveau", "niveau_of_code"),
        ("gemeentecode", "gemeente_of_code"),
        ("wijkcode", "wijk_of_code"),
    ),
)

GRENZEN = ImportKind(
    name="grenzen",
    table="regio_geometrie",
    description="Gebiedsgrenzen (GeoJSON-geometrie in CRS84) bij bestaande gebiedscodes",
    columns=(
        Column("code", T.REGIOCODE, "CBS-code van het gebied", example="GM0363"),
        Column(
            "geometrie",
            T.GEOMETRY,
            "GeoJSON-geometrie (Polygon of MultiPolygon) in CRS84",
            example='{"type":"Polygon","coordinates":[...]}',
        ),
    ),
    key=("code",),
    stamps_indelingsjaar=True,
    stamps_peildatum=False,
)

PARTIJEN = ImportKind(
    name="partijen",
    table="partij",
    description="Partijen: gemeenten, corporaties, huurders- en bewonersorganisaties, zorg-, welzijns- en veiligheidspartners, provincies",
    columns=(
        Column(
            "partij_id",
            T.TEXT,
            "Vaste code die past bij de soort: GM0363, PV27, L0001 (corporatie), HO0001, ZP0001, VP0001, BO0001 of MIN...",
            max_length=12,
            pattern=PARTIJ_ID_PATTERN,
            pattern_hint=PARTIJ_ID_UITLEG,
            pattern_when=(
                "soort",
                tuple(
                    (soort.value, pattern, f"partij-id past niet bij soort {soort.value}")
                    for soort, pattern in ID_PATTERN_PER_SOORT.items()
                ),
            ),
            example="L0001",
        ),
        Column("soort", T.CHOICE, "Soort partij", choices=_values(PartijSoort), example="corporatie"),
        _free_text("naam", "Naam", 200, "Woonstichting Voorbeeld"),
        Column("gemeentecode", T.GEMEENTECODE, "Vestigingsgemeente", required=False, example="GM0363"),
        Column(
            "synthetisch", T.BOOLEAN, "ja voor fictieve demonstratiepartijen", required=False, example="nee"
        ),
    ),
    key=("partij_id",),
)

COMPLEXEN = ImportKind(
    name="complexen",
    table="complex",
    description="Complexen (VERA: clusters) van een corporatie",
    columns=(
        _CORPORATIE,
        _COMPLEXNUMMER,
        _free_text("naam", "Naam van het complex", 200, "Zeeheldenbuurt I", required=False),
        Column(
            "gemeentecode", T.GEMEENTECODE, "Gemeente waarin het complex (grotendeels) ligt", example="GM0363"
        ),
        Column("bouwjaar", T.INTEGER, "Bouwjaar", required=False, minimum=1500, maximum=2100, example="1965"),
    ),
    key=("corporatie_id", "complexnummer"),
    ownership=CORPORATIE_EIGEN,
)

WONINGEN = ImportKind(
    name="woningen",
    table="woning",
    description="Woningen (BAG-verblijfsobjecten met woonfunctie) met eigendom, segment en kenmerken",
    columns=(
        Column(
            "verblijfsobject_id",
            T.VERBLIJFSOBJECT,
            "BAG-verblijfsobject-id (16 cijfers, objecttype 01)",
            example="0363010000123456",
        ),
        Column("postcode", T.POSTCODE, "Postcode (1234AB)", required=False, example="1013AB"),
        Column("huisnummer", T.INTEGER, "Huisnummer", required=False, minimum=1, maximum=99999, example="12"),
        Column("huisletter", T.TEXT, "Huisletter", required=False, max_length=1, example="A"),
        Column("toevoeging", T.TEXT, "Huisnummertoevoeging", required=False, max_length=4, example="2"),
        Column("buurtcode", T.BUURTCODE, "CBS-buurtcode in de opgegeven indeling", example="BU0363AA01"),
        Column("eigendom", T.CHOICE, "Eigendom", choices=_values(Eigendom), example="corporatie"),
        Column(
            "corporatie_id",
            T.PARTY,
            "Corporatie (verplicht bij eigendom corporatie)",
            required=False,
            party_kinds=(PartijSoort.CORPORATIE,),
            required_when=("eigendom", ("corporatie",)),
            forbidden_when=("eigendom", ("koop", "overige_huur")),
            example="L0001",
        ),
        Column(
            "complexnummer",
            T.TEXT,
            "Complexnummer (verplicht bij eigendom corporatie)",
            required=False,
            max_length=20,
            required_when=("eigendom", ("corporatie",)),
            forbidden_when=("eigendom", ("koop", "overige_huur")),
            example="1043",
        ),
        Column(
            "huursegment",
            T.CHOICE,
            "Huursegment (niet bij koopwoningen)",
            required=False,
            choices=_values(Huursegment),
            forbidden_when=("eigendom", ("koop",)),
            example="sociaal",
        ),
        Column("energielabel", T.CHOICE, "Energielabel", required=False, choices=ENERGIELABELS, example="C"),
        Column("bouwjaar", T.INTEGER, "Bouwjaar", required=False, minimum=1500, maximum=2100, example="1965"),
        Column(
            "oppervlakte_m2",
            T.INTEGER,
            "Gebruiksoppervlakte in m²",
            required=False,
            minimum=5,
            maximum=10000,
            example="62",
        ),
    ),
    key=("verblijfsobject_id",),
    ownership=CORPORATIE_EIGEN,
    references=(_COMPLEX_REF,),
    stamps_indelingsjaar=True,
)

CONDITIEMETINGEN = ImportKind(
    name="conditiemetingen",
    table="conditiemeting",
    description="Conditiemetingen volgens NEN 2767 per complex, en desgewenst per element met vervangingswaarde",
    columns=(
        _CORPORATIE,
        _COMPLEXNUMMER,
        Column(
            "element",
            T.TEXT,
            "Bouwdeel/element; leeg = score van het hele complex",
            required=False,
            max_length=60,
            example="dak",
        ),
        Column(
            "score",
            T.INTEGER,
            "NEN 2767-conditiescore: 1 uitstekend t/m 6 zeer slecht",
            minimum=1,
            maximum=6,
            example="3",
        ),
        Column(
            "vervangingswaarde_eur",
            T.AMOUNT,
            "Vervangingswaarde van het element in euro",
            required=False,
            example="125000",
        ),
        Column("meetdatum", T.DATE, "Datum van de meting", example="2025-03-14"),
        Column(
            "methode",
            T.TEXT,
            "Methode (standaard NEN 2767)",
            required=False,
            max_length=40,
            default="NEN 2767",
            example="NEN 2767",
        ),
    ),
    key=("corporatie_id", "complexnummer", "element", "meetdatum"),
    ownership=CORPORATIE_EIGEN,
    references=(_COMPLEX_REF,),
)

GEBREKEN = ImportKind(
    name="gebreken",
    table="gebrek",
    description="Gebreken en risico's: vocht en schimmel, loden leidingen, asbest, brandveiligheid",
    columns=(
        Column(
            "gebrek_id",
            T.TEXT,
            "Kenmerk van de melding bij de corporatie",
            max_length=40,
            example="M-2025-0001",
        ),
        _CORPORATIE,
        _COMPLEXNUMMER,
        Column(
            "verblijfsobject_id",
            T.VERBLIJFSOBJECT,
            "Woning (leeg = hele complex)",
            required=False,
            example="0363010000123456",
        ),
        Column("soort", T.CHOICE, "Soort gebrek", choices=_values(GebrekSoort), example="vocht_schimmel"),
        Column("geconstateerd_op", T.DATE, "Datum geconstateerd", example="2025-01-10"),
        Column("opgelost_op", T.DATE, "Datum opgelost (leeg = nog open)", required=False, example=""),
    ),
    key=("corporatie_id", "gebrek_id"),
    ownership=CORPORATIE_EIGEN,
    references=(_COMPLEX_REF,),
    ordered=(("geconstateerd_op", "opgelost_op", "opgelost voordat het gebrek werd geconstateerd"),),
)

PLANNEN = ImportKind(
    name="plannen",
    table="plan",
    description="Sloop-, renovatie- en herstructureringsplannen per complex",
    columns=(
        Column("plan_id", T.TEXT, "Kenmerk van het plan", max_length=40, example="P-1043-1"),
        _CORPORATIE,
        _COMPLEXNUMMER,
        Column("soort", T.CHOICE, "Soort plan", choices=_values(PlanSoort), example="sloop"),
        Column(
            "status",
            T.CHOICE,
            "Status: voornemen, besluit, concreet of ingetrokken (alleen concreet zondert uit van R1)",
            choices=_values(PlanStatus),
            example="concreet",
        ),
        Column("geplande_datum", T.DATE, "Geplande uitvoering", required=False, example="2027-06-01"),
        Column(
            "aantal_woningen",
            T.INTEGER,
            "Aantal woningen in het plan",
            required=False,
            minimum=0,
            maximum=100000,
            example="48",
        ),
    ),
    key=("corporatie_id", "plan_id"),
    ownership=CORPORATIE_EIGEN,
    references=(_COMPLEX_REF,),
)

BUURTKAMERS = ImportKind(
    name="buurtkamers",
    table="buurtkamer",
    description="Buurtkamers en ontmoetingsplekken",
    columns=(
        Column("buurtkamer_id", T.TEXT, "Kenmerk", max_length=40, example="BK-0001"),
        _free_text("naam", "Naam", 200, "Buurtkamer De Ontmoeting"),
        Column("buurtcode", T.BUURTCODE, "Buurt", example="BU0363AA01"),
        Column(
            "corporatie_id",
            T.PARTY,
            "Corporatie die de buurtkamer beheert of steunt",
            required=False,
            party_kinds=(PartijSoort.CORPORATIE,),
            example="L0001",
        ),
        Column(
            "partners",
            T.PARTY_LIST,
            "Partners (partij-id's gescheiden door ;)",
            required=False,
            example="GM0363;ZP0001",
        ),
        Column("geopend_op", T.DATE, "Datum geopend", example="2024-09-01"),
        _free_text("activiteiten", "Activiteiten", 2000, "taalcafé; koffieochtend", required=False),
        Column(
            "adres",
            T.TEXT,
            "Adres: straat, huisnummer en plaats",
            required=False,
            max_length=200,
            example="Haarlemmerplein 1, Amsterdam",
        ),
        Column("gesloten_op", T.DATE, "Datum gesloten (leeg = nog open)", required=False, example=""),
        Column("jaarkosten_eur", T.AMOUNT, "Kosten per jaar in euro", required=False, example="45000"),
        Column(
            "betaald_door",
            T.PARTY_LIST,
            "Wie de jaarkosten betaalt (partij-id's gescheiden door ;)",
            required=False,
            example="GM0363;L0001",
        ),
        Column(
            "bezoekers_per_jaar",
            T.INTEGER,
            "Bezoekers per jaar (leeg = niet gemeld)",
            required=False,
            minimum=0,
            maximum=10_000_000,
            example="2400",
        ),
        Column(
            "activiteiten_per_jaar",
            T.INTEGER,
            "Activiteiten per jaar (leeg = niet gemeld)",
            required=False,
            minimum=0,
            maximum=100_000,
            example="150",
        ),
    ),
    key=("buurtkamer_id",),
    ownership=CORPORATIE_EIGEN,
    stamps_indelingsjaar=True,
    ordered=(("geopend_op", "gesloten_op", "gesloten voordat de buurtkamer openging"),),
)

TOEWIJZINGEN = ImportKind(
    name="toewijzingen",
    table="toewijzing",
    description="Woningtoewijzingen aan aandachtsgroepen; Leefbaar pseudonimiseert het huishouden zelf",
    columns=(
        _free_text("toewijzing_id", "Kenmerk van de toewijzing", 40, "T-2025-000123"),
        Column("datum", T.DATE, "Datum van toewijzing", example="2025-04-02"),
        Column("gemeentecode", T.GEMEENTECODE, "Gemeente", example="GM0344"),
        Column("buurtcode", T.BUURTCODE, "Buurt van de woning", required=False, example="BU03440101"),
        Column(
            "aandachtsgroep",
            T.CHOICE,
            "Aandachtsgroep",
            choices=_values(Aandachtsgroep),
            example="statushouder",
        ),
        Column(
            "huishouden_id",
            T.HOUSEHOLD_ID,
            "Eigen nummer van het huishouden bij de leverancier (bv. huurdernummer, nooit een BSN); "
            "Leefbaar slaat alleen een eigen pseudoniem ervan op",
            max_length=64,
            pseudonymised_as="huishouden_pseudoniem",
            example="H-000123",
        ),
        Column(
            "corporatie_id",
            T.PARTY,
            "Corporatie die toewijst",
            required=False,
            party_kinds=(PartijSoort.CORPORATIE,),
            example="L0005",
        ),
    ),
    key=("toewijzing_id",),
    ownership=Ownership(
        frozenset({Rol.CORPORATIE, Rol.GEMEENTE}), ("corporatie_id", "gemeentecode"), personal=True
    ),
    stamps_indelingsjaar=True,
    pseudonym_receiver=ALLOCATION_RECEIVER,
)

URGENTIEVERORDENINGEN = ImportKind(
    name="urgentieverordeningen",
    table="urgentieverordening",
    description="Urgentieverordeningen: vaststellingsdatum en gedekte groepen",
    columns=(
        Column("gemeentecode", T.GEMEENTECODE, "Gemeente", example="GM0363"),
        Column("vastgesteld_op", T.DATE, "Datum vastgesteld", example="2024-07-01"),
        Column(
            "groepen",
            T.CHOICE_LIST,
            "Gedekte aandachtsgroepen gescheiden door ;",
            choices=_values(Aandachtsgroep),
            example="dakloos;uitstroom_instelling;medische_urgentie",
        ),
    ),
    key=("gemeentecode", "vastgesteld_op"),
    ownership=GEMEENTE_EIGEN,
)

WOONZORGVISIES = ImportKind(
    name="woonzorgvisies",
    table="woonzorgvisie",
    description="Woonzorgvisies: vaststellingsdatum en looptijd",
    columns=(
        Column("gemeentecode", T.GEMEENTECODE, "Gemeente", example="GM0344"),
        Column("vastgesteld_op", T.DATE, "Datum vastgesteld", example="2023-05-11"),
        Column("geldig_tot", T.DATE, "Geldig tot (leeg = onbepaald)", required=False, example="2028-12-31"),
    ),
    key=("gemeentecode", "vastgesteld_op"),
    ownership=GEMEENTE_EIGEN,
    ordered=(("vastgesteld_op", "geldig_tot", "geldig tot ligt voor de vaststellingsdatum"),),
)

GEBIEDSINDICATOREN = ImportKind(
    name="gebiedsindicatoren",
    table="gebiedsindicator",
    description="Indicatoren per gebied en jaar (lang formaat), bijvoorbeeld uit CBS of een enquête",
    columns=(
        Column("regiocode", T.REGIOCODE, "CBS-code van het gebied", example="BU03630001"),
        Column(
            "jaar",
            T.INTEGER,
            "Jaar waarop de waarde betrekking heeft",
            minimum=1990,
            maximum=2100,
            example="2024",
        ),
        Column(
            "indicator",
            T.TEXT,
            "Naam van de indicator (CBS-kolomnaam zonder nummer, of enquete:...)",
            max_length=80,
            example="AantalInwoners",
        ),
        Column("waarde", T.NUMBER, "Waarde (leeg = onbekend of geheim)", required=False, example="1234"),
        Column("bron", T.TEXT, "Bron", max_length=200, example="CBS Kerncijfers wijken en buurten 2024"),
    ),
    key=("regiocode", "jaar", "indicator"),
    stamps_indelingsjaar=True,
)

ALL: tuple[ImportKind, ...] = (
    GEBIEDEN,
    GRENZEN,
    PARTIJEN,
    COMPLEXEN,
    WONINGEN,
    CONDITIEMETINGEN,
    GEBREKEN,
    PLANNEN,
    INVESTERINGEN,
    INVESTERINGSBASISLIJNEN,
    BUURTKAMERS,
    *VHF_KINDS,
    HERSTRUCTURERINGSPLANNEN,
    HERSTRUCTURERINGSPLAN_OBJECTEN,
    TOEWIJZINGEN,
    URGENTIEVERORDENINGEN,
    WOONZORGVISIES,
    GEBIEDSINDICATOREN,
)
BY_NAME: dict[str, ImportKind] = {kind.name: kind for kind in ALL}
