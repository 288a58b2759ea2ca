"""CSV files that once lost or mislabelled rows, or were read in the wrong encoding.

Every line is a row: a line the parser cannot split is refused under its own number, and no
other row takes that number, wherever the line falls (in the first lines analysed, after the
first 256 kB the format is judged on, at a chunk boundary, last). The encoding is decided on
the whole file, UTF-8 first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.ingest import prepare, readers
from csdesk.ingest.csv_format import SAMPLE_BYTES, detect
from csdesk.ingest.errors import ImportRefused

LINES = 6_000  # about 150 kB per 6,000 lines: positions past SAMPLE_BYTES need more


def _accounts(count: int) -> list[str]:
    return [f"Cliente {i:05d} Ltda;{100 + i}" for i in range(count)]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "position",
    [1, 500, 999, 1_000, 1_001, 2_999, 3_000, 3_001, 11_000, 15_999],
    ids=lambda p: f"data-line-{p}",
)
def test_an_over_wide_line_is_refused_on_its_own_row_and_loses_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, position: int
) -> None:
    """Chunks of 3,000 lines, and the 16,000-line file passes the 256 kB sample."""
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 3_000)
    data = _accounts(16_000)
    wide = ";".join(["x"] * 40)
    data.insert(position - 1, wide)
    # A bad value further down names its own line too.
    data.insert(len(data) - 10, "Conta Ruim;notanumber")
    wide_row = data.index(wide) + 2  # file lines: the header is line 1
    bad_row = data.index("Conta Ruim;notanumber") + 2
    path = _write(tmp_path / "accounts.csv", ["account;mrr", *data])
    assert path.stat().st_size > SAMPLE_BYTES or position < 11_000
    plan = prepare(path, entity="accounts")
    assert plan.rows_read == 16_002
    assert plan.rows_accepted == 16_000
    by_row: dict[int | None, list[str]] = {}
    for problem in plan.errors:
        by_row.setdefault(problem.row, []).append(f"{problem.value} {problem.message}")
    assert set(by_row) == {wide_row, bad_row}
    assert any("fields" in message for message in by_row[wide_row])
    assert by_row[bad_row] == [by_row[bad_row][0]]
    assert by_row[bad_row][0].startswith("notanumber ")
    for row in plan.rows:  # the preview: each row under its own number
        assert data[row["row"] - 2].startswith(row["account"] + ";")


def test_an_over_wide_last_line_is_a_row_of_its_own(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", ["account;mrr", *_accounts(20), ";".join(["x"] * 30)])
    plan = prepare(path, entity="accounts")
    assert {p.row for p in plan.errors} == {22}
    assert plan.rows_accepted == 20


@pytest.mark.parametrize(
    "text",
    [
        "account,mrr\n" + ",".join(["1"] * 1_500_000),
        ",".join(["1"] * 1_500_000),
        "x" * 3_000_000,
        "account;mrr\nAcme;" + "9" * 3_000_000 + "\n",
        '"' + "x" * 3_000_000,
        "account;mrr\n" + "\t".join(["1"] * 1_500_000) + "\n",
    ],
    ids=["header-then-wide", "one-wide-line", "one-cell", "one-number", "open-quote", "tabs"],
)
def test_a_three_megabyte_line_is_a_clear_refusal(tmp_path: Path, text: str) -> None:
    path = tmp_path / "big.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        prepare(path)
    assert "big.csv" in str(caught.value)


def test_one_cp1252_byte_in_a_utf8_file_is_reported_on_its_row(tmp_path: Path) -> None:
    lines = ["account;mrr", *[f"Açaí Ltda {i};{i}" for i in range(1, 1_000)]]
    body = ("\n".join(lines) + "\n").encode("utf-8") + "Café Ltda;5\n".encode("cp1252")
    path = tmp_path / "stray.csv"
    path.write_bytes(body)
    assert detect(path).encoding == "utf-8"
    plan = prepare(path, entity="accounts")
    names = [r["account"] for r in plan.rows]
    assert names[0] == "Açaí Ltda 1" and "Ã" not in "".join(names)
    assert plan.rows_accepted == 1_000
    warnings = [p for p in plan.problems if p.severity == "warning"]
    assert [p.row for p in warnings] == [1_001]
    assert "UTF-8" in warnings[0].message and "Caf\ufffd Ltda" in warnings[0].message


def test_a_cp1252_file_stays_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "pt.csv"
    path.write_bytes("account;mrr\nAçaí Ltda;10\nPão S.A.;20\n".encode("cp1252"))
    assert detect(path).encoding == "cp1252"
    assert [r["account"] for r in prepare(path, entity="accounts").rows] == [
        "Açaí Ltda",
        "Pão S.A.",
    ]


@pytest.mark.parametrize(
    "encoding", ["utf-32", "utf-16", "utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"]
)
def test_utf16_and_utf32_with_or_without_a_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes("account;mrr\nAçaí Ltda;10\nPão S.A.;20\n".encode(encoding))
    plan = prepare(path, entity="accounts")
    names = [r["account"] for r in plan.rows]
    assert names == ["Açaí Ltda", "Pão S.A."]
    assert not any("\x00" in name for name in names)
