"""Nobody writes another party's single records (issue 14, items 4 and 5), through the API or a form.

The matrix below is written out by hand from docs/security.md ("Ownership"): for every record kind
and a record of each party that may own one, which roles may write it. Every write route of the API
(POST, PUT, PATCH; DELETE of a plan; closing a defect) and of the web forms (create, save; withdraw
a plan; close a defect) is tried by every role for that record, on both backends: an allowed write
succeeds and adds exactly one version; a refused one answers 403 and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.services import accounts, records
from leefbaar.services.accounts import Account
from leefbaar.storage.engine import get_engine
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts
from tests.storage_fixtures import BACKENDS, Templates, postgres_server_url

Y, N = True, False
#: The roles in the order of the matrix, with the account (tests.security.helpers) that plays each.
ROLES = (
    ("beheerder", "beheerder"),
    ("gemeente", "gemeente"),  # GM0363
    ("corporatie", "corporatie"),  # L0001
    ("huurdersorganisatie", "huurders"),
    ("zorgpartner", "zorgpartner"),
    ("veiligheidspartner", "veiligheidspartner"),
    ("bewonersorganisatie", "bewonersorganisatie"),
    ("provincie", "provincie"),
    ("ministerie", "ministerie"),
)
#: May the role write a record of this kind that belongs to this party? (own: GM0363 for the
#: gemeente, L0001 for the corporatie; GM0599 and L0003 are other parties.)
#:                                         beh gem cor huur zorg veil bew  prov min
WRITES: dict[tuple[str, str], tuple[bool, ...]] = {
    ("plannen", "L0001"): (Y, N, Y, N, N, N, N, N, N),
    ("plannen", "L0003"): (Y, N, N, N, N, N, N, N, N),  # another association's plan
    ("investeringen", "L0001"): (Y, N, Y, N, N, N, N, N, N),
    ("investeringen", "L0003"): (Y, N, N, N, N, N, N, N, N),
    ("investeringen", "GM0363"): (Y, Y, N, N, N, N, N, N, N),  # municipalities invest too
    ("investeringen", "GM0599"): (Y, N, N, N, N, N, N, N, N),
    ("buurtkamers", "L0001"): (Y, N, Y, N, N, N, N, N, N),
    ("buurtkamers", "L0003"): (Y, N, N, N, N, N, N, N, N),
    ("vhf-bijdragen", "GM0363"): (Y, Y, N, N, N, N, N, N, N),
    ("vhf-bijdragen", "GM0599"): (Y, N, N, N, N, N, N, N, N),
    ("vhf-bestedingen", "GM0363"): (Y, Y, N, N, N, N, N, N, N),  # spending of the municipality's own grant
    ("vhf-bestedingen", "GM0599"): (Y, N, N, N, N, N, N, N, N),
    ("vhf-planadressen", "GM0363"): (Y, Y, N, N, N, N, N, N, N),  # the plan of its own grant
    ("vhf-planadressen", "GM0599"): (Y, N, N, N, N, N, N, N, N),
    ("herstructureringsplannen", "GM0363"): (Y, Y, N, N, N, N, N, N, N),  # the municipality directs it
    ("herstructureringsplannen", "GM0599"): (Y, N, N, N, N, N, N, N, N),  # another municipality's plan
    ("urgentieverordeningen", "GM0363"): (Y, Y, N, N, N, N, N, N, N),
    ("urgentieverordeningen", "GM0599"): (Y, N, N, N, N, N, N, N, N),
    ("woonzorgvisies", "GM0363"): (Y, Y, N, N, N, N, N, N, N),
    ("woonzorgvisies", "GM0599"): (Y, N, N, N, N, N, N, N, N),
    ("conditiemetingen", "L0001"): (Y, N, Y, N, N, N, N, N, N),
    ("conditiemetingen", "L0003"): (Y, N, N, N, N, N, N, N, N),
    ("gebreken", "L0001"): (Y, N, Y, N, N, N, N, N, N),
    ("gebreken", "L0003"): (Y, N, N, N, N, N, N, N, N),
}
#: The write routes of each kind besides create, replace/save and patch.
EXTRA_ROUTES = {"plannen": ("withdraw",), "vhf-planadressen": ("withdraw",), "gebreken": ("close",)}
#: Spending and plan addresses name a grant of their municipality: grants made before the test.
VHF_GRANTS = 3


def _grant_id(kind: str, owner: str, g: int) -> str:
    """A grant made before a test of spending or plan addresses: each kind has its own grants, so
    the two tests of one owner never meet in the module's database."""
    return f"VHF-G-{kind.removeprefix('vhf-')[0].upper()}-{owner}-{g}"


EXTRA_ACCOUNTS = {
    "veiligheidspartner": ("vp@x.nl", "veiligheidspartner", "VP0001"),
    "bewonersorganisatie": ("bo@x.nl", "bewonersorganisatie", "BO0001"),
}


def test_the_matrix_covers_every_record_kind_and_role() -> None:
    assert {kind for kind, _owner in WRITES} == set(records.BY_NAME)
    assert (
        len({len(row) for row in WRITES.values()})
        == 1
        == len({len(ROLES)} | {len(r) for r in WRITES.values()})
    )


def _values(kind: str, owner: str, n: int) -> dict[str, str]:
    """A valid record of ``kind`` owned by ``owner``; ``n`` makes its key unique."""
    if kind == "plannen":
        return {
            "plan_id": f"P-M-{n}",
            "corporatie_id": owner,
            "complexnummer": "1001",
            "soort": "sloop",
            "status": "voornemen",
        }
    if kind == "investeringen":
        return {
            "partij_id": owner,
            "jaar": str(2031 + n),
            "thema": "lood",
            "soort": "extra",
            "bedrag_eur": "1000",
            "gemeentecode": "GM0363",
        }
    if kind == "buurtkamers":
        return {
            "buurtkamer_id": f"BK-M-{owner}-{n}",
            "naam": "Proef",
            "buurtcode": "BU0363AA01",
            "corporatie_id": owner,
            "geopend_op": "2025-09-01",
        }
    if kind == "vhf-bijdragen":
        return {
            "bijdrage_id": f"VHF-M-{owner}-{n}",
            "gemeentecode": owner,
            "ronde": "2026",
            "gebied": "Proef",
            "bedrag_eur": "1000",
            "cofinanciering_eur": "0",
            "uitvoeringsplan": "geen",
        }
    if kind == "herstructureringsplannen":
        return {
            "plan_id": f"HS-M-{owner}-{n}",
            "gemeentecode": owner,
            "naam": "Proef",
            "startjaar": "2026",
            "eindjaar": "2030",
            "status": "verkenning",
            "woningen_sloop": "0",
            "woningen_renovatie": "10",
            "woningen_nieuwbouw": "0",
        }
    if kind == "vhf-bestedingen":
        # 19 years per grant (2022-2040), so the keys stay unique over the grants made before
        return {
            "gemeentecode": owner,
            "bijdrage_id": _grant_id(kind, owner, n // 19),
            "jaar": str(2022 + n % 19),
            "besteed_eur": "1000",
        }
    if kind == "vhf-planadressen":
        return {
            "gemeentecode": owner,
            "bijdrage_id": _grant_id(kind, owner, 0),
            "verblijfsobject_id": f"{owner[2:]}01{n:010d}",
            "voorraad": "corporatie",
            "corporatie_id": "L0001",
            "complexnummer": "1021",
        }
    day = f"2020-{n // 28 + 1:02d}-{n % 28 + 1:02d}"
    if kind == "urgentieverordeningen":
        return {"gemeentecode": owner, "vastgesteld_op": day, "groepen": "dakloos"}
    if kind == "woonzorgvisies":
        return {"gemeentecode": owner, "vastgesteld_op": day}
    if kind == "conditiemetingen":
        return {
            "corporatie_id": owner,
            "complexnummer": "1001",
            "element": f"e{n}",
            "score": "3",
            "meetdatum": "2025-03-14",
        }
    assert kind == "gebreken"
    return {
        "gebrek_id": f"M-M-{n}",
        "corporatie_id": owner,
        "complexnummer": "1001",
        "soort": "lood",
        "geconstateerd_op": "2025-01-10",
    }


#: A change each kind allows (the patch and the form's save).
CHANGE = {
    "plannen": ("status", "besluit"),
    "investeringen": ("bedrag_eur", "2000"),
    "buurtkamers": ("naam", "Anders"),
    "vhf-bijdragen": ("gebied", "Anders"),
    "vhf-bestedingen": ("besteed_eur", "2000"),
    "vhf-planadressen": ("complexnummer", "1034"),
    "herstructureringsplannen": ("status", "vastgesteld"),
    "urgentieverordeningen": ("groepen", "statushouder"),
    "woonzorgvisies": ("geldig_tot", "2030-12-31"),
    "conditiemetingen": ("score", "4"),
    "gebreken": ("verblijfsobject_id", ""),
}


def _camel(column: str) -> str:
    first, *rest = column.split("_")
    return first + "".join(p.capitalize() for p in rest)


def _json(kind: str, values: dict[str, str]) -> dict[str, Any]:
    lists = {c.name for c in records.BY_NAME[kind].columns if c.type in records.LIST_TYPES}
    return {_camel(c): (v.split(";") if c in lists else v) for c, v in values.items()}


@dataclass
class Speler:
    account: Account
    api: dict[str, str]
    web: TestClient
    csrf: str


@pytest.fixture(scope="module", params=BACKENDS)
def spelers(
    request: pytest.FixtureRequest, templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, Speler]]]:
    """One tiny demo per backend for the whole matrix, with every role signed in once: the keys of
    the records each test writes hold their owner, so the tests never meet."""
    backend = request.param
    if backend == "postgres" and postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    tiny_db = templates.fresh(backend, "tiny", tmp_path_factory.mktemp("eigendom"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
        get_settings.cache_clear()
        made = make_accounts(tiny_db)
        for key, (email, rol, org) in EXTRA_ACCOUNTS.items():
            made[key] = accounts.create_account(tiny_db, email, rol, org, PASSWORD)
        emails = {**{k: v[0] for k, v in ACCOUNTS.items()}, **{k: v[0] for k, v in EXTRA_ACCOUNTS.items()}}
        app = create_app()
        out: dict[str, Speler] = {}
        clients = []
        try:
            for _rol, key in ROLES:
                token, _ = accounts.create_token(tiny_db, emails[key], "lezen schrijven")
                client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
                clients.append(client)
                csrf = _csrf(client.get("/inloggen").text)
                login = {"email": emails[key], "wachtwoord": PASSWORD, "volgende": "/", "csrf_token": csrf}
                assert client.post("/inloggen", data=login, follow_redirects=False).status_code == 303
                out[key] = Speler(
                    made[key],
                    {"Authorization": f"Bearer {token}"},
                    client,
                    _csrf(client.get("/account").text),
                )
            yield tiny_db, out
        finally:
            for client in clients:
                client.close()
            get_settings.cache_clear()
            templates.drop(backend, tiny_db)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page)
    assert found is not None
    return found.group(1)


def _versions(url: str, table: str) -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


class Teller:
    """Unique keys for the records a test makes."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _api_attempts(
    kind: str, owner: str, base: records.Record, n: int
) -> list[tuple[str, str, str, Any, int]]:
    """(route, method, path, JSON body, status when allowed) for every API write route of the kind."""
    path = f"/api/v1/{kind}/{base.id}"
    column, value = CHANGE[kind]
    full = {c: records.as_text(v) for c, v in base.values.items()}
    out = [
        ("POST", "POST", f"/api/v1/{kind}", _json(kind, _values(kind, owner, n)), 201),
        ("PUT", "PUT", path, _json(kind, {**full, column: value}), 200),
        ("PATCH", "PATCH", path, _json(kind, {column: value}), 200),
    ]
    if "withdraw" in EXTRA_ROUTES.get(kind, ()):
        out.append(("DELETE", "DELETE", path, None, 204))
    if "close" in EXTRA_ROUTES.get(kind, ()):
        out.append(("_sluiten", "POST", f"{path}/_sluiten", {}, 200))
    return out


def _web_attempts(
    kind: str, owner: str, base: records.Record, n: int
) -> list[tuple[str, str, dict[str, str]]]:
    """(route, path, form fields) for every form route of the kind (the CSRF token is added later)."""
    rk = records.BY_NAME[kind]
    path = f"/bijhouden/{owner}/{kind}/{base.id}"
    fresh = {c: v for c, v in _values(kind, owner, n).items() if c != rk.owner_column}
    column, value = CHANGE[kind]
    full = {c: records.as_text(v) for c, v in base.values.items() if c != rk.owner_column}
    out = [
        ("nieuw", f"/bijhouden/{owner}/{kind}/nieuw", fresh),
        ("opslaan", path, {**full, column: value, "versie": base.etag}),
    ]
    if "withdraw" in EXTRA_ROUTES.get(kind, ()):
        out.append(("intrekken", f"{path}/intrekken", {"versie": base.etag}))
    if "close" in EXTRA_ROUTES.get(kind, ()):
        out.append(("sluiten", f"{path}/sluiten", {"versie": base.etag}))
    return out


@pytest.mark.parametrize(("kind", "owner"), sorted(WRITES), ids=[f"{k}-{o}" for k, o in sorted(WRITES)])
def test_every_write_route_for_every_role(spelers, kind: str, owner: str) -> None:  # type: ignore[no-untyped-def]
    url, who = spelers
    rk = records.BY_NAME[kind]
    beheerder = who["beheerder"].account
    unique = Teller()

    def base() -> records.Record:
        """A record of ``owner`` to change (a fresh one for every allowed write)."""
        return records.create_record(url, beheerder, rk, _values(kind, owner, unique()), channel="test")

    if kind in ("vhf-bestedingen", "vhf-planadressen"):
        grants = records.BY_NAME["vhf-bijdragen"]
        for g in range(VHF_GRANTS):
            grant = {**_values("vhf-bijdragen", owner, 0), "bijdrage_id": _grant_id(kind, owner, g)}
            records.create_record(url, beheerder, grants, grant, channel="test")
    shared = base()
    failures = []
    for (rol, key), allowed in zip(ROLES, WRITES[(kind, owner)], strict=True):
        speler = who[key]
        # An allowed role changes a record of its own, withdrawing or closing it last.
        target = base() if allowed else shared
        for route, method, path, body, ok in _api_attempts(kind, owner, target, unique()):
            before = _versions(url, rk.table)
            answer = speler.web.request(method, path, json=body, headers={**speler.api, "If-Match": "*"})
            expected = ok if allowed else 403
            grew = _versions(url, rk.table) - before
            if answer.status_code != expected or grew != (1 if allowed else 0):
                failures.append(
                    f"API {route} {rol}: {answer.status_code} (+{grew}), verwacht {expected}: {answer.text[:200]}"
                )
        target = base() if allowed else shared
        for route, path, form in _web_attempts(kind, owner, target, unique()):
            current = records.get_record(url, beheerder, rk, target.id)  # the form shows the current version
            before = _versions(url, rk.table)
            form = {**form, "versie": current.etag} if "versie" in form else form
            answer = speler.web.post(path, data={**form, "csrf_token": speler.csrf}, follow_redirects=False)
            expected = 303 if allowed else 403
            grew = _versions(url, rk.table) - before
            if answer.status_code != expected or grew != (1 if allowed else 0):
                failures.append(
                    f"web {route} {rol}: {answer.status_code} (+{grew}), verwacht {expected}: {answer.text[:200]}"
                )
    assert failures == [], "\n".join(failures)
