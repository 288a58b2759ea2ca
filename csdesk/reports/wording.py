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
