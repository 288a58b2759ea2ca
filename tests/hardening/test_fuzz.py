"""Fuzzing: the value parsers, header detection and column mapping never raise anything but the
importer's own clear errors (CsdeskError), whatever the text or the small spreadsheet.

CI-sized here (``CSDESK_FUZZ_EXAMPLES``, default 40 per test); tests/bench/bench_hardening.py
runs them with many more examples.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csdesk.errors import CsdeskError
from csdesk.ingest import commit, prepare
from csdesk.ingest.grid import blank_mask
from csdesk.ingest.values import ENUM_SECTIONS, convert
from csdesk.store import Workspace

EXAMPLES = int(os.environ.get("CSDESK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KINDS = [
    "id",
    "text",
    "money",
    "number",
    "int",
    "date",
    "datetime",
    "month",
    "bool",
    "score_csat",
    "score",
    *ENUM_SECTIONS,
]
# Words the importer knows (headers, months, booleans, currencies), mixed into random text so
# that the fuzzer reaches the interesting branches and not only "unknown column".
WORDS = [
    "Cliente",
    "Account",
    "MRR",
    "Mês",
    "month",
    "Data",
    "date",
    "valor",
    "R$",
    "US$",
    "€",
    "jan/24",
    "janeiro 2024",
    "sim",
    "não",
    "yes",
    "TRUE",
    "Total",
    "CSM",
    "email",
    "NPS",
    "ticket",
    "aberto em",
    "1.234,56",
    "1,234.56",
    "(3,00)",
    "12%",
    "31/12/2024",
    "2024-13-45",
    "12/31/2024",
    "45000",
    "-0",
    "1e308",
    "NaN",
    "inf",
    "=SUM(A1)",
    "\u202e",
    "\x00",
    "﻿",
]
cell_text = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=20),
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(WORDS), st.text(max_size=8)),
)
cells = st.one_of(
    cell_text,
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)


@FUZZ
@given(kind=st.sampled_from(KINDS), column=st.lists(cells, max_size=30), month_first=st.none())
def test_value_parsers_take_anything(kind: str, column: list[Any], month_first: None) -> None:
    values = np.empty(len(column), dtype=object)
    values[:] = column
    converted = convert(kind, values, blank_mask(values), month_first=month_first)
    assert len(converted.values) == len(column)
    assert converted.bad.dtype == bool and len(converted.bad) == len(column)
    assert isinstance(converted.decision, str)
    if kind in ("money", "number"):  # what is accepted is a finite figure, never inf or NaN
        kept = converted.values[~converted.bad & ~blank_mask(values)]
        assert all(np.isfinite(v) for v in kept if v is not None and not np.isnan(v))
        assert all(abs(v) <= 1e15 for v in kept if not np.isnan(v))


def test_absurd_numbers_are_bad_cells_not_infinity() -> None:
    cells = [float("inf"), "1e400", 1e308, "9" * 400, "1.234,56", -1e16]
    values = np.empty(len(cells), dtype=object)
    values[:] = cells
    money = convert("money", values, blank_mask(values))
    assert money.bad.tolist() == [True, True, True, True, False, True]
    assert money.values[4] == 1234.56
    assert convert("int", values, blank_mask(values)).bad.tolist()[:4] == [True] * 4


def _try_import(path: Path, folder: Path) -> None:
    """Prepare (and when accepted, commit) the file: only a CsdeskError may come out."""
    try:
        plan = prepare(path)
    except CsdeskError as error:
        assert error.message.strip()
        return
    if plan.blocking or plan.entity is None:
        return
    with Workspace.open(folder / "fuzz.csdesk", create=True) as ws:
        before = ws.table_counts()
        try:
            commit(ws, prepare(path, ws=ws))
        except CsdeskError:
            assert ws.table_counts() == before
        assert ws.scalar("PRAGMA integrity_check") == "ok"


def _csv_text(rows: list[list[str]], separator: str) -> str:
    return "\n".join(separator.join(row) for row in rows) + "\n"


table = st.lists(st.lists(cell_text, min_size=1, max_size=6), min_size=1, max_size=12)


@FUZZ
@given(
    rows=table,
    separator=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
)
def test_any_small_csv_is_imported_or_refused_clearly(
    rows: list[list[str]], separator: str, encoding: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(_csv_text(rows, separator).encode(encoding, errors="replace"))
        _try_import(path, Path(folder))


@FUZZ
@given(data=st.binary(max_size=2_000), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".ods"]))
def test_any_bytes_are_imported_or_refused_clearly(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        _try_import(path, Path(folder))


workbook_cells = st.one_of(
    cell_text.map(lambda t: "".join(c for c in t if c >= " " or c in "\t\n")),
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times().map(lambda t: time(t.hour, t.minute, t.second)),
)


# Writing a workbook costs about ten times a CSV: fewer examples in the default run.
@settings(parent=FUZZ, max_examples=max(10, EXAMPLES // 2))
@given(rows=st.lists(st.lists(workbook_cells, max_size=6), min_size=1, max_size=10))
def test_any_small_workbook_is_imported_or_refused_clearly(rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
        _try_import(path, Path(folder))
