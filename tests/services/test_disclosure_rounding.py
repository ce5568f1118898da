"""Small counts that inserted records cannot undo (issue 13, item 2): random rounding to base 5,
fixed per cell, of every published allocation count, with the primary-cell rule on the rounded
value. The reported attack is replayed through the services; the ambiguity it leaves is counted
by brute force over every draw a cell can have."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from leefbaar.config import get_settings
from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.privacy.disclosure import cell_draw, random_round, rounded_primary
from leefbaar.services import accounts, homes
from leefbaar.services.imports import import_source_file
from tests.services import test_homes_data as data
from tests.storage_fixtures import BACKENDS, Templates, postgres_server_url

KEY = b"k" * 32


@pytest.mark.parametrize("value", [0, 1, 2, 3, 4, 5, 7, 12, 25, 99])
def test_rounded_values_are_multiples_of_five_next_to_the_value(value: int) -> None:
    for i in range(200):
        r = random_round(value, f"cel-{i}", KEY)
        assert r % 5 == 0 and value - 5 < r < value + 5
        assert r == random_round(value, f"cel-{i}", KEY)  # fixed per cell
    if value % 5 == 0:
        assert all(random_round(value, f"cel-{i}", KEY) == value for i in range(200))


@pytest.mark.parametrize("value", [1, 2, 3, 4, 8])
def test_rounding_is_right_on_average(value: int) -> None:
    # Over many cells the rounding is unbiased: P(up) = (value mod 5) / 5.
    rounded = [random_round(value, f"cel-{i}", KEY) for i in range(20_000)]
    assert statistics.fmean(rounded) == pytest.approx(value, abs=0.1)


def _cell_with_draw_in(bucket: int) -> str:
    """A cell name whose fixed draw lies in [bucket/5, (bucket+1)/5): one per possible behaviour."""
    return next(f"cel-{i}" for i in range(10_000) if int(cell_draw(f"cel-{i}", KEY) * 5) == bucket)


def _observations(true: int, cell: str, inserts: range) -> tuple[object, ...]:
    """What an adversary sees after adding x records for each x: 'verborgen' or the published count."""
    primary = rounded_primary(lambda _position: cell, KEY, 5, 5)
    return tuple(
        "verborgen" if primary(("cel", 0, "c"), true + x) else random_round(true + x, cell, KEY)
        for x in inserts
    )


def test_inserting_records_one_by_one_leaves_the_true_count_ambiguous() -> None:
    # The adversary adds 0, 1, ..., 14 records of its own to a cell and watches the page each time.
    # A true count is recoverable only if no other count, under any draw the cell could have,
    # produces the same 15 observations. Brute force over counts 0-40 and the five draw buckets.
    inserts = range(15)
    cells = [_cell_with_draw_in(b) for b in range(5)]
    seen = {(n, c): _observations(n, c, inserts) for n in range(41) for c in cells}
    for true in range(1, 21):
        for cell in cells:
            consistent = {n for (n, c), obs in seen.items() if obs == seen[(true, cell)]}
            assert true in consistent
            assert len(consistent) >= 2, f"{true} recoverable with draw bucket of {cell}"


def test_deciding_on_the_true_count_would_leak_it() -> None:
    # The counter-check: with the primary rule on the true count (0 < n < 5), the moment the cell
    # appears gives n away exactly, whatever the rounding of the published value.
    inserts = range(15)
    for true in range(1, 5):
        appears = min(x for x in inserts if true + x >= 5)
        assert 5 - appears == true


# -- the reported attack, replayed through the services ------------------------------------------


@pytest.fixture(params=BACKENDS)
def crafted(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgres" and postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    url = templates.fresh(request.param, "empty", tmp_path)
    data.load(url, tmp_path)
    get_settings.cache_clear()  # rounding on: the default base 5
    assert get_settings().disclosure_rounding_base == 5
    yield url
    templates.drop(request.param, url)


def _published(url: str, config: homes.Instellingen) -> dict[tuple[str, str], int | None]:
    r = homes.fair_share(url, "regio-test", "2025", config=config)
    return {(x["gemeentecode"], x["groep"]): x["gerealiseerd"] for x in r["rijen"]}


def test_fake_allocations_no_longer_reveal_a_hidden_count(crafted: str, tmp_path: Path) -> None:
    # GM9001 placed 3 status holders: hidden, or published rounded (0 tot 4 hidden, else 5). The
    # association adds fake placements of its own, as in the report (5, then 6 more), and subtracts
    # what it added from what the page shows.
    url = crafted
    config = homes.load_config(data.config_yaml(tmp_path))
    before = _published(url, config)[("GM9001", "statushouder")]
    assert before is None or before == 5
    account = accounts.create_account(url, "l@x.nl", "corporatie", "L9001", "correct-paard-batterij")
    added = 0
    for batch in (5, 6):
        path = tmp_path / f"nep-{batch}.csv"
        path.write_text(
            "toewijzing_id;datum;gemeentecode;buurtcode;aandachtsgroep;huishouden_pseudoniem;corporatie_id\n"
            + "".join(
                f"NEP-{added + i};2025-04-01;GM9001;BU90010101;statushouder;hh_nep_{added + i:08d};L9001\n"
                for i in range(batch)
            )
        )
        result = import_source_file(
            url,
            "toewijzingen",
            path,
            ImportOptions(peildatum=data.PEILDATUM, indelingsjaar=2025),
            account=account,
        )
        assert result.status is ImportStatus.IMPORTED, result.errors
        added += batch
        shown = _published(url, config)[("GM9001", "statushouder")]
        if shown is not None:
            assert shown % 5 == 0  # rounded, so
            assert shown - added != 3  # the subtraction no longer gives the hidden count back
    r = homes.fair_share(url, "regio-test", "2025", config=config)
    assert any("willekeurig afgerond op een veelvoud van 5" in o for o in r["opmerkingen"])
