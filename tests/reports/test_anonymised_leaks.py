"""Anonymised means anonymised: no file name, folder or real name in any byte of an anonymised
document, its metadata included (streams and zip parts are unpacked before the search)."""

from __future__ import annotations

import re
import subprocess
import zipfile
import zlib
from datetime import date
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.demo import generate
from csdesk.demo.sizes import DemoSize
from csdesk.store import Workspace
from csdesk.store.settings import ORGANISATION

SECRETS = ("Horizonte", "Segredo", "Padaria Real", "Joana Verdadeira", "Holding Oculta")
SIZE = DemoSize("leaks", 24, 100, 40, 100, csms=2, ams=1, support_agents=1, cx=1, months=24)


def _document_bytes(path: Path) -> bytes:
    """Everything a reader of the file could find: raw bytes, zip parts, inflated streams."""
    raw = path.read_bytes()
    parts = [raw]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    if raw.startswith(b"%PDF"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        parts.append(text.stdout)
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _leaks(path: Path) -> list[str]:
    data = _document_bytes(path)
    found = []
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
            if secret.encode(encoding) in data:
                found.append(f"{secret} ({encoding})")
    return found


@pytest.fixture(params=["file-name", "setting"])
def client_ws(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / "Projeto Segredo"
    folder.mkdir()
    path = folder / "Construtora Horizonte.csdesk"
    with Workspace.open(path, create=True) as ws:
        generate(ws, size=SIZE, seed=2, today=date(2026, 3, 15))
        with ws.transaction() as conn:
            conn.execute(
                "UPDATE accounts SET name = 'Padaria Real Ltda', external_id = 'C-1' WHERE id = "
                "(SELECT min(id) FROM accounts WHERE status = 'active')"
            )
            conn.execute(
                "UPDATE people SET name = 'Joana Verdadeira' WHERE id = "
                "(SELECT min(id) FROM people WHERE role = 'cs')"
            )
            conn.execute(
                "UPDATE accounts SET csm_id = (SELECT min(id) FROM people WHERE role = 'cs')"
            )
        if request.param == "setting":
            ORGANISATION.set(ws, "Holding Oculta")
    return path


def test_no_anonymised_document_names_the_client(client_ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    runs = {
        "export.xlsx": ["export", str(client_ws), "-o", str(out / "export.xlsx")],
        "audit.pdf": ["report", "audit", str(client_ws), "-o", str(out / "audit.pdf")],
        "roles.pdf": ["report", "roles", str(client_ws), "C-1", "-o", str(out / "roles.pdf")],
        "qbr.pdf": ["report", "qbr", str(client_ws), "C-1", "-o", str(out / "qbr.pdf")],
        "qbr.pptx": ["report", "qbr", str(client_ws), "C-1", "-o", str(out / "qbr.pptx")],
    }
    for name, args in runs.items():
        plain = tmp_path / f"plain-{name}"
        assert main([*args[:-1], str(plain)]) == 0, name
        assert _leaks(plain), f"{name}: the test's names must show without --anonymise"
        assert main([*args, "--anonymise"]) == 0, name
        assert _leaks(out / name) == [], name
