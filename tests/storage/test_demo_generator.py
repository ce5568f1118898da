"""The synthetic generator: exact totals, valid codes, determinism, and the same data on both backends."""

from __future__ import annotations

import itertools

import duckdb
import pytest
from sqlalchemy import text

from leefbaar.storage.demo_generator import association_name, largest_remainder, plan_associations
from leefbaar.storage.engine import get_engine


@pytest.mark.parametrize(
    ("weights", "total", "expected"),
    [
        ([1, 1, 1], 10, [4, 3, 3]),  # remainders tie: the first key wins the extra unit
        ([2, 1, 1], 10, [5, 3, 2]),  # 5, 2.5, 2.5: one of the halves goes up (by key order)
        ([0, 0, 5], 7, [0, 0, 7]),  # zero weights get nothing
        ([3, 3, 3, 1], 5, [2, 2, 1, 0]),  # 1.5, 1.5, 1.5, 0.5: two spare units, equal remainders, key order
    ],
)
def test_largest_remainder_sums_exactly(weights: list[int], total: int, expected: list[int]) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES "
        + ", ".join(f"('k{i}', {w})" for i, w in enumerate(weights))
        + ") v(k, w)"
    )
    result = con.execute(
        f"SELECT n FROM ({largest_remainder('t', 'w', str(total), 'k')}) ORDER BY k"
    ).fetchall()
    assert [r[0] for r in result] == expected
    assert sum(expected) == total


def test_association_plan_gives_fixed_ids_and_covers_every_municipality() -> None:
    gemeenten = [("GM0363", "PV27", 200_000), ("GM0599", "PV28", 150_000), ("GM0344", "PV26", 60_000)] + [
        (f"GM{1000 + i}", "PV30", 3_000) for i in range(40)
    ]
    territories = plan_associations(gemeenten, 20)
    assert {t[1] for t in territories if t[0] == "GM0363"} >= {"L0001", "L0002"}
    assert {t[1] for t in territories if t[0] == "GM0599"} >= {"L0003", "L0004"}
    assert {t[1] for t in territories if t[0] == "GM0344"} >= {"L0005", "L0006"}
    assert {t[0] for t in territories} == {g[0] for g in gemeenten}
    # Shares of each municipality's stock cover [0, 1) exactly.
    for code, *_ in gemeenten:
        spans = sorted((lo, hi) for g, _, lo, hi in territories if g == code)
        assert spans[0][0] == 0 and spans[-1][1] == 1
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert abs(len({t[1] for t in territories}) - 20) <= 2


def test_association_names_are_unique_and_marked_fictitious() -> None:
    names = [association_name(i) for i in range(300)]
    assert len(set(names)) == 300
    assert all(name.endswith("(fictief)") for name in names)


def _query(url: str, sql: str) -> list[tuple[object, ...]]:
    with get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql)).all()]


def test_tiny_demo_is_valid_and_adds_up(tiny_db: str) -> None:
    # Every dwelling has a valid BAG id, an existing 2025 buurt, and association dwellings a complex.
    assert _query(
        tiny_db,
        "SELECT count(*) FROM woning WHERE length(verblijfsobject_id) <> 16 "
        "OR substr(verblijfsobject_id, 5, 2) <> '01'",
    ) == [(0,)]
    assert _query(
        tiny_db,
        "SELECT count(*) FROM woning w LEFT JOIN regio r ON r.code = w.buurtcode "
        "AND r.indelingsjaar = w.indelingsjaar WHERE r.code IS NULL",
    ) == [(0,)]
    assert _query(
        tiny_db,
        "SELECT count(*) FROM woning w LEFT JOIN complex c ON c.corporatie_id = w.corporatie_id "
        "AND c.complexnummer = w.complexnummer WHERE w.eigendom = 'corporatie' "
        "AND c.complexnummer IS NULL",
    ) == [(0,)]
    assert _query(tiny_db, "SELECT count(DISTINCT verblijfsobject_id) = count(*) FROM woning") == [(True,)]
    # Scores are NEN 2767 1-6; unscored complexes exist (about a fifth).
    assert _query(tiny_db, "SELECT min(score) >= 1 AND max(score) <= 6 FROM conditiemeting") == [(True,)]
    scored = _query(tiny_db, "SELECT count(DISTINCT corporatie_id || complexnummer) FROM conditiemeting")[0][
        0
    ]
    complexes = _query(tiny_db, "SELECT count(*) FROM complex")[0][0]
    assert 0.6 < scored / complexes < 0.95
    # Every synthetic party is flagged; municipalities and provinces are real and not flagged.
    assert _query(
        tiny_db, "SELECT soort, bool_and(synthetisch) FROM partij GROUP BY soort ORDER BY soort"
    ) == [
        ("bewonersorganisatie", True),
        ("corporatie", True),
        ("gemeente", False),
        ("huurdersorganisatie", True),
        ("ministerie", False),
        ("provincie", False),
        ("veiligheidspartner", True),
        ("zorgpartner", True),
    ]
    # No buurtkamer closes before it opened (the import's rule), and none closes after the reference date.
    assert _query(
        tiny_db,
        "SELECT count(*) FROM buurtkamer WHERE gesloten_op < geopend_op OR gesloten_op > peildatum",
    ) == [(0,)]
    # Every generated table is in the import log, labelled as the demo generator.
    sources = _query(tiny_db, "SELECT DISTINCT bron FROM import_log WHERE soort LIKE 'demo:%'")
    assert sources == [("Leefbaar demo-generator (synthetische gegevens)",)]


def test_tiny_demo_totals_per_municipality(tiny_db: str) -> None:
    # Amsterdam at 1%: owner kinds partition the dwellings; association share near the CBS 2021 figure (41%).
    rows = _query(
        tiny_db, "SELECT eigendom, count(*) FROM woning WHERE buurtcode LIKE 'BU0363%' GROUP BY 1 ORDER BY 1"
    )
    counts = dict(rows)
    total = sum(counts.values())  # type: ignore[arg-type]
    assert 0.38 < counts["corporatie"] / total < 0.44  # type: ignore[operator]


def test_tiny_demo_is_identical_on_both_backends(templates, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.storage_fixtures import postgres_server_url

    if postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    checks = [
        "SELECT count(*), count(DISTINCT verblijfsobject_id), sum(oppervlakte_m2), sum(bouwjaar) FROM woning",
        "SELECT eigendom, coalesce(huursegment, '-'), count(*) FROM woning GROUP BY 1, 2 ORDER BY 1, 2",
        "SELECT corporatie_id, complexnummer, score FROM conditiemeting WHERE element IS NULL "
        "ORDER BY 1, 2 LIMIT 50",
        "SELECT partij_id, soort, naam FROM partij ORDER BY 1",
        "SELECT aandachtsgroep, count(*) FROM toewijzing GROUP BY 1 ORDER BY 1",
        "SELECT count(*), sum(bedrag_eur) FROM investering",
    ]
    # Copies, not the templates themselves: the templates are shared by every worker of the run, and
    # a worker copying one ends the sessions still open on it.
    duck = templates.fresh("duckdb", "tiny", tmp_path)
    pg = templates.fresh("postgres", "tiny", tmp_path)
    try:
        for sql in checks:
            left = [tuple(str(v) for v in row) for row in _query(duck, sql)]
            right = [tuple(str(v) for v in row) for row in _query(pg, sql)]
            assert left == right, sql
    finally:
        templates.drop("duckdb", duck)
        templates.drop("postgres", pg)
