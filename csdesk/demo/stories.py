"""What happens to each demo account: an archetype, and a few hand-written stories.

Every account follows one archetype (steady, expanding, churned, champion left...). The
archetype drives its revenue, usage, sentiment, ticket load and CS attention, so health scores,
movements and the timeline agree with each other. The first accounts of every portfolio are
the scripted stories below, with names and notes a CSM recognises at a glance; the rest draw
their archetype from :data:`SHARES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class Archetype(IntEnum):
    STEADY = 0
    EXPANDING = 1  # happy, buys more seats and modules
    CONTRACTING = 2  # cut seats recently: at risk
    CHURNED = 3  # contraction, then churn; status 'churned'
    REACTIVATED = 4  # churned and came back
    CHAMPION_LEFT = 5  # champion left, NPS fell, usage sliding, no QBR since: critical
    USAGE_DROP = 6  # active users fell far below seats: at risk
    TICKET_SPIKE = 7  # tickets and escalations spiked recently: at risk
    ONBOARDING = 8  # started in the last three months


# Share of the portfolio per archetype; STEADY takes the rest.
SHARES: dict[Archetype, float] = {
    Archetype.EXPANDING: 0.15,
    Archetype.CONTRACTING: 0.06,
    Archetype.CHURNED: 0.11,
    Archetype.REACTIVATED: 0.03,
    Archetype.CHAMPION_LEFT: 0.05,
    Archetype.USAGE_DROP: 0.05,
    Archetype.TICKET_SPIKE: 0.05,
    Archetype.ONBOARDING: 0.04,
}

SEGMENTS = ("SMB", "Mid-Market", "Enterprise")
SEGMENT_SHARES = (0.55, 0.30, 0.15)
TIERS = ("Gold", "Silver", "Bronze")


@dataclass(frozen=True)
class Story:
    """A scripted account. Month offsets count back from the last complete month (0)."""

    name: str
    archetype: Archetype
    segment: int
    industry: str
    country: str
    region: str
    notes: str
    pivot_back: int = -1  # months before the last month when the story turns
    return_back: int = -1  # reactivation: months before the last month when it came back
    champion: str = ""  # the champion's name (and who replaced them, for CHAMPION_LEFT)
    successor: str = ""
    champion_title: str = ""
    renewal_probability: float | None = None  # the CSM's own call, overriding the health band
    seats: int = 0  # licensed seats at the start; 0 = drawn like any account of the segment
    # Survey answers the story needs whatever the random draw gives: (type, months before the
    # last month, score). They come from the champion, or from the successor after a change.
    answers: tuple[tuple[str, int, int], ...] = ()


STORIES: tuple[Story, ...] = (
    Story(
        "Construtora Horizonte S.A.",
        Archetype.EXPANDING,
        2,
        "Construction",
        "Brazil",
        "Sudeste",
        "Conta modelo: ampliou licenças três vezes em dois anos e a diretora de obras participa "
        "de todas as QBRs. Cross-sell do módulo de BI em negociação com o AM.",
        champion="Fernanda Cavalcanti",
        champion_title="Diretora de Obras",
        answers=(("nps", 1, 10), ("csat", 0, 5)),
    ),
    Story(
        "Northwind Logistics Inc.",
        Archetype.CHAMPION_LEFT,
        1,
        "Logistics",
        "United States",
        "North America",
        "Our champion left four months ago and the new VP of Operations has not met us yet. "
        "NPS fell from 9 to 3, they cut seats, active users are sliding, and there has been "
        "no QBR since.",
        pivot_back=3,
        champion="Megan Foster",
        successor="Daniel Reyes",
        champion_title="Head of Operations",
        renewal_probability=0.3,
        answers=(("nps", 5, 9), ("nps", 2, 3), ("csat", 1, 2)),
    ),
    Story(
        "Clínica Vida Plena Ltda",
        Archetype.USAGE_DROP,
        1,
        "Healthcare",
        "Brazil",
        "Sul",
        "Usuários ativos caíram de 85% para cerca de 30% das licenças depois que a clínica "
        "trocou o sistema de agendamento. Precisa de plano de reativação.",
        pivot_back=3,
        champion="Renata Figueiredo",
        answers=(("nps", 1, 6), ("csat", 0, 3)),
    ),
    Story(
        "Bluebird Analytics LLC",
        Archetype.TICKET_SPIKE,
        1,
        "Technology",
        "United States",
        "North America",
        "Ticket volume spiked after their move to our API v2: escalations this month and CSAT "
        "is down. Support and CS are running a joint recovery plan.",
        pivot_back=1,
        champion="Rachel Turner",
        seats=60,
        answers=(("nps", 0, 5), ("csat", 0, 2)),
    ),
    Story(
        "Padaria Pão Dourado Ltda",
        Archetype.CHURNED,
        0,
        "Food & Beverage",
        "Brazil",
        "Sudeste",
        "Reduziu licenças quatro meses antes de cancelar; motivo informado: custo. "
        "Ninguém do time conversou com o dono depois da redução.",
        pivot_back=1,
        champion="Márcio Siqueira",
        answers=(("nps", 4, 2),),
    ),
    Story(
        "Transportadora Rota Sul Ltda",
        Archetype.REACTIVATED,
        1,
        "Logistics",
        "Brazil",
        "Sul",
        "Saiu para um concorrente e voltou seis meses depois, com menos licenças. "
        "Acompanhar a adoção de perto no primeiro ano.",
        pivot_back=14,
        return_back=8,
        champion="Leandro Pinheiro",
        answers=(("nps", 2, 8),),
    ),
    Story(
        "Supermercado Bom Preço Ltda",
        Archetype.CONTRACTING,
        1,
        "Retail",
        "Brazil",
        "Nordeste",
        "Reduziu 30% das licenças depois de fechar duas lojas; renovação em negociação.",
        pivot_back=1,
        champion="Carla Batista",
        renewal_probability=0.5,
        answers=(("nps", 0, 6), ("csat", 0, 3)),
    ),
    Story(
        "Escola Caminho do Saber Ltda",
        Archetype.ONBOARDING,
        0,
        "Education",
        "Brazil",
        "Centro-Oeste",
        "Cliente novo: kickoff feito, integração com o sistema acadêmico em andamento.",
        pivot_back=1,
        champion="Isabela Queiroz",
        answers=(("csat", 0, 5),),
    ),
    Story(
        "Harbor & Pine Retail Ltd",
        Archetype.STEADY,
        0,
        "Retail",
        "United Kingdom",
        "Europe",
        "Quiet, healthy account: steady usage, renews every year without fuss.",
        champion="Oliver Hughes",
        answers=(("nps", 2, 9), ("csat", 1, 5)),
    ),
)


def assign_archetypes(rng: np.random.Generator, count: int) -> np.ndarray:
    """One archetype per account: the stories first, then the shares, shuffled."""
    head = np.array([story.archetype for story in STORIES], dtype=np.int64)
    rest = count - len(head)
    pool: list[int] = []
    for archetype, share in SHARES.items():
        scripted = int((head == archetype).sum())
        pool.extend([int(archetype)] * max(1, round(share * count) - scripted))
    pool = pool[:rest]
    pool.extend([int(Archetype.STEADY)] * (rest - len(pool)))
    return np.concatenate([head, rng.permutation(np.array(pool, dtype=np.int64))])
