"""Words the demo writes: ticket subjects, survey comments, timeline titles, goals.

Every bank holds a Portuguese and an English list (accounts in Brazil and Portugal get
Portuguese). :func:`pick` chooses from them for a whole column at once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]
Bank = tuple[tuple[str, ...], tuple[str, ...]]  # (Portuguese, English)

TICKET_SUBJECTS: Bank = (
    (
        "Erro ao exportar relatório para Excel",
        "Não consigo acessar com meu usuário",
        "Dúvida sobre permissões de usuários",
        "Integração com ERP parou de sincronizar",
        "Nota fiscal não aparece no painel",
        "Lentidão ao abrir o dashboard",
        "Como cadastrar novos usuários?",
        "Boleto com valor divergente",
        "Importação de planilha falhando",
        "Alterar dados de faturamento",
        "Relatório mensal com números diferentes",
        "Erro 500 ao salvar cadastro",
        "Solicitação de treinamento para nova equipe",
        "Senha expirada, link não chega",
        "Aplicativo móvel fecha sozinho",
        "Como configurar alertas por e-mail?",
    ),
    (
        "Export to Excel fails",
        "Cannot log in with SSO",
        "Question about user permissions",
        "ERP integration stopped syncing",
        "Invoice missing from the billing page",
        "Dashboard is slow to load",
        "How do I add new users?",
        "Charged the wrong amount",
        "Spreadsheet import failing",
        "Update billing details",
        "Monthly report numbers do not match",
        "Error 500 when saving a record",
        "Training request for a new team",
        "Password reset e-mail never arrives",
        "Mobile app crashes on start",
        "How to set up e-mail alerts?",
    ),
)

CHANNELS = ("email", "chat", "portal", "phone", "whatsapp")
CHANNEL_WEIGHTS = (0.33, 0.25, 0.15, 0.12, 0.15)

SURVEY_COMMENTS: dict[str, Bank] = {
    "good": (
        (
            "O suporte resolveu rápido, parabéns.",
            "Ferramenta essencial para nossa operação.",
            "A CSM conhece nosso negócio.",
            "Relatórios economizam horas por semana.",
            "Recomendo para outras empresas do setor.",
        ),
        (
            "Support solved it fast, thank you.",
            "Essential tool for our operation.",
            "Our CSM really knows our business.",
            "The reports save us hours every week.",
            "Would recommend to peers.",
        ),
    ),
    "mid": (
        (
            "Bom produto, mas a integração ainda dá trabalho.",
            "Poderia ser mais fácil de usar.",
            "Atende, mas o preço subiu bastante.",
            "Falta relatório por filial.",
        ),
        (
            "Good product, integration still takes effort.",
            "Could be easier to use.",
            "Does the job, but the price went up a lot.",
            "Missing per-branch reports.",
        ),
    ),
    "bad": (
        (
            "Muitos erros desde a última atualização.",
            "Ninguém nos procura há meses.",
            "Suporte demora demais para responder.",
            "Estamos avaliando outras opções.",
            "Caro para o que entrega.",
        ),
        (
            "Too many bugs since the last release.",
            "Nobody has contacted us in months.",
            "Support takes far too long to answer.",
            "We are looking at alternatives.",
            "Expensive for what it delivers.",
        ),
    ),
}

# Timeline titles by (kind, role) and language.
EVENT_TITLES: dict[str, Bank] = {
    "cs_meeting": (
        (
            "Reunião de acompanhamento",
            "Alinhamento de próximos passos",
            "Revisão do plano de sucesso",
        ),
        ("Check-in meeting", "Next steps alignment", "Success plan review"),
    ),
    "cs_call": (
        ("Ligação de acompanhamento", "Call com o champion", "Ligação sobre adoção"),
        ("Follow-up call", "Call with the champion", "Adoption call"),
    ),
    "cs_email": (
        ("Envio de material de treinamento", "Resumo da reunião", "Convite para webinar"),
        ("Training material sent", "Meeting recap", "Webinar invitation"),
    ),
    "cs_note": (
        ("Nota: cliente pediu novo relatório", "Nota: troca de gestor na área", "Nota interna"),
        ("Note: customer asked for a new report", "Note: new manager in the team", "Internal note"),
    ),
    "am_meeting": (
        ("Negociação comercial", "Apresentação de proposta"),
        ("Commercial negotiation", "Proposal presentation"),
    ),
    "am_call": (
        ("Ligação sobre reajuste", "Ligação sobre aditivo contratual"),
        ("Call about price adjustment", "Call about a contract amendment"),
    ),
    "am_email": (
        ("Envio de proposta comercial", "Minuta de aditivo enviada"),
        ("Commercial proposal sent", "Amendment draft sent"),
    ),
    "support_email": (
        ("Atualização sobre chamado", "Chamado resolvido: confirmação"),
        ("Ticket status update", "Ticket resolved: confirmation"),
    ),
    "support_note": (
        ("Nota do suporte: bug reportado ao produto", "Nota do suporte: cliente recorrente"),
        ("Support note: bug filed with product", "Support note: recurring requester"),
    ),
    "cx_email": (
        ("Pesquisa de satisfação enviada", "Agradecimento pela resposta ao NPS"),
        ("Satisfaction survey sent", "Thank-you for the NPS answer"),
    ),
    "cx_call": (
        ("Retorno a detrator do NPS", "Entrevista de jornada do cliente"),
        ("Call back to an NPS detractor", "Customer journey interview"),
    ),
    "cx_note": (
        ("Nota CX: ponto de atrito na jornada", "Nota CX: elogio registrado"),
        ("CX note: friction point in the journey", "CX note: compliment logged"),
    ),
}

ONBOARDING_STEPS: Bank = (
    ("Kickoff do projeto", "Configuração do ambiente", "Integração com ERP",
     "Treinamento da equipe", "Go-live"),
    ("Project kickoff", "Environment set-up", "ERP integration", "Team training", "Go-live"),
)  # fmt: skip
ONBOARDING_DAYS = (0, 6, 16, 30, 45)

QBR_BODIES: Bank = (
    (
        "Resultados do trimestre apresentados; próximos passos acordados com o patrocinador.",
        "Revisamos adoção, chamados e metas do plano de sucesso.",
        "Cliente pediu roadmap de integrações; levar ao produto.",
    ),
    (
        "Quarter results presented; next steps agreed with the sponsor.",
        "Reviewed adoption, tickets and success-plan goals.",
        "Customer asked for the integrations roadmap; taking it to product.",
    ),
)

CHURN_REASONS: Bank = (
    ("Motivo: custo.", "Motivo: migrou para concorrente.", "Motivo: baixa adoção.",
     "Motivo: empresa encerrou a operação."),
    ("Reason: cost.", "Reason: moved to a competitor.", "Reason: low adoption.",
     "Reason: the business closed."),
)  # fmt: skip

# (objective pt, objective en, metric, baseline range, target range)
GOALS: tuple[tuple[str, str, str, tuple[float, float], tuple[float, float]], ...] = (
    ("Aumentar a adoção da plataforma", "Increase platform adoption", "active users %",
     (30.0, 60.0), (80.0, 90.0)),
    ("Reduzir o tempo de fechamento mensal", "Cut month-end close time", "days",
     (8.0, 12.0), (3.0, 5.0)),
    ("Reduzir chamados de suporte", "Reduce support tickets", "tickets per month",
     (15.0, 30.0), (5.0, 10.0)),
    ("Automatizar relatórios gerenciais", "Automate management reports", "reports automated",
     (0.0, 2.0), (8.0, 15.0)),
    ("Treinar toda a equipe", "Train the whole team", "people trained",
     (0.0, 5.0), (20.0, 60.0)),
    ("Integrar com o ERP", "Integrate with the ERP", "integration live (0/1)",
     (0.0, 0.0), (1.0, 1.0)),
)  # fmt: skip


def pick(rng: np.random.Generator, bank: Bank, portuguese: Array) -> list[str]:
    """One text per entry from the bank, in Portuguese where ``portuguese`` is true."""
    pt, en = bank
    pt_pick = np.array(pt, dtype=object)[rng.integers(len(pt), size=len(portuguese))]
    en_pick = np.array(en, dtype=object)[rng.integers(len(en), size=len(portuguese))]
    result: list[str] = np.where(portuguese, pt_pick, en_pick).tolist()
    return result
