"""Data rooms written on the fly: a consultant's folder of a client's exports."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from ingest_helpers import write_csv, write_xlsx

ACCOUNTS = [
    ["Código", "Cliente", "Segmento", "Região"],
    ["C-001", "Acme Ltda", "SMB", "Sudeste"],
    ["C-002", "Beta Comércio", "Mid-Market", "Sul"],
    ["C-003", "Gama Serviços", "Enterprise", "Nordeste"],
]
# Long-form monthly revenue naming the accounts by their code.
REVENUE = (
    "Código;Mês;MRR\n"
    "C-001;01/2025;1.200,50\nC-001;02/2025;1.250,00\nC-001;03/2025;1.250,00\n"
    "C-002;01/2025;800,00\nC-002;02/2025;0,00\n"
    "C-003;01/2025;5.000,00\nC-003;02/2025;5.400,00\nC-003;03/2025;5.400,00\n"
)
TICKETS = (
    "Chamado;Código;Aberto em;Prioridade;CSAT\n"
    "T1;C-001;2025-02-01 10:00;Média;5\n"
    "T2;C-003;2025-02-03 09:30;Alta;4\n"
    "T3;C-003;2025-03-01 08:00;Baixa;\n"
)
SURVEYS = "Código;Data;Nota;Comentário\nC-001;01/02/2025;9;Ótimo\nC-003;02/03/2025;6;Lento\n"
# Columns that match no entity: csdesk cannot tell what it holds.
UNCLEAR = "Coisa;Valor X;Observação\nalfa;1;x\nbeta;2;y\ngama;3;z\n"


def build_room(folder: Path) -> Path:
    """A folder of exports out of dependency order, with pt-BR names, copies, a README, a PDF,
    an empty file and one file that needs a mapping."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "01 receita mensal.csv", REVENUE)
    write_xlsx(folder / "Cadastro de clientes.xlsx", ACCOUNTS, sheet="Clientes")
    shutil.copyfile(folder / "Cadastro de clientes.xlsx", folder / "Cadastro de clientes (1).xlsx")
    sub = folder / "suporte"
    sub.mkdir(exist_ok=True)
    write_csv(sub / "chamados.csv", TICKETS)
    write_csv(folder / "pesquisa nps.csv", SURVEYS)
    # The same revenue rows saved as a workbook by someone else.
    write_xlsx(
        folder / "receita (planilha).xlsx",
        [row.split(";") for row in REVENUE.strip().splitlines()],
    )
    write_csv(folder / "notas soltas.csv", UNCLEAR)
    (folder / "README.md").write_text("# Dados do cliente\nExportados do ERP em março.\n")
    (folder / "contrato assinado.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "vazio.csv").write_bytes(b"")
    return folder


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return target
