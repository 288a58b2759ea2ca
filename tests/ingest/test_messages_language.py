"""The importer speaks the reader's language: problems, reasons, refusals, the command line.

A Brazilian CSV (cp1252, ``;``) with a money cell and a date it cannot read is planned in
pt-BR and in English; an encrypted workbook is refused in both; `csdesk import --lang pt-BR`
prints Portuguese while its --json keys and codes stay the same; a plan made in another
thread speaks the language the app set (the language is process-wide).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import write_xlsx

from csdesk.cli import main
from csdesk.errors import CsdeskError
from csdesk.i18n import current_language, language, set_language
from csdesk.ingest import prepare
from csdesk.ingest.plan import ImportPlan
from csdesk.store import Workspace

SHEET = (
    "Cliente;Segmento;Data de renovação;MRR\r\n"
    "Açaí Ltda;SMB;31/12/2026;R$ 1.234,56\r\n"
    "Épsilon Ltda;Enterprise;30/06/2027;R$ dois mil\r\n"
    "Zeta Comércio;SMB;amanhã;R$ 10,00\r\n"
    "Ômega S.A.;Mid-market;15/03/2027;R$ 2.500,00\r\n"
)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "clientes.csv"
    path.write_bytes(SHEET.encode("cp1252"))
    return path


def _problems(plan: ImportPlan) -> list[tuple[int | None, str | None, str | None, str, str]]:
    return [(p.row, p.column, p.value, p.message, p.severity) for p in plan.problems]


def test_problems_reasons_and_readings_in_portuguese(sheet: Path) -> None:
    with language("pt_BR"):
        plan = prepare(sheet)
        described = [p.describe() for p in plan.problems]
    assert _problems(plan) == [
        (
            3,
            "MRR",
            "R$ dois mil",
            "não é um valor em dinheiro (MRR); linha não importada",
            "error",
        ),
        (
            4,
            "Data de renovação",
            "amanhã",
            "não é uma data (Data de renovação); linha não importada",
            "error",
        ),
    ]
    assert described == [
        "erro: linha 3, coluna 'MRR', valor 'R$ dois mil': "
        "não é um valor em dinheiro (MRR); linha não importada",
        "erro: linha 4, coluna 'Data de renovação', valor 'amanhã': "
        "não é uma data (Data de renovação); linha não importada",
    ]
    assert plan.description == "CSV, cp1252, separado por ponto e vírgula"
    columns = {c.column: c for c in plan.columns}
    assert columns["Cliente"].reason == "o cabeçalho 'Cliente' é um dos nomes de Conta"
    assert columns["MRR"].reason == (
        "o cabeçalho 'MRR' é um dos nomes de MRR, embora só 75% dos valores se encaixem"
    )
    assert columns["MRR"].decision == (
        "vírgula decimal (1.234,56; decidido por 3 valores); símbolos de moeda removidos"
    )
    assert columns["Data de renovação"].decision == "dd/mm/aaaa"
    assert plan.rows_accepted == 2 and plan.blocking is None


def test_english_stays_as_it_was(sheet: Path) -> None:
    with language("en"):
        plan = prepare(sheet)
        described = [p.describe() for p in plan.problems]
    assert described == [
        "error: row 3, column 'MRR', value 'R$ dois mil': "
        "not an amount of money (MRR); row not imported",
        "error: row 4, column 'Data de renovação', value 'amanhã': "
        "not a date (Renewal date); row not imported",
    ]
    assert plan.description == "CSV, cp1252, semicolon-separated"
    columns = {c.column: c for c in plan.columns}
    assert columns["Cliente"].reason == "header 'Cliente' is a name for Account"
    assert columns["MRR"].decision == (
        "decimal comma (1.234,56; 3 values decided it); currency symbols removed"
    )


def test_a_plan_made_in_another_thread_speaks_the_language_the_app_set(sheet: Path) -> None:
    # The app sets the language once (set_language) and plans in a worker thread.
    set_language("pt-BR")
    made: list[ImportPlan] = []
    worker = threading.Thread(target=lambda: made.append(prepare(sheet)))
    worker.start()
    worker.join()
    assert made[0].problems[0].message == "não é um valor em dinheiro (MRR); linha não importada"


def test_a_blocked_plan_and_a_large_count_in_portuguese(tmp_path: Path) -> None:
    rows = "".join(f"Conta {i};{'abc' if i % 2 else '10,00'}\n" for i in range(2400))
    path = tmp_path / "receita.csv"
    path.write_text("Cliente;MRR\n" + rows, encoding="utf-8")
    with language("pt_BR"):
        plan = prepare(path, entity="accounts")
    assert plan.blocking == (
        "receita.csv: a coluna 'MRR' é lida como MRR, mas 1.200 dos seus 2.400 valores não "
        "podem ser lidos como um valor em dinheiro. Por exemplo, linha 3: 'abc'. Corrija a "
        "coluna no arquivo, ou associe-a a outro campo ou deixe-a de fora. Nada foi importado."
    )
    # A column with thousands of bad cells lists the first hundred, then counts the rest.
    assert plan.problems[-1].message == (
        "mais 1.100 linhas com o mesmo problema (não é um valor em dinheiro) não estão listadas"
    )


def test_an_encrypted_workbook_is_refused_in_the_readers_language(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(tmp_path / "plain.xlsx", [["Cliente", "MRR"], ["Acme", 10]])
    path = tmp_path / "secreto.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("s3nha", target)
    with language("pt_BR"), pytest.raises(CsdeskError) as refused:
        prepare(path)
    assert refused.value.message == (
        "secreto.xlsx está protegido por senha (criptografado). Abra-o no Excel, remova a senha "
        "(Arquivo > Informações > Proteger Pasta de Trabalho), salve e importe de novo."
    )
    with language("en"), pytest.raises(CsdeskError) as refused:
        prepare(path)
    assert refused.value.message.startswith("secreto.xlsx is password-protected (encrypted).")


def test_command_line_dry_run_in_portuguese(
    sheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_language("en")
    target = tmp_path / "w.csdesk"
    code = main(["import", str(target), str(sheet), "--lang", "pt-BR", "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and not target.exists()
    lines = out.splitlines()
    assert lines[0] == (
        "clientes.csv (CSV, cp1252, separado por ponto e vírgula): cabeçalho na linha 1, "
        "4 linhas lidas."
    )
    assert lines[1].startswith("Conteúdo: accounts, confiança de ")
    assert lines[1].endswith("; mapeamento: automático.")
    assert "Problemas: 2 erros (linhas não importadas), 0 aviso." in lines
    assert (
        "  erro: linha 3, coluna 'MRR', valor 'R$ dois mil': "
        "não é um valor em dinheiro (MRR); linha não importada"
    ) in lines
    assert (
        "  erro: linha 4, coluna 'Data de renovação', valor 'amanhã': "
        "não é uma data (Data de renovação); linha não importada"
    ) in lines
    assert lines[-1] == "Simulação: 2 linhas seriam importadas. Nada foi gravado."
    # The command's language lasts as long as the command.
    assert current_language() == "en"

    assert main(["import", str(target), str(sheet), "--dry-run"]) == 0
    english = capsys.readouterr().out
    assert "  error: row 3, column 'MRR', value 'R$ dois mil': " in english
    assert "Dry run: 2 rows would be imported. Nothing was written." in english


def test_json_keys_and_codes_stay_english(
    sheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "w.csdesk"
    args = ["import", str(target), str(sheet), "--dry-run", "--json"]
    assert main([*args, "--lang", "pt-BR"]) == 0
    portuguese = json.loads(capsys.readouterr().out)
    assert main([*args, "--lang", "en"]) == 0
    english = json.loads(capsys.readouterr().out)
    assert list(portuguese) == list(english)
    assert portuguese["entity"] == english["entity"] == "accounts"
    assert portuguese["mapping"] == english["mapping"]
    assert portuguese["problems"][0] == {
        "row": 3,
        "column": "MRR",
        "value": "R$ dois mil",
        "message": "não é um valor em dinheiro (MRR); linha não importada",
        "severity": "error",
    }
    assert english["problems"][0]["message"] == "not an amount of money (MRR); row not imported"


def test_the_workspace_language_is_the_default_and_refusals_follow_it(
    sheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.store.settings import LOCALE

    target = tmp_path / "w.csdesk"
    with Workspace.open(target, create=True) as ws:
        LOCALE.set(ws, "pt_BR")
    assert main(["import", str(target), str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "Lote 1 importado: 2 linhas gravadas, 0 atualizada, 0 pulada, 2 rejeitadas; " in out
    assert main(["import", str(target), str(sheet)]) == 2
    refused = capsys.readouterr().err
    assert refused.startswith("csdesk: clientes.csv já foi importado em w.csdesk em ")
    assert "(lote 1); nada foi gravado." in refused
    assert main(["undo-import", str(target), "1"]) == 0
    assert capsys.readouterr().out.startswith("Lote de importação 1 desfeito: ")
    assert main(["undo-import", str(target), "1", "--lang", "en"]) == 2
    assert "import batch 1 (clientes.csv) was already undone." in capsys.readouterr().err
    assert main(["imports", str(target)]) == 0
    assert " desfeita " in capsys.readouterr().out
