"""A table as open-data CSV: separator ``;``, UTF-8 with a byte order mark (so a Dutch spreadsheet
program opens it as it is), decimal comma, dates as JJJJ-MM-DD, unknown as an empty field, every
formula-like text neutralised as in the XLSX (:func:`leefbaar.reports.xlsx.neutralise`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from leefbaar.reports.model import Cel, Onderdrukt
from leefbaar.reports.xlsx import neutralise

BOM = "\ufeff"


def _field(value: Cel) -> str:
    if value is None or isinstance(value, Onderdrukt):
        return ""  # a withheld figure leaves no trace but the empty field
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def render_csv(kolommen: Sequence[str], rijen: Iterable[Sequence[Cel]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(k) for k in kolommen])
    for rij in rijen:
        writer.writerow([_field(v) for v in rij])
    return (BOM + buffer.getvalue()).encode("utf-8")
