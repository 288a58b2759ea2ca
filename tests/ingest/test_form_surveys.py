"""A survey run in a form tool (Google Forms, as most small CS teams run NPS) exports the
question itself as the score's header and a timestamp, the respondent's e-mail and their
company beside it. It is read as NPS responses of those companies: not as contacts, and never
with the scores made into new accounts named "9" and "6"."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.metrics import cx
from csdesk.metrics.periods import Window
from csdesk.store import Workspace

AS_OF = Month(2026, 11)
ACCOUNTS = "Cliente,MRR\nRaiz Ltda,1000\nSanta Clara Ltda,2000\nGirassol Ltda,1500\n"
PT = (
    '"Carimbo de data/hora","Endereço de e-mail","Nome da empresa",'
    '"Em uma escala de 0 a 10, qual a probabilidade de você recomendar a Nossa Empresa a um '
    'amigo ou colega?","O que podemos melhorar?"\n'
    '"05/11/2026 10:12:33","maria@raiz.example","Raiz Ltda","9","Nada"\n'
    '"06/11/2026 14:02:10","joao@santaclara.example","Santa Clara Ltda","6","Agilidade"\n'
    '"07/11/2026 09:45:00","ana@girassol.example","Girassol Ltda","10",""\n'
    '"08/11/2026 16:20:41","rui@girassol.example","Girassol Ltda","3","Relatórios"\n'
)
EN = (
    "Timestamp,Email Address,Company name,"
    '"On a scale of 0 to 10, how likely are you to recommend us to a friend or colleague?",'
    '"What can we improve?"\n'
    "11/5/2026 10:12:33,maria@raiz.example,Raiz Ltda,9,Nothing\n"
    "11/6/2026 14:02:10,joao@santaclara.example,Santa Clara Ltda,6,Speed\n"
    "11/7/2026 9:45:00,ana@girassol.example,Girassol Ltda,10,\n"
    "11/8/2026 16:20:41,rui@girassol.example,Girassol Ltda,3,Reports\n"
)


@pytest.mark.parametrize("text", [PT, EN], ids=["pt-BR", "en"])
def test_a_form_export_is_nps_responses_of_the_companies(
    ws: Workspace, tmp_path: Path, text: str
) -> None:
    commit(ws, prepare(write_csv(tmp_path / "clientes.csv", ACCOUNTS), ws=ws, as_of=AS_OF))
    plan = prepare(write_csv(tmp_path / "respostas.csv", text), ws=ws, as_of=AS_OF)
    assert plan.entity == "surveys"
    fields = [c.field for c in plan.columns]
    assert fields == ["date", "contact", "account", "score", "comment"]
    assert plan.accounts_to_create == 0
    assert not any("survey type" in p.message for p in plan.warnings)  # the question says NPS
    commit(ws, plan)
    assert ws.scalar("SELECT count(*) FROM accounts") == 3
    nps = cx.summary(ws, Window(AS_OF)).as_json()["nps"]
    assert nps == {"score": 0.0, "promoters": 2, "passives": 0, "detractors": 2, "responses": 4}
