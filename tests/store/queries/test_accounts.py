from __future__ import annotations

from datetime import date

import pytest

from csdesk.domain.enums import AccountStatus, Role
from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.store import Workspace
from csdesk.store.queries import accounts


def test_list_accounts_names_owners_and_current_mrr(sample_ws: Workspace) -> None:
    rows = {row.name: row for row in accounts.list_accounts(sample_ws)}
    assert list(rows) == ["Acme Corp", "Beta Ltda", "Gamma_50%"]
    acme = rows["Acme Corp"]
    assert (acme.csm, acme.am, acme.segment, acme.tier) == (
        "Ana Lima",
        "Bruno Reis",
        "Enterprise",
        "Gold",
    )
    assert acme.mrr == 120.0
    assert acme.renewal_date == date(2026, 12, 31)
    assert rows["Beta Ltda"].am is None
    # Gamma paid before the latest month and not in it: it churned, so its MRR is zero.
    assert rows["Gamma_50%"].mrr == 0.0
    assert rows["Gamma_50%"].status is AccountStatus.CHURNED


def test_account_without_any_revenue_has_unknown_mrr(sample_ws: Workspace) -> None:
    sample_ws.insert_many("accounts", ["name", "name_key"], [("Delta", "delta")])
    delta = next(r for r in accounts.list_accounts(sample_ws) if r.name == "Delta")
    assert delta.mrr is None


def test_latest_revenue_month(sample_ws: Workspace, tmp_path) -> None:
    assert accounts.latest_revenue_month(sample_ws) == Month(2026, 4)
    with Workspace.create(tmp_path / "empty.csdesk") as empty:
        assert accounts.latest_revenue_month(empty) is None
        assert accounts.list_accounts(empty) == []


def test_account_detail_header(sample_ws: Workspace) -> None:
    detail = accounts.account_detail(sample_ws, 1)
    assert detail.name == "Acme Corp"
    assert detail.owners == {Role.CS: "Ana Lima", Role.AM: "Bruno Reis", Role.SUPPORT: "Carla Dias"}
    assert (detail.mrr, detail.mrr_month) == (120.0, Month(2026, 4))
    assert detail.currency == "BRL"
    gamma = accounts.account_detail(sample_ws, 3)
    assert gamma.mrr == 0.0
    assert gamma.owners == {Role.AM: "Bruno Reis"}


def test_account_detail_of_unknown_id_is_a_user_error(sample_ws: Workspace) -> None:
    with pytest.raises(CsdeskError, match="no account with id 99"):
        accounts.account_detail(sample_ws, 99)


def test_find_accounts_prefers_prefix_and_escapes_wildcards(sample_ws: Workspace) -> None:
    assert accounts.find_accounts(sample_ws, "a") == [
        (1, "Acme Corp"),
        (2, "Beta Ltda"),
        (3, "Gamma_50%"),
    ]
    assert accounts.find_accounts(sample_ws, "ltda") == [(2, "Beta Ltda")]
    assert accounts.find_accounts(sample_ws, "b-2") == [(2, "Beta Ltda")]
    # "_" and "%" are literal characters, not SQL wildcards.
    assert accounts.find_accounts(sample_ws, "a_5") == [(3, "Gamma_50%")]
    assert accounts.find_accounts(sample_ws, "%") == [(3, "Gamma_50%")]
    assert accounts.find_accounts(sample_ws, "  ") == []
