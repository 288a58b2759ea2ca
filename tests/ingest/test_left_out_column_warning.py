"""A column whose header names a field but whose values mostly do not read as one is left out,
and the problems say so: the import would otherwise go on without, say, the accounts' MRR,
with only a reason in the list of columns to tell."""

from __future__ import annotations

from pathlib import Path

from csdesk.i18n import language
from csdesk.ingest import prepare

ACCOUNTS = (
    "Cliente;Segmento;MRR (R$)\n"
    "Padaria Aurora;SMB;R$ 1.250,00\n"
    "Construtora Horizonte;Enterprise;R$ dois mil\n"
    "Clínica Vida;SMB;R$ 3.480,90\n"
    "Açougue São João;SMB;R$ 780,00\n"
)


def _sheet(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contas.csv"
    path.write_bytes(text.encode("cp1252"))
    return path


def test_a_left_out_column_that_names_a_field_is_a_warning(tmp_path: Path) -> None:
    with language("en"):
        plan = prepare(_sheet(tmp_path, ACCOUNTS))
        warnings = [p.describe() for p in plan.problems if p.severity == "warning"]
    column = next(c for c in plan.columns if c.column == "MRR (R$)")
    assert column.field is None and column.resembles == "mrr"
    assert warnings == [
        "warning: column 'MRR (R$)': header looks like MRR, but only 75% of its values read as "
        "money, so it is left out; import it as MRR to have the values that cannot be read listed"
    ]
    assert plan.rows_accepted == 4  # a warning: the accounts can still be imported


def test_the_warning_in_portuguese(tmp_path: Path) -> None:
    with language("pt_BR"):
        plan = prepare(_sheet(tmp_path, ACCOUNTS))
        (warning,) = [p.message for p in plan.problems if p.severity == "warning"]
    assert warning.startswith("o cabeçalho parece MRR, mas só 75% dos valores")
    assert warning.endswith(
        "importe-a como MRR para ver listados os valores que não podem ser lidos"
    )


def test_mapped_or_left_out_by_the_person_it_is_no_warning(tmp_path: Path) -> None:
    path = _sheet(tmp_path, ACCOUNTS)
    with language("en"):
        mapped = prepare(path, mapping={"MRR (R$)": "mrr"})
        left_out = prepare(path, mapping={"MRR (R$)": "-"})
    assert [p.severity for p in mapped.problems] == ["error"]  # the row it cannot read
    assert mapped.problems[0].value == "R$ dois mil"
    assert left_out.problems == []


def test_no_warning_when_another_column_fills_the_field(tmp_path: Path) -> None:
    text = (
        "Cliente;MRR;MRR (R$)\n"
        "Padaria Aurora;1250;R$ 1.250,00\n"
        "Construtora Horizonte;2000;R$ dois mil\n"
        "Clínica Vida;3480;x\n"
        "Açougue São João;780;y\n"
    )
    with language("en"):
        plan = prepare(_sheet(tmp_path, text))
    assert {c.column: c.field for c in plan.columns}["MRR"] == "mrr"
    assert [p for p in plan.problems if p.severity == "warning"] == []
