"""Every validation rule of the import pipeline, on DuckDB and PostgreSQL: a bad file changes nothing.

Each row of BAD_FILES is one file with one defect; the expected error names the row (file line,
header = 1), the column and the reason. After every rejection the database must be exactly as before.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from leefbaar.ingest.kinds import ALL as ALL_KINDS
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services.imports import import_file, import_source_file
from leefbaar.storage.engine import get_engine
from leefbaar.storage.tables import metadata

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"
OPTIONS = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025, bron="test", gebruiker="test")

WONING_HEADER = (
    "verblijfsobject_id;postcode;huisnummer;huisletter;toevoeging;buurtcode;eigendom;corporatie_id;"
    "complexnummer;huursegment;energielabel;bouwjaar;oppervlakte_m2\n"
)
GOOD_WONING = "0363010000800001;1012AB;1;;;BU0363AA01;corporatie;L0001;1043;sociaal;C;1965;58\n"


def _base(url: str) -> None:
    """Regions (2025, plus one 2024-only buurt), parties and complexes from the example files."""
    for kind in ("gebieden", "partijen", "complexen"):
        assert import_file(url, kind, EXAMPLES / f"{kind}.csv", OPTIONS).status is ImportStatus.IMPORTED


def _snapshot(url: str) -> dict[str, int]:
    with get_engine(url).connect() as conn:
        return {
            name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
            for name in metadata.tables
            if name
            in {
                "regio",
                "partij",
                "complex",
                "woning",
                "conditiemeting",
                "investering",
                "import_log",
                "toewijzing",
                "gebrek",
                "prestatieafspraak",
                "woonzorgvisie",
                "urgentieverordening",
                "vhf_bijdrage",
                "gebiedsindicator",
                "regio_geometrie",
            }
        }


BAD_FILES = [
    # (id, kind, file content, expected row, expected column, reason fragment)
    (
        "bag-id-kort",
        "woningen",
        WONING_HEADER + "036301000080001;1012AB;1;;;BU0363AA01;koop;;;;C;1965;58\n",
        2,
        "verblijfsobject_id",
        "geen geldige BAG",
    ),
    (
        "bag-id-pand",
        "woningen",
        WONING_HEADER + "0363100000800001;1012AB;1;;;BU0363AA01;koop;;;;C;1965;58\n",
        2,
        "verblijfsobject_id",
        "geen geldige BAG",
    ),
    (
        "buurtcode-vorm",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU363AA01;koop;;;;C;1965;58\n",
        2,
        "buurtcode",
        "geen geldige buurtcode",
    ),
    (
        "buurtcode-onbekend",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA99;koop;;;;C;1965;58\n",
        2,
        "buurtcode",
        "bestaat niet in indeling 2025",
    ),
    (
        "postcode",
        "woningen",
        WONING_HEADER + "0363010000800001;0123AB;1;;;BU0363AA01;koop;;;;C;1965;58\n",
        2,
        "postcode",
        "geen geldige postcode",
    ),
    (
        "eigendom-keuze",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA01;huur;;;;C;1965;58\n",
        2,
        "eigendom",
        "onbekende waarde",
    ),
    (
        "corporatie-verplicht",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA01;corporatie;;1043;;C;1965;58\n",
        2,
        "corporatie_id",
        "verplicht bij eigendom",
    ),
    (
        "segment-bij-koop",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA01;koop;;;sociaal;C;1965;58\n",
        2,
        "huursegment",
        "moet leeg zijn",
    ),
    (
        "onbekend-complex",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA01;corporatie;L0001;9999;sociaal;C;1965;58\n",
        2,
        "corporatie_id+complexnummer",
        "onbekend complex",
    ),
    (
        "onbekende-partij",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA01;corporatie;L0999;1043;sociaal;C;1965;58\n",
        2,
        "corporatie_id",
        "onbekende partij",
    ),
    (
        "partij-geen-corporatie",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA01;corporatie;HO0001;1043;sociaal;C;1965;58\n",
        2,
        "corporatie_id",
        "geen corporatie",
    ),
    (
        "huisnummer-tekst",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;een;;;BU0363AA01;koop;;;;C;1965;58\n",
        2,
        "huisnummer",
        "geen geheel getal",
    ),
    (
        "bouwjaar-bereik",
        "woningen",
        WONING_HEADER + "0363010000800001;1012AB;1;;;BU0363AA01;koop;;;;C;1265;58\n",
        2,
        "bouwjaar",
        "tussen 1500 en 2100",
    ),
    (
        "dubbele-sleutel",
        "woningen",
        WONING_HEADER + GOOD_WONING + GOOD_WONING,
        3,
        "verblijfsobject_id",
        "dubbele sleutel",
    ),
    (
        "formule",
        "complexen",
        "corporatie_id;complexnummer;naam;gemeentecode;bouwjaar\n"
        'L0001;2001;"=HYPERLINK(""http://x"",""klik"")";GM0363;1970\n',
        2,
        "naam",
        "formule",
    ),
    (
        "score-7",
        "conditiemetingen",
        "corporatie_id;complexnummer;element;score;vervangingswaarde_eur;meetdatum;methode\n"
        "L0001;1043;;7;;2025-03-14;NEN 2767\n",
        2,
        "score",
        "tussen 1 en 6",
    ),
    (
        "datum",
        "conditiemetingen",
        "corporatie_id;complexnummer;element;score;vervangingswaarde_eur;meetdatum;methode\n"
        "L0001;1043;;3;;31-02-2025;NEN 2767\n",
        2,
        "meetdatum",
        "geen geldige datum",
    ),
    (
        "negatief-bedrag",
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;-5000\n",
        2,
        "bedrag_eur",
        "negatief",
    ),
    (
        "bedrag-tekst",
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;veel\n",
        2,
        "bedrag_eur",
        "geen geldig bedrag",
    ),
    (
        "keuzelijst",
        "urgentieverordeningen",
        'gemeentecode;vastgesteld_op;groepen\nGM0363;2024-07-01;"dakloos;iedereen"\n',
        2,
        "groepen",
        "onbekende waarde in de lijst",
    ),
    (
        "bsn-in-kenmerk",
        "toewijzingen",
        "toewijzing_id;datum;gemeentecode;buurtcode;aandachtsgroep;huishouden_id;corporatie_id\n"
        "T-123456782;2025-04-02;GM0363;BU0363AA01;statushouder;H-1;L0001\n",
        2,
        "toewijzing_id",
        "bevat een BSN",
    ),
    (
        "datumvolgorde",
        "woonzorgvisies",
        "gemeentecode;vastgesteld_op;geldig_tot\nGM0363;2023-05-11;2022-01-01\n",
        2,
        "geldig_tot",
        "voor de vaststellingsdatum",
    ),
    (
        "partijlijst",
        "buurtkamers",
        'buurtkamer_id;naam;buurtcode;partners;geopend_op\nBK-1;De Kamer;BU0363AA01;"GM0363;L0404";2024-09-01\n',
        2,
        "partners",
        "onbekende partij in de lijst",
    ),
    # a buurtkamer cannot close before it opened (the closing date is the column at fault)
    (
        "gesloten-voor-geopend",
        "buurtkamers",
        "buurtkamer_id;naam;buurtcode;geopend_op;gesloten_op\nBK-1;De Kamer;BU0363AA01;2024-09-01;2024-08-31\n",
        2,
        "gesloten_op",
        "gesloten voordat de buurtkamer openging",
    ),
    (
        "ontbrekende-kolom",
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;bedrag_eur\nL0001;GM0363;2025;lood;5000\n",
        1,
        "soort",
        "verplichte kolom ontbreekt",
    ),
    (
        "extra-kolom",
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur;opmerking\nL0001;GM0363;2025;lood;extra;5000;x\n",
        1,
        "opmerking",
        "onbekende kolom",
    ),
    (
        "verkeerd-scheidingsteken",
        "investeringen",
        "partij_id|gemeentecode|jaar|thema|soort|bedrag_eur\nL0001|GM0363|2025|lood|extra|5000\n",
        1,
        None,
        "scheidingsteken niet herkend",
    ),
    (
        "afgebroken",
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;5000\nL0001;2024;lo",
        3,
        None,
        "6 kolommen verwacht, 3 gevonden",
    ),
    (
        "latin-1",
        "partijen",
        "partij_id;soort;naam;gemeentecode;synthetisch\nZP0009;zorgpartner;Caf\xe9 Zorg;GM0363;ja\n",
        2,
        None,
        "geen UTF-8",
    ),
    ("leeg", "partijen", "", None, None, "leeg"),
    # In the last column an open quote would swallow the following rows without a wrong column count.
    (
        "aanhalingsteken-laatste-kolom",
        "buurtkamers",
        "buurtkamer_id;naam;buurtcode;corporatie_id;partners;geopend_op;activiteiten;adres\n"
        'BK-1;Kamer een;BU0363AA01;L0001;;2024-09-01;koffie;"Straat 1, Amsterdam\n'
        "BK-2;Kamer twee;BU0363AA01;L0001;;2024-09-01;koffie;Straat 2\n",
        2,
        None,
        "wordt niet gesloten",
    ),
    # A quote that is never closed swallows the next line: the report names the line it opens on.
    (
        "aanhalingsteken-open",
        "investeringen",
        'partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;5000\nL0001;2024;"lood;extra;5000\n'
        "L0001;GM0363;2023;lood;extra;5000\n",
        3,
        None,
        "wordt niet gesloten",
    ),
    (
        "grenzen-onbekende-code",
        "grenzen",
        'code;geometrie\nBU0363AA99;"{""type"": ""Polygon"", ""coordinates"": [[[4.8, 52.3], [4.9, 52.3], '
        '[4.9, 52.4], [4.8, 52.3]]]}"\n',
        2,
        "code",
        "bestaat niet in indeling 2025",
    ),
    # A cast alone would round these: 3.5 is not a NEN 2767 score, and not 4 either.
    (
        "score-breuk",
        "conditiemetingen",
        "corporatie_id;complexnummer;element;score;vervangingswaarde_eur;meetdatum;methode\n"
        "L0001;1043;;3.5;;2025-03-14;NEN 2767\n",
        2,
        "score",
        "geen geheel getal",
    ),
    # 85.000: eighty-five thousand in Dutch, eighty-five in English notation: refused, not guessed.
    (
        "bedrag-onduidelijk",
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;85.000\n",
        2,
        "bedrag_eur",
        "onduidelijk bedrag",
    ),
    # 85,000: eighty-five thousand in English notation, eighty-five in Dutch: refused as well.
    (
        "bedrag-komma-onduidelijk",
        "investeringen",
        'partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;"85,000"\n',
        2,
        "bedrag_eur",
        "onduidelijk bedrag",
    ),
    # English thousands commas would otherwise be read as a Dutch decimal comma (1,25050).
    (
        "bedrag-engels",
        "investeringen",
        'partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;"1,250.50"\n',
        2,
        "bedrag_eur",
        "geen geldig bedrag",
    ),
    (
        "verplicht-leeg",
        "investeringen",
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;;extra;5000\n",
        2,
        "thema",
        "verplicht veld is leeg",
    ),
    (
        "te-lang",
        "complexen",
        f"corporatie_id;complexnummer;naam;gemeentecode;bouwjaar\nL0001;2001;{'x' * 201};GM0363;1970\n",
        2,
        "naam",
        "langer dan 200 tekens",
    ),
    (
        "datum-buiten-bereik",
        "conditiemetingen",
        "corporatie_id;complexnummer;element;score;vervangingswaarde_eur;meetdatum;methode\n"
        "L0001;1043;;3;;1850-03-14;NEN 2767\n",
        2,
        "meetdatum",
        "buiten 1900-2100",
    ),
    (
        "ja-nee",
        "partijen",
        "partij_id;soort;naam;gemeentecode;synthetisch\nZP0009;zorgpartner;Zorg;GM0363;misschien\n",
        2,
        "synthetisch",
        "gebruik ja of nee",
    ),
    # A municipality's code as an association's id: the registration number is L + 4 digits.
    (
        "partij-id-soort",
        "partijen",
        "partij_id;soort;naam;gemeentecode;synthetisch\nGM0344;corporatie;Woonstichting;GM0363;ja\n",
        2,
        "partij_id",
        "past niet bij soort corporatie",
    ),
    (
        "partij-id-vorm",
        "partijen",
        "partij_id;soort;naam;gemeentecode;synthetisch\nX12;zorgpartner;Zorg;GM0363;ja\n",
        2,
        "partij_id",
        "partij-id is GM+4 cijfers",
    ),
    (
        "getal",
        "gebiedsindicatoren",
        "regiocode;jaar;indicator;waarde;bron\nBU0363AA01;2025;enquete:veiligheidsgevoel;veel;test\n",
        2,
        "waarde",
        "geen getal",
    ),
    (
        "regiocode-onbekend",
        "gebiedsindicatoren",
        "regiocode;jaar;indicator;waarde;bron\nBU0363AA99;2025;enquete:veiligheidsgevoel;6,4;test\n",
        2,
        "regiocode",
        "bestaat niet in indeling 2025",
    ),
    (
        "huishouden-id-vorm",
        "toewijzingen",
        "toewijzing_id;datum;gemeentecode;buurtcode;aandachtsgroep;huishouden_id;corporatie_id\n"
        "T-1;2025-04-02;GM0363;BU0363AA01;statushouder;#1;L0001\n",
        2,
        "huishouden_id",
        "geen geldig huishouden-id",
    ),
    (
        "buurtcodes-lijst",
        "vhf-bijdragen",
        "bijdrage_id;gemeentecode;ronde;gebied;buurtcodes;bedrag_eur;cofinanciering_eur;uitvoeringsplan\n"
        'VHF-X;GM0363;2023;Gebied;"BU0363AA01;rommel";100;100;geen\n',
        2,
        "buurtcodes",
        "een lijst van buurtcodes zijn",
    ),
    (
        "vhf-bijdrage-onbekend",
        "vhf-planadressen",
        "gemeentecode;bijdrage_id;verblijfsobject_id;voorraad\nGM0363;VHF-X;0363010000900004;particulier\n",
        2,
        "bijdrage_id+gemeentecode",
        "onbekende bijdrage van deze gemeente",
    ),
    (
        "geojson-kapot",
        "grenzen",
        'code;geometrie\nBU0363AA01;"{""type"": ""Polygon"", ""coordinates"": [[[4.898, 52.374]"\n',
        2,
        "geometrie",
        "geen geldige GeoJSON",
    ),
    (
        "geojson-soort",
        "grenzen",
        'code;geometrie\nBU0363AA01;"{""type"": ""Point"", ""coordinates"": [4.898, 52.374]}"\n',
        2,
        "geometrie",
        "Polygon of MultiPolygon",
    ),
    # A file saved by Excel as "CSV UTF-8" starts with a byte order mark; the error is still found.
    (
        "bom",
        "investeringen",
        "\ufeffpartij_id;gemeentecode;jaar;thema;soort;bedrag_eur\nL0001;GM0363;2025;lood;extra;-5\n",
        2,
        "bedrag_eur",
        "negatief",
    ),
]


#: Files whose one defect rightly gives more than one error.
MORE_THAN_ONE_ERROR = {
    "onbekende-partij": "the dwelling's complex is unknown too",
    "partij-geen-corporatie": "the dwelling's complex is unknown too",
    "verkeerd-scheidingsteken": "every expected column is missing and the whole header is one unknown column",
}


@pytest.mark.parametrize(
    ("case", "kind", "content", "row", "column", "reason"),
    BAD_FILES,
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_file_is_rejected_with_its_reason_and_changes_nothing(
    empty_db: str,
    tmp_path: Path,
    case: str,
    kind: str,
    content: str,
    row: int | None,
    column: str | None,
    reason: str,
) -> None:
    _base(empty_db)
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(content.encode("latin-1") if "\xe9" in content else content.encode("utf-8"))
    before = _snapshot(empty_db)
    result = import_file(empty_db, kind, path, OPTIONS)
    assert result.status is ImportStatus.REJECTED
    if case not in MORE_THAN_ONE_ERROR:
        assert result.error_count == 1, [str(e) for e in result.errors]  # one defect, one error
    matching = [e for e in result.errors if reason in e.reason]
    assert matching, [str(e) for e in result.errors]
    assert matching[0].row == row
    assert matching[0].column == column
    assert matching[0].file == path.name
    assert _snapshot(empty_db) == before


def test_code_of_another_year_names_the_year_it_exists_in(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    old_regions = tmp_path / "gebieden2024.csv"
    old_regions.write_text("code;naam;provinciecode\nBU0363AA77;Oude buurt;\n")
    options_2024 = ImportOptions(peildatum=date(2024, 1, 1), indelingsjaar=2024)
    assert import_file(empty_db, "gebieden", old_regions, options_2024).status is ImportStatus.IMPORTED
    path = tmp_path / "woningen.csv"
    path.write_text(WONING_HEADER + GOOD_WONING.replace("BU0363AA01", "BU0363AA77"))
    result = import_file(empty_db, "woningen", path, OPTIONS)
    assert result.status is ImportStatus.REJECTED
    assert result.errors[0].reason == "code bestaat niet in indeling 2025 (wel in indeling 2024)"


def test_codes_are_checked_against_the_newest_division_when_no_year_is_given(
    empty_db: str, tmp_path: Path
) -> None:
    _base(empty_db)
    no_year = ImportOptions(peildatum=date(2025, 6, 1), bron="test", gebruiker="test")
    path = tmp_path / "complexen.csv"
    path.write_text("corporatie_id;complexnummer;naam;gemeentecode;bouwjaar\nL0001;2001;Hof;GM9999;1970\n")
    result = import_file(empty_db, "complexen", path, no_year)
    assert result.status is ImportStatus.REJECTED
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (2, "gemeentecode", "code bestaat niet in indeling 2025")
    ]
    # A good file without a year is recorded with the division it was checked against.
    path.write_text("corporatie_id;complexnummer;naam;gemeentecode;bouwjaar\nL0001;2001;Hof;GM0363;1970\n")
    result = import_file(empty_db, "complexen", path, no_year)
    assert result.status is ImportStatus.IMPORTED
    with get_engine(empty_db).connect() as conn:
        year = conn.execute(
            text("SELECT indelingsjaar FROM import_log WHERE import_id = :i"), {"i": result.import_id}
        ).scalar_one()
    assert year == 2025


AMOUNTS = [
    # (as written, euros)
    ("1250000", "1250000.00"),
    ("1250000.50", "1250000.50"),  # decimal point
    ("1250000,50", "1250000.50"),  # decimal comma
    ("1.250.000,50", "1250000.50"),  # Dutch, with thousands dots
    ("1.250.000", "1250000.00"),  # two groups of thousands: cannot be a decimal point
    ("€ 1.250,5", "1250.50"),  # euro sign and space
    ("12.5", "12.50"),
    ("0,99", "0.99"),
    ("0.125", "0.13"),  # a leading 0: a decimal point, whatever follows (a spreadsheet's number)
    ("1250000,123", "1250000.12"),  # more than three digits before the comma: a decimal comma
    ("+1250", "1250.00"),
    ("25000000000.0000000000", "25000000000.00"),  # a Parquet double as written by the reader
]


def test_amount_notations_are_read_as_written(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    rows = "".join(
        f'L0001;GM0363;{2000 + i};lood;extra;"{written}"\n' for i, (written, _) in enumerate(AMOUNTS)
    )
    path = tmp_path / "investeringen.csv"
    path.write_text("partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\n" + rows, encoding="utf-8")
    result = import_file(empty_db, "investeringen", path, OPTIONS)
    assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
    with get_engine(empty_db).connect() as conn:
        stored = conn.execute(text("SELECT jaar, bedrag_eur FROM investering ORDER BY jaar")).all()
    assert [(jaar, f"{bedrag:.2f}") for jaar, bedrag in stored] == [
        (2000 + i, euros) for i, (_, euros) in enumerate(AMOUNTS)
    ]


def test_a_whole_number_may_be_written_with_a_zero_fraction(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    path = tmp_path / "conditiemetingen.csv"
    path.write_text(
        "corporatie_id;complexnummer;element;score;vervangingswaarde_eur;meetdatum\n"
        "L0001;1043;;4.0;;2025-03-14\nL0001;1043;dak;5;;2025-03-14\n"
    )
    result = import_file(empty_db, "conditiemetingen", path, OPTIONS)
    assert result.status is ImportStatus.IMPORTED, [str(e) for e in result.errors]
    with get_engine(empty_db).connect() as conn:
        scores = conn.execute(text("SELECT score FROM conditiemeting ORDER BY score")).scalars().all()
    assert scores == [4, 5]


def test_all_errors_are_counted_but_only_the_first_are_shown(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    # Unique keys need distinct years: vary the year, keep every amount negative.
    rows = "".join(f"L0001;GM0363;{2000 + i};lood;extra;-{i + 1}\n" for i in range(30))
    path = tmp_path / "investeringen.csv"
    path.write_text("partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\n" + rows)
    result = import_file(empty_db, "investeringen", path, OPTIONS, max_errors=5)
    assert result.error_count == 30
    assert [e.row for e in result.errors] == [2, 3, 4, 5, 6]


def test_reimport_of_the_same_file_changes_nothing(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    path = tmp_path / "woningen.csv"
    path.write_text(WONING_HEADER + GOOD_WONING)
    first = import_file(empty_db, "woningen", path, OPTIONS)
    assert first.status is ImportStatus.IMPORTED
    before = _snapshot(empty_db)
    again = import_file(empty_db, "woningen", path, OPTIONS)
    assert again.status is ImportStatus.ALREADY_IMPORTED
    assert again.import_id == first.import_id
    assert _snapshot(empty_db) == before


def test_same_key_and_peildatum_from_another_file_is_refused(empty_db: str, tmp_path: Path) -> None:
    _base(empty_db)
    first = tmp_path / "a.csv"
    first.write_text(WONING_HEADER + GOOD_WONING)
    assert import_file(empty_db, "woningen", first, OPTIONS).status is ImportStatus.IMPORTED
    second = tmp_path / "b.csv"
    second.write_text(WONING_HEADER + GOOD_WONING.replace(";58\n", ";59\n"))
    before = _snapshot(empty_db)
    result = import_file(empty_db, "woningen", second, OPTIONS)
    assert result.status is ImportStatus.REJECTED
    assert "staat al in de database" in result.errors[0].reason
    assert result.errors[0].row == 2
    assert _snapshot(empty_db) == before
    # A later peildatum is a new version: appended, the old row stays.
    later = ImportOptions(peildatum=date(2026, 1, 1), indelingsjaar=2025)
    assert import_file(empty_db, "woningen", second, later).status is ImportStatus.IMPORTED
    with get_engine(empty_db).connect() as conn:
        rows = conn.execute(text("SELECT peildatum, oppervlakte_m2 FROM woning ORDER BY peildatum")).all()
    assert [(r[0], r[1]) for r in rows] == [(date(2025, 6, 1), 58), (date(2026, 1, 1), 59)]


def test_every_example_file_imports_and_is_recorded(empty_db: str) -> None:
    order = [
        "gebieden",
        "partijen",
        "complexen",
        "woningen",
        "conditiemetingen",
        "gebreken",
        "plannen",
        "investeringen",
        "investeringsbasislijnen",
        "buurtkamers",
        "vhf-rondes",
        "vhf-bijdragen",
        "vhf-bestedingen",
        "vhf-planadressen",
        "herstructureringsplannen",
        "herstructureringsplan-objecten",
        "toewijzingen",
        "urgentieverordeningen",
        "woonzorgvisies",
        "gebiedsindicatoren",
        "grenzen",
    ]
    for kind in order:
        result = import_source_file(empty_db, kind, EXAMPLES / f"{kind}.csv", OPTIONS)
        assert result.status is ImportStatus.IMPORTED, (kind, [str(e) for e in result.errors])
    with get_engine(empty_db).connect() as conn:
        log = conn.execute(
            text("SELECT soort, rijen, bron, gebruiker, sha256 FROM import_log ORDER BY import_id")
        ).all()
        investments = (
            conn.execute(text("SELECT bedrag_eur FROM investering ORDER BY thema, bedrag_eur"))
            .scalars()
            .all()
        )
        groups = conn.execute(text("SELECT groepen FROM urgentieverordening")).scalar_one()
        methode = conn.execute(text("SELECT DISTINCT methode FROM conditiemeting")).scalar_one()
        kamer = conn.execute(text("SELECT buurtcode, adres FROM buurtkamer")).one()
        plan = conn.execute(
            text(
                "SELECT voorraad, status, count(*) FROM vhf_planadres GROUP BY voorraad, status ORDER BY voorraad"
            )
        ).all()
    assert [row[0] for row in log] == order
    assert all(row[2] == "test" and row[3] == "test" and len(row[4]) == 64 for row in log)
    assert [row[1] for row in log][:4] == [4, 4, 2, 5]
    # "85.000,00" (Dutch notation) and "1250000" are the same kind of amount.
    assert [float(v) for v in investments] == [85000.0, 1250000.0, 4800000.0]
    # Lists are stored sorted and de-duplicated.
    assert groups == "dakloos;medische_urgentie;sociale_urgentie;uitstroom_detentie;uitstroom_instelling"
    assert methode == "NEN 2767"
    assert tuple(kamer) == ("BU0363AA01", "Voorbeeldstraat 1, Amsterdam (fictief)")
    # two association and two private addresses; an empty status is "opgenomen"
    assert [tuple(r) for r in plan] == [("corporatie", "opgenomen", 2), ("particulier", "opgenomen", 2)]


def _counts(url: str, kind_name: str, path: Path) -> tuple[int | None, int, int] | None:
    """(one-pass count, per-check count, errors found by all checks) for a file's staged rows.

    The importer trusts the one-pass query to be zero exactly when a file is clean; here it is
    compared with the two other formulations of the same rules on the same rows. None: the file
    does not get as far as the checks (unreadable, or a header problem).
    """
    from leefbaar.ingest import kinds
    from leefbaar.ingest.columns import header_errors
    from leefbaar.ingest.readers import read_table_file
    from leefbaar.ingest.vocabulary import FileError
    from leefbaar.storage import import_checks, import_staging, importer
    from leefbaar.storage.engine import backend_of

    kind = kinds.BY_NAME[kind_name]
    try:
        read = read_table_file(path)
    except FileError:
        return None
    if header_errors(kind, read) or read.invalid_rows:
        return None
    with importer._validation_connection(url, backend_of(url)) as duck:
        duck.register("__raw", read.table)
        staging = import_staging.staging_select(kind, set(read.table.column_names), 2025)
        duck.execute(f"CREATE OR REPLACE TEMP TABLE __src AS {staging}")
        query = import_staging.one_pass_count_query(kind, 2025)
        one_pass = None if query is None else duck.execute(query).fetchall()[0][0]
        per_check = duck.execute(import_staging.error_count_query(kind, 2025)).fetchall()[0][0]
        union = " UNION ALL ".join(c.query() for c in import_checks.all_checks(kind, 2025))
        found = duck.execute(f"SELECT count(*) FROM ({union})").fetchall()[0][0]
    return one_pass, per_check, found


#: Reasons given before any row is checked: the file cannot be read, or its header is wrong.
_BEFORE_THE_CHECKS = ("verplichte kolom ontbreekt", "onbekende kolom", "scheidingsteken", "kolommen verwacht",
                      "geen UTF-8", "leeg", "wordt niet gesloten")  # fmt: skip
_CHECKED_FILES = [case for case in BAD_FILES if not any(r in case[5] for r in _BEFORE_THE_CHECKS)]


@pytest.mark.parametrize(
    ("kind", "content"), [case[1:3] for case in _CHECKED_FILES], ids=[case[0] for case in _CHECKED_FILES]
)
def test_the_one_pass_count_is_zero_exactly_when_the_checks_find_nothing(
    empty_db: str, tmp_path: Path, kind: str, content: str
) -> None:
    _base(empty_db)
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(content.encode("utf-8"))
    counts = _counts(empty_db, kind, path)
    assert counts is not None, "this file should reach the row checks"
    one_pass, per_check, found = counts
    assert found > 0  # each bad file has a defect the checks find
    assert per_check > 0
    assert one_pass is None or one_pass > 0


@pytest.mark.parametrize("kind", sorted(kind.name for kind in ALL_KINDS))
def test_the_one_pass_count_agrees_on_the_example_files(empty_db: str, kind: str) -> None:
    _base(empty_db)
    counts = _counts(empty_db, kind, EXAMPLES / f"{kind}.csv")
    assert counts is not None
    one_pass, per_check, found = counts
    assert (found == 0) == (per_check == 0)
    if one_pass is not None:
        assert (one_pass == 0) == (found == 0)
