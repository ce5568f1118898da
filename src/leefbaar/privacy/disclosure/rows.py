"""Rows of dicts, what services hand to pages, the API and exports: the rows are one 2-D table whose
count columns are suppressed together, with their reasons and display labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from leefbaar.privacy.disclosure.model import DisclosureError, MaskedCell
from leefbaar.privacy.disclosure.tables import Position, Table2D, suppress_2d
from leefbaar.privacy.disclosure.vocabulary import K_DEFAULT, LabelStyle


@dataclass(frozen=True)
class MaskedRows:
    """Rows of dicts with hidden counts set to None, the reasons per row, and the total row.

    ``reasons[i]`` maps each hidden column of ``rows[i]`` to its reason; ``total_row`` (None when
    column totals are off) has the same shape, with ``total_reasons`` beside it. ``table`` holds
    the MaskedCells themselves.
    """

    rows: tuple[dict[str, Any], ...]
    reasons: tuple[dict[str, str], ...]
    total_row: dict[str, Any] | None
    total_reasons: dict[str, str]
    count_columns: tuple[str, ...]
    total_column: str | None
    table: Table2D

    @property
    def note(self) -> str | None:
        """The Dutch sentence to show under the table when the remedy acted (see Remedy), else None."""
        return self.table.note

    def labelled(self, style: LabelStyle = LabelStyle.CBS) -> list[dict[str, Any]]:
        """The rows (and the total row, last) with every count as display text (``x``, ``<5``)."""
        t = self.table
        out: list[dict[str, Any]] = []
        for i, row in enumerate(self.rows):
            total = t.row_totals[i] if t.row_totals is not None else None
            out.append(self._label_row(row, t.cells[i], total, style))
        if self.total_row is not None and t.column_totals is not None:
            out.append(self._label_row(self.total_row, t.column_totals, t.grand_total, style))
        return out

    def _label_row(
        self, row: dict[str, Any], cells: Sequence[MaskedCell], total: MaskedCell | None, style: LabelStyle
    ) -> dict[str, Any]:
        labelled = dict(row)
        for column, cell in zip(self.count_columns, cells, strict=True):
            labelled[column] = cell.label(style)
        if self.total_column is not None and total is not None:
            labelled[self.total_column] = total.label(style)
        return labelled


def suppress_rows(
    rows: Sequence[Mapping[str, Any]],
    count_columns: Sequence[str],
    *,
    total_column: str | None = "totaal",
    total_row: Mapping[str, Any] | None = None,
    k: int = K_DEFAULT,
    zero_is_safe: bool = True,
    primary: Callable[[Position, int], bool] | None = None,
) -> MaskedRows:
    """Suppress counts in rows of dicts, e.g. one row per gemeente with a count per aandachtsgroep.

    The rows are one 2-D table: ``count_columns`` are its columns; ``total_column`` (None: no
    row totals) adds each row's total under that key; ``total_row`` (None: no column totals)
    gives the labels of the total row (e.g. ``{"gemeente": "Totaal"}``), whose counts are the
    column sums. Other keys are copied unchanged. ``primary`` decides the primary cells (see
    ``suppress_2d``; positions name columns by their key, e.g. ("cel", 0, "dakloos")). Raises
    DisclosureError for a missing or non-integer count.
    """
    columns = tuple(count_columns)
    if total_column is not None and total_column in columns:
        raise DisclosureError(f"totaalkolom '{total_column}' is ook een telkolom")
    matrix: list[list[int]] = []
    for i, row in enumerate(rows):
        missing = [c for c in columns if c not in row]
        if missing:
            raise DisclosureError(f"rij {i}: kolom(men) {', '.join(missing)} ontbreken")
        matrix.append([row[c] for c in columns])
    by_name = None
    if primary is not None:
        decide = primary

        def by_name(position: Position, value: int) -> bool:
            if position[0] == "cel":
                return decide(("cel", position[1], columns[position[2]]), value)
            if position[0] == "kolom":
                return decide(("kolom", columns[position[1]]), value)
            return decide(position, value)

    table = suppress_2d(
        matrix, row_totals=total_column is not None, column_totals=total_row is not None, k=k,
        zero_is_safe=zero_is_safe, primary=by_name,
    )  # fmt: skip

    def emit(
        labels: Mapping[str, Any], cells: Sequence[MaskedCell], total: MaskedCell | None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        out = {key: value for key, value in labels.items() if key not in columns and key != total_column}
        why: dict[str, str] = {}
        for column, cell in zip(columns, cells, strict=True):
            out[column] = cell.value
            if cell.reason:
                why[column] = cell.reason
        if total_column is not None and total is not None:
            out[total_column] = total.value
            if total.reason:
                why[total_column] = total.reason
        return out, why

    out_rows, out_reasons = [], []
    for i, row in enumerate(rows):
        total = table.row_totals[i] if table.row_totals is not None else None
        emitted, why = emit(row, table.cells[i], total)
        out_rows.append(emitted)
        out_reasons.append(why)
    masked_total: dict[str, Any] | None = None
    total_reasons: dict[str, str] = {}
    if total_row is not None and table.column_totals is not None:
        masked_total, total_reasons = emit(total_row, table.column_totals, table.grand_total)
    return MaskedRows(
        rows=tuple(out_rows),
        reasons=tuple(out_reasons),
        total_row=masked_total,
        total_reasons=total_reasons,
        count_columns=columns,
        total_column=total_column,
        table=table,
    )
