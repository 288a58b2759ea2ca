"""The shared real datasets (RavenStack's five linked exports) as a consultant's data room."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
from test_realdata import AS_OF, RAVENSTACK, content

from csdesk.i18n.lang import Lang
from csdesk.ingest import commit, prepare
from csdesk.ingest.dataroom import import_room, plan_room
from csdesk.store import Workspace

# Out of dependency order on purpose, with Portuguese names as a client would send them.
NAMES = {
    "feature_usage": "03 uso por assinatura.csv",
    "support_tickets": "suporte/chamados.csv",
    "churn_events": "01 cancelamentos.csv",
    "subscriptions": "assinaturas.csv",
    "accounts": "Cadastro de clientes.csv",
}


def test_ravenstack_zip_room_ends_as_the_files_imported_one_by_one(
    realdata: Path, tmp_path: Path
) -> None:
    source = realdata / "ravenstack"
    archive = tmp_path / "sala RavenStack.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for stem, name in NAMES.items():
            out.write(source / f"{stem}.csv", name)
        out.write(source / "accounts.csv", "cópia de Cadastro de clientes.csv")
        out.write(realdata / "README.md", "LEIA-ME.md")
    with Workspace.open(tmp_path / "sala.csdesk", create=True) as ws:
        with plan_room(archive, lang=Lang("en"), ws=ws, as_of=AS_OF) as room:
            assert [f.entity for f in room.files] == [
                "accounts",
                "contracts",
                "usage",
                "tickets",
                "events",
            ]
            assert {s.file: s.code for s in room.skipped} == {
                "cópia de Cadastro de clientes.csv": "duplicate",
                "LEIA-ME.md": "not_spreadsheet",
            }
            result = import_room(ws, room)
        assert all(f.rows_rejected == 0 for f in result.files)
        from_room = content(ws)
    shutil.copytree(source, tmp_path / "alone")
    with Workspace.open(tmp_path / "alone.csdesk", create=True) as ws:
        for stem in RAVENSTACK:
            commit(ws, prepare(tmp_path / "alone" / f"{stem}.csv", ws=ws, as_of=AS_OF))
        assert content(ws) == from_room
    expected = {stem: len(pd.read_csv(source / f"{stem}.csv")) for stem in RAVENSTACK}
    assert len(from_room["accounts"]) == expected["accounts"]
    assert len(from_room["contracts"]) == expected["subscriptions"]
    assert len(from_room["tickets"]) == expected["support_tickets"]
    assert len(from_room["events"]) == expected["churn_events"]
