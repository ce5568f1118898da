"""Web login: CSRF on every form, session cookie flags, no session fixation, lockout, logout,
login-required and policy-protected pages, no open redirect."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import text

from leefbaar.services import accounts
from leefbaar.storage.engine import get_engine
from tests.security.conftest import Omgeving
from tests.security.helpers import ACCOUNTS, PASSWORD

SESSION = "leefbaar_sessie"


def _token(client: TestClient, path: str = "/inloggen") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', page.text)
    assert found is not None
    return found.group(1)


def _login(client: TestClient, who: str, password: str = PASSWORD, volgende: str = "/account"):
    return client.post(
        "/inloggen",
        data={
            "email": ACCOUNTS[who][0],
            "wachtwoord": password,
            "volgende": volgende,
            "csrf_token": _token(client),
        },
        follow_redirects=False,
    )


def test_login_sets_a_secure_httponly_lax_session_cookie(omgeving: Omgeving) -> None:
    answer = _login(omgeving.client, "gemeente")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/account"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith(f"{SESSION}="))
    flags = {p.strip().lower() for p in cookie.split(";")[1:]}
    assert {"httponly", "samesite=lax", "secure", "path=/"} <= flags
    page = omgeving.client.get("/account")
    assert page.status_code == 200 and ACCOUNTS["gemeente"][0] in page.text


def test_post_without_csrf_token_is_refused(omgeving: Omgeving) -> None:
    omgeving.client.get("/inloggen")  # has the CSRF cookie, but sends no token
    answer = omgeving.client.post(
        "/inloggen", data={"email": ACCOUNTS["gemeente"][0], "wachtwoord": PASSWORD}, follow_redirects=False
    )
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    assert SESSION not in answer.headers.get("set-cookie", "")


def test_post_with_invalid_or_foreign_csrf_token_is_refused(omgeving: Omgeving) -> None:
    client = omgeving.client
    for token in ("0" * 64, "nep", _token(client)[:-1] + "x", "é" * 64):
        answer = client.post(
            "/inloggen",
            data={"email": ACCOUNTS["gemeente"][0], "wachtwoord": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert answer.status_code == 403, token
    # A token that belongs to another browser (another CSRF cookie) does not fit this one.
    other = TestClient(client.app, base_url="https://testserver")
    foreign = _token(other)
    answer = client.post(
        "/inloggen",
        data={"email": ACCOUNTS["gemeente"][0], "wachtwoord": PASSWORD, "csrf_token": foreign},
        follow_redirects=False,
    )
    assert answer.status_code == 403


def test_csrf_token_in_header_works_for_htmx(omgeving: Omgeving) -> None:
    client = omgeving.client
    _login(client, "gemeente")
    token = _token(client, "/account")
    answer = client.post("/uitloggen", headers={"X-CSRF-Token": token}, follow_redirects=False)
    assert answer.status_code == 303


def test_session_id_changes_at_login_no_fixation(omgeving: Omgeving) -> None:
    client = omgeving.client
    client.cookies.set(SESSION, "door-de-aanvaller-gekozen", domain="testserver.local")
    first = _login(client, "gemeente")
    new_id = client.cookies.get(SESSION)
    assert new_id and new_id != "door-de-aanvaller-gekozen"
    assert first.status_code == 303
    # Logging in again (same browser) gives yet another id and ends the previous session.
    _login(client, "gemeente")
    newer = client.cookies.get(SESSION)
    assert newer != new_id
    assert accounts.session_account(omgeving.url, new_id) is None
    assert accounts.session_account(omgeving.url, newer) is not None


def test_csrf_token_from_before_login_is_invalid_after(omgeving: Omgeving) -> None:
    client = omgeving.client
    old_token = _token(client)
    _login(client, "gemeente")
    answer = client.post("/uitloggen", data={"csrf_token": old_token}, follow_redirects=False)
    assert answer.status_code == 403


def test_wrong_password_and_lockout_after_five_failures(omgeving: Omgeving) -> None:
    client = omgeving.client
    statuses = [_login(client, "corporatie", "fout-wachtwoord-1").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    locked = _login(client, "corporatie")  # the right password, during the lockout
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.text
    assert client.cookies.get(SESSION) is None


def test_logout_ends_the_session_server_side(omgeving: Omgeving) -> None:
    client = omgeving.client
    _login(client, "gemeente")
    session_id = client.cookies.get(SESSION)
    answer = client.post(
        "/uitloggen", data={"csrf_token": _token(client, "/account")}, follow_redirects=False
    )
    assert answer.status_code == 303
    assert accounts.session_account(omgeving.url, session_id) is None
    # Replaying the old cookie does not bring the session back.
    replay = TestClient(client.app, base_url="https://testserver", cookies={SESSION: session_id})
    assert replay.get("/account", follow_redirects=False).status_code == 303


def test_login_required_redirects_and_returns(omgeving: Omgeving) -> None:
    answer = omgeving.client.get("/account", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/inloggen?volgende=/account"


def test_no_open_redirect_after_login(omgeving: Omgeving) -> None:
    for target in ("https://kwaadwillend.example", "//kwaadwillend.example", "/\\kwaadwillend.example"):
        answer = _login(omgeving.client, "gemeente", volgende=target)
        assert answer.headers["location"] == "/mijn", target  # home, never the other site


def test_processing_log_page_only_for_beheerder(omgeving: Omgeving) -> None:
    client = omgeving.client
    assert client.get("/verwerkingenlog", follow_redirects=False).status_code == 303  # visitor: log in
    _login(client, "gemeente")
    refused = client.get("/verwerkingenlog")
    assert refused.status_code == 403
    assert "alleen de beheerder" in refused.text
    _login(client, "beheerder")
    assert client.get("/verwerkingenlog").status_code == 200


def test_processing_log_lookup_shows_who_and_logs_itself(omgeving: Omgeving) -> None:
    from leefbaar.services import sharing
    from tests.security.helpers import DOEL

    a = omgeving.accounts
    sharing.share_signal(omgeving.url, a["corporatie"], "HH-77", "GM0363", "betalingsachterstand", DOEL, "x")
    sharing.signals_for(omgeving.url, a["gemeente"], DOEL)
    client = omgeving.client
    _login(client, "beheerder")
    token = _token(client, "/verwerkingenlog")
    page = client.post(
        "/verwerkingenlog",
        data={"huishouden": "HH-77", "doel": "inzageverzoek AVG art. 15", "csrf_token": token},
    )
    assert page.status_code == 200
    assert "2 verwerking(en)" in page.text
    assert ACCOUNTS["corporatie"][0] in page.text and ACCOUNTS["gemeente"][0] in page.text
    assert "HH-77" not in page.text.split("resultaat-titel")[1]  # the table shows no raw id
    missing_purpose = client.post(
        "/verwerkingenlog", data={"huishouden": "HH-77", "doel": "", "csrf_token": token}
    )
    assert missing_purpose.status_code == 400


def test_signals_page_reads_with_purpose_and_logs(omgeving: Omgeving) -> None:
    from leefbaar.services import sharing
    from tests.security.helpers import DOEL

    sharing.share_signal(
        omgeving.url,
        omgeving.accounts["corporatie"],
        "HH-5",
        "GM0363",
        "betalingsachterstand",
        DOEL,
        "Huur 2 mnd",
    )
    client = omgeving.client
    assert client.get("/signalen", follow_redirects=False).status_code == 303
    _login(client, "gemeente")
    form = client.get("/signalen")
    assert form.status_code == 200 and f'<option value="{DOEL}"' in form.text
    page = client.get("/signalen", params={"doel": DOEL})
    assert page.status_code == 200
    assert "Huur 2 mnd" in page.text and "HH-5" not in page.text
    with get_engine(omgeving.url).connect() as conn:
        reads = conn.execute(
            text("SELECT count(*) FROM verwerking WHERE inhoud LIKE '%signaal lezen%'")
        ).scalar_one()
    assert reads == 1
    _login(client, "ministerie")
    refused = client.get("/signalen", params={"doel": DOEL})
    assert refused.status_code == 403 and "ontvangt geen signalen" in refused.text


def test_bad_login_input_is_a_clear_error_not_a_crash(omgeving: Omgeving) -> None:
    client = omgeving.client
    for email, password in (("", ""), ("a\x00b@x.nl", "x" * 20), ("x" * 300, "y"), ("gm@x.nl", "z" * 2000)):
        answer = client.post(
            "/inloggen",
            data={"email": email, "wachtwoord": password, "csrf_token": _token(client)},
            follow_redirects=False,
        )
        assert answer.status_code == 400, (email[:10], answer.status_code)
        assert answer.status_code != 500


def test_bad_input_on_the_signal_and_log_pages(omgeving: Omgeving) -> None:
    client = omgeving.client
    _login(client, "gemeente")
    answer = client.get("/signalen", params={"doel": "bestaat-niet\x00"})
    assert answer.status_code == 400 and "Kies een doel uit de lijst" in answer.text
    _login(client, "beheerder")
    token = _token(client, "/verwerkingenlog")
    for huishouden, doel in (("x" * 101, "inzage"), ("HH-1", "d" * 201), ("HH\x00", "inzage")):
        answer = client.post(
            "/verwerkingenlog", data={"huishouden": huishouden, "doel": doel, "csrf_token": token}
        )
        assert answer.status_code == 400, (huishouden[:5], doel[:5])
        assert "ongeldig" in answer.text
