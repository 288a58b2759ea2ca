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


# A CSAT form downloaded from Google Forms: its timestamps carry AM/PM and the zone, and the
# scores are the question's answers, not numbers.
CSAT_FORM = (
    '"Carimbo de data/hora","Nome da empresa",'
    '"Qual o seu nível de satisfação com o nosso atendimento?","O que podemos melhorar?"\n'
    '"2026/11/03 10:15:22 AM GMT-3","Raiz Ltda","Muito satisfeito",""\n'
    '"2026/11/04 2:40:10 PM GMT-3","Santa Clara Ltda","Satisfeito","Mais treinamentos"\n'
    '"2026/11/05 9:05:00 AM GMT-3","Girassol Ltda","Insatisfeito","Demora no suporte"\n'
    '"2026/11/06 12:30:45 PM GMT-3","Girassol Ltda","Neutro",""\n'
)


def test_a_csat_form_of_answers_is_csat_responses(ws: Workspace, tmp_path: Path) -> None:
    commit(ws, prepare(write_csv(tmp_path / "clientes.csv", ACCOUNTS), ws=ws, as_of=AS_OF))
    plan = prepare(write_csv(tmp_path / "respostas.csv", CSAT_FORM), ws=ws, as_of=AS_OF)
    assert plan.entity == "surveys" and plan.blocking is None and plan.rows_rejected == 0
    assert [c.field for c in plan.columns] == ["date", "account", "score", "comment"]
    [score] = [c for c in plan.columns if c.field == "score"]
    assert score.decision.startswith("satisfaction answers on the 1-5 scale")
    commit(ws, plan)
    rows = ws.conn.execute("SELECT type, score, date FROM surveys ORDER BY date").fetchall()
    assert [(t, s) for t, s, _d in rows] == [("csat", 5), ("csat", 4), ("csat", 2), ("csat", 3)]
    assert [d[:10] for _t, _s, d in rows] == [
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
        "2026-11-06",
    ]
    summary = cx.summary(ws, Window(AS_OF))
    assert summary.csat == pytest.approx(0.5) and summary.csat_responses == 4


def test_answers_in_rows_of_another_survey_type_are_refused_row_by_row(
    ws: Workspace, tmp_path: Path
) -> None:
    text = (
        "Date,Account,Type,Score\n"
        "2026-11-03,Raiz Ltda,CSAT,Satisfied\n"
        "2026-11-04,Raiz Ltda,NPS,Dissatisfied\n"
    )
    plan = prepare(write_csv(tmp_path / "surveys.csv", text), ws=ws, as_of=AS_OF)
    assert plan.entity == "surveys"
    errors = [p for p in plan.problems if p.severity == "error"]
    assert [(p.row, p.value) for p in errors] == [(3, "Dissatisfied")]
    assert "satisfaction answer is a CSAT score" in errors[0].message
