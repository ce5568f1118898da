"""Personal data at the door of an import, on DuckDB and PostgreSQL: allocations carry the supplier's
household number and Leefbaar stores only its own keyed pseudonym of it; free-text columns refuse a
BSN, an e-mail address, a phone number and a postcode with house number, exactly as a form does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from leefbaar.config import get_settings
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.privacy.personal_text import personal_data_refusal
from leefbaar.privacy.pseudonymise import ALLOCATION_RECEIVER, Pseudonymiser, fingerprint, parse_master_key
from leefbaar.services.imports import import_file
from leefbaar.storage.engine import get_engine

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"
OPTIONS = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025, bron="test", gebruiker="test")
HEADER = "toewijzing_id;datum;gemeentecode;buurtcode;aandachtsgroep;huishouden_id;corporatie_id\n"
KEY_2 = "2b" * 32


@pytest.fixture
def db(empty_db: str) -> Iterator[str]:
    for kind in ("gebieden", "partijen"):
        assert import_file(empty_db, kind, EXAMPLES / f"{kind}.csv", OPTIONS).status is ImportStatus.IMPORTED
    yield empty_db
    get_settings.cache_clear()


def _rows(url: str, sql: str) -> list[tuple]:
    with get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _allocation_key() -> Pseudonymiser:
    settings = get_settings()
    return Pseudonymiser.for_receiver(
        parse_master_key(settings.pseudonym_key, development=settings.is_development), ALLOCATION_RECEIVER
    )


def test_allocations_store_only_leefbaars_own_pseudonym_of_the_household(db: str) -> None:
    result = import_file(db, "toewijzingen", EXAMPLES / "toewijzingen.csv", OPTIONS)
    assert result.status is ImportStatus.IMPORTED, result.errors
    stored = _rows(
        db, "SELECT toewijzing_id, huishouden_pseudoniem, sleutelversie FROM toewijzing ORDER BY 1"
    )
    key = _allocation_key()
    assert stored == [
        ("T-2025-000001", key.pseudonym("H-000123"), 1),
        ("T-2025-000002", key.pseudonym("H-000456"), 1),
    ]
    # The supplier's household number itself is nowhere: not in the rows, not in the import log.
    dump = " ".join(
        str(v) for t in ("toewijzing", "import_log") for row in _rows(db, f"SELECT * FROM {t}") for v in row
    )
    assert "H-000123" not in dump and "H-000456" not in dump


def test_a_supplier_pseudonym_column_is_refused_with_what_to_send_instead(db: str, tmp_path: Path) -> None:
    path = tmp_path / "oud.csv"
    path.write_text(
        HEADER.replace("huishouden_id", "huishouden_pseudoniem")
        + "T-1;2025-04-02;GM0363;;statushouder;hh_7f3a9c2e1b4d;L0001\n"
    )
    result = import_file(db, "toewijzingen", path, OPTIONS)
    assert result.status is ImportStatus.REJECTED
    reasons = {(e.column, e.reason) for e in result.errors}
    assert ("huishouden_id", "verplichte kolom ontbreekt in de kopregel") in reasons
    assert any(c == "huishouden_pseudoniem" and "Leefbaar maakt het pseudoniem zelf" in r for c, r in reasons)
    assert _rows(db, "SELECT count(*) FROM toewijzing") == [(0,)]


def test_a_bad_household_number_is_refused_without_showing_it(db: str, tmp_path: Path) -> None:
    path = tmp_path / "vorm.csv"
    path.write_text(HEADER + "T-1;2025-04-02;GM0363;;statushouder;=HYPERLINK(1);L0001\n")
    result = import_file(db, "toewijzingen", path, OPTIONS)
    (error,) = result.errors
    assert (error.row, error.column, error.value) == (2, "huishouden_id", "(verborgen)")
    assert error.reason.startswith("geen geldig huishouden-id")


def test_after_rotation_allocations_carry_the_new_key_version(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY", KEY_2)
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY_VERSION", "2")
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS", "1:" + "1f" * 32)
    get_settings.cache_clear()
    assert (
        import_file(db, "toewijzingen", EXAMPLES / "toewijzingen.csv", OPTIONS).status
        is ImportStatus.IMPORTED
    )
    expected = Pseudonymiser.for_receiver(bytes.fromhex(KEY_2), ALLOCATION_RECEIVER).pseudonym("H-000123")
    assert _rows(
        db,
        "SELECT huishouden_pseudoniem, sleutelversie FROM toewijzing WHERE toewijzing_id = 'T-2025-000001'",
    ) == [(expected, 2)]


def test_a_key_that_is_not_the_recorded_version_pseudonymises_nothing(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with get_engine(db).begin() as conn:
        conn.execute(
            text("INSERT INTO pseudoniemsleutel VALUES (2, :f, TIMESTAMP '2026-01-01 00:00:00', 'test')"),
            {"f": fingerprint(bytes.fromhex("3c" * 32))},
        )
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY", KEY_2)  # not the key recorded as version 2
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY_VERSION", "2")
    get_settings.cache_clear()
    result = import_file(db, "toewijzingen", EXAMPLES / "toewijzingen.csv", OPTIONS)
    assert result.status is ImportStatus.REJECTED
    assert (
        "pseudonimiseren kan niet: sleutelversie 2 in de configuratie is niet de sleutel"
        in result.errors[0].reason
    )
    assert _rows(db, "SELECT count(*) FROM toewijzing") == [(0,)]


#: Texts typed into a free-text column (buurtkamers.activiteiten): each row is refused exactly when
#: the form's check (privacy.personal_text) refuses it, with the same words.
TEXTS = [
    "koffieochtend, taalcafé",  # ordinary
    "BSN 123456782 bekend",  # a BSN
    "bsn 123456789",  # nine digits that fail the elfproef
    "aanmelden via jan@example.nl",  # an e-mail address
    "bel 06-12345678",  # a mobile number
    "(020) 123 4567 voor info",  # a landline
    "+31 6 12345678",  # an international number
    "bij fam. 1234 AB 12",  # postcode and house number
    "Dorpsstraat 12, 1234 AB",  # address with the postcode after it
    "open 10:00-12:00, sinds 01-02-2025",  # times and dates
    "tussen 2024 en 2025",  # years
    "mail a@b.nl of bel 0612345678",  # two kinds at once
]


def test_free_text_in_a_file_is_refused_exactly_as_on_a_form(db: str, tmp_path: Path) -> None:
    path = tmp_path / "buurtkamers.csv"
    lines = ["buurtkamer_id;naam;buurtcode;corporatie_id;partners;geopend_op;activiteiten;adres"]
    lines += [f'BK-{i};Buurtkamer {i};BU0363AA01;L0001;;2024-09-01;"{t}";' for i, t in enumerate(TEXTS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_file(db, "buurtkamers", path, OPTIONS, max_errors=100)
    assert result.status is ImportStatus.REJECTED
    found = {e.row: e for e in result.errors}
    expected = {i + 2: personal_data_refusal(t) for i, t in enumerate(TEXTS) if personal_data_refusal(t)}
    assert {row: e.reason for row, e in found.items()} == expected
    assert {(e.column, e.value) for e in found.values()} == {("activiteiten", "(verborgen)")}
    assert _rows(db, "SELECT count(*) FROM buurtkamer") == [(0,)]
