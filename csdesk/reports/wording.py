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
    # Operation audit
    "% promoters (9–10) minus % detractors (0–6).": (
        "% de promotores (9–10) menos % de detratores (0–6)."
    ),
    "NPS answers in the window.": "Respostas de NPS na janela.",
    "Share of answers scoring 4–5 of 5.": "Parcela das respostas com nota 4–5 de 5.",
    "Mean effort score, 1–7 (7 = easiest).": "Nota média de esforço, 1–7 (7 = mais fácil).",
    "Ticket volume": "Volume de chamados",
    "Tickets opened.": "Chamados abertos.",
    "Mean time to first response.": "Tempo médio até a primeira resposta.",
    "Mean handle minutes per ticket.": "Minutos médios de atendimento por chamado.",
    "Mean time from opening to resolution.": "Tempo médio da abertura à resolução.",
    "Resolved with one contact and not reopened / resolved.": (
        "Resolvidos com um contato e sem reabertura / resolvidos."
    ),
    "First responses within the priority's target.": (
        "Primeiras respostas dentro da meta da prioridade."
    ),
    "MRR now of the accounts paying 12 months ago / their MRR then.": (
        "MRR atual das contas pagantes 12 meses atrás / o MRR delas naquela época."
    ),
    "Same cohort, each account capped at its MRR of 12 months ago.": (
        "Mesma coorte, cada conta limitada ao seu MRR de 12 meses atrás."
    ),
    "Share of that cohort no longer paying.": "Parcela dessa coorte que deixou de pagar.",
    "Expansion rate (12 months)": "Taxa de expansão (12 meses)",
    "Accounts that expanded or won an upsell / accounts paying 12 months ago.": (
        "Contas que expandiram ou fecharam upsell / contas pagantes 12 meses atrás."
    ),
    "Accounts at risk or critical": "Contas em risco ou críticas",
    "Share of scored accounts below 70 health points.": (
        "Parcela das contas pontuadas abaixo de 70 pontos de saúde."
    ),
    "Renewal rate (logos, 12 months)": "Taxa de renovação (logos, 12 meses)",
    "Renewals due in the last 12 months that renewed.": (
        "Renovações previstas nos últimos 12 meses que renovaram."
    ),
    "Renewal rate (value, 12 months)": "Taxa de renovação (valor, 12 meses)",
    "Value renewed / value due.": "Valor renovado / valor a renovar.",
    "Renewals due in 90 days": "Renovações nos próximos 90 dias",
    "Renewal dates in the next 90 days.": "Datas de renovação nos próximos 90 dias.",
    "Renewal forecast, 90 days": "Previsão de renovação, 90 dias",
    "Σ value × probability (from health, or set by the CSM).": (
        "Σ valor × probabilidade (pela saúde, ou definida pelo CSM)."
    ),
    "CS negotiates and closes opportunities": "CS negocia e fecha oportunidades",
    "A CSM who sells loses the trust that makes value conversations work, and the pipeline "
    "escapes the AM's forecast.": (
        "Um CSM que vende perde a confiança que sustenta as conversas de valor, e o pipeline "
        "escapa da previsão do AM."
    ),
    "CS raises the opportunity and hands it to the AM, who negotiates and closes; reward CS "
    "with a bonus on opportunities raised, not a quota.": (
        "CS levanta a oportunidade e a passa ao AM, que negocia e fecha; remunere CS com bônus "
        "por oportunidades levantadas, não com cota."
    ),
    "CS handles renewals": "CS conduz renovações",
    "Renewal terms, discounts and price adjustments are commercial decisions; when the CSM "
    "negotiates them, the QBR turns into a negotiation.": (
        "Condições de renovação, descontos e reajustes são decisões comerciais; quando o CSM "
        "os negocia, a QBR vira uma negociação."
    ),
    "Give every renewal an AM owner; the CSM supplies the health and value story ahead of it.": (
        "Dê a cada renovação um AM responsável; o CSM fornece antes a história de saúde e valor."
    ),
    "Active accounts with no AM": "Contas ativas sem AM",
    "Without an AM, renewals and expansion fall to whoever is closest: usually the CSM or "
    "nobody.": (
        "Sem AM, renovação e expansão ficam com quem estiver mais perto: em geral o CSM, ou "
        "ninguém."
    ),
    "Assign an AM to every active account, even a pooled one for the long tail.": (
        "Atribua um AM a cada conta ativa, mesmo que compartilhado para a cauda longa."
    ),
    "Active accounts with no CSM": "Contas ativas sem CSM",
    "Nobody watches their adoption and health, so churn arrives unannounced.": (
        "Ninguém acompanha a adoção e a saúde delas, e o churn chega sem aviso."
    ),
    "Assign a CSM, or a digital (one-to-many) programme for the smallest accounts.": (
        "Atribua um CSM, ou um programa digital (um para muitos) para as contas menores."
    ),
    "CSMs work support tickets": "CSMs atendem chamados de suporte",
    "Reactive work crowds out the proactive work only CS does, and hides the real support load "
    "from the support team's metrics.": (
        "O trabalho reativo toma o lugar do trabalho proativo que só CS faz, e esconde a carga "
        "real das métricas do suporte."
    ),
    "Route bugs and usability doubts to Support; the CSM follows the impact, not the ticket.": (
        "Encaminhe bugs e dúvidas de uso ao Suporte; o CSM acompanha o impacto, não o chamado."
    ),
    "Rows rejected at import": "Linhas rejeitadas na importação",
    "Every figure leaves those rows out; if they are real customers, revenue and churn are "
    "understated.": (
        "Todos os indicadores deixam essas linhas de fora; se forem clientes reais, receita e "
        "churn estão subestimados."
    ),
    "Open the import history in csdesk, fix the rows at the source and import the file again.": (
        "Abra o histórico de importações no csdesk, corrija as linhas na origem e importe o "
        "arquivo de novo."
    ),
    "Months without any revenue": "Meses sem nenhuma receita",
    "By definition every account churns and reactivates in such a month, which distorts churn, "
    "NRR and the movements chart.": (
        "Por definição todas as contas dão churn e reativam nesse mês, o que distorce churn, "
        "NRR e o gráfico de movimentações."
    ),
    "Look for a missing column or sheet in the revenue file and import it.": (
        "Procure uma coluna ou aba faltando no arquivo de receita e importe-a."
    ),
    "Status and revenue disagree": "Situação e receita não batem",
    "Lists filtered by status and metrics computed from revenue tell different stories about "
    "the same customers.": (
        "Listas filtradas pela situação e métricas calculadas pela receita contam histórias "
        "diferentes sobre os mesmos clientes."
    ),
    "Agree one source of truth (revenue) and update the status field from it.": (
        "Combine uma fonte da verdade (a receita) e atualize a situação a partir dela."
    ),
    "Active accounts without a renewal date": "Contas ativas sem data de renovação",
    "They never appear in the renewal forecast, so their renewals come as surprises.": (
        "Elas nunca aparecem na previsão de renovação, e as renovações chegam de surpresa."
    ),
    "Record the renewal date (or the contract end) of every active account.": (
        "Registre a data de renovação (ou o fim do contrato) de cada conta ativa."
    ),
    "Active accounts without licensed seats": "Contas ativas sem licenças registradas",
    "Adoption (active users / seats) cannot be measured, so health leaves it out.": (
        "A adoção (usuários ativos / licenças) não pode ser medida, e a saúde a deixa de fora."
    ),
    "Import the licensed seats from the contracts.": "Importe as licenças dos contratos.",
    "Tickets without a first response": "Chamados sem primeira resposta",
    "TME and SLA attainment only cover the tickets that have one.": (
        "TME e cumprimento do SLA só cobrem os chamados que a têm."
    ),
    "Export the first-response time from the help desk with the tickets.": (
        "Exporte o tempo de primeira resposta do help desk junto com os chamados."
    ),
    "Cohort: only accounts paying 12 months ago.": "Coorte: só contas pagantes 12 meses atrás.",
    "Total MRR now / total MRR 12 months ago (new customers included).": (
        "MRR total agora / MRR total 12 meses atrás (clientes novos incluídos)."
    ),
    "Share of the cohort of 12 months ago no longer paying.": (
        "Parcela da coorte de 12 meses atrás que deixou de pagar."
    ),
    "Sum of the 12 monthly churn rates.": "Soma das 12 taxas mensais de churn.",
    "Share of answers scoring 4–5.": "Parcela das respostas com nota 4–5.",
    "Mean score as a share of the top score (mean / 5).": (
        "Nota média como parcela da nota máxima (média / 5)."
    ),
    "12 × MRR of the as-of month.": "12 × MRR do mês de referência.",
    "Sum of the active accounts' contract values.": (
        "Soma dos valores de contrato das contas ativas."
    ),
    "CSMs over capacity": "CSMs acima da capacidade",
    "Overloaded CSMs skip QBRs and check-ins first: the accounts go quiet before they churn.": (
        "CSMs sobrecarregados pulam primeiro QBRs e acompanhamentos: as contas silenciam antes "
        "do churn."
    ),
    "Rebalance the book, or move the smallest accounts to a digital programme.": (
        "Rebalanceie a carteira, ou leve as contas menores a um programa digital."
    ),
    "{count} upsell or cross-sell opportunities ({amount}) were taken to proposal or closed by "
    "Customer Success.": (
        "{count} oportunidades de upsell ou cross-sell ({amount}) foram levadas à proposta ou "
        "fechadas por Customer Success."
    ),
    "{count} renewals (opportunities or timeline entries) are owned by Customer Success.": (
        "{count} renovações (oportunidades ou registros da linha do tempo) estão com Customer "
        "Success."
    ),
    "{count} of {total} active accounts have no account manager.": (
        "{count} de {total} contas ativas não têm gerente de contas."
    ),
    "{count} of {total} active accounts have no CSM.": (
        "{count} de {total} contas ativas não têm CSM."
    ),
    "{count} tickets were assigned to {agents} CSMs.": (
        "{count} chamados foram atribuídos a {agents} CSMs."
    ),
    "{count} rows were not imported from: {files}.": (
        "{count} linhas não foram importadas de: {files}."
    ),
    "No account has revenue in {count} months inside the data's span: {months}.": (
        "Nenhuma conta tem receita em {count} meses dentro do período dos dados: {months}."
    ),
    "{active} accounts marked active have no revenue in {month}; {churned} marked churned "
    "still pay.": (
        "{active} contas marcadas como ativas não têm receita em {month}; {churned} marcadas "
        "como canceladas ainda pagam."
    ),
    "{count} active accounts have no renewal date.": (
        "{count} contas ativas não têm data de renovação."
    ),
    "{count} active accounts have no seat count.": (
        "{count} contas ativas não têm número de licenças."
    ),
    "{count} tickets ({share}) have no first-response time.": (
        "{count} chamados ({share}) não têm tempo de primeira resposta."
    ),
    "{count} CSMs need more hours than they have this quarter: {names}.": (
        "{count} CSMs precisam de mais horas do que têm neste trimestre: {names}."
    ),
    "Who does what: findings": "Quem faz o quê: achados",
    "No role conflicts found in the data.": "Nenhum conflito de papéis encontrado nos dados.",
    "Data quality": "Qualidade dos dados",
    "No data-quality problems found.": "Nenhum problema de qualidade de dados encontrado.",
    "Accounts that would fit": "Contas que ainda cabem",
    "Overdue for a touch": "Sem contato no prazo",
    "csdesk's rule": "Regra do csdesk",
    "Other": "Outra",
    "Other convention": "Outra convenção",
    "Operation audit": "Auditoria da operação",
    "Customer Success operation": "Operação de Customer Success",
    "Figures by role": "Indicadores por papel",
    "Each figure sits with the role that owns it; the window is the 12 months ending with the "
    "as-of month.": (
        "Cada indicador fica com o papel que é dono dele; a janela são os 12 meses até o mês "
        "de referência."
    ),
    "High": "Alta",
    "Medium": "Média",
    "Low": "Baixa",
    "Priority": "Prioridade",
    "CSM capacity": "Capacidade dos CSMs",
    "Hours needed this quarter, from the work each account needs (QBR, check-ins, "
    "onboarding), against the hours each CSM has.": (
        "Horas necessárias no trimestre, pelo trabalho que cada conta pede (QBR, "
        "acompanhamentos, onboarding), frente às horas de cada CSM."
    ),
    "Other tools' conventions": "Convenções de outras ferramentas",
    "The same name can mean different figures. csdesk's definition beside a common "
    "alternative, computed on the same data, so the numbers can be reconciled.": (
        "O mesmo nome pode significar números diferentes. A definição do csdesk ao lado de "
        "uma alternativa comum, calculadas sobre os mesmos dados, para conciliar os números."
    ),
    "Figures as of {month}": "Indicadores de {month}",
    "{count} accounts, {active} active": "{count} contas, {active} ativas",
    "No CSM or account data to model capacity.": (
        "Sem dados de CSMs ou contas para modelar a capacidade."
    ),
    "Not enough data to compare conventions.": "Dados insuficientes para comparar convenções.",
    "Findings": "Achados",
    "{roles} findings on who does what between CS, AM, Support and CX, and {data} on the "
    "quality of the data. Each says why it matters and what to do.": (
        "{roles} achados sobre quem faz o quê entre CS, AM, Suporte e CX, e {data} sobre a "
        "qualidade dos dados. Cada um diz por que importa e o que fazer."
    ),
    "Finding": "Achado",
    "What to do": "O que fazer",
    "What we found": "O que encontramos",
    "Why it matters": "Por que importa",
    "{count} high priority": "{count} de alta prioridade",
    "Value": "Valor",
    "Hours needed": "Horas necessárias",
    "Hours available": "Horas disponíveis",
    "Utilisation": "Ocupação",
    "No CSM assigned": "Sem CSM",
    "Capacity": "Capacidade",
    "Onboarding": "Onboarding",
    "Responses": "Respostas",
    "Resolution time": "Tempo de resolução",
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
