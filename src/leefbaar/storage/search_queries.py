"""Search: the name index (``web_zoeknaam``, ``web_zoektrigram``) and the ranked search query.

One matching rule, written once in portable SQL, so DuckDB and PostgreSQL 15 find and rank the same
hits (no ``pg_trgm``: its similarity pads every word on its own and DuckDB has no equivalent):

* **normalised**: accents folded (á -> a, both cases), lower case, every run of characters other
  than a-z and 0-9 one space, trimmed: "'s-Gravenhage" -> "s gravenhage", "Súdwest-Fryslân" ->
  "sudwest fryslan" (:func:`normalised_sql`);
* **trigrams**: the distinct three-character pieces of ``'  ' || normalised || ' '``
  ("den haag" -> "  d", " de", "den", "en ", "n h", " ha", "haa", "aag", "ag ");
* **similarity**: shared trigrams / trigrams of either (Jaccard), a ratio of two whole numbers, so
  both backends compute the same double.

Tiers, best first: 0 exact (the code, the code without its GM/WK/BU prefix, or the normalised name
or alternative name), 1 the code, or the name or one of its words, begins with the term ("haag"
finds "Den Haag"), 2 the name contains it, 3 the similarity is at least ``drempel`` (terms of 3 or
more characters). Within tiers 0-2: gemeente, corporatie, wijk, buurt, then more inhabitants first,
then name and code; within tier 3 the similarity comes first. A code that is not in the newest
division year is still found (tier 0, after the current ones) with the newest older year that has it.

The index is derived data, like the web summaries: :func:`ensure_index` rebuilds it set-based when
imports have landed or the list of alternative names (or this rule) changed, so a request reads
about 19,000 short names and their trigrams instead of normalising every name again.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from leefbaar.storage.area_queries import _CURRENT_PARTIJ, _inwoners_cte
from leefbaar.storage.engine import Backend, backend_of, get_engine

Row = dict[str, Any]

#: Letters with accents that matching folds to their base letter. Upper case as well: PostgreSQL's
#: lower() leaves non-ASCII letters alone in a database with the C locale (DuckDB's does not).
ACCENTED = "áàâäãåéèêëíìîïóòôöõúùûüýÿçñ" + "ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÝŸÇÑ"
PLAIN = "".join(unicodedata.normalize("NFD", ch)[0].lower() for ch in ACCENTED)

#: Terms shorter than this (normalised) are matched exactly, by prefix and by substring only.
MIN_FUZZY_LENGTH = 3

_INDEX_KEY_PREFIX = "zoeken:"
#: Bump when the index's contents change meaning without a change of the SQL below.
_INDEX_VERSION = "1"
_LEVELS = ("gemeente", "wijk", "buurt")
_refresh_lock = threading.Lock()


def normalised_sql(expression: str) -> str:
    """SQL for the normalised form of a text ``expression`` (the same on both backends)."""
    return (
        f"trim(regexp_replace(lower(translate({expression}, '{ACCENTED}', '{PLAIN}')), "
        "'[^a-z0-9]+', ' ', 'g'))"
    )


def _trigrams_sql(padded: str, lengte: str) -> str:
    """The select item ``trigram`` and a FROM over positions 1..``lengte``, to be joined to the rows
    holding the text ``padded`` on ``g.i <= length(padded) - 2``: one row per trigram position."""
    return f"""substr({padded}, g.i, 3) AS trigram
        FROM (SELECT i FROM generate_series(1, CAST({lengte} AS INTEGER)) AS g(i)) g"""


# --- the index --------------------------------------------------------------------------------


def index_key(alternatives: Sequence[tuple[str, str]]) -> str:
    """The key of an index built with these alternative names and this rule (stored with the index)."""
    fingerprint = repr((sorted(alternatives), normalised_sql("x"), _INDEX_VERSION)).encode()
    return _INDEX_KEY_PREFIX + hashlib.sha256(fingerprint).hexdigest()[:16]


def ensure_index(url: str, version: int, alternatives: Sequence[tuple[str, str]]) -> None:
    """Make the index match data ``version`` (the newest import id) and these alternative names.

    ``alternatives`` are (gemeentecode, alternative name) pairs. Cheap when nothing changed: one
    query for the stored key (``services.search`` asks once per data version).
    """
    key = index_key(alternatives)
    with _refresh_lock, get_engine(url).begin() as conn:
        if backend_of(url) is Backend.POSTGRES:
            # Several server processes may notice new data at once: one rebuilds, the others wait.
            conn.execute(text("SELECT pg_advisory_xact_lock(606061)"))
        built = conn.execute(
            text("SELECT laatste_import_id FROM web_samenvatting_stand WHERE sleutel = :k"), {"k": key}
        ).scalar()
        if built is None or int(built) != version:
            _rebuild(conn, alternatives)
            conn.execute(
                text("DELETE FROM web_samenvatting_stand WHERE sleutel LIKE :p"),
                {"p": _INDEX_KEY_PREFIX + "%"},
            )
            conn.execute(
                text("INSERT INTO web_samenvatting_stand VALUES (:k, :v, :t)"),
                {"k": key, "v": version, "t": datetime.now()},
            )


def _alternatives_sql(alternatives: Sequence[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    if not alternatives:
        return "SELECT CAST(NULL AS VARCHAR) AS code, CAST(NULL AS VARCHAR) AS zoeknaam WHERE 1 = 0", {}
    params: dict[str, str] = {}
    rows = []
    for i, (code, name) in enumerate(alternatives):
        params[f"ac{i}"], params[f"an{i}"] = code, name
        rows.append(f"(:ac{i}, :an{i})")
    return f"SELECT code, zoeknaam FROM (VALUES {', '.join(rows)}) AS a(code, zoeknaam)", params


def _rebuild(conn: Connection, alternatives: Sequence[tuple[str, str]]) -> None:
    """Fill the index from the newest division year's areas, the current associations and ``alternatives``."""
    alternative_sql, params = _alternatives_sql(alternatives)
    levels = ", ".join(f"'{level}'" for level in _LEVELS)
    conn.execute(text("DELETE FROM web_zoektrigram"))
    conn.execute(text("DELETE FROM web_zoeknaam"))
    conn.execute(
        text(f"""INSERT INTO web_zoeknaam (id, soort, code, indelingsjaar, naam, zoeknaam, alternatief,
                     gemeentecode, gemeentenaam, inwoners, genormaliseerd, trigrammen)
            WITH jaar AS (SELECT max(indelingsjaar) AS j FROM regio WHERE niveau = 'gemeente'),
            {_inwoners_cte("1 = 1")},
            {_CURRENT_PARTIJ},
            alternatief AS ({alternative_sql}),
            namen AS (
                SELECT r.niveau AS soort, r.code, r.indelingsjaar, r.naam, r.naam AS zoeknaam,
                       FALSE AS alternatief, r.gemeentecode, g.naam AS gemeentenaam
                FROM regio r JOIN jaar ON r.indelingsjaar = jaar.j
                LEFT JOIN regio g ON g.code = r.gemeentecode AND g.indelingsjaar = r.indelingsjaar
                WHERE r.niveau IN ({levels})
                UNION ALL
                SELECT r.niveau, r.code, r.indelingsjaar, r.naam, a.zoeknaam, TRUE, r.gemeentecode, r.naam
                FROM alternatief a JOIN regio r ON r.code = a.code JOIN jaar ON r.indelingsjaar = jaar.j
                WHERE r.niveau = 'gemeente'
                UNION ALL
                SELECT 'corporatie', p.partij_id, jaar.j, p.naam, p.naam, FALSE, p.gemeentecode, g.naam
                FROM partij_nu p JOIN jaar ON jaar.j IS NOT NULL
                LEFT JOIN regio g ON g.code = p.gemeentecode AND g.indelingsjaar = jaar.j
                WHERE p.soort = 'corporatie')
            SELECT row_number() OVER (ORDER BY n.soort, n.code, n.alternatief, n.zoeknaam), n.soort, n.code,
                   n.indelingsjaar, n.naam, n.zoeknaam, n.alternatief, n.gemeentecode, n.gemeentenaam,
                   CAST(inw.inwoners AS BIGINT), {normalised_sql("n.zoeknaam")}, 0
            FROM namen n LEFT JOIN inw ON inw.regiocode = n.code AND n.soort <> 'corporatie'"""),
        params,
    )
    longest = conn.execute(text("SELECT coalesce(max(length(genormaliseerd)), 0) FROM web_zoeknaam")).scalar()
    # Stored in trigram order, so DuckDB can skip the row groups that cannot hold the term's
    # trigrams (a join with five trigrams: 5 ms instead of 24 on the tiny demo); PostgreSQL uses
    # the index.
    conn.execute(
        text(f"""INSERT INTO web_zoektrigram (naam_id, trigram)
            SELECT DISTINCT n.id, {_trigrams_sql("n.p", ":lengte")}
            JOIN (SELECT id, '  ' || genormaliseerd || ' ' AS p FROM web_zoeknaam) n ON g.i <= length(n.p) - 2
            ORDER BY trigram, n.id"""),
        {"lengte": int(longest or 0) + 3},
    )
    conn.execute(
        text("""UPDATE web_zoeknaam SET trigrammen = t.n
            FROM (SELECT naam_id, count(*) AS n FROM web_zoektrigram GROUP BY naam_id) t
            WHERE t.naam_id = web_zoeknaam.id""")
    )


# --- the query --------------------------------------------------------------------------------


_HIT_COLUMNS = "soort, code, naam, zoeknaam, alternatief, indelingsjaar, gemeentecode, gemeentenaam, inwoners, trede, gelijkenis"

# Hits in the index (the newest division year), scored; the best match per area or association.
_INDEX_HITS = f"""zoek AS (SELECT {normalised_sql(":term")} AS t),
    zoek_tri AS (SELECT DISTINCT {_trigrams_sql("z.p", ":lengte")}
        JOIN (SELECT '  ' || t || ' ' AS p FROM zoek WHERE length(t) >= {MIN_FUZZY_LENGTH}) z
          ON g.i <= length(z.p) - 2),
    zoek_n AS (SELECT count(*) AS n FROM zoek_tri),
    gedeeld AS (SELECT tr.naam_id, count(*) AS gedeeld
        FROM web_zoektrigram tr JOIN zoek_tri z ON z.trigram = tr.trigram GROUP BY tr.naam_id),
    gescoord AS (
        SELECT n.soort, n.code, n.naam, n.zoeknaam, n.alternatief, n.indelingsjaar, n.gemeentecode,
               n.gemeentenaam, n.inwoners,
               CASE WHEN n.code = :code OR (n.soort <> 'corporatie' AND substr(n.code, 3) = :code)
                         OR n.genormaliseerd = z.t THEN 0
                    WHEN n.code LIKE :codebegin OR (' ' || n.genormaliseerd) LIKE ('% ' || z.t || '%') THEN 1
                    WHEN n.genormaliseerd LIKE ('%' || z.t || '%') THEN 2
                    ELSE 3 END AS trede,
               CASE WHEN d.gedeeld IS NULL THEN CAST(0 AS DOUBLE PRECISION)
                    ELSE CAST(d.gedeeld AS DOUBLE PRECISION) / (zn.n + n.trigrammen - d.gedeeld)
                    END AS gelijkenis
        FROM web_zoeknaam n CROSS JOIN zoek z CROSS JOIN zoek_n zn LEFT JOIN gedeeld d ON d.naam_id = n.id
        WHERE z.t <> ''),
    beste AS (
        SELECT g.*, row_number() OVER (PARTITION BY g.soort, g.code
               ORDER BY g.trede, g.gelijkenis DESC, g.alternatief, g.zoeknaam) AS rn
        FROM gescoord g WHERE g.trede < 3 OR g.gelijkenis >= :drempel)"""

# A code that is not in the newest division year: the newest older year that has it (exact only).
_OLDER_CODE = f"""SELECT r.niveau AS soort, r.code, r.naam, r.naam AS zoeknaam, FALSE AS alternatief,
           r.indelingsjaar, r.gemeentecode, g.naam AS gemeentenaam, CAST(NULL AS BIGINT) AS inwoners,
           0 AS trede, CAST(1 AS DOUBLE PRECISION) AS gelijkenis, FALSE AS nieuwste
    FROM regio r LEFT JOIN regio g ON g.code = r.gemeentecode AND g.indelingsjaar = r.indelingsjaar
    WHERE r.code IN (:code, 'GM' || :code, 'WK' || :code, 'BU' || :code)
      AND r.niveau IN ({", ".join(f"'{level}'" for level in _LEVELS)})
      AND r.indelingsjaar < (SELECT max(indelingsjaar) FROM web_zoeknaam)
      AND NOT EXISTS (SELECT 1 FROM regio c WHERE c.code = r.code AND c.indelingsjaar > r.indelingsjaar)"""


def search(url: str, term: str, code: str | None, limit: int, drempel: float) -> list[Row]:
    """The ranked hits for ``term`` (see the module docstring); ``code`` is the term as a code, if it is one.

    Each row: soort, code, naam, zoeknaam (the name matched), alternatief, indelingsjaar,
    gemeentecode, gemeentenaam, inwoners, trede (0-3), gelijkenis (0-1), nieuwste (in the newest
    division year, so with a page).
    """
    older = "" if code is None else f"UNION ALL {_OLDER_CODE}"
    sql = f"""WITH {_INDEX_HITS}
        SELECT {_HIT_COLUMNS}, nieuwste FROM (
            SELECT {_HIT_COLUMNS}, TRUE AS nieuwste FROM beste WHERE rn = 1
            {older}) hits
        ORDER BY trede, CASE WHEN nieuwste THEN 0 ELSE 1 END,
                 CASE WHEN trede = 3 THEN gelijkenis ELSE 0 END DESC,
                 CASE soort WHEN 'gemeente' THEN 0 WHEN 'corporatie' THEN 1 WHEN 'wijk' THEN 2 ELSE 3 END,
                 CASE WHEN inwoners IS NULL THEN 1 ELSE 0 END, inwoners DESC, naam, code
        LIMIT :limit"""
    params = {
        "term": term,
        # Normalising never lengthens a term by more than one character per character (lower()).
        "lengte": 2 * len(term) + 3,
        "code": code,
        "codebegin": None if code is None else code + "%",
        "drempel": drempel,
        "limit": limit,
    }
    with get_engine(url).connect() as conn:
        return [dict(r) for r in conn.execute(text(sql), params).mappings().all()]


def example_buurtcode(url: str) -> str | None:
    """The code of the indexed buurt with the most inhabitants (an example that exists), or None."""
    sql = """SELECT code FROM web_zoeknaam WHERE soort = 'buurt' AND inwoners IS NOT NULL
             ORDER BY inwoners DESC, code LIMIT 1"""
    with get_engine(url).connect() as conn:
        value = conn.execute(text(sql)).scalar()
    return None if value is None else str(value)
