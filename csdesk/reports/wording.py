"""The fixed wording of the reports (headings, labels, legends) in each report language.

A report is written in the language the user asks for (``--lang``), which need not be the
language of the app, so its labels are looked up per call rather than through one process-wide
setting. English is the key; a language without an entry for a label prints the English.
"""

from __future__ import annotations

from collections.abc import Callable

from csdesk.i18n.formatting import normalise

Translate = Callable[[str], str]

_PT_BR: dict[str, str] = {
    # shared page furniture
    "Page {page} of {total}": "Página {page} de {total}",
    "Prepared with csdesk on {day}": "Preparado com o csdesk em {day}",
    "Prepared on {day}": "Preparado em {day}",
    "Prepared by {name}": "Preparado por {name}",
    # role-clarity document
    "Role clarity": "Clareza de papéis",
    "Onboarding guide": "Guia de onboarding",
    "For all our customers": "Para todos os nossos clientes",
    "The four roles": "Os quatro papéis",
    "Who does what": "Quem faz o quê",
    "The hand-off that matters": "A passagem de bastão que importa",
    "How to reach each team": "Como falar com cada time",
    "Team": "Time",
    "Channels": "Canais",
    "Response time": "Tempo de resposta",
    "Call them for": "Procure para",
    "Your team": "Seu time",
    "Role": "Papel",
    "Name": "Nome",
    "E-mail": "E-mail",
    "Responsibility": "Responsabilidade",
    "Escalation path": "Caminho de escalonamento",
    "When": "Quando",
    "What happens": "O que acontece",
    "Step": "Etapa",
    "Not assigned yet": "Ainda não definido",
    "R = responsible (does the work) · A = accountable (owns the outcome) · "
    "C = consulted (asked before) · I = informed (told after)": (
        "R = responsável (executa) · A = aprovador (responde pelo resultado) · "
        "C = consultado (antes) · I = informado (depois)"
    ),
    "Your named contacts will be introduced at kick-off.": (
        "Seus contatos nominais serão apresentados no kick-off."
    ),
    "CX programme": "Programa de CX",
    # Excel export
    "Account ID": "ID do cliente",
    "Account": "Cliente",
    "Segment": "Segmento",
    "Tier": "Nível",
    "Industry": "Setor",
    "Region": "Região",
    "Country": "País",
    "Status": "Situação",
    "Lifecycle stage": "Fase do ciclo de vida",
    "Start date": "Data de início",
    "Renewal date": "Data de renovação",
    "Contract value": "Valor do contrato",
    "Currency": "Moeda",
    "Account manager": "Gerente de contas",
    "Support owner": "Responsável suporte",
    "Seats": "Licenças",
    "Notes": "Observações",
    "Accounts": "Contas",
    "MRR by month": "MRR por mês",
    "Month": "Mês",
    "Net change": "Variação líquida",
    "Movements": "Movimentações",
    "Health score": "Pontuação de saúde",
    "Band": "Faixa",
    "Missing data": "Dados ausentes",
    "Health": "Saúde",
    "Days to renewal": "Dias até a renovação",
    "Health band": "Faixa de saúde",
    "Renewal probability (set by CSM)": "Probabilidade de renovação (definida pelo CSM)",
    "Renewals": "Renovações",
    "Tickets": "Chamados",
    "Escalations": "Escalonamentos",
    "TMA (handle, min)": "TMA (atendimento, min)",
    "TME (wait, min)": "TME (espera, min)",
    "Resolution (h)": "Resolução (h)",
    "SLA attainment": "Cumprimento do SLA",
    "Ticket CSAT": "CSAT dos chamados",
    "Support": "Suporte",
    "NPS responses": "Respostas NPS",
    "Promoters": "Promotores",
    "Detractors": "Detratores",
    "CSAT responses": "Respostas CSAT",
    "CES responses": "Respostas CES",
    "Surveys": "Pesquisas",
    "Date": "Data",
    "Survey": "Pesquisa",
    "Score": "Nota",
    "Contact": "Contato",
    "Comment": "Comentário",
    "Survey comments": "Comentários das pesquisas",
    "Portfolio export": "Exportação da carteira",
    "Workspace": "Workspace",
    "As of": "Mês de referência",
    "Exported on": "Exportado em",
    "Summary": "Resumo",
    "Figure": "Indicador",
    "Formula (live)": "Fórmula (recalculada)",
    "Value computed by csdesk": "Valor calculado pelo csdesk",
    "Definition": "Definição",
    "not defined": "não definido",
    "Health distribution": "Distribuição de saúde",
    "MRR movements by month": "Movimentações de MRR por mês",
    "MRR change": "Variação de MRR",
    "Active accounts": "Contas ativas",
    "NRR (12 months)": "NRR (12 meses)",
    "GRR (12 months)": "GRR (12 meses)",
    "Logo churn (12 months)": "Churn de logos (12 meses)",
    "Gross MRR churn (as-of month)": "Churn bruto de MRR (mês de referência)",
    "Net MRR churn (as-of month)": "Churn líquido de MRR (mês de referência)",
    "Sum of MRR in the as-of month.": "Soma do MRR no mês de referência.",
    "12 × MRR.": "12 × MRR.",
    "Accounts with MRR above zero in the as-of month.": (
        "Contas com MRR acima de zero no mês de referência."
    ),
    "MRR / active accounts.": "MRR / contas ativas.",
    "Cohort = accounts paying 12 months earlier; their MRR now / their MRR then.": (
        "Coorte = contas pagantes 12 meses antes; o MRR delas agora / o MRR delas então."
    ),
    "Same cohort; each account counts at most its MRR of 12 months earlier.": (
        "Mesma coorte; cada conta conta no máximo o seu MRR de 12 meses antes."
    ),
    "Share of the cohort with no MRR in the as-of month.": (
        "Parcela da coorte sem MRR no mês de referência."
    ),
    "−(churn + contraction) / MRR of the month before.": (
        "−(churn + contração) / MRR do mês anterior."
    ),
    "−(churn + contraction + expansion + reactivation) / MRR of the month before.": (
        "−(churn + contração + expansão + reativação) / MRR do mês anterior."
    ),
    # QBR pack
    "Quarterly business review": "Revisão trimestral de negócios",
    "Q{number} {year} ({first} – {last})": "{number}º trimestre de {year} ({first} – {last})",
    "Executive summary": "Resumo executivo",
    "No data for: {items}.": "Sem dados para: {items}.",
    "Adoption": "Adoção",
    "Adoption and success plan": "Adoção e plano de sucesso",
    "Support and customer experience": "Suporte e experiência do cliente",
    "Revenue and contract": "Receita e contrato",
    "not scored": "sem pontuação",
    "pts": "pts",
    "{change} this quarter": "{change} no trimestre",
    "Seats in use": "Licenças em uso",
    "{users} of {seats} seats": "{users} de {seats} licenças",
    "NPS (12 months)": "NPS (12 meses)",
    "{count} responses": "{count} respostas",
    "Wins": "Conquistas",
    "To watch": "Pontos de atenção",
    "This account has no health score yet: there is not enough data.": (
        "Esta conta ainda não tem pontuação de saúde: faltam dados."
    ),
    "Health is {score} out of 100 ({band}).": "A saúde está em {score} de 100 ({band}).",
    "Strongest: {best}. Weakest: {worst}.": "Ponto mais forte: {best}. Mais fraco: {worst}.",
    "Success plan goals": "Metas do plano de sucesso",
    "No success-plan goals recorded yet.": "Ainda não há metas do plano de sucesso registradas.",
    "Objective": "Objetivo",
    "Metric": "Métrica",
    "Baseline": "Base",
    "Target": "Meta",
    "Current": "Atual",
    "Progress": "Progresso",
    "Due": "Prazo",
    "TME (average wait)": "TME (tempo médio de espera)",
    "TMA (average handle time)": "TMA (tempo médio de atendimento)",
    "First-contact resolution": "Resolução no primeiro contato",
    "This quarter": "Este trimestre",
    "Previous quarter": "Trimestre anterior",
    "CSAT (12 months)": "CSAT (12 meses)",
    "CES (1–7, 12 months)": "CES (1–7, 12 meses)",
    "{hours} h": "{hours} h",
    "{minutes} min": "{minutes} min",
    "in {days} days": "em {days} dias",
    "What changed since the last QBR": "O que mudou desde a última QBR",
    "Last QBR: {day}": "Última QBR: {day}",
    "Nothing notable recorded in this period.": "Nada de relevante registrado neste período.",
    "What happened": "O que aconteceu",
    "Opportunities for the AM": "Oportunidades para o AM",
    "No open opportunities.": "Nenhuma oportunidade em aberto.",
    "Kind": "Tipo",
    "Stage": "Etapa",
    "Amount": "Valor",
    "Raised by": "Levantada por",
    "Owner": "Responsável",
    "Created": "Criada em",
    "CS raises an opportunity; AM negotiates and closes it.": (
        "CS levanta a oportunidade; AM negocia e fecha."
    ),
    "Next steps": "Próximos passos",
    "No next steps recorded.": "Nenhum próximo passo registrado.",
    "MRR up {change} this quarter": "MRR subiu {change} no trimestre",
    "MRR down {change} this quarter": "MRR caiu {change} no trimestre",
    "Goal achieved: {goal}": "Meta atingida: {goal}",
    "Goal {status}: {goal}": "Meta {status}: {goal}",
    "Health up {points} points": "Saúde subiu {points} pontos",
    "Health is {band}": "Saúde {band}",
    "{share} of licensed seats in use": "{share} das licenças em uso",
    "Only {share} of licensed seats in use": "Apenas {share} das licenças em uso",
    "NPS of {nps}": "NPS de {nps}",
    "Detractors in the last 12 months: {count}": "Detratores nos últimos 12 meses: {count}",
    "Escalated tickets this quarter: {count}": "Chamados escalonados no trimestre: {count}",
    "Renewal on {day}": "Renovação em {day}",
    "Health is {score} ({band})": "A saúde está em {score} ({band})",
    ", {direction} {points} points over the quarter": (
        ", {direction} {points} pontos no trimestre"
    ),
    "up": "alta de",
    "down": "queda de",
    "MRR is {mrr}, stable over the quarter.": "O MRR é {mrr}, estável no trimestre.",
    "MRR is {mrr}, {change} over the quarter.": "O MRR é {mrr}, {change} no trimestre.",
    "Wins: {items}.": "Conquistas: {items}.",
    "To watch: {items}.": "Atenção: {items}.",
    "No data for this quarter yet.": "Ainda não há dados para este trimestre.",
    "Adoption review with the key users": "Revisão de adoção com os usuários-chave",
    "Prepare the renewal proposal": "Preparar a proposta de renovação",
    "Review the escalated tickets and their root causes": (
        "Revisar os chamados escalonados e suas causas"
    ),
    "Follow up with the detractors": "Retornar aos detratores",
    "Move the open opportunities forward": "Avançar as oportunidades em aberto",
    "Agree the goals for next quarter": "Combinar as metas do próximo trimestre",
    "{movement} of {amount} (MRR now {total})": "{movement} de {amount} (MRR agora {total})",
    "Health score went from {before} to {after}": "A saúde foi de {before} para {after}",
    "Opportunity raised: {kind}, {amount}, by {name}": (
        "Oportunidade levantada: {kind}, {amount}, por {name}"
    ),
}

_CATALOGUES: dict[str, dict[str, str]] = {"pt_BR": _PT_BR}


def translator(language: str | None) -> Translate:
    """A function giving each English label in ``language`` (``en``, ``pt_BR``, ``pt-BR``).

    The app's gettext catalogue is asked first, so a translator's wording there wins; the
    labels it does not hold yet come from this module's table.
    """
    lang = normalise(language)
    catalogue = _CATALOGUES.get(lang, {})
    from csdesk.i18n.translation import translations

    messages = translations(lang)

    def translate(text: str) -> str:
        found = messages.gettext(text)
        if found != text:
            return found
        return catalogue.get(text, text)

    return translate
