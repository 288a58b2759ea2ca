"""Hostile files made by the tests: refused or handled with a clear message, in bounded time
and memory (each import runs in a child process, whose peak resident memory is measured and
whose run is cut by a timeout; no timing assertion)."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import IO

import pytest
from hardening_helpers import content_hash, run_measured
from openpyxl import Workbook

from csdesk.errors import CsdeskError
from csdesk.store import Workspace, migrations
from csdesk.store.workspace import _connect

MEMORY_BOUND_MB = 1_000
IMPORT = "import sys; from csdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def _import(workspace: Path, sheet: Path) -> tuple[int, str, int]:
    return run_measured(IMPORT, "import", str(workspace), str(sheet), timeout=120)


def _base_xlsx(path: Path) -> Path:
    book = Workbook()
    book.active.append(["account", "mrr"])
    book.active.append(["Acme", 10])
    book.save(path)
    return path


def _replace_part(source: Path, target: Path, part: str, writer: object) -> Path:
    """Copy a workbook, writing ``part`` through ``writer(stream)`` (so it can be huge)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as out:
        for item in original.infolist():
            if item.filename == part:
                continue
            out.writestr(item, original.read(item.filename))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as stream:
            writer(stream)  # type: ignore[operator]
    return target


def test_zip_bomb_of_plain_cells(tmp_path: Path) -> None:
    """60 MB of ordinary cells squeezed into a few hundred kB: refused from the directory."""
    row = b'<row r="2">' + b"<c><v>1</v></c>" * 1_000 + b"</row>"

    def bomb(stream: IO[bytes]) -> None:
        stream.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/')
        stream.write(b'spreadsheetml/2006/main"><sheetData>')
        for _ in range(60_000_000 // len(row)):
            stream.write(row)
        stream.write(b"</sheetData></worksheet>")

    path = _replace_part(
        _base_xlsx(tmp_path / "b.xlsx"), tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", bomb
    )
    assert path.stat().st_size < 2_000_000
    code, output, peak = _import(tmp_path / "w.csdesk", path)
    assert code == 2 and "zip bomb" in output and "Traceback" not in output
    assert peak < MEMORY_BOUND_MB
    assert not (tmp_path / "w.csdesk").exists()  # a refused import creates no workspace


@pytest.mark.parametrize(
    "part",
    ["xl/styles.xml", "[Content_Types].xml"],  # the sheet part: tests/ingest
)
def test_xml_entity_bomb_in_any_part(tmp_path: Path, part: str) -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    for level in range(1, 10):
        previous = "lol" if level == 1 else f"lol{level - 1}"
        laughs += f'<!ENTITY lol{level} "{("&" + previous + ";") * 10}">'
    laughs += ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    laughs += '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    laughs += "</sheetData></worksheet>"
    path = _replace_part(
        _base_xlsx(tmp_path / "b.xlsx"),
        tmp_path / "laughs.xlsx",
        part,
        lambda stream: stream.write(laughs.encode()),
    )
    code, output, peak = _import(tmp_path / "w.csdesk", path)
    assert code == 2 and "XML bomb" in output and "Traceback" not in output, output
    assert peak < MEMORY_BOUND_MB


def test_csv_of_100_000_columns(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ";".join(f"c{i}" for i in range(100_000))
    path.write_text(header + "\n" + ";".join("1" for _ in range(100_000)) + "\n")
    code, output, peak = _import(tmp_path / "w.csdesk", path)
    assert code == 2 and "wide.csv has at least" in output and "Traceback" not in output, output
    assert "at most 2,000 columns" in output
    assert peak < MEMORY_BOUND_MB


def test_two_gigabyte_sparse_file_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # a hole: no real disk used
    assert path.stat().st_size == 2 * 1024**3
    code, output, peak = _import(tmp_path / "w.csdesk", path)
    assert code == 2 and "huge.csv" in output and "Traceback" not in output, output
    assert peak < MEMORY_BOUND_MB


def _checkpointed(path: Path) -> Path:
    Workspace.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE VIEW v AS SELECT load_extension('/tmp/evil.so') AS x",
        "CREATE VIEW v AS SELECT writefile('/tmp/x', 'y') AS x",
        "CREATE TRIGGER t AFTER UPDATE ON settings BEGIN SELECT load_extension('e'); END",
        "CREATE TRIGGER t BEFORE DELETE ON accounts BEGIN DELETE FROM revenue_months; END",
    ],
)
def test_workspace_with_code_in_its_schema_is_refused_untouched(
    tmp_path: Path, statement: str
) -> None:
    path = _checkpointed(tmp_path / "hostile.csdesk")
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(CsdeskError, match="triggers or views"):
            Workspace.open(path, read_only=read_only)
    with pytest.raises(CsdeskError, match="triggers or views"):
        Workspace.check(path)
    assert path.read_bytes() == before


def test_trusted_schema_off_blocks_a_view_calling_an_unsafe_function(tmp_path: Path) -> None:
    """Were a view to slip past the check, csdesk's connection would not run its function."""
    path = _checkpointed(tmp_path / "slipped.csdesk")
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW v AS SELECT spy() AS x")
    conn.commit()
    conn.close()
    calls: list[int] = []

    def spy() -> int:
        calls.append(1)
        return 1

    trusting = sqlite3.connect(path)  # SQLite's default: trusted schema
    trusting.create_function("spy", 0, spy)
    assert trusting.execute("SELECT x FROM v").fetchone() == (1,)
    trusting.close()
    assert calls == [1]

    guarded = _connect(path, read_only=True)
    guarded.create_function("spy", 0, spy)
    with pytest.raises(sqlite3.OperationalError, match="unsafe use of"):
        guarded.execute("SELECT x FROM v").fetchone()
    guarded.close()
    assert calls == [1]


@pytest.mark.parametrize("forged", [1, 0, -7, 2**31 - 1, 99])
def test_forged_user_version_is_refused_with_the_file_unchanged(
    demo_path: Path, tmp_path: Path, forged: int
) -> None:
    path = tmp_path / "forged.csdesk"
    shutil.copyfile(demo_path, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {forged}")
    conn.commit()
    conn.close()
    before = content_hash(path)
    for read_only in (False, True):
        with pytest.raises(CsdeskError) as caught:
            Workspace.open(path, read_only=read_only)
        message = caught.value.message
        assert str(path) in message
        if forged > migrations.current_version():
            assert "newer csdesk" in message
    assert content_hash(path) == before
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
