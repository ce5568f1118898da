"""The Volkshuisvestingsfonds (R7) in SQL: its rounds, and per grant the amounts, the spending and the
addresses of its implementation plan, split into association and private stock (``domain.vhf``).

One query per question, on the current version of every fact on the reference date; the monitor
(the national budget verdict) and the municipality page and API read the same rows, so a plan
"with complex-level detail" is counted in one way everywhere: at least one address with status
``opgenomen``.
"""

from __future__ import annotations

from datetime import date

from leefbaar.domain.housing import Voorraad
from leefbaar.domain.vhf import PlanadresStatus
from leefbaar.storage.monitor_queries.shared import Row, connect, current_facts, fetch_rows, provincie_cte


def rounds(url: str, peildatum: date) -> list[Row]:
    """Every round with the amount it made available (current version on ``peildatum``), by year."""
    with connect(url) as conn:
        ronde = current_facts(conn, "vhf_ronde", peildatum)
        sql = f"SELECT ronde, beschikbaar_eur FROM {ronde} r ORDER BY ronde"
        return fetch_rows(conn, sql, {"p": peildatum})


def grants(
    url: str, peildatum: date, *, ronde_tot: int | None = None, gemeentecode: str | None = None
) -> list[Row]:
    """The current grants (of rounds up to ``ronde_tot``; of one municipality), by round and id, each
    with its province, the spending of the years up to the reference year (``besteed``) and its
    plan: the addresses in it per stock (``particulier``, ``corporatie``) and the association
    complexes they lie in (``complexen``)."""
    filters = []
    params: dict[str, object] = {"p": peildatum, "jaar": peildatum.year}
    if ronde_tot is not None:
        filters.append("b.ronde <= :ronde_tot")
        params["ronde_tot"] = ronde_tot
    if gemeentecode is not None:
        filters.append("b.gemeentecode = :gemeente")
        params["gemeente"] = gemeentecode
    where = f"WHERE {' AND '.join(filters)}" if filters else ""
    corporatie = f"voorraad = '{Voorraad.CORPORATIE.value}'"
    with connect(url) as conn:
        bijdrage = current_facts(conn, "vhf_bijdrage", peildatum)
        besteding = current_facts(conn, "vhf_besteding", peildatum)
        planadres = current_facts(conn, "vhf_planadres", peildatum)
        sql = f"""WITH {provincie_cte()},
        s AS (SELECT gemeentecode, bijdrage_id, sum(besteed_eur) AS besteed
              FROM {besteding} x WHERE jaar <= :jaar GROUP BY gemeentecode, bijdrage_id),
        a AS (SELECT gemeentecode, bijdrage_id,
                     count(*) FILTER (WHERE voorraad = '{Voorraad.PARTICULIER.value}') AS particulier,
                     count(*) FILTER (WHERE {corporatie}) AS corporatie,
                     count(DISTINCT CASE WHEN {corporatie} THEN corporatie_id || '/' || complexnummer END)
                         AS complexen
              FROM {planadres} y WHERE status = '{PlanadresStatus.OPGENOMEN.value}'
              GROUP BY gemeentecode, bijdrage_id)
        SELECT b.bijdrage_id, b.gemeentecode, gp.provinciecode, b.ronde, b.gebied, b.bedrag_eur,
               b.cofinanciering_eur, b.uitvoeringsplan, b.aantal_woningen, b.betrokken_partijen,
               COALESCE(s.besteed, 0) AS besteed, COALESCE(a.particulier, 0) AS particulier,
               COALESCE(a.corporatie, 0) AS corporatie, COALESCE(a.complexen, 0) AS complexen
        FROM {bijdrage} b
        LEFT JOIN gp ON gp.gemeentecode = b.gemeentecode
        LEFT JOIN s ON s.bijdrage_id = b.bijdrage_id AND s.gemeentecode = b.gemeentecode
        LEFT JOIN a ON a.bijdrage_id = b.bijdrage_id AND a.gemeentecode = b.gemeentecode
        {where}
        ORDER BY b.ronde, b.bijdrage_id"""
        return fetch_rows(conn, sql, params)


def spending(url: str, peildatum: date, gemeentecode: str) -> list[Row]:
    """The spending of one municipality's grants per grant and year (current versions), by year."""
    with connect(url) as conn:
        besteding = current_facts(conn, "vhf_besteding", peildatum)
        sql = f"""SELECT bijdrage_id, jaar, besteed_eur FROM {besteding} x
        WHERE gemeentecode = :gemeente AND jaar <= :jaar ORDER BY jaar, bijdrage_id"""
        return fetch_rows(conn, sql, {"p": peildatum, "jaar": peildatum.year, "gemeente": gemeentecode})


def party_names(url: str, peildatum: date, ids: list[str]) -> dict[str, str]:
    """The names of these parties (current version), by id; unknown ids are left out."""
    if not ids:
        return {}
    with connect(url) as conn:
        partij = current_facts(conn, "partij", peildatum)
        names = ", ".join(f":id{i}" for i in range(len(ids)))
        sql = f"SELECT partij_id, naam FROM {partij} x WHERE partij_id IN ({names})"
        params: dict[str, object] = {"p": peildatum, **{f"id{i}": v for i, v in enumerate(ids)}}
        return {r["partij_id"]: r["naam"] for r in fetch_rows(conn, sql, params)}
