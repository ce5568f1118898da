"""Search on the tiny demo, on DuckDB and PostgreSQL: matching, ranking, the index and its rule.

The similarities below were counted by hand from the rule in ``storage.search_queries``: trigrams
of ``'  ' || normalised || ' '``, shared / all distinct ones. "amsterdm" has 9 trigrams, "amsterdam"
10, they share 7 ("  a", " am", "ams", "mst", "ste", "ter", "erd"): 7 / (9 + 10 - 7) = 0.58.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services import areas, demo, search
from leefbaar.services.imports import import_file
from leefbaar.storage import search_queries
from leefbaar.storage.engine import get_engine
from tests.storage_fixtures import BACKENDS, Templates, postgres_server_url

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"


@pytest.fixture(scope="module", params=BACKENDS)
def search_db(
    request: pytest.FixtureRequest, templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The tiny demo, shared by the read-only tests of this module (the index is built once)."""
    backend = request.param
    if backend == "postgres" and postgres_server_url() is None:
        pytest.skip("geen PostgreSQL (LEEFBAAR_TEST_POSTGRES_URL) beschikbaar")
    url = templates.fresh(backend, "tiny", tmp_path_factory.mktemp("zoeken"))
    yield url
    templates.drop(backend, url)


def _top(hits: list[dict[str, Any]], n: int) -> list[tuple[Any, ...]]:
    return [(h["soort"], h["code"], h["overeenkomst"], h["gelijkenis"]) for h in hits[:n]]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # an alternative name is an exact hit of its municipality (and nothing else matches exactly)
        ("Den Haag", [("gemeente", "GM0518", "exact", None), ("wijk", "WK170003", "gelijkend", 0.55)]),
        # "Den Ham" shares 6 of "den haag"'s 9 trigrams and has 8: 6 / 11 = 0.55; the wijk before its buurten
        ("den bosch", [("gemeente", "GM0796", "exact", None)]),
        ("'s-Gravenhage", [("gemeente", "GM0518", "exact", None)]),  # punctuation folds to spaces
        ("gravenhage", [("gemeente", "GM0518", "begin", None)]),  # a word of "s gravenhage" begins with it
        ("Sudwest Fryslan", [("gemeente", "GM1900", "exact", None)]),  # accents fold: Súdwest-Fryslân
        # a typo: no exact, prefix or substring hit; Amsterdam 7/12, then names of 15 trigrams sharing 7
        ("Amsterdm", [("gemeente", "GM0363", "gelijkend", 0.58), ("wijk", "WK039207", "gelijkend", 0.41)]),
        ("Rotterdm", [("gemeente", "GM0599", "gelijkend", 0.58)]),  # same counts as Amsterdm
        # Bergenshuizen shares 11 of 14 trigrams with a name of 14: 11 / 17 = 0.65
        ("Nergenshuizen", [("buurt", "BU08650109", "gelijkend", 0.65)]),
        # exact name first; then names with a word beginning with it: wijken by inhabitants (9,655,
        # 8,215, 4,715 (Wijk 06 Nieuw-Amsterdam), 100), then buurten
        (
            "amsterdam",
            [
                ("gemeente", "GM0363", "exact", None),
                ("wijk", "WK0363TC", "begin", None),
                ("wijk", "WK039207", "begin", None),
                ("wijk", "WK011406", "begin", None),
                ("wijk", "WK036214", "begin", None),
                ("buurt", "BU01140600", "begin", None),
            ],
        ),
        ("bu0363aa04", [("buurt", "BU0363AA04", "exact", None)]),  # codes in any case
        ("0363", [("gemeente", "GM0363", "exact", None)]),  # a code without its GM prefix
        # a code prefix: municipalities by inhabitants (Amsterdam 931,298, Utrecht 374,238, Haarlem 167,636)
        (
            "GM03",
            [
                ("gemeente", "GM0363", "begin", None),
                ("gemeente", "GM0344", "begin", None),
                ("gemeente", "GM0392", "begin", None),
            ],
        ),
        # "Haag" begins a word of "Den Haag": the municipality first, then wijken by inhabitants (Hoef en
        # Haag 3,795, Wijk 24 Haagse Bos 465)
        ("haag", [("gemeente", "GM0518", "begin", None), ("wijk", "WK196136", "begin", None)]),
        # many exact wijken: by inhabitants (24,920 and 15,655)
        ("Centrum", [("wijk", "WK001400", "exact", None), ("wijk", "WK062201", "exact", None)]),
        ("linhof", [("corporatie", "L0002", "begin", None)]),  # associations by name (a word of it)
        ("inhof", [("corporatie", "L0002", "bevat", None)]),  # inside a word: contains
        ("L0002", [("corporatie", "L0002", "exact", None)]),  # and by id
        ("Xyzzyq", []),  # nothing alike
        ("%%", []),  # no letter or digit: nothing (wildcards are not wildcards)
        ("a", []),  # too short
    ],
)
def test_ranking(search_db: str, term: str, expected: list[tuple[Any, ...]]) -> None:
    hits = search.zoek(term, search_db)
    assert _top(hits, len(expected)) == expected
    if not expected:
        assert hits == []


def test_every_hit_outranks_the_next(search_db: str) -> None:
    """exact > begin > bevat > gelijkend, whatever the level, in one list ("haag" has all four)."""
    order = ["exact", "begin", "bevat", "gelijkend"]
    for term in ("haag", "groningen", "amsterdm", "bos"):
        tiers = [order.index(h["overeenkomst"]) for h in search.zoek(term, search_db, limit=200)]
        assert tiers == sorted(tiers), term


def test_alternative_name_is_named_in_the_hit(search_db: str) -> None:
    (hit, *_) = search.zoek("den haag", search_db)
    assert (hit["naam"], hit["gevonden_op"], hit["url"], hit["indelingsjaar"]) == (
        "'s-Gravenhage",
        "Den Haag",
        "/gemeenten/GM0518",
        2025,
    )


def test_code_of_an_older_division_is_found_without_a_page(search_db: str) -> None:
    """BU07530001 (Best, Centrum) exists in the 2024 division only: found, with its year, no page."""
    (hit,) = search.zoek("BU07530001", search_db)
    assert (hit["soort"], hit["naam"], hit["indelingsjaar"], hit["exact"], hit["url"]) == (
        "buurt",
        "Centrum",
        2024,
        True,
        None,
    )
    assert search.enige_exacte_pagina([hit]) is None


@pytest.mark.parametrize(
    ("term", "page"),
    [
        ("Den Haag", "/gemeenten/GM0518"),
        ("amsterdam", "/gemeenten/GM0363"),  # one exact hit among many that begin with it
        ("bu0363aa04", "/buurten/BU0363AA04"),
        ("L0002", "/corporaties/L0002"),
        ("Centrum", None),  # many exact hits
        ("Amsterdm", None),  # only similar hits
    ],
)
def test_the_page_of_the_only_exact_hit(search_db: str, term: str, page: str | None) -> None:
    assert search.enige_exacte_pagina(search.zoek(term, search_db)) == page


def test_example_code_exists_and_is_found(search_db: str) -> None:
    """The form's example is the buurt with the most inhabitants: Groot IJsselmonde (29,660)."""
    code = search.voorbeeldcode(search_db)
    assert code == "BU05991289"
    assert search.enige_exacte_pagina(search.zoek(code, search_db)) == f"/buurten/{code}"


def _normalised(name: str) -> str:
    """The matching rule restated in Python (the SQL in storage.search_queries must agree)."""
    folded = name.translate(str.maketrans(search_queries.ACCENTED, search_queries.PLAIN)).lower()
    return re.sub("[^a-z0-9]+", " ", folded).strip()


def _trigram_count(normalised: str) -> int:
    padded = f"  {normalised} "
    return len({padded[i : i + 3] for i in range(len(padded) - 2)})


def test_index_follows_the_rule_for_every_name(search_db: str) -> None:
    """Every indexed name is normalised and counted as the rule says, so both backends agree."""
    with get_engine(search_db).connect() as conn:
        rows = conn.execute(text("SELECT zoeknaam, genormaliseerd, trigrammen FROM web_zoeknaam")).all()
        trigrams = conn.execute(text("SELECT count(*) FROM web_zoektrigram")).scalar()
    # 342 gemeenten + 3,504 wijken + 14,822 buurten (2025) + 9 associations + 5 alternative names
    assert len(rows) == 18_682
    assert [(r[1], r[2]) for r in rows] == [
        (_normalised(r[0]), _trigram_count(_normalised(r[0]))) for r in rows
    ]
    assert trigrams == sum(r[2] for r in rows)


def test_alternative_names_belong_to_existing_municipalities() -> None:
    """Each row names a 2025 municipality by its CBS code and name, and gives a source."""
    with open(demo.data_path("cbs_gebiedscodes_2025_gemeenten.csv"), encoding="utf-8-sig") as handle:
        cbs = {f"GM{r['Gemeente2025']}": r["Gemeentenaam2025"] for r in csv.DictReader(handle, delimiter=";")}
    names = search.alternatieve_namen()
    assert names and all(cbs.get(a.gemeentecode) == a.gemeentenaam for a in names)
    assert all(a.bron and a.soort for a in names)


def test_index_is_rebuilt_after_an_import(tiny_db: str) -> None:
    """A renamed association is found under its new name as soon as the import has landed."""
    assert [h for h in search.zoek("Woonstichting Voorbeeld", tiny_db) if h["overeenkomst"] == "exact"] == []
    options = ImportOptions(peildatum=date(2025, 6, 1))
    assert (
        import_file(tiny_db, "partijen", EXAMPLES / "partijen.csv", options).status is ImportStatus.IMPORTED
    )
    areas.refresh(tiny_db)  # as the upload page does; otherwise within the 2 s freshness window
    hits = search.zoek("Woonstichting Voorbeeld (fictief)", tiny_db)
    assert _top(hits, 1) == [("corporatie", "L0001", "exact", None)]


def test_index_is_rebuilt_when_the_alternative_names_change(tiny_db: str) -> None:
    search_queries.ensure_index(tiny_db, _data_version(tiny_db), [("GM0363", "Mokum")])
    hits = search_queries.search(tiny_db, "mokum", None, 5, search.DREMPEL)
    assert [(h["code"], h["trede"], h["zoeknaam"]) for h in hits[:1]] == [("GM0363", 0, "Mokum")]


def _data_version(url: str) -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text("SELECT max(import_id) FROM import_log")).scalar() or 0)
