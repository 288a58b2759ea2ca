"""A real X display for tests: an Xvfb of our own, its top-level windows, and a screen grab.

The rest of the suite runs Qt offscreen, which never loads the xcb platform plugin; a window
that cannot open on a real desktop (a system library missing, say) only shows up here. The
window list comes from libX11 through ctypes (libX11 is what Qt's xcb plugin loads anyway), and
the grab from a small Qt program on the xcb platform, so nothing else needs installing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# An X error (a window gone between two calls) would end the test process with libX11's default
# handler; this one ignores it.
_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_IGNORE_ERRORS = _ERROR_HANDLER(lambda _display, _event: 0)
IS_VIEWABLE = 2

GRAB_PROGRAM = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
ok = app.primaryScreen().grabWindow(0).save(sys.argv[1])
sys.exit(0 if ok else 1)
"""


class _WindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


class _ClientMessage(ctypes.Structure):
    """XClientMessageEvent, padded to the size of an XEvent (24 longs)."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
        ("pad", ctypes.c_long * 12),
    ]


CLIENT_MESSAGE = 33


@dataclass(frozen=True, slots=True)
class TopLevel:
    """A window that is a direct child of the root (no window manager runs in the Xvfb)."""

    title: str
    x: int
    y: int
    width: int
    height: int
    viewable: bool
    window: int = 0  # the X window id


def xvfb_available() -> bool:
    return shutil.which("Xvfb") is not None


@contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """An Xvfb of ``width``×``height`` on a free display number (Xvfb picks it); yields its
    ``DISPLAY`` value. The root is black (``-br``), so a blank screen is all black."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-br",
            # Without it the server resets when its last client leaves, and an app started
            # right after one that quit finds no display for a moment.
            "-noreset",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        number = os.read(read_end, 32).decode().strip() if ready else ""
        if not number:
            process.kill()
            message = process.communicate()[1].decode(errors="replace")
            raise RuntimeError(f"Xvfb did not start: {message.strip()}")
        yield f":{number}"
    finally:
        os.close(read_end)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _xlib() -> ctypes.CDLL:
    lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XQueryTree.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
        ctypes.POINTER(ctypes.c_uint),
    ]
    lib.XGetWindowAttributes.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(_WindowAttributes),
    ]
    lib.XGetWindowProperty.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_long,
        ctypes.c_long,
        ctypes.c_int,
        ctypes.c_ulong,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XMoveResizeWindow.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
    ]
    lib.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_ClientMessage),
    ]
    lib.XFlush.argtypes = [ctypes.c_void_p]
    lib.XSetErrorHandler.argtypes = [_ERROR_HANDLER]
    lib.XSetErrorHandler.restype = ctypes.c_void_p
    return lib


def _title(lib: ctypes.CDLL, display: int, window: int, atom: int) -> str:
    kind, fmt = ctypes.c_ulong(), ctypes.c_int()
    count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
    status = lib.XGetWindowProperty(
        display, window, atom, 0, 1024, 0, 0, kind, fmt, count, after, data
    )
    if status != 0 or not data.value:
        return ""
    try:
        return ctypes.string_at(data.value, count.value).decode("utf-8", errors="replace")
    finally:
        lib.XFree(data)


def top_levels(display_name: str) -> list[TopLevel]:
    """The root window's children with their titles (_NET_WM_NAME, which Qt sets in UTF-8)."""
    lib = _xlib()
    lib.XSetErrorHandler(_IGNORE_ERRORS)
    display = lib.XOpenDisplay(display_name.encode())
    if not display:
        raise RuntimeError(f"cannot open X display {display_name}")
    try:
        root = lib.XDefaultRootWindow(display)
        name_atom = lib.XInternAtom(display, b"_NET_WM_NAME", 0)
        root_out, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        if not lib.XQueryTree(display, root, root_out, parent, children, count):
            return []
        found: list[TopLevel] = []
        try:
            for index in range(count.value):
                window = children[index]
                attributes = _WindowAttributes()
                if not lib.XGetWindowAttributes(display, window, attributes):
                    continue
                found.append(
                    TopLevel(
                        _title(lib, display, window, name_atom),
                        attributes.x,
                        attributes.y,
                        attributes.width,
                        attributes.height,
                        attributes.map_state == IS_VIEWABLE,
                        window,
                    )
                )
        finally:
            if children:
                lib.XFree(children)
        return found
    finally:
        lib.XCloseDisplay(display)


def grab_screen(display_name: str, path: Path) -> None:
    """The whole screen of ``display_name`` as a PNG at ``path``, taken by Qt on xcb."""
    env = {**os.environ, "DISPLAY": display_name, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    subprocess.run(
        [sys.executable, "-c", GRAB_PROGRAM, str(path)],
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
    )


def wait_for(condition: Callable[[], bool], *, limit: float = 60.0, every: float = 0.2) -> bool:
    """Poll ``condition()`` until true or ``limit`` seconds have passed (a bound for a hung
    start, not a measured duration); the last answer."""
    deadline = time.monotonic() + limit
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return bool(condition())
        time.sleep(every)


@contextmanager
def _opened(display_name: str) -> Iterator[tuple[ctypes.CDLL, int]]:
    lib = _xlib()
    lib.XSetErrorHandler(_IGNORE_ERRORS)
    display = lib.XOpenDisplay(display_name.encode())
    if not display:
        raise RuntimeError(f"cannot open X display {display_name}")
    try:
        yield lib, display
    finally:
        lib.XCloseDisplay(display)


def move_resize(display_name: str, window: int, x: int, y: int, width: int, height: int) -> None:
    """Move and resize ``window`` as a person dragging it would (no window manager: at once)."""
    with _opened(display_name) as (lib, display):
        lib.XMoveResizeWindow(display, window, x, y, width, height)
        lib.XFlush(display)


def close_window(display_name: str, window: int) -> None:
    """Ask ``window`` to close as a window manager's close button does (WM_DELETE_WINDOW)."""
    with _opened(display_name) as (lib, display):
        message = _ClientMessage()
        message.type = CLIENT_MESSAGE
        message.window = window
        message.message_type = lib.XInternAtom(display, b"WM_PROTOCOLS", 0)
        message.format = 32
        message.data[0] = lib.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        message.data[1] = 0  # CurrentTime
        lib.XSendEvent(display, window, 0, 0, ctypes.byref(message))
        lib.XFlush(display)
