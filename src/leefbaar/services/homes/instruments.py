"""The municipal instruments on a peildatum: urgentieverordening coverage (R11) and woonzorgvisie
status (R12), for one municipality or every municipality of a province.
"""

from __future__ import annotations

from datetime import date

from leefbaar.domain.regions import PROVINCIES
from leefbaar.homes import instruments as ins
from leefbaar.services.homes.common import (
    HomesError,
    Row,
    check_gemeente,
    gemeente_names,
    require_indelingsjaar,
    url_or_default,
)
from leefbaar.storage import homes_queries as q


def _pick(rows: list[Row], peildatum: date) -> Row | None:
    """The instrument in force on the peildatum (latest adopted on or before it), else the first later one."""
    before = [r for r in rows if r["vastgesteld_op"] <= peildatum]
    if before:
        return max(before, key=lambda r: r["vastgesteld_op"])
    return min(rows, key=lambda r: r["vastgesteld_op"]) if rows else None


def instrumenten(
    url: str | None,
    *,
    gemeentecode: str | None = None,
    provinciecode: str | None = None,
    peildatum: date | None = None,
) -> Row:
    """Urgentieverordening coverage (R11) and woonzorgvisie status (R12) per municipality on a peildatum.

    ``rijen``: per municipality the ordinance's coverage (``Verordeningsdekking.as_row()``) and the
    woonzorgvisie status (``WoonzorgvisieStatus.as_row()``, keys prefixed ``woonzorgvisie_``).
    Give one municipality or one province.
    """
    url = url_or_default(url)
    if (gemeentecode is None) == (provinciecode is None):
        raise HomesError("geef een gemeente of een provincie")
    jaar = require_indelingsjaar(url)
    names = gemeente_names(url, jaar)
    if gemeentecode is not None:
        check_gemeente(gemeentecode, names)
        codes = [gemeentecode]
    else:
        if provinciecode not in PROVINCIES:
            raise HomesError(f"'{provinciecode}' is geen provinciecode (PV20 t/m PV31)")
        codes = [g["gemeentecode"] for g in q.gemeenten(url, jaar, provinciecode)]
    day = peildatum or date.today()
    ordinances: dict[str, list[Row]] = {}
    for r in q.ordinances(url, day, codes):
        ordinances.setdefault(r["gemeentecode"], []).append(r)
    visions: dict[str, list[Row]] = {}
    for r in q.woonzorgvisies(url, day, codes):
        visions.setdefault(r["gemeentecode"], []).append(r)
    rows = []
    for code in codes:
        o = _pick(ordinances.get(code, []), day)
        v = _pick(visions.get(code, []), day)
        verordening = (
            ins.Urgentieverordening.from_mapping(
                {
                    "gemeente": code,
                    "vastgesteld_op": o["vastgesteld_op"],
                    "groepen": [g for g in o["groepen"].split(";") if g],
                }
            )
            if o
            else None
        )
        visie = ins.Woonzorgvisie(code, v["vastgesteld_op"], v["geldig_tot"]) if v else None
        dekking = ins.ordinance_coverage(code, verordening, day).as_row()
        status = ins.woonzorgvisie_status(code, visie, day).as_row()
        rows.append(
            {
                "naam": names[code]["naam"],
                **dekking,
                **{
                    f"woonzorgvisie_{k}": value
                    for k, value in status.items()
                    if k not in ("gemeentecode", "peildatum")
                },
            }
        )
    return {"peildatum": day.isoformat(), "rijen": rows}
