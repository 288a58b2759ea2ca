"""A usage sheet with a column per metric and no metric column imports one metric: every
other column of numbers is a warning that names it and how to import it too, never dropped
without a word; a column the person left out is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.cli import main
from csdesk.store import Workspace

USO = (
    "Data;Cliente;Usuários ativos;Sessões;Plano\n"
    "01/11/2026;Acme Corp;42;310;Pro\n"
    "01/11/2026;Beta LLC;8;40;Basic\n"
)


def test_each_other_metric_column_is_said_and_the_remedy_works(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "uso.csv", USO)
    target = str(ws.path)
    ws.close()
    assert main(["import", target, str(path)]) == 0
    out = capsys.readouterr().out
    said = [line.strip() for line in out.splitlines() if "holds numbers and is not" in line]
    assert said == [
        "warning: column 'Sessões': holds numbers and is not imported: a usage sheet without a "
        "metric column imports one metric, the column 'Usuários ativos'. To import this one "
        "too, import the file again with it as the value (on the command line: --map "
        "'Sessões=value' --map 'Usuários ativos=-' --again)"
    ]  # 'Plano' holds words: not a metric
    again = ["--map", "Sessões=value", "--map", "Usuários ativos=-", "--again"]
    assert main(["import", target, str(path), *again]) == 0
    assert "holds numbers and is not" not in capsys.readouterr().out  # left out by the person
    with Workspace.open(Path(target)) as reopened:
        metrics = reopened.conn.execute(
            "SELECT metric, count(*) FROM usage GROUP BY metric ORDER BY metric"
        ).fetchall()
    assert [tuple(m) for m in metrics] == [("Sessões", 2), ("active_users", 2)]
