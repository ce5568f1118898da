"""What the fair-share and concentration rows withhold with a hidden count, and how a hidden value is shown."""

from __future__ import annotations

from typing import Any

import pytest

from leefbaar.privacy.disclosure import (
    REDEN_AFGELEID,
    REDEN_DOEL,
    REDEN_GEEN_OORDEEL,
    REDEN_VOORSTEL,
    LabelStyle,
    MaskedCell,
    Suppression,
    hidden_label,
    mask_concentration,
    mask_fair_share_group,
    mask_fair_share_total,
)

P = "primair: minder dan 5"
SHOWN = MaskedCell(7, Suppression.GEEN, None)
PRIMARY = MaskedCell(None, Suppression.PRIMAIR, P)
SECONDARY = MaskedCell(None, Suppression.SECUNDAIR, "secundair: zou onderdrukte cel onthullen")
DERIVED = ("afwijking", "afwijking_relatief", "voorstel", "verschuiving")


def _fair_share_row() -> dict[str, Any]:
    return {
        "doel_exact": 6.5,
        "doel": 7,
        "gerealiseerd": 3,
        "afwijking": -4,
        "afwijking_relatief": -0.57,
        "voorstel": 2,
        "verschuiving": 1,
        "onderdrukt": {},
        "redenen": {},
    }


@pytest.mark.parametrize(
    ("cell", "total", "target_from_total", "withheld"),
    [
        # nothing hidden: the row is published whole
        (SHOWN, SHOWN, True, {}),
        # a hidden count: itself, what is computed from it, and the proposal (later rules do not
        # overwrite a column already withheld)
        (
            PRIMARY,
            SHOWN,
            False,
            {
                "gerealiseerd": ("primair", P),
                "afwijking": ("afgeleid", REDEN_AFGELEID),
                "afwijking_relatief": ("afgeleid", REDEN_AFGELEID),
                "voorstel": ("afgeleid", REDEN_AFGELEID),
                "verschuiving": ("afgeleid", REDEN_AFGELEID),
            },
        ),
        # only the regional total hidden, need configured: the proposal of the group
        (
            SHOWN,
            SECONDARY,
            False,
            {"voorstel": ("afgeleid", REDEN_VOORSTEL), "verschuiving": ("afgeleid", REDEN_VOORSTEL)},
        ),
        # the regional total hidden and the target split from it: targets and proposal
        (
            SHOWN,
            SECONDARY,
            True,
            {
                "doel_exact": ("afgeleid", REDEN_DOEL),
                "doel": ("afgeleid", REDEN_DOEL),
                "afwijking": ("afgeleid", REDEN_DOEL),
                "afwijking_relatief": ("afgeleid", REDEN_DOEL),
                "voorstel": ("afgeleid", REDEN_VOORSTEL),
                "verschuiving": ("afgeleid", REDEN_VOORSTEL),
            },
        ),
    ],
)
def test_fair_share_row_withholds_what_gives_a_hidden_count_away(
    cell: MaskedCell, total: MaskedCell, target_from_total: bool, withheld: dict[str, tuple[str, str]]
) -> None:
    row = _fair_share_row()
    mask_fair_share_group([row], [cell], total, DERIVED, target_from_total=target_from_total)
    assert {c: (row["onderdrukt"][c], row["redenen"][c]) for c in row["onderdrukt"]} == withheld
    assert all(row[c] is None for c in withheld)
    assert all(row[c] is not None for c in _fair_share_row() if c not in withheld)


def test_a_hidden_cell_elsewhere_in_the_group_withholds_this_rows_proposal() -> None:
    shown, other = _fair_share_row(), _fair_share_row()
    mask_fair_share_group([shown, other], [SHOWN, PRIMARY], SHOWN, DERIVED, target_from_total=False)
    assert shown["redenen"] == {"voorstel": REDEN_VOORSTEL, "verschuiving": REDEN_VOORSTEL}
    assert shown["gerealiseerd"] == 3


@pytest.mark.parametrize(
    ("target_from_total", "withheld"),
    [
        (False, {"gerealiseerd": "secundair"}),  # a configured need is published as it is
        (True, {"gerealiseerd": "secundair", "doel": "afgeleid"}),  # the target is the hidden total
    ],
)
def test_fair_share_total_row(target_from_total: bool, withheld: dict[str, str]) -> None:
    row: dict[str, Any] = {"doel": 20, "gerealiseerd": 20, "onderdrukt": {}, "redenen": {}}
    mask_fair_share_total(row, SECONDARY, target_from_total=target_from_total)
    assert row["onderdrukt"] == withheld


def test_concentration_row_without_verdict_on_a_hidden_count() -> None:
    row: dict[str, Any] = {
        "toewijzingen_aandachtsgroepen": 3,
        "aandeel": 0.1,
        "gemeente_aandeel": 0.05,
        "verhouding": 2.0,
        "gesignaleerd": False,
        "reden": "te weinig toewijzingen",
        "onderdrukt": {},
        "redenen": {},
    }
    mask_concentration([row], [PRIMARY], SECONDARY, ("aandeel", "verhouding"))
    assert row["onderdrukt"] == {
        "toewijzingen_aandachtsgroepen": "primair",
        "aandeel": "afgeleid",
        "verhouding": "afgeleid",
        "gesignaleerd": "afgeleid",
        "gemeente_aandeel": "afgeleid",
    }
    assert row["reden"] == REDEN_GEEN_OORDEEL
    assert row["gesignaleerd"] is None and row["gemeente_aandeel"] is None


@pytest.mark.parametrize(
    ("kind", "style", "label"),
    [
        ("primair", LabelStyle.AMSTERDAM, "<5"),  # the reader learns 1-4
        ("primair", LabelStyle.CBS, "x"),
        ("secundair", LabelStyle.AMSTERDAM, "x"),
        ("verhuld", LabelStyle.AMSTERDAM, "x"),  # the remedy no longer tells <k
        ("afgeleid", LabelStyle.AMSTERDAM, "x"),  # a service row's kind for a derived value
    ],
)
def test_hidden_label(kind: str, style: LabelStyle, label: str) -> None:
    assert hidden_label(kind, 5, style) == label
