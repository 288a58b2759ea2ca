"""Every domain enum member has a translated display name."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

import pytest

from csdesk.domain import enums
from csdesk.domain.enums import EventKind, HealthBand, OpportunityStage, Role
from csdesk.i18n import labels, translation
from csdesk.i18n.translation import set_language

ALL_ENUMS = [
    value
    for value in vars(enums).values()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
]


@pytest.fixture(autouse=True)
def restore_language() -> Iterator[None]:
    previous = translation._default
    yield
    translation._default = previous


@pytest.mark.parametrize("enum", ALL_ENUMS, ids=lambda enum: enum.__name__)
def test_every_member_has_its_own_name(enum: type[StrEnum]) -> None:
    missing = [member for member in enum if member not in labels._ENUM_NAMES]
    assert missing == []


def test_roles_read_as_a_brazilian_csm_says_them() -> None:
    set_language("pt-BR")
    assert [labels.label(role) for role in Role] == [
        "Sucesso do Cliente",
        "Gerente de Contas",
        "Suporte",
        "Experiência do Cliente (CX)",
    ]
    assert labels.role_short(Role.SUPPORT) == "Suporte"
    assert labels.role_short(Role.AM) == "AM"


def test_bands_movements_and_market_terms_in_portuguese() -> None:
    set_language("pt_BR")
    assert [labels.label(band) for band in HealthBand] == ["Saudável", "Em risco", "Crítico"]
    assert [labels.movement_label(kind) for kind in labels.MOVEMENT_KINDS] == [
        "Novo",
        "Expansão",
        "Contração",
        "Churn",
        "Reativação",
    ]
    assert labels.label(EventKind.QBR) == "QBR"
    assert labels.metric_label("nrr_12m") == "NRR (12 meses)"
    assert labels.metric_label("tma_minutes") == "TMA (tempo médio de atendimento)"
    assert labels.health_component_label("adoption") == "Adoção"


def test_english_names_and_the_fallback_for_unknown_keys() -> None:
    set_language("en")
    assert labels.label(OpportunityStage.CLOSED_WON) == "Closed won"
    assert labels.label(Role.AM) == "Account Management"
    assert labels.metric_label("brand_new_metric") == "Brand new metric"

    class MovementKind(StrEnum):
        EXPANSION = "expansion"

    assert labels.label(MovementKind.EXPANSION) == "Expansion"
