"""A cut groups by name: two CSMs who share a name are one group for every figure.

The accounts, revenue and health of such a group always covered both people's accounts
(``scope.group_names``); support and CX were grouped by CSM id and then re-keyed by name, so
one person's figures were written over the other's.
"""

from __future__ import annotations

from csdesk.domain.month import Month
from csdesk.metrics import cuts
from csdesk.store import Workspace
from tests.metrics.conftest import Book

JUNE = Month(2025, 6)


def _ticket(account_id: int, day: str, handle: float, csat: int) -> dict[str, object]:
    return {
        "account_id": account_id,
        "opened_at": f"2025-{day} 09:00:00",
        "first_response_minutes": 30.0,
        "resolution_hours": 2.0,
        "handle_minutes": handle,
        "priority": "normal",
        "contacts": 1,
        "csat": csat,
    }


def _portfolio(book: Book, second_name: str) -> None:
    first = book.person("Ana Souza")
    second = book.person(second_name)
    other = book.person("Bo")
    k1 = book.account("K1", csm_id=first, segment="SMB")
    k2 = book.account("K2", csm_id=second, segment="SMB")
    k3 = book.account("K3", csm_id=other, segment="Enterprise")
    for account in (k1, k2, k3):
        book.revenue(account, {"2025-05": 100, "2025-06": 100})
    book.rows(
        "tickets",
        [
            _ticket(k1, "06-02", 10.0, 5),
            _ticket(k2, "06-03", 20.0, 2),
            _ticket(k2, "06-04", 30.0, 4),
            _ticket(k3, "06-05", 40.0, 1),
        ],
    )
    book.rows(
        "surveys",
        [
            {"account_id": k1, "date": "2025-06-10", "type": "nps", "score": 10},
            {"account_id": k2, "date": "2025-06-11", "type": "nps", "score": 3},
            {"account_id": k3, "date": "2025-06-12", "type": "nps", "score": 9},
        ],
    )


def test_two_csms_of_one_name_are_one_group(ws: Workspace, book: Book) -> None:
    _portfolio(book, "Ana Souza")
    by_csm = cuts.by(ws, "csm", as_of=JUNE)
    assert sorted(by_csm) == ["Ana Souza", "Bo"]
    ana = by_csm["Ana Souza"]
    assert ana["accounts"] == 2 and ana["mrr"] == 200
    assert ana["support"]["tickets"] == 3
    assert ana["support"]["tma_minutes"] == 20.0  # (10 + 20 + 30) / 3
    assert ana["nps"]["responses"] == 2
    assert ana["nps"]["score"] == 0.0  # one promoter, one detractor
    assert by_csm["Bo"]["support"]["tickets"] == 1


def test_the_group_equals_the_segment_that_holds_the_same_accounts(
    ws: Workspace, book: Book
) -> None:
    # K1 and K2 form the segment SMB as well: the CSM group of the same two accounts must
    # give the same support and CX figures.
    _portfolio(book, "Ana Souza")
    ana = cuts.by(ws, "csm", as_of=JUNE)["Ana Souza"]
    smb = cuts.by(ws, "segment", as_of=JUNE)["SMB"]
    for key in ("support", "nps", "csat", "ces", "mrr", "accounts", "health"):
        assert ana[key] == smb[key], key


def test_distinct_names_stay_apart(ws: Workspace, book: Book) -> None:
    _portfolio(book, "Ana Lima")
    by_csm = cuts.by(ws, "csm", as_of=JUNE)
    assert sorted(by_csm) == ["Ana Lima", "Ana Souza", "Bo"]
    assert by_csm["Ana Souza"]["support"]["tickets"] == 1
    assert by_csm["Ana Lima"]["support"]["tickets"] == 2
    assert by_csm["Ana Lima"]["support"]["tma_minutes"] == 25.0
    assert by_csm["Ana Lima"]["nps"]["responses"] == 1
