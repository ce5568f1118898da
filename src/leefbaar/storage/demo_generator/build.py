"""Run the demo generator: every step in order in DuckDB, then write the results to the database,
each table with its import-log row.

On DuckDB the work tables live in a separate in-memory catalog of the same connection and the
results land in one transaction; on PostgreSQL an in-process DuckDB generates and ``COPY`` loads.
The synthetic local agreements are not a fact table: they come back to the caller
(:class:`Generated`), which stores them as agreement records.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb
from sqlalchemy import text

from leefbaar.privacy.pseudonymise import Pseudonymiser
from leefbaar.storage import tables
from leefbaar.storage.arrow_io import copy_duckdb_query_to_postgres
from leefbaar.storage.demo_generator.condition import make_condition, make_plans_and_defects
from leefbaar.storage.demo_generator.parties import make_complexes, make_parties
from leefbaar.storage.demo_generator.policy import (
    make_allocations,
    make_investments_and_buurtkamers,
    make_municipal_instruments,
)
from leefbaar.storage.demo_generator.recipe import BRON, FIXED_ASSOCIATIONS, INDELINGSJAAR, PEILDATUM, Scale
from leefbaar.storage.demo_generator.restructuring import make_restructuring
from leefbaar.storage.demo_generator.stock import (
    load_inputs,
    make_buurten,
    make_dwellings,
    make_gemeenten,
    make_register,
)
from leefbaar.storage.engine import DUCKDB_CONFIG, Backend, backend_of, driver, get_engine

Progress = Callable[[str, int, int], None]


#: Generated table -> (target table, SELECT producing the target columns in order).
def _outputs() -> dict[str, tuple[str, str]]:
    p = f"DATE '{PEILDATUM.isoformat()}' AS peildatum"
    return {
        "partij": (
            "partij",
            f"SELECT partij_id, soort, naam, gemeentecode, synthetisch, {p} FROM gen_partij",
        ),
        "complex": (
            "complex",
            "SELECT corporatie_id, complexnummer, 'Complex ' || complexnummer || ' (fictief)' AS naam, "
            f"gemeentecode, CAST(bouwjaar AS SMALLINT) AS bouwjaar, {p} FROM gen_complex",
        ),
        "woning": ("woning", "SELECT * FROM gen_woning"),
        "conditiemeting": (
            "conditiemeting",
            "SELECT corporatie_id, complexnummer, element, CAST(score AS SMALLINT) AS score, "
            f"vervangingswaarde_eur, meetdatum, 'NEN 2767' AS methode, {p} FROM gen_conditie",
        ),
        "gebrek": ("gebrek", f"SELECT *, {p} FROM gen_gebrek"),
        "plan": ("plan", f"SELECT *, {p} FROM gen_plan"),
        "investering": ("investering", f"SELECT *, {p} FROM gen_investering"),
        "investering_basislijn": ("investering_basislijn", f"SELECT *, {p} FROM gen_basislijn"),
        "buurtkamer": ("buurtkamer", f"SELECT *, {p} FROM gen_buurtkamer"),
        "vhf_ronde": ("vhf_ronde", f"SELECT *, {p} FROM gen_vhf_ronde"),
        "vhf_bijdrage": ("vhf_bijdrage", f"SELECT *, {p} FROM gen_vhf"),
        "vhf_besteding": ("vhf_besteding", f"SELECT *, {p} FROM gen_vhf_besteding"),
        "vhf_planadres": ("vhf_planadres", f"SELECT *, {p} FROM gen_vhf_planadres"),
        "herstructureringsplan": ("herstructureringsplan", f"SELECT *, {p} FROM gen_herstructurering"),
        "herstructureringsplan_object": (
            "herstructureringsplan_object",
            f"SELECT *, {p} FROM gen_herstructurering_object",
        ),
        "toewijzing": ("toewijzing", f"SELECT *, {p} FROM gen_toewijzing"),
        "urgentieverordening": ("urgentieverordening", f"SELECT *, {p} FROM gen_urgentie"),
        "woonzorgvisie": ("woonzorgvisie", f"SELECT *, {p} FROM gen_woonzorgvisie"),
    }


@dataclass(frozen=True)
class Generated:
    """What a generation wrote (rows per table) and the synthetic local agreements it drew up: per
    agreement its id, municipality (code, name, division year), period and parties (id, soort, naam).
    The example municipalities have shipped agreements and get none here."""

    counts: dict[str, int]
    lokale_afspraken: list[dict[str, Any]] = field(default_factory=list)


STEPS = (
    "gemeenten",
    "buurten",
    "woningen",
    "complexen",
    "woningregister",
    "conditie",
    "partijen",
    "plannen en gebreken",
    "investeringen en buurtkamers",
    "gemeentelijke instrumenten",
    "herstructurering",
    "toewijzingen",
    "laden",
)


def generate(
    url: str, scale: Scale, seed: int, progress: Progress | None = None, *, pseudonymiser: Pseudonymiser
) -> Generated:
    """Generate the synthetic data into the (migrated, reference-data-filled) database at ``url``.

    Returns the number of rows written per table (every table lands with an import-log row) and the
    synthetic local agreements, for the caller to store as records. ``pseudonymiser``: Leefbaar's
    current key for allocations, which pseudonymises the fictitious households as an import would.
    """
    report = progress or (lambda _s, _i, _n: None)
    backend = backend_of(url)
    with _generation_connection(url, backend) as (duck, catalog):
        duck.execute("SET preserve_insertion_order = false")
        load_inputs(url, duck)
        steps: list[tuple[str, Callable[[], None]]] = [
            ("gemeenten", lambda: make_gemeenten(duck, scale)),
            ("buurten", lambda: make_buurten(duck, seed)),
            ("woningen", lambda: make_dwellings(duck, seed)),
            ("complexen", lambda: make_complexes(duck, seed)),
            ("woningregister", lambda: make_register(duck, seed)),
            ("conditie", lambda: make_condition(duck, seed)),
            ("partijen", lambda: make_parties(duck)),
            ("plannen en gebreken", lambda: make_plans_and_defects(duck, seed)),
            ("investeringen en buurtkamers", lambda: make_investments_and_buurtkamers(duck, seed)),
            ("gemeentelijke instrumenten", lambda: make_municipal_instruments(duck, seed)),
            ("herstructurering", lambda: make_restructuring(duck, seed)),
            ("toewijzingen", lambda: make_allocations(duck, seed, pseudonymiser)),
        ]
        for index, (name, step) in enumerate(steps):
            report(name, index, len(STEPS))
            step()
        report("laden", len(steps), len(STEPS))
        counts = _write(url, backend, duck, catalog, scale, seed)
        agreements = _local_agreements(duck)
        report("klaar", len(STEPS), len(STEPS))
    return Generated(counts, agreements)


def _local_agreements(duck: Any) -> list[dict[str, Any]]:
    """The synthetic local agreements with their parties' kinds and names (one row per party read)."""
    examples = ", ".join(f"'{code}'" for code in FIXED_ASSOCIATIONS)
    rows = duck.execute(f"""
        WITH a AS (
            SELECT afspraak_id, gemeentecode, startjaar, eindjaar, unnest(string_split(partijen, ';')) AS partij
            FROM gen_prestatieafspraak WHERE gemeentecode NOT IN ({examples}))
        SELECT a.afspraak_id, a.gemeentecode, g.naam AS gemeentenaam, a.startjaar, a.eindjaar,
               p.partij_id, p.soort, p.naam
        FROM a JOIN gen_gemeente g USING (gemeentecode) JOIN gen_partij p ON p.partij_id = a.partij
        ORDER BY a.afspraak_id, p.partij_id""").fetchall()
    out: dict[str, dict[str, Any]] = {}
    for afspraak_id, gemeentecode, gemeentenaam, start, eind, partij_id, soort, naam in rows:
        item = out.setdefault(
            afspraak_id,
            {
                "afspraak_id": afspraak_id,
                "gemeentecode": gemeentecode,
                "gemeentenaam": gemeentenaam,
                "indelingsjaar": INDELINGSJAAR,
                "startjaar": int(start),
                "eindjaar": int(eind),
                "partijen": [],
            },
        )
        item["partijen"].append({"id": partij_id, "soort": soort, "naam": naam})
    return list(out.values())


@contextlib.contextmanager
def _generation_connection(url: str, backend: Backend) -> Iterator[Any]:
    if backend is Backend.DUCKDB:
        raw = get_engine(url).raw_connection()
        duck = driver(raw)
        catalog = duck.execute("SELECT current_database()").fetchone()[0]
        # Work tables live in a separate in-memory catalog so the database file only gets the results.
        duck.execute("ATTACH ':memory:' AS gen")
        duck.execute("USE gen")
        try:
            yield duck, f'"{catalog}"'
        finally:
            with contextlib.suppress(Exception):
                duck.execute(f'USE "{catalog}"')
                duck.execute("DETACH gen")
            raw.close()
    else:
        duck = duckdb.connect(config=dict(DUCKDB_CONFIG))
        try:
            yield duck, ""
        finally:
            duck.close()


def _write(url: str, backend: Backend, duck: Any, catalog: str, scale: Scale, seed: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    outputs = _outputs()
    if backend is Backend.DUCKDB:
        duck.execute("BEGIN TRANSACTION")
        try:
            for name, (table, select) in outputs.items():
                columns = [c.name for c in tables.metadata.tables[table].columns if c.name != "import_id"]
                import_id = int(duck.execute(f"SELECT nextval('{catalog}.import_id_seq')").fetchone()[0])
                col_list = ", ".join(f'"{c}"' for c in columns)
                duck.execute(
                    f"INSERT INTO {catalog}.{table} ({col_list}, import_id) SELECT *, {import_id} FROM ({select})"
                )
                counts[name] = int(duck.execute(f"SELECT count(*) FROM ({select})").fetchone()[0])
                _log_duckdb(duck, catalog, import_id, name, counts[name], scale, seed)
            duck.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                duck.execute("ROLLBACK")
            raise
        return counts
    for name, (table, select) in outputs.items():
        columns = [c.name for c in tables.metadata.tables[table].columns if c.name != "import_id"]
        with get_engine(url).begin() as conn:
            import_id = int(conn.execute(text("SELECT nextval('import_id_seq')")).scalar_one())
        counts[name] = copy_duckdb_query_to_postgres(
            duck, f"SELECT *, {import_id} AS import_id FROM ({select})", url, table, [*columns, "import_id"]
        )
        with get_engine(url).begin() as conn:
            conn.execute(
                tables.import_log.insert().values(**_log_row(import_id, name, counts[name], scale, seed))
            )
    return counts


def _log_row(import_id: int, name: str, rows: int, scale: Scale, seed: int) -> dict[str, Any]:
    now = datetime.now()
    return {
        "import_id": import_id,
        "soort": f"demo:{name}",
        "bestandsnaam": f"demo --scale {scale.name} --seed {seed}",
        # No file: the hash is of the recipe (generator, scale, seed, table), which fixes the rows.
        "sha256": hashlib.sha256(
            f"leefbaar demo --scale {scale.name} --seed {seed}: {name}".encode()
        ).hexdigest(),
        "rijen": rows,
        "peildatum": PEILDATUM,
        "indelingsjaar": INDELINGSJAAR,
        "bron": BRON,
        "gebruiker": "leefbaar demo",
        "gestart_op": now,
        "voltooid_op": now,
    }


def _log_duckdb(
    duck: Any, catalog: str, import_id: int, name: str, rows: int, scale: Scale, seed: int
) -> None:
    row = _log_row(import_id, name, rows, scale, seed)
    cols = list(row)
    duck.execute(
        f"INSERT INTO {catalog}.import_log ({', '.join(cols)}) VALUES ({', '.join('$' + c for c in cols)})",
        row,
    )
