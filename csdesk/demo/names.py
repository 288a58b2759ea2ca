"""Company and people names for the demo: Brazilian Portuguese and English, as in a real book.

Company names are drawn without repetition from the product of a business type (which also
gives the industry, so "Padaria ..." is always Food & Beverage) and a distinctive core, so a
10,000-account portfolio still reads like real customers and every name is unique.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from csdesk.ingest.accounts_matching import name_key


def _words(text: str) -> tuple[str, ...]:
    """Items of a ``|``-separated list written over several lines."""
    return tuple(word.strip() for word in text.split("|"))


# (template, industry); {c} is the distinctive core.
PT_TYPES: tuple[tuple[str, str], ...] = (
    ("Padaria {c}", "Food & Beverage"),
    ("Restaurante {c}", "Food & Beverage"),
    ("Cervejaria {c}", "Food & Beverage"),
    ("Laticínios {c}", "Food & Beverage"),
    ("Doceria {c}", "Food & Beverage"),
    ("Construtora {c}", "Construction"),
    ("Incorporadora {c}", "Construction"),
    ("{c} Engenharia", "Construction"),
    ("Materiais de Construção {c}", "Construction"),
    ("Clínica {c}", "Healthcare"),
    ("Hospital {c}", "Healthcare"),
    ("Laboratório {c}", "Healthcare"),
    ("Farmácia {c}", "Healthcare"),
    ("Odontologia {c}", "Healthcare"),
    ("Supermercado {c}", "Retail"),
    ("Magazine {c}", "Retail"),
    ("Ótica {c}", "Retail"),
    ("Livraria {c}", "Retail"),
    ("Calçados {c}", "Retail"),
    ("Móveis {c}", "Retail"),
    ("Transportadora {c}", "Logistics"),
    ("{c} Logística", "Logistics"),
    ("Armazéns {c}", "Logistics"),
    ("Expresso {c}", "Logistics"),
    ("Metalúrgica {c}", "Manufacturing"),
    ("Têxtil {c}", "Manufacturing"),
    ("Plásticos {c}", "Manufacturing"),
    ("{c} Embalagens", "Manufacturing"),
    ("Indústria {c}", "Manufacturing"),
    ("Colégio {c}", "Education"),
    ("Escola {c}", "Education"),
    ("Faculdade {c}", "Education"),
    ("Instituto {c}", "Education"),
    ("{c} Seguros", "Financial Services"),
    ("Corretora {c}", "Financial Services"),
    ("Cooperativa de Crédito {c}", "Financial Services"),
    ("{c} Investimentos", "Financial Services"),
    ("{c} Tecnologia", "Technology"),
    ("{c} Sistemas", "Technology"),
    ("{c} Digital", "Technology"),
    ("{c} Software", "Technology"),
    ("Agropecuária {c}", "Agribusiness"),
    ("Fazenda {c}", "Agribusiness"),
    ("{c} Agro", "Agribusiness"),
    ("Cooperativa Agrícola {c}", "Agribusiness"),
    ("{c} Consultoria", "Professional Services"),
    ("Contabilidade {c}", "Professional Services"),
    ("Imobiliária {c}", "Professional Services"),
    ("{c} Advogados Associados", "Professional Services"),
    ("Hotel {c}", "Hospitality"),
    ("Pousada {c}", "Hospitality"),
)

PT_CORES: tuple[str, ...] = _words(
    """
Horizonte | Boa Vista | Santa Clara | Rio Claro | Bela Vista | Vale Verde | Sol Nascente |
Estrela do Sul | Primavera | Aurora | Serra Azul | Nova Era | Bom Jesus | São Jorge |
Ipê Amarelo | Jequitibá | Araucária | Itapuã | Cruzeiro | Atlântico | Litoral |
Mantiqueira | Paranapanema | Tietê | Guanabara | Pampa | Cerrado | Capibaribe | Maré Alta |
Lua Cheia | Três Irmãos | Dois Rios | Pedra Branca | Ouro Preto | Vila Rica | Mar Azul |
Central | Progresso | União | Irmãos Oliveira | Família Souza | Pão Dourado | Bom Preço |
Vida Plena | Caminho do Saber | Rota Sul | Ponte Alta | Canto Verde | Água Limpa |
Terra Firme | Monte Alegre | Campo Belo | Porto Seguro | Recanto | Alvorada | Esperança |
Harmonia | Bandeirantes | Paulista | Carioca | Mineira | Gaúcha | Baiana | Potiguar |
Catarinense | Capixaba | Amazônia | Pantanal | Iguaçu | Chapada | Serra Gaúcha |
Costa Verde | Bom Sucesso | Nossa Senhora | Santa Rita | São Bento | São Lucas |
Santo Antônio | Santa Luzia | Boa Esperança | Flor de Lis | Girassol | Jacarandá |
Palmeiras | Coqueiral | Castanheira | Cafezal | Canavial | Trigo de Ouro | Grão Fino |
Sabor da Terra | Mesa Farta | Casa Nova | Lar Doce | Bem Estar | Saúde Total | Sorriso |
Visão Clara | Passo Firme | Nova Geração | Futuro | Saber | Conquista | Vitória | Triunfo |
Aliança | Confiança | Segurança | Prudente | Sólida | Capital Paulista | Ágil | Conecta |
Nuvem | Pixel | Sinapse | Vértice | Órbita | Quântica | Raiz | Semente | Colheita |
Boa Safra | Boi Gordo | Leite Bom | Aço Forte | Ferro Velho | Fio de Ouro | Tecelagem Real |
Embala Bem | Plastitec | Caixa Forte | Lago Azul | Ilha Bela | Cabo Frio | Búzios | Paraty |
Tiradentes | Ouro Fino | Pirapora | Itaúna | Maracanã | Morumbi | Pinheiros | Jardins |
Copacabana | Ipanema | Leblon | Savassi | Boa Viagem | Pelourinho
"""
)

EN_WORDS: tuple[tuple[str, str], ...] = (
    ("Foods", "Food & Beverage"),
    ("Bakery", "Food & Beverage"),
    ("Brewing", "Food & Beverage"),
    ("Builders", "Construction"),
    ("Construction", "Construction"),
    ("Homes", "Construction"),
    ("Health", "Healthcare"),
    ("Medical", "Healthcare"),
    ("Clinics", "Healthcare"),
    ("Retail", "Retail"),
    ("Stores", "Retail"),
    ("Outfitters", "Retail"),
    ("Market", "Retail"),
    ("Logistics", "Logistics"),
    ("Freight", "Logistics"),
    ("Shipping", "Logistics"),
    ("Manufacturing", "Manufacturing"),
    ("Industries", "Manufacturing"),
    ("Works", "Manufacturing"),
    ("Learning", "Education"),
    ("Academy", "Education"),
    ("Schools", "Education"),
    ("Capital", "Financial Services"),
    ("Insurance", "Financial Services"),
    ("Financial", "Financial Services"),
    ("Analytics", "Technology"),
    ("Software", "Technology"),
    ("Systems", "Technology"),
    ("Labs", "Technology"),
    ("Farms", "Agribusiness"),
    ("Growers", "Agribusiness"),
    ("Consulting", "Professional Services"),
    ("Partners", "Professional Services"),
    ("Advisors", "Professional Services"),
    ("Hotels", "Hospitality"),
    ("Resorts", "Hospitality"),
)

EN_CORES: tuple[str, ...] = _words(
    """
Northwind | Bluebird | Harbor & Pine | Summit | Evergreen | Redwood | Silverline |
Brightpath | Ironclad | Blue Harbor | Oakridge | Maplewood | Granite | Lighthouse |
Pioneer | Keystone | Crescent | Falcon | Riverbend | Stonebridge | Westfield | Clearwater |
Sunrise | Atlas | Beacon | Cobalt | Copperfield | Driftwood | Elmwood | Foxglove |
Greenleaf | Highland | Juniper | Kingsley | Lakeside | Meadowbrook | Northstar | Orchard |
Pinecrest | Quarry Hill | Ravenwood | Sterling | Thornbury | Upland | Vantage |
Willow Creek | Yellowpine | Zenith | Arrowhead | Bayside | Cedar Point | Deerfield |
Eastgate | Fairview | Goldcrest | Hawthorne | Ivy Lane | Jasper | Kestrel | Larkspur |
Midland | Newport | Oceanic | Parkside | Queensbury | Rockwell | Seaview | Tidewater |
Unity | Valley Forge | Waypoint | Ashford | Birchwood | Canyon | Dovetail | Emberly |
Fernhill | Glenwood | Hollowbrook | Ironwood | Jadestone | Kinsale | Lowland | Moonstone |
Nettlefield | Oxbow | Primrose | Quicksilver | Rosewood | Saltmarsh | Tall Oaks | Umber |
Vireo | Whitcombe | Yarrow | Brookline | Cloverleaf | Dunmore | Everton
"""
)

BR_FIRST: tuple[str, ...] = _words(
    """
Ana Paula | Lucas | Rafael | Mariana | Camila | Thiago | Beatriz | Diego | Juliana |
Marcelo | Fernanda | Gustavo | Larissa | Bruno | Patrícia | Rodrigo | Aline | Felipe |
Renata | Leandro | Carla | Vinícius | Tatiane | André | Luana | João Pedro | Gabriela |
Eduardo | Priscila | Ricardo | Vanessa | Fábio | Débora | Henrique | Natália | Márcio |
Isabela | Caio | Letícia | Otávio
"""
)
BR_LAST: tuple[str, ...] = _words(
    """
Ribeiro | Ferreira | Nogueira | Costa | Rocha | Alves | Martins | Lima | Mendes | Tavares |
Oliveira | Souza | Pereira | Carvalho | Gomes | Barbosa | Araújo | Cardoso | Teixeira |
Moreira | Cavalcanti | Monteiro | Batista | Freitas | Azevedo | Pinheiro | Siqueira |
Campos | Machado | Duarte | Correia | Vasconcelos | Sampaio | Brandão | Figueiredo |
Queiroz | Lopes | Farias | Medeiros | Xavier
"""
)
EN_FIRST: tuple[str, ...] = _words(
    """
Emily | James | Sarah | Michael | Jennifer | David | Megan | Daniel | Laura | Kevin |
Rachel | Brian | Hannah | Andrew | Olivia | Ryan | Chloe | Thomas | Grace | Nathan |
Sophie | Ethan | Amelia | Oliver | Lucy | Jack | Ella | Noah | Isla | Harry
"""
)
EN_LAST: tuple[str, ...] = _words(
    """
Carter | Brooks | Mitchell | Foster | Reyes | Hughes | Bennett | Collins | Turner | Parker |
Evans | Morgan | Reed | Cooper | Ward | Price | Bailey | Howard | Fisher | Gray | Hayes |
Murphy | Walsh | Kelly | Shaw | Palmer | Walker | Wright | Clarke | Hall
"""
)

PT_TITLES = (
    "Gerente de Operações",
    "Diretora Financeira",
    "Coordenador de TI",
    "Diretor Comercial",
    "Gerente Administrativa",
    "Analista de Processos",
    "Supervisora de Atendimento",
    "Sócio-diretor",
    "Gerente de Projetos",
    "Controller",
)
EN_TITLES = (
    "Head of Operations",
    "CFO",
    "IT Manager",
    "VP Sales",
    "Office Manager",
    "Process Analyst",
    "Customer Service Lead",
    "Managing Partner",
    "Project Manager",
    "Controller",
)


@dataclass(frozen=True)
class CompanyNames:
    names: list[str]
    industries: list[str]
    english: np.ndarray  # bool per name: an English-language company name
    cores: list[str]


def company_names(rng: np.random.Generator, count: int, reserved: list[str]) -> CompanyNames:
    """``count`` distinct company names (without legal suffix), none equal to ``reserved``."""
    pt_space = len(PT_TYPES) * len(PT_CORES)
    en_space = len(EN_WORDS) * len(EN_CORES)
    space = pt_space + en_space
    taken = {name_key(name) for name in reserved}
    order = rng.permutation(space)
    names: list[str] = []
    industries: list[str] = []
    english: list[bool] = []
    cores: list[str] = []
    round_ = 0
    while len(names) < count:
        for index in order.tolist():
            if index < pt_space:
                template, industry = PT_TYPES[index // len(PT_CORES)]
                core = PT_CORES[index % len(PT_CORES)]
                name = template.format(c=core)
            else:
                word, industry = EN_WORDS[(index - pt_space) // len(EN_CORES)]
                core = EN_CORES[(index - pt_space) % len(EN_CORES)]
                name = f"{core} {word}"
            if round_:
                # Past the space of distinct names: a numbered branch keeps names unique.
                name = f"{name} {round_ + 1}"
            key = name_key(name)
            if key in taken:
                continue
            taken.add(key)
            names.append(name)
            industries.append(industry)
            english.append(index >= pt_space)
            cores.append(core)
            if len(names) == count:
                break
        round_ += 1
    return CompanyNames(names, industries, np.array(english, dtype=bool), cores)


def person_names(rng: np.random.Generator, count: int, english_share: float) -> list[str]:
    """``count`` distinct people names, Brazilian or English in the given proportion."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        if rng.random() < english_share:
            first, last = EN_FIRST, EN_LAST
        else:
            first, last = BR_FIRST, BR_LAST
        name = f"{first[rng.integers(len(first))]} {last[rng.integers(len(last))]}"
        if name not in seen or len(seen) >= len(BR_FIRST) * len(BR_LAST):
            seen.add(name)
            names.append(name)
    return names


def contact_names(rng: np.random.Generator, english: np.ndarray) -> list[str]:
    """One name per entry, English where ``english`` is true, Brazilian otherwise."""
    count = len(english)
    br = [
        f"{BR_FIRST[i]} {BR_LAST[j]}"
        for i, j in zip(
            rng.integers(len(BR_FIRST), size=count).tolist(),
            rng.integers(len(BR_LAST), size=count).tolist(),
            strict=True,
        )
    ]
    en = [
        f"{EN_FIRST[i]} {EN_LAST[j]}"
        for i, j in zip(
            rng.integers(len(EN_FIRST), size=count).tolist(),
            rng.integers(len(EN_LAST), size=count).tolist(),
            strict=True,
        )
    ]
    return [e if is_en else b for b, e, is_en in zip(br, en, english.tolist(), strict=True)]


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def ascii_fold(text: str) -> str:
    """Lowercase ASCII without accents: ``Pão Dourado`` → ``pao dourado``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def slug(text: str, separator: str = "") -> str:
    """Letters and digits only, for e-mail addresses and domains."""
    return _NON_ALNUM.sub(separator, ascii_fold(text)).strip(separator)


def email(person: str, domain: str) -> str:
    parts = slug(person, ".").split(".")
    local = f"{parts[0]}.{parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{local}@{domain}"
