"""Every route that changes something has its authorization tested: an inventory of the app's unsafe
routes (POST, PUT, PATCH, DELETE), each mapped to the test module that asserts who may use it, for
which organisation. A new write route without such a test fails here, so it cannot slip in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from leefbaar.app import create_app

TESTS = Path(__file__).parents[1]
RECORDS = ("plannen", "investeringen", "buurtkamers", "vhf-bijdragen", "vhf-bestedingen", "vhf-planadressen",
           "herstructureringsplannen", "urgentieverordeningen", "woonzorgvisies", "conditiemetingen",
           "gebreken")  # fmt: skip

#: Unsafe route -> the module with its role x own/other-organisation assertions (by hand).
AUTHORIZATION_TESTS: dict[tuple[str, str], str] = {
    # files: every import kind x role x own/other rows, and the forgeries of issue 13
    ("POST", "/gegevens"): "security/test_write_ownership.py",
    # single records through the API and the forms: every kind x role x own/other record
    **{("POST", f"/api/v1/{k}"): "security/test_record_ownership.py" for k in RECORDS},
    **{("PUT", f"/api/v1/{k}/{{id}}"): "security/test_record_ownership.py" for k in RECORDS},
    **{("PATCH", f"/api/v1/{k}/{{id}}"): "security/test_record_ownership.py" for k in RECORDS},
    ("DELETE", "/api/v1/plannen/{id}"): "security/test_record_ownership.py",
    ("DELETE", "/api/v1/vhf-planadressen/{id}"): "security/test_record_ownership.py",
    ("POST", "/api/v1/gebreken/{id}/_sluiten"): "security/test_record_ownership.py",
    ("POST", "/bijhouden/{organisatie}/{soort}/nieuw"): "security/test_record_ownership.py",
    ("POST", "/bijhouden/{organisatie}/{soort}/{record_id}"): "security/test_record_ownership.py",
    ("POST", "/bijhouden/{organisatie}/{soort}/{record_id}/intrekken"): "security/test_record_ownership.py",
    ("POST", "/bijhouden/{organisatie}/{soort}/{record_id}/sluiten"): "security/test_record_ownership.py",
    # agreements and their commitments: the municipality that directs one (or the beheerder)
    # writes it; the responsible party reports a status, co-signers react (API and forms)
    ("POST", "/api/v1/afspraken"): "security/test_agreement_write_ownership.py",
    ("PUT", "/api/v1/afspraken/{id}"): "security/test_agreement_write_ownership.py",
    ("POST", "/api/v1/afspraken/{id}/toezeggingen"): "security/test_agreement_write_ownership.py",
    ("PUT", "/api/v1/afspraken/{id}/toezeggingen/{toezegging}"): "security/test_agreement_write_ownership.py",
    (
        "POST",
        "/api/v1/afspraken/{id}/toezeggingen/{toezegging}/meldingen",
    ): "security/test_agreement_write_ownership.py",
    (
        "POST",
        "/api/v1/afspraken/{id}/toezeggingen/{toezegging}/reacties",
    ): "security/test_agreement_write_ownership.py",
    ("POST", "/afspraken/nieuw"): "security/test_agreement_write_ownership.py",
    ("POST", "/afspraken/{afspraak_id}/wijzigen"): "security/test_agreement_write_ownership.py",
    ("POST", "/afspraken/{afspraak_id}/nieuwe-toezegging"): "security/test_agreement_write_ownership.py",
    (
        "POST",
        "/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}/wijzigen",
    ): "security/test_agreement_write_ownership.py",
    # qualitative commitments on their page: the responsible party reports, co-signers react
    ("POST", "/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}/status"): "web/test_afspraken_pages.py",
    ("POST", "/afspraken/{afspraak_id}/toezeggingen/{toezegging_id}/reactie"): "web/test_afspraken_pages.py",
    # sharing agreements and signals
    ("POST", "/delen/overeenkomsten/nieuw"): "web/test_delen.py",
    ("POST", "/delen/overeenkomsten/{overeenkomst_id}/beeindigen"): "web/test_delen.py",
    ("POST", "/delen/signalen/nieuw"): "web/test_delen.py",
    # login, logout and the processing log lookup (beheerder only)
    ("POST", "/inloggen"): "security/test_web_auth.py",
    ("POST", "/uitloggen"): "security/test_web_auth.py",
    ("POST", "/verwerkingenlog"): "security/test_web_auth.py",
}

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _routes(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for route in routes:
        if hasattr(route, "original_router"):  # an included router (FastAPI)
            context = getattr(route, "include_context", None)
            yield from _routes(route.original_router.routes, prefix + (getattr(context, "prefix", "") or ""))
        elif getattr(route, "methods", None):
            for method in route.methods:
                yield method, prefix + route.path
        elif hasattr(getattr(route, "app", None), "routes"):  # a mounted sub-application
            yield from _routes(route.app.routes, prefix + route.path)


@pytest.fixture
def unsafe_routes(empty_duckdb: str) -> set[tuple[str, str]]:
    return {(m, p) for m, p in _routes(create_app().routes) if m in UNSAFE}


def test_every_write_route_has_an_authorization_test(unsafe_routes: set[tuple[str, str]]) -> None:
    missing = sorted(unsafe_routes - set(AUTHORIZATION_TESTS))
    assert missing == [], f"write routes without an authorization test: {missing}"
    gone = sorted(set(AUTHORIZATION_TESTS) - unsafe_routes)
    assert gone == [], f"the inventory names routes that no longer exist: {gone}"


def test_every_named_test_module_exists() -> None:
    assert all((TESTS / module).is_file() for module in AUTHORIZATION_TESTS.values())
