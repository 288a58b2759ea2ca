"""`csdesk today`, `csdesk action ...` and `csdesk timeline` on the hand-built book: the JSON
keys the README promises, the changes they make, and bad input refused with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.store import Workspace
from tests.desk.desk_book import build

ACTION_KEYS = {
    "id",
    "account_id",
    "account",
    "rule",
    "owner_role",
    "owner",
    "title",
    "why",
    "due",
    "priority",
    "state",
    "steps",
}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    ws, _ = build(tmp_path / "book.csdesk")
    ws.close()
    return tmp_path / "book.csdesk"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _today(capsys: pytest.CaptureFixture[str], book: Path, *extra: str) -> dict:
    code, out, _ = _run(capsys, "today", str(book), "--as-of", "2026-06-15", "--json", *extra)
    assert code == 0
    return json.loads(out)


def test_today_json_keys_and_filters(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    data = _today(capsys, book)
    assert set(data) == {"as_of", "actions"} and data["as_of"] == "2026-06-15"
    assert all(set(a) == ACTION_KEYS for a in data["actions"])
    renewal = next(a for a in data["actions"] if a["rule"] == "renewal_due")
    assert renewal["account_id"] == "RENEW-SOON"  # the external id
    assert (renewal["owner_role"], renewal["owner"], renewal["priority"]) == (
        "am",
        "Bruno Reis",
        "high",
    )
    assert renewal["steps"][0] == {"title": "Confirm the decision maker", "done": False}
    dues = [a["due"] for a in data["actions"]]
    assert dues == sorted(dues)
    support = _today(capsys, book, "--role", "support")["actions"]
    assert [a["rule"] for a in support] == ["escalation"]
    carla = _today(capsys, book, "--owner", "carla dias")["actions"]
    assert carla == support


def test_action_commands_change_the_queue(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    actions = _today(capsys, book)["actions"]
    renewal = next(a["id"] for a in actions if a["rule"] == "renewal_due")
    busy = next(a["id"] for a in actions if a["rule"] == "expansion_signal")
    quiet = next(a["id"] for a in actions if a["rule"] == "no_touch" and a["account"] == "Quiet")
    assert _run(capsys, "action", "step", str(book), str(renewal), "1")[0] == 0
    code, _, _ = _run(capsys, "action", "snooze", str(book), str(busy), "--until", "2099-01-01")
    assert code == 0
    code, _, _ = _run(
        capsys,
        "action",
        "done",
        str(book),
        str(quiet),
        "--note",
        "Called",
        "--as-of",
        "2026-06-15",
    )
    assert code == 0
    code, out, _ = _run(
        capsys,
        "action",
        "add",
        str(book),
        "HALF",
        "Send the roadmap",
        "--due",
        "2026-06-20",
        "--role",
        "am",
    )
    assert code == 0 and "added" in out
    shown = {a["id"]: a for a in _today(capsys, book)["actions"]}
    assert shown[renewal]["steps"][0]["done"] is True
    assert busy not in shown and quiet not in shown
    manual = [a for a in shown.values() if a["rule"] == "manual"]
    assert [(m["title"], m["owner"], m["due"]) for m in manual] == [
        ("Send the roadmap", "Bruno Reis", "2026-06-20")
    ]
    everything = {a["id"]: a["state"] for a in _today(capsys, book, "--all")["actions"]}
    assert (everything[busy], everything[quiet]) == ("snoozed", "done")
    code, out, _ = _run(capsys, "timeline", str(book), "Quiet", "--kind", "call", "--json")
    data = json.loads(out)
    assert (data["account_id"], data["account"]) == ("QUIET", "Quiet")
    assert data["entries"][0] == {
        "date": "2026-06-15",
        "kind": "call",
        "role": "cs",
        "person": "Ana Lima",
        "title": "Get in touch",
        "body": "Called",
        "source": "logged",
    }


def test_timeline_shows_derived_entries(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    code, out, _ = _run(capsys, "timeline", str(book), "ESCALATED", "--json")
    assert code == 0
    entries = json.loads(out)["entries"]
    ticket = next(e for e in entries if e["kind"] == "ticket")
    assert (ticket["source"], ticket["role"], ticket["title"]) == (
        "tickets",
        "support",
        "Export fails",
    )
    assert "escalated" in ticket["body"]
    code, out, _ = _run(capsys, "timeline", str(book), "ESCALATED", "--role", "support", "--json")
    assert {e["role"] for e in json.loads(out)["entries"]} == {"support"}


def test_timeline_speaks_the_language_asked(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    """Derived entries use the account page's words in --lang: a ticket's priority and state,
    a renewal's title; the text columns widen for the longer pt-BR kind names."""
    code, out, _ = _run(capsys, "timeline", str(book), "ESCALATED", "--json", "--lang", "pt-BR")
    assert code == 0
    ticket = next(e for e in json.loads(out)["entries"] if e["kind"] == "ticket")
    assert ticket["body"] == "Urgente, aberto, escalonado"
    code, out, _ = _run(capsys, "timeline", str(book), "Renew Soon", "--json")
    renewal = next(e for e in json.loads(out)["entries"] if e["kind"] == "renewal_due")
    assert (renewal["date"], renewal["title"]) == ("2026-08-01", "Contract renewal due")
    code, out, _ = _run(capsys, "timeline", str(book), "Renew Soon", "--lang", "pt-BR")
    line = next(x for x in out.splitlines() if "01/08/2026" in x)
    assert "Data de renovação  " in line and line.endswith("Renovação de contrato prevista")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["today", "{f}", "--as-of", "2026-02-30"], "'2026-02-30' is not a date"),
        (["today", "{f}", "--role", "boss"], "role 'boss' is not one of"),
        (["today", "{f}", "--owner", "Nobody"], "no team member named 'Nobody'"),
        (["action", "done", "{f}", "999"], "no action with id 999"),
        (["action", "done", "{f}", "abc"], "'abc' is not an action id"),
        (["action", "snooze", "{f}", "1", "--until", "2000-01-01"], "not after today"),
        (["action", "dismiss", "{f}", "1", "--reason", " "], "needs a reason"),
        (["action", "add", "{f}", "NOPE", "Call"], "no account with external id or name"),
        (["action", "step", "{f}", "1", "7"], "no step 7"),
        (["timeline", "{f}", "Nope"], "no account with external id or name"),
        (["timeline", "{f}", "QUIET", "--kind", "party"], "kind 'party' is not one of"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], book: Path, argv: list[str], message: str
) -> None:
    assert _run(capsys, "today", str(book), "--as-of", "2026-06-15")[0] == 0
    with Workspace.open(book, read_only=True) as ws:
        before = ws.query("SELECT * FROM actions ORDER BY id")
        events = ws.scalar("SELECT count(*) FROM events")
    code, _out, err = _run(capsys, *[a.replace("{f}", str(book)) for a in argv])
    assert code == 2
    assert err.startswith("csdesk: ") and err.count("\n") == 1 and message in err
    with Workspace.open(book, read_only=True) as ws:
        assert ws.query("SELECT * FROM actions ORDER BY id") == before
        assert ws.scalar("SELECT count(*) FROM events") == events


def test_today_lists_the_recorded_queue_while_the_app_holds_the_workspace(
    capsys: pytest.CaptureFixture[str], book: Path
) -> None:
    """A CSM with the app open runs `csdesk today` in a terminal: the queue the app recorded,
    and one line on stderr saying the rules were not evaluated again (JSON stays valid)."""
    from lock_holder import held_elsewhere

    recorded = _today(capsys, book)["actions"]
    with Workspace.open(book) as ws:  # an action the rules would raise again is gone
        ws.execute("DELETE FROM actions WHERE id = ?", (recorded[0]["id"],))
    with held_elsewhere(book):
        code, out, err = _run(capsys, "today", str(book), "--as-of", "2026-06-15", "--json")
    assert code == 0
    assert json.loads(out)["actions"] == recorded[1:]  # not evaluated again: none re-raised
    assert err.startswith("csdesk: the rules were not evaluated again") and err.count("\n") == 1
    assert "is open for writing in another csdesk" in err
