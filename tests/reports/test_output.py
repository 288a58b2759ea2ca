"""Atomic output: a failed or interrupted writer leaves nothing under the final name."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.errors import CsdeskError
from csdesk.reports.output import atomic_output, check_target


def test_success_renames_the_temporary_file_over_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_text("old")
    with atomic_output(target) as temporary:
        assert temporary.parent == tmp_path
        assert temporary != target
        temporary.write_text("new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_failure_half_way_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError), atomic_output(target) as temporary:
        temporary.write_text("half a document")
        raise RuntimeError("the writer broke")
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_an_older_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous export")
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as temporary:
        temporary.write_bytes(b"partial")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_a_missing_folder_is_a_user_error_naming_the_path(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.pdf"
    with pytest.raises(CsdeskError, match="nowhere"):
        check_target(target, (".pdf",))
    with pytest.raises(CsdeskError, match="nowhere"), atomic_output(target):
        pass


def test_the_extension_must_match_the_format(tmp_path: Path) -> None:
    with pytest.raises(CsdeskError, match=r"must end in \.pdf"):
        check_target(tmp_path / "out.docx", (".pdf",))
    assert check_target(tmp_path / "OUT.PDF", (".pdf",)) == tmp_path / "OUT.PDF"
