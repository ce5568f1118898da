"""Who may write agreements, their commitments and statuses (issue 14, items 4 and 5), through the API
and the forms, on both backends.

Written out by hand from docs/security.md ("Ownership") and ``privacy.ownership``: a municipality
draws up and changes the local agreements it directs (not another municipality's), the beheerder
any agreement (the national one only it); no other role writes an agreement or its commitments.
The status of a qualitative commitment is reported only by its responsible party (the beheerder is
no party); a reported status is confirmed or contested only by a co-signer. Every role tries every
write route: an allowed write adds exactly one version (or report), a refused one answers 403,
changes nothing and is audited; without an account: 401 (API) or the login page (forms).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.app import create_app
from leefbaar.config import get_settings
from leefbaar.domain.agreements import Status
from leefbaar.services import accounts, agreements
from leefbaar.services.accounts import Account
from leefbaar.storage.engine import get_engine
from tests.security.helpers import ACCOUNTS, PASSWORD, make_accounts

Y, N = True, False
AMSTERDAM = (
    "lokaal-GM0363-amsterdam-2024-2027"  # directed by GM0363; parties L0001 L0002 HO0001 HO0002 ZP0001
)
NATIONAAL = "nationaal-leefbaarheid-2022-2030"
PLAN = "ams-plan-vocht-en-schimmel"  # qualitative, responsible L0001
EXTRA = {
    "veiligheidspartner": ("vp@x.nl", "veiligheidspartner", "VP0001"),
    "bewonersorganisatie": ("bo@x.nl", "bewonersorganisatie", "BO0001"),
}
#: The players, in the order of the rows below (organisation in brackets).
ROLES = (
    "beheerder",  # LEEFBAAR
    "gemeente",  # GM0363: directs Amsterdam's agreement
    "andere_gemeente",  # GM0599
    "corporatie",  # L0001: party, responsible for PLAN
    "andere_corporatie",  # L0003: no party
    "huurders",  # HO0001: party
    "zorgpartner",  # ZP0001: party
    "veiligheidspartner",  # VP0001: no party
    "bewonersorganisatie",  # BO0001: no party
    "provincie",  # PV27
    "ministerie",  # MINBZK
)
#:                           beh gem gm2 cor cor2 huur zorg veil bew prov min
AMSTERDAM_CHANGE = (Y, Y, N, N, N, N, N, N, N, N, N)  # change Amsterdam, add or change a commitment
NATIONAL_CHANGE = (Y, N, N, N, N, N, N, N, N, N, N)
CREATE_FOR_GM0363 = (Y, Y, N, N, N, N, N, N, N, N, N)  # API: a local agreement of GM0363
REPORT_PLAN = (N, N, N, Y, N, N, N, N, N, N, N)  # only L0001; the beheerder is no party
REACT_TO_PLAN = (N, Y, N, N, N, Y, Y, N, N, N, N)  # co-signers: GM0363, HO0001, ZP0001 (L0002, HO0002 too)


def test_the_rows_cover_every_role() -> None:
    rows = (AMSTERDAM_CHANGE, NATIONAL_CHANGE, CREATE_FOR_GM0363, REPORT_PLAN, REACT_TO_PLAN)
    assert {len(r) for r in rows} == {len(ROLES)}


@dataclass
class Speler:
    account: Account
    api: dict[str, str]
    web: TestClient
    csrf: str


@pytest.fixture
def spelers(
    tiny_db: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, dict[str, Speler], TestClient]]:
    monkeypatch.setenv("LEEFBAAR_DATABASE_URL", tiny_db)
    get_settings.cache_clear()
    made = make_accounts(tiny_db)
    for key, (email, rol, org) in EXTRA.items():
        made[key] = accounts.create_account(tiny_db, email, rol, org, PASSWORD)
    emails = {**{k: v[0] for k, v in ACCOUNTS.items()}, **{k: v[0] for k, v in EXTRA.items()}}
    app = create_app()
    clients = [TestClient(app, base_url="https://testserver", raise_server_exceptions=False)]
    out: dict[str, Speler] = {}
    try:
        for key in ROLES:
            token, _ = accounts.create_token(tiny_db, emails[key], "lezen schrijven")
            client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
            clients.append(client)
            login = {
                "email": emails[key],
                "wachtwoord": PASSWORD,
                "volgende": "/",
                "csrf_token": _csrf(client.get("/inloggen").text),
            }
            assert client.post("/inloggen", data=login, follow_redirects=False).status_code == 303
            out[key] = Speler(
                made[key], {"Authorization": f"Bearer {token}"}, client, _csrf(client.get("/account").text)
            )
        yield tiny_db, out, clients[0]
    finally:
        for client in clients:
            client.close()
        get_settings.cache_clear()


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page)
    assert found is not None
    return found.group(1)


def _versions(url: str, afspraak_id: str) -> int:
    try:
        return len(agreements.agreement_versions(url, afspraak_id))
    except agreements.AfspraakNietGevonden:
        return 0


def _refusals(url: str) -> int:
    with get_engine(url).connect() as conn:
        found = conn.execute(text("SELECT inhoud FROM auditregel")).scalars().all()
    return sum(1 for c in found if '"geweigerd"' in c)


def _etag(url: str, afspraak_id: str) -> str:
    return f'"{agreements.stored_agreement(url, afspraak_id).versie}"'


def _check(
    url: str, who: str, allowed: bool, status: int, ok: int, afspraak_id: str, before: int, refused: int
) -> None:
    """An allowed write adds one version; a refused one answers 403, adds none and is audited."""
    if allowed:
        assert (who, status) == (who, ok)
        assert (who, _versions(url, afspraak_id)) == (who, before + 1)
    else:
        assert (who, status) == (who, 403)
        assert (who, _versions(url, afspraak_id)) == (who, before)
        assert (who, _refusals(url)) == (who, refused + 1)


def _document(url: str, afspraak_id: str) -> dict[str, Any]:
    return copy.deepcopy(agreements.stored_agreement(url, afspraak_id).document)


def test_drawing_up_a_local_agreement(spelers: tuple[str, dict[str, Speler], TestClient]) -> None:
    url, spelers_, anoniem = spelers
    base = _document(url, AMSTERDAM)
    for n, (who, allowed) in enumerate(zip(ROLES, CREATE_FOR_GM0363, strict=True)):
        speler = spelers_[who]
        body = {**copy.deepcopy(base), "id": f"lokaal-GM0363-proef-{n}", "reden": "proef"}
        refused = _refusals(url)
        answer = speler.web.post("/api/v1/afspraken", json=body, headers=speler.api)
        _check(url, who, allowed, answer.status_code, 201, body["id"], 0, refused)
        # a national agreement: only the beheerder (here: an id that exists, so 409 for it)
        national = {**_document(url, NATIONAAL), "reden": "proef"}
        answer = speler.web.post("/api/v1/afspraken", json=national, headers=speler.api)
        assert (who, answer.status_code) == (who, 409 if who == "beheerder" else 403)
    # the form: a municipality always draws up its own agreement, whatever the form says; the
    # beheerder the one it chose
    form = {
        "titel": "Proef",
        "start": "2025-01-01",
        "eind": "2028-12-31",
        "gemeente": "GM0363",
        "t_soort": "kwalitatief",
        "t_requirement": "R4",
        "t_titel": "Proef",
        "t_resultaat": "Proef",
        "t_deadline": "2028-12-31",
    }
    for who in ROLES:
        allowed = who in ("beheerder", "gemeente", "andere_gemeente")
        code = "GM0599" if who == "andere_gemeente" else "GM0363"
        speler = spelers_[who]
        data = {**form, "titel": f"Proef {who}", "csrf_token": speler.csrf, "t_verantwoordelijke": code}
        refused = _refusals(url)
        answer = speler.web.post("/afspraken/nieuw", data=data, follow_redirects=False)
        if allowed:
            new_id = f"lokaal-{code}-proef-{who.replace('_', '-')}-2025-2028"
            assert (who, answer.status_code, answer.headers["location"]) == (
                who,
                303,
                f"/afspraken/{new_id}?melding=aangemaakt",
            )
            stored = agreements.stored_agreement(url, new_id)
            assert stored.agreement.gemeente is not None and stored.agreement.gemeente.code == code
        else:
            assert (who, answer.status_code, _refusals(url)) == (who, 403, refused + 1)
            assert (who, speler.web.get("/afspraken/nieuw").status_code) == (who, 403)
    assert (anoniem.post("/api/v1/afspraken", json=base).status_code) == 401
    answer = anoniem.post("/afspraken/nieuw", data=form, follow_redirects=False)
    assert answer.status_code in (303, 403, 413)  # the login page (or refused: no session, no CSRF token)


def test_changing_an_agreement_and_its_commitments(
    spelers: tuple[str, dict[str, Speler], TestClient],
) -> None:
    url, spelers_, anoniem = spelers
    for who, allowed, national_allowed in zip(ROLES, AMSTERDAM_CHANGE, NATIONAL_CHANGE, strict=True):
        speler = spelers_[who]
        # PUT /api/v1/afspraken/{id}
        for afspraak_id, ok in ((AMSTERDAM, allowed), (NATIONAAL, national_allowed)):
            before, refused = _versions(url, afspraak_id), _refusals(url)
            body = {**_document(url, afspraak_id), "reden": f"door {who}"}
            body["toelichting"] = f"gewijzigd door {who}"
            headers = {**speler.api, "If-Match": _etag(url, afspraak_id)}
            answer = speler.web.put(f"/api/v1/afspraken/{afspraak_id}", json=body, headers=headers)
            _check(url, who, ok, answer.status_code, 200, afspraak_id, before, refused)
        # POST /api/v1/afspraken/{id}/toezeggingen and PUT .../toezeggingen/{tid}
        item = {
            "id": f"proef-{who}",
            "soort": "kwalitatief",
            "requirement": "R4",
            "titel": "Proef",
            "resultaat": "Proef",
            "deadline": "2027-12-31",
            "verantwoordelijke": "GM0363",
        }
        before, refused = _versions(url, AMSTERDAM), _refusals(url)
        headers = {**speler.api, "If-Match": _etag(url, AMSTERDAM)}
        answer = speler.web.post(f"/api/v1/afspraken/{AMSTERDAM}/toezeggingen", json=item, headers=headers)
        _check(url, who, allowed, answer.status_code, 201, AMSTERDAM, before, refused)
        before, refused = _versions(url, AMSTERDAM), _refusals(url)
        plan = next(t for t in _document(url, AMSTERDAM)["toezeggingen"] if t["id"] == PLAN)
        headers = {**speler.api, "If-Match": _etag(url, AMSTERDAM)}
        changed = {**plan, "titel": f"{plan['titel']} ({who})", "reden": f"door {who}"}
        answer = speler.web.put(
            f"/api/v1/afspraken/{AMSTERDAM}/toezeggingen/{PLAN}", json=changed, headers=headers
        )
        _check(url, who, allowed, answer.status_code, 200, AMSTERDAM, before, refused)
        # the forms: change, add a commitment, change a commitment
        versie = str(agreements.stored_agreement(url, AMSTERDAM).versie)
        attempts = [
            (
                f"/afspraken/{AMSTERDAM}/wijzigen",
                {
                    "titel": f"Prestatieafspraken Amsterdam ({who})",
                    "start": "2024-01-01",
                    "eind": "2027-12-31",
                    "partijen": ["L0001", "L0002", "HO0001", "HO0002", "ZP0001"],
                    "reden": f"door {who}",
                },
            ),
            (
                f"/afspraken/{AMSTERDAM}/nieuwe-toezegging",
                {
                    "t_soort": "kwalitatief",
                    "t_requirement": "R4",
                    "t_titel": f"Formulier {who}",
                    "t_resultaat": "Proef",
                    "t_deadline": "2027-12-31",
                    "t_verantwoordelijke": "GM0363",
                },
            ),
            (
                f"/afspraken/{AMSTERDAM}/toezeggingen/{PLAN}/wijzigen",
                {
                    "t_soort": "kwalitatief",
                    "t_requirement": "R2",
                    "t_titel": f"Plan ({who}, formulier)",
                    "t_resultaat": "Een plan per complex.",
                    "t_deadline": "2025-06-30",
                    "t_verantwoordelijke": "L0001",
                    "reden": f"door {who}",
                },
            ),
        ]
        for path, fields in attempts:
            before, refused = _versions(url, AMSTERDAM), _refusals(url)
            versie = str(agreements.stored_agreement(url, AMSTERDAM).versie)
            data = {**fields, "versie": versie, "csrf_token": speler.csrf}
            answer = speler.web.post(path, data=data, follow_redirects=False)
            if allowed:
                assert (who, path, answer.status_code) == (who, path, 303)
                assert _versions(url, AMSTERDAM) == before + 1
            else:
                assert (who, path, answer.status_code) == (who, path, 403)
                assert _versions(url, AMSTERDAM) == before
                assert _refusals(url) == refused + 1  # audited
                assert speler.web.get(path).status_code == 403  # nor is the form shown
    # without an account
    body = {**_document(url, AMSTERDAM), "reden": "anoniem"}
    assert (
        anoniem.put(f"/api/v1/afspraken/{AMSTERDAM}", json=body, headers={"If-Match": "*"}).status_code == 401
    )
    assert anoniem.post(f"/api/v1/afspraken/{AMSTERDAM}/toezeggingen", json={}).status_code == 401
    assert anoniem.put(f"/api/v1/afspraken/{AMSTERDAM}/toezeggingen/{PLAN}", json={}).status_code == 401
    assert anoniem.get(f"/afspraken/{AMSTERDAM}/wijzigen", follow_redirects=False).status_code == 303


def test_reporting_and_reacting(spelers: tuple[str, dict[str, Speler], TestClient]) -> None:
    url, spelers_, anoniem = spelers
    path = f"/api/v1/afspraken/{AMSTERDAM}/toezeggingen/{PLAN}"

    def count() -> int:
        return len(agreements.commitment_history(url, AMSTERDAM, PLAN))

    for who, allowed in zip(ROLES, REPORT_PLAN, strict=True):
        before, refused = count(), _refusals(url)
        body = {"status": "op koers", "toelichting": f"gemeld door {who}"}
        answer = spelers_[who].web.post(f"{path}/meldingen", json=body, headers=spelers_[who].api)
        assert (who, answer.status_code) == (who, 201 if allowed else 403)
        assert (who, count()) == (who, before + (1 if allowed else 0))
        if not allowed:
            assert _refusals(url) == refused + 1
    melding = agreements.report_status(
        url, spelers_["corporatie"].account, AMSTERDAM, PLAN, Status.GEHAALD, toelichting="klaar"
    )
    for who, allowed in zip(ROLES, REACT_TO_PLAN, strict=True):
        before, refused = count(), _refusals(url)
        body = {"opMelding": melding, "reactie": "betwist", "toelichting": f"betwist door {who}"}
        answer = spelers_[who].web.post(f"{path}/reacties", json=body, headers=spelers_[who].api)
        assert (who, answer.status_code) == (who, 201 if allowed else 403)
        assert (who, count()) == (who, before + (1 if allowed else 0))
        if not allowed:
            assert _refusals(url) == refused + 1
    assert anoniem.post(f"{path}/meldingen", json={"status": "gehaald"}).status_code == 401
    assert (
        anoniem.post(f"{path}/reacties", json={"opMelding": melding, "reactie": "bevestigd"}).status_code
        == 401
    )
