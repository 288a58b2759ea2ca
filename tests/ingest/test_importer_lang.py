"""The importer makes its messages in the Lang its door passes, not in the language the calling
thread happens to have: a worker of the app planning for a Portuguese session while the GUI
switches to English, a command line that asked for pt-BR."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.cli.common import COMMAND_LINE
from csdesk.errors import CsdeskError
from csdesk.i18n import Lang, current_language, language, set_language
from csdesk.ingest import commit, prepare, undo
from csdesk.ingest.plan import ImportPlan
from csdesk.store import Workspace

SHEET = "Cliente;MRR\r\nAçaí Ltda;R$ 1.234,56\r\nÉpsilon Ltda;R$ dois mil\r\n"
PT_MONEY = "não é um valor em dinheiro (MRR); linha não importada"
EN_MONEY = "not an amount of money (MRR); row not imported"


@pytest.fixture(autouse=True)
def language_afterwards() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "clientes.csv"
    path.write_bytes(SHEET.encode("cp1252"))
    return path


def _messages(plan: ImportPlan) -> list[str]:
    return [p.message for p in plan.problems]


def test_the_lang_passed_wins_over_the_threads_language(sheet: Path) -> None:
    with language("en"):
        plan = prepare(sheet, lang=Lang("pt_BR"))
        assert current_language() == "en"  # the call bound it for itself only
    assert PT_MONEY in _messages(plan)
    with language("pt_BR"):
        plan = prepare(sheet, lang=Lang("en"))
    assert EN_MONEY in _messages(plan)
    again = plan.with_mapping({"Cliente": "account"}, lang=Lang("pt_BR"))
    assert PT_MONEY in _messages(again)


def test_a_worker_speaks_the_sessions_lang_not_the_app_default(sheet: Path) -> None:
    set_language("en")  # the GUI's language, which a worker thread reads by default
    made: list[ImportPlan] = []
    worker = threading.Thread(target=lambda: made.append(prepare(sheet, lang=Lang("pt_BR"))))
    worker.start()
    worker.join()
    assert PT_MONEY in _messages(made[0])
    assert current_language() == "en"


def test_already_imported_and_undo_speak_the_lang_passed(sheet: Path, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.csdesk", create=True) as ws:
        result = commit(ws, prepare(sheet, ws=ws), lang=Lang("pt_BR"))
        with pytest.raises(CsdeskError) as refused:
            commit(ws, prepare(sheet, ws=ws), lang=Lang("pt_BR"))
        said = refused.value.render(Lang("pt_BR"), COMMAND_LINE)
        assert "já foi importado" in said and "nada foi gravado" in said
        assert f"csdesk undo-import {ws.path} {result.batch_id}" in said
        undo(ws, result.batch_id, lang=Lang("pt_BR"))
        with pytest.raises(CsdeskError) as twice:
            undo(ws, result.batch_id, lang=Lang("pt_BR"))
        assert "lote" in twice.value.message
