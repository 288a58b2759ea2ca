#!/usr/bin/env bash
# Sets csdesk up on a fresh machine: the system libraries Qt and the report tests need
# (installed with apt-get when run as root on Debian/Ubuntu), a virtual environment in .venv,
# and csdesk with its test tools in it. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt itself and the report tests (pdftoppm), then what Qt's xcb platform plugin loads to open a
# real window on X11 (Qt 6.5+ refuses to start without libxcb-cursor0; the list is what `ldd` of
# PySide6's Qt/plugins/platforms/libqxcb.so and libQt6XcbQpa.so names), and Xvfb, in which the
# test suite opens the real window (tests/ui/test_real_window.py).
system_packages=(poppler-utils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
system_packages+=(libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
  libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 xvfb)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
elif [ "$(uname -s)" = Linux ]; then
  echo "setup: not a Debian-like system, so nothing is checked: the window needs Qt's xcb" \
    "libraries (xcb cursor, icccm, image, keysyms, randr, render-util, shape, xkb and" \
    "xkbcommon-x11), the tests Xvfb and poppler's pdftoppm." >&2
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these system packages first (as root, or with sudo):" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: csdesk needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>/dev/null || true
# -qq: errors only. With one -q, setuptools' notes about the data folders of resources/ (which
# are data, not packages) fill the screen on every run. constraints.txt: the versions the suite
# last passed with, so that a library's new release cannot change an unchanged tree's result.
.venv/bin/python -m pip install -qq --disable-pip-version-check -c constraints.txt -e '.[test]'
.venv/bin/python -c 'import csdesk, PySide6, pandas, reportlab' \
  || { echo "setup: the installation is incomplete; see the messages above." >&2; exit 1; }
echo "setup: ready ($(.venv/bin/csdesk --version))"
