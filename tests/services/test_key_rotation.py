"""Rotating the pseudonym key (both backends): every stored pseudonym keeps its key version, a
lookup by household finds what was stored under every configured version, the database knows a
key only by its fingerprint, and a key configured under the wrong version is refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from leefbaar.config import get_settings
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import processing_log, pseudonym_keys, sharing
from leefbaar.services.imports import import_file, import_source_file
from leefbaar.storage.engine import get_engine
from tests.security.helpers import DOEL, make_accounts, standard_agreements

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"
NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
KEY_1 = "1f" * 32  # the suite's pseudonym key (tests/conftest.py), version 1
HOUSEHOLD = "HH-000123"
OPTIONS = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025, bron="test", gebruiker="test")


@pytest.fixture
def world(empty_db: str) -> Iterator[tuple[str, dict]]:
    for kind in ("gebieden", "partijen"):
        assert import_file(empty_db, kind, EXAMPLES / f"{kind}.csv", OPTIONS).status is ImportStatus.IMPORTED
    accs = make_accounts(empty_db)
    standard_agreements(empty_db, accs["beheerder"])
    yield empty_db, accs
    get_settings.cache_clear()


def _configure(monkeypatch: pytest.MonkeyPatch, key: str, version: int, previous: str = "") -> None:
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY", key)
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEY_VERSION", str(version))
    monkeypatch.setenv("LEEFBAAR_PSEUDONYM_KEYS_PREVIOUS", previous)
    get_settings.cache_clear()


def _rows(url: str, sql: str) -> list[tuple]:
    with get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _share(url: str, a: dict, text_: str = "huur niet betaald") -> sharing.Signaal:
    return sharing.share_signal(
        url, a["corporatie"], HOUSEHOLD, "GM0363", "betalingsachterstand", DOEL, text_, now=NOW
    )


def test_rotation_records_version_and_fingerprint_never_the_key(world: tuple[str, dict]) -> None:
    url, _ = world
    rotatie = pseudonym_keys.rotate(url, door="opdrachtregel (test)", now=NOW)
    assert (rotatie.versie, rotatie.vorige_versie) == (2, 1)
    recorded = _rows(
        url, "SELECT versie, vingerafdruk, vastgelegd_door FROM pseudoniemsleutel ORDER BY versie"
    )
    ring = processing_log.keyring()
    assert recorded == [
        (1, ring.huidige.vingerafdruk, "opdrachtregel (test)"),  # the key in use, bound to its number
        (2, rotatie.vingerafdruk, "opdrachtregel (test)"),
    ]
    audit = [json.loads(r[0]) for r in _rows(url, "SELECT inhoud FROM auditregel")]
    (event,) = [e for e in audit if e["handeling"] == "pseudonimiseringssleutel.roteren"]
    assert event["gebruiker"] == "opdrachtregel (test)" and rotatie.vingerafdruk in event["reden"]
    # The new key is handed to the operator once; no table holds it (nor the one in use).
    for table in ("pseudoniemsleutel", "auditregel", "verwerking"):
        dump = " ".join(str(v) for row in _rows(url, f"SELECT * FROM {table}") for v in row).lower()
        assert rotatie.sleutel_hex not in dump and KEY_1 not in dump
    assert rotatie.sleutel_hex not in repr(rotatie)
    # The next rotation continues the numbering.
    assert pseudonym_keys.rotate(url, door="test", now=NOW).versie == 3


def test_after_rotation_a_household_is_found_under_both_versions(
    world: tuple[str, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, a = world
    first = _share(url, a)
    assert first.sleutelversie == 1
    rotatie = pseudonym_keys.rotate(url, door="test", now=NOW)
    _configure(monkeypatch, rotatie.sleutel_hex, 2, f"1:{KEY_1}")
    second = _share(url, a)
    assert second.sleutelversie == 2 and second.pseudoniem != first.pseudoniem
    assert _rows(url, "SELECT sleutelversie FROM signaal ORDER BY sleutelversie") == [(1,), (2,)]
    assert _rows(url, "SELECT sleutelversie FROM verwerkt_object ORDER BY volgnummer") == [(1,), (2,)]
    seen = processing_log.who_saw(url, a["beheerder"], HOUSEHOLD, "inzageverzoek AVG art. 15", now=NOW)
    assert [(s.handeling, s.organisatie) for s in seen] == [
        ("verstrekken", "L0001"),
        ("verstrekken", "L0001"),
    ]
    # The lookup is logged under the current version.
    assert _rows(url, "SELECT sleutelversie FROM verwerkt_object ORDER BY volgnummer DESC LIMIT 1") == [(2,)]
    # Without the previous key, what was stored under version 1 cannot be found any more.
    _configure(monkeypatch, rotatie.sleutel_hex, 2)
    again = processing_log.who_saw(url, a["beheerder"], HOUSEHOLD, "inzage", now=NOW)
    assert [s.actie for s in again] == ["signaal delen", "verwerkingenlog inzien"]


def test_a_receiver_reads_each_signal_with_its_key_version(
    world: tuple[str, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, a = world
    _share(url, a)
    rotatie = pseudonym_keys.rotate(url, door="test", now=NOW)
    _configure(monkeypatch, rotatie.sleutel_hex, 2, f"1:{KEY_1}")
    _share(url, a)
    read = sharing.signals_for(url, a["gemeente"], DOEL, now=NOW)
    assert sorted(s.sleutelversie for s in read) == [1, 2]
    # Each read is logged with the version of the pseudonym the signal carries.
    versions = _rows(url, "SELECT sleutelversie FROM verwerkt_object ORDER BY volgnummer")
    assert versions[-2:] in ([(1,), (2,)], [(2,), (1,)])


def test_a_key_under_the_wrong_version_is_refused(
    world: tuple[str, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, a = world
    pseudonym_keys.rotate(url, door="test", now=NOW)
    _configure(monkeypatch, "3c" * 32, 2, f"1:{KEY_1}")  # not the key handed out as version 2
    with pytest.raises(
        processing_log.SleutelFout, match="sleutelversie 2 in de configuratie is niet de sleutel"
    ):
        _share(url, a)
    assert _rows(url, "SELECT count(*) FROM signaal") == [(0,)]
    standen = {s.versie: s for s in pseudonym_keys.status(url)}
    assert standen[1].klopt and not standen[2].klopt
    assert "KLOPT NIET" in standen[2].tekst()
    with pytest.raises(processing_log.SleutelFout):
        pseudonym_keys.rotate(url, door="test", now=NOW)  # no rotation on top of a wrong configuration


def test_allocation_import_is_found_by_household_after_rotation(
    world: tuple[str, dict], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url, a = world
    rotatie = pseudonym_keys.rotate(url, door="test", now=NOW)
    path = tmp_path / "toewijzingen.csv"
    path.write_text(
        "toewijzing_id;datum;gemeentecode;buurtcode;aandachtsgroep;huishouden_id;corporatie_id\n"
        f"T-1;2025-04-02;GM0363;BU0363AA01;statushouder;{HOUSEHOLD};L0001\n"
    )
    result = import_source_file(url, "toewijzingen", path, OPTIONS, account=a["corporatie"])
    assert result.status is ImportStatus.IMPORTED, result.errors  # still under version 1
    _configure(monkeypatch, rotatie.sleutel_hex, 2, f"1:{KEY_1}")
    _share(url, a)  # under version 2
    seen = processing_log.who_saw(url, a["beheerder"], HOUSEHOLD, "inzageverzoek AVG art. 15", now=NOW)
    assert [(s.handeling, s.actie.split(":")[0]) for s in seen] == [
        ("aanmaken", f"import {result.import_id}"),
        ("verstrekken", "signaal delen"),
    ]
    logged = _rows(url, "SELECT sleutelversie FROM verwerkt_object ORDER BY volgnummer")
    assert logged[:2] == [(1,), (2,)]


def test_a_signal_description_with_personal_data_is_refused(world: tuple[str, dict]) -> None:
    url, a = world
    with pytest.raises(ValueError, match="de omschrijving bevat een BSN: persoonsgegevens horen niet"):
        _share(url, a, "BSN 123456782, achterstand 2 maanden")
    with pytest.raises(ValueError, match="bevat een e-mailadres en een telefoonnummer"):
        _share(url, a, "contact: j@example.nl, 0612345678")
    assert _rows(url, "SELECT count(*) FROM signaal") == [(0,)]


def test_the_signal_form_names_the_personal_data_in_its_field(world: tuple[str, dict]) -> None:
    url, a = world
    invoer = sharing.SignaalInvoer(
        overeenkomst_id="GDO-L0001-GM0363",
        categorie="betalingsachterstand",
        huishouden=HOUSEHOLD,
        omschrijving="Woont op 1234 AB 12, bel 020-1234567",
    )
    with pytest.raises(sharing.Invoerfouten) as caught:
        sharing.share_signal_from_input(url, a["corporatie"], invoer, now=NOW)
    (fout,) = caught.value.fouten
    assert fout.veld == "omschrijving"
    assert fout.tekst.startswith("De omschrijving bevat een telefoonnummer en een postcode met huisnummer:")


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


def test_a_rotation_keeps_the_random_rounding_draws(settings_env: pytest.MonkeyPatch) -> None:
    # A second draw for the same cell would narrow its hidden count: the rounding key stays.
    from leefbaar.services.homes.common import rounding

    before = rounding()
    _configure(settings_env, "2b" * 32, 2, f"1:{KEY_1}")
    assert rounding() == before
    _configure(settings_env, "2b" * 32, 2)  # without the oldest key the draws would change
    assert rounding() != before
