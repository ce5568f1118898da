"""Sharing agreements: coverage on boundary dates, choosing among many, retention boundary days."""

from __future__ import annotations

from datetime import date

import pytest

from leefbaar.privacy.sharing import (
    Bewaartermijn,
    Gegevenscategorie,
    Gegevensdelingsovereenkomst,
    covers,
    expired,
    find_covering,
    is_bijzonder,
    verwijderdatum,
)

C = Gegevenscategorie

SCHULDEN = Gegevensdelingsovereenkomst(
    id="GDO-1",
    verstrekker="L0001",
    ontvanger="GM0363",
    doel="vroegsignalering_schulden",
    grondslag="Wet gemeentelijke schuldhulpverlening art. 3",
    categorieen=frozenset({C.BETALINGSACHTERSTAND, C.OVERLAST}),
    bewaartermijn=Bewaartermijn(maanden=6),
    begindatum=date(2025, 1, 1),
    einddatum=date(2025, 12, 31),
)


@pytest.mark.parametrize(
    ("provider", "receiver", "purpose", "category", "on", "ok", "reason_part"),
    [
        (
            "L0001",
            "GM0363",
            "vroegsignalering_schulden",
            C.BETALINGSACHTERSTAND,
            date(2025, 6, 1),
            True,
            "GDO-1",
        ),
        # first day in force
        (
            "L0001",
            "GM0363",
            "vroegsignalering_schulden",
            C.BETALINGSACHTERSTAND,
            date(2025, 1, 1),
            True,
            "GDO-1",
        ),
        # last day in force (inclusive)
        ("L0001", "GM0363", "vroegsignalering_schulden", C.OVERLAST, date(2025, 12, 31), True, "GDO-1"),
        # the day before it starts
        (
            "L0001",
            "GM0363",
            "vroegsignalering_schulden",
            C.OVERLAST,
            date(2024, 12, 31),
            False,
            "pas in op 2025-01-01",
        ),
        # the day after it ends
        (
            "L0001",
            "GM0363",
            "vroegsignalering_schulden",
            C.OVERLAST,
            date(2026, 1, 1),
            False,
            "verlopen op 2025-12-31",
        ),
        # another purpose
        ("L0001", "GM0363", "handhaving", C.OVERLAST, date(2025, 6, 1), False, "niet voor 'handhaving'"),
        # a category it does not cover (special data needs its own agreement)
        (
            "L0001",
            "GM0363",
            "vroegsignalering_schulden",
            C.ZORGSIGNAAL,
            date(2025, 6, 1),
            False,
            "geen zorgsignaal",
        ),
        # the direction matters: the municipality does not provide to the association
        (
            "GM0363",
            "L0001",
            "vroegsignalering_schulden",
            C.OVERLAST,
            date(2025, 6, 1),
            False,
            "tussen L0001 en GM0363",
        ),
        # another receiver
        (
            "L0001",
            "ZP0001",
            "vroegsignalering_schulden",
            C.OVERLAST,
            date(2025, 6, 1),
            False,
            "tussen L0001 en GM0363",
        ),
    ],
)
def test_covers(
    provider: str,
    receiver: str,
    purpose: str,
    category: Gegevenscategorie,
    on: date,
    ok: bool,
    reason_part: str,
) -> None:
    result = covers(SCHULDEN, provider, receiver, purpose, category, on)
    assert bool(result) is ok
    assert reason_part in result.reden


def test_open_ended_agreement_covers_far_future() -> None:
    open_ended = Gegevensdelingsovereenkomst(
        "GDO-2", "L0001", "ZP0001", "zorg", "AVG art. 9 lid 2 sub h", frozenset({C.ZORGSIGNAAL}),
        Bewaartermijn(jaren=1), date(2025, 1, 1),
    )  # fmt: skip
    assert covers(open_ended, "L0001", "ZP0001", "zorg", C.ZORGSIGNAAL, date(2099, 1, 1))
    assert open_ended.bijzonder
    assert not SCHULDEN.bijzonder


def test_find_covering_picks_the_right_one_among_many() -> None:
    old = Gegevensdelingsovereenkomst(
        "GDO-0", "L0001", "GM0363", "vroegsignalering_schulden", "oud", frozenset({C.BETALINGSACHTERSTAND}),
        Bewaartermijn(maanden=3), date(2023, 1, 1), date(2024, 12, 31),
    )  # fmt: skip
    other_party = Gegevensdelingsovereenkomst(
        "GDO-9", "L0002", "GM0363", "vroegsignalering_schulden", "x", frozenset({C.BETALINGSACHTERSTAND}),
        Bewaartermijn(maanden=3), date(2020, 1, 1),
    )  # fmt: skip
    all_ = [other_party, SCHULDEN, old]
    found = find_covering(
        all_, "L0001", "GM0363", "vroegsignalering_schulden", C.BETALINGSACHTERSTAND, date(2024, 6, 1)
    )
    assert found.overeenkomst is old
    found = find_covering(
        all_, "L0001", "GM0363", "vroegsignalering_schulden", C.BETALINGSACHTERSTAND, date(2025, 6, 1)
    )
    assert found.overeenkomst is SCHULDEN
    # Order of the input does not matter.
    assert (
        find_covering(
            list(reversed(all_)), "L0001", "GM0363", None, C.BETALINGSACHTERSTAND, date(2025, 6, 1)
        ).overeenkomst
        is SCHULDEN
    )
    none = find_covering(
        all_, "L0001", "GM0363", "vroegsignalering_schulden", C.BETALINGSACHTERSTAND, date(2026, 6, 1)
    )
    assert not none and "verlopen" in none.reden
    assert (
        "geen gegevensdelingsovereenkomst"
        in find_covering(all_, "L0003", "GM0363", "x", C.OVERLAST, date(2025, 6, 1)).reden
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ontvanger": "L0001"}, "dezelfde partij"),  # sharing with yourself
        ({"categorieen": frozenset()}, "geen gegevenscategorie"),  # nothing shared
        ({"einddatum": date(2024, 1, 1)}, "einddatum ligt voor begindatum"),  # ends before it starts
        ({"grondslag": " "}, "grondslag ontbreekt"),  # no legal basis
        ({"doel": ""}, "doel ontbreekt"),  # no purpose
    ],
)
def test_unsound_agreements_are_refused(changes: dict[str, object], message: str) -> None:
    fields = {
        "id": "GDO-X", "verstrekker": "L0001", "ontvanger": "GM0363", "doel": "d", "grondslag": "g",
        "categorieen": frozenset({C.OVERLAST}), "bewaartermijn": Bewaartermijn(dagen=30),
        "begindatum": date(2025, 1, 1), "einddatum": None,
    }  # fmt: skip
    fields.update(changes)
    with pytest.raises(ValueError, match=message):
        Gegevensdelingsovereenkomst(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("signal", "termijn", "due"),
    [
        (date(2025, 3, 1), Bewaartermijn(dagen=30), date(2025, 3, 31)),  # kept 1-30 March
        (date(2025, 1, 31), Bewaartermijn(maanden=1), date(2025, 2, 28)),  # no 31 February
        (date(2024, 1, 31), Bewaartermijn(maanden=1), date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), Bewaartermijn(jaren=1), date(2025, 2, 28)),  # 29 Feb + 1 year
        (date(2025, 11, 15), Bewaartermijn(maanden=3), date(2026, 2, 15)),  # over the year end
        (date(2025, 1, 1), Bewaartermijn(jaren=1, maanden=6, dagen=1), date(2026, 7, 2)),  # combined
    ],
)
def test_verwijderdatum(signal: date, termijn: Bewaartermijn, due: date) -> None:
    assert verwijderdatum(signal, termijn) == due


@pytest.mark.parametrize(
    ("today", "is_expired"),
    [
        (date(2025, 3, 30), False),  # last day it may be kept
        (date(2025, 3, 31), True),  # the deletion due date itself
        (date(2025, 4, 1), True),  # later
        (date(2025, 3, 1), False),  # the day it was recorded
    ],
)
def test_expired_on_boundary_days(today: date, is_expired: bool) -> None:
    assert expired(date(2025, 3, 1), Bewaartermijn(dagen=30), today) is is_expired


@pytest.mark.parametrize(
    ("text", "termijn"),
    [
        ("P2Y", Bewaartermijn(jaren=2)),
        ("P6M", Bewaartermijn(maanden=6)),
        ("P30D", Bewaartermijn(dagen=30)),
        ("P1Y6M", Bewaartermijn(jaren=1, maanden=6)),
    ],
)
def test_bewaartermijn_iso_round_trip(text: str, termijn: Bewaartermijn) -> None:
    assert Bewaartermijn.parse(text) == termijn
    assert termijn.iso() == text


@pytest.mark.parametrize("text", ["", "P", "2Y", "P1W", "P-1D", "PT5H"])
def test_bad_bewaartermijn_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="geen bewaartermijn"):
        Bewaartermijn.parse(text)


def test_zero_or_negative_retention_is_refused() -> None:
    with pytest.raises(ValueError, match="0 dagen"):
        Bewaartermijn()
    with pytest.raises(ValueError, match="niet negatief"):
        Bewaartermijn(dagen=-1)


def test_special_categories() -> None:
    assert is_bijzonder(C.ZORGSIGNAAL)
    assert not any(is_bijzonder(c) for c in C if c is not C.ZORGSIGNAAL)
