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


def start_app(display: str, workspace: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.Popen(
        [sys.executable, "-m", "csdesk", "open", str(workspace)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def shown_window(display: str, app: subprocess.Popen[bytes]) -> real_display.TopLevel:
    """The app's main window once shown; the test fails with the app's words if it ends."""

    def found() -> list[real_display.TopLevel]:
        return [
            w
            for w in real_display.top_levels(display)
            if w.viewable and w.title.endswith("— csdesk")
        ]

    real_display.wait_for(lambda: bool(found()) or app.poll() is not None)
    if app.poll() is not None:
        _out, err = app.communicate()
        pytest.fail(f"the app ended ({app.returncode}) before its window showed: {err!r}")
    (window,) = found()
    return window


def test_csdesk_open_shows_its_main_window_on_a_real_display(
    sample_path: Path, tmp_path: Path
) -> None:
    with real_display.xvfb(*SCREEN) as display:
        app = start_app(display, sample_path)
        try:
            window = shown_window(display, app)
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


def test_the_window_opens_again_where_and_as_large_as_it_was_closed(sample_path: Path) -> None:
    with real_display.xvfb(*SCREEN) as display:
        app = start_app(display, sample_path)
        try:
            window = shown_window(display, app)
            real_display.move_resize(display, window.window, 60, 40, 1210, 730)

            def moved() -> bool:
                now = [w for w in real_display.top_levels(display) if w.window == window.window]
                return bool(now) and (now[0].x, now[0].y, now[0].width, now[0].height) == (
                    60,
                    40,
                    1210,
                    730,
                )

            assert real_display.wait_for(moved)
            # Closed as a window manager's close button does: the app saves and quits.
            real_display.close_window(display, window.window)
            assert app.wait(timeout=60) == 0
        finally:
            if app.poll() is None:
                app.terminate()
            app.communicate(timeout=30)
        again = start_app(display, sample_path)
        try:
            window = shown_window(display, again)
            assert (window.x, window.y, window.width, window.height) == (60, 40, 1210, 730)
        finally:
            again.terminate()
            again.communicate(timeout=30)
