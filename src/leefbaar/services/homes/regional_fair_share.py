"""Fair share of priority groups in a region for one period (R9), after small-cell suppression, with
the status-holder taakstelling per half-year.

Allocations per municipality and group are one table with row and column totals; it passes through
``leefbaar.privacy.disclosure`` (``suppress_rows``, then ``mask_fair_share_group`` for the values
computed from a hidden count) before it leaves this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import numpy as np

from leefbaar.domain.allocation import Aandachtsgroep
from leefbaar.domain.regions import PROVINCIES
from leefbaar.homes import fair_share as fs
from leefbaar.homes.labels import AANDACHTSGROEP_LABELS
from leefbaar.privacy.disclosure import (
    Position,
    cell_kind,
    mask_fair_share_group,
    mask_fair_share_total,
    random_round,
    round_counts,
    rounded_primary,
    rounding_note,
    suppress_rows,
)
from leefbaar.services.homes.common import (
    HomesError,
    Row,
    gemeente_names,
    require_indelingsjaar,
    rounding,
    stock_per_gemeente,
    suppression_k,
    url_or_default,
)
from leefbaar.services.homes.config import Instellingen, RegioInstelling, halfjaren, parse_periode
from leefbaar.storage import homes_queries as q


def _resolve_regio(url: str, code: str, config: Instellingen, jaar: int) -> RegioInstelling:
    setting = config.regios.get(code)
    if setting is None:
        if code not in PROVINCIES:
            known = ", ".join(sorted(config.regios)) or "geen"
            raise HomesError(
                f"onbekende regio '{code}': geef een provincie (PV20 t/m PV31) of een regio uit de "
                f"configuratie (daarin: {known})"
            )
        setting = RegioInstelling(code, PROVINCIES[code], (), fs.Verdeelsleutel.enkel(fs.Grondslag.INWONERS))
    if not setting.gemeenten:
        codes = tuple(g["gemeentecode"] for g in q.gemeenten(url, jaar, code))
        if not codes:
            raise HomesError(f"provincie {code} heeft geen gemeenten in de indeling {jaar}")
        setting = RegioInstelling(
            setting.code, setting.naam, codes, setting.sleutel, setting.behoefte, setting.verschuiven
        )
    return setting


def _bases(
    url: str, codes: list[str], sleutel: fs.Verdeelsleutel, stock_date: date | None, jaar: int
) -> dict[fs.Grondslag, list[int]]:
    used = {g for g, w in sleutel.gewichten if w > 0}
    out: dict[fs.Grondslag, list[int]] = {}
    if fs.Grondslag.INWONERS in used:
        inh = q.inhabitants(url, jaar, codes)
        missing = [c for c in codes if c not in inh]
        if missing:
            raise HomesError(f"geen inwonertal voor {', '.join(missing[:5])}: importeer de CBS-kerncijfers")
        out[fs.Grondslag.INWONERS] = [inh[c] for c in codes]
    if used & {fs.Grondslag.WONINGEN, fs.Grondslag.SOCIALE_HUURWONINGEN}:
        if stock_date is None:
            raise HomesError("de verdeelsleutel gebruikt woningen, maar de database bevat geen woningen")
        stock = stock_per_gemeente(url, stock_date, codes)
        empty = {"woningen": 0, "corporatie_sociaal": 0, "overige_sociale_huur": 0}
        out[fs.Grondslag.WONINGEN] = [stock.get(c, empty)["woningen"] for c in codes]
        out[fs.Grondslag.SOCIALE_HUURWONINGEN] = [
            stock.get(c, empty)["corporatie_sociaal"] + stock.get(c, empty)["overige_sociale_huur"]
            for c in codes
        ]
    return out


def _cell_names(cell: str, codes: list[str]) -> Callable[[Position], str]:
    """The name of each position of the gemeenten x groups table, as the published values use it."""

    def name(position: Position) -> str:
        if position[0] == "cel":
            return f"{cell}{position[2]}|{codes[position[1]]}"
        if position[0] == "rij":
            return f"{cell}totaal|{codes[position[1]]}"
        if position[0] == "kolom":
            return f"{cell}{position[1]}|totaal"
        return f"{cell}totaal|totaal"

    return name


def fair_share(
    url: str | None,
    regio: str,
    periode: str,
    *,
    config: Instellingen | None = None,
    groep: str | None = None,
    peildatum: date | None = None,
) -> Row:
    """Fair share of priority groups in a region for one period (R9), after small-cell suppression.

    ``rijen``: per group (in Aandachtsgroep order) and municipality: sleutelaandeel, doel_exact, doel,
    gerealiseerd, afwijking, afwijking_relatief, voorstel, verschuiving; a hidden value is None, with
    ``onderdrukt[column]`` = primair | secundair | verhuld | achtergehouden | afgeleid and
    ``redenen[column]`` in Dutch. ``opmerkingen`` includes the disclosure note when small counts
    could be derived from the labels and the remedy had to hide more (``MaskedRows.note``).
    ``totalen``: per group the regional need and realised total (None when hidden). ``taakstelling``:
    the status-holder taakstelling per half-year of the period (when the configuration gives the
    national number). Groups shown: those with allocations in the region or a configured need.
    """
    url = url_or_default(url)
    config = config or Instellingen()
    start, end = parse_periode(periode)
    chosen: Aandachtsgroep | None = None
    if groep is not None:
        try:
            chosen = Aandachtsgroep(groep)
        except ValueError:
            known = ", ".join(g.value for g in Aandachtsgroep)
            raise HomesError(f"onbekende aandachtsgroep '{groep}' (kies uit: {known})") from None
    jaar = require_indelingsjaar(url)
    setting = _resolve_regio(url, regio, config, jaar)
    names = gemeente_names(url, jaar)
    unknown = [c for c in setting.gemeenten if c not in names]
    if unknown:
        raise HomesError(
            f"regio {setting.code}: onbekende gemeente(n) {', '.join(unknown)} in de indeling {jaar}"
        )
    codes = list(setting.gemeenten)
    reference = peildatum or date.today()
    stock_date = q.latest_stock_peildatum(url, reference)
    try:
        regio_obj = fs.Regio(setting.code, setting.naam, tuple(codes), setting.sleutel)
        bases = _bases(url, codes, setting.sleutel, stock_date, start.year)
        fs.key_shares(setting.sleutel, bases)  # validates the bases with Dutch errors
    except ValueError as exc:
        raise HomesError(f"regio {setting.code}: {exc}") from None

    index = {c: i for i, c in enumerate(codes)}
    counts: dict[Aandachtsgroep, np.ndarray] = {}
    for r in q.allocations_per_group(url, reference, codes, start, end):
        g = Aandachtsgroep(r["aandachtsgroep"])
        counts.setdefault(g, np.zeros(len(codes), dtype=np.int64))[index[r["gemeentecode"]]] += int(
            r["aantal"]
        )
    need = dict(setting.behoefte.get(periode, {}))
    groups = [g for g in Aandachtsgroep if g in counts or g in need]
    realised = {g: counts.get(g, np.zeros(len(codes), dtype=np.int64)) for g in groups}

    # Suppression decides on the true counts; what is published (and computed from) is rounded.
    key, basis = rounding()
    cell = f"eerlijke-verdeling|{setting.code}|{periode}|"
    published = {
        g: np.array(round_counts(realised[g].tolist(), [f"{cell}{g.value}|{c}" for c in codes], key, basis))
        for g in groups
    }

    def group_total(g: Aandachtsgroep) -> int:
        return random_round(int(realised[g].sum()), f"{cell}{g.value}|totaal", key, basis)

    k = suppression_k()
    # One table gemeenten x groups with row and column totals: complementary suppression across groups.
    masked = (
        suppress_rows(
            [
                {"gemeentecode": c, **{g.value: int(realised[g][i]) for g in groups}}
                for i, c in enumerate(codes)
            ],
            [g.value for g in groups],
            total_column="totaal",
            total_row={"gemeentecode": "Totaal"},
            k=k,
            primary=rounded_primary(_cell_names(cell, codes), key, basis, k),
        )
        if groups
        else None
    )

    try:
        table = fs.fair_share_table(
            regio_obj,
            bases,
            periode,
            published,
            {g: need[g] for g in groups if g in need},
            setting.verschuiven,
        )
    except ValueError as exc:
        raise HomesError(f"regio {setting.code}: {exc}") from None

    rows: list[Row] = []
    totals: list[Row] = []
    for j, g in enumerate(groups):
        assert masked is not None
        column = [masked.table.cells[i][j] for i in range(len(codes))]
        column_total = masked.table.column_totals[j] if masked.table.column_totals else None
        group_rows: list[Row] = [
            {**item.as_row(), "naam": names[item.gemeentecode]["naam"], "onderdrukt": {}, "redenen": {}}
            for item in table
            if item.groep is g
        ]
        mask_fair_share_group(
            group_rows, column, column_total, fs.TELKOLOMMEN["gerealiseerd"], target_from_total=g not in need
        )
        if chosen is None or g is chosen:
            rows += group_rows
            total_row: Row = {
                "groep": g.value,
                "label": AANDACHTSGROEP_LABELS[g],
                "behoefte": need.get(g),
                "doel": need[g] if g in need else group_total(g),
                "gerealiseerd": group_total(g),
                "onderdrukt": {},
                "redenen": {},
            }
            if column_total is not None:
                mask_fair_share_total(total_row, column_total, target_from_total=g not in need)
            totals.append(total_row)
    gemeente_totalen = []
    if masked is not None:
        for i, c in enumerate(codes):
            total = masked.table.row_totals[i] if masked.table.row_totals else None
            gemeente_totalen.append(
                {
                    "gemeentecode": c,
                    "naam": names[c]["naam"],
                    "gerealiseerd": None
                    if total is None or total.hidden or total.value is None
                    else random_round(total.value, f"{cell}totaal|{c}", key, basis),
                    "onderdrukt": {"gerealiseerd": cell_kind(total)}
                    if total is not None and total.hidden
                    else {},
                }
            )
    return {
        "regio": setting.code,
        "naam": setting.naam,
        "sleutel": setting.sleutel.omschrijving(),
        "periode": periode,
        "k": k,
        "gemeenten": codes,
        "rijen": rows,
        "totalen": totals,
        "gemeente_totalen": gemeente_totalen,
        "taakstelling": _taakstelling(url, periode, codes, config, start.year),
        "opmerkingen": _fair_share_notes(groups, need, config, periode)
        + ([masked.note] if masked is not None and masked.note else [])
        + ([note] if groups and (note := rounding_note(basis)) else []),
    }


def _fair_share_notes(
    groups: Sequence[Aandachtsgroep], need: Mapping[Aandachtsgroep, int], config: Instellingen, periode: str
) -> list[str]:
    notes = []
    if not groups:
        notes.append(
            "geen toewijzingen aan aandachtsgroepen in deze regio en periode, en geen behoefte ingesteld"
        )
    without = [g.value for g in groups if g not in need]
    if without:
        notes.append(
            "zonder ingestelde behoefte is het doel het gerealiseerde regionale totaal, verdeeld met de sleutel: "
            + ", ".join(without)
        )
    missing = [h for h in halfjaren(periode) if h not in config.taakstelling]
    if missing:
        notes.append(f"geen landelijke taakstelling statushouders ingesteld voor {', '.join(missing)}")
    return notes


def _taakstelling(url: str, periode: str, codes: list[str], config: Instellingen, jaar: int) -> list[Row]:
    halves = [h for h in halfjaren(periode) if h in config.taakstelling]
    if not halves:
        return []
    # Pro rata over the whole country: the national inhabitants are the sum over every municipality.
    everyone = [g["gemeentecode"] for g in q.gemeenten(url, require_indelingsjaar(url))]
    inh = q.inhabitants(url, jaar, everyone)
    national = [c for c in everyone if c in inh]
    if not national:
        raise HomesError("geen inwonertallen: importeer de CBS-kerncijfers voor de taakstelling")
    wanted = set(codes)
    out = []
    for half in halves:
        for row in fs.taakstelling(config.taakstelling[half], national, [inh[c] for c in national], half):
            if row.gemeentecode in wanted:
                out.append(row.as_row())
    return out
