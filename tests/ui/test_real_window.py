"""The real app in a real window: `csdesk open FILE` started as a person would, under an Xvfb
of the test's own, on Qt's xcb platform (the rest of the suite runs offscreen, which would not
notice a window that cannot open). Skipped only where Xvfb is not installed; scripts/setup.sh
installs it, so CI runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import real_display
from PySide6.QtGui import QImage

pytestmark = pytest.mark.skipif(
    not real_display.xvfb_available(),
    reason="Xvfb is not installed (scripts/setup.sh installs it)",
)

SCREEN = (1920, 1080)


def painted(image: QImage, window: real_display.TopLevel) -> bool:
    """True when the window's area of the grab holds a drawn window: mostly not the black
    root, and many colours (text, borders, icons), not one flat fill."""
    if image.isNull():
        return False
    colours: set[int] = set()
    samples = lit = 0
    for x in range(window.x + 2, window.x + window.width - 2, 7):
        for y in range(window.y + 2, window.y + window.height - 2, 5):
            pixel = image.pixel(x, y) & 0xFFFFFF
            colours.add(pixel)
            samples += 1
            lit += pixel != 0
    return samples > 0 and lit > samples * 0.6 and len(colours) > 20


def test_csdesk_open_shows_its_main_window_on_a_real_display(
    sample_path: Path, tmp_path: Path
) -> None:
    with real_display.xvfb(*SCREEN) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        app = subprocess.Popen(
            [sys.executable, "-m", "csdesk", "open", str(sample_path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:

            def main_windows() -> list[real_display.TopLevel]:
                return [
                    w
                    for w in real_display.top_levels(display)
                    if w.viewable and w.title.endswith("— csdesk")
                ]

            real_display.wait_for(lambda: bool(main_windows()) or app.poll() is not None)
            if app.poll() is not None:
                _out, err = app.communicate()
                pytest.fail(f"the app ended ({app.returncode}) before its window showed: {err!r}")
            (window,) = main_windows()
            assert window.title.startswith(sample_path.name)
            # A first start (no saved geometry in the test's data folder): 80 % of the screen,
            # centred (no window manager runs, so nothing else places it).
            assert (window.width, window.height) == (1536, 864)
            assert (window.x, window.y) == (192, 108)

            shot = tmp_path / "screen.png"

            def window_drawn() -> bool:
                real_display.grab_screen(display, shot)
                return painted(QImage(str(shot)), window)

            assert real_display.wait_for(window_drawn), f"the window stayed blank: {shot}"
            image = QImage(str(shot))
            assert (image.width(), image.height()) == SCREEN
        finally:
            app.terminate()
            app.communicate(timeout=30)
