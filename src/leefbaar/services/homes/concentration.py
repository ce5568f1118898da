"""Concentration of allocations to priority groups per buurt against the municipal average (R9),
after small-cell suppression (``suppress_rows``, then ``mask_concentration`` for the shares, ratios
and verdicts that would give a hidden count away).
"""

from __future__ import annotations

from datetime import date

from leefbaar.homes import concentration as conc
from leefbaar.privacy.disclosure import (
    cell_kind,
    mask_concentration,
    random_round,
    round_counts,
    rounded_primary,
    rounding_note,
    suppress_rows,
)
from leefbaar.services.homes.common import (
    HomesError,
    Row,
    check_gemeente,
    gemeente_names,
    require_indelingsjaar,
    rounding,
    suppression_k,
    url_or_default,
)
from leefbaar.services.homes.config import Instellingen, parse_periode
from leefbaar.storage import homes_queries as q


def latest_allocation_year(url: str | None, gemeentecode: str) -> int | None:
    """The calendar year of the newest allocation in a municipality (the default period)."""
    rows = q.allocations_years(url_or_default(url), gemeentecode)
    return rows[-1] if rows else None


def concentratie(
    url: str | None,
    gemeentecode: str,
    periode: str | None = None,
    *,
    config: Instellingen | None = None,
    peildatum: date | None = None,
) -> Row:
    """Allocations to priority groups per buurt against the municipal average (R9), after suppression.

    The data holds allocations to priority groups only, so the base is the buurt's social rental
    stock: ``aandeel`` = placements per social rental dwelling, ``gemeente_aandeel`` the same over the
    municipality, ``verhouding`` their ratio. A buurt is flagged at ``verhouding >= drempel`` with at
    least ``minimum_toewijzingen`` placements. Hidden counts blank ``aandeel`` and ``verhouding``.
    ``opmerkingen``: the disclosure note when the remedy had to hide more (``MaskedRows.note``).
    """
    url = url_or_default(url)
    config = config or Instellingen()
    jaar = require_indelingsjaar(url)
    names = gemeente_names(url, jaar)
    check_gemeente(gemeentecode, names)
    if periode is None:
        latest = latest_allocation_year(url, gemeentecode)
        if latest is None:
            raise HomesError(f"gemeente {gemeentecode} heeft geen toewijzingen")
        periode = str(latest)
    start, end = parse_periode(periode)
    reference = peildatum or date.today()
    stock_date = q.latest_stock_peildatum(url, reference)
    stock = {
        r["buurtcode"]: int(r["corporatie_sociaal"]) + int(r["overige_sociale_huur"])
        for r in (q.stock_per_buurt(url, stock_date, gemeentecode) if stock_date else [])
    }
    placed = {
        r["buurtcode"]: int(r["aantal"])
        for r in q.allocations_per_buurt(url, reference, gemeentecode, start, end)
        if r["buurtcode"] is not None
    }
    buurt_names = {r["buurtcode"]: r["naam"] for r in q.buurten(url, jaar, gemeentecode)}
    codes = sorted(c for c in set(stock) | set(placed) if stock.get(c, 0) > 0 or placed.get(c, 0) > 0)
    counts = [placed.get(c, 0) for c in codes]
    # Suppression decides on the true counts; what is published (and computed from) is rounded.
    key, basis = rounding()
    cell = f"concentratie|{gemeentecode}|{periode}|"
    published = round_counts(counts, [cell + c for c in codes], key, basis)
    base = [max(stock.get(c, 0), n) for c, n in zip(codes, published, strict=True)]
    result = conc.concentration(codes, base, published, config.drempel) if codes else []
    k = suppression_k()
    masked = (
        suppress_rows(
            [
                {"buurtcode": c, "toewijzingen_aandachtsgroepen": n}
                for c, n in zip(codes, counts, strict=True)
            ],
            ["toewijzingen_aandachtsgroepen"],
            total_column=None,
            total_row={"buurtcode": "Totaal"},
            k=k,
            primary=rounded_primary(
                lambda p: cell + (codes[p[1]] if p[0] == "cel" else "totaal"), key, basis, k
            ),
        )
        if codes
        else None
    )
    total_cell = masked.table.column_totals[0] if masked and masked.table.column_totals else None
    total_hidden = total_cell is not None and total_cell.hidden
    rows: list[Row] = []
    for item in result:
        raw = item.as_row()
        rows.append(
            {
                "buurtcode": item.buurtcode,
                "naam": buurt_names.get(item.buurtcode),
                "sociale_huurwoningen": stock.get(item.buurtcode, 0),
                "toewijzingen_aandachtsgroepen": raw["toewijzingen_aandachtsgroepen"],
                "aandeel": raw["aandeel"],
                "gemeente_aandeel": raw["gemeente_aandeel"],
                "verhouding": raw["verhouding"],
                "gesignaleerd": raw["gesignaleerd"],
                "reden": raw["reden"],
                "onderdrukt": {},
                "redenen": {},
            }
        )
    if masked is not None:
        cells = [row[0] for row in masked.table.cells]
        mask_concentration(rows, cells, total_cell, conc.TELKOLOMMEN["toewijzingen_aandachtsgroepen"])
    d = config.drempel
    return {
        "gemeentecode": gemeentecode,
        "naam": names[gemeentecode]["naam"],
        "periode": periode,
        "peildatum_voorraad": stock_date.isoformat() if stock_date else None,
        "k": k,
        "drempel": {"verhouding": d.verhouding, "minimum_toewijzingen": d.minimum_aandachtsgroepen},
        "rijen": rows,
        "totaal": {
            "sociale_huurwoningen": sum(stock.get(c, 0) for c in codes),
            "toewijzingen_aandachtsgroepen": None
            if total_hidden or total_cell is None or total_cell.value is None
            else random_round(total_cell.value, cell + "totaal", key, basis),
            "onderdrukt": {"toewijzingen_aandachtsgroepen": cell_kind(total_cell)}
            if total_hidden and total_cell
            else {},
        },
        "gesignaleerd": [r["buurtcode"] for r in rows if r["gesignaleerd"]],
        "opmerkingen": ([masked.note] if masked is not None and masked.note else [])
        + ([note] if codes and (note := rounding_note(basis)) else []),
    }
