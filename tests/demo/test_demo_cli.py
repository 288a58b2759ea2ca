"""`csdesk demo`: creates the file, prints a summary, refuses a file that holds accounts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.domain.month import Month
from csdesk.i18n.lang import Lang
from csdesk.store import Workspace


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_creates_then_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], system_language: Callable[[str], None]
) -> None:
    system_language("pt_BR.UTF-8")
    path = tmp_path / "p.csdesk"
    code, out, err = _run(capsys, "demo", str(path), "--seed", "5")
    assert code == 0, err
    # The summary in the system's language (pt_BR): words, numbers and money.
    assert out.startswith(f"Carteira de demonstração (small, semente 5) gravada em {path}\n")
    assert "accounts" in out and "revenue_months" in out and "events" in out
    last = next(line for line in out.splitlines() if line.startswith("Último mês:"))
    assert "R$" in last and "," in last  # money in the system locale (pt_BR: R$ 1.234,56)
    assert " ativas, " in last and " contas canceladas; " in last
    with Workspace.open(path, read_only=True) as ws:
        accounts = ws.table_counts()["accounts"]
        month = ws.scalar("SELECT max(month) FROM revenue_months")
    assert f"{accounts:,}".replace(",", ".") in out
    # The month as the app shows it ("nov/2026"), not the ISO the database holds.
    assert f"Último mês: {Lang('pt_BR').month(Month.parse(month))}  MRR: R$" in out

    before = path.read_bytes()
    code, out, err = _run(capsys, "demo", str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and f"{path} já tem contas (150)" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_demo_refuses_a_file_that_is_not_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.csdesk"
    path.write_bytes(b"not a database at all" * 20)
    before = path.read_bytes()
    code, _, err = _run(capsys, "demo", str(path))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_demo_into_an_empty_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], system_language: Callable[[str], None]
) -> None:
    system_language("pt_BR.UTF-8")
    path = tmp_path / "empty.csdesk"
    Workspace.create(path).close()
    # --lang beats the system's language: the summary as before, in English.
    code, out, err = _run(capsys, "demo", str(path), "--lang", "en")
    assert code == 0, err
    assert out.startswith(f"Demo portfolio (small, seed 7) written to {path}\n")
    assert "\n  accounts               150\n" in out
    last = out.splitlines()[-1]
    assert last.startswith("Last month: ") and " active, " in last and " churned accounts; " in last
    assert "R$1," in last  # en money: R$1,234.56
    code, _, err = _run(capsys, "demo", str(path), "--lang", "en")
    assert code == 2 and f"{path} already holds accounts (150)" in err


def test_demo_rejects_an_unknown_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], system_language: Callable[[str], None]
) -> None:
    system_language("C.UTF-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", str(tmp_path / "x.csdesk"), "--size", "huge"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    assert not (tmp_path / "x.csdesk").exists()


def test_cancelled_demo_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import csdesk.demo
    from csdesk.progress import Cancelled

    real = csdesk.demo.generate

    def cancelled(*args: object, **kwargs: object) -> object:
        def stop(fraction: float, message: str) -> None:
            if fraction > 0.3:
                raise Cancelled()

        kwargs["progress"] = stop
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(csdesk.demo, "generate", cancelled)
    path = tmp_path / "stopped.csdesk"
    code, out, err = _run(capsys, "demo", str(path))
    assert code == 130 and "cancelled" in err and out == ""
    assert not path.exists()
    assert not list(tmp_path.iterdir())


def test_the_demos_progress_speaks_the_commands_language(tmp_path: Path) -> None:
    from csdesk.demo import generate
    from csdesk.i18n.lang import Lang

    said: list[str] = []
    with Workspace.open(tmp_path / "pt.csdesk", create=True) as ws:
        generate(ws, progress=lambda _, message: said.append(message), lang=Lang("pt_BR"))
        rows = ws.table_counts()["revenue_months"]
    assert rows > 1000
    assert said[0] == "Montando as contas" and said[-1] == "Carteira de demonstração gravada"
    assert f"Gravando revenue_months: {rows:,} linhas".replace(",", ".") in said
    assert not any("Writing" in m for m in said)
