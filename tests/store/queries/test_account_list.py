"""The accounts list read a column at a time says what the whole-row list says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from csdesk.demo import generate
from csdesk.demo.sizes import DemoSize
from csdesk.domain.text_order import text_key
from csdesk.ingest.accounts_matching import name_key
from csdesk.store import Workspace
from csdesk.store.queries import account_list
from csdesk.store.queries.account_list import ListColumn
from csdesk.store.queries.accounts import list_accounts

SIZE = DemoSize(
    "list-test", accounts=400, tickets=0, surveys=0, events=0, csms=7, ams=3,
    support_agents=2, cx=1,
)  # fmt: skip


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("account_list") / "demo.csdesk"
    with Workspace.create(path) as ws:
        generate(ws, size=SIZE, seed=3, today=date(2026, 11, 22))
        # Names whose case differs outside ASCII, a twin name, a blank segment, and accounts
        # that paid before the latest month but not in it, or never paid.
        ws.insert_many(
            "accounts",
            ["id", "name", "name_key", "segment", "tier"],
            [
                (i, name, name_key(name), segment, tier)
                for i, name, segment, tier in (
                    (90_001, "ÓTICA ZETA", "", None),
                    (90_002, "Ótica alfa", None, "Gold"),
                    (90_003, "ótica Beta", "SMB", ""),
                    (90_004, "Ótica alfa", "SMB", "Gold"),
                    (90_005, "Zed never paid", "SMB", "Gold"),
                    (90_006, "ótica gama", "SMB", "Gold"),  # equal once casefolded
                    (90_007, "ÓTICA GAMA", "SMB", "Gold"),
                    (90_008, "Ótima Ltda", None, None),
                    (90_009, "Oticas Unidas", None, None),
                )
            ],
        )
        ws.insert_many(
            "revenue_months", ["account_id", "month", "mrr"], [(90_001, "2024-01", 10.0)]
        )
    ws = Workspace.open(path, read_only=True)
    yield ws
    ws.close()


def test_listing_is_in_name_key_order_ties_by_id(demo_ws: Workspace) -> None:
    """Accents, case and legal suffixes are ignored, as a person looks a name up."""
    listing = account_list.read_listing(demo_ws)
    rows = list_accounts(demo_ws)
    expected = sorted((name_key(r.name), r.id) for r in rows)
    assert [(name_key(n), i) for n, i in zip(listing.names, listing.ids, strict=True)] == expected
    assert listing.names == [{r.id: r.name for r in rows}[i] for i in listing.ids]
    assert listing.folded == [n.casefold() for n in listing.names]
    # Code-point order would put every "Ó" after "Z"; the name key puts it with the Os.
    mine = {90_001, 90_002, 90_003, 90_004, 90_006, 90_007, 90_008, 90_009}
    oticas = [n for n, i in zip(listing.names, listing.ids, strict=True) if i in mine]
    assert oticas == [
        "Ótica alfa", "Ótica alfa", "ótica Beta", "ótica gama", "ÓTICA GAMA", "ÓTICA ZETA",
        "Oticas Unidas", "Ótima Ltda",
    ]  # fmt: skip
    assert [i for i in listing.ids if i in mine] == [
        90_002, 90_004, 90_003, 90_006, 90_007, 90_001, 90_009, 90_008,
    ]  # fmt: skip
    assert listing.latest_month == max(
        m for (m,) in demo_ws.query("SELECT DISTINCT month FROM revenue_months")
    )


def test_listing_is_read_in_order_off_an_index(demo_ws: Workspace) -> None:
    """The list comes out of SQLite in name order rather than being sorted by it: the plan
    walks the name index, with no temporary sort (what keeps opening 100,000 accounts fast)."""
    plan = " ".join(
        str(row[-1]) for row in demo_ws.query("EXPLAIN QUERY PLAN " + account_list.LISTING_SQL)
    )
    assert "COVERING INDEX accounts_name_key_order" in plan and "TEMP B-TREE" not in plan


def test_every_column_agrees_with_the_whole_rows(demo_ws: Workspace) -> None:
    listing = account_list.read_listing(demo_ws)
    rows = {r.id: r for r in list_accounts(demo_ws)}
    attribute = {
        ListColumn.EXTERNAL_ID: "external_id",
        ListColumn.SEGMENT: "segment",
        ListColumn.TIER: "tier",
        ListColumn.CSM: "csm",
        ListColumn.AM: "am",
        ListColumn.STATUS: "status",
        ListColumn.RENEWAL: "renewal_date",
        ListColumn.MRR: "mrr",
    }
    for column, name in attribute.items():
        values = account_list.column_values(demo_ws, column, listing)
        assert values == [getattr(rows[i], name) for i in listing.ids]  # by position
    together = account_list.search_columns(demo_ws, listing)
    for column, values in together.items():
        assert values == account_list.column_values(demo_ws, column, listing)
    mrr = dict(
        zip(listing.ids, account_list.column_values(demo_ws, ListColumn.MRR, listing), strict=True)
    )
    assert mrr[90_001] == 0.0  # paid before, not in the latest month
    assert mrr[90_005] is None  # never paid: unknown, not zero


def test_rows_by_id_are_the_whole_rows(demo_ws: Workspace) -> None:
    listing = account_list.read_listing(demo_ws)
    rows = {r.id: r for r in list_accounts(demo_ws)}
    some = [*listing.ids[::7], 90_001, 90_005]
    read = account_list.account_rows(demo_ws, some, listing.latest_month)
    assert {r.id: r for r in read} == {i: rows[i] for i in some}
    assert account_list.account_rows(demo_ws, [], listing.latest_month) == []


def test_choices_are_each_value_once_in_casefolded_order(demo_ws: Workspace) -> None:
    listing = account_list.read_listing(demo_ws)
    rows = list_accounts(demo_ws)
    for choices, name in ((listing.segments, "segment"), (listing.tiers, "tier"),
                          (listing.csms, "csm")):  # fmt: skip
        values = {getattr(r, name) for r in rows} - {None, ""}
        assert choices == sorted(values, key=text_key)


def test_an_empty_workspace_lists_nothing(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "empty.csdesk") as ws:
        listing = account_list.read_listing(ws)
        assert (listing.ids, listing.names, listing.segments, listing.latest_month) == (
            [], [], [], ""
        )  # fmt: skip
        assert account_list.column_values(ws, ListColumn.MRR, listing) == []
        ws.insert_many("accounts", ["id", "name", "name_key"], [(5, "Solo", "solo")])
        listing = account_list.read_listing(ws)
        assert (listing.ids, listing.names, listing.folded) == ([5], ["Solo"], ["solo"])
