"""A budget as a target (leefbaar.rules.budget): allocated against the budget and against each round."""

from __future__ import annotations

from datetime import date

import pytest

from leefbaar.domain.agreements import Status as S
from leefbaar.rules import Eenheid, Thresholds, Vergelijking, evaluate
from leefbaar.rules.budget import Ronde

BUDGET = Vergelijking.BINNEN_BUDGET
DEADLINE = date(2026, 12, 31)
VOOR = date(2025, 6, 30)
NA = date(2027, 1, 1)
MLN = 1_000_000
RONDES_OK = (Ronde(2023, 280 * MLN, 279 * MLN), Ronde(2024, 114 * MLN, 114 * MLN))


@pytest.mark.parametrize(
    ("toegekend", "rondes", "peildatum", "status", "afstand"),
    [
        (393 * MLN, RONDES_OK, VOOR, S.OP_KOERS, 0),  # below the budget before the deadline: no shortfall
        (393 * MLN, RONDES_OK, NA, S.GEHAALD, 0),  # below it after the deadline: kept, the rest is named
        (600 * MLN, (), VOOR, S.GEHAALD, 0),  # exactly the budget: fully allocated
        (601 * MLN, (), VOOR, S.RISICO, 1 * MLN),  # over the budget before the deadline
        (601 * MLN, (), NA, S.NIET_GEHAALD, 1 * MLN),  # over it after the deadline
        # a round over its own amount, the total within the budget
        (290 * MLN, (Ronde(2023, 280 * MLN, 290 * MLN),), VOOR, S.RISICO, 10 * MLN),
        # a round whose amount is unknown is not checked
        (290 * MLN, (Ronde(2023, None, 290 * MLN),), VOOR, S.OP_KOERS, 0),
        (None, RONDES_OK, VOOR, S.GEEN_GEGEVENS, None),  # nothing allocated is no data, as for every target
    ],
)
def test_budget_status(
    toegekend: float | None, rondes: tuple[Ronde, ...], peildatum: date, status: S, afstand: float | None
) -> None:
    ev = evaluate(toegekend, 600 * MLN, BUDGET, peildatum, DEADLINE, eenheid=Eenheid.EURO, rondes=rondes)
    assert (ev.status, ev.afstand) == (status, afstand)


def test_budget_explanation_names_rounds_remainder_and_overrun() -> None:
    within = evaluate(393 * MLN, 600 * MLN, BUDGET, VOOR, DEADLINE, eenheid=Eenheid.EURO, rondes=RONDES_OK)
    assert within.uitleg == (
        "Op koers: toegekend € 393 mln, budget € 600 mln, toe te kennen uiterlijk 31 december 2026. "
        "Toegekend per ronde: 2023 € 279 mln van € 280 mln; 2024 € 114 mln van € 114 mln. "
        "Binnen het budget; nog € 207 mln toe te kennen tot 31 december 2026. "
        "Minder toekennen dan het budget is geen tekort."
    )
    after = evaluate(393 * MLN, 600 * MLN, BUDGET, NA, DEADLINE, eenheid=Eenheid.EURO)
    assert after.uitleg.endswith("Binnen het budget; € 207 mln van het budget is niet toegekend.")
    over = evaluate(
        290 * MLN,
        600 * MLN,
        BUDGET,
        VOOR,
        DEADLINE,
        eenheid=Eenheid.EURO,
        rondes=(Ronde(2023, 280 * MLN, 290 * MLN), Ronde(2024, None, 0)),
    )
    assert "Ronde 2023 kende € 10 mln meer toe dan de € 280 mln die zij beschikbaar stelde." in over.uitleg
    assert over.uitleg.endswith(
        "Van ronde 2024 is het beschikbare bedrag niet vastgelegd; die ronde is niet getoetst."
    )


def test_a_margin_counts_a_nearly_full_allocation_as_done() -> None:
    marge = Thresholds(marge=0.02)  # relative: 12 mln of 600
    ev = evaluate(590 * MLN, 600 * MLN, BUDGET, VOOR, DEADLINE, eenheid=Eenheid.EURO, drempels=marge)
    assert ev.status is S.GEHAALD
    assert "Er is € 10 mln over; dat valt binnen de marge." in ev.uitleg
