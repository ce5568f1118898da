"""Monitor queries over restructuring plans under municipal direction (R3, R8): the current plans with
their objects counted per stock (also for the gemeente page), and the plans each association complex
is in (R1 evidence).

The counts are plain; ``services.restructuring`` and ``services.monitor.restructuring`` give them
their meaning (``domain.restructuring``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from leefbaar.domain.housing import Voorraad
from leefbaar.storage.monitor_queries.shared import (
    Row,
    connect,
    current_facts,
    fetch_rows,
    provincie_cte,
)
from leefbaar.storage.tables import CURRENT_FIRST

_CORPORATIE = Voorraad.CORPORATIE.value
_PARTICULIER = Voorraad.PARTICULIER.value


def _objects(conn: Connection, peildatum: date) -> str:
    """The current objects of the plans that still belong to them (not ``vervallen``)."""
    objecten = current_facts(conn, "herstructureringsplan_object", peildatum)
    return f"(SELECT * FROM {objecten} o WHERE NOT o.vervallen)"


def restructuring_plans(url: str, peildatum: date, gemeentecode: str | None = None) -> list[Row]:
    """Every current plan (of one municipality, or all) with its province and, per stock, its objects:
    ``corporatie_complexen`` (distinct complexes), ``particuliere_woningen`` (distinct verblijfsobjecten)
    and, when one municipality is asked, ``corporatie_woningen``: the current association dwellings of
    those complexes (BAG woningen)."""
    params: dict[str, object] = {"p": peildatum, "g": gemeentecode}
    where = "WHERE p.gemeentecode = :g" if gemeentecode else ""
    with connect(url) as conn:
        plan = current_facts(conn, "herstructureringsplan", peildatum)
        objecten = _objects(conn, peildatum)
        woningen_cte, woningen_join, woningen_col = "", "", ""
        if gemeentecode:
            # Only the dwellings of the plans' complexes are read, then their latest version.
            woningen_cte = f""",
        pc AS (SELECT DISTINCT plan_id, corporatie_id, complexnummer FROM o
               WHERE voorraad = '{_CORPORATIE}' AND gemeentecode = :g),
        ids AS (SELECT DISTINCT w.verblijfsobject_id FROM woning w
                JOIN pc ON pc.corporatie_id = w.corporatie_id AND pc.complexnummer = w.complexnummer
                WHERE w.peildatum <= :p),
        wv AS (SELECT w.verblijfsobject_id, w.eigendom, w.corporatie_id, w.complexnummer,
                      row_number() OVER (PARTITION BY w.verblijfsobject_id ORDER BY {CURRENT_FIRST}) AS rang
               FROM woning w JOIN ids ON ids.verblijfsobject_id = w.verblijfsobject_id
               WHERE w.peildatum <= :p),
        pw AS (SELECT pc.plan_id, count(*) AS woningen FROM pc
               JOIN wv ON wv.rang = 1 AND wv.eigendom = 'corporatie'
                    AND wv.corporatie_id = pc.corporatie_id AND wv.complexnummer = pc.complexnummer
               GROUP BY pc.plan_id)"""
            woningen_join = "LEFT JOIN pw ON pw.plan_id = p.plan_id"
            woningen_col = ", COALESCE(pw.woningen, 0) AS corporatie_woningen"
        sql = f"""WITH {provincie_cte()},
        o AS {objecten},
        po AS (SELECT gemeentecode, plan_id,
                      count(DISTINCT corporatie_id || '/' || complexnummer)
                          FILTER (WHERE voorraad = '{_CORPORATIE}') AS corporatie_complexen,
                      count(DISTINCT verblijfsobject_id)
                          FILTER (WHERE voorraad = '{_PARTICULIER}') AS particuliere_woningen
               FROM o GROUP BY gemeentecode, plan_id){woningen_cte}
        SELECT p.*, gp.provinciecode,
               COALESCE(po.corporatie_complexen, 0) AS corporatie_complexen,
               COALESCE(po.particuliere_woningen, 0) AS particuliere_woningen{woningen_col}
        FROM {plan} p
        LEFT JOIN gp ON gp.gemeentecode = p.gemeentecode
        LEFT JOIN po ON po.gemeentecode = p.gemeentecode AND po.plan_id = p.plan_id
        {woningen_join}
        {where}
        ORDER BY p.gemeentecode, p.startjaar, p.plan_id"""
        return fetch_rows(conn, sql, params)


def restructuring_plan_complexes(url: str, peildatum: date, gemeentecode: str, plan_id: str) -> list[Row]:
    """The association complexes of one plan with their names (for the page)."""
    with connect(url) as conn:
        objecten = _objects(conn, peildatum)
        complex_ = current_facts(conn, "complex", peildatum)
        sql = f"""SELECT DISTINCT o.corporatie_id, o.complexnummer, c.naam
        FROM {objecten} o
        LEFT JOIN {complex_} c ON c.corporatie_id = o.corporatie_id AND c.complexnummer = o.complexnummer
        WHERE o.gemeentecode = :g AND o.plan_id = :id AND o.voorraad = '{_CORPORATIE}'
        ORDER BY o.corporatie_id, o.complexnummer"""
        return fetch_rows(conn, sql, {"p": peildatum, "g": gemeentecode, "id": plan_id})


def complex_plans_sql(conn: Connection, peildatum: date, statuses: tuple[str, ...]) -> str:
    """A relation (corporatie_id, complexnummer, herstructurering): per association complex listed in a
    current restructuring plan with one of ``statuses`` and demolition (``woningen_sloop > 0``), the
    name of the first such plan (R1 evidence, ADR 0027)."""
    plan = current_facts(conn, "herstructureringsplan", peildatum)
    objecten = _objects(conn, peildatum)
    wanted = ", ".join(f"'{s}'" for s in statuses)
    return f"""(SELECT o.corporatie_id, o.complexnummer, min(p.naam) AS herstructurering
        FROM {objecten} o
        JOIN {plan} p ON p.gemeentecode = o.gemeentecode AND p.plan_id = o.plan_id
        WHERE o.voorraad = '{_CORPORATIE}' AND p.status IN ({wanted}) AND p.woningen_sloop > 0
        GROUP BY o.corporatie_id, o.complexnummer)"""
