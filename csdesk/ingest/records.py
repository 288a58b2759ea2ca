"""Turning a block of cells under the header into typed records, one column at a time.

Blank lines are dropped, a totals line at the bottom is reported and left out, lines the CSV
reader could not split are rejected, and each mapped column is converted by its field's kind
(:mod:`values`); a cell that does not convert rejects its row with a problem naming row,
column and value. A wide revenue sheet comes out long: one record per account and month.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from csdesk.i18n import _
from csdesk.i18n.labels import field_label
from csdesk.ingest import wording
from csdesk.ingest.column_mapping import ColumnMapping
from csdesk.ingest.grid import Grid, blank_mask, column_letter
from csdesk.ingest.header_detection import Header
from csdesk.ingest.problems import ProblemLog
from csdesk.ingest.values import convert, expected
from csdesk.ingest.vocabulary import normalise, totals_words

TOTALS_LOOKBACK = 5


@dataclass
class Layout:
    """What the analysis decided about the sheet, applied identically to every block."""

    header: Header
    mappings: list[ColumnMapping]
    required: tuple[str, ...]
    month_columns: dict[int, str] = field(default_factory=dict)  # position in mappings -> month
    month_first: dict[int, bool | None] = field(default_factory=dict)  # decided date order
    # Keep a hash of each line's every cell (``_line``), to tell repeated lines from lines
    # that only share their key (two products of one account in one month).
    line_hashes: bool = False
    # Date columns whose every a/b/yyyy value fits both orders, read in the order another
    # date column of the sheet decides: position -> that column's header.
    order_from: dict[int, str] = field(default_factory=dict)


@dataclass
class Records:
    """Typed values of the accepted-so-far rows of one block (rejected rows still present)."""

    fields: dict[str, np.ndarray]
    rows: np.ndarray
    ok: np.ndarray
    read: int  # non-blank data lines in this block
    skipped: int = 0  # totals lines and duplicates
    duplicates: int = 0
    totals_row: int | None = None
    decisions: dict[int, str] = field(default_factory=dict)  # mapping position -> decision
    # Per mapped column: (cells that did not convert, cells not blank), to spot a bad mapping.
    tallies: dict[int, tuple[int, int]] = field(default_factory=dict)
    # Per date column: the order its a/b/yyyy dates were read in (True: month first).
    orders: dict[int, bool] = field(default_factory=dict)
    # Rows not written on their own but added into another (revenue lines of one month).
    merged: np.ndarray | None = None

    def copy(self) -> Records:
        """A copy whose fields and accepted rows can change without touching this one."""
        return Records(
            dict(self.fields),
            self.rows,
            self.ok.copy(),
            self.read,
            self.skipped,
            self.duplicates,
            self.totals_row,
            self.decisions,
            self.tallies,
            self.orders,
            None if self.merged is None else self.merged.copy(),
        )

    def reject(self, mask: np.ndarray) -> None:
        self.ok &= ~mask

    def __len__(self) -> int:
        return len(self.rows)


def _totals_rows(
    columns: list[np.ndarray], blanks: list[np.ndarray], rows: np.ndarray
) -> np.ndarray:
    """Lines at the end of the block whose first text cells say Total / TOTAL GERAL / Soma."""
    found = np.zeros(len(rows), dtype=bool)
    words = totals_words()
    start = max(0, len(rows) - TOTALS_LOOKBACK)
    for position in range(start, len(rows)):
        for column, blank in zip(columns[:3], blanks[:3], strict=False):
            if blank[position]:
                continue
            value = column[position]
            if isinstance(value, str) and normalise(value).rstrip(":") in words:
                found[position] = True
            break
    return found


def build(
    grid: Grid, layout: Layout, log: ProblemLog, progress: Callable[[float], None] | None = None
) -> Records:
    """``progress`` hears the share of the block's columns converted, after each one: a
    workbook is one block, and a bar should move while it is converted."""
    header = layout.header
    under = grid.row_numbers > header.row
    if not under.all():
        grid = grid.slice(int(np.argmax(under)) if under.any() else len(grid))
    columns = [grid.columns[c] for c in header.columns]
    blanks = [blank_mask(column) for column in columns]
    filled = ~np.logical_and.reduce(blanks) if blanks else np.zeros(len(grid), dtype=bool)
    if grid.malformed:
        # A line the reader could not split is a row (refused below), even with no cell read.
        filled |= np.isin(grid.row_numbers, np.fromiter(grid.malformed, dtype=np.int64))
    if filled.all():  # no blank line: the block as it is, not a copy of it
        rows = grid.row_numbers
    else:
        keep = np.flatnonzero(filled)
        columns = [column[keep] for column in columns]
        blanks = [blank[keep] for blank in blanks]
        rows = grid.row_numbers[keep]
    totals = _totals_rows(columns, blanks, rows)
    totals_row = None
    if totals.any():
        totals_row = int(rows[np.flatnonzero(totals)[0]])
        for row in rows[totals].tolist():
            log.add(row, None, None, _("totals line: reported, not imported"), "warning")
        keep_rows = ~totals
        columns = [column[keep_rows] for column in columns]
        blanks = [blank[keep_rows] for blank in blanks]
        rows = rows[keep_rows]
    records = Records({}, rows, np.ones(len(rows), dtype=bool), len(rows) + int(totals.sum()))
    records.skipped = int(totals.sum())
    records.totals_row = totals_row
    if grid.notes:
        for row in sorted(set(grid.notes) & set(rows.tolist())):
            log.add(row, None, None, grid.notes[row], "warning", kind=_("stray byte"))
    if grid.errors:
        report_excel_errors(grid, header.columns, layout.header.names, rows, log)
    if grid.malformed:
        bad_lines = np.isin(rows, np.fromiter(grid.malformed, dtype=np.int64))
        for row in rows[bad_lines].tolist():
            log.add(
                row,
                None,
                None,
                _("{problem}; row not imported").format(problem=grid.malformed[row]),
                "error",
                kind=_("malformed line"),
            )
        records.reject(bad_lines)
    mapped = sum(1 for m in layout.mappings if m.field is not None)
    steps = mapped + (1 if layout.line_hashes and columns else 0)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done / steps)

    if layout.line_hashes and columns:
        records.fields["_line"] = row_keys(columns)
        step()
    if layout.month_columns:
        return _wide(records, columns, blanks, layout, log)
    for position, mapping in enumerate(layout.mappings):
        if mapping.field is None:
            continue
        converted = convert(
            mapping.value_kind,
            columns[position],
            blanks[position],
            month_first=layout.month_first.get(position),
            header=mapping.column,
        )
        if position in layout.order_from and converted.month_first is not None:
            converted.decision = _(
                "{order} (every value fits both orders: read as column {column!r} is, whose "
                "values decide it)"
            ).format(
                order=_("mm/dd/yyyy") if converted.month_first else _("dd/mm/yyyy"),
                column=layout.order_from[position],
            )
        records.fields[mapping.field] = converted.values
        if converted.from_answers:  # the answers as written, for what the rules say of them
            answers = np.full(len(blanks[position]), None, dtype=object)
            answers[~blanks[position]] = columns[position][~blanks[position]]
            records.fields[f"_{mapping.field}_answers"] = answers
        records.decisions[position] = converted.decision
        if mapping.value_kind in ("money", "money_yearly"):
            _note_currencies(records, columns[position], blanks[position], position, mapping.column)
        if converted.month_first is not None:
            records.orders[position] = converted.month_first
        records.tallies[position] = (int(converted.bad.sum()), int((~blanks[position]).sum()))
        _report_bad(records, converted.bad, columns[position], mapping, log)
        if mapping.field in layout.required:
            missing = blanks[position] & records.ok
            if mapping.field == "name":  # a last name alone ("Okafor") names the person
                last = [p for p, m in enumerate(layout.mappings) if m.field == "last_name"]
                for other in last:
                    missing &= blanks[other]
            message = _("{column!r} is empty, and {field} is required; row not imported").format(
                column=mapping.column, field=field_label(mapping.field)
            )
            for row in rows[missing].tolist():
                log.add(
                    row,
                    mapping.column,
                    None,
                    message,
                    "error",
                    kind=_("required value missing"),
                )
            records.reject(missing)
        step()
    return records


def report_excel_errors(
    grid: Grid, positions: list[int], names: list[str], rows: np.ndarray, log: ProblemLog
) -> None:
    """A warning for each cell of ``rows`` holding an Excel error: calamine gave it as empty.
    ``positions`` are the header's columns in the grid, ``names`` their headers."""
    header_of = dict(zip(positions, names, strict=True))
    message = _(
        "an Excel error, read as an empty cell; if the row should have a value here, fix the "
        "formula in the workbook (#N/A is often a lookup that found nothing)"
    )
    for row in sorted(set(grid.errors) & set(rows.tolist())):
        for column, written in grid.errors[row]:
            named = header_of.get(column - grid.first_column)
            where = named if named is not None else column_letter(column)
            log.add(row, where, written, message, "warning", kind=_("Excel error"))


def _note_currencies(
    records: Records, cells: np.ndarray, blank: np.ndarray, position: int, header: str
) -> None:
    """Keep the currency of a money column's amounts (``_currency``), per row: the one
    written in the cell, else the one its header names (``MRR (USD)``)."""
    from csdesk.ingest.currencies import codes_in_cells, header_currency

    codes = codes_in_cells(cells, blank)
    said = header_currency(header)
    if said is not None:
        unnamed = ~blank if codes is None else (~blank & _is_none(codes))
        if unnamed.any():
            codes = np.full(len(cells), None, dtype=object) if codes is None else codes.copy()
            codes[unnamed] = said
            records.decisions[position] += "; " + _("amounts in {code}, as the header says").format(
                code=said
            )
    if codes is None:
        return
    found = sorted({c for c in codes if c is not None})
    if len(found) > 1:
        records.decisions[position] += "; " + _("currencies written in the cells: {codes}").format(
            codes=", ".join(found)
        )
    earlier = records.fields.get("_currency")
    if earlier is None:
        records.fields["_currency"] = codes
    else:
        records.fields["_currency"] = np.where(_is_none(earlier), codes, earlier)


def _is_none(values: np.ndarray) -> np.ndarray:
    return np.array([v is None for v in values], dtype=bool)


def row_keys(columns: list[np.ndarray]) -> np.ndarray:
    """One 64-bit hash per row of these columns, the same in every block of a file.

    A number is hashed from its bits (a float cell, wherever it stands; a column of whole
    numbers, such as account ids or the hashes of earlier keys), everything else from its
    text, each distinct value once (a column of 360,000 cells has few distinct texts). A
    field has the same type in every block, so equal keys hash alike across blocks.
    """
    key = np.zeros(len(columns[0]), dtype=np.uint64)
    for column in columns:
        with np.errstate(over="ignore"):
            key = key * np.uint64(1_000_003) ^ _cell_hashes(column)
    return key


_BLANK_HASH = np.uint64(0x9E3779B97F4A7C15)


def _cell_hashes(column: np.ndarray) -> np.ndarray:
    import pandas as pd

    if column.dtype.kind in "iu":  # typed values (account ids) and earlier hashes
        return np.asarray(pd.util.hash_array(column))
    if column.dtype.kind == "f":
        return np.asarray(pd.util.hash_array(column.astype(np.float64, copy=False)))
    if column.dtype == object and len(column):
        kind = pd.api.types.infer_dtype(column, skipna=False)
        if kind == "floating":
            return np.asarray(pd.util.hash_array(column.astype(np.float64)))
        if kind in ("mixed", "mixed-integer-float"):
            floats = np.fromiter((isinstance(v, float) for v in column), bool, len(column))
            if floats.any():
                out = np.empty(len(column), dtype=np.uint64)
                out[floats] = pd.util.hash_array(column[floats].astype(np.float64))
                out[~floats] = _text_hashes(column[~floats])
                return out
    return _text_hashes(column)


# A column whose first cells are mostly distinct (amounts written as text) is hashed cell by
# cell: factorising 100,000 distinct texts costs four times hashing them.
_PROBE_CELLS = 2_000
_DISTINCT_SHARE = 0.5


def _text_hashes(column: np.ndarray) -> np.ndarray:
    import pandas as pd

    if len(column) > _PROBE_CELLS:
        probe = column[:_PROBE_CELLS]
        if len(pd.unique(probe)) > _DISTINCT_SHARE * _PROBE_CELLS:
            distinct = _distinct_text_hashes(column)
            if distinct is not None:
                return distinct
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    try:
        hashed = pd.util.hash_array(np.asarray(uniques, dtype=object))
    except TypeError:  # cells of several types (a date beside a text): hash their text
        hashed = pd.util.hash_array(np.asarray([repr(u) for u in uniques], dtype=object))
    return np.asarray(np.append(hashed, _BLANK_HASH)[codes], dtype=np.uint64)


def _distinct_text_hashes(column: np.ndarray) -> np.ndarray | None:
    """The hashes :func:`_text_hashes` gives, each cell hashed where it stands (the same hash
    of the same text; a column with other cells than text is hashed from their ``str``, as
    pandas does for its distinct values); None when pandas cannot hash a cell at all."""
    import pandas as pd

    try:
        hashed = np.asarray(pd.util.hash_array(column, categorize=False), dtype=np.uint64)
    except (TypeError, ValueError):
        return None
    missing = np.asarray(pd.isna(column), dtype=bool)
    if missing.any():
        hashed[missing] = _BLANK_HASH
    return hashed


def _report_bad(
    records: Records, bad: np.ndarray, cells: np.ndarray, mapping: ColumnMapping, log: ProblemLog
) -> None:
    if not bad.any():
        return
    what = expected(mapping.value_kind)
    message = _("not {expected} ({field}); row not imported").format(
        expected=what, field=field_label(str(mapping.field))
    )
    kind = _("not {expected}").format(expected=what)
    for position in np.flatnonzero(bad).tolist():
        log.add(
            int(records.rows[position]),
            mapping.column,
            cells[position],
            message,
            "error",
            kind=kind,
        )
    records.reject(bad)


def _wide(
    records: Records,
    columns: list[np.ndarray],
    blanks: list[np.ndarray],
    layout: Layout,
    log: ProblemLog,
) -> Records:
    """One record per (account line, month column) holding a value."""
    account_fields: dict[str, np.ndarray] = {}
    for position, mapping in enumerate(layout.mappings):
        if mapping.field in ("account", "account_id") and position not in layout.month_columns:
            converted = convert("text", columns[position], blanks[position])
            account_fields[mapping.field] = converted.values
    parts_rows: list[np.ndarray] = []
    parts_index: list[np.ndarray] = []
    parts_month: list[np.ndarray] = []
    parts_mrr: list[np.ndarray] = []
    parts_ok: list[np.ndarray] = []
    parts_currency: list[np.ndarray] = []
    for position, month in layout.month_columns.items():
        mapping = layout.mappings[position]
        converted = convert("money", columns[position], blanks[position])
        records.decisions[position] = converted.decision
        from csdesk.ingest.currencies import codes_in_cells

        codes = codes_in_cells(columns[position], blanks[position])
        bad_cells = np.flatnonzero(converted.bad).tolist()
        if bad_cells:
            message = _("not an amount of money (MRR of {month}); this month not imported").format(
                month=wording.month(month)
            )
            kind = _("not {expected}").format(expected=expected("money"))
        for bad_at in bad_cells:
            log.add(
                int(records.rows[bad_at]),
                mapping.column,
                columns[position][bad_at],
                message,
                "error",
                kind=kind,
            )
        present = np.flatnonzero(~blanks[position])
        parts_rows.append(records.rows[present])
        parts_index.append(present)
        parts_month.append(np.full(len(present), month, dtype=object))
        parts_mrr.append(converted.values[present])
        parts_currency.append(
            np.full(len(present), None, dtype=object) if codes is None else codes[present]
        )
        parts_ok.append(records.ok[present] & ~converted.bad[present])
    index = np.concatenate(parts_index) if parts_index else np.zeros(0, dtype=np.int64)
    fields = {name: values[index] for name, values in account_fields.items()}
    if "_line" in records.fields:
        fields["_line"] = records.fields["_line"][index]
    fields["month"] = np.concatenate(parts_month) if parts_month else np.zeros(0, dtype=object)
    fields["mrr"] = np.concatenate(parts_mrr) if parts_mrr else np.zeros(0)
    if parts_currency:
        currencies = np.concatenate(parts_currency)
        if any(c is not None for c in currencies):
            fields["_currency"] = currencies
    rows = np.concatenate(parts_rows) if parts_rows else np.zeros(0, dtype=np.int64)
    ok = np.concatenate(parts_ok) if parts_ok else np.zeros(0, dtype=bool)
    wide = Records(
        fields, rows, ok, records.read, records.skipped, 0, records.totals_row, records.decisions
    )
    return wide
