"""Where an agreement error's path is shown on a form, and what a form's text becomes in the
document (no database)."""

from __future__ import annotations

import pytest

from leefbaar.services.agreements.drafting import _number, local_agreement_id, slug
from leefbaar.web.agreement_forms import field_of, party_ids


@pytest.mark.parametrize(
    ("pad", "index", "veld"),
    [
        ("titel", None, "titel"),
        ("id", None, "titel"),  # the id is made from the title
        ("periode.eind", None, "eind"),
        ("periode", None, "eind"),
        ("gemeente.code", None, "gemeente"),
        ("partijen[2].soort", None, "partijen"),
        ("reden", 3, "reden"),
        ("toezeggingen[3].deadline", 3, "t_deadline"),  # the commitment the form shows
        ("toezeggingen[3].doel.reeks[1].jaar", 3, "t_waarde"),
        ("toezeggingen[3].doel.vergelijking", 3, "t_vergelijking"),
        ("toezeggingen[0].verantwoordelijke", 3, "partijen"),  # another's responsible party left
        ("toezeggingen[0].deadline", 3, None),  # another commitment: the summary only
        ("toezeggingen", 3, None),
    ],
)
def test_field_of(pad: str, index: int | None, veld: str | None) -> None:
    assert field_of(pad, index) == veld


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0", 0),
        ("32,5", 32.5),  # a Dutch decimal comma
        ("1.234.567", 1234567),  # points between thousands
        ("1.234,5", 1234.5),
        ("12.5", 12.5),  # one point and no comma: a decimal point
        (" 7 ", 7),
        ("veel", None),
        ("nan", None),
    ],
)
def test_numbers_as_typed(typed: str, number: float | int | None) -> None:
    assert _number(typed) == number


def test_ids_from_titles() -> None:
    assert slug("Naar 32,5% sociale huur") == "naar-32-5-sociale-huur"
    assert slug("Wijkaanpak Zuidoost – ’t Centrum") == "wijkaanpak-zuidoost-t-centrum"
    assert local_agreement_id("GM0363", "Wijkaanpak Zuidoost 2025-2028", "2025-01-01", "2028-12-31") == (
        "lokaal-GM0363-wijkaanpak-zuidoost-2025-2028"
    )
    assert local_agreement_id("GM0363", "", "", "") == "lokaal-GM0363-afspraak"
    long = local_agreement_id("GM0599", "x" * 200, "2025-01-01", "2026-12-31")
    assert len(long) == 80 and long.endswith("-2025-2026")


def test_party_ids_chosen_and_typed() -> None:
    assert party_ids({"partijen": "L0001;HO0001", "andere_partijen": "l0007, VP0001;L0001"}) == (
        "L0001",
        "HO0001",
        "L0007",
        "VP0001",
    )
