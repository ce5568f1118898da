"""Agreements as records (both backends): versions are appended, never overwritten; YAML goes in and
comes back out unchanged; db upgrade loads the national agreement; ownership decides who writes."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from leefbaar.services import agreements, database
from leefbaar.services.agreements import shipped_files
from leefbaar.storage.engine import get_engine
from tests.security.helpers import make_accounts

AMSTERDAM = next(p for p in shipped_files("lokaal-") if "GM0363" in p.name)
AMSTERDAM_ID = AMSTERDAM.stem
NATIONAAL_ID = "nationaal-leefbaarheid-2022-2030"


def _document(path: Path) -> dict[str, Any]:
    result = agreements.read_agreement_file(path)
    assert result.document is not None, result.fouten
    return copy.deepcopy(result.document)


def _audit(url: str) -> list[dict[str, Any]]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT inhoud FROM auditregel ORDER BY volgnummer")).scalars().all()
    return [json.loads(r) for r in rows]


def _count(url: str, table: str, where: str = "1 = 1") -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one())


def test_db_upgrade_loads_the_packaged_national_agreement_once(empty_db: str) -> None:
    # the template is migrated by storage alone: no agreement yet
    assert agreements.current_agreements(empty_db) == []
    database.upgrade(empty_db)
    [national] = agreements.current_agreements(empty_db)
    assert national.id == NATIONAAL_ID and len(national.kwalitatieve_toezeggingen) == 6
    [versie] = agreements.agreement_versions(empty_db, NATIONAAL_ID)
    assert (versie["versie"], versie["organisatie"], versie["account_id"]) == (1, "LEEFBAAR", None)
    assert versie["reden"] == "meegeleverd met Leefbaar (leefbaar db upgrade)"
    database.upgrade(empty_db)  # present: not loaded again
    assert len(agreements.agreement_versions(empty_db, NATIONAAL_ID)) == 1
    assert _count(empty_db, "afspraak_partij", f"afspraak_id = '{NATIONAAL_ID}'") == 4
    assert _count(empty_db, "afspraak_toezegging", f"afspraak_id = '{NATIONAAL_ID}'") == 16


def test_a_change_is_a_new_version_and_old_versions_stay_readable(empty_db: str) -> None:
    first = agreements.import_agreement_file(empty_db, AMSTERDAM, account=None)
    assert (first.versie, first.nieuw) == (1, True)
    doc = _document(AMSTERDAM)
    doc["titel"] = "Prestatieafspraken Amsterdam 2024-2027 (herzien)"
    doc["partijen"] = [p for p in doc["partijen"] if p["id"] != "ZP0001"]
    for t in doc["toezeggingen"]:
        if t["verantwoordelijke"] == "ZP0001":
            t["verantwoordelijke"] = "GM0363"
    second = agreements.store_agreement(empty_db, doc, account=None, reden="zorgpartner trad terug")
    assert (second.versie, second.nieuw) == (2, True)
    # the current version is the new one, in the model and in the relational rows
    assert agreements.stored_agreement(empty_db, AMSTERDAM_ID).agreement.titel.endswith("(herzien)")
    assert _count(empty_db, "afspraak_partij", f"afspraak_id = '{AMSTERDAM_ID}'") == 5
    assert _count(empty_db, "afspraak_partij", f"afspraak_id = '{AMSTERDAM_ID}' AND versie = 1") == 0
    # the old version is still there, unchanged
    old = agreements.stored_agreement(empty_db, AMSTERDAM_ID, 1)
    assert old.agreement.titel == "Prestatieafspraken Amsterdam 2024-2027"
    assert old.document == _document(AMSTERDAM)
    assert [(v["versie"], v["reden"]) for v in agreements.agreement_versions(empty_db, AMSTERDAM_ID)] == [
        (1, f"geïmporteerd uit {AMSTERDAM.name}"),
        (2, "zorgpartner trad terug"),
    ]
    # the same document again is no new version
    again = agreements.store_agreement(empty_db, doc, account=None, reden="nog eens")
    assert (again.versie, again.nieuw) == (2, False)
    assert _count(empty_db, "afspraak_versie") == 2
    with pytest.raises(agreements.AfspraakNietGevonden):
        agreements.stored_agreement(empty_db, AMSTERDAM_ID, 3)


def test_a_stale_expected_version_is_refused(empty_db: str) -> None:
    agreements.import_agreement_file(empty_db, AMSTERDAM, account=None)
    doc = _document(AMSTERDAM)
    doc["titel"] = "Gewijzigd"
    with pytest.raises(agreements.VersieConflict, match="versie 1 is actueel, niet 0"):
        agreements.store_agreement(empty_db, doc, account=None, reden="r", verwachte_versie=0)
    assert agreements.store_agreement(empty_db, doc, account=None, reden="r", verwachte_versie=1).versie == 2


@pytest.mark.parametrize("path", agreements.shipped_files(""), ids=lambda p: p.name)
def test_yaml_round_trip(empty_db: str, path: Path) -> None:
    agreements.import_agreement_file(empty_db, path, account=None)
    exported = agreements.export_agreement(empty_db, path.stem)
    back = agreements.parse_agreement_text(exported, "export.yaml")
    assert back.document == _document(path)  # import -> export gives the same agreement
    assert back.agreement == agreements.read_agreement_file(path).agreement
    # importing the export changes nothing
    assert not agreements.import_agreement_text(empty_db, exported, "export.yaml", account=None).nieuw
    assert "deadline: 20" in exported and "'20" not in exported  # dates unquoted, as people write them


def test_invalid_documents_are_refused_with_every_error(empty_db: str) -> None:
    doc = _document(AMSTERDAM)
    doc["toezeggingen"][0]["indicator"] = "labels"
    del doc["titel"]
    with pytest.raises(agreements.AfspraakOngeldig) as raised:
        agreements.store_agreement(empty_db, doc, account=None, reden="r")
    assert {f.pad for f in raised.value.fouten} == {"titel"}  # structure first, as for files
    assert _count(empty_db, "afspraak_versie") == 0


@pytest.mark.parametrize(
    ("who", "path_prefix", "allowed"),
    [
        ("gemeente", "lokaal-", True),  # GM0363 directs the Amsterdam agreement
        ("andere_gemeente", "lokaal-", False),  # GM0599 does not
        ("corporatie", "lokaal-", False),  # a party, but not the one that directs it
        ("huurders", "lokaal-", False),
        ("beheerder", "lokaal-", True),
        ("beheerder", "nationaal-", True),  # the national agreement: the beheerder only
        ("ministerie", "nationaal-", False),
        ("gemeente", "nationaal-", False),
    ],
)
def test_ownership_of_agreement_writes(empty_db: str, who: str, path_prefix: str, allowed: bool) -> None:
    account = make_accounts(empty_db)[who]
    path = AMSTERDAM if path_prefix == "lokaal-" else shipped_files("nationaal-")[0]
    if allowed:
        assert agreements.import_agreement_file(empty_db, path, account=account).versie == 1
    else:
        with pytest.raises(agreements.AfspraakGeweigerd):
            agreements.import_agreement_file(empty_db, path, account=account)
        assert _count(empty_db, "afspraak_versie") == 0
    last = _audit(empty_db)[-1]
    assert last["resultaat"] == ("toegestaan" if allowed else "geweigerd")
    assert last["gebruiker"] == account.account_id and path.stem in last["handeling"]


def test_a_change_is_checked_against_the_current_owner(empty_db: str) -> None:
    a = make_accounts(empty_db)
    agreements.import_agreement_file(empty_db, AMSTERDAM, account=a["gemeente"])
    doc = _document(AMSTERDAM)
    # GM0599 cannot take the agreement over by naming itself: soort and gemeente do not change
    doc["gemeente"]["code"] = "GM0599"
    doc["partijen"].append({"id": "GM0599", "soort": "gemeente", "naam": "Rotterdam"})
    with pytest.raises(
        agreements.AfspraakGeweigerd, match="soort en gemeente van een afspraak veranderen niet"
    ):
        agreements.store_agreement(empty_db, doc, account=a["andere_gemeente"], reden="overname")
    doc = _document(AMSTERDAM)
    doc["titel"] = "Door de gemeente herzien"
    changed = agreements.store_agreement(empty_db, doc, account=a["gemeente"], reden="herzien")
    assert changed.versie == 2
    v2 = agreements.stored_agreement(empty_db, AMSTERDAM_ID)
    assert (v2.organisatie, v2.account_id) == ("GM0363", a["gemeente"].account_id)


def test_versions_record_the_time(empty_db: str) -> None:
    moment = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    agreements.store_agreement(empty_db, _document(AMSTERDAM), account=None, reden="r", now=moment)
    assert agreements.stored_agreement(empty_db, AMSTERDAM_ID).vastgelegd_op == datetime(2026, 3, 1, 12, 0)
