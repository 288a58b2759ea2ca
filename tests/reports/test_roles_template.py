"""The role-clarity matrix: shipped defaults, validation, the user's stored copy."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from csdesk.domain.enums import Role
from csdesk.errors import CsdeskError
from csdesk.reports.roles_template import (
    default_template,
    load_template,
    parse_template,
    reset_template,
    save_template,
)
from csdesk.store import Workspace


@pytest.mark.parametrize("language", ["en", "pt_BR", "pt-BR"])
def test_shipped_matrix_covers_the_domain(language: str) -> None:
    template = default_template(language)
    keys = [item.key for item in template.responsibilities]
    assert keys == [
        "bugs",
        "adoption_plan",
        "qbr",
        "opportunities",
        "negotiation",
        "renewal_terms",
        "discounts",
        "price_adjustments",
        "amendments",
        "feedback",
        "escalations",
    ]
    owner = {item.key: item.accountable() for item in template.responsibilities}
    # DESIGN.md: a bug goes to Support, the QBR is CS's, CS raises and AM closes.
    assert owner["bugs"] is Role.SUPPORT
    assert owner["qbr"] is Role.CS
    assert owner["adoption_plan"] is Role.CS
    assert owner["negotiation"] is Role.AM
    assert owner["discounts"] is Role.AM
    assert owner["feedback"] is Role.CX
    opportunities = next(i for i in template.responsibilities if i.key == "opportunities")
    assert opportunities.raci[Role.CS] == "R"
    assert opportunities.raci[Role.AM] == "A"
    assert set(template.roles) == set(Role)
    assert all(card.channels and card.response_time for card in template.roles.values())


def test_the_two_languages_have_the_same_matrix() -> None:
    en, pt = default_template("en"), default_template("pt_BR")
    assert [i.raci for i in en.responsibilities] == [i.raci for i in pt.responsibilities]
    assert [s.who for s in en.escalation] == [s.who for s in pt.escalation]
    assert pt.responsibilities[0].title == "Bugs e dúvidas de uso"


def _data() -> dict[str, Any]:
    return default_template("en").to_dict()


def test_two_accountable_roles_are_refused_naming_the_row() -> None:
    data = _data()
    data["responsibilities"][2]["raci"]["am"] = "A"
    with pytest.raises(CsdeskError, match=r"responsibility 3 .*exactly one role must be"):
        parse_template(data, "my.toml")


def test_a_letter_outside_raci_is_refused_naming_role_and_value() -> None:
    data = _data()
    data["responsibilities"][0]["raci"]["cx"] = "X"
    with pytest.raises(CsdeskError, match=r"my\.toml, responsibility 1: raci\.cx = 'X'"):
        parse_template(data, "my.toml")


def test_an_unknown_escalation_role_is_refused() -> None:
    data = _data()
    data["escalation"][0]["who"] = "sales"
    with pytest.raises(CsdeskError, match="'sales' is not a role"):
        parse_template(data, "my.toml")


def test_edited_copy_is_stored_per_language_and_can_be_reset(team_ws: Workspace) -> None:
    template = default_template("pt_BR")
    edited = dataclasses.replace(template, title="Quem faz o quê na ACME")
    save_template(team_ws, edited)
    assert load_template(team_ws, "pt-BR").title == "Quem faz o quê na ACME"
    assert load_template(team_ws, "en").title == default_template("en").title
    reset_template(team_ws, "pt_BR")
    assert load_template(team_ws, "pt_BR").title == template.title
    assert load_template(None, "en") == default_template("en")
