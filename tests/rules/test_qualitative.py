"""The status of a qualitative commitment: reports, reactions and the deadline, computed by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from leefbaar.domain.agreements import Reactie, Status
from leefbaar.rules.qualitative import Reaction, StatusReport, judge_qualitative

DEADLINE = date(2025, 6, 30)


def report(melding_id: int, status: Status, day: str, **bewijs: str) -> StatusReport:
    return StatusReport(melding_id, status, datetime.fromisoformat(day), **({"toelichting": "x"} | bewijs))


@pytest.mark.parametrize(
    ("meldingen", "peildatum", "status", "automatisch"),
    [
        # nothing reported before the deadline: no data
        ((), date(2025, 6, 1), Status.GEEN_GEGEVENS, False),
        # nothing reported, the deadline day itself: still no data (the day counts as in time)
        ((), date(2025, 6, 30), Status.GEEN_GEGEVENS, False),
        # nothing reported, the day after the deadline: niet gehaald, computed
        ((), date(2025, 7, 1), Status.NIET_GEHAALD, True),
        # reported "op koers" before the deadline: the reported word
        ((report(1, Status.OP_KOERS, "2025-03-01T10:00"),), date(2025, 6, 1), Status.OP_KOERS, False),
        # "op koers" but the deadline passed without delivery: niet gehaald, computed
        ((report(1, Status.OP_KOERS, "2025-03-01T10:00"),), date(2025, 7, 1), Status.NIET_GEHAALD, True),
        # "risico" then "gehaald" before the deadline: gehaald, and it stays so after the deadline
        (
            (report(1, Status.RISICO, "2025-03-01T10:00"), report(2, Status.GEHAALD, "2025-06-30T23:00")),
            date(2026, 1, 1),
            Status.GEHAALD,
            False,
        ),
        # the responsible party itself reports "niet gehaald" after the deadline: not automatic
        ((report(1, Status.NIET_GEHAALD, "2025-07-02T09:00"),), date(2025, 8, 1), Status.NIET_GEHAALD, False),
        # a report after the reference date does not count yet
        ((report(1, Status.GEHAALD, "2025-06-10T09:00"),), date(2025, 6, 9), Status.GEEN_GEGEVENS, False),
        # the latest report wins, whatever the order they come in
        (
            (report(2, Status.RISICO, "2025-05-01T09:00"), report(1, Status.OP_KOERS, "2025-04-01T09:00")),
            date(2025, 6, 1),
            Status.RISICO,
            False,
        ),
        # delivered late: gehaald (the explanation says it came after the deadline)
        ((report(1, Status.GEHAALD, "2025-08-01T09:00"),), date(2025, 9, 1), Status.GEHAALD, False),
    ],
)
def test_status_from_reports_and_deadline(
    meldingen: tuple[StatusReport, ...], peildatum: date, status: Status, automatisch: bool
) -> None:
    verdict = judge_qualitative(DEADLINE, peildatum, meldingen)
    assert (verdict.status, verdict.automatisch) == (status, automatisch)


def test_explanations_say_why() -> None:
    assert judge_qualitative(DEADLINE, date(2025, 7, 1), ()).uitleg == (
        "De deadline (30 juni 2025) is verstreken en er is geen levering gemeld."
    )
    late = judge_qualitative(DEADLINE, date(2025, 9, 1), (report(1, Status.GEHAALD, "2025-08-01T09:00"),))
    assert late.uitleg == "Gemeld als gehaald op 1 augustus 2025, na de deadline van 30 juni 2025."
    passed = judge_qualitative(DEADLINE, date(2025, 7, 1), (report(1, Status.OP_KOERS, "2025-03-01T10:00"),))
    assert "verstreken zonder bewijs van levering; laatst gemeld: op koers op 1 maart 2025" in passed.uitleg


def _reaction(melding_id: int, op: int, partij: str, reactie: Reactie, day: str) -> Reaction:
    return Reaction(melding_id, op, partij, reactie, datetime.fromisoformat(day), "omdat")


def test_contest_keeps_the_word_and_shows_both_sides() -> None:
    gemeld = report(1, Status.GEHAALD, "2025-05-01T09:00", toelichting="plan per complex opgeleverd")
    reacties = (
        _reaction(2, 1, "HO0001", Reactie.BETWIST, "2025-05-02T09:00"),
        _reaction(3, 1, "GM0363", Reactie.BEVESTIGD, "2025-05-03T09:00"),
    )
    verdict = judge_qualitative(DEADLINE, date(2025, 6, 1), (gemeld,), reacties)
    assert verdict.status is Status.GEHAALD and verdict.betwist
    assert verdict.gemeld is not None and verdict.gemeld.toelichting == "plan per complex opgeleverd"
    assert [r.partij for r in verdict.betwistingen] == ["HO0001"]
    assert [r.partij for r in verdict.bevestigingen] == ["GM0363"]
    assert verdict.uitleg.endswith("Betwist door HO0001.")


@pytest.mark.parametrize(
    ("reacties", "betwist"),
    [
        # the latest reaction of a party counts: contested, then confirmed
        (
            (
                _reaction(2, 1, "HO0001", Reactie.BETWIST, "2025-05-02T09:00"),
                _reaction(3, 1, "HO0001", Reactie.BEVESTIGD, "2025-05-04T09:00"),
            ),
            False,
        ),
        # a contest of an earlier report does not touch the newer one
        ((_reaction(2, 0, "HO0001", Reactie.BETWIST, "2025-05-02T09:00"),), False),
        # a contest made after the reference date does not count yet
        ((_reaction(2, 1, "HO0001", Reactie.BETWIST, "2025-06-02T09:00"),), False),
        # one contest among confirmations is enough
        (
            (
                _reaction(2, 1, "GM0363", Reactie.BEVESTIGD, "2025-05-02T09:00"),
                _reaction(3, 1, "ZP0001", Reactie.BETWIST, "2025-05-03T09:00"),
            ),
            True,
        ),
    ],
)
def test_which_reactions_count(reacties: tuple[Reaction, ...], betwist: bool) -> None:
    gemeld = report(1, Status.OP_KOERS, "2025-05-01T09:00")
    assert judge_qualitative(DEADLINE, date(2025, 6, 1), (gemeld,), reacties).betwist is betwist
