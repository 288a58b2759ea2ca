from __future__ import annotations

import re
from pathlib import Path

from csdesk.ui import icons
from csdesk.ui.main_window import DESTINATIONS
from csdesk.ui.pages.account import DERIVED_ICONS
from csdesk.ui.timeline_entry import ICON_OF_KIND

UI = Path(__file__).resolve().parents[2] / "csdesk" / "ui"
LUCIDE = Path(__file__).resolve().parents[2] / "resources" / "icons" / "lucide"


def names_used() -> set[str]:
    found = {d.icon_name for d in DESTINATIONS}
    found |= set(ICON_OF_KIND.values()) | set(DERIVED_ICONS.values())
    for path in UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'icons\.icon\(\s*"([a-z0-9-]+)"', text))
        found |= set(re.findall(r'icon_name = "([a-z0-9-]+)"', text))
        found |= set(re.findall(r'EmptyState\(\s*"([a-z0-9-]+)"', text))
        found |= set(re.findall(r'tinted_file\("([a-z0-9-]+)"', text))
    return found


def test_every_icon_the_app_names_is_bundled_with_its_licence_and_source(qtbot) -> None:  # type: ignore[no-untyped-def]
    used = names_used()
    assert {"layout-dashboard", "building-2", "chevron-down", "plus"} <= used
    missing = sorted(name for name in used if not (LUCIDE / f"{name}.svg").is_file())
    assert missing == []
    assert "ISC License" in (LUCIDE / "LICENSE").read_text(encoding="utf-8")
    assert "lucide-1.1.4" in (LUCIDE / "SOURCE.txt").read_text(encoding="utf-8")


def test_icons_are_tinted_and_render(qtbot) -> None:  # type: ignore[no-untyped-def]
    path = icons.tinted_file("plus", "#123456")
    text = path.read_text(encoding="utf-8")
    assert 'stroke="#123456"' in text and "currentColor" not in text
    pixmap = icons.icon("plus", "#123456").pixmap(24, 24)
    assert not pixmap.isNull()
    image = pixmap.toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(24)
        for y in range(24)
        if image.pixelColor(x, y).alpha() > 200
    }
    assert colours == {"#123456"}


def test_a_missing_icon_is_an_empty_icon_not_a_crash(qtbot, capsys) -> None:  # type: ignore[no-untyped-def]
    assert icons.icon("no-such-icon", "#000000").isNull()
    assert "no-such-icon" in capsys.readouterr().err
