"""A small workspace with a team and accounts whose names are hostile to every renderer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.store import Workspace

HOSTILE_NAMES = {
    "markup": "<b>ACME & Co</b>",
    "formula": '=HYPERLINK("x")',
    "dde": "+cmd|' /C calc'!A0",
    "long": "Very Long Holdings " + "X" * 181,
    "persian": "شرکت نمونه",
    "arabic": "شركة المثال",
    "emoji": "Rocket Labs 🚀",
}


@pytest.fixture
def hostile_names() -> dict[str, str]:
    return dict(HOSTILE_NAMES)


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "team.csdesk", create=True)
    with ws.transaction() as conn:
        conn.executemany(
            "INSERT INTO people (id, name, role, email) VALUES (?, ?, ?, ?)",
            [
                (1, "Ana Souza", "cs", "ana@vendor.example"),
                (2, "Bruno Lima", "am", "bruno@vendor.example"),
                (3, "Carla Dias", "support", "carla@vendor.example"),
                (4, "Diego Reis", "cx", None),
            ],
        )
        conn.executemany(
            "INSERT INTO accounts (external_id, name, name_key, csm_id, am_id, support_owner_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(key, name, name.lower(), 1, 2, 3) for key, name in HOSTILE_NAMES.items()]
            + [("plain", "Plain Co", "plain co", 1, None, None)],
        )
    yield ws
    ws.close()
